"""Links to non-image media (``media:<id>``, a PDF, a spreadsheet…) clicked in an answer.

The file is opened with the system's application when the content's ``media/`` folder has
it; otherwise the user is told that it is not available offline and offered the file on
the wiki (which needs a connection).
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QMessageBox, QWidget

from reader.content.manifest import media_path

if TYPE_CHECKING:
    from reader.content.library import LoadedContent

log = logging.getLogger(__name__)


def local_media_file(loaded: LoadedContent, media_id: str) -> Path | None:
    """The media file in the content set, or None (missing, or outside the media folder)."""
    media_dir = loaded.media_dir().resolve()
    path = (loaded.content.root / media_path(media_id.lstrip(":"))).resolve()
    if not path.is_relative_to(media_dir) or not path.is_file():
        return None
    return path


def open_media(parent: QWidget, loaded: LoadedContent, media_id: str) -> QMessageBox | None:
    """Open ``media_id`` with the system, or say it is not here; returns the message shown."""
    path = local_media_file(loaded, media_id)
    if path is not None:
        if QDesktopServices.openUrl(QUrl.fromLocalFile(str(path))):
            return None
        log.warning("no application to open %s", path)
        text = QCoreApplication.translate("MediaLinks", "No application could open %1.")
        box = QMessageBox(
            QMessageBox.Icon.Warning,
            path.name,
            text.replace("%1", path.name),
            QMessageBox.StandardButton.Close,
            parent,
        )
        box.open()
        return box
    name = media_id.rpartition(":")[2] or media_id
    log.info("media file not available offline: %s", media_id)
    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Information)
    title = QCoreApplication.translate("MediaLinks", "File not available offline: %1")
    box.setWindowTitle(title.replace("%1", name))
    box.setText(QCoreApplication.translate("MediaLinks", "This file is not available offline."))
    box.setInformativeText(
        QCoreApplication.translate(
            "MediaLinks", "The file %1 is not in the content downloaded on this computer."
        ).replace("%1", name)
        + "\n"
        + QCoreApplication.translate(
            "MediaLinks", "Open it on the wiki (needs an Internet connection)?"
        )
    )
    from reader.sync.urls import media_url

    url = media_url(loaded.wiki, media_id) if loaded.wiki else ""
    if url:
        wiki_button = box.addButton(
            QCoreApplication.translate("MediaLinks", "Open on the wiki"),
            QMessageBox.ButtonRole.AcceptRole,
        )
        wiki_button.clicked.connect(lambda: QDesktopServices.openUrl(QUrl(url)))
    box.addButton(QMessageBox.StandardButton.Close)
    box.open()
    return box
