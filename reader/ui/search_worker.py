"""Search off the UI thread: one worker object on its own QThread owns the index.

The window asks with :meth:`SearchService.search`, which returns a token; only the answer
to the latest token comes back (``resultsReady``), so a result that arrives after the user
typed on is dropped. The worker also skips a request that is already stale when its turn
comes, so a burst of keystrokes does not queue a burst of searches. The index is opened
(or built, the first time) on the worker too, after the window has shown.

Signals:
    resultsReady(object): a :class:`SearchOutcome` for the latest query.
    indexReady(list): the index is open; the list holds its warnings (plain French).
    indexFailed(str): the index could not be opened; searching is unavailable.
"""

from __future__ import annotations

import difflib
import logging
import threading
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, QThread, Signal, Slot

from reader.content.model import Library, Question

if TYPE_CHECKING:
    from reader.paths import Paths

log = logging.getLogger(__name__)

RESULT_LIMIT = 30
NEARBY_LIMIT = 6


@dataclass(frozen=True)
class SearchOutcome:
    """What the results list shows for one query.

    ``hits`` are the matches, best first (objects with the search index's ``Hit`` fields);
    when there are none, ``suggestion`` is the corrected query, if any, and ``nearby`` holds
    questions close to what was typed, so the list is never bare.
    """

    token: int
    query: str
    hits: tuple[Any, ...]
    suggestion: str | None = None
    fuzzy: bool = False
    nearby: tuple[Any, ...] = ()
    interpreted: str | None = None  # set when hits came through synonyms or corrections


@dataclass(frozen=True)
class NearbyQuestion:
    """A question offered when nothing matched; the same fields as a search hit."""

    id: str
    page: str
    section: str
    question: str
    score: float = 0.0
    snippet: str = ""
    terms: tuple[str, ...] = ()
    answered: bool = True

    @classmethod
    def of(cls, question: Question, score: float) -> NearbyQuestion:
        return cls(
            question.id,
            question.page_id,
            question.section_title,
            question.title,
            score,
            answered=question.answered,
        )


def nearby_questions(library: Library, text: str, limit: int = NEARBY_LIMIT) -> list[Any]:
    """Questions whose title words look like the words typed (typos, partial words)."""
    from reader.ui.answer_view import fold

    words = [w for w in fold(text).split() if len(w) >= 3]
    if not words:
        return []
    scored = []
    matcher = difflib.SequenceMatcher(autojunk=False)
    for question in library.questions():
        title_words = [w for w in fold(question.title).replace("'", " ").split() if len(w) >= 3]
        best = 0.0
        for word in words:
            matcher.set_seq2(word)
            for title_word in title_words:
                matcher.set_seq1(title_word)
                if matcher.real_quick_ratio() > best and matcher.quick_ratio() > best:
                    best = max(best, matcher.ratio())
        if best >= 0.6:
            scored.append((best, question))
    scored.sort(key=lambda pair: -pair[0])
    return [NearbyQuestion.of(question, score) for score, question in scored[:limit]]


class _Latest:
    """The latest token asked for, shared with the worker (an int swap is atomic)."""

    def __init__(self) -> None:
        self.token = 0
        self.lock = threading.Lock()


