"""Search off the UI thread: the index is owned by a one-thread job runner.

Opening (or building) the index and every query are jobs (:mod:`reader.ui.jobs`) on the
same runner, which runs them one after the other on one low-priority thread, so the index
is never used by two threads at once. :meth:`SearchService.search` cancels the previous
query's job: a query still waiting its turn is skipped, and an answer that comes back after
the user typed on is dropped; only the answer to the latest query is emitted. The index is
opened after the window has shown.

Signals:
    resultsReady(object): a :class:`SearchOutcome` for the latest query.
    indexReady(list): the index is open; the list holds its warnings (plain French).
    indexFailed(str): the index could not be opened; searching is unavailable.
"""

from __future__ import annotations

import logging
import traceback
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal, Slot

from reader.ui.jobs import Job, JobCancelled, JobError, JobRunner
from reader.ui.search.outcome import SearchOutcome

if TYPE_CHECKING:
    from collections.abc import Callable

    from reader.content.model import Library
    from reader.paths import Paths
    from reader.search.results import Searcher
    from reader.ui.jobs import JobContext

log = logging.getLogger(__name__)

RESULT_LIMIT = 30


class SearchService(QObject):
    """The window's handle on the search index (see the module docstring).

    ``index_factory(library)`` opens an index (tests hand in a fake); by default the
    search index of :mod:`reader.search`, cached under ``paths`` (in memory without them).

    Signals:
        resultsReady(object): a :class:`SearchOutcome` for the latest query only.
        indexReady(list): the index for the current library is open (its warnings).
        indexFailed(str): the index could not be opened.
    """

    resultsReady = Signal(object)
    indexReady = Signal(list)
    indexFailed = Signal(str)

    def __init__(
        self,
        parent: QObject | None = None,
        index_factory: Callable[[Library], Searcher] | None = None,
        paths: Paths | None = None,
    ) -> None:
        super().__init__(parent)
        self._runner = JobRunner("search", self, threads=1, low_priority=True)
        self._factory = index_factory
        self._paths = paths
        # Used on the runner's thread only (its jobs never overlap).
        self._index: Searcher | None = None
        self._opening: Job | None = None
        self._query: Job | None = None
        self._ready = False
        self._closed = False

    @property
    def ready(self) -> bool:
        """The index for the current library is open."""
        return self._ready

    def idle(self) -> bool:
        """No job of the search is waiting or running."""
        return self._runner.pending() == 0

    def open(self, library: Library) -> None:
        """Open (or build) the index of ``library``; ``indexReady`` follows."""
        self._ready = False
        if self._opening is not None:
            self._opening.cancel()  # a newer library: the older one's answer is not wanted
        job = Job(lambda context: self._open_index(context, library), "search-open")
        job.finished.connect(self._on_opened)
        job.failed.connect(self._on_open_failed)
        self._opening = job
        self._runner.start(job)

    def search(self, query: str, correct: bool = True) -> Job:
        """Ask for ``query``; earlier queries become stale. Returns the query's job.

        ``correct=False`` searches the words as typed, without correcting typos.
        """
        self.cancel()
        job = Job(lambda context: self._run_search(context, query, correct), "search")
        job.finished.connect(self._on_results)
        self._query = job
        self._runner.start(job)
        return job

    def cancel(self) -> None:
        """Make the pending query stale (the field changed, or was cleared)."""
        if self._query is not None:
            self._query.cancel()
            self._query = None

    def shutdown(self, timeout_ms: int = 5000) -> None:
        """Stop: pending queries are dropped, the index is closed (window closing)."""
        if self._closed:
            return
        self._closed = True
        self.cancel()
        self._runner.start(Job(self._close_index, "search-close"))
        self._runner.shutdown(timeout_ms)

    # -- on the search thread ------------------------------------------------------------
    def _open_index(self, context: JobContext, library: Library) -> list[str]:
        if self._factory is None:
            from reader.search.index import SearchIndex  # heavy: only on this thread

            paths = self._paths
            self._factory = lambda library: SearchIndex.open(
                library,
                paths.index_dir if paths else None,
                tables_dir=paths.search_cache_dir if paths else None,
            )
        if context.cancelled:
            raise JobCancelled()
        self._close_index(context)
        try:
            self._index = self._factory(library)
        except Exception as error:
            log.exception("search index could not be opened")
            raise JobError(str(error), traceback.format_exc()) from error
        return list(self._index.warnings)

    def _run_search(self, _context: JobContext, query: str, correct: bool) -> SearchOutcome:
        index = self._index
        if index is None:
            raise JobCancelled()  # asked before the index was open: the panel asks again
        try:
            return SearchOutcome.of(index.search(query, limit=RESULT_LIMIT, correct=correct))
        except Exception:
            log.exception("search failed for %r", query)
            return SearchOutcome(query, correct=correct, failed=True)

    def _close_index(self, _context: JobContext | None = None) -> None:
        old, self._index = self._index, None
        if old is not None:
            old.close()

    # -- back on the UI thread -----------------------------------------------------------
    @Slot(object)
    def _on_opened(self, warnings: list[str]) -> None:
        if self.sender() is not self._opening:
            return  # an older library's index
        self._opening = None
        self._ready = True
        self.indexReady.emit(warnings)

    @Slot(str, str)
    def _on_open_failed(self, message: str, detail: str) -> None:
        if self.sender() is not self._opening:
            return
        self._opening = None
        self.indexFailed.emit(message)

    @Slot(object)
    def _on_results(self, outcome: SearchOutcome) -> None:
        if self.sender() is not self._query:
            return  # stale: the user typed on
        self._query = None
        self.resultsReady.emit(outcome)
