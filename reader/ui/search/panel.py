"""The search part: the search field, the results list and the search service.

Typing is debounced; the query goes to the search service (off the UI thread); only the
answer to the latest query is shown. Enter opens the best result (or the selected one),
unless no result answers the whole query: then nothing is preselected and Enter opens
nothing (the status bar says to go down to the partial answers). Down moves into the
results (or the tree, when no results are shown), Escape clears the query. A corrected
query can be searched as typed, and back ("Search for … instead", Alt+Shift+R). When the
reader abstains it asks, off the UI thread, whether the wiki answers, to offer its own
search in the browser (:mod:`reader.ui.search.reach`).

The field is there from the first paint; the results list and the service are made
after it (:meth:`SearchPanel.finish_setup`). The window lays the widgets out and shows
the results in place of the tree while ``resultsShown`` holds, until ``cleared``.

Signals:
    resultsShown(object): the results list shows a :class:`SearchOutcome`.
    cleared(): the query is empty again (the tree comes back).
    questionActivated(str, list): a result was opened: question id, the words it matched.
    treeRequested(): Down in the field while no results are shown.
    noted(str, int): minor news for the status bar, and for how long (ms, 0: until replaced).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QTimer, Signal, Slot
from PySide6.QtWidgets import QLineEdit

if TYPE_CHECKING:
    from PySide6.QtCore import QEvent
    from PySide6.QtWidgets import QWidget

    from reader.content.model import Library
    from reader.paths import Paths
    from reader.ui.external import AddressDialog
    from reader.ui.search.outcome import SearchOutcome
    from reader.ui.search.reach import WikiReach
    from reader.ui.search.results_view import ResultsPanel
    from reader.ui.search.service import SearchService

DEBOUNCE_MS = 200


class SearchPanel(QObject):
    """Search as you type (see the module docstring).

    ``service`` is the search service to use (tests hand in one); by default one is made
    after the first paint, its index cached under ``paths``.

    Signals:
        resultsShown(object): an outcome is shown in the results list.
        cleared(): the query was cleared.
        questionActivated(str, list): open this question, with these matched words
            (the index's ``MatchedWord`` objects) highlighted.
        treeRequested(): the keyboard should go to the tree.
        noted(str, int): minor news for the status bar (message, timeout in ms).
    """

    resultsShown = Signal(object)
    cleared = Signal()
    questionActivated = Signal(str, list)
    treeRequested = Signal()
    noted = Signal(str, int)

    def __init__(self, paths: Paths, parent: QWidget, service: SearchService | None = None):
        super().__init__(parent)
        self._paths = paths
        self._parent_widget = parent
        self.field = QLineEdit(parent)
        self.field.setPlaceholderText(self.tr("Search the FAQ: type a few words (Ctrl+K)"))
        self.field.setAccessibleName(self.tr("Search the FAQ"))
        self.service: SearchService | None = service
        self.results: ResultsPanel | None = None  # made after the first paint
        self.reach: WikiReach | None = None  # made after the first paint
        self.address_dialog: AddressDialog | None = None  # the last "no browser" dialog
        self._correction: tuple[str, str] | None = None  # (as typed, as corrected)
        self._library: Library | None = None
        self._showing = False  # the results list is what the window shows
        self._open_best_pending = False
        self._last_outcome: SearchOutcome | None = None
        self._debounce = QTimer(self)
        self._debounce.setSingleShot(True)
        self._debounce.setInterval(DEBOUNCE_MS)
        self.field.textChanged.connect(self._on_query_edited)
        self._debounce.timeout.connect(self._run_search)

    def finish_setup(self) -> ResultsPanel:
        """Make the results list and the service (after the first paint); the list."""
        if self.results is not None:
            return self.results
        from reader.ui.search.reach import WikiReach
        from reader.ui.search.results_view import ResultsPanel
        from reader.ui.search.service import SearchService

        self.field.setClearButtonEnabled(True)
        _name_clear_button(self.field, self.tr("Clear the search"))
        self.field.installEventFilter(self)
        self.results = ResultsPanel(self._parent_widget)
        self.results.questionActivated.connect(self.questionActivated)
        self.results.alternativeRequested.connect(self._search_alternative)
        self.results.wikiSearchRequested.connect(self.open_wiki_search)
        self.results.list.escapePressed.connect(self.clear)
        self.results.list.leftTop.connect(self.focus)
        if self.service is None:
            self.service = SearchService(self, paths=self._paths)
        self.service.resultsReady.connect(self._on_results)
        self.service.indexReady.connect(self._on_index_ready)
        self.service.indexFailed.connect(self._on_index_failed)
        self.reach = WikiReach(self)
        self.reach.checked.connect(self._on_wiki_checked)
        if self._library is not None:
            self.service.open(self._library)
        return self.results

    @property
    def ready(self) -> bool:
        """The search index for the current content is open."""
        return self.service is not None and self.service.ready

    @property
    def query(self) -> str:
        return self.field.text().strip()

    @property
    def last_outcome(self) -> SearchOutcome | None:
        """The outcome the results list shows (or showed last)."""
        return self._last_outcome

    def set_library(self, library: Library) -> None:
        """Search ``library`` from now on (its index is opened, or built, off the UI thread)."""
        self._library = library
        if self.service is not None:
            self.service.open(library)

    @Slot()
    def focus(self) -> None:
        from PySide6.QtCore import Qt

        self.field.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.field.selectAll()

    @Slot()
    def clear(self) -> None:
        self.field.clear()
        self.focus()

    def shutdown(self) -> None:
        if self.service is not None:
            self.service.shutdown()
        if self.reach is not None:
            self.reach.shutdown()

    @Slot()
    def open_wiki_search(self) -> None:
        """The wiki's own search for the query, in the browser (or its address to copy)."""
        wiki = self._library.wiki if self._library is not None else ""
        if not wiki or not self.query:
            return
        from PySide6.QtCore import QUrl

        from reader.sync.urls import search_url
        from reader.ui.external import open_url

        self.address_dialog = open_url(
            self._parent_widget.window(), QUrl(search_url(wiki, self.query))
        )

    # -- typing and searching ------------------------------------------------------------
    def _on_query_edited(self, text: str) -> None:
        if text.strip():
            self._debounce.start()
            return
        self._debounce.stop()
        if self.service is not None:
            self.service.cancel()
        self._open_best_pending = False
        if self._showing:
            self._showing = False
            self.cleared.emit()

    def _run_search(self) -> None:
        if not self.query:
            return
        if self.service is None or not self.service.ready:
            self.noted.emit(self.tr("The search index is being prepared…"), 3000)
            return  # run again when the index is ready
        self.service.search(self.query)

    @Slot(object)
    def _on_results(self, outcome: SearchOutcome) -> None:
        if outcome.query != self.query:
            return  # the field changed since: a newer search is on its way
        assert self.results is not None
        self._last_outcome = outcome
        self.results.show_outcome(outcome, self._alternative(outcome), self._content_date())
        self._showing = True
        self._offer_wiki(outcome)
        self.resultsShown.emit(outcome)
        if self._open_best_pending:
            self._open_best_pending = False
            self._open_shown()

    def _alternative(self, outcome: SearchOutcome) -> str | None:
        """The other search to offer: the words as typed when they were corrected, their
        correction again once searched as typed."""
        if outcome.corrected:
            self._correction = (outcome.query, outcome.corrected)
            return outcome.query
        if not outcome.correct and self._correction and self._correction[0] == outcome.query:
            return self._correction[1]
        return None

    @Slot()
    def _search_alternative(self) -> None:
        outcome = self._last_outcome
        if outcome is None or outcome.query != self.query or self.service is None:
            return
        self._debounce.stop()
        self.service.search(self.query, correct=not outcome.correct)

    def _content_date(self) -> str:
        from reader.ui.text import format_date

        updated = self._library.updated if self._library is not None else ""
        return format_date(updated) if updated else ""

    def _offer_wiki(self, outcome: SearchOutcome) -> None:
        """When the reader abstains, ask whether the wiki answers (once in a while)."""
        assert self.results is not None and self.reach is not None
        library = self._library
        if library is None or not library.wiki or not library.pages:
            return
        if outcome.failed or not outcome.abstains or not outcome.words:
            return
        reachable = self.reach.check(library.wiki, library.pages[0].id)
        self.results.set_wiki_reachable(bool(reachable))

    @Slot(str, bool)
    def _on_wiki_checked(self, wiki: str, reachable: bool) -> None:
        if self.results is not None and self._library is not None and wiki == self._library.wiki:
            self.results.set_wiki_reachable(reachable)

    def _open_best(self) -> None:
        if not self.query:
            return
        outcome = self._last_outcome
        fresh = outcome is not None and outcome.query == self.query
        if fresh and self._showing and not self._debounce.isActive():
            self._open_shown()
            return
        self._open_best_pending = True
        self._debounce.stop()
        self._run_search()

    def _open_shown(self) -> None:
        """Enter: the best (or selected) result, unless none answers the whole query."""
        assert self.results is not None
        if self.results.abstains:
            if self.results.model.rowCount():
                message = self.tr(
                    "No answer covers the whole search: press Down for the partial answers."
                )
                self.noted.emit(message, 8000)
            return
        self.results.activate_current()

    @Slot(list)
    def _on_index_ready(self, warnings: list[str]) -> None:
        for warning in warnings[:2]:
            self.noted.emit(warning, 8000)
        if self.query:
            self._run_search()

    @Slot(str)
    def _on_index_failed(self, message: str) -> None:
        self.noted.emit(self.tr("Search is not available: %1").replace("%1", message), 0)

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:
        # Installed after the first paint; Qt's names are read here, not at import (see
        # reader.ui.window.main_window on why).
        from PySide6.QtCore import QEvent, Qt
        from PySide6.QtGui import QKeyEvent

        if obj is self.field and event.type() == QEvent.Type.KeyPress:
            key = event.key() if isinstance(event, QKeyEvent) else None
            if key == Qt.Key.Key_Down:
                if self._showing and self.results is not None:
                    self.results.focus_list()
                else:
                    self.treeRequested.emit()
                return True
            if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
                self._open_best()
                return True
            if key == Qt.Key.Key_Escape:
                self.field.clear()
                return True
        return super().eventFilter(obj, event)


def _name_clear_button(field: QLineEdit, name: str) -> None:
    """Give the line edit's own clear button an accessible name (Qt leaves it empty)."""
    from PySide6.QtWidgets import QToolButton

    for button in field.findChildren(QToolButton):
        button.setAccessibleName(name)
        button.setToolTip(name)
