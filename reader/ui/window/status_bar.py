"""The window's status bar: where the content comes from, lasting warnings, passing news.

Minor news (a note) passes in the bar and goes to the log; a file written (a content pack)
is a note with "Open the folder" beside it while it shows; problems that last (damaged
content, nowhere to save) stay in view in a warning label whose tooltip lists them all,
in bold amber readable on the theme's colours (:func:`reader.ui.theme.warning_text`).
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QLabel, QStatusBar

from reader.ui.text import format_date, origin_text

if TYPE_CHECKING:
    from collections.abc import Sequence

    from PySide6.QtWidgets import QPushButton, QWidget

    from reader.content.library import LoadedContent

log = logging.getLogger(__name__)

WARNING_CLIP = 90  # the first warning is cut to this many characters in the bar
FILE_NOTE_MS = 30_000  # a note about a file written stays longer: there is a button to use


class StatusBar(QStatusBar):
    """The status bar of the window (see the module docstring)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName(self.tr("Status bar"))
        self.source_label = QLabel(self)
        self.source_label.setAccessibleName(self.tr("Content source"))
        self.source_label.setText(self.tr("Loading the content…"))
        self.addPermanentWidget(self.source_label)
        self.warning_label = QLabel(self)
        self.warning_label.setAccessibleName(self.tr("Warnings"))
        self.warning_label.hide()  # coloured when first shown (show_warnings)
        self._styled = False
        self.addPermanentWidget(self.warning_label)
        self.folder_button: QPushButton | None = None  # made with the first file noted
        self._folder = ""
        self._file_note = ""

    def note(self, message: str, timeout_ms: int = 8000) -> None:
        """Minor news for the user: the status bar, and the log."""
        log.info("status: %s", message)
        self.showMessage(message, timeout_ms)

    def note_file(self, message: str, folder: str) -> None:
        """A file was written into ``folder``: say so, with "Open the folder" beside the
        note for as long as it shows."""
        if self.folder_button is None:
            from PySide6.QtWidgets import QPushButton

            button = QPushButton(self.tr("&Open the folder"), self)
            button.setAccessibleName(self.tr("Open the folder of the file written"))
            button.clicked.connect(self._open_folder)
            self.insertPermanentWidget(0, button)
            self.messageChanged.connect(self._on_message_changed)
            self.folder_button = button
        self._folder, self._file_note = folder, message
        self.note(message, FILE_NOTE_MS)
        self.folder_button.show()

    def _on_message_changed(self, message: str) -> None:
        if self.folder_button is not None and message != self._file_note:
            self.folder_button.hide()  # the note it goes with has gone

    def _open_folder(self) -> None:
        from PySide6.QtCore import QUrl

        from reader.ui.external import open_url

        open_url(self.window(), QUrl.fromLocalFile(self._folder))

    def show_unloaded(self) -> None:
        self.source_label.setText(self.tr("No content could be loaded (see the log)."))

    def show_source(self, loaded: LoadedContent) -> None:
        """Say where the content comes from and how recent it is."""
        pages = loaded.library.pages
        # Each page's date on the wiki, else (the wiki did not give it) when it was
        # downloaded; the newest of them says how recent the content is.
        dates = [
            (p.source.last_modified or p.source.fetched, not p.source.last_modified)
            for p in pages
            if p.source.last_modified or p.source.fetched
        ]
        wiki = loaded.wiki.replace("https://", "").replace("http://", "").rstrip("/")
        parts = [self.tr("Content: %1").replace("%1", origin_text(loaded.origin))]
        if wiki:
            parts.append(wiki)
        if dates:
            newest, downloaded = max(dates, key=lambda d: (d[0], not d[1]))
            text = self.tr("downloaded on %1") if downloaded else self.tr("dated %1")
            parts.append(text.replace("%1", format_date(newest)))
        self.source_label.setText(" · ".join(parts))

    def show_warnings(self, messages: Sequence[str]) -> None:
        """Keep lasting problems in view (none: the label goes)."""
        for message in messages:
            log.warning("%s", message)
        if not messages:
            self.warning_label.hide()
            return
        first = messages[0]
        if len(first) > WARNING_CLIP:
            first = first[: WARNING_CLIP - 1] + "…"
        more = len(messages) - 1
        text = "⚠ " + first + (self.tr(" (+%n more)", "", more) if more else "")
        if not self._styled:
            self._styled = True
            font = self.warning_label.font()
            font.setBold(True)
            self.warning_label.setFont(font)
            self.restyle()
        self.warning_label.setText(text)
        self.warning_label.setToolTip("\n".join(messages))
        self.warning_label.setAccessibleDescription("\n".join(messages))
        self.warning_label.show()

    def restyle(self) -> None:
        """Colour the warnings for the theme now in use (the window calls this when it
        changes)."""
        if not self._styled:
            return  # never shown yet: coloured when it is
        from PySide6.QtGui import QPalette
        from PySide6.QtWidgets import QApplication

        from reader.ui.theme import warning_text

        palette = self.warning_label.palette()
        palette.setColor(QPalette.ColorRole.WindowText, warning_text(QApplication.palette()))
        self.warning_label.setPalette(palette)
