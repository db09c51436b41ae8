"""Handing an address or a file to the system, and what the user gets when nothing takes it.

``QDesktopServices.openUrl`` answers False when no browser or application is set up for
it (on Linux, also when ``xdg-open`` is missing). On Linux it answers True as soon as
``xdg-open`` starts, even when no browser then opens: for a web address, the window
asks beforehand whether ``xdg-open`` would find one (:data:`BROWSER`, found once off the
UI thread: :mod:`reader.ui.browser`). When nothing would take it, instead of nothing:

- an address (the wiki, a web or mail link, a folder): a small dialog shows it, selected
  and selectable, with "Copy the address" (to the clipboard) and "Close", so the user can
  paste it into a browser or a file manager;
- a stored document (a PDF, a spreadsheet of the wiki): a message that no application
  opens it here, with "Save as…" to put a copy elsewhere (a USB stick, another computer).

Each function returns the dialog it opened (None when the system took the address), so
that its caller, and the tests, can hold it.
"""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import QUrl
from PySide6.QtGui import QDesktopServices, QGuiApplication
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from reader.ui.browser import BrowserCheck

log = logging.getLogger(__name__)

BROWSER = BrowserCheck()  # started by the answer pane once the window is up
WEB_SCHEMES = ("http", "https")


class AddressDialog(QDialog):
    """The address that no application could open, to copy (see the module docstring)."""

    def __init__(self, address: str, folder: bool = False, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(self.tr("Open the folder") if folder else self.tr("Open the address"))
        if folder:
            text = self.tr("No file manager could open this folder. Its path, to copy:")
        else:
            text = self.tr("No web browser could open this address. Copy it into a browser:")
        self.label = QLabel(text, self)
        self.label.setWordWrap(True)
        self.address = QLineEdit(address, self)
        self.address.setReadOnly(True)
        self.address.setAccessibleName(self.tr("Address"))
        width = self.address.fontMetrics().horizontalAdvance(address) + 24
        self.address.setMinimumWidth(min(640, width))
        self.label.setBuddy(self.address)
        self.copied = QLabel(self)
        self.copied.setAccessibleName(self.tr("Copy status"))
        self._folder = folder
        copy = self.tr("&Copy the path") if folder else self.tr("&Copy the address")
        self.copy_button = QPushButton(copy, self)
        self.copy_button.clicked.connect(self.copy)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.button(QDialogButtonBox.StandardButton.Close).setText(self.tr("Close"))
        buttons.addButton(self.copy_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.label)
        layout.addWidget(self.address)
        layout.addWidget(self.copied)
        layout.addWidget(buttons)
        self.address.setFocus()
        self._select_all()

    def _select_all(self) -> None:
        # Backwards, so that the start of the address is what shows.
        length = len(self.address.text())
        self.address.setSelection(length, -length)

    def copy(self) -> None:
        """Put the address on the clipboard, and say so."""
        QGuiApplication.clipboard().setText(self.address.text())
        if self._folder:
            self.copied.setText(self.tr("Path copied: paste it into a file manager (Ctrl+V)."))
        else:
            self.copied.setText(self.tr("Address copied: paste it into a browser (Ctrl+V)."))
        self.address.setFocus()
        self._select_all()


def open_url(parent: QWidget | None, url: QUrl) -> AddressDialog | None:
    """Open ``url`` with the system; when nothing can, show its address to copy."""
    web = url.scheme() in WEB_SCHEMES
    if web and BROWSER.missing(wait=1.0):
        log.warning("no web browser set up for %s", url.toString())
    elif QDesktopServices.openUrl(url):
        return None
    else:
        log.warning("no application to open %s", url.toString())
    folder = url.isLocalFile()
    address = url.toLocalFile() if folder else url.toString()
    dialog = AddressDialog(address, folder, parent)
    dialog.open()
    return dialog


class SaveCopyDialog(QDialog):
    """No application opens this stored document here: say so, offer "Save as…".

    The file dialog is :attr:`save_dialog` once asked for; :attr:`saved` is the copy made.
    """

    def __init__(self, path: Path, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.path = path
        self.saved: Path | None = None
        self.save_dialog: QFileDialog | None = None
        self.setWindowTitle(path.name)
        self.label = QLabel(
            self.tr("No application on this computer can open %1.").replace("%1", path.name), self
        )
        self.label.setWordWrap(True)
        self.status = QLabel(
            self.tr("Save a copy elsewhere (a USB stick…) to open it on another computer."), self
        )
        self.status.setWordWrap(True)
        self.status.setAccessibleName(self.tr("Copy status"))
        self.save_button = QPushButton(self.tr("&Save as…"), self)
        self.save_button.setDefault(True)
        self.save_button.clicked.connect(self.ask_where)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.button(QDialogButtonBox.StandardButton.Close).setText(self.tr("Close"))
        buttons.addButton(self.save_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.label)
        layout.addWidget(self.status)
        layout.addWidget(buttons)
        self.save_button.setFocus()

    def ask_where(self) -> QFileDialog:
        """The "Save as" file dialog, over this one; the copy is made when it is accepted."""
        from reader.ui.file_dialogs import save_dialog

        dialog = save_dialog(self, self.tr("Save a copy of %1").replace("%1", self.path.name))
        dialog.selectFile(self.path.name)
        dialog.fileSelected.connect(self.save_to)
        self.save_dialog = dialog
        dialog.open()
        return dialog

    def save_to(self, target: str) -> None:
        """Copy the document to ``target`` (atomically), and say where it went."""
        from reader.fsutil import atomic_write_bytes

        destination = Path(target)
        try:
            if destination.resolve() != self.path.resolve():
                atomic_write_bytes(destination, self.path.read_bytes())
        except OSError as error:
            log.warning("copy of %s not saved to %s: %s", self.path, destination, error)
            message = self.tr("The copy could not be saved: %1").replace("%1", str(error))
            self.status.setText(message)
            return
        self.saved = destination
        self.status.setText(self.tr("Copy saved: %1").replace("%1", str(destination)))


def open_file(parent: QWidget | None, path: Path) -> SaveCopyDialog | None:
    """Open a stored file with the system's application; when none can, offer to save it."""
    if QDesktopServices.openUrl(QUrl.fromLocalFile(str(path))):
        return None
    log.warning("no application to open %s", path)
    dialog = SaveCopyDialog(path, parent)
    dialog.open()
    return dialog
