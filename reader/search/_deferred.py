"""Import Whoosh without the modules it imports but never uses here.

Whoosh imports ``urllib.request`` (for a download helper), ``cached_property`` (which
imports ``asyncio``) and its English morphology tables at import time: a third of the
``faq-reader search`` start-up, for code the reader never runs. While Whoosh is imported,
those modules are stood in for by light modules: the names Whoosh takes from them are lazy
(they import the real thing on first use), and any other attribute imports the real
module at once, so a thread that imports one of them meanwhile still gets what it asks
for. Afterwards the stand-ins are taken out of ``sys.modules``: importing those modules
later gives the real ones.
"""

from __future__ import annotations

import functools
import importlib
import sys
import threading
import types
from collections.abc import Callable
from typing import Any

_lock = threading.Lock()


class _StandIn(types.ModuleType):
    """A module that imports the real one for any attribute it does not have."""

    def __getattr__(self, name: str) -> Any:
        if name.startswith("__"):
            raise AttributeError(name)
        return getattr(_real(self.__name__), name)


def _real(name: str) -> types.ModuleType:
    module = sys.modules.get(name)
    if isinstance(module, _StandIn):
        del sys.modules[name]
        module = None
    return module if module is not None else importlib.import_module(name)


def _lazy(module: str, name: str) -> Callable[..., Any]:
    def call(*args: Any, **kwargs: Any) -> Any:
        return getattr(_real(module), name)(*args, **kwargs)

    call.__name__ = call.__qualname__ = name
    return call


def _stand_ins() -> dict[str, dict[str, Any]]:
    return {
        "urllib.request": {"urlretrieve": _lazy("urllib.request", "urlretrieve")},
        # The package's cached_property, minus its asyncio support (Whoosh's readers
        # cache plain values): functools' does the same for plain methods.
        "cached_property": {"cached_property": functools.cached_property},
        "whoosh.lang.morph_en": {"variations": _lazy("whoosh.lang.morph_en", "variations")},
    }


def import_whoosh() -> None:
    """Import the parts of Whoosh the reader uses, without its unused dependencies."""
    if "whoosh.index" in sys.modules:
        return
    with _lock:
        if "whoosh.index" in sys.modules:
            return
        placed: list[tuple[str, types.ModuleType]] = []
        try:
            for name, attributes in _stand_ins().items():
                if name in sys.modules:
                    continue
                module = _StandIn(name)
                module.__dict__.update(attributes)
                sys.modules[name] = module
                placed.append((name, module))
            importlib.import_module("whoosh.index")
            importlib.import_module("whoosh.filedb.filestore")
            importlib.import_module("whoosh.codec.whoosh3")
            importlib.import_module("whoosh.fields")
            importlib.import_module("whoosh.searching")  # imported by the first searcher
        finally:
            for name, module in placed:
                if sys.modules.get(name) is module:
                    del sys.modules[name]
                parent, _, child = name.rpartition(".")
                if parent and getattr(sys.modules.get(parent), child, None) is module:
                    delattr(sys.modules[parent], child)
