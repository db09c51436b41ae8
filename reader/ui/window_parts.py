"""Small pieces of the window: the mouse's side buttons, text helpers, the app's icon."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QDateTime, QEvent, QLocale, QObject, Qt
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QLineEdit, QToolButton

if TYPE_CHECKING:
    from reader.ui.main_window import MainWindow


class SideButtons(QObject):
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


def origin_text(origin: str) -> str:
    """Where the content comes from, for the status bar and the dialogs."""
    if origin == "user":
        return QCoreApplication.translate("Dialogs", "updated from the wiki")
    return QCoreApplication.translate("Dialogs", "bundled with the application")


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
