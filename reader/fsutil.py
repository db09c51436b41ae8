"""Atomic file writes and small file helpers shared by the store, the index and sync:
an exclusive lock between processes, and OS errors told in French."""

from __future__ import annotations

import contextlib
import errno
import hashlib
import json
import logging
import os
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

log = logging.getLogger(__name__)


_MODE: list[int] = []  # the mode a new file gets from the process's umask, read once


def give_usual_mode(fd: int) -> None:
    """Give a file made by ``mkstemp`` (mode 0600) the mode ``open()`` would have given
    it, so that a pack or a document written for others can be read by them."""
    if not hasattr(os, "fchmod"):  # Windows: no POSIX modes
        return
    if not _MODE:
        umask = os.umask(0o022)
        os.umask(umask)
        _MODE.append(0o666 & ~umask)
    with contextlib.suppress(OSError):
        os.fchmod(fd, _MODE[0])


def atomic_write_bytes(path: Path, data: bytes, *, durable: bool = True) -> None:
    """Write ``data`` to ``path`` through a temporary file and a rename.

    A reader sees the old file or the new one, never a half-written one, even if the
    process is killed in the middle. ``durable`` false skips the flush to the disk (a
    cache entry that checks itself when read: after a power cut it may be empty).
    """
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    except OSError as error:  # name the file meant, not a temporary one
        raise OSError(error.errno, error.strerror, str(path)) from error
    try:
        give_usual_mode(fd)
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            if durable:
                handle.flush()
                os.fsync(handle.fileno())
        os.replace(tmp_name, path)
    except BaseException as error:
        with contextlib.suppress(OSError):
            os.unlink(tmp_name)
        if isinstance(error, OSError):
            raise OSError(error.errno, error.strerror, str(path)) from error
        raise


def atomic_write_text(path: Path, text: str, *, durable: bool = True) -> None:
    """Write UTF-8 ``text`` atomically (see :func:`atomic_write_bytes`)."""
    atomic_write_bytes(path, text.encode("utf-8"), durable=durable)


def sha256_bytes(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def sha256_file(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 16), b""):
            digest.update(block)
    return digest.hexdigest()


def read_json_object(path: Path, what: str, fallback: str) -> dict[str, Any]:
    """The JSON object in ``path``, or ``{}``: when the file is missing (quietly), or
    unreadable or not an object (a warning naming ``what`` and the ``fallback`` taken)."""
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return {}
    except (OSError, ValueError) as error:
        log.warning("%s unreadable (%s): %s", what, error, fallback)
        return {}
    return raw if isinstance(raw, dict) else {}


# -- a lock between processes ------------------------------------------------------------------
class LockBusy(Exception):
    """Another process (or another holder in this one) has the lock."""


@contextlib.contextmanager
def exclusive_lock(path: Path) -> Iterator[None]:
    """Hold an OS lock (``fcntl`` / ``msvcrt``) on the file ``path`` for the block.

    Raises :class:`LockBusy` when it is held elsewhere, and :class:`OSError` when the lock
    file cannot be made (a read-only or full disk, a folder in its place). The OS releases
    the lock of a killed process with it.
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
    try:
        try:
            _lock(fd)
        except OSError as error:
            raise LockBusy() from error
        try:
            yield
        finally:
            _unlock(fd)
    finally:
        os.close(fd)


if sys.platform == "win32":
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


# -- OS errors in the user's words -------------------------------------------------------------
_FULL = (errno.ENOSPC, getattr(errno, "EDQUOT", errno.ENOSPC))


def write_failure(error: OSError, folder: Path) -> str:
    """Why a write in ``folder`` failed, as a French phrase naming the folder (no final
    stop): "le dossier « … » est en lecture seule", "le disque … est plein" …

    The folder is that of the file the error names, when it names one.
    """
    target = Path(error.filename) if error.filename else None
    where = target.parent if target is not None else folder
    if error.errno == errno.EROFS:
        return f"le dossier « {where} » est en lecture seule"
    if error.errno in _FULL:
        return f"le disque est plein (dossier « {where} »)"
    if error.errno in (errno.EACCES, errno.EPERM):
        return f"l'écriture est interdite dans le dossier « {where} »"
    if error.errno == errno.EISDIR and target is not None:
        return f"« {target} » est un dossier, pas un fichier"
    if error.errno == errno.ENOTDIR:
        return f"un fichier se trouve à la place d'un dossier sur le chemin « {target or where} »"
    if error.errno == errno.ENAMETOOLONG:
        return f"nom de fichier trop long dans « {where} »"
    return f"impossible d'écrire dans « {where} » ({error.strerror or type(error).__name__})"
