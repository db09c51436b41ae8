"""Runs a refresh off the UI thread and reports back with Qt signals.

The refresh itself is :func:`reader.sync.refresh.refresh` (pure Python); this only moves
it to a ``QThread``, forwards its progress, and loads the new library on the worker too,
so the window gets content ready to show. Cancelling is immediate: the cancel token
shuts down the socket being read.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QThread, Signal

from reader.sync.http import CancelToken, HttpClient, Limits
from reader.sync.sources import Sources

if TYPE_CHECKING:
    from reader.paths import Paths

log = logging.getLogger(__name__)


class RefreshWorker(QObject):
    """One refresh, on its own thread.

    Signals:
        progress(Progress): a step of the refresh (page n of N, bytes received).
        succeeded(Summary, LoadedContent): the refresh is done; the new content, loaded.
        failed(str, str): one French sentence for the user, and the details.
        cancelled(str): the user cancelled; nothing changed.
        done(): after any of the three outcomes.
    """

    progress = Signal(object)
    succeeded = Signal(object, object)
    failed = Signal(str, str)
    cancelled = Signal(str)
    done = Signal()

    def __init__(
        self,
        sources: Sources,
        paths: Paths,
        client: HttpClient | None = None,
        limits: Limits | None = None,
    ) -> None:
        super().__init__()
        self.sources = sources
        self.paths = paths
        self.client = client
        self.limits = limits
        self.token = CancelToken()
        self._thread: QThread | None = None

    def start(self) -> None:
        thread = QThread()
        self._thread = thread
        self.moveToThread(thread)
        thread.started.connect(self.run)
        thread.start()

    def cancel(self) -> None:
        self.token.cancel()

    def wait(self, ms: int = 10_000) -> bool:
        return self._thread.wait(ms) if self._thread is not None else True

    def run(self) -> None:
        from reader.content.library import load_library
        from reader.sync.errors import RefreshCancelled, RefreshError
        from reader.sync.refresh import refresh

        try:
            summary = refresh(
                self.sources,
                self.paths,
                client=self.client,
                limits=self.limits,
                cancel=self.token,
                progress=self.progress.emit,
            )
            loaded = load_library(self.paths)
        except RefreshCancelled as error:
            self.cancelled.emit(error.message)
        except RefreshError as error:
            self.failed.emit(error.message, error.detail)
        except Exception as error:  # a bug must not leave the dialog hanging
            log.exception("refresh failed unexpectedly")
            self.failed.emit(
                self.tr(
                    "The update failed because of an unexpected error. The current content is kept."
                ),
                repr(error),
            )
        else:
            self.succeeded.emit(summary, loaded)
        finally:
            # quit from here: a queued quit() would wait for the UI thread, which may be
            # waiting for this thread.
            QThread.currentThread().quit()
            self.done.emit()
