"""The commands behind the menus: find, zoom, theme, update, dialogs, print and PDF.

The methods are mixed into :class:`reader.ui.main_window.MainWindow`; the actions that
call them are made in :mod:`reader.ui.actions`.
"""

from __future__ import annotations

import logging

from PySide6.QtWidgets import QApplication

from reader.ui import settings as keys
from reader.ui.answer_view import style_sheet
from reader.ui.theme import apply_theme

log = logging.getLogger(__name__)


class CommandsMixin:
    """Menu commands of the window (see the module docstring)."""

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
        from PySide6.QtWidgets import QMessageBox

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

        LogDialog(self, self.paths.log).exec()

    # -- printing and PDF ----------------------------------------------------------------
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
            from PySide6.QtWidgets import QMessageBox

            message = self.tr("The PDF could not be written: %1").replace("%1", str(path))
            QMessageBox.warning(self, self.tr("Export as PDF"), message)
            return
        self.note(self.tr("PDF written: %1").replace("%1", str(path)))
