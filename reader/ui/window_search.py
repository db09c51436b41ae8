"""The search field and the results list: as-you-type search, Enter, arrows and Escape.

Typing is debounced; the query goes to the search thread; only the answer to the latest
query is shown, in place of the tree. The methods are mixed into
:class:`reader.ui.main_window.MainWindow`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Slot

if TYPE_CHECKING:
    from PySide6.QtCore import QEvent, QObject

    from reader.ui.search_worker import SearchOutcome

DEBOUNCE_MS = 200


class SearchPanelMixin:
    """Search-field handling for the window (see the module docstring)."""

    def focus_search(self) -> None:
        from PySide6.QtCore import Qt

        self.search_field.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search_field.selectAll()

    def clear_search(self) -> None:
        self.search_field.clear()
        self.focus_search()

    def _on_query_edited(self, text: str) -> None:
        if text.strip():
            self._debounce.start()
        else:
            self._debounce.stop()
            if self.search is not None:
                self.search.cancel()
            self._open_best_pending = False
            self.left.setCurrentWidget(self.tree)

    def _run_search(self) -> None:
        query = self.search_field.text().strip()
        if not query:
            return
        if self.search is None or not self.search.ready:
            self.note(self.tr("The search index is being prepared…"), 3000)
            return  # run again when the index is ready
        self.search.search(query)

    @Slot(object)
    def _on_results(self, outcome: SearchOutcome) -> None:
        if outcome.query != self.search_field.text().strip():
            return  # the field changed since: a newer search is on its way
        self._last_outcome = outcome
        assert self.results is not None
        self.results.show_outcome(outcome)
        self.left.setCurrentWidget(self.results)
        self.resultsShown.emit(outcome)
        if self._open_best_pending:
            self._open_best_pending = False
            self.results.activate_current()

    def _open_best(self) -> None:
        query = self.search_field.text().strip()
        if not query:
            return
        fresh = (
            self._last_outcome is not None
            and self._last_outcome.query == query
            and not self._debounce.isActive()
        )
        if fresh and self.results is not None and self.left.currentWidget() is self.results:
            self.results.activate_current()
            return
        self._open_best_pending = True
        self._debounce.stop()
        self._run_search()

    def _on_result_opened(self, question_id: str, terms: list) -> None:
        self.open_question(question_id, terms)

    @Slot(list)
    def _on_index_ready(self, warnings: list) -> None:
        for warning in warnings[:2]:
            self.note(warning)
        if self.search_field.text().strip():
            self._run_search()

    @Slot(str)
    def _on_index_failed(self, message: str) -> None:
        self.note(self.tr("Search is not available: %1").replace("%1", message), 0)

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:
        # Installed after the first paint; Qt's names are read here, not at import (see
        # reader.ui.main_window on why).
        from PySide6.QtCore import QEvent, Qt

        if obj is self.search_field and event.type() == QEvent.Type.KeyPress:
            key = event.key()
            if key == Qt.Key.Key_Down:
                results = self.results
                showing = results is not None and self.left.currentWidget() is results
                target = results.list if showing and results is not None else self.tree
                target.setFocus(Qt.FocusReason.OtherFocusReason)
                if not target.currentIndex().isValid() and target.model().rowCount():
                    target.setCurrentIndex(target.model().index(0, 0))
                return True
            if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
                self._open_best()
                return True
            if key == Qt.Key.Key_Escape:
                self.search_field.clear()
                return True
        return super().eventFilter(obj, event)
