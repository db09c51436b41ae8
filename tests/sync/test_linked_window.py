"""The wiki around the FAQ in the window: linked pages in the tree after the FAQ's, a
``#section`` link that lands on its heading, back and forward across pages, a document
opened with the system's viewer, a page not held offered to be kept offline and taken
at the next refresh."""

from __future__ import annotations

import json
import os
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import pytest
from PySide6.QtCore import Qt

pytest.importorskip("pytestqt")

from PySide6.QtWidgets import QApplication, QMessageBox

from reader.sync.refresh import refresh
from reader.sync.sources import Sources, save_sources
from tests.home import home_paths, new_window
from tests.sync.conftest import (
    FAST,
    DokuWiki,
)
from tests.sync.test_refresh_window import ctrl_r, summary_dialog
from tests.ui.conftest import FakeDesktop

pytestmark = pytest.mark.dokuwiki

FAQ = "faq:kit"
SELLING = "cagette-pro:vendre-pour-d-autres-producteurs"


@pytest.fixture(autouse=True)
def french(qapp):
    from PySide6.QtCore import QLocale

    from reader.ui.language import install_translators

    french = QLocale(QLocale.Language.French, QLocale.Country.France)
    install_translators(qapp, home_paths().resources, french)


def open_window(qtbot, faq_home: Path, wiki_url: str):
    """The window as the app opens it, on the FAQ and the wiki around it (refreshed)."""
    from reader.ui.refresh.controller import RefreshController

    sources = Sources(wiki_url, (FAQ,))
    save_sources(faq_home / "config", sources)
    refresh(sources, home_paths(), limits=FAST)
    window = new_window(refresh=RefreshController(home_paths(), limits=FAST))
    qtbot.addWidget(window)
    with qtbot.waitSignal(window.refreshReady, timeout=10_000):
        window.show()
    qtbot.waitUntil(lambda: window.loaded is not None, timeout=10_000)
    return window


@pytest.fixture
def window(qtbot, faq_home: Path, wiki: DokuWiki):
    window = open_window(qtbot, faq_home, wiki.url)
    yield window
    window.refresh.shutdown()


@pytest.fixture
def desktop(monkeypatch) -> FakeDesktop:
    """The system's file opener, patched: nothing leaves the test."""
    from PySide6.QtGui import QDesktopServices

    fake = FakeDesktop()
    monkeypatch.setattr(QDesktopServices, "openUrl", fake.openUrl)
    return fake


def rows(model, parent=None) -> list[str]:
    from PySide6.QtCore import QModelIndex

    parent = parent or QModelIndex()
    return [model.index(n, 0, parent).data() for n in range(model.rowCount(parent))]


def click_text(qtbot, view, text: str) -> None:
    """Click on ``text`` in a text view, as a user does (a link there is followed)."""
    cursor = view.document().find(text)
    assert not cursor.isNull(), view.toPlainText()
    cursor.setPosition(cursor.selectionStart() + 1)
    view.ensureCursorVisible()
    point = view.cursorRect(cursor).center()
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=point)


def open_question(qtbot, window, question_id: str) -> None:
    with qtbot.waitSignal(window.placeShown, timeout=5000):
        window.places.open_question(question_id)


def follow(qtbot, window, link_text: str) -> str:
    """Click a link of the answer; the place it shows."""
    with qtbot.waitSignal(window.placeShown, timeout=5000) as shown:
        click_text(qtbot, window.answer.view, link_text)
    return shown.args[0]


def test_linked_pages_come_after_the_faq_in_the_tree_their_headings_as_rows(window) -> None:
    model = window.places.model
    assert rows(model) == [
        "FAQ du kit",
        "L'interface Producteur",
        "Vendre pour d'autres producteurs",
        "Le support",
        "Les livraisons",
        "L'aide du wiki",
    ]
    interface = model.index(1, 0)
    assert rows(model, interface) == ["L'onglet Utilisateurs", "Retour à la FAQ"]
    assert rows(model, model.index(0, 0, interface)) == ["Ajouter un utilisateur"]
    faq_font = model.index(0, 0).data(Qt.ItemDataRole.FontRole)
    assert faq_font.bold() and not interface.data(Qt.ItemDataRole.FontRole)
    assert "(page du wiki vers laquelle la FAQ renvoie)" in interface.data(
        Qt.ItemDataRole.ToolTipRole
    )
    assert rows(model, model.index(3, 0)) == []  # the support page: its text only
    assert not any("(sans réponse)" in r for r in rows(model, interface))


