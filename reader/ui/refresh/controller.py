"""The refresh part: Contenu → "Update from the wiki…", "Go back to the previous content"
and "Restore the undone update" (:mod:`reader.ui.refresh.undo`), "Wiki preferences…",
"Keep offline" for a linked page, and the clean-up of an interrupted refresh.

A refresh is a job (:mod:`reader.ui.jobs`): :func:`reader.sync.refresh.refresh` and the
loading of the new content run off the UI thread, with the progress dialog in front and
the window still usable. Cancel stops it at once with nothing changed. Whatever the
ending, the progress dialog closes; a success is then told in the summary of what changed
(:mod:`reader.ui.refresh.summary`: titles to click, warnings folded away, and only new
ones), a failure in one message box (the details folded away), a cancel in the status bar.
One refresh runs at a time; asking again brings its dialog to the front. When the saved
list of pages could not be read (or only in part), the refresh says so in the summary's
details (and the failure's), and the preferences at the top.

The window makes this part after its first paint (the HTTP client and the sync layer are
not needed to paint) and connects the menu entries to it. Interface strings are English in
the source and French in the translation; the messages that come from the refresh itself
(errors, warnings) are French already.

Signals:
    contentChanged(object): new content to show (a refresh or a rollback), loaded.
    questionRequested(str): a question's title was clicked in the summary: open it.
    noted(str): minor news for the status bar.
    ended(str, str): a refresh ended: "success", "failure" or "cancel", and its message.
    busyChanged(bool): a refresh started (True) or ended (False): the window greys out
        the entries that would touch the content meanwhile (an import, an export).
    keptChanged(object): the pages to keep offline (a tuple of ids) changed.
    historyChanged(bool, bool): whether going back, and restoring the update undone, can
        do something (after :meth:`RefreshController.update_history`).
"""

from __future__ import annotations

import logging
import traceback
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal, Slot
from PySide6.QtWidgets import QMessageBox, QWidget

from reader.ui.jobs import Job, JobCancelled, JobContext, JobError, JobRunner
from reader.ui.refresh.dialog import RefreshDialog
from reader.ui.refresh.undo import ContentHistory

if TYPE_CHECKING:
    from reader.content.library import LoadedContent
    from reader.content.model import Library
    from reader.paths import Paths
    from reader.sync.changes import Summary
    from reader.sync.http import HttpClient, Limits
    from reader.sync.sources import Sources
    from reader.ui.refresh.preferences import WikiPreferences
    from reader.ui.refresh.seen_warnings import Warnings
    from reader.ui.refresh.summary import SummaryDialog

    Outcome = tuple[Summary, LoadedContent, Warnings]

log = logging.getLogger(__name__)


