"""One refresh (or rollback, or clean-up) at a time per user data folder.

An OS lock (:meth:`reader.content.store.UserStore.lock`) on a file in the store: the
window and the CLI can both be running, and a lock left by a killed process is released
by the OS with it.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from reader.content.store import LOCK_NAME
from reader.fsutil import LockBusy, exclusive_lock

Busy = LockBusy  # another refresh holds the lock


@contextmanager
def store_lock(content_dir: Path) -> Iterator[None]:
    """Hold the store's lock for the block; :class:`Busy` if someone else holds it,
    :class:`OSError` if the lock file cannot be made (read-only or full disk …)."""
    with exclusive_lock(content_dir / LOCK_NAME):
        yield
