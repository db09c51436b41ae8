"""The mouse's back and forward side buttons, wherever the pointer is in the window."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QMouseEvent


class SideButtons(QObject):
    """An event filter that turns the side buttons into back and forward.

    Installed (by the window) on every widget the pointer may be over.

    Signals:
        backPressed(): the "back" side button was pressed.
        forwardPressed(): the "forward" side button was pressed.
    """

    backPressed = Signal()
    forwardPressed = Signal()

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.MouseButtonPress and isinstance(event, QMouseEvent):
            button = event.button()
            if button == Qt.MouseButton.BackButton:
                self.backPressed.emit()
                return True
            if button == Qt.MouseButton.ForwardButton:
                self.forwardPressed.emit()
                return True
        return False
