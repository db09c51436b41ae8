"""Writes under one folder fail with EROFS (a read-only disk: nothing is created, renamed
or deleted there) or ENOSPC (a full disk: no file is created or written; deleting and
renaming still work). Only the process that calls :func:`install` is affected."""

from __future__ import annotations

import builtins
import errno
import io
import os
from typing import Any

_WRITE = os.O_WRONLY | os.O_RDWR | os.O_CREAT | os.O_APPEND | os.O_TRUNC


def install(kind: str, root: str) -> None:
    """Make writes under ``root`` fail; ``kind`` is ``erofs`` or ``enospc``."""
    code = errno.EROFS if kind == "erofs" else errno.ENOSPC
    top = os.path.abspath(root)

    def inside(path: Any) -> bool:
        if not isinstance(path, str | bytes | os.PathLike):
            return False
        full = os.path.abspath(os.fsdecode(path))
        return full == top or full.startswith(top + os.sep)

    def fail(path: Any) -> None:
        raise OSError(code, os.strerror(code), os.fsdecode(path))

    real_open = builtins.open

    def open_(file: Any, mode: str = "r", *args: Any, **kwargs: Any) -> Any:
        if any(c in mode for c in "wax+") and inside(file):
            fail(file)
        return real_open(file, mode, *args, **kwargs)

    builtins.open = io.open = open_  # type: ignore[assignment]
    real_os_open = os.open

    def os_open(path: Any, flags: int, mode: int = 0o777, *, dir_fd: Any = None) -> int:
        if flags & _WRITE and inside(path):
            fail(path)
        return real_os_open(path, flags, mode, dir_fd=dir_fd)

    os.open = os_open  # type: ignore[assignment]
    names = ("mkdir", "rename", "replace", "link", "unlink", "remove", "rmdir", "symlink")
    for name in names if kind == "erofs" else ():  # a full disk still links and deletes
        real = getattr(os, name)

        def patched(src: Any, *args: Any, _real: Any = real, **kwargs: Any) -> Any:
            if inside(src) or (args and inside(args[0])):
                fail(src)
            return _real(src, *args, **kwargs)

        setattr(os, name, patched)