class RefreshController(QObject):
    """Refreshes the content from the wiki for the window (see the module docstring).

    ``client`` and ``limits`` go to the refresh (tests hand in short limits); the window
    is the parent, over which the dialogs open.

    Signals:
        contentChanged(object): the new content, loaded, to show.
        questionRequested(str): the id of a question to open (clicked in the summary).
        noted(str): minor news for the status bar.
        ended(str, str): how a refresh ended ("success", "failure", "cancel"), its message.
        busyChanged(bool): a refresh started (True) or ended (False).
        keptChanged(object): the ids of the pages to keep offline, after a change.
        historyChanged(bool, bool): going back possible, restoring possible.
    """

    contentChanged = Signal(object)
    questionRequested = Signal(str)
    noted = Signal(str)
    ended = Signal(str, str)
    busyChanged = Signal(bool)
    keptChanged = Signal(object)
    historyChanged = Signal(bool, bool)

    def __init__(
        self,
        paths: Paths,
        client: HttpClient | None = None,
        limits: Limits | None = None,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.paths = paths
        self.client = client
        self.limits = limits
        self._runner = JobRunner("refresh", self, threads=1)
        self.job: Job | None = None  # the refresh running, if any
        self.dialog: RefreshDialog | None = None
        self.summary: SummaryDialog | None = None  # the last summary shown
        self.preferences: WikiPreferences | None = None  # open, if it is
        self.last_message = ""
        self._library: Library | None = None  # the content shown
        self._history = ContentHistory(paths, self._runner, self)
        self._history.contentChanged.connect(self.contentChanged)
        self._history.noted.connect(self.noted)
        self._history.historyChanged.connect(self.historyChanged)

    @property
    def running(self) -> bool:
        return self.job is not None

    def _window(self) -> QWidget | None:
        parent = self.parent()
        return parent if isinstance(parent, QWidget) else None

    def sources(self) -> Sources:
        from reader.sync.sources import load_sources

        return load_sources(self.paths.config, self.paths.resources)

    def set_content(self, loaded: LoadedContent) -> None:
        """The content shown (the pages a new list of pages would remove); what going
        back and restoring can do is read again (``historyChanged``)."""
        self._library = loaded.library
        self.update_history()

    # -- a refresh -----------------------------------------------------------------------
    @Slot()
    def start(self) -> None:
        """Start a refresh with its progress dialog (or bring the running one forward)."""
        if self.job is not None:
            if self.dialog is not None:
                self.dialog.raise_()
                self.dialog.activateWindow()
            return
        from reader.sync.cancel import CancelToken
        from reader.sync.sources import read_sources

        saved = read_sources(self.paths.config, self.paths.resources)
        sources, warning = saved.sources, saved.warning
        token = CancelToken()
        job = Job(lambda context: self._refresh(context, sources, warning), "refresh", token)
        dialog = RefreshDialog(len(sources.pages), self._window())
        dialog.cancelRequested.connect(job.cancel)
        job.progress.connect(dialog.show_progress)
        job.finished.connect(self._succeeded)
        job.failed.connect(self._failed)
        job.cancelled.connect(self._cancelled)
        self.job, self.dialog = job, dialog
        dialog.show()
        dialog.activateWindow()
        self._runner.start(job)
        self.busyChanged.emit(True)

    def _refresh(self, context: JobContext, sources: Sources, warning: str) -> Outcome:
        """On the job's thread: the refresh, the new content loaded, its warnings sorted
        (``warning``: what was wrong with the saved sources, first)."""
        from dataclasses import replace

        from reader.content.library import load_library
        from reader.sync.errors import RefreshCancelled, RefreshError
        from reader.sync.refresh import refresh
        from reader.ui.refresh.seen_warnings import sort_out

        try:
            summary = refresh(
                sources,
                self.paths,
                client=self.client,
                limits=self.limits,
                cancel=context.token,
                progress=context.report,
            )
            if warning:
                summary = replace(summary, warnings=(warning, *summary.warnings))
            loaded = load_library(self.paths)
            return summary, loaded, sort_out(self.paths.config, summary.warnings)
        except RefreshCancelled as stop:
            raise JobCancelled(stop.message) from stop
        except RefreshError as error:
            detail = "\n".join(d for d in (warning, error.detail) if d)
            raise JobError(error.message, detail) from error
        except Exception as error:  # a bug: the user still learns that nothing changed
            log.exception("refresh failed unexpectedly")
            message = self.tr(
                "The update failed because of an unexpected error. The current content is kept."
            )
            raise JobError(message, traceback.format_exc()) from error

    def _end(self) -> None:
        """Whatever the ending: the progress dialog goes, a new refresh may start."""
        self.job = None
        dialog, self.dialog = self.dialog, None
        if dialog is not None:
            dialog.finish()
            self._give_back_the_keyboard()
        self.busyChanged.emit(False)

    @Slot()
    def _give_back_the_keyboard(self) -> None:
        from reader.ui.message_box import give_back_the_keyboard

        give_back_the_keyboard(self._window())

    @Slot(object)
    def _succeeded(self, result: Outcome) -> None:
        from PySide6.QtCore import Qt

        from reader.ui.refresh.summary import SummaryDialog

        summary, loaded, warnings = result
        self._end()
        if summary.committed:
            self.contentChanged.emit(loaded)
        self.last_message = summary.text()
        log.info("refresh: %s", self.last_message.replace("\n", " | "))
        dialog = SummaryDialog(summary, loaded.library, warnings, self._window())
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.questionActivated.connect(self.questionRequested)
        dialog.finished.connect(self._give_back_the_keyboard)
        self.summary = dialog
        dialog.open()
        self.ended.emit("success", self.last_message)

    @Slot(str, str)
    def _failed(self, message: str, detail: str) -> None:
        self._end()
        self.last_message = message
        self._inform(self.tr("Update failed"), message, QMessageBox.Icon.Warning, detail)
        self.ended.emit("failure", message)

    @Slot(str)
    def _cancelled(self, message: str) -> None:
        self._end()
        self.last_message = message or self.tr("Update cancelled; nothing changed.")
        self.noted.emit(self.last_message)
        self.ended.emit("cancel", self.last_message)

    def _inform(self, title: str, text: str, icon: QMessageBox.Icon, detail: str = "") -> None:
        """One message box over the window, closed with OK, Enter or Escape."""
        from reader.ui.message_box import inform

        log.info("refresh: %s", text.replace("\n", " | "))
        inform(self._window(), title, text, icon, detail)

    # -- going back, preferences, clean-up -----------------------------------------------
    @Slot()
    def rollback(self) -> None:
        """Go back to the content before the last update (off the UI thread)."""
        if self._refused_while_running():
            return
        self._history.rollback()

    @Slot()
    def redo(self) -> None:
        """Bring back the content of the update undone (off the UI thread)."""
        if self._refused_while_running():
            return
        self._history.redo()

    @Slot()
    def update_history(self) -> None:
        """Find out whether going back and restoring can do something (``historyChanged``)."""
        self._history.update()

    def _refused_while_running(self) -> bool:
        if self.job is None:
            return False
        self.noted.emit(self.tr("An update is running; try again when it has finished."))
        return True

    @Slot()
    def edit_preferences(self) -> None:
        """The wiki preferences, over the window (or brought forward when open)."""
        from PySide6.QtCore import Qt

        from reader.ui.refresh.preferences import WikiPreferences

        if self.preferences is not None:
            self.preferences.raise_()
            self.preferences.activateWindow()
            return
        dialog = WikiPreferences(self._window(), self.paths, self._library)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.accepted.connect(lambda: self.keptChanged.emit(self.sources().kept))
        dialog.finished.connect(self._preferences_closed)
        self.preferences = dialog
        dialog.open()

    @Slot()
    def _preferences_closed(self) -> None:
        self.preferences = None
        self._give_back_the_keyboard()

    @Slot(str)
    def keep_offline(self, page_id: str) -> None:
        """Add a linked page to those the next refresh takes ("Keep offline"), saved at
        once; a message box when it cannot be saved."""
        from reader.sync.sources import keep_offline
        from reader.sync.urls import UrlError

        try:
            sources = keep_offline(self.paths.config, self.paths.resources, page_id)
        except (OSError, UrlError) as error:
            log.warning("page %s not kept offline: %s", page_id, error)
            message = self.tr("The page cannot be kept offline: %1").replace("%1", str(error))
            self._inform(self.tr("Keep offline"), message, QMessageBox.Icon.Warning)
            return
        self.keptChanged.emit(sources.kept)
        self.noted.emit(
            self.tr("%1 will be kept offline from the next update.").replace("%1", page_id)
        )

    def clean_up(self) -> None:
        """Remove what an interrupted refresh left behind (off the UI thread)."""
        from reader.sync.history import cleanup

        self._runner.submit(lambda _context: cleanup(self.paths.data), "refresh-cleanup")

    def shutdown(self, timeout_ms: int = 10_000) -> None:
        """The window closes: a running refresh is cancelled (nothing changes)."""
        self._runner.shutdown(timeout_ms)
