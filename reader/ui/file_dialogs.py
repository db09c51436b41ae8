"""File dialogs ("Save as…", "Export as PDF…") in the interface's language.

The platform's own dialog (Windows', GTK's, KDE's) speaks the system's language, which is
not always the interface's: on a system set to English or to "C", the interface is French
(:func:`reader.ui.app.ui_language`) and a platform dialog would not be. Qt's own dialog,
built from widgets, is translated with the rest: by Qt's French (``qtbase_fr``) and, for
the few of its strings that Qt's French lacks, by ``resources/translations/qt_extra_fr``.
So the platform's dialog is used only when the system speaks the interface's language.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QLocale, QStandardPaths
from PySide6.QtWidgets import QFileDialog, QWidget


def interface_is_system_language() -> bool:
    """Whether the system's language is the interface's (French, or English for English)."""
    from reader.ui.app import ui_language

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


def save_dialog(parent: QWidget | None, title: str, name_filter: str = "") -> QFileDialog:
    """A "save as" dialog (not yet shown) in the documents folder, sized for its text (the
    window's zoom included: Qt's own size leaves no room for the columns at 150 %)."""
    dialog = QFileDialog(parent, title, str(documents_folder()), name_filter)
    dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
    dialog.setFileMode(QFileDialog.FileMode.AnyFile)
    dialog.setOptions(dialog_options())
    metrics = dialog.fontMetrics()
    dialog.resize(metrics.averageCharWidth() * 90, metrics.height() * 24)
    return dialog
