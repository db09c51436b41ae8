"""Contenu → "Mettre à jour depuis le wiki…" in the window: progress, cancel, outcome."""

from __future__ import annotations

import os
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import pytest

pytest.importorskip("pytestqt")

from reader.sync.sources import Sources, save_sources
from tests.sync.conftest import FAST, snapshot
from tests.sync.fake_wiki import FakeWiki


@pytest.fixture
def window(qtbot, faq_home: Path, fake_wiki: FakeWiki):
    from reader.ui.main_window import MainWindow
    from reader.ui.refresh_dialog import install_refresh
    from reader.ui.settings import Settings

    save_sources(faq_home / "config", Sources(fake_wiki.url, ("faq-kit-durgence", "faq:livraison")))
    window = MainWindow(Settings())
    qtbot.addWidget(window)
    controller = install_refresh(window, limits=FAST, quiet=True)
    with qtbot.waitSignal(window.contentLoaded, timeout=10_000):
        window.show()
    window.controller = controller
    yield window
    if controller.worker is not None:
        controller.worker.cancel()
        controller.worker.wait()


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


def test_preferences_add_a_page_by_pasting_its_url(qtbot, faq_home: Path) -> None:
    from reader.sync.sources import load_sources
    from reader.ui.preferences import WikiPreferences

    dialog = WikiPreferences(config_dir=faq_home / "config")
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
