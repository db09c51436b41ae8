"""Links to non-image media (``media:<id>``, a PDF, a spreadsheet…) clicked in an answer.

The file is opened with the system's application when the content's ``media/`` folder has
it (when no application can, the user may save a copy: :mod:`reader.ui.external`);
otherwise the user is told that the wiki does not have it (the last refresh was told so),
or that it is not available offline and offered the file on the wiki (which needs a
connection, and a browser: else its address to copy).
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QUrl
from PySide6.QtWidgets import QDialog, QMessageBox, QWidget

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


def open_media(parent: QWidget, loaded: LoadedContent, media_id: str) -> QDialog | None:
    """Open ``media_id`` with the system, or say why not; returns the dialog shown."""
    from reader.ui.external import open_file, open_url

    path = local_media_file(loaded, media_id)
    if path is not None:
        return open_file(parent, path)
    name = media_id.rpartition(":")[2] or media_id
    if media_id.lstrip(":") in loaded.content.manifest.missing_media():
        return _not_on_the_wiki(parent, name)
    log.info("media file not available offline: %s", media_id)
    box = _information(
        parent,
        QCoreApplication.translate("MediaLinks", "File not available offline: %1").replace(
            "%1", name
        ),
        QCoreApplication.translate("MediaLinks", "This file is not available offline."),
        QCoreApplication.translate(
            "MediaLinks", "The file %1 is not in the content downloaded on this computer."
        ).replace("%1", name)
        + "\n"
        + QCoreApplication.translate(
            "MediaLinks", "Open it on the wiki (needs an Internet connection)?"
        ),
    )
    from reader.sync.urls import media_url

    url = media_url(loaded.wiki, media_id) if loaded.wiki else ""
    if url:
        wiki_button = box.addButton(
            QCoreApplication.translate("MediaLinks", "Open on the wiki"),
            QMessageBox.ButtonRole.AcceptRole,
        )
        # Over the window: this box closes with the click.
        wiki_button.clicked.connect(lambda: open_url(parent.window(), QUrl(url)))
    box.addButton(QMessageBox.StandardButton.Close)
    box.open()
    return box


def _not_on_the_wiki(parent: QWidget, name: str) -> QDialog:
    """The wiki itself does not have the file: nothing to open, here or there."""
    log.info("media file missing on the wiki: %s", name)
    box = _information(
        parent,
        QCoreApplication.translate("MediaLinks", "File missing from the wiki: %1").replace(
            "%1", name
        ),
        QCoreApplication.translate("MediaLinks", "The wiki does not have this file."),
        QCoreApplication.translate(
            "MediaLinks",
            "The page links to %1, but the wiki answered that it does not have it at the "
            "last update. Ask the wiki's authors to add it.",
        ).replace("%1", name),
    )
    box.addButton(QMessageBox.StandardButton.Close)
    box.open()
    return box


def _information(parent: QWidget, title: str, text: str, details: str) -> QMessageBox:
    """An information box (not yet shown) with its window title, text and details."""
    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Information)
    box.setWindowTitle(title)
    box.setText(text)
    box.setInformativeText(details)
    return box
