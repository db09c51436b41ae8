"""The mouse's back and forward side buttons, wherever the pointer is in the window."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, Qt

if TYPE_CHECKING:
    from reader.ui.main_window import MainWindow


class SideButtons(QObject):
    """An event filter that turns the side buttons into back and forward."""

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
