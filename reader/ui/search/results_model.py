"""The search results as a list model: one row per hit.

Each row carries the question, its section, what it lacks of the query ("Ne contient
pas : payer", for a partial answer) and the snippet (safe HTML from the index: the words
that matched inside ``<mark>``, a synonym's inside ``<mark class="synonym" title="…">``);
the delegate in :mod:`reader.ui.search.results_view` draws them. The marks become spans
in the colours of :mod:`reader.ui.theme`, a synonym's with a dotted underline and its
title as a tooltip.
"""

from __future__ import annotations

import html
import re
from typing import TYPE_CHECKING

from PySide6.QtCore import QAbstractListModel, QModelIndex, QPersistentModelIndex, Qt

from reader.ui.theme import MARK_TEXT, SYNONYM_MARK, WORD_MARK

if TYPE_CHECKING:
    from PySide6.QtCore import QObject

    from reader.search.results import Hit

ItemIndex = QModelIndex | QPersistentModelIndex

ID_ROLE = Qt.ItemDataRole.UserRole + 1
HTML_ROLE = Qt.ItemDataRole.UserRole + 2
MATCHED_ROLE = Qt.ItemDataRole.UserRole + 3
HIT_ROLE = Qt.ItemDataRole.UserRole + 4

WORD_STYLE = f"background-color:{WORD_MARK}; color:{MARK_TEXT}"
SYNONYM_STYLE = f"background-color:{SYNONYM_MARK}; color:{MARK_TEXT}; text-underline-style:dotted"

_MARK = re.compile(r"<mark\b([^>]*)>")
_TITLE = re.compile(r'\btitle="([^"<>]*)"')


def styled_marks(snippet: str) -> str:
    """The index's ``<mark>`` tags as spans Qt's rich text draws (a synonym's apart)."""

    def span(match: re.Match[str]) -> str:
        attributes = match.group(1)
        if 'class="synonym"' not in attributes:
            return f'<span style="{WORD_STYLE}">'
        title = _TITLE.search(attributes)
        tip = f' title="{title.group(1)}"' if title else ""
        return f'<span style="{SYNONYM_STYLE}"{tip}>'

    return _MARK.sub(span, snippet).replace("</mark>", "</span>")


class ResultsModel(QAbstractListModel):
    """Search hits, best first."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._hits: tuple[Hit, ...] = ()
        self._unanswered = self.tr("(unanswered)")

    def set_hits(self, hits: tuple[Hit, ...]) -> None:
        self.beginResetModel()
        self._hits = tuple(hits)
        self.endResetModel()

    def hit(self, row: int) -> Hit | None:
        return self._hits[row] if 0 <= row < len(self._hits) else None

    def rowCount(self, parent: ItemIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._hits)

    def data(self, index: ItemIndex, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        hit = self.hit(index.row()) if index.isValid() else None
        if hit is None:
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return hit.question
        if role in (Qt.ItemDataRole.ToolTipRole, Qt.ItemDataRole.AccessibleTextRole):
            parts = [f"{hit.question} — {hit.section}"]
            if not hit.answered:
                parts.append(self._unanswered)
            if hit.missing:
                parts.append(f"({self.lacks(hit)})")
            return " ".join(parts)
        if role == ID_ROLE:
            return hit.id
        if role == MATCHED_ROLE:
            return list(hit.matched)
        if role == HIT_ROLE:
            return hit
        if role == HTML_ROLE:
            return self._html(hit)
        return None

    def lacks(self, hit: Hit) -> str:
        """ "Lacks: payer" for a partial answer (plain text)."""
        return self.tr("Lacks: %1").replace("%1", ", ".join(hit.missing))

    def _html(self, hit: Hit) -> str:
        esc = html.escape
        title = f"<b>{esc(hit.question)}</b>"
        if not hit.answered:
            title += f" <i>{esc(self._unanswered)}</i>"
        small = '<br><span style="font-size: small">'
        parts = [title, f"{small}<i>{esc(hit.section)}</i></span>"]
        if hit.missing:
            parts.append(f"<br><i>{esc(self.lacks(hit))}</i>")
        if hit.snippet:
            parts.append(f"<br>{styled_marks(hit.snippet)}")
        return "".join(parts)
