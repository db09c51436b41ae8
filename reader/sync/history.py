"""Going back to the content before a refresh, and forth again, and clearing what an
interrupted refresh left: the store's moves, under the refresh lock.

Apart from :mod:`reader.sync.refresh` so that none of these loads the HTTP stack: the
window cleans up at start and may go back and forth without ever refreshing.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path

from reader.content.store import UserStore
from reader.fsutil import write_failure
from reader.sync.errors import KEPT, RefreshError
from reader.sync.lock import Busy

log = logging.getLogger(__name__)


def rollback(data_dir: Path) -> bool:
    """Go back to the content before the last refresh; the content left is kept for
    :func:`redo`. False when there is none (``UserStore.history()`` tells why)."""
    return _move(UserStore(data_dir), "Retour", UserStore.rollback)


def redo(data_dir: Path) -> bool:
    """Bring back the content the last :func:`rollback` left. False when there is none."""
    return _move(UserStore(data_dir), "Rétablissement", UserStore.redo)


def _move(store: UserStore, what: str, change: Callable[[UserStore], bool]) -> bool:
    try:
        with store.lock():
            store.cleanup()
            return change(store)
    except Busy as error:
        raise RefreshError(f"{what} impossible : une mise à jour est en cours.") from error
    except OSError as error:
        log.warning("%s: cannot write: %r", what, error)
        reason = write_failure(error, store.root)
        raise RefreshError(f"{what} impossible : {reason}. {KEPT}", detail=repr(error)) from error


def cleanup(data_dir: Path) -> None:
    """Remove what an interrupted refresh left behind (call at start-up). Never raises;
    skipped while another process is refreshing."""
    store = UserStore(data_dir)
    if not store.sets_dir.is_dir():
        return
    try:
        with store.lock():
            store.cleanup()
    except (Busy, OSError) as error:
        log.info("clean-up skipped: %s", error)
