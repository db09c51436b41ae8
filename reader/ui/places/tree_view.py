"""The section tree's view: long question titles wrap onto several lines, never scroll sideways.

QTreeView asks its delegate for a row's height without telling it the column's width
(Qt leaves ``option.rect`` empty there), so wrapped text would get a one-line row. The
delegate here gives the width a row really has (the viewport less the indentation of its
depth), and the view lays its rows out again when its width changes.

The tree is empty until the window's first paint; what only matters once it has rows
(:meth:`QuestionTree.finish_setup`) is set after that paint, and the Qt types only the rows
need are imported where they are used: see :mod:`reader.ui.window.main_window` on why.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QStyledItemDelegate, QTreeView

if TYPE_CHECKING:
    from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QSize
    from PySide6.QtGui import QResizeEvent
    from PySide6.QtWidgets import QStyleOptionViewItem, QWidget

RELAYOUT_DELAY_MS = 60  # while the splitter is dragged, lay out once it rests


class _WrappingDelegate(QStyledItemDelegate):
    """Sizes a row for the width it will be drawn in, so its text wraps."""

    def __init__(self, view: QTreeView) -> None:
        super().__init__(view)
        self._view = view

    def sizeHint(
        self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
    ) -> QSize:
        from PySide6.QtCore import QRect
        from PySide6.QtWidgets import QStyleOptionViewItem

        depth = 0
        parent = index.parent()
        while parent.isValid():
            depth += 1
            parent = parent.parent()
        view = self._view
        indent = view.indentation() * (depth + (1 if view.rootIsDecorated() else 0))
        width = max(40, view.viewport().width() - indent)
        sized = QStyleOptionViewItem(option)
        # The style wraps only in a valid rect (height > 0); the height is measured anew.
        sized.rect = QRect(0, 0, width, 10_000)
        return super().sizeHint(sized, index)


class QuestionTree(QTreeView):
    """The tree of pages, sections and questions, with wrapped titles (see the module)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setHeaderHidden(True)
        self.setWordWrap(True)
        self.setUniformRowHeights(False)
        # Per item: per pixel would measure every wrapped row of a large library at once.
        self.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerItem)
        self.header().setStretchLastSection(True)
        self.header().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.setItemDelegate(_WrappingDelegate(self))
        self._laid_out_width = -1
        self._ready = False
        self._relayout = QTimer(self)
        self._relayout.setSingleShot(True)
        self._relayout.setInterval(RELAYOUT_DELAY_MS)
        self._relayout.timeout.connect(self._layout_for_width)

    def finish_setup(self) -> None:
        """What the rows need, set once the window has painted (the tree is empty before)."""
        from PySide6.QtCore import Qt

        self._ready = True
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self._relayout.start()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        # The text elides (the default, ElideRight) only when one word is wider than the row.
        if self._ready and self.viewport().width() != self._laid_out_width:
            self._relayout.start()

    def _layout_for_width(self) -> None:
        self._laid_out_width = self.viewport().width()
        current = self.currentIndex()
        self.scheduleDelayedItemsLayout()  # row heights are measured again
        if current.isValid():
            QTimer.singleShot(0, self, lambda: self.scrollTo(self.currentIndex()))
