"""The answer part: the answer view, its find bar, links to files, printing and PDF.

It shows what the places part rendered (:class:`~reader.ui.places.render.Rendered`), in
the colours of the current theme, and remembers it: to print it (the answer alone, or its
whole page), to export it as PDF, and to show it again when the theme changes. Links to
other wiki pages go out as a signal (the window hands them to the places part); links to
files open the stored copy, or say that it is not here; a code block's file name offers
to save the block as that file (:mod:`reader.ui.answer.code_download`); web links go to
the system's browser, or, when there is none, show their address to copy
(:mod:`reader.ui.external`).
The find bar is made after the first paint.

Signals:
    internalLinkActivated(str, str): a wiki link was clicked: page id and anchor.
    keepOfflineRequested(str): "Keep offline" was clicked for a page: its id.
    zoomRequested(int): Ctrl and the mouse wheel: zoom the window by this many steps.
    noted(str): minor news for the status bar.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from PySide6.QtCore import QUrl, Signal, Slot
from PySide6.QtWidgets import QVBoxLayout, QWidget

from reader.ui.answer.view import AnswerView

if TYPE_CHECKING:
    from pathlib import Path

    from PySide6.QtWidgets import QDialog, QFileDialog

    from reader.content.library import LoadedContent
    from reader.ui.answer.find_bar import FindBar
    from reader.ui.places.render import Rendered

log = logging.getLogger(__name__)


class AnswerPane(QWidget):
    """The right-hand side of the window (see the module docstring).

    Signals:
        internalLinkActivated(str, str): page id and anchor of a clicked wiki link.
        keepOfflineRequested(str): the id of a page to keep offline.
        zoomRequested(int): zoom steps asked for with Ctrl and the mouse wheel.
        noted(str): minor news for the status bar.
    """

    internalLinkActivated = Signal(str, str)
    keepOfflineRequested = Signal(str)
    zoomRequested = Signal(int)
    noted = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.view = AnswerView(self)
        self.view.setAccessibleName(self.tr("Answer"))
        self.find_bar: FindBar | None = None  # made after the first paint
        self.media_message: QDialog | None = None  # the last "file not available" or "no viewer"
        self.address_dialog: QDialog | None = None  # the last "no browser: the address"
        self.code_dialog: QFileDialog | None = None  # the last "save a code block as"
        self._loaded: LoadedContent | None = None
        self._shown: Rendered | None = None
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(0, 0, 0, 0)
        self._layout.setSpacing(0)
        self._layout.addWidget(self.view, 1)
        self.view.internalLinkActivated.connect(self.internalLinkActivated)
        self.view.keepOfflineRequested.connect(self.keepOfflineRequested)
        self.view.mediaLinkActivated.connect(self.open_media)
        self.view.codeDownloadRequested.connect(self.save_code_block)
        self.view.externalLinkActivated.connect(self.open_external)
        self.view.zoomRequested.connect(self.zoomRequested)
        self.view.mediaMissing.connect(
            lambda name: self.noted.emit(self.tr("Image missing: %1").replace("%1", name))
        )

    def finish_setup(self) -> None:
        """The find bar, once the window has painted; whether a browser is set up, asked
        in the background (for "Open on the wiki")."""
        if self.find_bar is not None:
            return
        from reader.ui.answer.find_bar import FindBar
        from reader.ui.external import BROWSER

        self.find_bar = FindBar(self.view, self)
        self._layout.addWidget(self.find_bar)
        BROWSER.start()

    # -- what is shown -------------------------------------------------------------------
    def set_content(self, loaded: LoadedContent) -> None:
        """The content the answers come from (its media folder serves the images)."""
        self._loaded = loaded
        self.view.set_media_root(loaded.media_dir())

    @Slot(object)
    def show_rendered(self, rendered: Rendered) -> None:
        """Show a rendered place: scrolled to its anchor, its search words highlighted."""
        self._shown = rendered
        self.view.show_html(rendered.html, self._style())
        if rendered.anchor:
            self.view.scrollToAnchor(rendered.anchor)
        if rendered.terms:
            self.view.highlight_terms(rendered.terms)

    def restyle(self) -> None:
        """Show the same place again in the colours of the theme now in use."""
        if self._shown is not None:
            self.show_rendered(self._shown)

    def _style(self) -> str:
        from PySide6.QtWidgets import QApplication

        from reader.ui.answer.view import style_sheet
        from reader.ui.theme import is_dark

        return style_sheet(is_dark(QApplication.palette()))

    # -- commands ------------------------------------------------------------------------
    @Slot()
    def open_find_bar(self) -> None:
        self.finish_setup()
        assert self.find_bar is not None
        self.find_bar.open_bar()

    @Slot(str)
    def open_media(self, media_id: str) -> None:
        """A link to a file: the stored copy with the system's application, or a message
        that it is not available offline, with the wiki's address."""
        if self._loaded is None:
            return
        from reader.ui.answer.media_links import open_media

        self.media_message = open_media(self, self._loaded, media_id)

    @Slot(str)
    def save_code_block(self, key: str) -> None:
        """A code block's file name: "Save as" that name, with the block's text."""
        if self._shown is None:
            return
        from reader.ui.answer.code_download import ask_save_code

        def saved(path: Path) -> None:
            self.noted.emit(self.tr("File saved: %1").replace("%1", str(path)))

        self.code_dialog = ask_save_code(self, self._shown.html, key, saved)

    @Slot(QUrl)
    def open_external(self, url: QUrl) -> None:
        """A web, mail or file link: the system's browser, else its address to copy."""
        from reader.ui.external import open_url

        self.address_dialog = open_url(self.window(), url)

    # -- printing and PDF ----------------------------------------------------------------
    def _print_source(self) -> tuple[str, str] | None:
        """The HTML and title to print or export, after asking "the answer or the page"
        for a question; None when the user cancelled."""
        from reader.ui.answer.printing import choose_scope

        shown = self._shown
        if shown is None:
            return None
        if shown.whole_page is not None:
            scope = choose_scope(self, shown.page_title)
            if scope is None:
                return None
            if scope == "page":
                return shown.whole_page(), shown.page_title
        return self.view.toHtml(), shown.title

    @Slot()
    def print_current(self) -> None:
        from reader.ui.answer.printing import make_document, print_document
        from reader.ui.answer.view import style_sheet

        source = self._print_source()
        if source is not None:
            print_document(self, make_document(source[0], style_sheet(dark=False), source[1]))

    @Slot()
    def export_pdf(self) -> None:
        from reader.ui.answer.printing import ask_pdf_path, export_pdf, make_document
        from reader.ui.answer.view import style_sheet

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
        self.noted.emit(self.tr("PDF written: %1").replace("%1", str(path)))
