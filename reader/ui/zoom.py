"""Zoom for the whole window: the tree, the results, the answer, the status bar, the menus.

One step changes the application's font (``QApplication.setFont``), so every widget and
every dialog follows it, the answer included (a QTextBrowser gives its document its own
font). Each step adds or removes 10 % of the size the application had before the first
zoom; that size is remembered once for the process, so a second window (tests, a restart
of the window) starts from the same base. Step 0 with no zoom ever applied touches
nothing: the first paint builds no font (see :mod:`reader.ui.window.main_window`).

Signals:
    changed(int): the zoom step changed (the window keeps it in the settings).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal, Slot

from reader.ui.settings import ZOOM_MAX, ZOOM_MIN

if TYPE_CHECKING:
    from PySide6.QtGui import QFont

ZOOM_FACTOR = 0.1  # each step adds or removes 10 % of the base size

_base: list[QFont] = []  # the application's font before the first zoom, once set


def _apply(step: int) -> None:
    from PySide6.QtGui import QFont
    from PySide6.QtWidgets import QApplication

    if not _base:
        _base.append(QFont(QApplication.font()))
    font = QFont(_base[0])
    scale = 1 + ZOOM_FACTOR * step
    if font.pointSizeF() > 0:
        font.setPointSizeF(max(4.0, font.pointSizeF() * scale))
    else:  # a font sized in pixels
        font.setPixelSize(max(6, round(font.pixelSize() * scale)))
    if font != QApplication.font():
        QApplication.setFont(font)


class Zoom(QObject):
    """The zoom step of the window (see the module docstring).

    Signals:
        changed(int): the new step.
    """

    changed = Signal(int)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._step = 0

    @property
    def step(self) -> int:
        return self._step

    def set_step(self, step: int) -> None:
        """Zoom to ``step`` (clamped to the settings' range)."""
        step = max(ZOOM_MIN, min(ZOOM_MAX, int(step)))
        if step != 0 or _base:  # never zoomed and asked for none: nothing to undo
            _apply(step)
        if step != self._step:
            self._step = step
            self.changed.emit(step)

    @Slot()
    def zoom_in(self) -> None:
        self.set_step(self._step + 1)

    @Slot()
    def zoom_out(self) -> None:
        self.set_step(self._step - 1)

    @Slot()
    def zoom_reset(self) -> None:
        self.set_step(0)

    @Slot(int)
    def zoom_by(self, steps: int) -> None:
        """``steps`` more (or fewer): the mouse wheel with Ctrl."""
        self.set_step(self._step + steps)
