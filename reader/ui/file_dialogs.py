"""File dialogs ("Save as…", "Export as PDF…", the content packs) in the interface's language.

The platform's own dialog (Windows', GTK's, KDE's) speaks the system's language, which is
not always the interface's: on a system set to English or to "C", the interface is French
(:func:`reader.ui.language.ui_language`) and a platform dialog would not be. Qt's own dialog,
built from widgets, is translated with the rest: by Qt's French (``qtbase_fr``) and, for
the few of its strings that Qt's French lacks, by ``resources/translations/qt_extra_fr``.
So the platform's dialog is used only when the system speaks the interface's language.

:func:`ask_save_path` and :func:`ask_open_path` are what the window's parts call to ask for
a file (tests stand in for them there, not in Qt).
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QLocale, QStandardPaths
from PySide6.QtWidgets import QFileDialog, QWidget


def interface_is_system_language() -> bool:
    """Whether the system's language is the interface's (French, or English for English)."""
    from reader.ui.language import ui_language

    system = QLocale.system()
    languages = system.uiLanguages() or [system.name()]
    first = languages[0].replace("_", "-").lower()
    interface = ui_language(system)
    return first.startswith(interface)


def dialog_options() -> QFileDialog.Option:
    """Qt's own dialog unless the platform's speaks the interface's language."""
    if interface_is_system_language():
        return QFileDialog.Option(0)
    return QFileDialog.Option.DontUseNativeDialog


def documents_folder() -> Path:
    """Where a file is suggested first: the user's documents, else the home folder."""
    folder = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    return Path(folder) if folder and Path(folder).is_dir() else Path.home()


def _dialog(
    parent: QWidget | None, title: str, name_filter: str, folder: Path | None
) -> QFileDialog:
    """A file dialog in ``folder`` (else the documents folder), sized for its text (the
    window's zoom included: Qt's own size leaves no room for the columns at 150 %)."""
    start = folder if folder is not None and folder.is_dir() else documents_folder()
    dialog = QFileDialog(parent, title, str(start), name_filter)
    dialog.setOptions(dialog_options())
    metrics = dialog.fontMetrics()
    dialog.resize(metrics.averageCharWidth() * 90, metrics.height() * 24)
    return dialog


def save_dialog(
    parent: QWidget | None, title: str, name_filter: str = "", folder: Path | None = None
) -> QFileDialog:
    """A "save as" dialog (not yet shown) in ``folder`` or the documents folder."""
    dialog = _dialog(parent, title, name_filter, folder)
    dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
    dialog.setFileMode(QFileDialog.FileMode.AnyFile)
    return dialog


def ask_save_path(
    parent: QWidget | None,
    title: str,
    name_filter: str,
    name: str,
    suffix: str,
    folder: Path | None = None,
) -> Path | None:
    """Ask where to save a file, ``name`` suggested; the answer always ends with
    ``suffix`` (".pdf"), added when the user typed another. None when cancelled."""
    dialog = save_dialog(parent, title, name_filter, folder)
    dialog.setDefaultSuffix(suffix.lstrip("."))
    dialog.selectFile(name)
    if dialog.exec() != QFileDialog.DialogCode.Accepted or not dialog.selectedFiles():
        return None
    chosen = Path(dialog.selectedFiles()[0])
    return (
        chosen if chosen.name.lower().endswith(suffix) else chosen.with_name(chosen.name + suffix)
    )


def ask_open_path(
    parent: QWidget | None, title: str, name_filter: str, folder: Path | None = None
) -> Path | None:
    """Ask for an existing file to open, in ``folder`` or the documents folder; None when
    cancelled."""
    dialog = _dialog(parent, title, name_filter, folder)
    dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptOpen)
    dialog.setFileMode(QFileDialog.FileMode.ExistingFile)
    if dialog.exec() != QFileDialog.DialogCode.Accepted or not dialog.selectedFiles():
        return None
    return Path(dialog.selectedFiles()[0])
