"""Small dialogs: About, content information, and the application's log."""

from __future__ import annotations

import html
import logging
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QUrl
from PySide6.QtGui import QFont, QGuiApplication
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from reader import __version__
from reader.logs import log_file
from reader.ui.text import origin_text

if TYPE_CHECKING:
    from pathlib import Path

    from reader.content.library import LoadedContent

log = logging.getLogger(__name__)
LOG_TAIL = 256 * 1024  # the last part of the log is enough to read


def show_about(parent: QWidget, loaded: LoadedContent | None) -> None:
    esc = html.escape
    name = QCoreApplication.translate("Dialogs", "Cagette.net FAQ reader")
    version = QCoreApplication.translate("Dialogs", "Version %1").replace("%1", __version__)
    purpose = QCoreApplication.translate(
        "Dialogs", "Reads the Cagette.net wiki FAQ without an Internet connection."
    )
    licence = QCoreApplication.translate("Dialogs", "Licence: GPL 3.0 or later.")
    lines = [f"<h3>{esc(name)}</h3>", f"<p>{esc(version)}</p>", f"<p>{esc(purpose)}</p>"]
    if loaded is not None:
        content = QCoreApplication.translate("Dialogs", "Content: %1").replace(
            "%1", origin_text(loaded.origin)
        )
        wiki = QCoreApplication.translate("Dialogs", "Wiki: %1").replace("%1", loaded.wiki or "—")
        lines.append(f"<p>{esc(content)}<br>{esc(wiki)}<br>")
        for page in loaded.content.manifest.pages:
            revision = QCoreApplication.translate("Dialogs", "revision %1 of %2")
            revision = revision.replace("%1", page.revision or "—")
            revision = revision.replace("%2", page.last_modified or "—")
            lines.append(f"{esc(page.id)} — {esc(revision)}<br>")
        lines.append("</p>")
    lines.append(f"<p>{esc(licence)}</p>")
    QMessageBox.about(parent, QCoreApplication.translate("Dialogs", "About"), "".join(lines))


class ContentInfoDialog(QDialog):
    """Where the content comes from: origin, folder, wiki, pages with revisions, warnings."""

    def __init__(self, loaded: LoadedContent | None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(QCoreApplication.translate("Dialogs", "Content information"))
        metrics = self.fontMetrics()  # sized for its text, the window's zoom included
        self.resize(metrics.averageCharWidth() * 90, metrics.height() * 26)
        self.view = QTextBrowser(self)
        self.view.setOpenExternalLinks(False)
        self.view.setOpenLinks(False)
        self.view.setAccessibleName(QCoreApplication.translate("Dialogs", "Content information"))
        self.view.setHtml(self._html(loaded))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        buttons.accepted.connect(self.accept)
        layout = QVBoxLayout(self)
        layout.addWidget(self.view)
        layout.addWidget(buttons)

    @staticmethod
    def _html(loaded: LoadedContent | None) -> str:
        esc = html.escape
        if loaded is None:
            waiting = QCoreApplication.translate("Dialogs", "The content is still loading.")
            return f"<p>{esc(waiting)}</p>"
        library = loaded.library
        count = sum(1 for _ in library.questions())
        unanswered = sum(1 for q in library.questions() if not q.answered)
        questions = QCoreApplication.translate("Dialogs", "%1 (%2 unanswered)")
        rows = [
            (QCoreApplication.translate("Dialogs", "Origin"), origin_text(loaded.origin)),
            (QCoreApplication.translate("Dialogs", "Folder"), str(loaded.content.root)),
            (QCoreApplication.translate("Dialogs", "Wiki"), loaded.wiki or "—"),
            (
                QCoreApplication.translate("Dialogs", "Questions"),
                questions.replace("%1", str(count)).replace("%2", str(unanswered)),
            ),
        ]
        parts = ["<table cellpadding='3'>"]
        parts += [f"<tr><th align='left'>{esc(k)}</th><td>{esc(v)}</td></tr>" for k, v in rows]
        parts.append("</table>")
        pages = QCoreApplication.translate("Dialogs", "Pages")
        parts.append(f"<h4>{esc(pages)}</h4><ul>")
        details = QCoreApplication.translate("Dialogs", "revision %1, modified %2, fetched %3")
        for entry in loaded.content.manifest.pages:
            page = library.page(entry.id)
            title = page.title if page is not None else entry.id
            line = details.replace("%1", entry.revision or "—")
            line = line.replace("%2", entry.last_modified or "—").replace(
                "%3", entry.fetched or "—"
            )
            parts.append(f"<li><b>{esc(title)}</b> ({esc(entry.id)})<br>{esc(line)}</li>")
        parts.append("</ul>")
        problems = list(loaded.warnings) + list(loaded.content.problems)
        if problems:
            warnings = QCoreApplication.translate("Dialogs", "Warnings")
            parts.append(f"<h4>{esc(warnings)}</h4><ul>")
            parts += [f"<li>{esc(p)}</li>" for p in problems]
            parts.append("</ul>")
        return "".join(parts)


class LogDialog(QDialog):
    """The application's log file, read-only, with the newest lines at the bottom."""

    def __init__(self, parent: QWidget | None, log_dir: Path) -> None:
        super().__init__(parent)
        self.setWindowTitle(QCoreApplication.translate("Dialogs", "Log"))
        metrics = self.fontMetrics()
        self.resize(metrics.averageCharWidth() * 120, metrics.height() * 30)
        self.text = QPlainTextEdit(self)
        self.text.setReadOnly(True)
        self.text.setLineWrapMode(QPlainTextEdit.LineWrapMode.NoWrap)
        self.text.setFont(QFont("monospace"))
        self.text.setAccessibleName(QCoreApplication.translate("Dialogs", "Log contents"))
        self.path = log_file(log_dir)
        self.address_dialog: QDialog | None = None
        self.text.setPlainText(self._read())
        self.text.moveCursor(self.text.textCursor().MoveOperation.End)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        copy = QPushButton(QCoreApplication.translate("Dialogs", "Copy"), self)
        copy.setAccessibleName(QCoreApplication.translate("Dialogs", "Copy the log"))
        copy.clicked.connect(lambda: QGuiApplication.clipboard().setText(self.text.toPlainText()))
        folder = QPushButton(QCoreApplication.translate("Dialogs", "Open the folder"), self)
        folder.setAccessibleName(QCoreApplication.translate("Dialogs", "Open the log folder"))
        folder.clicked.connect(self.open_folder)
        buttons.addButton(copy, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.addButton(folder, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.text)
        layout.addWidget(buttons)

    def open_folder(self) -> None:
        """The log's folder in the file manager, or its path to copy."""
        from reader.ui.external import open_url

        self.address_dialog = open_url(self, QUrl.fromLocalFile(str(self.path.parent)))

    def _read(self) -> str:
        try:
            with self.path.open("rb") as handle:
                size = handle.seek(0, 2)
                handle.seek(max(0, size - LOG_TAIL))
                data = handle.read()
        except OSError:
            return QCoreApplication.translate(
                "Dialogs", "The log is empty or cannot be read: %1"
            ).replace("%1", str(self.path))
        return data.decode("utf-8", errors="replace") or QCoreApplication.translate(
            "Dialogs", "The log is empty."
        )
