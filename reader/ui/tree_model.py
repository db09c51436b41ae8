"""The section tree: a Qt item model over the library, Page → Section → Question.

Nodes are kept in a flat list and addressed by their position (the index's internal id),
so no Python object has to live behind a raw pointer. Unanswered questions say so in their
text ("(sans réponse)") and are drawn in italics, in a muted colour.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from PySide6.QtCore import (
    QAbstractItemModel,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtGui import QFont, QPalette
from PySide6.QtWidgets import QApplication

from reader.content.model import Library, Page, Question, Section

ItemIndex = QModelIndex | QPersistentModelIndex

# Roles beyond Qt's own, read by the window and the tests.
KIND_ROLE = Qt.ItemDataRole.UserRole + 1  # "page", "section" or "question"
ID_ROLE = Qt.ItemDataRole.UserRole + 2  # question id, or "<page-id>#<anchor>" for the others
ANSWERED_ROLE = Qt.ItemDataRole.UserRole + 3

MAX_LABEL = 160  # a very long heading is cut in the tree; the tooltip has it whole


@dataclass
class _Node:
    kind: str
    item: Page | Section | Question | None
    parent: int  # position of the parent node, -1 for top level
    row: int
    target: str = ""
    children: list[int] = field(default_factory=list)


def _clip(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= MAX_LABEL else text[: MAX_LABEL - 1] + "…"


class SectionTreeModel(QAbstractItemModel):
    """Read-only tree of the library's pages, sections and questions."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self._nodes: list[_Node] = []
        self._roots: list[int] = []
        self._by_target: dict[str, int] = {}
        self._unanswered_suffix = self.tr(" (unanswered)")

    # -- building ------------------------------------------------------------------------
    def set_library(self, library: Library) -> None:
        self.beginResetModel()
        self._nodes = []
        self._roots = []
        self._by_target = {}
        for page in library.pages:
            page_node = self._add("page", page, -1, f"{page.id}#{page.title_anchor}")
            for section in page.sections:
                target = f"{page.id}#{section.anchor}"
                section_node = self._add("section", section, page_node, target)
                for question in section.questions:
                    self._add("question", question, section_node, question.id)
        self.endResetModel()

    def _add(self, kind: str, item, parent: int, target: str) -> int:
        siblings = self._roots if parent < 0 else self._nodes[parent].children
        position = len(self._nodes)
        self._nodes.append(_Node(kind, item, parent, len(siblings), target))
        siblings.append(position)
        if kind == "question" or target not in self._by_target:
            self._by_target[target] = position
        return position

    # -- lookups -------------------------------------------------------------------------
    def index_for(self, target: str) -> QModelIndex:
        """The index of a question id (or "<page>#<anchor>" of a page or section)."""
        position = self._by_target.get(target)
        if position is None:
            return QModelIndex()
        node = self._nodes[position]
        return self.createIndex(node.row, 0, position)

    def question_count(self) -> int:
        return sum(1 for node in self._nodes if node.kind == "question")

    # -- QAbstractItemModel --------------------------------------------------------------
    def index(self, row: int, column: int, parent: ItemIndex = QModelIndex()) -> QModelIndex:  # noqa: B008
        if column != 0 or row < 0:
            return QModelIndex()
        siblings = self._nodes[parent.internalId()].children if parent.isValid() else self._roots
        if row >= len(siblings):
            return QModelIndex()
        return self.createIndex(row, 0, siblings[row])

    def parent(self, child: ItemIndex = QModelIndex()) -> QModelIndex:  # type: ignore[override]  # noqa: B008
        if not child.isValid():
            return QModelIndex()
        parent = self._nodes[child.internalId()].parent
        if parent < 0:
            return QModelIndex()
        return self.createIndex(self._nodes[parent].row, 0, parent)

    def rowCount(self, parent: ItemIndex = QModelIndex()) -> int:  # noqa: B008
        if parent.column() > 0:
            return 0
        if not parent.isValid():
            return len(self._roots)
        return len(self._nodes[parent.internalId()].children)

    def columnCount(self, parent: ItemIndex = QModelIndex()) -> int:  # noqa: B008
        return 1

    def hasChildren(self, parent: ItemIndex = QModelIndex()) -> bool:  # noqa: B008
        return self.rowCount(parent) > 0

    def flags(self, index: ItemIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    def data(self, index: ItemIndex, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        node = self._nodes[index.internalId()]
        item = node.item
        title = getattr(item, "title", "")
        answered = not (node.kind == "question" and not item.answered)  # type: ignore[union-attr]
        if role == Qt.ItemDataRole.DisplayRole:
            label = _clip(title) or "—"
            return label if answered else label + self._unanswered_suffix
        if role in (Qt.ItemDataRole.ToolTipRole, Qt.ItemDataRole.AccessibleTextRole):
            return title if answered else title + self._unanswered_suffix
        if role == KIND_ROLE:
            return node.kind
        if role == ID_ROLE:
            return node.target
        if role == ANSWERED_ROLE:
            return answered
        if role == Qt.ItemDataRole.FontRole:
            if node.kind == "page":
                font = QFont()
                font.setBold(True)
                return font
            if not answered:
                font = QFont()
                font.setItalic(True)
                return font
            return None
        if role == Qt.ItemDataRole.ForegroundRole and not answered:
            palette = QApplication.palette()
            return palette.brush(QPalette.ColorGroup.Disabled, QPalette.ColorRole.Text)
        return None