class SearchWorker(QObject):
    """Lives on the search thread; owns the index. Use :class:`SearchService`."""

    opened = Signal(int, list)
    openFailed = Signal(int, str)
    resultsReady = Signal(object)

    def __init__(self, latest: _Latest, index_factory=None, paths: Paths | None = None) -> None:
        super().__init__()
        self._latest = latest
        self._index = None
        self._library: Library | None = None
        self._factory = index_factory
        self._paths = paths  # where the index is cached (None: in memory)

    @Slot(int, object)
    def open_index(self, generation: int, library: Library) -> None:
        try:
            if self._factory is None:
                from reader.search.index import SearchIndex  # heavy: only on this thread

                paths = self._paths
                self._factory = lambda library: SearchIndex.open(
                    library,
                    paths.index_dir if paths else None,
                    tables_dir=paths.search_cache_dir if paths else None,
                )
            old, self._index = self._index, None
            if old is not None and hasattr(old, "close"):
                old.close()
            self._index = self._factory(library)
            self._library = library
        except Exception as error:
            log.exception("search index could not be opened")
            self.openFailed.emit(generation, str(error))
            return
        self.opened.emit(generation, list(getattr(self._index, "warnings", [])))

    @Slot(int, str)
    def run_search(self, token: int, query: str) -> None:
        if token != self._latest.token or self._index is None:
            return  # stale already: the user typed on
        try:
            result = self._index.search(query, limit=RESULT_LIMIT)
            hits = tuple(result.hits)
            nearby: tuple[Any, ...] = ()
            if not hits and token == self._latest.token:
                if result.suggestion:
                    nearby = tuple(self._index.search(result.suggestion, limit=NEARBY_LIMIT).hits)
                if not nearby and self._library is not None:
                    nearby = tuple(nearby_questions(self._library, query))
            outcome = SearchOutcome(
                token,
                query,
                hits,
                result.suggestion,
                bool(result.fuzzy),
                nearby,
                getattr(result, "interpreted", None),
            )
        except Exception:
            log.exception("search failed for %r", query)
            outcome = SearchOutcome(token, query, ())
        self.resultsReady.emit(outcome)

    @Slot()
    def close_index(self) -> None:
        if self._index is not None and hasattr(self._index, "close"):
            self._index.close()
        self._index = None


class SearchService(QObject):
    """The window's handle on the search thread.

    Signals:
        resultsReady(object): a :class:`SearchOutcome` for the latest query only.
        indexReady(list): the index for the current library is open (its warnings).
        indexFailed(str): the index could not be opened.
    """

    resultsReady = Signal(object)
    indexReady = Signal(list)
    indexFailed = Signal(str)
    _openRequested = Signal(int, object)
    _searchRequested = Signal(int, str)
    _closeRequested = Signal()

    def __init__(
        self, parent: QObject | None = None, index_factory=None, paths: Paths | None = None
    ) -> None:
        super().__init__(parent)
        self._latest = _Latest()
        self._generation = 0
        self._ready = False
        self._thread = QThread()
        self._thread.setObjectName("search")
        self._worker = SearchWorker(self._latest, index_factory, paths)
        self._worker.moveToThread(self._thread)
        self._openRequested.connect(self._worker.open_index)
        self._searchRequested.connect(self._worker.run_search)
        self._closeRequested.connect(self._worker.close_index)
        self._worker.opened.connect(self._on_opened)
        self._worker.openFailed.connect(self._on_open_failed)
        self._worker.resultsReady.connect(self._on_results)
        self._thread.start(QThread.Priority.LowPriority)

    @property
    def ready(self) -> bool:
        return self._ready

    def open(self, library: Library) -> None:
        """Open (or build) the index of ``library`` on the worker; ``indexReady`` follows."""
        self._generation += 1
        self._ready = False
        self._openRequested.emit(self._generation, library)

    def search(self, query: str) -> int:
        """Ask for ``query``; returns its token. Earlier requests become stale."""
        with self._latest.lock:
            self._latest.token += 1
            token = self._latest.token
        self._searchRequested.emit(token, query)
        return token

    def cancel(self) -> None:
        """Make every pending request stale (the query was cleared)."""
        with self._latest.lock:
            self._latest.token += 1

    def shutdown(self, timeout_ms: int = 5000) -> None:
        if not self._thread.isRunning():
            return
        self.cancel()
        self._closeRequested.emit()
        self._thread.quit()
        if not self._thread.wait(timeout_ms):
            log.warning("search thread still busy at exit")

    @Slot(int, list)
    def _on_opened(self, generation: int, warnings: list) -> None:
        if generation != self._generation:
            return
        self._ready = True
        self.indexReady.emit(warnings)

    @Slot(int, str)
    def _on_open_failed(self, generation: int, message: str) -> None:
        if generation == self._generation:
            self.indexFailed.emit(message)

    @Slot(object)
    def _on_results(self, outcome: SearchOutcome) -> None:
        if outcome.token != self._latest.token:
            return  # stale: dropped
        self.resultsReady.emit(outcome)
