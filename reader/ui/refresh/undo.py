"""Contenu → "Go back to the previous content" and "Restore the undone update".

A refresh (or an import) keeps the content it replaced; going back shows that one again
and keeps the content left, which "Restore the undone update" brings back. Both run off
the UI thread (:func:`reader.sync.history.rollback`, :func:`reader.sync.history.redo`,
then the content loaded). Which of them can do something is read from the store's
history, off the UI thread too (:meth:`ContentHistory.update`), whenever the content
shown changes; the window enables the two entries by it.

Going back when there is nothing more to undo (another process went back meanwhile)
changes nothing and says so plainly; when an update was undone, it offers to restore
it, explicitly, never by itself.

Signals:
    contentChanged(object): the content gone back (or forth) to, loaded: show it.
    noted(str): minor news for the status bar.
    historyChanged(bool, bool): whether going back, and restoring, can do something.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal, Slot
from PySide6.QtWidgets import QMessageBox, QWidget

from reader.ui.jobs import JobContext, JobError, JobRunner
from reader.ui.message_box import ask, inform

if TYPE_CHECKING:
    from reader.content.library import LoadedContent
    from reader.content.store_history import History
    from reader.paths import Paths

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Moved:
    """How going back or forth ended: the content now shown (None when nothing was
    done) and the store's history after it."""

    loaded: LoadedContent | None
    history: History


class ContentHistory(QObject):
    """Going back and forth between the last two contents (see the module docstring).

    ``runner`` runs the jobs (the refresh part's, so that they wait for a clean-up);
    ``parent`` is the window, over which the messages open.

    Signals:
        contentChanged(object): the content now shown, loaded.
        noted(str): minor news for the status bar.
        historyChanged(bool, bool): going back possible, restoring possible.
    """

    contentChanged = Signal(object)
    noted = Signal(str)
    historyChanged = Signal(bool, bool)

    def __init__(self, paths: Paths, runner: JobRunner, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.paths = paths
        self._runner = runner
        self.question: QMessageBox | None = None  # "nothing more to undo: restore?"

    def _window(self) -> QWidget | None:
        parent = self.parent()
        while parent is not None and not isinstance(parent, QWidget):
            parent = parent.parent()
        return parent

    def _history(self) -> History:
        from reader.content.store import UserStore

        return UserStore(self.paths.data).history()

    @Slot()
    def update(self) -> None:
        """Read the store's history (off the UI thread) and say what can be done."""
        job = self._runner.submit(lambda _context: self._history(), "content-history")
        job.finished.connect(self._tell)

    @Slot(object)
    def _tell(self, history: History) -> None:
        self.historyChanged.emit(history.previous is not None, history.undone is not None)

    @Slot()
    def rollback(self) -> None:
        """Go back to the content before the last update."""
        job = self._runner.submit(lambda context: self._move(context, redo=False), "rollback")
        job.finished.connect(self._rolled_back)
        job.failed.connect(
            lambda message, detail: self._failed(self.tr("Cannot go back"), message, detail)
        )

    @Slot()
    def redo(self) -> None:
        """Bring back the content of the update that the last going back undid."""
        job = self._runner.submit(lambda context: self._move(context, redo=True), "redo")
        job.finished.connect(self._redone)
        job.failed.connect(
            lambda message, detail: self._failed(self.tr("Cannot restore"), message, detail)
        )

    def _move(self, _context: JobContext, redo: bool) -> Moved:
        """On the job's thread: the change, then the content loaded and the history."""
        from reader.content.library import load_library
        from reader.sync import history
        from reader.sync.errors import RefreshError

        try:
            done = history.redo(self.paths.data) if redo else history.rollback(self.paths.data)
        except RefreshError as error:
            raise JobError(error.message, error.detail) from error
        return Moved(load_library(self.paths) if done else None, self._history())

    def _failed(self, title: str, message: str, detail: str) -> None:
        inform(self._window(), title, message, QMessageBox.Icon.Warning, detail)
        self.update()

    @Slot(object)
    def _rolled_back(self, moved: Moved) -> None:
        self._tell(moved.history)
        if moved.loaded is not None:
            self.contentChanged.emit(moved.loaded)
            self.noted.emit(self.tr("Previous content restored."))
            return
        title = self.tr("Nothing to undo")
        if moved.history.undone:
            text = self.tr("Nothing more to undo: the content before the last update is shown.")
            box, restore, _close = ask(
                self._window(), title, text, self.tr("Restore the undone update"), self.tr("Close")
            )

            def answered(_result: int) -> None:
                if box.clickedButton() is restore:
                    self.redo()

            box.finished.connect(answered)
            self.question = box
        elif moved.history.previous:
            text = self.tr("The previous content is damaged or unreadable; nothing changed.")
            inform(self._window(), title, text, QMessageBox.Icon.Warning)
        else:
            text = self.tr("There is no previous content to restore.")
            inform(self._window(), title, text, QMessageBox.Icon.Information)
        log.info("rollback: nothing done (%s)", moved.history.state())

    @Slot(object)
    def _redone(self, moved: Moved) -> None:
        self._tell(moved.history)
        if moved.loaded is not None:
            self.contentChanged.emit(moved.loaded)
            self.noted.emit(self.tr("Content of the undone update restored."))
            return
        text = self.tr("Nothing to restore: no update was undone.")
        inform(self._window(), self.tr("Nothing to restore"), text, QMessageBox.Icon.Information)
