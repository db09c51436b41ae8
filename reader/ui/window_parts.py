"""Small pieces of the window: text helpers, the app's icon.

Imported before the first paint: the Qt types only some helpers need are imported in them
(see :mod:`reader.ui.main_window` on why).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication

if TYPE_CHECKING:
    from pathlib import Path

    from PySide6.QtGui import QIcon
    from PySide6.QtWidgets import QLineEdit


def name_clear_button(field: QLineEdit, name: str) -> None:
    """Give the line edit's own clear button an accessible name (Qt leaves it empty)."""
    from PySide6.QtWidgets import QToolButton

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
    from PySide6.QtCore import QDateTime, QLocale, Qt

    moment = QDateTime.fromString(iso, Qt.DateFormat.ISODate)
    if not moment.isValid():
        return iso
    return QLocale().toString(moment.date(), "d MMMM yyyy")


def app_icon(resources: Path) -> QIcon:
    """The reader's icon, from the bundled ``resources`` folder."""
    from PySide6.QtGui import QIcon

    return QIcon(str(resources / "icons" / "faq-reader.svg"))
