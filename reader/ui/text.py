"""Text helpers shared by the window's parts: clipping, folding, dates, the content's origin.

Imported before the first paint: the Qt types only some helpers need are imported in them
(see :mod:`reader.ui.window.main_window` on why).
"""

from __future__ import annotations

import unicodedata

from PySide6.QtCore import QCoreApplication


def origin_text(origin: str) -> str:
    """Where the content comes from, for the status bar and the dialogs."""
    if origin == "user":
        return QCoreApplication.translate("Dialogs", "updated from the wiki")
    return QCoreApplication.translate("Dialogs", "bundled with the application")


def clip(text: str, limit: int) -> str:
    """``text`` on one line, cut to ``limit`` characters with "…" when longer."""
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def fold_keeping_positions(text: str) -> str:
    """Lower-case and strip accents, one character for one, so positions still match."""
    out = []
    for char in text:
        base = unicodedata.normalize("NFD", char)[:1] or char
        out.append(base.lower()[:1] or base)
    return "".join(out)


def format_date(iso: str) -> str:
    """An ISO 8601 date in the user's language ("8 avril 2020"); the text itself if unreadable."""
    from PySide6.QtCore import QDateTime, QLocale, Qt

    moment = QDateTime.fromString(iso, Qt.DateFormat.ISODate)
    if not moment.isValid():
        return iso
    return QLocale().toString(moment.date(), "d MMMM yyyy")
