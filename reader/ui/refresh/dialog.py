"""The progress dialog of "Update from the wiki…": page n of N, bytes received, Cancel.

Non-modal: the window stays usable. Cancel, Escape and the title bar's close button all
ask to cancel (``cancelRequested``); the dialog then says "Cancelling…" and stays until the
refresh has stopped. :meth:`RefreshDialog.finish` closes it for good, whatever the ending:
after it, nothing of the dialog remains.
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

from reader.sync.progress import Progress


def format_bytes(count: int) -> str:
    """A byte count in the user's units ("12 Ko" in French)."""
    if count < 1024:
        return QCoreApplication.translate("RefreshDialog", "%1 bytes").replace("%1", str(count))
    if count < 1024 * 1024:
        return QCoreApplication.translate("RefreshDialog", "%1 KB").replace(
            "%1", f"{count / 1024:.0f}"
        )
    return QCoreApplication.translate("RefreshDialog", "%1 MB").replace(
        "%1", QLocale().toString(count / (1024 * 1024), "f", 1)
    )


def step_text(step: str, done: int, total: int) -> str:
    """What the dialog says during a step after the pages ("" for an unknown step)."""
    if step == "media":
        return (
            QCoreApplication.translate("RefreshDialog", "Image or document %1 of %2")
            .replace("%1", str(done))
            .replace("%2", str(total))
        )
    if step == "check":
        return QCoreApplication.translate("RefreshDialog", "Checking the content…")
    if step == "index":
        return QCoreApplication.translate("RefreshDialog", "Updating the search index…")
    if step == "commit":
        return QCoreApplication.translate("RefreshDialog", "Saving…")
    return ""


class RefreshDialog(QDialog):
    """Shows a refresh's progress with a Cancel button (see the module docstring).

    Signals:
        cancelRequested(): Cancel, Escape or the close button, while the refresh runs.
    """

    cancelRequested = Signal()

    def __init__(self, pages: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._finished = False
        self.setWindowTitle(self.tr("Update from the wiki"))
        self.setWindowModality(Qt.WindowModality.NonModal)
        self.step_label = QLabel(self.tr("Connecting to the wiki…"), self)
        self.bytes_label = QLabel(self._received(0), self)
        self.bar = QProgressBar(self)
        self.bar.setAccessibleName(self.tr("Progress"))
        self.bar.setRange(0, max(1, pages))
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

    def show_progress(self, progress: Progress) -> None:
        if self._finished:
            return
        if progress.step in ("page", "linked"):
            if progress.step == "page":
                text = self.tr("Page %1 of %2: %3")
            else:
                text = self.tr("Linked page %1 of %2: %3")
            text = text.replace("%1", str(progress.done)).replace("%2", str(progress.total))
            self.step_label.setText(text.replace("%3", str(progress.item)))
            self.bar.setRange(0, max(1, progress.total))
            self.bar.setValue(progress.done - 1)
        else:
            self.step_label.setText(step_text(progress.step, progress.done, progress.total))
            if progress.step != "media":
                self.bar.setValue(self.bar.maximum())
        self.bytes_label.setText(self._received(progress.bytes_received))

    def _received(self, count: int) -> str:
        return self.tr("%1 received").replace("%1", format_bytes(count))

    def reject(self) -> None:
        """Cancel, Escape, the close button: ask the refresh to stop."""
        if self._finished:
            return
        self.step_label.setText(self.tr("Cancelling…"))
        self.cancel_button.setEnabled(False)
        self.cancelRequested.emit()

    def finish(self) -> None:
        """The refresh has ended: close the dialog for good (it deletes itself)."""
        self._finished = True
        self.hide()
        self.deleteLater()
