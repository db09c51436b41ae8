"""Logging: a rotating file in the per-user log folder, read by the window's log view.

A read-only or missing log folder is not an error: the reader carries on without a log
file. The window starts with :func:`hold_early_records` and opens the file only after its
first paint (``logging.handlers`` and the file cost start-up time); what was logged before
is then written to the file in order.
"""

from __future__ import annotations

import logging
from pathlib import Path

LOG_NAME = "faq-reader.log"
_configured = False


class _EarlyRecords(logging.Handler):
    """Keeps the records logged before the log file is open (a few, at start-up)."""

    def __init__(self) -> None:
        super().__init__(logging.DEBUG)
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        if len(self.records) < 1000:
            self.records.append(record)


_early: _EarlyRecords | None = None


def _quiet_file_handler(path: Path) -> logging.Handler:
    """A rotating log file that falls silent on its first write error (a full or
    read-only disk): logging's default prints a traceback on stderr for each record."""
    import logging.handlers

    class QuietRotatingFileHandler(logging.handlers.RotatingFileHandler):
        def handleError(self, record: logging.LogRecord) -> None:
            self.setLevel(logging.CRITICAL + 1)  # no further attempt

    return QuietRotatingFileHandler(path, maxBytes=512 * 1024, backupCount=2, encoding="utf-8")


def hold_early_records(level: int = logging.INFO) -> None:
    """Keep the ``reader`` loggers' records until :func:`setup_logging` opens the file."""
    global _early
    if _configured or _early is not None:
        return
    root = logging.getLogger("reader")
    root.setLevel(level)
    root.propagate = False
    _early = _EarlyRecords()
    root.addHandler(_early)


def log_file(log_dir: Path) -> Path:
    """The log file in the per-user log folder ``log_dir``."""
    return log_dir / LOG_NAME


def setup_logging(log_dir: Path, console: bool = False, level: int = logging.INFO) -> Path | None:
    """Send the ``reader`` loggers to the log file in ``log_dir``; return its path (None if
    unwritable)."""
    global _configured, _early
    root = logging.getLogger("reader")
    if _configured:
        return log_file(log_dir)
    _configured = True
    root.setLevel(level)
    held: list[logging.LogRecord] = []
    if _early is not None:
        root.removeHandler(_early)
        held, _early = _early.records, None
    path = log_file(log_dir)
    written: Path | None = path
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handler = _quiet_file_handler(path)
        handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
        root.addHandler(handler)
    except OSError:
        written = None
        root.addHandler(logging.NullHandler())  # not Python's last-resort stderr output
    if console:
        stream = logging.StreamHandler()
        stream.setLevel(logging.WARNING)
        stream.setFormatter(logging.Formatter("%(levelname)s: %(message)s"))
        root.addHandler(stream)
    root.propagate = False
    for record in held:
        root.handle(record)
    return written
