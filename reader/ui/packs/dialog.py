"""The progress dialog of "Export the content…" and "Import content…": file n of N, Cancel.

A :class:`~reader.ui.progress_dialog.ProgressDialog` (non-modal; Cancel, Escape and the
close button ask to cancel) that says a pack's steps: for an export, the files written;
for an import, the files checked, then copied, the search index, and the save, after
which a cancel is no longer possible (the swap is instant).
"""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from reader.sync.progress import Progress
from reader.ui.progress_dialog import ProgressDialog, format_bytes


class PackDialog(ProgressDialog):
    """Shows an export's or an import's progress with a Cancel button (see the module).

    Signals:
        cancelRequested(): Cancel, Escape or the close button, while the task runs.
    """

    def __init__(self, importing: bool, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.importing = importing
        if importing:
            self.setWindowTitle(self.tr("Import content"))
            self.step_label.setText(self.tr("Reading the pack…"))
        else:
            self.setWindowTitle(self.tr("Export the content"))
            self.step_label.setText(self.tr("Writing the pack…"))
        self.bytes_label.setText(self._bytes(0))
        metrics = self.fontMetrics()  # room for a long file name, the zoom included
        self.setMinimumWidth(metrics.averageCharWidth() * 50)

    def show_progress(self, progress: Progress) -> None:
        done, total = str(progress.done), str(progress.total)
        if progress.step == "export":
            text = self.tr("File %1 of %2 written")
        elif progress.step == "verify":
            text = self.tr("Checking the pack: file %1 of %2")
        elif progress.step == "write":
            text = self.tr("Copying the content: file %1 of %2")
        elif progress.step == "index":
            text = self.tr("Updating the search index…")
        else:  # "commit"
            self.refuse_cancel()  # the content is being swapped: too late to stop
            text = self.tr("Saving…")
        self.show_step(text.replace("%1", done).replace("%2", total), progress.done, progress.total)
        if progress.step in ("export", "verify", "write"):
            self.bytes_label.setText(self._bytes(progress.bytes_received))

    def _bytes(self, count: int) -> str:
        if self.importing:
            return self.tr("%1 read").replace("%1", format_bytes(count))
        return self.tr("%1 written").replace("%1", format_bytes(count))
