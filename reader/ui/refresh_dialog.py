"""Content → "Update from the wiki…": the progress dialog and its outcome.

:func:`install_refresh` plugs the feature into the window: the refresh handler (Ctrl+R),
"Go back to the previous content" and "Wiki preferences…" in the Content menu, the
clean-up of an interrupted refresh, and where the window finds the "new / changed" marks
(the window clears a question's mark when it is opened). The window stays usable during
a refresh; Cancel stops it at once with nothing changed.

Interface strings are English in the source and French in the translation; the messages
that come from the refresh itself (errors, the change summary) are French already.
"""

from __future__ import annotations

import logging
import threading
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QLocale, QObject, Qt, Slot
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QMenu,
    QMessageBox,
    QProgressBar,
    QVBoxLayout,
    QWidget,
)

from reader.sync.http import HttpClient, Limits
from reader.sync.sources import Sources, load_sources
from reader.ui.refresh_worker import RefreshWorker

if TYPE_CHECKING:
    from reader.paths import Paths
    from reader.sync.changes import Summary
    from reader.sync.progress import Progress

log = logging.getLogger(__name__)


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
            QCoreApplication.translate("RefreshDialog", "Image %1 of %2")
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
    """Shows a refresh's progress (page n of N, bytes received) with a Cancel button.

    Non-modal: the window stays usable. Emits nothing itself; the outcome goes through
    the worker's signals.
    """

    def __init__(self, worker: RefreshWorker, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.worker = worker
        self.setWindowTitle(self.tr("Update from the wiki"))
        self.setWindowModality(Qt.WindowModality.NonModal)
        self.step_label = QLabel(self.tr("Connecting to the wiki…"), self)
        self.bytes_label = QLabel(self._received(0), self)
        self.bar = QProgressBar(self)
        self.bar.setAccessibleName(self.tr("Progress"))
        self.bar.setRange(0, max(1, len(worker.sources.pages)))
        self.bar.setValue(0)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel, self)
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("Cancel"))
        layout = QVBoxLayout(self)
        layout.addWidget(self.step_label)
        layout.addWidget(self.bar)
        layout.addWidget(self.bytes_label)
        layout.addWidget(self.buttons)
        self.buttons.rejected.connect(self.cancel)
        worker.progress.connect(self.show_progress)
        worker.done.connect(self.close)

    def show_progress(self, progress: Progress) -> None:
        if progress.step == "page":
            text = self.tr("Page %1 of %2: %3").replace("%1", str(progress.done))
            self.step_label.setText(
                text.replace("%2", str(progress.total)).replace("%3", str(progress.item))
            )
            self.bar.setRange(0, max(1, progress.total))
            self.bar.setValue(progress.done - 1)
        else:
            self.step_label.setText(step_text(progress.step, progress.done, progress.total))
            if progress.step != "media":
                self.bar.setValue(self.bar.maximum())
        self.bytes_label.setText(self._received(progress.bytes_received))

    def _received(self, count: int) -> str:
        return self.tr("%1 received").replace("%1", format_bytes(count))

    def cancel(self) -> None:
        self.step_label.setText(self.tr("Cancelling…"))
        self.worker.cancel()

    def reject(self) -> None:  # Escape or closing the dialog cancels too
        self.cancel()


