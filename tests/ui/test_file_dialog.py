"""Fichier → Exporter en PDF… opens a file dialog in French, every word of it.

Qt's own dialog is used when the system does not speak the interface's language (here,
a "C" system with the French interface): Qt's French leaves a few of its words in
English, which the reader's ``qt_extra_fr`` supplies.
"""

from __future__ import annotations

from PySide6.QtCore import QTimer
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QComboBox,
    QFileDialog,
    QHeaderView,
    QLabel,
    QTreeView,
)

# What Qt's dialog says in English, each of which must have become French.
ENGLISH = {
    "Look in:",
    "Files of type:",
    "File name:",
    "Save",
    "Cancel",
    "Back",
    "Forward",
    "Parent Directory",
    "Create New Folder",
    "List View",
    "Detail View",
    "Name",
    "Size",
    "Date Modified",
    "Folder",
    "Computer",
    "New Folder",
    "Rename",
    "Delete",
    "Show hidden files",
}


def words(dialog: QFileDialog) -> set[str]:
    """Every text the dialog shows: labels, buttons, tooltips, lists, headers, menus."""
    texts = {label.text() for label in dialog.findChildren(QLabel)}
    for button in dialog.findChildren(QAbstractButton):
        texts |= {button.text(), button.toolTip(), button.accessibleName()}
    for combo in dialog.findChildren(QComboBox):
        texts |= {combo.itemText(i) for i in range(combo.count())}
    for header in dialog.findChildren(QHeaderView):
        model = header.model()
        texts |= {str(model.headerData(i, header.orientation())) for i in range(header.count())}
    for view in dialog.findChildren(QTreeView):
        root = view.rootIndex()
        for row in range(view.model().rowCount(root)):
            texts.add(str(view.model().index(row, 2, root).data()))  # the "Type" column
    texts |= {action.text() for action in dialog.findChildren(QAction)}
    return {" ".join(t.replace("&", "").replace("\xa0", " ").split()) for t in texts if t}


def test_the_pdf_export_dialog_is_all_french(window, qtbot, tmp_path, monkeypatch):
    monkeypatch.setenv("HOME", str(tmp_path))
    (tmp_path / "Documents" / "Factures").mkdir(parents=True)
    seen: dict[str, set[str]] = {}

    def look_and_cancel() -> None:
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, QFileDialog):
            QTimer.singleShot(50, look_and_cancel)
            return
        view = dialog.findChild(QTreeView, "treeView")
        if view.model().rowCount(view.rootIndex()) == 0:  # the folder is read in a thread
            QTimer.singleShot(50, look_and_cancel)
            return
        seen["title"] = {dialog.windowTitle()}
        seen["words"] = words(dialog)
        seen["native"] = {str(not dialog.testOption(QFileDialog.Option.DontUseNativeDialog))}
        dialog.reject()

    QTimer.singleShot(0, look_and_cancel)
    window.commands.actions.export_pdf.trigger()  # the welcome page: no "what to print"

    assert seen["title"] == {"Exporter en PDF"}
    assert seen["native"] == {"False"}
    found = seen["words"]
    assert {
        "Voir dans :",
        "Fichiers de type :",
        "Nom de fichier :",
        "Enregistrer",
        "Annuler",
    } <= found
    assert {"Dossier", "Nom", "Taille", "Nouveau dossier"} <= found
    assert not (found & ENGLISH), found & ENGLISH
