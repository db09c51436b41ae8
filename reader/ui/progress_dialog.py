"""The progress dialog of a long task that changes the content: a step, a bar, bytes, Cancel.

Shared by the update from the wiki (:mod:`reader.ui.refresh.dialog`) and the content
packs (:mod:`reader.ui.packs.dialog`), which each say what their steps are. Non-modal: the
window stays usable. Cancel, Escape and the title bar's close button all ask to cancel
(``cancelRequested``); the dialog then says "Cancelling…" and stays until the task has
stopped. :meth:`ProgressDialog.finish` closes it for good, whatever the ending: after it,
nothing of the dialog remains.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QLocale, Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QProgressBar,
    QVBoxLayout,
    QWidget,
)


def format_bytes(count: int) -> str:
    """A byte count in the user's units ("12 Ko" in French)."""
    if count < 1024:
        return QCoreApplication.translate("ProgressDialog", "%1 bytes").replace("%1", str(count))
    if count < 1024 * 1024:
        return QCoreApplication.translate("ProgressDialog", "%1 KB").replace(
            "%1", f"{count / 1024:.0f}"
        )
    return QCoreApplication.translate("ProgressDialog", "%1 MB").replace(
        "%1", QLocale().toString(count / (1024 * 1024), "f", 1)
    )


class ProgressDialog(QDialog):
    """A task's progress with a Cancel button (see the module docstring); a subclass sets
    the title and says what each step is, through :attr:`step_label`, :attr:`bar` and
    :attr:`bytes_label`.

    Signals:
        cancelRequested(): Cancel, Escape or the close button, while the task runs.
    """

    cancelRequested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._finished = False
        self._cancelling = False
        self.setWindowModality(Qt.WindowModality.NonModal)
        self.step_label = QLabel(self)
        self.bytes_label = QLabel(self)
        self.bar = QProgressBar(self)
        self.bar.setAccessibleName(self.tr("Progress"))
        self.bar.setRange(0, 1)
        self.bar.setValue(0)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel, self)
        self.cancel_button = self.buttons.button(QDialogButtonBox.StandardButton.Cancel)
        self.cancel_button.setText(self.tr("Cancel"))
        layout = QVBoxLayout(self)
        layout.addWidget(self.step_label)
        layout.addWidget(self.bar)
        layout.addWidget(self.bytes_label)
        layout.addWidget(self.buttons)
        self.buttons.rejected.connect(self.reject)

    def show_step(self, text: str, done: int = 1, total: int = 1) -> None:
        """Say what the task does now, with ``done`` of ``total`` on the bar."""
        if self._finished or self._cancelling:
            return  # "Cancelling…" stays until the task has stopped
        self.step_label.setText(text)
        self.bar.setRange(0, max(1, total))
        self.bar.setValue(min(done, max(1, total)))

    def refuse_cancel(self) -> None:
        """The task is past the point where it can stop: Cancel is greyed out."""
        self.cancel_button.setEnabled(False)

    def reject(self) -> None:
        """Cancel, Escape, the close button: ask the task to stop."""
        if self._finished or not self.cancel_button.isEnabled():
            return
        self._cancelling = True
        self.step_label.setText(self.tr("Cancelling…"))
        self.cancel_button.setEnabled(False)
        self.cancelRequested.emit()

    def finish(self) -> None:
        """The task has ended: close the dialog for good (it deletes itself)."""
        self._finished = True
        self.hide()
        self.deleteLater()