class RefreshController(QObject):
    """Runs one refresh at a time for a window and shows its outcome.

    A QObject living in the UI thread, so the worker's signals reach it queued, on the
    UI thread."""

    def __init__(
        self,
        window,
        client: HttpClient | None = None,
        limits: Limits | None = None,
        quiet: bool = False,  # tests: no modal message boxes
    ) -> None:
        super().__init__(window)
        self.window = window
        self.paths: Paths = window.paths
        self.client = client
        self.limits = limits
        self.quiet = quiet
        self.worker: RefreshWorker | None = None
        self.dialog: RefreshDialog | None = None
        self.last_message = ""

    def sources(self) -> Sources:
        return load_sources(self.paths.config, self.paths.resources)

    def start(self, window=None) -> None:
        if self.worker is not None:
            if self.dialog is not None:
                self.dialog.raise_()
            return
        worker = RefreshWorker(self.sources(), self.paths, self.client, self.limits)
        self.worker = worker
        self.dialog = RefreshDialog(worker, self.window)
        worker.succeeded.connect(self._succeeded)
        worker.failed.connect(self._failed)
        worker.cancelled.connect(self._cancelled)
        worker.done.connect(self._finished)
        self.dialog.show()
        worker.start()

    @Slot()
    def _finished(self) -> None:
        worker, self.worker = self.worker, None
        if worker is not None:
            worker.wait()
        self.dialog = None

    @Slot(object, object)
    def _succeeded(self, summary: Summary, loaded) -> None:
        if summary.committed:
            self.window.reload_library(loaded)
        self.last_message = summary.text()
        self._inform(self.tr("Update finished"), summary.text(), QMessageBox.Icon.Information)

    @Slot(str, str)
    def _failed(self, message: str, detail: str) -> None:
        self.last_message = message
        self._inform(self.tr("Update failed"), message, QMessageBox.Icon.Warning, detail)

    @Slot(str)
    def _cancelled(self, message: str) -> None:
        self.last_message = message
        self.window.note(message)

    def _inform(self, title: str, text: str, icon, detail: str = "") -> None:
        log.info("refresh: %s", text.replace("\n", " | "))
        if self.quiet:
            self.window.note(text.splitlines()[0] if text else title)
            return
        box = QMessageBox(icon, title, text, QMessageBox.StandardButton.Ok, self.window)
        if detail:
            box.setDetailedText(detail)  # folded away behind "Show Details…"
        box.open()

    def rollback(self) -> None:
        from reader.content.library import load_library
        from reader.sync.errors import RefreshError
        from reader.sync.refresh import rollback

        try:
            done = rollback(self.paths.data)
        except RefreshError as error:
            self._inform(self.tr("Cannot go back"), error.message, QMessageBox.Icon.Warning)
            return
        if not done:
            self._inform(
                self.tr("Cannot go back"),
                self.tr("There is no previous content to restore."),
                QMessageBox.Icon.Information,
            )
            return
        self.window.reload_library(load_library(self.paths))
        self.window.note(self.tr("Previous content restored."))

    def preferences(self) -> None:
        from reader.ui.preferences import WikiPreferences

        WikiPreferences(self.window, self.paths).exec()


def _content_menu(window) -> QMenu | None:
    refresh_action = window.commands.refresh
    for action in window.menuBar().actions():
        menu = action.menu()
        if menu is not None and refresh_action in menu.actions():
            return menu
    return None


def install_refresh(window, **options) -> RefreshController:
    """Plug the refresh feature into ``window`` (a :class:`reader.ui.main_window.MainWindow`)."""
    controller = RefreshController(window, **options)
    window.set_refresh_handler(controller.start)
    window._refresh_controller = controller  # kept alive with the window
    refresh_action = window.commands.refresh
    refresh_action.setText(QCoreApplication.translate("RefreshDialog", "&Update from the wiki…"))
    refresh_action.setShortcuts([QKeySequence("Ctrl+R")])
    menu = _content_menu(window)
    if menu is not None:
        rollback_action = QAction(
            QCoreApplication.translate("RefreshDialog", "Go back to the previous content"), window
        )
        rollback_action.triggered.connect(controller.rollback)
        prefs_action = QAction(
            QCoreApplication.translate("RefreshDialog", "Wiki preferences…"), window
        )
        prefs_action.triggered.connect(controller.preferences)
        menu.insertAction(_after(menu, refresh_action), rollback_action)
        menu.insertAction(_after(menu, rollback_action), prefs_action)
    threading.Thread(target=_cleanup, args=(window.paths.data,), daemon=True).start()
    return controller


def _after(menu: QMenu, action: QAction) -> QAction | None:
    actions = menu.actions()
    index = actions.index(action)
    return actions[index + 1] if index + 1 < len(actions) else None


def _cleanup(data_dir: Path) -> None:
    from reader.sync.refresh import cleanup

    cleanup(data_dir)