def test_a_section_link_lands_on_its_heading_and_back_and_forward_go_across_pages(
    qtbot, window
) -> None:
    open_question(qtbot, window, "faq:kit#comment_vendre_pour_un_autre_producteur")

    place = follow(qtbot, window, "documentation correspondante")

    assert place == f"q:{SELLING}#creer_un_compte_invite"
    view = window.answer.view
    assert view.toPlainText().startswith("Vendre pour d'autres producteurs")  # the whole page
    heading = view.document().find("Créer un compte invité")
    assert view.verticalScrollBar().value() > 0  # scrolled down to it …
    top = view.cursorRect(heading).top()
    assert 0 <= top < view.viewport().height() // 3  # … near the top of the pane
    assert window.windowTitle() == "Vendre pour d'autres producteurs"
    tree = window.places.tree
    assert tree.currentIndex().data() == "Créer un compte invité"  # shown in the tree too

    with qtbot.waitSignal(window.placeShown) as back:
        window.places.back_button.click()
    assert back.args == ["q:faq:kit#comment_vendre_pour_un_autre_producteur"]
    with qtbot.waitSignal(window.placeShown) as forward:
        window.places.forward_button.click()
    assert forward.args == [place]
    assert "Ouvrir sur le wiki" in view.toPlainText()


def test_a_document_opens_with_the_system_viewer_and_one_the_wiki_lacks_says_so(
    qtbot, window, desktop
) -> None:
    open_question(qtbot, window, "faq:kit#ou_trouver_le_guide")

    click_text(qtbot, window.answer.view, "le guide en PDF")

    stored = window.loaded.content.root / "media" / "faq" / "guide.pdf"
    assert [u.toLocalFile() for u in desktop.opened] == [str(stored.resolve())]

    with qtbot.waitSignal(window.places.rendered) as shown:
        window.places.open_question("faq:kit#ou_sont_les_notes_internes")
    assert 'class="mediafile wikilink2">le tableau des tarifs' in shown.args[0].html
    click_text(qtbot, window.answer.view, "le tableau des tarifs")
    box = window.answer.media_message
    assert isinstance(box, QMessageBox) and box.isVisible()
    assert box.text() == "Le wiki n'a pas ce fichier."
    assert len(desktop.opened) == 1  # nothing more was handed to the system
    box.close()


def test_a_page_not_held_offers_to_keep_it_offline_and_the_next_refresh_takes_it(
    qtbot, faq_home: Path, linked_wiki: DokuWiki
) -> None:
    window = open_window(qtbot, faq_home, linked_wiki.url)
    try:
        interface = window.loaded.library.page("cagette-pro:interface-producteur")
        with qtbot.waitSignal(window.placeShown):
            window.places.show(f"p:{interface.id}#{interface.title_anchor}")
        # Two links away from the FAQ: beyond the depth, so not held.
        view = window.answer.view
        link = view.document().find("les catalogues", view.document().find("voir"))
        link.setPosition(link.selectionStart() + 2)  # in the link, not the words before
        with qtbot.waitSignal(window.placeShown, timeout=5000) as shown:
            point = view.cursorRect(link).center()
            qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=point)
        assert shown.args == ["m:cagette-pro:catalogues#"]
        assert "Cette page n'est pas disponible hors ligne." in view.toPlainText()

        with qtbot.waitSignal(window.placeShown):
            click_text(qtbot, view, "Garder hors ligne")

        saved = json.loads((faq_home / "config" / "sources.json").read_text("utf-8"))
        assert saved["kept"] == ["cagette-pro:catalogues"]
        assert "Elle sera gardée hors ligne dès la prochaine mise à jour" in view.toPlainText()

        ctrl_r(qtbot, window)
        summary = summary_dialog(qtbot)
        assert "Les catalogues (nouvelle)" in summary.text()
        summary.close()
        qtbot.waitUntil(lambda: window.loaded.library.page("cagette-pro:catalogues") is not None)
        assert "Les catalogues" in rows(window.places.model)
        assert [w for w in QApplication.topLevelWidgets() if w.isVisible()] == [window]
    finally:
        window.refresh.shutdown()


@pytest.mark.parametrize(
    ("link", "page_id", "said"),
    [
        (
            "une page absente",
            "faq:absente",
            "À la dernière mise à jour, le wiki n'avait pas cette page.",
        ),
        (
            "les notes de l'équipe",
            "prive:interne",
            "À la dernière mise à jour, le wiki demandait de se connecter pour lire cette "
            "page : elle ne peut pas être gardée hors ligne.",
        ),
    ],
    ids=["missing", "denied"],
)
def test_a_page_the_wiki_refused_or_lacks_is_not_offered_to_keep_offline(
    qtbot, window, link: str, page_id: str, said: str
) -> None:
    open_question(qtbot, window, "faq:kit#ou_sont_les_notes_internes")

    assert follow(qtbot, window, link) == f"m:{page_id}#"

    text = window.answer.view.toPlainText()
    assert "Cette page n'est pas disponible hors ligne." in text
    assert said in text
    assert "Garder hors ligne" not in text
    assert "L'ouvrir sur le wiki" in text  # the wiki may have it, or a login, by now
