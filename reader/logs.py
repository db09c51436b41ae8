"""Logging: a rotating file in the per-user log folder, read by the window's log view.

A read-only or missing log folder is not an error: logging then goes to stderr only
for warnings, and the reader carries on.
"""

from __future__ import annotations

import logging
import logging.handlers
from pathlib import Path

from reader.paths import user_dirs

LOG_NAME = "faq-reader.log"
_configured = False


def log_file() -> Path:
    return user_dirs().log / LOG_NAME


def setup_logging(console: bool = False, level: int = logging.INFO) -> Path | None:
    """Send the ``reader`` loggers to the log file; return its path (None if unwritable)."""
    global _configured
    root = logging.getLogger("reader")
    if _configured:
        return log_file()
    _configured = True
    root.setLevel(level)
    path: Path | None = log_file()
    try:
        assert path is not None
        path.parent.mkdir(parents=True, exist_ok=True)
        handler: logging.Handler = logging.handlers.RotatingFileHandler(
            path, maxBytes=512 * 1024, backupCount=2, encoding="utf-8"
        )
        handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
        root.addHandler(handler)
    except OSError:
        path = None
        root.addHandler(logging.NullHandler())  # not Python's last-resort stderr output
    if console:
        stream = logging.StreamHandler()
        stream.setLevel(logging.WARNING)
        stream.setFormatter(logging.Formatter("%(levelname)s: %(message)s"))
        root.addHandler(stream)
    root.propagate = False
    return path
