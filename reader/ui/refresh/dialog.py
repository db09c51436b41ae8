"""The progress dialog of "Update from the wiki…": page n of N, bytes received, Cancel.

A :class:`~reader.ui.progress_dialog.ProgressDialog` (non-modal; Cancel, Escape and the
close button ask to cancel; :meth:`~reader.ui.progress_dialog.ProgressDialog.finish`
closes it for good) that says a refresh's steps.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QWidget

from reader.sync.progress import Progress
from reader.ui.progress_dialog import ProgressDialog, format_bytes


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


class RefreshDialog(ProgressDialog):
    """Shows a refresh's progress with a Cancel button (see the module docstring).

    Signals:
        cancelRequested(): Cancel, Escape or the close button, while the refresh runs.
    """

    def __init__(self, pages: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Update from the wiki"))
        self.step_label.setText(self.tr("Connecting to the wiki…"))
        self.bytes_label.setText(self._received(0))
        self.bar.setRange(0, max(1, pages))

    def show_progress(self, progress: Progress) -> None:
        if progress.step in ("page", "linked"):
            if progress.step == "page":
                text = self.tr("Page %1 of %2: %3")
            else:
                text = self.tr("Linked page %1 of %2: %3")
            text = text.replace("%1", str(progress.done)).replace("%2", str(progress.total))
            text = text.replace("%3", str(progress.item))
            self.show_step(text, progress.done - 1, progress.total)
        elif progress.step == "media":
            text = step_text(progress.step, progress.done, progress.total)
            self.show_step(text, progress.done, progress.total)
        else:
            self.show_step(step_text(progress.step, progress.done, progress.total))
        self.bytes_label.setText(self._received(progress.bytes_received))

    def _received(self, count: int) -> str:
        return self.tr("%1 received").replace("%1", format_bytes(count))
