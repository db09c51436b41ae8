"""The section tree: a Qt item model over the library, Page → Section → Question.

Nodes are kept in a flat list and addressed by their position (the index's internal id),
so no Python object has to live behind a raw pointer. Only the pages are made when a
library is set; a node's children are made the first time the view (or a lookup) asks
for them, so a library of 10,000 questions is shown at once.

A linked wiki page (one the FAQ links to) comes after the FAQ's pages; its headings are
its entries, and a heading that stands for a part of it (the page's title, a section's
heading) is that part's row rather than a child of its own. Its rows are never
"unanswered", and its title is not bold but has the style's file icon.

Unanswered questions say so in their text ("(sans réponse)") and are drawn in italics,
in a muted colour that stays readable (:func:`reader.ui.theme.muted_text`). Questions
that a refresh added or changed carry a mark until opened ("(nouveau)", "(modifié)"): a
coloured dot, bold text, and the word in the label, the tooltip and the accessible text.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from PySide6.QtCore import QAbstractItemModel, QModelIndex, QPersistentModelIndex

if TYPE_CHECKING:  # not needed to paint an empty tree (see reader.ui.window.main_window)
    from PySide6.QtCore import QObject, Qt
    from PySide6.QtGui import QColor, QIcon

    from reader.content.model import Library, Page, Question, Section

ItemIndex = QModelIndex | QPersistentModelIndex

# Qt.ItemDataRole's values, which Qt's ABI fixes, as plain ints: reading ``Qt`` here would
# build its whole namespace before the first paint (tests/ui/test_startup_diet.py checks
# that they match).
DISPLAY_ROLE = 0
DECORATION_ROLE = 1
TOOLTIP_ROLE = 3
FONT_ROLE = 6
FOREGROUND_ROLE = 9
ACCESSIBLE_TEXT_ROLE = 11
USER_ROLE = 256

# Roles beyond Qt's own, read by the window and the tests.
KIND_ROLE = USER_ROLE + 1  # "page", "section" or "question"
ID_ROLE = USER_ROLE + 2  # question id, or "<page-id>#<anchor>" for the others
ANSWERED_ROLE = USER_ROLE + 3
MARK_ROLE = USER_ROLE + 4  # "new", "changed" or "" (see reader.sync.changes)

# What a mark changes in a row (its one dataChanged says so, for that row only).
MARK_ROLES = [
    DISPLAY_ROLE,
    DECORATION_ROLE,
    TOOLTIP_ROLE,
    FONT_ROLE,
    ACCESSIBLE_TEXT_ROLE,
    MARK_ROLE,
]

MAX_LABEL = 160  # a very long heading is cut in the tree; the tooltip has it whole


@dataclass
class _Node:
    kind: str
    item: Page | Section | Question
    parent: int  # position of the parent node, -1 for top level
    row: int
    target: str = ""
    # Read when the row is drawn, so found once when the node is made.
    linked: bool = False  # a linked page, or one of its entries
    answered: bool = True  # False only for a question with no answer
    has_children: bool = False
    children: list[int] = field(default_factory=list)
    built: bool = False  # its children are made the first time they are asked for


def _clip(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= MAX_LABEL else text[: MAX_LABEL - 1] + "…"


def _shown_questions(section: Section) -> tuple[Question, ...]:
    """The questions of a section that have rows of their own: in a linked page, the
    entry of the section's own heading is the section's row."""
    questions = section.questions
    if questions and questions[0].linked and questions[0].anchor == section.anchor:
        return questions[1:]
    return questions


def _page_has_children(page: Page) -> bool:
    """Whether a page has rows under it (a linked page's text under its title has none)."""
    return any(not page.linked or s.anchor != page.title_anchor for s in page.sections)


def _dot(colour: QColor, size: int = 10) -> QIcon:
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QIcon, QPainter, QPixmap

    pixmap = QPixmap(size, size)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(colour)
    painter.drawEllipse(1, 1, size - 2, size - 2)
    painter.end()
    return QIcon(pixmap)


class SectionTreeModel(QAbstractItemModel):
    """Read-only tree of the library's pages, sections and questions, with the marks."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._pages_shown: tuple[Page, ...] = ()
        self._nodes: list[_Node] = []
        self._roots: list[int] = []
        self._by_target: dict[str, int] = {}
        self._pages: dict[str, int] = {}
        self._marks: dict[str, str] = {}
        self._unanswered_suffix = self.tr(" (unanswered)")
        self._linked_suffix = self.tr(" (wiki page the FAQ links to)")
        self._mark_words = {"new": self.tr("new"), "changed": self.tr("changed")}
        self._dots: dict[int, QIcon] = {}  # by colour (the theme's)
        self._file_icon: QIcon | None = None

    # -- building ------------------------------------------------------------------------
    def set_library(self, library: Library) -> None:
        self.beginResetModel()
        self._pages_shown = library.pages
        self._nodes = []
        self._roots = []
        self._by_target = {}
        self._pages = {}
        for page in library.pages:
            node = _Node("page", page, -1, len(self._roots), f"{page.id}#{page.title_anchor}")
            node.linked = page.linked
            node.has_children = _page_has_children(page)
            self._pages[page.id] = self._add(node)
        self.endResetModel()

    def _add(self, node: _Node) -> int:
        """Append a node (its ``row`` already its place among its siblings); its position."""
        siblings = self._roots if node.parent < 0 else self._nodes[node.parent].children
        position = len(self._nodes)
        self._nodes.append(node)
        siblings.append(position)
        if node.kind == "question" or node.target not in self._by_target:
            self._by_target[node.target] = position
        return position

    def _children(self, position: int) -> list[int]:
        """The children of a node, made on first use (a page's sections, a section's questions)."""
        from reader.content.model import Page, Section

        node = self._nodes[position]
        if not node.built:
            node.built = True
            item = node.item
            if isinstance(item, Page):
                for section in item.sections:
                    if item.linked and section.anchor == item.title_anchor:
                        continue  # the text under the title: the page's own row
                    target = f"{item.id}#{section.anchor}"
                    child = _Node("section", section, position, len(node.children), target)
                    child.has_children = bool(_shown_questions(section))
                    self._add(child)
            elif isinstance(item, Section):
                for question in _shown_questions(item):
                    child = _Node("question", question, position, len(node.children), question.id)
                    child.linked = question.linked
                    child.answered = question.answered
                    self._add(child)
        return node.children

    # -- marks ---------------------------------------------------------------------------
    def set_marks(self, marks: dict[str, str]) -> None:
        """Show these "new" / "changed" marks (question id → mark) instead of the old ones."""
        old, self._marks = self._marks, dict(marks)
        for question_id in set(old) | set(self._marks):
            if old.get(question_id) != self._marks.get(question_id):
                self._changed(question_id)

    def clear_mark(self, question_id: str) -> bool:
        """Drop one question's mark (it was opened). True when it had one."""
        if self._marks.pop(question_id, None) is None:
            return False
        self._changed(question_id)
        return True

    def mark(self, question_id: str) -> str:
        return self._marks.get(question_id, "")

    def _changed(self, target: str) -> None:
        position = self._by_target.get(target)
        if position is not None:  # not made yet: it will be drawn with its mark
            index = self.createIndex(self._nodes[position].row, 0, position)
            self.dataChanged.emit(index, index, MARK_ROLES)

    # -- lookups -------------------------------------------------------------------------
    def index_for(self, target: str) -> QModelIndex:
        """The index of a question id (or "<page>#<anchor>" of a page or section)."""
        page = self._pages.get(target.partition("#")[0])
        if page is not None and target not in self._by_target:
            for section in self._children(page):
                self._children(section)
        position = self._by_target.get(target)
        if position is None:
            return QModelIndex()
        node = self._nodes[position]
        return self.createIndex(node.row, 0, position)

    def question_count(self) -> int:
        return sum(
            len(section.questions) for page in self._pages_shown for section in page.sections
        )

    # -- QAbstractItemModel --------------------------------------------------------------
    def index(self, row: int, column: int, parent: ItemIndex = QModelIndex()) -> QModelIndex:  # noqa: B008
        if column != 0 or row < 0:
            return QModelIndex()
        siblings = self._children(parent.internalId()) if parent.isValid() else self._roots
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
        return len(self._children(parent.internalId()))

    def columnCount(self, parent: ItemIndex = QModelIndex()) -> int:  # noqa: B008
        return 1

    def hasChildren(self, parent: ItemIndex = QModelIndex()) -> bool:  # noqa: B008
        if not parent.isValid():
            return bool(self._roots)
        return self._nodes[parent.internalId()].has_children

    def flags(self, index: ItemIndex) -> Qt.ItemFlag:
        from PySide6.QtCore import Qt

        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    def data(self, index: ItemIndex, role: int = DISPLAY_ROLE) -> object:
        if not index.isValid():
            return None
        node = self._nodes[index.internalId()]
        item = node.item
        question = node.kind == "question"
        linked = node.linked
        answered = linked or node.answered
        mark = self._marks.get(node.target, "") if question else ""
        if role == DISPLAY_ROLE:
            label = _clip(item.title) or "—"
            return label + self._suffix(answered, mark)
        if role in (TOOLTIP_ROLE, ACCESSIBLE_TEXT_ROLE):
            suffix = self._linked_suffix if linked and node.kind == "page" else ""
            return item.title + self._suffix(answered, mark) + suffix
        if role == KIND_ROLE:
            return node.kind
        if role == ID_ROLE:
            return node.target
        if role == ANSWERED_ROLE:
            return answered
        if role == MARK_ROLE:
            return mark
        if role == DECORATION_ROLE and linked and node.kind == "page":
            return self._page_icon()
        if role == DECORATION_ROLE and mark:
            from PySide6.QtWidgets import QApplication

            from reader.ui.theme import mark_colour

            colour = mark_colour(mark, QApplication.palette())
            if colour.rgba() not in self._dots:
                self._dots[colour.rgba()] = _dot(colour)
            return self._dots[colour.rgba()]
        if role == FONT_ROLE:
            if (node.kind == "page" and not linked) or mark or not answered:
                from PySide6.QtGui import QFont

                font = QFont()
                font.setBold((node.kind == "page" and not linked) or bool(mark))
                font.setItalic(not answered)
                return font
            return None
        if role == FOREGROUND_ROLE and not answered:
            from PySide6.QtWidgets import QApplication

            from reader.ui.theme import muted_text

            return muted_text(QApplication.palette())
        return None

    def _page_icon(self) -> QIcon:
        """The style's icon of a file: a wiki page the FAQ links to, not one of its own."""
        if self._file_icon is None:
            from PySide6.QtWidgets import QApplication, QStyle

            self._file_icon = QApplication.style().standardIcon(QStyle.StandardPixmap.SP_FileIcon)
        return self._file_icon

    def _suffix(self, answered: bool, mark: str) -> str:
        suffix = "" if answered else self._unanswered_suffix
        if mark:
            suffix += f" ({self._mark_words[mark]})"
        return suffix
