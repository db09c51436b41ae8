"""Contenu → "Mettre à jour depuis le wiki…" in the window: progress, cancel, outcome."""

from __future__ import annotations

import os
from datetime import UTC, datetime
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import pytest
from PySide6.QtCore import Qt

pytest.importorskip("pytestqt")

from reader.sync.sources import Sources, save_sources
from tests.home import home_paths, new_window
from tests.sync.conftest import FAST, DokuWiki, snapshot
from tests.sync.fake_wiki import FakeWiki


@pytest.fixture(autouse=True)
def french(qapp):
    """The interface in French, as on the users' machines."""
    from PySide6.QtCore import QLocale

    from reader.ui.app import install_translators

    install_translators(qapp, QLocale(QLocale.Language.French, QLocale.Country.France))


def open_window(qtbot, faq_home: Path, wiki_url: str):
    """The window as the app opens it, set to refresh the bundled page and faq:livraison
    from ``wiki_url``."""
    from reader.ui.refresh_dialog import install_refresh

    save_sources(faq_home / "config", Sources(wiki_url, ("faq-kit-durgence", "faq:livraison")))
    window = new_window()
    qtbot.addWidget(window)
    controller = install_refresh(window, limits=FAST, quiet=True)
    with qtbot.waitSignal(window.contentLoaded, timeout=10_000):
        window.show()
    window.controller = controller
    return window


def close_window(window) -> None:
    if window.controller.worker is not None:
        window.controller.worker.cancel()
        window.controller.worker.wait()


@pytest.fixture
def window(qtbot, faq_home: Path, fake_wiki: FakeWiki):
    window = open_window(qtbot, faq_home, fake_wiki.url)
    yield window
    close_window(window)


def test_ctrl_r_refreshes_and_the_tree_shows_the_new_page(qtbot, window, faq_home) -> None:
    from PySide6.QtGui import QKeySequence

    assert QKeySequence("Ctrl+R") in window.commands.refresh.shortcuts()
    with qtbot.waitSignal(window.contentLoaded, timeout=20_000):
        window.commands.refresh.trigger()
    assert window.loaded.origin == "user"
    assert window.loaded.library.page("faq:livraison") is not None
    assert "faq:livraison : page ajoutée" in window.controller.last_message


def test_a_failed_refresh_says_so_in_one_sentence_and_keeps_the_content(
    qtbot, window, fake_wiki: FakeWiki, faq_home: Path
) -> None:
    fake_wiki.faults["faq:livraison"] = "500"
    before = snapshot(faq_home / "data")
    shown = window.loaded
    window.request_refresh()
    qtbot.waitUntil(lambda: window.controller.worker is None, timeout=20_000)
    assert window.controller.last_message.startswith("Mise à jour impossible")
    assert "Le contenu actuel est conservé." in window.controller.last_message
    assert window.loaded is shown
    assert snapshot(faq_home / "data") == before


def test_cancel_in_the_dialog_stops_the_refresh_with_nothing_changed(
    qtbot, window, fake_wiki: FakeWiki, faq_home: Path
) -> None:
    fake_wiki.faults["faq:livraison"] = "stall"
    window.request_refresh()
    dialog = window.controller.dialog
    assert dialog is not None and dialog.isVisible()
    assert fake_wiki.stalled.wait(20)
    qtbot.waitUntil(lambda: "Page 2 sur 2" in dialog.step_label.text(), timeout=5_000)
    dialog.cancel()
    qtbot.waitUntil(lambda: window.controller.worker is None, timeout=5_000)
    assert "annulée" in window.controller.last_message
    assert snapshot(faq_home / "data") == {}


MONTHS = "janvier février mars avril mai juin juillet août septembre octobre novembre décembre"


def french_date(iso: str) -> str:
    """How a French reader sees an ISO 8601 UTC moment: "28 novembre 2026"."""
    moment = datetime.fromisoformat(iso)
    return f"{moment.day} {MONTHS.split()[moment.month - 1]} {moment.year}"


def open_first_answer(qtbot, window, page_id: str) -> str:
    """Open the page's first question in the tree; the answer pane's text."""
    page = window.loaded.library.page(page_id)
    question = next(page.questions())
    with qtbot.waitSignal(window.placeShown):
        window.tree.setCurrentIndex(window.tree_model.index_for(question.id))
    return window.answer.toPlainText()


@pytest.mark.dokuwiki
def test_after_a_refresh_the_answer_and_the_status_bar_give_the_wikis_date(
    qtbot, faq_home: Path, dokuwiki: DokuWiki
) -> None:
    window = open_window(qtbot, faq_home, dokuwiki.url)
    try:
        with qtbot.waitSignal(window.contentLoaded, timeout=20_000):
            window.commands.refresh.trigger()
        revision = dokuwiki.revision("faq:livraison")
        day = french_date(datetime.fromtimestamp(revision, UTC).isoformat())

        footer = open_first_answer(qtbot, window, "faq:livraison").splitlines()[-1]

        assert f"Contenu du {day}" in footer and f"révision {revision}" in footer
        assert "Téléchargé" not in footer
        assert f"du {day}" in window.source_label.text()
    finally:
        close_window(window)


