"""Fichier → "Export the content…" and "Import content…": the content in one file, and back.

The export asks where to write the pack (``faq-cagette-<date of the content>.faqpack``
suggested, the ``.faqpack`` suffix always added), writes it off the UI thread with a
progress dialog (:mod:`reader.ui.packs.dialog`) and says in the status bar where it went
and how big it is, with "Open the folder" beside. The import asks for a ``.faqpack``,
verifies and swaps it in off the UI thread (:func:`reader.packs.importer.import_pack`),
then shows the new content and the same summary as an update from the wiki, its new and
changed questions marked in the tree. A pack the importer refuses (broken or hostile) is
one French sentence in a message box, the content left as it was; a pack older than the
content shown is a question naming both dates ("Import anyway" / "Cancel"). In portable
mode, a newer pack lying beside the program is offered at start
(:mod:`reader.ui.packs.offer`).

One export or import runs at a time; asking again brings its dialog forward. While a
refresh runs, the window greys out these entries (and this part says so kindly if the
offer's "Yes" comes meanwhile); the store's lock refuses the rest.

Signals:
    contentChanged(object): an import brought new content, loaded: show it.
    questionRequested(str): a question's title was clicked in the summary: open it.
    noted(str): minor news for the status bar.
    exported(str, str): a pack was written: the note to show, and its folder.
    busyChanged(bool): an export or import started (True) or ended (False).
    ended(str, str, str): "export" or "import"; "success", "failure", "cancel" or
        "older" (the question about an older pack is shown); the message told.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt, Signal, Slot
from PySide6.QtWidgets import QMessageBox, QWidget

from reader.sync.cancel import CancelToken
from reader.ui.jobs import Job, JobContext, JobRunner
from reader.ui.message_box import ask, give_back_the_keyboard, inform
from reader.ui.packs.dialog import PackDialog
from reader.ui.packs.offer import StartOffer
from reader.ui.packs.work import (
    SUFFIX,
    Imported,
    Older,
    default_name,
    export_work,
    import_work,
)

if TYPE_CHECKING:
    from collections.abc import Callable
    from pathlib import Path

    from reader.content.library import LoadedContent
    from reader.packs.export import ExportResult
    from reader.paths import Paths
    from reader.ui.refresh.summary import SummaryDialog
    from reader.ui.settings import Settings

log = logging.getLogger(__name__)


class PacksController(QObject):
    """Exports and imports content packs for the window (see the module docstring).

    ``settings`` keep the refused offers; ``program_folder`` is where the offer looks for
    a pack (default: the program's folder, :func:`reader.paths.program_dir`), and where
    the file dialogs start in portable mode.

    Signals:
        contentChanged(object): the new content, loaded, to show.
        questionRequested(str): the id of a question to open (clicked in the summary).
        noted(str): minor news for the status bar.
        exported(str, str): a pack written: the note, and the folder it is in.
        busyChanged(bool): an export or import started (True) or ended (False).
        ended(str, str, str): the task, how it ended, and the message told.
    """

    contentChanged = Signal(object)
    questionRequested = Signal(str)
    noted = Signal(str)
    exported = Signal(str, str)
    busyChanged = Signal(bool)
    ended = Signal(str, str, str)

    def __init__(
        self,
        paths: Paths,
        settings: Settings,
        program_folder: Path | None = None,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.paths = paths
        self.program_folder = program_folder
        self.loaded: LoadedContent | None = None
        self._runner = JobRunner("packs", self, threads=1)
        self.job: Job | None = None  # the export or import running, if any
        self.task = ""  # "export" or "import", while one runs
        self.dialog: PackDialog | None = None
        self.summary: SummaryDialog | None = None  # the last summary shown
        self.question: QMessageBox | None = None  # the last question about an older pack
        self._others_busy = False  # a refresh runs
        self.offer = StartOffer(paths, settings, self._runner, self._window, self._busy, self)
        self.offer.accepted.connect(self.import_file)

    def _window(self) -> QWidget | None:
        parent = self.parent()
        return parent if isinstance(parent, QWidget) else None

    def beside(self) -> Path:
        """The program's folder (on a stick: the stick's folder)."""
        from reader.paths import program_dir

        return self.program_folder or program_dir()

    def _start_folder(self) -> Path | None:
        """Where the file dialogs open: the stick's folder in portable mode."""
        return self.beside() if self.paths.mode == "portable" else None

    @property
    def running(self) -> bool:
        return self.job is not None

    def _busy(self) -> bool:
        """The content is being changed: by this part, or by a refresh."""
        return self.running or self._others_busy

    @Slot(object)
    def set_content(self, loaded: LoadedContent) -> None:
        """The content shown (what an export writes, what an import compares with)."""
        self.loaded = loaded
        self.offer.set_content(loaded)

    @Slot(bool)
    def set_others_busy(self, busy: bool) -> None:
        """A refresh started or ended: no import meanwhile."""
        self._others_busy = busy

    @Slot()
    def look_beside(self) -> None:
        """Once the content is shown at start: offer a newer pack beside the program."""
        self.offer.look(self.beside())

    # -- export --------------------------------------------------------------------------
    @Slot()
    def export_content(self) -> None:
        """Fichier → Exporter le contenu…: ask where, then write the pack."""
        if self._bring_forward():
            return
        if self.loaded is None:
            self.noted.emit(self.tr("No content is loaded: there is nothing to export."))
            return
        from reader.ui import file_dialogs

        target = file_dialogs.ask_save_path(
            self._window(),
            self.tr("Export the content"),
            self.tr("Content packs (*.faqpack)"),
            default_name(self.loaded),
            SUFFIX,
            self._start_folder(),
        )
        if target is not None:
            self.export_to(target)

    def export_to(self, target: Path) -> None:
        """Write the content shown into the pack ``target``, with its progress dialog."""
        if self._bring_forward() or self.loaded is None:
            return
        content = self.loaded.content
        self._start("export", lambda context: export_work(context, target, self.paths, content))

    @Slot(object)
    def _exported(self, result: ExportResult) -> None:
        from reader.ui.progress_dialog import format_bytes

        self._end()
        message = self.tr("Content exported to %1 (%2).").replace("%2", format_bytes(result.size))
        message = message.replace("%1", str(result.path))  # last: a path may hold "%2"
        self.exported.emit(message, str(result.path.parent))
        self.ended.emit("export", "success", message)

    # -- import --------------------------------------------------------------------------
    @Slot()
    def import_content(self) -> None:
        """Fichier → Importer du contenu…: ask for a pack, then import it."""
        if self._bring_forward():
            return
        from reader.ui import file_dialogs

        path = file_dialogs.ask_open_path(
            self._window(),
            self.tr("Import content"),
            self.tr("Content packs (*.faqpack);;All files (*)"),
            self._start_folder(),
        )
        if path is not None:
            self.import_file(path)

    @Slot(object)
    def import_file(self, path: Path, force: bool = False) -> None:
        """Import the pack ``path`` (``force``: even an older one), with its progress."""
        if self._bring_forward():
            return
        if self._others_busy:
            self.noted.emit(
                self.tr("An update from the wiki is running: import the pack once it has ended.")
            )
            return
        current = self.loaded
        self._start(
            "import", lambda context: import_work(context, path, self.paths, force, current)
        )

    @Slot(object)
    def _imported(self, outcome: Imported | Older) -> None:
        from reader.ui.refresh.seen_warnings import Warnings
        from reader.ui.refresh.summary import SummaryDialog

        self._end()
        if isinstance(outcome, Older):
            self._ask_older(outcome)
            return
        result, loaded = outcome.result, outcome.loaded
        if loaded is not None:
            self.contentChanged.emit(loaded)
        lines = "\n".join(result.lines())
        log.info("import: %s", lines.replace("\n", " | "))
        shown = loaded or self.loaded
        warnings = Warnings(tuple(dict.fromkeys(result.summary.warnings)))
        dialog = SummaryDialog(
            result.summary,
            shown.library if shown is not None else None,
            warnings,
            self._window(),
            pack=result.pack.path.name,
        )
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.questionActivated.connect(self.questionRequested)
        dialog.finished.connect(lambda _result: give_back_the_keyboard(self._window()))
        self.summary = dialog
        dialog.open()
        self.ended.emit("import", "success", lines)

    def _ask_older(self, older: Older) -> None:
        """The pack is older than the content shown: import it anyway, or not."""
        from reader.packs.dates import two_dates

        pack_day, held_day = two_dates(older.pack_date, older.content_date)
        text = self.tr(
            "This pack dates from %1, older than the content shown (%2). Import it anyway?"
        )
        text = text.replace("%2", held_day).replace("%1", pack_day)
        box, anyway, _cancel = ask(
            self._window(),
            self.tr("Older content"),
            text,
            self.tr("&Import anyway"),
            self.tr("Cancel"),
        )
        box.setAccessibleName(self.tr("Older content"))
        box.finished.connect(
            lambda _result: self._older_answered(box.clickedButton() is anyway, older.path)
        )
        self.question = box
        self.ended.emit("import", "older", text)

    def _older_answered(self, anyway: bool, path: Path) -> None:
        if anyway:
            self.import_file(path, force=True)
            return
        message = self.tr("Import cancelled; the content is unchanged.")
        self.noted.emit(message)
        self.ended.emit("import", "cancel", message)

    # -- either task ---------------------------------------------------------------------
    def _start(self, task: str, work: Callable[[JobContext], object]) -> None:
        job = Job(work, task, CancelToken())
        dialog = PackDialog(task == "import", self._window())
        dialog.cancelRequested.connect(job.cancel)
        job.progress.connect(dialog.show_progress)
        job.finished.connect(self._imported if task == "import" else self._exported)
        job.failed.connect(self._failed)
        job.cancelled.connect(self._cancelled)
        self.job, self.task, self.dialog = job, task, dialog
        dialog.show()
        dialog.activateWindow()
        self._runner.start(job)
        self.busyChanged.emit(True)

    def _bring_forward(self) -> bool:
        """A task runs: its dialog comes to the front (True), nothing else starts."""
        if self.job is None:
            return False
        if self.dialog is not None:
            self.dialog.raise_()
            self.dialog.activateWindow()
        return True

    def _end(self) -> str:
        """Whatever the ending: the progress dialog goes, another task may start."""
        task, self.job, self.task = self.task, None, ""
        dialog, self.dialog = self.dialog, None
        if dialog is not None:
            dialog.finish()
            give_back_the_keyboard(self._window())
        self.busyChanged.emit(False)
        return task

    @Slot(str, str)
    def _failed(self, message: str, detail: str) -> None:
        task = self._end()
        title = self.tr("Import impossible") if task == "import" else self.tr("Export impossible")
        log.info("%s: %s", task, message)
        inform(self._window(), title, message, QMessageBox.Icon.Warning, detail)
        self.ended.emit(task, "failure", message)

    @Slot(str)
    def _cancelled(self, message: str) -> None:
        task = self._end()
        if not message:
            message = self.tr("Cancelled; nothing changed.")
        self.noted.emit(message)
        self.ended.emit(task, "cancel", message)

    def shutdown(self, timeout_ms: int = 10_000) -> None:
        """The window closes: a running export or import is cancelled (nothing changes)."""
        self._runner.shutdown(timeout_ms)
