"""The reader window: it makes the parts, lays them out and wires them; nothing else.

Search field on top, section tree or results on the left, the answer on the right, a
status bar that says where the content comes from. The parts, each with its own widgets
and state, talk only through the signals and calls wired in :meth:`MainWindow._connect_signals`
(and after the first paint, ``_connect_actions``, ``_make_refresh`` and ``_make_packs``):

- places (:mod:`reader.ui.places`): the tree, the history, back and forward;
- search (:mod:`reader.ui.search`): the search field, the results, the search service;
- answer (:mod:`reader.ui.answer`): the answer view, find bar, file links, printing;
- commands (:mod:`reader.ui.commands`): menus, actions, About / content / log dialogs;
- refresh (:mod:`reader.ui.refresh`): update from the wiki, back and forth, preferences;
- packs (:mod:`reader.ui.packs`): export and import of content packs, the offer at start;
- status (:mod:`reader.ui.window.status_bar`): origin of the content, warnings, notes;
- zoom (:mod:`reader.ui.zoom`): the size of every text in the window, kept in the settings;
- look (:mod:`reader.ui.window.look`): the theme chosen, or the system's, followed.

The window shows first and loads afterwards: the library right after the first paint, the
search index on the search thread. What the first paint does not need waits for it too
(:meth:`MainWindow._finish_setup`): the actions, the results list, the find bar, the event
filters, the refresh and packs parts. PySide6 builds a Qt type, with all its enums, the
first time Python reads it (the ``Qt`` namespace alone takes tens of milliseconds on an old
machine), so the code run before the paint reads only the types it draws with
(``tests/ui/test_startup_diet.py``).

Signals:
    firstPainted(): the window has painted once (start-up benchmark, loading).
    contentLoaded(): a library is loaded and shown in the tree.
    placeShown(str): the answer pane shows a place ("q:<id>", "p:<page>#<anchor>", …).
    resultsShown(object): the results list shows a search outcome.
    refreshReady(): the refresh part (made after the packs part) is there, its entries work.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from PySide6.QtCore import QTimer, Signal, Slot
from PySide6.QtWidgets import (
    QHBoxLayout,
    QMainWindow,
    QSplitter,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from reader.ui import settings as keys
from reader.ui.answer.pane import AnswerPane
from reader.ui.commands.commands import Commands
from reader.ui.places.places import Places
from reader.ui.search.panel import SearchPanel
from reader.ui.text import clip
from reader.ui.window.look import Look
from reader.ui.window.status_bar import StatusBar
from reader.ui.zoom import Zoom

if TYPE_CHECKING:
    from PySide6.QtGui import QCloseEvent, QPaintEvent, QShowEvent

    from reader.content.library import LoadedContent
    from reader.paths import Paths
    from reader.ui.commands.actions import Actions
    from reader.ui.packs.controller import PacksController
    from reader.ui.places.render import Rendered
    from reader.ui.refresh.controller import RefreshController
    from reader.ui.search.outcome import SearchOutcome
    from reader.ui.search.service import SearchService
    from reader.ui.settings import Settings

log = logging.getLogger(__name__)

MAX_TITLE = 90  # the window's title: a question's title cut to this many characters


class MainWindow(QMainWindow):
    """The one window of the reader (see the module docstring).

    ``search``, ``refresh`` and ``packs`` replace the parts' default services (tests hand
    in a fake index, short network limits, another program folder); ``autoload=False``
    leaves the content to :meth:`show_content`.
    """

    firstPainted = Signal()
    contentLoaded = Signal()
    placeShown = Signal(str)
    resultsShown = Signal(object)
    refreshReady = Signal()

    def __init__(
        self,
        settings: Settings,
        paths: Paths,
        search: SearchService | None = None,
        refresh: RefreshController | None = None,
        autoload: bool = True,
        packs: PacksController | None = None,
    ) -> None:
        super().__init__()
        self.settings = settings
        self.paths = paths
        self.loaded: LoadedContent | None = None
        self.refresh: RefreshController | None = None  # made after the first paint
        self._refresh_given = refresh
        self.packs: PacksController | None = None  # made after the first paint
        self._packs_given = packs
        self._painted = False
        self._set_up = False
        self._autoload = autoload
        self.setWindowTitle(self.tr("Cagette.net FAQ"))
        self.setAccessibleName(self.tr("Cagette.net FAQ reader"))

        self.status = StatusBar(self)
        self.setStatusBar(self.status)
        self.places = Places(paths.data, self)
        self.search = SearchPanel(paths, self, search)
        self.answer = AnswerPane(self)
        self.commands = Commands(self, paths.log)
        self.zoom = Zoom(self)
        self.look = Look(settings, self)
        self._lay_out()
        self._connect_signals()
        self._restore_state()
        for problem in settings.problems[:1]:
            self.status.note(self.tr("Settings could not be read; defaults are used."))
            log.info("settings problem noted: %s", problem)

    def _lay_out(self) -> None:
        top = QWidget(self)
        top_layout = QHBoxLayout(top)
        top_layout.setContentsMargins(6, 6, 6, 2)
        top_layout.addWidget(self.places.back_button)
        top_layout.addWidget(self.places.forward_button)
        top_layout.addWidget(self.search.field, 1)

        self.left = QStackedWidget(self)
        self.left.addWidget(self.places.tree)
        self.left.setAccessibleName(self.tr("Questions"))

        # Horizontal by default. No arguments: QSplitter(parent) would make PySide6 check
        # whether the parent is a Qt.Orientation, which builds the Qt namespace.
        self.splitter = QSplitter()
        self.splitter.addWidget(self.left)
        self.splitter.addWidget(self.answer)
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

        self.setTabOrder(self.search.field, self.places.tree)
        self.setTabOrder(self.places.tree, self.answer.view)
        self.setTabOrder(self.answer.view, self.places.back_button)

    def _connect_signals(self) -> None:
        places, search, answer, status = self.places, self.search, self.answer, self.status
        places.rendered.connect(self._show_rendered)
        places.placeShown.connect(self._on_place_shown)
        places.navigationChanged.connect(self.commands.set_navigation)
        places.noted.connect(status.note)
        search.questionActivated.connect(places.open_question)
        search.resultsShown.connect(self._on_results_shown)
        search.cleared.connect(lambda: self.left.setCurrentWidget(places.tree))
        search.treeRequested.connect(places.focus_tree)
        search.noted.connect(status.note)
        answer.internalLinkActivated.connect(places.open_wiki_link)
        answer.zoomRequested.connect(self.zoom.zoom_by)
        self.zoom.changed.connect(lambda step: self.settings.set(keys.ZOOM, step))
        answer.noted.connect(status.note)
        self.commands.themeChosen.connect(self.look.choose)
        self.look.changed.connect(self._on_look_changed)

    def _connect_actions(self, actions: Actions) -> None:
        places, search, answer = self.places, self.search, self.answer
        actions.print.triggered.connect(answer.print_current)
        actions.export_pdf.triggered.connect(answer.export_pdf)
        actions.quit.triggered.connect(self.close)
        actions.back.triggered.connect(places.go_back)
        actions.forward.triggered.connect(places.go_forward)
        actions.find.triggered.connect(answer.open_find_bar)
        actions.focus_search.triggered.connect(search.focus)
        actions.zoom_in.triggered.connect(self.zoom.zoom_in)
        actions.zoom_out.triggered.connect(self.zoom.zoom_out)
        actions.zoom_reset.triggered.connect(self.zoom.zoom_reset)

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
        self.zoom.set_step(self.settings.get(keys.ZOOM))

    # -- start-up ------------------------------------------------------------------------
    def paintEvent(self, event: QPaintEvent) -> None:
        super().paintEvent(event)
        if not self._painted:
            self._painted = True
            self.firstPainted.emit()
            if self._autoload:
                QTimer.singleShot(0, self, self.load_content)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self._autoload and not self._painted:
            QTimer.singleShot(500, self, self._load_if_not_painted)  # some platforms never paint

    def _load_if_not_painted(self) -> None:
        if self.loaded is None and not self._painted:
            self._painted = True
            self.load_content()

    def _finish_setup(self) -> None:
        """The parts the first paint does not need: actions, key and mouse handling,
        results list, find bar, search service; then the refresh part."""
        if self._set_up:
            return
        self._set_up = True
        from reader.ui.places.side_buttons import SideButtons

        self._connect_actions(self.commands.build(self.look.theme))
        self.look.follow_system()
        self.places.finish_setup()
        self.answer.finish_setup()
        results = self.search.finish_setup()
        self.left.addWidget(results)
        self.setTabOrder(self.places.tree, results.header)  # then the rest of the results
        self.setTabOrder(results.list, self.answer.view)
        side_buttons = SideButtons(self)
        side_buttons.backPressed.connect(self.places.go_back)
        side_buttons.forwardPressed.connect(self.places.go_forward)
        for widget in (
            self,
            self.places.tree.viewport(),
            self.answer.view.viewport(),
            results.list.viewport(),
        ):
            widget.installEventFilter(side_buttons)
        # The packs part first: when refreshReady comes, both are there.
        self._make_packs()
        self._make_refresh()

    def _make_refresh(self) -> None:
        """The refresh part, made once the window is up (see the module docstring)."""
        try:
            from reader.ui.refresh.controller import RefreshController
        except ImportError:
            log.exception("the refresh feature could not be loaded")
            return
        refresh = self._refresh_given or RefreshController(self.paths)
        refresh.setParent(self)
        actions = self.commands.actions
        assert actions is not None
        actions.refresh.triggered.connect(refresh.start)
        actions.rollback.triggered.connect(refresh.rollback)
        actions.redo.triggered.connect(refresh.redo)
        actions.wiki_preferences.triggered.connect(refresh.edit_preferences)
        refresh.historyChanged.connect(self.commands.set_history)
        refresh.contentChanged.connect(self.show_content)
        refresh.questionRequested.connect(self.places.open_question)
        refresh.noted.connect(self.status.note)
        refresh.busyChanged.connect(lambda busy: self.commands.set_busy("refresh", busy))
        if self.packs is not None:
            refresh.busyChanged.connect(self.packs.set_others_busy)
        refresh.keptChanged.connect(self.places.set_kept)
        self.answer.keepOfflineRequested.connect(refresh.keep_offline)
        self.places.set_kept(refresh.sources().kept)
        self.refresh = refresh
        self.commands.enable_refresh()
        refresh.clean_up()
        self.refreshReady.emit()

    def _make_packs(self) -> None:
        """The packs part, made once the window is up, like the refresh part."""
        try:
            from reader.ui.packs.controller import PacksController
        except ImportError:
            log.exception("the packs feature could not be loaded")
            return
        packs = self._packs_given or PacksController(self.paths, self.settings)
        packs.setParent(self)
        actions = self.commands.actions
        assert actions is not None
        actions.export_pack.triggered.connect(packs.export_content)
        actions.import_pack.triggered.connect(packs.import_content)
        packs.contentChanged.connect(self.show_content)
        packs.questionRequested.connect(self.places.open_question)
        packs.noted.connect(self.status.note)
        packs.exported.connect(self.status.note_file)
        packs.busyChanged.connect(lambda busy: self.commands.set_busy("packs", busy))
        self.contentLoaded.connect(packs.look_beside)  # the offer at start, once
        self.packs = packs
        self.commands.enable_packs()

    # -- content -------------------------------------------------------------------------
    def load_content(self) -> None:
        """Load the library (fast) and show it."""
        self._finish_setup()
        if self.loaded is not None:
            return
        from reader.content.library import load_library

        try:
            loaded = load_library(self.paths)
        except Exception:
            log.exception("content could not be loaded")
            self.status.show_unloaded()
            return
        self.show_content(loaded)

    @Slot(object)
    def show_content(self, loaded: LoadedContent) -> None:
        """Show ``loaded`` (a refresh calls this): the tree, the status bar, a new index.

        The place on screen stays when it still exists; otherwise the last question
        opened, otherwise the welcome page.
        """
        from reader.paths import storage_problem

        self._finish_setup()
        current = self.places.current
        self.loaded = loaded
        self.places.set_content(loaded)
        self.answer.set_content(loaded)
        self.commands.set_content(loaded)
        for part in (self.packs, self.refresh):
            if part is not None:
                part.set_content(loaded)
        self.search.set_library(loaded.library)
        self.status.show_source(loaded)
        warnings = list(loaded.warnings)
        if (problem := storage_problem(self.paths)) is not None:
            warnings.insert(0, problem)
        self.status.show_warnings(warnings)
        if current is None:
            last = self.settings.get(keys.LAST_QUESTION)
            current = f"q:{last}" if last else None
        if not (current and self.places.show(current)):
            self.places.show_welcome()
        self.contentLoaded.emit()

    @Slot(object)
    def _show_rendered(self, rendered: Rendered) -> None:
        self.answer.show_rendered(rendered)
        self.setWindowTitle(clip(rendered.title, MAX_TITLE))

    @Slot(str)
    def _on_place_shown(self, place: str) -> None:
        if place.startswith("q:"):
            self.settings.set(keys.LAST_QUESTION, place[2:])
        self.placeShown.emit(place)

    @Slot(object)
    def _on_results_shown(self, outcome: SearchOutcome) -> None:
        assert self.search.results is not None
        self.left.setCurrentWidget(self.search.results)
        self.resultsShown.emit(outcome)

    @Slot(str)
    def set_theme(self, theme: str) -> None:
        """Apply and keep a theme ("system", "light", "dark")."""
        self.look.choose(theme)

    @Slot(str)
    def _on_look_changed(self, _shown: str) -> None:
        self.commands.check_theme(self.look.theme)
        self.answer.restyle()
        self.status.restyle()

    # -- closing -------------------------------------------------------------------------
    def save_state(self) -> None:
        self.settings.set(keys.GEOMETRY, self.saveGeometry())
        self.settings.set(keys.SPLITTER, self.splitter.saveState())
        self.settings.set(keys.ZOOM, self.zoom.step)
        self.settings.sync()

    def closeEvent(self, event: QCloseEvent) -> None:
        self.save_state()
        self.search.shutdown()
        for part in (self.refresh, self.packs):
            if part is not None:
                part.shutdown()
        super().closeEvent(event)
