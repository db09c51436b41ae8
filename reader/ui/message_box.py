"""Message boxes over the window that do not block it, and the keyboard given back after.

A task that ends (an update, an import, an export) tells a failure in one box, closed
with OK, Enter or Escape, with its details folded away; or asks a question whose answer
comes back by signal. Both are opened with ``open()``, never ``exec()``: the event loop
goes on. When such a box closes, the keyboard goes back to the window; without a window
manager (a bare X session) nothing else would give it back.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox, QPushButton, QWidget


def give_back_the_keyboard(window: QWidget | None) -> None:
    """Make ``window`` the active window again, if it is shown."""
    if window is not None and window.isVisible():
        window.activateWindow()


def inform(
    window: QWidget | None,
    title: str,
    text: str,
    icon: QMessageBox.Icon = QMessageBox.Icon.Warning,
    detail: str = "",
) -> QMessageBox:
    """One message box over ``window``, closed with OK, Enter or Escape; it deletes itself."""
    box = QMessageBox(icon, title, text, QMessageBox.StandardButton.Ok, window)
    box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    if detail:
        box.setDetailedText(detail)  # folded away behind "Show Details…"
    box.setEscapeButton(QMessageBox.StandardButton.Ok)
    box.finished.connect(lambda _result: give_back_the_keyboard(window))
    box.open()
    return box


def ask(
    window: QWidget | None,
    title: str,
    text: str,
    accept: str,
    decline: str,
    modal: bool = True,
    default_accept: bool = False,
) -> tuple[QMessageBox, QPushButton, QPushButton]:
    """A question over ``window`` with two buttons, shown and not answered yet: the caller
    connects to the box's ``finished`` and compares ``clickedButton()`` with the buttons
    returned (after the close button it is neither: a decline). Escape is ``decline``,
    which is also the default button unless ``default_accept``. ``modal=False`` leaves the
    window usable meanwhile. Returns the box and its accept and decline buttons."""
    no_button = QMessageBox.StandardButton.NoButton
    box = QMessageBox(QMessageBox.Icon.Question, title, text, no_button, window)
    box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    yes = box.addButton(accept, QMessageBox.ButtonRole.AcceptRole)
    no = box.addButton(decline, QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(yes if default_accept else no)
    box.setEscapeButton(no)
    box.finished.connect(lambda _result: give_back_the_keyboard(window))
    if modal:
        box.open()
    else:
        box.setWindowModality(Qt.WindowModality.NonModal)
        box.show()
    box.activateWindow()  # a question to answer: the keyboard goes to it
    return box, yes, no
