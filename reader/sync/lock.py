"""One refresh (or rollback, or clean-up) at a time per user data folder.

An OS lock (``fcntl`` / ``msvcrt``) on a file in the store: the window and the CLI can
both be running, and a lock left by a killed process is released by the OS with it.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

LOCK_NAME = ".refresh.lock"


class Busy(Exception):
    """Another refresh holds the lock."""


@contextmanager
def store_lock(content_dir: Path) -> Iterator[None]:
    """Hold the store's lock for the block; :class:`Busy` if someone else holds it."""
    content_dir.mkdir(parents=True, exist_ok=True)
    fd = os.open(content_dir / LOCK_NAME, os.O_RDWR | os.O_CREAT, 0o644)
    try:
        try:
            _lock(fd)
        except OSError as error:
            raise Busy() from error
        try:
            yield
        finally:
            _unlock(fd)
    finally:
        os.close(fd)


if os.name == "nt":
    import msvcrt

    def _lock(fd: int) -> None:
        msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)

    def _unlock(fd: int) -> None:
        os.lseek(fd, 0, os.SEEK_SET)
        msvcrt.locking(fd, msvcrt.LK_UNLCK, 1)

else:
    import fcntl

    def _lock(fd: int) -> None:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)

    def _unlock(fd: int) -> None:
        fcntl.flock(fd, fcntl.LOCK_UN)
