"""A code block offered as a file ("Save as <name>"), as DokuWiki offers it for download.

The converter gives a code or file block that has a file name (``<file csv export.csv>``)
a caption linking to ``download:<name>#<key>``; a click on it asks where to save the
block's text, the file name suggested. The text is found again in the HTML shown
(:func:`reader.render.code_files.code_file`) and written atomically, in UTF-8.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget

from reader.render.code_files import CodeFile, code_file

log = logging.getLogger(__name__)


def ask_save_code(
    parent: QWidget, fragment: str, key: str, saved: Callable[[Path], None]
) -> QFileDialog | None:
    """The "Save as" dialog for the code block ``key`` of ``fragment`` (None when the
    block is not there); ``saved`` is called with the file written."""
    found = code_file(fragment, key)
    if found is None:
        log.warning("code block %s not found in the answer shown", key)
        return None
    from reader.ui.file_dialogs import save_dialog

    dialog = save_dialog(parent, _title(found))
    dialog.selectFile(found.name)
    dialog.fileSelected.connect(lambda target: _write(parent, Path(target), found, saved))
    dialog.open()
    return dialog


def _write(parent: QWidget, target: Path, found: CodeFile, saved: Callable[[Path], None]) -> None:
    from reader.fsutil import atomic_write_bytes

    try:
        atomic_write_bytes(target, found.text.encode("utf-8"))
    except OSError as error:
        log.warning("code block %s not saved to %s: %s", found.name, target, error)
        message = QCoreApplication.translate("CodeDownload", "The file could not be saved: %1")
        QMessageBox.warning(parent, _title(found), message.replace("%1", str(error)))
        return
    saved(target)


def _title(found: CodeFile) -> str:
    return QCoreApplication.translate("CodeDownload", "Save as %1").replace("%1", found.name)
