"""Media in an answer: a local image shows, a linked file opens from the media folder, a
file that is not here offers the wiki; printing asks "the answer or the whole page"."""

from __future__ import annotations

import base64
import hashlib
import json
from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QImage, QTextDocument
from PySide6.QtWidgets import QMessageBox

from reader.content.library import load_library
from tests.home import content_paths

REPO = Path(__file__).resolve().parents[2]
PAGE = """====== FAQ test ======

===== Les commandes =====

==== Où trouver le bon de commande ? ====

Voici le logo : {{faq:logo.png|Logo}}

Le bon : {{faq:bon.pdf|bon de commande}}. Le tarif : {{faq:tarif.pdf|tarif}}.
"""


@pytest.fixture
def content(tmp_path: Path) -> Path:
    """A content set with one page, an image and a PDF in its media folder."""
    root = tmp_path / "content"
    (root / "pages").mkdir(parents=True)
    (root / "media" / "faq").mkdir(parents=True)
    data = PAGE.encode("utf-8")
    (root / "pages" / "faq-test.txt").write_bytes(data)
    logo = (REPO / "tests" / "data" / "dokuwiki" / "media" / "faq" / "logo.png.b64").read_text()
    (root / "media" / "faq" / "logo.png").write_bytes(base64.b64decode(logo))
    (root / "media" / "faq" / "bon.pdf").write_bytes(b"%PDF-1.4\n%%EOF\n")
    manifest = {
        "format": 1,
        "wiki": "https://wiki.example.org/",
        "pages": [
            {
                "id": "faq-test",
                "path": "pages/faq-test.txt",
                "sha256": hashlib.sha256(data).hexdigest(),
                "revision": "1",
                "last_modified": "2024-01-01T00:00:00Z",
            }
        ],
        "media": [],
    }
    (root / "manifest.json").write_text(json.dumps(manifest), encoding="utf-8")
    return root


@pytest.fixture
def media_window(window, qtbot, content, tmp_path):
    loaded = load_library(content_paths(content, tmp_path / "no-user-data"))
    assert loaded.library.pages[0].id == "faq-test", loaded.warnings
    window.show_content(loaded)
    question = next(iter(loaded.library.questions()))
    with qtbot.waitSignal(window.placeShown):
        window.places.open_question(question.id)
    return window


def test_an_image_from_the_media_folder_shows_in_the_answer(media_window, content):
    logo = (content / "media" / "faq" / "logo.png").resolve()
    assert logo.as_uri() in media_window.answer.view.toHtml()
    image = media_window.answer.view.document().resource(
        QTextDocument.ResourceType.ImageResource, QUrl(logo.as_uri())
    )
    assert isinstance(image, QImage) and not image.isNull()


def test_a_linked_file_opens_with_the_system_application(media_window, content, desktop):
    with_link = media_window.answer.view.toHtml()
    assert 'href="media:faq:bon.pdf"' in with_link
    media_window.answer.view.anchorClicked.emit(QUrl("media:faq:bon.pdf"))
    assert [u.toLocalFile() for u in desktop.opened] == [
        str((content / "media" / "faq" / "bon.pdf").resolve())
    ]
    assert media_window.answer.media_message is None


def test_a_file_not_downloaded_says_so_and_offers_the_wiki(media_window, qtbot, desktop):
    media_window.answer.view.anchorClicked.emit(QUrl("media:faq:tarif.pdf"))
    assert desktop.opened == []
    box = media_window.answer.media_message
    assert box is not None and box.isVisible()
    assert box.text() == "Ce fichier n'est pas disponible hors ligne."
    assert "tarif.pdf" in box.informativeText()
    wiki = next(b for b in box.buttons() if b.text() == "Ouvrir sur le wiki")
    qtbot.mouseClick(wiki, Qt.MouseButton.LeftButton)
    assert [u.toString() for u in desktop.opened] == [
        "https://wiki.example.org/lib/exe/fetch.php?media=faq:tarif.pdf"
    ]


