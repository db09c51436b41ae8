"""The reader window: search field on top, section tree or results on the left, the
answer on the right, a status bar that says where the content comes from.

The window shows first and loads afterwards: the library right after the first paint
(a few milliseconds), the search index on the search thread. Everything it shows comes
from the content and render layers; no parsing or index code lives here.

Signals:
    firstPainted(): the window has painted once (start-up benchmark, loading).
    contentLoaded(): a library is loaded and shown in the tree.
    placeShown(str): the answer pane shows a place ("q:<id>", "p:<page>#<anchor>", …).
    resultsShown(object): the results list shows a search outcome.
"""

from __future__ import annotations

import html
import logging
from typing import TYPE_CHECKING
from urllib.parse import quote

from PySide6.QtCore import QDateTime, QEvent, QLocale, QObject, Qt, QTimer, Signal, Slot
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import (
    QApplication,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMainWindow,
    QMessageBox,
    QSplitter,
    QStackedWidget,
    QToolButton,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from reader.ui import settings as keys
from reader.ui.actions import build_actions
from reader.ui.answer_view import AnswerView, style_sheet
from reader.ui.history import History
from reader.ui.theme import apply_theme, is_dark
from reader.ui.tree_model import ID_ROLE, KIND_ROLE, SectionTreeModel

if TYPE_CHECKING:
    from reader.content.library import LoadedContent
    from reader.content.model import Page
    from reader.ui.find_bar import FindBar
    from reader.ui.results_view import ResultsPanel
    from reader.ui.search_worker import SearchOutcome, SearchService
    from reader.ui.settings import Settings

log = logging.getLogger(__name__)

DEBOUNCE_MS = 200
MAX_TITLE = 90


class MainWindow(QMainWindow):
    """The one window of the reader (see the module docstring)."""

    firstPainted = Signal()
    contentLoaded = Signal()
    placeShown = Signal(str)
    resultsShown = Signal(object)

    def __init__(
        self, settings: Settings, search: SearchService | None = None, autoload: bool = True
    ) -> None:
        super().__init__()
        self.settings = settings
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
        self._build_widgets()
        self.commands = build_actions(self)
        self._connect()
        self._restore_state()
        for problem in settings.problems[:1]:
            self.note(self.tr("Settings could not be read; defaults are used."))
            log.info("settings problem noted: %s", problem)

    # -- construction --------------------------------------------------------------------
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
        self.search_field = QLineEdit(self)
        self.search_field.setPlaceholderText(self.tr("Search the FAQ: type a few words (Ctrl+K)"))
        self.search_field.setAccessibleName(self.tr("Search the FAQ"))
        self.search_field.setClearButtonEnabled(True)
        self.search_field.installEventFilter(self)
        name_clear_button(self.search_field, self.tr("Clear the search"))
        top = QWidget(self)
        top_layout = QHBoxLayout(top)
        top_layout.setContentsMargins(6, 6, 6, 2)
        top_layout.addWidget(self.back_button)
        top_layout.addWidget(self.forward_button)
        top_layout.addWidget(self.search_field, 1)

        self.tree_model = SectionTreeModel(self)
        self.tree = QTreeView(self)
        self.tree.setModel(self.tree_model)
        self.tree.setHeaderHidden(True)
        self.tree.setUniformRowHeights(True)
        self.tree.setTextElideMode(Qt.TextElideMode.ElideMiddle)  # keeps "(sans réponse)"
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

        self.splitter = QSplitter(Qt.Orientation.Horizontal, self)
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

        self.setTabOrder(self.search_field, self.tree)
        self.setTabOrder(self.tree, self.answer)
        self.setTabOrder(self.answer, self.back_button)

        self._debounce = QTimer(self)
        self._debounce.setSingleShot(True)
        self._debounce.setInterval(DEBOUNCE_MS)
        self._side_buttons = _SideButtons(self)
        for widget in (
            self,
            self.tree.viewport(),
            self.answer.viewport(),
        ):
            widget.installEventFilter(self._side_buttons)

    def _connect(self) -> None:
        self.back_button.clicked.connect(self.go_back)
        self.forward_button.clicked.connect(self.go_forward)
        self.search_field.textChanged.connect(self._on_query_edited)
        self._debounce.timeout.connect(self._run_search)
        self.tree.selectionModel().currentChanged.connect(self._on_tree_current)
        self.tree.activated.connect(self._on_tree_current)
        self.answer.internalLinkActivated.connect(self.open_wiki_link)
        self.answer.mediaMissing.connect(
            lambda name: self.note(self.tr("Image missing: %1").replace("%1", name))
        )
        self.answer.zoomChanged.connect(lambda step: self.settings.set(keys.ZOOM, step))
        self.commands.themes[self.settings.get(keys.THEME)].setChecked(True)

    def _restore_state(self) -> None:
        geometry = self.settings.get(keys.GEOMETRY)
        if geometry.isEmpty() or not self.restoreGeometry(geometry):
            self.resize(1100, 720)
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
                QTimer.singleShot(0, self.load_content)

    def showEvent(self, event) -> None:
        super().showEvent(event)
        if self._autoload and not self._painted:
            QTimer.singleShot(500, self._load_if_not_painted)  # some platforms never paint

    def _load_if_not_painted(self) -> None:
        if self.loaded is None and not self._painted:
            self._painted = True
            self.load_content()

    def _finish_setup(self) -> None:
        """The parts the first paint does not need: results list, find bar, search thread."""
        if self.results is not None:
            return
        from reader.ui.find_bar import FindBar
        from reader.ui.results_view import ResultsPanel
        from reader.ui.search_worker import SearchService

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
            self.search = SearchService(self)
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
            loaded = load_library()
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
        self.tree.expandToDepth(1)
        self.history.clear()
        self._update_source_label()
        for warning in loaded.warnings[:3]:
            self.note(warning)
        self.search.open(loaded.library)
        if current is None:
            last = self.settings.get(keys.LAST_QUESTION)
            current = f"q:{last}" if last else None
        if not (current and self._show_place(current, record=True)):
            self.show_welcome()
        self.contentLoaded.emit()

    def _update_source_label(self) -> None:
        assert self.loaded is not None
        from reader.ui.dialogs import origin_text

        pages = self.loaded.library.pages
        dates = [p.source.last_modified for p in pages if p.source.last_modified]
        wiki = self.loaded.wiki.replace("https://", "").replace("http://", "").rstrip("/")
        parts = [self.tr("Content: %1").replace("%1", origin_text(self.loaded.origin))]
        if wiki:
            parts.append(wiki)
        if dates:
            parts.append(self.tr("dated %1").replace("%1", format_date(max(dates))))
        self.source_label.setText(" · ".join(parts))

    def note(self, message: str, timeout_ms: int = 8000) -> None:
        """Minor news for the user: the status bar, and the log."""
        log.info("status: %s", message)
        self.statusBar().showMessage(message, timeout_ms)

    # -- showing places ------------------------------------------------------------------
    def open_question(self, question_id: str, terms: list[str] | tuple[str, ...] = ()) -> bool:
        self._terms = list(terms)
        return self._show_place(f"q:{question_id}", record=True)

    def _show_place(self, place: str, record: bool) -> bool:
        if self.loaded is None:
            return False
        kind, _, target = place.partition(":")
        library = self.loaded.library
        if kind == "q":
            question = library.question(target)
            if question is None:
                return False
            self._render_question(question)
            self.settings.set(keys.LAST_QUESTION, question.id)
            self._select_in_tree(question.id)
        elif kind == "p":
            page_id, _, anchor = target.partition("#")
            page = library.page(page_id)
            if page is None:
                return False
            self._render_page(page, anchor)
            self._select_in_tree(target)
        elif kind == "m":
            self._render_missing(target)
        elif kind == "home":
            self._render_welcome()
        else:
            return False
        if record:
            self.history.visit(place)
        self._update_navigation()
        self.placeShown.emit(place)
        return True

    def show_welcome(self) -> None:
        self._show_place("home:", record=True)

    def _style(self) -> str:
        return style_sheet(is_dark(QApplication.palette()))

    def _render_question(self, question) -> None:
        from reader.render.document import question_fragment

        assert self.loaded is not None
        page = self.loaded.library.page(question.page_id)
        try:
            body = question_fragment(self.loaded, question)
        except Exception:
            log.exception("question %s could not be rendered", question.id)
            self.note(self.tr("This answer could not be formatted; its raw text is shown."))
            body = (
                f"<h1>{html.escape(question.title)}</h1><pre>{html.escape(question.answer)}</pre>"
            )
        self.answer.show_html(body + self._footer(page, question.anchor), self._style())
        self.setWindowTitle(clip(question.title, MAX_TITLE))
        if self._terms:
            self.answer.highlight_terms(self._terms)
            self._terms = []

    def _render_page(self, page: Page, anchor: str) -> None:
        from reader.render.document import page_fragment

        assert self.loaded is not None
        try:
            body = page_fragment(self.loaded, page)
        except Exception:
            log.exception("page %s could not be rendered", page.id)
            self.note(self.tr("This page could not be formatted."))
            body = f"<h1>{html.escape(page.title)}</h1>"
        if not page.sections:
            empty = self.tr("This page has no sections.")
            body += f'<p class="note">{html.escape(empty)}</p>'
        self.answer.show_html(body + self._footer(page, anchor), self._style())
        self.setWindowTitle(clip(page.title, MAX_TITLE))
        if anchor:
            self.answer.scrollToAnchor(anchor)

    def _render_missing(self, target: str) -> None:
        page_id, _, anchor = target.partition("#")
        url = self.wiki_url(page_id, anchor)
        esc = html.escape
        unavailable = self.tr("This page is not available offline.")
        open_it = self.tr("Open it on the wiki")
        online = self.tr("(needs an Internet connection)")
        body = (
            f"<h1>{esc(page_id)}</h1><p>{esc(unavailable)}</p>"
            f'<p><a href="{esc(url)}">{esc(open_it)}</a> {esc(online)}</p>'
        )
        self.answer.show_html(body, self._style())
        self.note(self.tr("Page not available offline: %1").replace("%1", page_id))

    def _render_welcome(self) -> None:
        esc = html.escape
        title = self.tr("Cagette.net FAQ")
        parts = [f"<h1>{esc(title)}</h1>"]
        if self.loaded is not None:
            for page in self.loaded.library.pages[:1]:
                parts.append(f"<h2>{esc(page.title)}</h2>")
                if page.intro:
                    parts.append(f"<p>{esc(' '.join(page.intro.split())[:600])}</p>")
        hint = self.tr("Choose a question on the left, or type a few words in the search field.")
        parts.append(f"<p>{esc(hint)}</p>")
        self.answer.show_html("".join(parts), self._style())
        self.setWindowTitle(self.tr("Cagette.net FAQ"))

    def _footer(self, page: Page | None, anchor: str) -> str:
        if page is None:
            return ""
        esc = html.escape
        url = self.wiki_url(page.id, anchor)
        open_text = self.tr("Open on the wiki")
        bits = [f'<a href="{esc(url)}">{esc(open_text)}</a>']
        if page.source.last_modified:
            bits.append(
                esc(
                    self.tr("Content dated %1").replace(
                        "%1", format_date(page.source.last_modified)
                    )
                )
            )
        if page.source.revision:
            bits.append(esc(self.tr("revision %1").replace("%1", page.source.revision)))
        return '<hr><p class="meta">' + " · ".join(bits) + "</p>"

    def wiki_url(self, page_id: str, anchor: str = "") -> str:
        assert self.loaded is not None
        page = self.loaded.library.page(page_id)
        wiki = (page.source.wiki if page is not None else "") or self.loaded.wiki
        wiki = wiki if wiki.endswith("/") else wiki + "/"
        url = f"{wiki}doku.php?id={quote(page_id, safe=':')}"
        return f"{url}#{quote(anchor, safe='')}" if anchor else url

    def _select_in_tree(self, target: str) -> None:
        index = self.tree_model.index_for(target)
        if index.isValid() and self.tree.currentIndex() != index:
            self.tree.selectionModel().blockSignals(True)
            self.tree.setCurrentIndex(index)
            self.tree.selectionModel().blockSignals(False)
            self.tree.viewport().update()
            self.tree.scrollTo(index)

    # -- navigation ----------------------------------------------------------------------
    @Slot(str, str)
    def open_wiki_link(self, page_id: str, anchor: str) -> None:
        """A ``wiki:`` link: the question, the page, or "not available offline"."""
        if self.loaded is None:
            return
        library = self.loaded.library
        if anchor and library.question(f"{page_id}#{anchor}") is not None:
            self._show_place(f"q:{page_id}#{anchor}", record=True)
        elif library.page(page_id) is not None:
            self._show_place(f"p:{page_id}#{anchor}", record=True)
        else:
            self._show_place(f"m:{page_id}#{anchor}", record=True)

    def go_back(self) -> None:
        place = self.history.back()
        if place is not None:
            self._show_place(place, record=False)

    def go_forward(self) -> None:
        place = self.history.forward()
        if place is not None:
            self._show_place(place, record=False)

    def _update_navigation(self) -> None:
        self.commands.back.setEnabled(self.history.can_go_back())
        self.commands.forward.setEnabled(self.history.can_go_forward())
        self.back_button.setEnabled(self.history.can_go_back())
        self.forward_button.setEnabled(self.history.can_go_forward())

    def _on_tree_current(self, index) -> None:
        if not index.isValid():
            return
        kind = index.data(KIND_ROLE)
        target = index.data(ID_ROLE)
        place = f"q:{target}" if kind == "question" else f"p:{target}"
        if place != self.history.current:
            self._show_place(place, record=True)

    # -- search --------------------------------------------------------------------------
    def focus_search(self) -> None:
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

    # -- commands (menus) ----------------------------------------------------------------
    def find_in_answer(self) -> None:
        self._finish_setup()
        assert self.find_bar is not None
        self.find_bar.open_bar()

    def zoom_in(self) -> None:
        self.answer.zoom_in()

    def zoom_out(self) -> None:
        self.answer.zoom_out()

    def zoom_reset(self) -> None:
        self.answer.zoom_reset()

    def set_theme(self, theme: str) -> None:
        app = QApplication.instance()
        if isinstance(app, QApplication):
            apply_theme(app, theme)
        self.settings.set(keys.THEME, theme)
        self.commands.themes[theme].setChecked(True)
        if self.history.current:
            self._show_place(self.history.current, record=False)  # colours of the pane

    def set_refresh_handler(self, handler) -> None:
        """Install what "Update from the wiki…" does (the refresh feature calls this).

        ``handler(window)`` is called on the UI thread; it should run the refresh on a
        worker and call :meth:`reload_library` with the new content when it is done.
        """
        self._refresh_handler = handler

    def request_refresh(self) -> None:
        """What the update action runs: the installed handler, or a notice."""
        if self._refresh_handler is not None:
            self._refresh_handler(self)
        else:
            self.refresh_from_wiki()

    def refresh_from_wiki(self) -> None:
        QMessageBox.information(
            self,
            self.tr("Update from the wiki"),
            self.tr("Updating from the wiki is not available yet in this version."),
        )

    def show_content_info(self) -> None:
        from reader.ui.dialogs import ContentInfoDialog

        ContentInfoDialog(self.loaded, self).exec()

    def show_about(self) -> None:
        from reader.ui.dialogs import show_about

        show_about(self, self.loaded)

    def show_log(self) -> None:
        from reader.ui.dialogs import LogDialog

        LogDialog(self).exec()

    def _print_source(self) -> tuple[str, str] | None:
        """The HTML and title to print or export, after asking answer or page."""
        from reader.render.document import page_fragment
        from reader.ui.printing import choose_scope

        if self.loaded is None:
            return None
        place = self.history.current or ""
        kind, _, target = place.partition(":")
        if kind == "q":
            question = self.loaded.library.question(target)
            page = self.loaded.library.page(question.page_id) if question else None
            scope = choose_scope(self, page.title) if page is not None else "answer"
            if scope is None:
                return None
            if scope == "page" and page is not None:
                return page_fragment(self.loaded, page), page.title
            return self.answer.toHtml(), question.title if question else self.windowTitle()
        return self.answer.toHtml(), self.windowTitle()

    def print_current(self) -> None:
        from reader.ui.printing import make_document, print_document

        source = self._print_source()
        if source is not None:
            print_document(self, make_document(source[0], style_sheet(dark=False), source[1]))

    def export_pdf(self) -> None:
        from reader.ui.printing import ask_pdf_path, export_pdf, make_document

        source = self._print_source()
        if source is None:
            return
        path = ask_pdf_path(self, source[1])
        if path is None:
            return
        try:
            export_pdf(make_document(source[0], style_sheet(dark=False), source[1]), path)
        except OSError as error:
            log.warning("PDF export failed: %s", error)
            message = self.tr("The PDF could not be written: %1").replace("%1", str(path))
            QMessageBox.warning(self, self.tr("Export as PDF"), message)
            return
        self.note(self.tr("PDF written: %1").replace("%1", str(path)))

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


class _SideButtons(QObject):
    """The mouse's back and forward side buttons, wherever the pointer is in the window."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self._window = window

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.MouseButtonPress:
            button = event.button()
            if button == Qt.MouseButton.BackButton:
                self._window.go_back()
                return True
            if button == Qt.MouseButton.ForwardButton:
                self._window.go_forward()
                return True
        return False


def name_clear_button(field: QLineEdit, name: str) -> None:
    """Give the line edit's own clear button an accessible name (Qt leaves it empty)."""
    for button in field.findChildren(QToolButton):
        button.setAccessibleName(name)
        button.setToolTip(name)


def clip(text: str, limit: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def format_date(iso: str) -> str:
    """An ISO 8601 date in the user's language ("8 avril 2020"); the text itself if unreadable."""
    moment = QDateTime.fromString(iso, Qt.DateFormat.ISODate)
    if not moment.isValid():
        return iso
    return QLocale().toString(moment.date(), "d MMMM yyyy")


def app_icon() -> QIcon:
    from reader.paths import resources_dir

    return QIcon(str(resources_dir() / "icons" / "faq-reader.svg"))
