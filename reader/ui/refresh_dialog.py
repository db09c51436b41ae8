"""Contenu → "Mettre à jour depuis le wiki…": the progress dialog and its outcome.

:func:`install_refresh` plugs the feature into the window: the refresh handler (Ctrl+R),
"Revenir au contenu précédent" and "Préférences du wiki…" in the Contenu menu, the
clean-up of an interrupted refresh, and clearing a question's "new / changed" mark
when it is opened. The window stays usable during a refresh; Annuler stops it at once
with nothing changed.
"""

from __future__ import annotations

import logging
import threading
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt, Slot
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

from reader.paths import resources_dir, user_dirs
from reader.sync.http import HttpClient, Limits
from reader.sync.sources import Sources, load_sources
from reader.ui.refresh_worker import RefreshWorker

if TYPE_CHECKING:
    from reader.sync.changes import Summary
    from reader.sync.refresh import Progress

log = logging.getLogger(__name__)

STEP_TEXT = {
    "media": "Image {done} sur {total}",
    "check": "Vérification du contenu…",
    "index": "Mise à jour de l'index de recherche…",
    "commit": "Enregistrement…",
}


def format_bytes(count: int) -> str:
    if count < 1024:
        return f"{count} octets"
    if count < 1024 * 1024:
        return f"{count / 1024:.0f} Ko"
    return f"{count / (1024 * 1024):.1f} Mo"


class RefreshDialog(QDialog):
    """Shows a refresh's progress (page n of N, bytes received) with an Annuler button.

    Non-modal: the window stays usable. Emits nothing itself; the outcome goes through
    the worker's signals.
    """

    def __init__(self, worker: RefreshWorker, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.worker = worker
        self.setWindowTitle("Mise à jour depuis le wiki")
        self.setWindowModality(Qt.WindowModality.NonModal)
        self.step_label = QLabel("Connexion au wiki…", self)
        self.bytes_label = QLabel("0 octets reçus", self)
        self.bar = QProgressBar(self)
        self.bar.setRange(0, max(1, len(worker.sources.pages)))
        self.bar.setValue(0)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel, self)
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText("Annuler")
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
            self.step_label.setText(f"Page {progress.done} sur {progress.total} : {progress.item}")
            self.bar.setRange(0, max(1, progress.total))
            self.bar.setValue(progress.done - 1)
        else:
            text = STEP_TEXT.get(progress.step, "")
            self.step_label.setText(text.format(done=progress.done, total=progress.total))
            if progress.step != "media":
                self.bar.setValue(self.bar.maximum())
        self.bytes_label.setText(f"{format_bytes(progress.bytes_received)} reçus")

    def cancel(self) -> None:
        self.step_label.setText("Annulation…")
        self.worker.cancel()

    def reject(self) -> None:  # Échap or closing the dialog cancels too
        self.cancel()


class RefreshController(QObject):
    """Runs one refresh at a time for a window and shows its outcome.

    A QObject living in the UI thread, so the worker's signals reach it queued, on the
    UI thread."""

    def __init__(
        self,
        window,
        data_dir: Path | None = None,
        cache_dir: Path | None = None,
        config_dir: Path | None = None,
        client: HttpClient | None = None,
        limits: Limits | None = None,
        quiet: bool = False,  # tests: no modal message boxes
    ) -> None:
        super().__init__(window)
        self.window = window
        self.data_dir = data_dir
        self.cache_dir = cache_dir
        self.config_dir = config_dir
        self.client = client
        self.limits = limits
        self.quiet = quiet
        self.worker: RefreshWorker | None = None
        self.dialog: RefreshDialog | None = None
        self.last_message = ""

    def sources(self) -> Sources:
        return load_sources(self.config_dir or user_dirs().config, resources_dir())

    def start(self, window=None) -> None:
        if self.worker is not None:
            if self.dialog is not None:
                self.dialog.raise_()
            return
        worker = RefreshWorker(
            self.sources(), self.data_dir, self.cache_dir, self.client, self.limits
        )
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
        self._inform("Mise à jour terminée", summary.text(), QMessageBox.Icon.Information)

    @Slot(str, str)
    def _failed(self, message: str, detail: str) -> None:
        self.last_message = message
        self._inform("Mise à jour impossible", message, QMessageBox.Icon.Warning, detail)

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
        from reader.sync.refresh import RefreshError, rollback

        try:
            done = rollback(self.data_dir)
        except RefreshError as error:
            self._inform("Retour impossible", error.message, QMessageBox.Icon.Warning)
            return
        if not done:
            self._inform(
                "Retour impossible",
                "Il n'y a pas de contenu précédent à rétablir.",
                QMessageBox.Icon.Information,
            )
            return
        self.window.reload_library(load_library(data_dir=self.data_dir))
        self.window.note("Contenu précédent rétabli.")

    def preferences(self) -> None:
        from reader.ui.preferences import WikiPreferences

        WikiPreferences(self.window, self.config_dir).exec()


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
    refresh_action.setText("&Mettre à jour depuis le wiki…")
    refresh_action.setShortcuts([QKeySequence("Ctrl+R")])
    menu = _content_menu(window)
    if menu is not None:
        rollback_action = QAction("Revenir au contenu précédent", window)
        rollback_action.triggered.connect(controller.rollback)
        prefs_action = QAction("Préférences du wiki…", window)
        prefs_action.triggered.connect(controller.preferences)
        menu.insertAction(_after(menu, refresh_action), rollback_action)
        menu.insertAction(_after(menu, rollback_action), prefs_action)
    window.placeShown.connect(lambda place: _opened(place, options.get("data_dir")))
    data_dir = options.get("data_dir")
    threading.Thread(target=_cleanup, args=(data_dir,), daemon=True).start()
    return controller


def _after(menu: QMenu, action: QAction) -> QAction | None:
    actions = menu.actions()
    index = actions.index(action)
    return actions[index + 1] if index + 1 < len(actions) else None


def _cleanup(data_dir: Path | None) -> None:
    from reader.sync.refresh import cleanup

    cleanup(data_dir)


def _opened(place: str, data_dir: Path | None) -> None:
    if not place.startswith("q:"):
        return
    from reader.sync.changes import clear_mark

    try:
        clear_mark(data_dir or user_dirs().data, place[2:])
    except OSError as error:
        log.info("mark not cleared: %s", error)
