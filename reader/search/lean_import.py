"""Import a library without some modules it imports but never needs here.

Whoosh imports ``urllib.request`` (for a download helper), ``cached_property`` (which
imports ``asyncio``) and its English morphology tables at import time: a third of the
``faq-reader search`` start-up, for code the reader never runs. :func:`import_lean` imports
the modules asked for while their ``from X import name`` statements for the listed modules
get light stand-ins instead.

Nothing is put in ``sys.modules``: the stand-ins are handed to the import statements of the
thread that runs :func:`import_lean` only, by ``builtins.__import__`` for the time of the
import. Another thread that imports ``urllib.request`` meanwhile (the refresh's HTTP
layer) goes through the ordinary import and gets the real module, whatever the timing.
"""

from __future__ import annotations

import builtins
import importlib
import sys
import threading
import types
from collections.abc import Callable, Mapping, Sequence
from typing import Any

_lock = threading.Lock()

StandIns = Mapping[str, Mapping[str, Any]]
"""Module name → the names that ``from module import …`` may take from its stand-in."""


def lazy(module: str, name: str) -> Callable[..., Any]:
    """A function that imports ``module`` on its first call and calls its ``name``."""

    def call(*args: Any, **kwargs: Any) -> Any:
        return getattr(importlib.import_module(module), name)(*args, **kwargs)

    call.__name__ = call.__qualname__ = name
    return call


def import_lean(modules: Sequence[str], stand_ins: StandIns) -> None:
    """Import ``modules`` (if not yet imported) with ``stand_ins`` for what they import."""
    if all(name in sys.modules for name in modules):
        return
    with _lock:
        missing = [name for name in modules if name not in sys.modules]
        if not missing:
            return
        owner = threading.get_ident()
        real_import = builtins.__import__
        made = {
            name: _stand_in(name, attributes)
            for name, attributes in stand_ins.items()
            if name not in sys.modules
        }

        def lean_import(
            name: str,
            globals: Mapping[str, object] | None = None,
            locals: Mapping[str, object] | None = None,
            fromlist: Sequence[str] | None = (),
            level: int = 0,
        ) -> types.ModuleType:
            module = made.get(name) if level == 0 and fromlist else None
            if (
                module is not None
                and threading.get_ident() == owner
                and all(hasattr(module, attribute) for attribute in fromlist or ())
            ):
                return module
            return real_import(name, globals, locals, fromlist, level)

        builtins.__import__ = lean_import
        try:
            for name in missing:
                importlib.import_module(name)
        finally:
            if builtins.__import__ is lean_import:
                builtins.__import__ = real_import


def _stand_in(name: str, attributes: Mapping[str, Any]) -> types.ModuleType:
    module = types.ModuleType(name, f"A light stand-in for {name} (see reader.search.lean_import)")
    module.__dict__.update(attributes)
    return module
