"""One error path for what nobody expected, and for a start with no screen.

- An exception nobody caught, on the UI thread (``sys.excepthook``: a slot, an event
  handler) or on another thread (``threading.excepthook``), is logged with its traceback
  and told in one French dialog: a short sentence, where the log is, the traceback folded
  away. A burst gives one dialog: errors that come while it is open are counted in it,
  and the same error (same type, same place) is told only once per session.
- Qt's own messages (warnings of its platform plugins, styles…) go to the log, not to the
  terminal.
- A start without a graphical session (over SSH, no ``DISPLAY``, a platform plugin that
  cannot start) ends with exit code 1 and one French line on stderr that points to the
  command line, instead of Qt's abort (exit 134) and its message about libraries.
"""

from __future__ import annotations

import logging
import os
import sys
import threading
import traceback
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, QTimer, Signal, Slot

from reader import APP_NAME

if TYPE_CHECKING:
    from pathlib import Path
    from types import TracebackType

    from PySide6.QtCore import QMessageLogContext, QtMsgType
    from PySide6.QtWidgets import QMessageBox

log = logging.getLogger(__name__)
qt_log = logging.getLogger("reader.qt")

NO_DISPLAY = (
    f"{APP_NAME}: la fenêtre a besoin d'une session graphique (un écran), introuvable ici ; "
    f"sans écran, cherchez avec « {APP_NAME} search MOTS » et lisez avec « {APP_NAME} show ID »."
)

_starting = False  # between install_message_handler(starting=True) and started()


def _qt_message(kind: QtMsgType, context: QMessageLogContext, message: str) -> None:
    from PySide6.QtCore import QtMsgType

    if kind == QtMsgType.QtFatalMsg:
        qt_log.critical("%s", message)
        if _starting:
            # The platform plugin could not start: there is no screen to open on. Qt would
            # abort right after this handler; leave first, in the user's words.
            sys.stderr.write(NO_DISPLAY + "\n")
            sys.stderr.flush()
            logging.shutdown()
            os._exit(1)
        return
    level = {
        QtMsgType.QtDebugMsg: logging.DEBUG,
        QtMsgType.QtInfoMsg: logging.INFO,
        QtMsgType.QtWarningMsg: logging.WARNING,
        QtMsgType.QtCriticalMsg: logging.ERROR,
    }.get(kind, logging.WARNING)
    category = context.category or "qt"
    qt_log.log(level, "%s: %s", category, message)


def install_message_handler(starting: bool = False) -> object:
    """Send Qt's messages to the log; returns the handler it replaces. With ``starting``, a
    fatal one before :func:`started` means "no graphical session" (see the module docstring).
    """
    from PySide6.QtCore import qInstallMessageHandler

    global _starting
    _starting = starting
    return qInstallMessageHandler(_qt_message)


def started() -> None:
    """The application is up: a fatal Qt message is no longer about the screen."""
    global _starting
    _starting = False


class CrashReporter(QObject):
    """Logs unexpected exceptions and tells the user once (see the module docstring).

    ``log_path`` is the log file named in the dialog. The dialog opens over ``parent``
    when it is a widget, else over the active window.

    Signals:
        reported(str): an unexpected error was logged (its one-line summary).
    """

    reported = Signal(str)
    _told = Signal(str, str)  # summary, traceback: from another thread to the UI thread

    def __init__(self, log_path: Path | None, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.log_path = log_path
        self.dialog: QMessageBox | None = None
        self._more = 0  # errors since the dialog opened
        self._seen: set[tuple[str, str]] = set()
        self._lock = threading.Lock()
        self._told.connect(self._tell)  # queued when emitted from another thread

    def install(self) -> None:
        """Become ``sys.excepthook`` and ``threading.excepthook``."""
        sys.excepthook = self.excepthook
        threading.excepthook = self.thread_excepthook

    def excepthook(
        self,
        kind: type[BaseException],
        error: BaseException,
        trace: TracebackType | None,
    ) -> None:
        if issubclass(kind, KeyboardInterrupt):
            sys.__excepthook__(kind, error, trace)
            return
        self.report(kind, error, trace)

    def thread_excepthook(self, args: Any) -> None:
        if args.exc_type is SystemExit:
            return
        name = args.thread.name if args.thread is not None else "?"
        log.error("in thread %s:", name)
        self.report(args.exc_type, args.exc_value, args.exc_traceback)

    def report(
        self,
        kind: type[BaseException],
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        """Log an unexpected exception and ask for the dialog (on the UI thread)."""
        detail = "".join(traceback.format_exception(kind, error, trace))
        summary = "".join(traceback.format_exception_only(kind, error)).strip()
        log.error("unexpected error: %s\n%s", summary, detail)
        frames = traceback.extract_tb(trace) if trace is not None else []
        where = f"{frames[-1].filename}:{frames[-1].lineno}" if frames else ""
        signature = (kind.__qualname__, where)
        with self._lock:
            if signature in self._seen:
                return  # told already; a loop (a paint that fails each time) is not re-told
            self._seen.add(signature)
        if threading.current_thread() is threading.main_thread():
            # Not from inside the failing handler (a paint, a slot): once it has returned.
            QTimer.singleShot(0, self, lambda: self._tell(summary, detail))
        else:
            self._told.emit(summary, detail)

    @Slot(str, str)
    def _tell(self, summary: str, detail: str) -> None:
        self.reported.emit(summary)
        if self.dialog is not None and self.dialog.isVisible():
            self._more += 1
            count = self._more  # a plain name: lupdate does not read ``self._more`` here
            more = self.tr("%n more error(s) since.", "", count)
            self.dialog.setInformativeText(self._where() + "\n" + more)
            self.dialog.setDetailedText(self.dialog.detailedText() + "\n" + detail)
            return
        self._more = 0
        self.dialog = self._make_dialog(detail)
        self.dialog.open()

    def _where(self) -> str:
        if self.log_path is None:
            return self.tr("The details could not be logged.")
        return self.tr("The details are in the log: %1").replace("%1", str(self.log_path))

    def _make_dialog(self, detail: str) -> QMessageBox:
        from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

        parent = self.parent()
        if not isinstance(parent, QWidget):
            parent = QApplication.activeWindow()
        box = QMessageBox(parent)
        box.setIcon(QMessageBox.Icon.Critical)
        box.setWindowTitle(self.tr("Unexpected error"))
        box.setText(
            self.tr("An unexpected error occurred; what you were doing may not be finished.")
        )
        box.setInformativeText(self._where())
        box.setDetailedText(detail)  # folded away behind "Show Details…"
        box.setStandardButtons(QMessageBox.StandardButton.Ok)
        return box
