"""The search results as a list model: one row per hit (or per nearby question).

Each row carries the question, its section and the snippet (safe HTML from the index,
hit words inside ``<mark>``); the delegate in :mod:`reader.ui.search.results_view` draws them.
"""

from __future__ import annotations

import html
import re
from typing import Any

from PySide6.QtCore import QAbstractListModel, QModelIndex, QPersistentModelIndex, Qt

ItemIndex = QModelIndex | QPersistentModelIndex

ID_ROLE = Qt.ItemDataRole.UserRole + 1
HTML_ROLE = Qt.ItemDataRole.UserRole + 2
TERMS_ROLE = Qt.ItemDataRole.UserRole + 3
HIT_ROLE = Qt.ItemDataRole.UserRole + 4

_MARKED = re.compile(r"<mark>(.*?)</mark>", re.S)
_TAGS = re.compile(r"<[^>]+>")


def marked_words(snippet: str) -> list[str]:
    """The words the index marked in a snippet."""
    return [html.unescape(_TAGS.sub("", m)) for m in _MARKED.findall(snippet or "")]


class ResultsModel(QAbstractListModel):
    """Search hits, best first."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self._hits: tuple[Any, ...] = ()
        self._unanswered = self.tr("(unanswered)")

    def set_hits(self, hits: tuple[Any, ...]) -> None:
        self.beginResetModel()
        self._hits = tuple(hits)
        self.endResetModel()

    def hit(self, row: int) -> Any | None:
        return self._hits[row] if 0 <= row < len(self._hits) else None

    def rowCount(self, parent: ItemIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._hits)

    def data(self, index: ItemIndex, role: int = Qt.ItemDataRole.DisplayRole):
        hit = self.hit(index.row()) if index.isValid() else None
        if hit is None:
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return hit.question
        if role in (Qt.ItemDataRole.ToolTipRole, Qt.ItemDataRole.AccessibleTextRole):
            text = f"{hit.question} — {hit.section}"
            return text if hit.answered else f"{text} {self._unanswered}"
        if role == ID_ROLE:
            return hit.id
        if role == TERMS_ROLE:
            return list(hit.terms) + marked_words(hit.snippet)
        if role == HIT_ROLE:
            return hit
        if role == HTML_ROLE:
            return self._html(hit)
        return None

    def _html(self, hit: Any) -> str:
        esc = html.escape
        title = f"<b>{esc(hit.question)}</b>"
        if not hit.answered:
            title += f" <i>{esc(self._unanswered)}</i>"
        parts = [title, f'<br><span style="font-size: small"><i>{esc(hit.section)}</i></span>']
        if hit.snippet:
            snippet = hit.snippet.replace(
                "<mark>", '<span style="background-color:#ffe066; color:#000000">'
            ).replace("</mark>", "</span>")
            parts.append(f"<br>{snippet}")
        return "".join(parts)