def test_without_the_wikis_date_the_answer_says_when_it_was_downloaded(qtbot, window) -> None:
    # The fake wiki's feed is turned off: the refreshed page has no date from the wiki.
    with qtbot.waitSignal(window.contentLoaded, timeout=20_000):
        window.commands.refresh.trigger()
    fetched = window.loaded.library.page("faq:livraison").source.fetched
    assert fetched

    footer = open_first_answer(qtbot, window, "faq:livraison").splitlines()[-1]

    assert f"Téléchargé le {french_date(fetched)}" in footer
    assert "Contenu du" not in footer and "révision" not in footer
    assert f"téléchargé le {french_date(fetched)}" in window.source_label.text()
    # The bundled page, unchanged, still says how old its text is.
    assert "Contenu du 8 avril 2020" in open_first_answer(qtbot, window, "faq-kit-durgence")


def test_preferences_add_a_page_by_pasting_its_url(qtbot, faq_home: Path) -> None:
    from reader.sync.sources import load_sources
    from reader.ui.preferences import WikiPreferences

    dialog = WikiPreferences(None, home_paths())
    qtbot.addWidget(dialog)
    assert dialog.pages() == ["faq-kit-durgence"]
    dialog.wiki_edit.setText("http://127.0.0.1:9/faq-kit-durgence")
    dialog.page_edit.setText("http://127.0.0.1:9/doku.php?id=FAQ:Livraison")
    dialog.add_page()
    dialog.page_edit.setText("https://")
    dialog.add_page()
    assert dialog.error_label.text()
    dialog.accept()
    from reader.paths import resources_dir

    assert load_sources(faq_home / "config", resources_dir()) == Sources(
        "http://127.0.0.1:9/", ("faq-kit-durgence", "faq:livraison")
    )


def test_new_questions_are_marked_in_the_tree_until_opened(qtbot, window, faq_home) -> None:
    from reader.sync.changes import load_marks
    from reader.ui.tree_model import MARK_ROLE

    with qtbot.waitSignal(window.contentLoaded, timeout=20_000):
        window.commands.refresh.trigger()
    marks = load_marks(faq_home / "data")
    new = [i for i, mark in marks.items() if mark == "new" and i.startswith("faq:livraison#")]
    assert new, marks
    index = window.tree_model.index_for(new[0])
    assert index.data(MARK_ROLE) == "new"
    assert index.data().endswith("(nouveau)")
    assert "(nouveau)" in index.data(Qt.ItemDataRole.AccessibleTextRole)
    assert index.data(Qt.ItemDataRole.FontRole).bold()
    assert not index.data(Qt.ItemDataRole.DecorationRole).isNull()  # the coloured dot

    with qtbot.waitSignal(window.placeShown) as shown:
        window.tree.setCurrentIndex(index)
    assert shown.args == [f"q:{new[0]}"]
    index = window.tree_model.index_for(new[0])
    assert index.data(MARK_ROLE) == ""
    assert "(nouveau)" not in index.data()
    assert new[0] not in load_marks(faq_home / "data")
    assert new[1] in load_marks(faq_home / "data")  # the others keep theirs

    # Still marked at the next start, until opened.

    again = new_window()
    qtbot.addWidget(again)
    with qtbot.waitSignal(again.contentLoaded, timeout=10_000):
        again.show()
    assert again.tree_model.index_for(new[1]).data(MARK_ROLE) == "new"
    assert again.tree_model.index_for(new[0]).data(MARK_ROLE) == ""


def test_an_english_system_shows_the_refresh_dialog_in_english(qtbot, qapp) -> None:
    from PySide6.QtCore import QLocale

    from reader.sync.progress import Progress
    from reader.ui.app import install_translators
    from reader.ui.refresh_dialog import RefreshDialog
    from reader.ui.refresh_worker import RefreshWorker

    worker = RefreshWorker(Sources("http://127.0.0.1:9/", ("faq-kit-durgence",)), home_paths())
    install_translators(qapp, QLocale(QLocale.Language.English, QLocale.Country.UnitedStates))
    try:
        dialog = RefreshDialog(worker)
        qtbot.addWidget(dialog)
        assert dialog.windowTitle() == "Update from the wiki"
        assert dialog.step_label.text() == "Connecting to the wiki…"
        assert dialog.buttons.buttons()[0].text() == "Cancel"
        dialog.show_progress(Progress("page", 1, 2, "faq:livraison", 2048))
        assert dialog.step_label.text() == "Page 1 of 2: faq:livraison"
        assert dialog.bytes_label.text() == "2 KB received"
        dialog.show_progress(Progress("check", 0, 0, "", 2048))
        assert dialog.step_label.text() == "Checking the content…"
    finally:
        install_translators(qapp, QLocale(QLocale.Language.French))
    french = RefreshDialog(worker)
    qtbot.addWidget(french)
    assert french.windowTitle() == "Mise à jour depuis le wiki"
    assert french.bytes_label.text() == "0 octets reçus"
