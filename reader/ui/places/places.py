"""The places part: the section tree, the history, back and forward.

It knows the content shown and where the reader is in it. Showing a place (see
:mod:`reader.ui.places.render`) renders it, selects it in the tree, clears its "new /
changed" mark, records it in the history, and says so with signals; the window hands the
rendering to the answer pane. Its widgets (the tree, the back and forward buttons) are
laid out by the window.

Signals:
    rendered(object): a :class:`~reader.ui.places.render.Rendered` for the answer pane.
    placeShown(str): a place is shown ("q:<id>", "p:<page>#<anchor>", "m:…", "home:").
    navigationChanged(bool, bool): whether back, and forward, can go somewhere.
    noted(str): minor news for the status bar.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QTimer, Signal, Slot
from PySide6.QtWidgets import QToolButton

from reader.ui.places.history import History
from reader.ui.places.render import render_place
from reader.ui.places.tree_model import ID_ROLE, KIND_ROLE, SectionTreeModel
from reader.ui.places.tree_view import QuestionTree

if TYPE_CHECKING:
    from collections.abc import Sequence
    from pathlib import Path

    from PySide6.QtCore import QModelIndex
    from PySide6.QtWidgets import QWidget

    from reader.content.library import LoadedContent

log = logging.getLogger(__name__)

EXPAND_ALL_LIMIT = 500  # up to this many questions, the tree opens with its sections open


class Places(QObject):
    """Where the reader is in the content (see the module docstring).

    ``marks_dir`` is where the refresh keeps its "new / changed" marks; ``parent`` is the
    window, which holds the widgets.

    Signals:
        rendered(object): the place to show in the answer pane.
        placeShown(str): the place now shown.
        navigationChanged(bool, bool): back possible, forward possible.
        noted(str): minor news for the status bar.
    """

    rendered = Signal(object)
    placeShown = Signal(str)
    navigationChanged = Signal(bool, bool)
    noted = Signal(str)

    def __init__(self, marks_dir: Path, parent: QWidget) -> None:
        super().__init__(parent)
        self.history = History()
        self._marks_dir = marks_dir
        self._loaded: LoadedContent | None = None
        self._kept: frozenset[str] = frozenset()  # pages to keep offline at the next refresh

        self.model = SectionTreeModel(self)
        self.tree = QuestionTree(parent)
        self.tree.setModel(self.model)
        self.tree.setAccessibleName(self.tr("Sections and questions"))
        self.tree.header().setAccessibleName(self.tr("Sections and questions"))
        self.back_button = QToolButton(parent)
        self.back_button.setText("◀")
        self.back_button.setToolTip(self.tr("Back (Alt+Left)"))
        self.back_button.setAccessibleName(self.tr("Back"))
        self.forward_button = QToolButton(parent)
        self.forward_button.setText("▶")
        self.forward_button.setToolTip(self.tr("Forward (Alt+Right)"))
        self.forward_button.setAccessibleName(self.tr("Forward"))
        for button in (self.back_button, self.forward_button):
            button.setEnabled(False)  # nowhere to go yet

        self.back_button.clicked.connect(self.go_back)
        self.forward_button.clicked.connect(self.go_forward)
        self.tree.selectionModel().currentChanged.connect(self._on_tree_current)
        self.tree.activated.connect(self._on_tree_current)

    def finish_setup(self) -> None:
        """What the tree needs once the window has painted (see the window's module)."""
        self.tree.finish_setup()

    @property
    def current(self) -> str | None:
        """The place shown, if any."""
        return self.history.current

    # -- content -------------------------------------------------------------------------
    def set_content(self, loaded: LoadedContent) -> None:
        """Show ``loaded`` in the tree; the history starts afresh (nothing is shown yet)."""
        from reader.sync.changes import load_marks

        self._loaded = loaded
        self.model.set_library(loaded.library)
        self.model.set_marks(load_marks(self._marks_dir))
        if self.model.question_count() <= EXPAND_ALL_LIMIT:
            self.tree.expandToDepth(1)
        elif self.model.rowCount():
            # A large library: only the first page's sections, so that the tree does not
            # lay out thousands of rows at once.
            self.tree.expand(self.model.index(0, 0))
        self.history.clear()
        self._update_navigation()

    @Slot(object)
    def set_kept(self, page_ids: tuple[str, ...] | list[str]) -> None:
        """The pages the user asked to keep offline: a page not available offline says it
        will be (shown again if it is on screen)."""
        self._kept = frozenset(page_ids)
        current = self.history.current
        if current is not None and current.startswith("m:"):
            self.show(current, record=False)

    # -- showing places ------------------------------------------------------------------
    def show(self, place: str, record: bool = True, terms: tuple[object, ...] = ()) -> bool:
        """Show ``place``; False (and nothing changes) when it is not in the content."""
        rendered = render_place(self._loaded, place, terms, self._kept)
        if rendered is None:
            return False
        kind, _, target = place.partition(":")
        self.rendered.emit(rendered)
        if rendered.note:
            self.noted.emit(rendered.note)
        if kind in ("q", "p"):
            self._select_in_tree(target)
        if kind == "q" and self.model.mark(target):
            # Once the event that opened it is over: a click makes the row current, then
            # selects the row under the mouse; the row must not shrink in between (its
            # mark gone), or the row below it would be selected.
            QTimer.singleShot(0, self, lambda: self._clear_mark(target))
        if record:
            self.history.visit(place)
        self._update_navigation()
        self.placeShown.emit(place)
        return True

    def open_question(self, question_id: str, terms: Sequence[object] = ()) -> bool:
        """Show a question, its ``terms`` (the words a search hit matched) highlighted."""
        return self.show(f"q:{question_id}", terms=tuple(terms))

    def show_welcome(self) -> None:
        self.show("home:")

    @Slot(str, str)
    def open_wiki_link(self, page_id: str, anchor: str) -> None:
        """A ``wiki:`` link: the question, the page, or "not available offline"."""
        if self._loaded is None:
            return
        library = self._loaded.library
        page = library.page(page_id)
        page_id = page.id if page is not None else page_id  # a namespace link's page
        if anchor and library.question(f"{page_id}#{anchor}") is not None:
            self.show(f"q:{page_id}#{anchor}")
        elif page is not None:
            self.show(f"p:{page_id}#{anchor or page.title_anchor}")
        else:
            self.show(f"m:{page_id}#{anchor}")

    @Slot()
    def go_back(self) -> None:
        place = self.history.back()
        if place is not None:
            self.show(place, record=False)

    @Slot()
    def go_forward(self) -> None:
        place = self.history.forward()
        if place is not None:
            self.show(place, record=False)

    def focus_tree(self) -> None:
        """Put the keyboard in the tree, on its first row when none is current."""
        from PySide6.QtCore import Qt

        self.tree.setFocus(Qt.FocusReason.OtherFocusReason)
        if not self.tree.currentIndex().isValid() and self.model.rowCount():
            self.tree.setCurrentIndex(self.model.index(0, 0))

    def _update_navigation(self) -> None:
        back, forward = self.history.can_go_back(), self.history.can_go_forward()
        self.back_button.setEnabled(back)
        self.forward_button.setEnabled(forward)
        self.navigationChanged.emit(back, forward)

    # -- the tree ------------------------------------------------------------------------
    def _select_in_tree(self, target: str) -> None:
        index = self.model.index_for(target)
        if index.isValid() and self.tree.currentIndex() != index:
            selection = self.tree.selectionModel()
            selection.blockSignals(True)
            self.tree.setCurrentIndex(index)
            selection.blockSignals(False)
            self.tree.viewport().update()
            self.tree.scrollTo(index)

    def _on_tree_current(self, index: QModelIndex) -> None:
        if not index.isValid():
            return
        kind = index.data(KIND_ROLE)
        target = index.data(ID_ROLE)
        place = f"q:{target}" if kind == "question" else f"p:{target}"
        if place != self.history.current:
            self.show(place)

    def _clear_mark(self, question_id: str) -> None:
        """The question is open: its "new / changed" mark goes, in the tree and on disk."""
        if not self.model.clear_mark(question_id):
            return
        from reader.sync.changes import clear_mark

        try:
            clear_mark(self._marks_dir, question_id)
        except OSError as error:
            log.info("mark not cleared: %s", error)
