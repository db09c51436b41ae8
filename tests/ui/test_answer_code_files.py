"""A code block with a file name offers "Enregistrer sous" that file, as DokuWiki offers its
download; a Windows share in an answer is a link the system opens."""

from __future__ import annotations

import hashlib
import json

import pytest

from reader.content.library import load_library
from tests.home import content_paths
from tests.ui.test_no_browser import click_link

PAGE = """====== FAQ test ======

===== Les exports =====

==== Comment importer mes commandes dans un tableur ? ====

Le fichier ressemble à ceci :

<file csv export commandes.csv>
client;produit;quantité
Dupont;Panier <légumes>;1
</file>

Les bons sont aussi sur [[\\\\serveur\\partage|le partage de la ferme]].
"""


@pytest.fixture
def code_window(window, qtbot, tmp_path):
    root = tmp_path / "content"
    (root / "pages").mkdir(parents=True)
    data = PAGE.encode("utf-8")
    (root / "pages" / "faq-test.txt").write_bytes(data)
    page = {
        "id": "faq-test",
        "path": "pages/faq-test.txt",
        "sha256": hashlib.sha256(data).hexdigest(),
    }
    manifest = {"format": 1, "wiki": "https://wiki.example.org/", "pages": [page], "media": []}
    (root / "manifest.json").write_text(json.dumps(manifest), encoding="utf-8")
    loaded = load_library(content_paths(root, tmp_path / "no-user-data"))
    window.show_content(loaded)
    question = next(iter(loaded.library.questions()))
    with qtbot.waitSignal(window.placeShown):
        window.places.open_question(question.id)
    return window


def test_a_file_block_is_saved_under_its_name_where_the_user_says(code_window, qtbot, tmp_path):
    view = code_window.answer.view
    assert "export commandes.csv" in view.toPlainText()
    click_link(qtbot, view, "export commandes.csv")

    files = code_window.answer.code_dialog
    qtbot.waitUntil(files.isVisible)
    assert files.windowTitle() == "Enregistrer sous export commandes.csv"
    stick = tmp_path / "clé USB"
    stick.mkdir()
    files.selectFile(str(stick / "export commandes.csv"))
    with qtbot.waitSignal(code_window.answer.noted) as noted:
        files.accept()

    saved = stick / "export commandes.csv"
    assert saved.read_text(encoding="utf-8") == (
        "client;produit;quantité\nDupont;Panier <légumes>;1\n"
    )
    assert noted.args == [f"Fichier enregistré\u00a0: {saved}"]


def test_a_windows_share_is_handed_to_the_system(code_window, qtbot, desktop):
    click_link(qtbot, code_window.answer.view, "le partage de la ferme")
    assert [url.toString() for url in desktop.opened] == ["file://serveur/partage"]


def test_the_file_name_says_what_a_click_does(code_window):
    cursor = code_window.answer.view.document().find("export commandes.csv")
    cursor.setPosition(cursor.selectionStart() + 1)
    assert cursor.charFormat().toolTip() == "Enregistrer sous export commandes.csv"