def test_a_link_out_of_the_media_folder_is_not_opened(media_window, desktop):
    media_window.answer.view.anchorClicked.emit(QUrl("media:..:..:manifest.json"))
    assert desktop.opened == []
    assert media_window.answer.media_message is not None


@pytest.mark.parametrize(("choice", "expected"), [("answer", "answer"), ("page", "page")])
def test_print_asks_answer_or_whole_page(window, qtbot, monkeypatch, choice, expected):
    """Printing a question asks what to print; the page choice prints every question."""
    library = window.loaded.library
    questions = list(library.questions())
    window.places.open_question(questions[0].id)
    asked = []

    def choose(parent, page_title):
        asked.append(page_title)
        return choice

    printed = []
    monkeypatch.setattr("reader.ui.answer.printing.choose_scope", choose)
    monkeypatch.setattr(
        "reader.ui.answer.printing.print_document", lambda parent, doc: printed.append(doc)
    )
    window.commands.actions.print.trigger()
    assert asked == [library.pages[0].title]
    text = printed[0].toPlainText()
    assert questions[0].title in text
    if expected == "page":
        assert questions[-1].title in text
    else:
        assert questions[-1].title not in text


def test_cancelling_the_choice_prints_nothing(window, monkeypatch):
    window.places.open_question(next(iter(window.loaded.library.questions())).id)
    printed = []
    monkeypatch.setattr("reader.ui.answer.printing.choose_scope", lambda parent, title: None)
    monkeypatch.setattr(
        "reader.ui.answer.printing.print_document", lambda parent, doc: printed.append(doc)
    )
    window.commands.actions.print.trigger()
    assert printed == []


def test_the_choice_box_offers_the_answer_and_the_page(qtbot, monkeypatch):
    from reader.ui.answer import printing

    seen = {}

    def fake_exec(box):
        seen["buttons"] = [b.text() for b in box.buttons()]
        page = next(b for b in box.buttons() if b.text() == "Toute la page")
        page.click()
        return 0

    monkeypatch.setattr(QMessageBox, "exec", fake_exec)
    assert printing.choose_scope(None, "FAQ") == "page"
    assert "La réponse" in seen["buttons"]


def test_a_document_no_application_opens_can_be_saved_elsewhere(
    media_window, qtbot, desktop, content, tmp_path
):
    desktop.works = False  # no PDF viewer on this computer
    media_window.answer.view.anchorClicked.emit(QUrl("media:faq:bon.pdf"))
    dialog = media_window.answer.media_message
    qtbot.waitUntil(dialog.isVisible)
    assert dialog.label.text() == "Aucune application de cet ordinateur ne peut ouvrir bon.pdf."
    assert dialog.save_button.text().replace("&", "") == "Enregistrer sous…"

    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    files = dialog.save_dialog
    qtbot.waitUntil(files.isVisible)
    assert files.windowTitle() == "Enregistrer une copie de bon.pdf"
    stick = tmp_path / "clé USB"
    stick.mkdir()
    files.selectFile(str(stick / "bon de commande.pdf"))
    files.accept()

    saved = stick / "bon de commande.pdf"
    assert saved.read_bytes() == (content / "media" / "faq" / "bon.pdf").read_bytes()
    assert str(saved) in dialog.status.text()


def test_a_file_not_downloaded_without_a_browser_gives_its_address(media_window, qtbot, desktop):
    from reader.ui.external import AddressDialog

    desktop.works = False
    media_window.answer.view.anchorClicked.emit(QUrl("media:faq:tarif.pdf"))
    box = media_window.answer.media_message
    wiki = next(b for b in box.buttons() if b.text() == "Ouvrir sur le wiki")
    qtbot.mouseClick(wiki, Qt.MouseButton.LeftButton)
    dialogs = [d for d in media_window.findChildren(AddressDialog) if d.isVisible()]
    assert [d.address.text() for d in dialogs] == [
        "https://wiki.example.org/lib/exe/fetch.php?media=faq:tarif.pdf"
    ]
