"""The reader window: search field on top, section tree or results on the left, the
answer on the right, a status bar that says where the content comes from.

The window shows first and loads afterwards: the library right after the first paint
(a few milliseconds), the search index on the search thread. What the first paint does not
need waits for it too (:meth:`MainWindow._finish_setup`): the menus' actions, the results
list, the find bar, the event filters. PySide6 builds a Qt type, with all its enums, the
first time Python reads it (the ``Qt`` namespace alone takes tens of milliseconds on an
old machine), so the code that runs before the paint reads only the types it draws with;
``tests/ui/test_startup_diet.py`` keeps it so. Everything it shows comes
from the content and render layers; no parsing or index code lives here. Its other
concerns live beside it: places and history (:mod:`reader.ui.window_places`), the search
field (:mod:`reader.ui.window_search`), the menu commands (:mod:`reader.ui.window_commands`).

Signals:
    firstPainted(): the window has painted once (start-up benchmark, loading).
    contentLoaded(): a library is loaded and shown in the tree.
    placeShown(str): the answer pane shows a place ("q:<id>", "p:<page>#<anchor>", …).
    resultsShown(object): the results list shows a search outcome.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QTimer, Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMainWindow,
    QSplitter,
    QStackedWidget,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from reader.ui import settings as keys
from reader.ui.answer_view import AnswerView
from reader.ui.history import History
from reader.ui.question_tree import QuestionTree
from reader.ui.tree_model import SectionTreeModel
from reader.ui.window_commands import CommandsMixin
from reader.ui.window_parts import format_date, origin_text
from reader.ui.window_places import PlacesMixin
from reader.ui.window_search import DEBOUNCE_MS, SearchPanelMixin

if TYPE_CHECKING:
    from PySide6.QtWidgets import QMenu, QMessageBox

    from reader.content.library import LoadedContent
    from reader.paths import Paths
    from reader.ui.actions import Actions
    from reader.ui.find_bar import FindBar
    from reader.ui.results_view import ResultsPanel
    from reader.ui.search_worker import SearchOutcome, SearchService
    from reader.ui.settings import Settings

log = logging.getLogger(__name__)

EXPAND_ALL_LIMIT = 500  # up to this many questions, the tree opens with its sections open


class MainWindow(PlacesMixin, SearchPanelMixin, CommandsMixin, QMainWindow):
    """The one window of the reader (see the module docstring)."""

    firstPainted = Signal()
    contentLoaded = Signal()
    placeShown = Signal(str)
    resultsShown = Signal(object)

    def __init__(
        self,
        settings: Settings,
        paths: Paths,
        search: SearchService | None = None,
        autoload: bool = True,
    ) -> None:
        super().__init__()
        self.settings = settings
        self.paths = paths
        self.loaded: LoadedContent | None = None
        self.history = History()
        # Made after the first paint (see _finish_setup): not needed to show the window.
        self.search: SearchService | None = search
        self.results: ResultsPanel | None = None
        self.find_bar: FindBar | None = None
        self._painted = False
        self._autoload = autoload
        self._terms: list[str] = []
        self._open_best_pending = False
        self._last_outcome: SearchOutcome | None = None
        self._refresh_handler = None
        self.media_message: QMessageBox | None = None  # the last "file not available"
        self._commands: Actions | None = None
        self._build_widgets()
        self._connect()
        self._restore_state()
        for problem in settings.problems[:1]:
            self.note(self.tr("Settings could not be read; defaults are used."))
            log.info("settings problem noted: %s", problem)

    def _build_widgets(self) -> None:
        self.setWindowTitle(self.tr("Cagette.net FAQ"))
        self.setAccessibleName(self.tr("Cagette.net FAQ reader"))
        self.back_button = QToolButton(self)
        self.back_button.setText("◀")
        self.back_button.setToolTip(self.tr("Back (Alt+Left)"))
        self.back_button.setAccessibleName(self.tr("Back"))
        self.forward_button = QToolButton(self)
        self.forward_button.setText("▶")
        self.forward_button.setToolTip(self.tr("Forward (Alt+Right)"))
        self.forward_button.setAccessibleName(self.tr("Forward"))
        for button in (self.back_button, self.forward_button):
            button.setEnabled(False)  # nowhere to go yet
        self.search_field = QLineEdit(self)
        self.search_field.setPlaceholderText(self.tr("Search the FAQ: type a few words (Ctrl+K)"))
        self.search_field.setAccessibleName(self.tr("Search the FAQ"))
        top = QWidget(self)
        top_layout = QHBoxLayout(top)
        top_layout.setContentsMargins(6, 6, 6, 2)
        top_layout.addWidget(self.back_button)
        top_layout.addWidget(self.forward_button)
        top_layout.addWidget(self.search_field, 1)

        self.tree_model = SectionTreeModel(self)
        self.tree = QuestionTree(self)
        self.tree.setModel(self.tree_model)
        self.tree.setAccessibleName(self.tr("Sections and questions"))
        self.tree.header().setAccessibleName(self.tr("Sections and questions"))
        self.left = QStackedWidget(self)
        self.left.addWidget(self.tree)
        self.left.setAccessibleName(self.tr("Questions"))

        self.answer = AnswerView(self)
        self.answer.setAccessibleName(self.tr("Answer"))
        right = QWidget(self)
        self._right_layout = QVBoxLayout(right)
        self._right_layout.setContentsMargins(0, 0, 0, 0)
        self._right_layout.setSpacing(0)
        self._right_layout.addWidget(self.answer, 1)

        # Horizontal by default. No arguments: QSplitter(parent) would make PySide6 check
        # whether the parent is a Qt.Orientation, which builds the Qt namespace.
        self.splitter = QSplitter()
        self.splitter.addWidget(self.left)
        self.splitter.addWidget(right)
        self.splitter.setStretchFactor(0, 2)
        self.splitter.setStretchFactor(1, 3)
        self.splitter.setChildrenCollapsible(False)
        self.splitter.setAccessibleName(self.tr("Questions and answer"))

        central = QWidget(self)
        layout = QVBoxLayout(central)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(top)
        layout.addWidget(self.splitter, 1)
        self.setCentralWidget(central)

        self.source_label = QLabel(self)
        self.source_label.setAccessibleName(self.tr("Content source"))
        self.statusBar().addPermanentWidget(self.source_label)
        self.statusBar().setAccessibleName(self.tr("Status bar"))
        self.source_label.setText(self.tr("Loading the content…"))
        # Problems that last (damaged content, nowhere to save): kept in view, not a
        # passing message; the tooltip lists them all.
        self.warning_label = QLabel(self)
        self.warning_label.setAccessibleName(self.tr("Warnings"))
        self.warning_label.hide()  # styled when first shown (show_warnings)
        self.statusBar().addPermanentWidget(self.warning_label)

        self.setTabOrder(self.search_field, self.tree)
        self.setTabOrder(self.tree, self.answer)
        self.setTabOrder(self.answer, self.back_button)

        self._debounce = QTimer(self)
        self._debounce.setSingleShot(True)
        self._debounce.setInterval(DEBOUNCE_MS)
        # The menu bar is there from the first paint (no jump when it fills); the actions
        # come after it (see the commands property).
        bar = self.menuBar()
        self._menus: dict[str, QMenu] = {
            "file": bar.addMenu(QCoreApplication.translate("Actions", "&File")),
            "content": bar.addMenu(QCoreApplication.translate("Actions", "&Content")),
            "view": bar.addMenu(QCoreApplication.translate("Actions", "&View")),
            "help": bar.addMenu(QCoreApplication.translate("Actions", "&Help")),
        }

    def _connect(self) -> None:
        self.back_button.clicked.connect(self.go_back)
        self.forward_button.clicked.connect(self.go_forward)
        self.search_field.textChanged.connect(self._on_query_edited)
        self._debounce.timeout.connect(self._run_search)
        self.tree.selectionModel().currentChanged.connect(self._on_tree_current)
        self.tree.activated.connect(self._on_tree_current)
        self.answer.internalLinkActivated.connect(self.open_wiki_link)
        self.answer.mediaLinkActivated.connect(self.open_media_link)
        self.answer.mediaMissing.connect(
            lambda name: self.note(self.tr("Image missing: %1").replace("%1", name))
        )
        self.answer.zoomChanged.connect(lambda step: self.settings.set(keys.ZOOM, step))

    @property
    def commands(self) -> Actions:
        """The window's actions (menu entries and shortcuts), made on first use."""
        if self._commands is None:
            from reader.ui.actions import build_actions

            self._commands = build_actions(self, self._menus)
            self._commands.themes[self.settings.get(keys.THEME)].setChecked(True)
            self._update_navigation()
        return self._commands

    def _restore_state(self) -> None:
        geometry = self.settings.get(keys.GEOMETRY)
        if geometry.isEmpty() or not self.restoreGeometry(geometry):
            width, height = 1100, 720
            screen = self.screen()
            if screen is not None:  # old laptops: 1024×768 or 1366×768, with a task bar
                available = screen.availableGeometry()
                width = min(width, int(available.width() * 0.95))
                height = min(height, int(available.height() * 0.9))
            self.resize(width, height)
        splitter = self.settings.get(keys.SPLITTER)
        if splitter.isEmpty() or not self.splitter.restoreState(splitter):
            self.splitter.setSizes([400, 700])
        self.answer.set_zoom(self.settings.get(keys.ZOOM))

    # -- start-up ------------------------------------------------------------------------
    def paintEvent(self, event) -> None:
        super().paintEvent(event)
        if not self._painted:
            self._painted = True
            self.firstPainted.emit()
            if self._autoload:
                QTimer.singleShot(0, self, self.load_content)

    def showEvent(self, event) -> None:
        super().showEvent(event)
        if self._autoload and not self._painted:
            QTimer.singleShot(500, self, self._load_if_not_painted)  # some platforms never paint

    def _load_if_not_painted(self) -> None:
        if self.loaded is None and not self._painted:
            self._painted = True
            self.load_content()

    def _finish_setup(self) -> None:
        """The parts the first paint does not need: actions, key and mouse handling,
        results list, find bar, search thread."""
        if self.results is not None:
            return
        from reader.ui.find_bar import FindBar
        from reader.ui.results_view import ResultsPanel
        from reader.ui.search_worker import SearchService
        from reader.ui.side_buttons import SideButtons
        from reader.ui.window_parts import name_clear_button

        self.commands  # noqa: B018 - made now, so that the shortcuts work
        self.search_field.setClearButtonEnabled(True)
        name_clear_button(self.search_field, self.tr("Clear the search"))
        self.search_field.installEventFilter(self)
        self.tree.finish_setup()
        self._side_buttons = SideButtons(self)
        for widget in (self, self.tree.viewport(), self.answer.viewport()):
            widget.installEventFilter(self._side_buttons)

        self.results = ResultsPanel(self)
        self.left.addWidget(self.results)
        self.results.questionActivated.connect(self._on_result_opened)
        self.results.suggestionActivated.connect(self.search_field.setText)
        self.results.list.escapePressed.connect(self.clear_search)
        self.results.list.leftTop.connect(self.focus_search)
        self.results.list.viewport().installEventFilter(self._side_buttons)
        self.setTabOrder(self.tree, self.results.list)
        self.setTabOrder(self.results.list, self.answer)
        self.find_bar = FindBar(self.answer, self)
        self._right_layout.addWidget(self.find_bar)
        if self.search is None:
            self.search = SearchService(self, paths=self.paths)
        self.search.resultsReady.connect(self._on_results)
        self.search.indexReady.connect(self._on_index_ready)
        self.search.indexFailed.connect(self._on_index_failed)

    def load_content(self) -> None:
        """Load the library (fast) and hand it to the tree and the search thread."""
        self._finish_setup()
        if self.loaded is not None:
            return
        from reader.content.library import load_library

        try:
            loaded = load_library(self.paths)
        except Exception:
            log.exception("content could not be loaded")
            self.source_label.setText(self.tr("No content could be loaded (see the log)."))
            return
        self.reload_library(loaded)

    def reload_library(self, loaded: LoadedContent) -> None:
        """Show ``loaded`` (a refresh calls this): the tree, the status bar, a new index.

        The question on screen stays open when it still exists; otherwise the last one
        opened, otherwise the welcome page.
        """
        self._finish_setup()
        assert self.search is not None
        current = self.history.current
        self.loaded = loaded
        self.answer.set_media_root(loaded.media_dir())
        self.tree_model.set_library(loaded.library)
        self.tree_model.set_marks(self._load_marks())
        self._expand_tree()
        self.history.clear()
        self._update_source_label()
        self.show_warnings(loaded.warnings)
        self.search.open(loaded.library)
        if current is None:
            last = self.settings.get(keys.LAST_QUESTION)
            current = f"q:{last}" if last else None
        if not (current and self._show_place(current, record=True)):
            self.show_welcome()
        self.contentLoaded.emit()

    def _update_source_label(self) -> None:
        assert self.loaded is not None
        pages = self.loaded.library.pages
        # Each page's date on the wiki, else (the wiki did not give it) when it was
        # downloaded; the newest of them says how recent the content is.
        dates = [
            (p.source.last_modified or p.source.fetched, not p.source.last_modified)
            for p in pages
            if p.source.last_modified or p.source.fetched
        ]
        wiki = self.loaded.wiki.replace("https://", "").replace("http://", "").rstrip("/")
        parts = [self.tr("Content: %1").replace("%1", origin_text(self.loaded.origin))]
        if wiki:
            parts.append(wiki)
        if dates:
            newest, downloaded = max(dates, key=lambda d: (d[0], not d[1]))
            text = self.tr("downloaded on %1") if downloaded else self.tr("dated %1")
            parts.append(text.replace("%1", format_date(newest)))
        self.source_label.setText(" · ".join(parts))

    def show_warnings(self, warnings: tuple[str, ...] | list[str]) -> None:
        """Keep lasting problems in view: the content's, and what cannot be saved."""
        from reader.paths import storage_problem

        messages = list(warnings)
        if (problem := storage_problem(self.paths)) is not None:
            messages.insert(0, problem)
        for message in messages:
            log.warning("%s", message)
        if not messages:
            self.warning_label.hide()
            return
        first = messages[0] if len(messages[0]) <= 90 else messages[0][:89] + "…"
        more = len(messages) - 1
        text = "⚠ " + first + (self.tr(" (+%n more)", "", more) if more else "")
        if not self.warning_label.styleSheet():
            self.warning_label.setStyleSheet("color: #b35900; font-weight: bold;")
        self.warning_label.setText(text)
        self.warning_label.setToolTip("\n".join(messages))
        self.warning_label.setAccessibleDescription("\n".join(messages))
        self.warning_label.show()

    def note(self, message: str, timeout_ms: int = 8000) -> None:
        """Minor news for the user: the status bar, and the log."""
        log.info("status: %s", message)
        self.statusBar().showMessage(message, timeout_ms)

    def _expand_tree(self) -> None:
        """Sections open on a small library; on a large one only the first page's list of
        sections, so that the tree does not lay out thousands of rows at once."""
        if self.tree_model.question_count() <= EXPAND_ALL_LIMIT:
            self.tree.expandToDepth(1)
        elif self.tree_model.rowCount():
            self.tree.expand(self.tree_model.index(0, 0))

    # -- "new" / "changed" marks -----------------------------------------------------------
    def marks_dir(self) -> Path:
        """Where the refresh keeps its "new" / "changed" marks."""
        return self.paths.data

    def _load_marks(self) -> dict[str, str]:
        from reader.sync.changes import load_marks

        return load_marks(self.marks_dir())

    def _clear_mark(self, question_id: str) -> None:
        """The question is open: its mark goes, in the tree and on disk."""
        if not self.tree_model.clear_mark(question_id):
            return
        from reader.sync.changes import clear_mark

        try:
            clear_mark(self.marks_dir(), question_id)
        except OSError as error:
            log.info("mark not cleared: %s", error)

    # -- closing -------------------------------------------------------------------------
    def save_state(self) -> None:
        self.settings.set(keys.GEOMETRY, self.saveGeometry())
        self.settings.set(keys.SPLITTER, self.splitter.saveState())
        self.settings.set(keys.ZOOM, self.answer.zoom)
        self.settings.sync()

    def closeEvent(self, event) -> None:
        self.save_state()
        if self.search is not None:
            self.search.shutdown()
        super().closeEvent(event)
