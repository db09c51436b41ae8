"""Find in the answer (Ctrl+F): a small bar under the answer pane.

Enter finds the next occurrence, Shift+Enter the previous one, Esc closes the bar and
gives the focus back to the answer.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHBoxLayout, QLabel, QLineEdit, QToolButton, QWidget

from reader.ui.answer.view import AnswerView

if TYPE_CHECKING:
    from PySide6.QtGui import QKeyEvent


class FindBar(QWidget):
    """Finds text in an :class:`AnswerView`."""

    def __init__(self, view: AnswerView, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._view = view
        self.field = QLineEdit(self)
        self.field.setPlaceholderText(self.tr("Find in the answer"))
        self.field.setAccessibleName(self.tr("Find in the answer"))
        self.field.setClearButtonEnabled(True)
        for button in self.field.findChildren(QToolButton):
            button.setAccessibleName(self.tr("Clear"))
        self.field.returnPressed.connect(self.find_next)
        self.field.textChanged.connect(self._on_text)
        self.previous_button = QToolButton(self)
        self.previous_button.setText(self.tr("Previous"))
        self.previous_button.setAccessibleName(self.tr("Previous occurrence"))
        self.previous_button.clicked.connect(self.find_previous)
        self.next_button = QToolButton(self)
        self.next_button.setText(self.tr("Next"))
        self.next_button.setAccessibleName(self.tr("Next occurrence"))
        self.next_button.clicked.connect(self.find_next)
        self.close_button = QToolButton(self)
        self.close_button.setText("✕")
        self.close_button.setToolTip(self.tr("Close the find bar (Esc)"))
        self.close_button.setAccessibleName(self.tr("Close the find bar"))
        self.close_button.clicked.connect(self.close_bar)
        self.status = QLabel(self)
        self.status.setAccessibleName(self.tr("Find status"))
        layout = QHBoxLayout(self)
        layout.setContentsMargins(2, 2, 2, 2)
        layout.addWidget(QLabel(self.tr("Find:"), self))
        layout.addWidget(self.field, 1)
        layout.addWidget(self.previous_button)
        layout.addWidget(self.next_button)
        layout.addWidget(self.status)
        layout.addWidget(self.close_button)
        self.hide()

    def open_bar(self) -> None:
        self.show()
        selected = self._view.textCursor().selectedText()
        if selected and "\u2029" not in selected:
            self.field.setText(selected)
        self.field.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.field.selectAll()

    def close_bar(self) -> None:
        self.hide()
        self._view.setFocus(Qt.FocusReason.OtherFocusReason)

    def _on_text(self, text: str) -> None:
        cursor = self._view.textCursor()
        cursor.setPosition(cursor.selectionStart())
        self._view.setTextCursor(cursor)
        self._report(self._view.find_text(text) if text else True)

    def find_next(self) -> bool:
        return self._report(self._view.find_text(self.field.text()))

    def find_previous(self) -> bool:
        return self._report(self._view.find_text(self.field.text(), backward=True))

    def _report(self, found: bool) -> bool:
        self.status.setText("" if found else self.tr("Not found"))
        return found

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Escape:
            self.close_bar()
            return
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and (
            event.modifiers() & Qt.KeyboardModifier.ShiftModifier
        ):
            self.find_previous()
            return
        super().keyPressEvent(event)
