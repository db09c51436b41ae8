"""Going back and forth between updates in the window, and a list of pages that would drop
pages of the content: asked first.

The user updates twice from the wiki, goes back (Contenu → "Revenir au contenu
précédent"), then brings the update back ("Rétablir la mise à jour annulée"); the two
entries are greyed out when they have nothing to do. In the wiki preferences, a list that
leaves out the FAQ's page names it and saves nothing unless the user says so.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QTextDocumentFragment

pytest.importorskip("pytestqt")

from PySide6.QtWidgets import QApplication, QDialogButtonBox, QMessageBox

from reader.sync.history import rollback
from tests.home import home_paths
from tests.sync.conftest import snapshot
from tests.sync.fake_wiki import FakeWiki
from tests.sync.test_refresh_window import (
    close_window,
    ctrl_r,
    open_window,
    press,
    refresh_and_close_the_summary,
    summary_dialog,
    visible_windows,
)

NEW = "Peut-on livrer un jour férié ?"
OK = QDialogButtonBox.StandardButton.Ok


@pytest.fixture(autouse=True)
def french(qapp):
    from PySide6.QtCore import QLocale

    from reader.ui.app import install_translators

    french = QLocale(QLocale.Language.French, QLocale.Country.France)
    install_translators(qapp, home_paths().resources, french)


@pytest.fixture
def window(qtbot, faq_home: Path, fake_wiki: FakeWiki):
    window = open_window(qtbot, faq_home, fake_wiki.url)
    yield window
    close_window(window)


def titles(window) -> set[str]:
    return {q.title for q in window.loaded.library.questions()}


def two_updates(qtbot, window, fake_wiki: FakeWiki) -> None:
    """Update, then update again once the wiki has a new question: one to go back from."""
    refresh_and_close_the_summary(qtbot, window)
    fake_wiki.pages["faq:livraison"] += f"\n==== {NEW} ====\n\nOui, sur rendez-vous.\n".encode()
    refresh_and_close_the_summary(qtbot, window)
    assert NEW in titles(window)


def entries(qtbot, window, back: bool, restore: bool) -> None:
    """Wait until the two entries are enabled as said (the history is read off the UI
    thread)."""
    actions = window.commands.actions
    qtbot.waitUntil(
        lambda: (actions.rollback.isEnabled(), actions.redo.isEnabled()) == (back, restore),
        timeout=5000,
    )


def test_going_back_then_restoring_the_update_undone(qtbot, window, fake_wiki) -> None:
    actions = window.commands.actions
    assert actions.redo.text().replace("&", "") == "Rétablir la mise à jour annulée"
    assert actions.redo in window.commands.menus["content"].actions()
    entries(qtbot, window, back=False, restore=False)  # nothing kept yet
    two_updates(qtbot, window, fake_wiki)
    entries(qtbot, window, back=True, restore=False)

    with qtbot.waitSignal(window.contentLoaded, timeout=10_000):
        actions.rollback.trigger()  # Contenu → Revenir au contenu précédent
    assert NEW not in titles(window)
    assert window.statusBar().currentMessage() == "Contenu précédent rétabli."
    entries(qtbot, window, back=False, restore=True)  # a second going back: greyed out

    with qtbot.waitSignal(window.contentLoaded, timeout=10_000):
        actions.redo.trigger()  # Contenu → Rétablir la mise à jour annulée
    assert NEW in titles(window)
    assert window.statusBar().currentMessage() == "Contenu de la mise à jour annulée rétabli."
    entries(qtbot, window, back=True, restore=False)
    assert visible_windows() == [window]


def undone_behind_the_window(qtbot, window, fake_wiki: FakeWiki, faq_home: Path) -> None:
    """Two updates, then ``faq-reader rollback`` in a terminal: the window still offers to
    go back, but there is nothing more to undo."""
    two_updates(qtbot, window, fake_wiki)
    entries(qtbot, window, back=True, restore=False)
    assert rollback(faq_home / "data")


def nothing_to_undo_box(qtbot) -> QMessageBox:
    qtbot.waitUntil(lambda: isinstance(QApplication.activeWindow(), QMessageBox), timeout=10_000)
    box = QApplication.activeWindow()
    assert box.windowTitle() == "Rien à annuler"
    assert box.text() == (
        "Rien de plus à annuler : le contenu d'avant la dernière mise à jour est déjà affiché."
    )
    return box


def test_going_back_with_nothing_more_to_undo_says_so_and_changes_nothing(
    qtbot, window, fake_wiki, faq_home
) -> None:
    undone_behind_the_window(qtbot, window, fake_wiki, faq_home)
    shown = window.loaded
    before = snapshot(faq_home / "data")

    window.commands.actions.rollback.trigger()
    box = nothing_to_undo_box(qtbot)
    assert box.defaultButton().text() == "Fermer"
    press(qtbot, Qt.Key.Key_Return)  # the default: close, nothing more

    qtbot.waitUntil(lambda: visible_windows() == [window], timeout=5000)
    entries(qtbot, window, back=False, restore=True)  # the entries follow the store now
    assert window.loaded is shown  # the window did not reload or change anything
    assert snapshot(faq_home / "data") == before


def test_nothing_more_to_undo_offers_to_restore_the_update_undone(
    qtbot, window, fake_wiki, faq_home
) -> None:
    undone_behind_the_window(qtbot, window, fake_wiki, faq_home)
    window.commands.actions.rollback.trigger()
    box = nothing_to_undo_box(qtbot)
    restore = next(b for b in box.buttons() if b.text() == "Rétablir la mise à jour annulée")

    with qtbot.waitSignal(window.contentLoaded, timeout=10_000):
        qtbot.mouseClick(restore, Qt.MouseButton.LeftButton)

    assert NEW in titles(window)
    entries(qtbot, window, back=True, restore=False)


# -- the wiki preferences ----------------------------------------------------------------
def open_preferences(qtbot, window):
    window.commands.actions.wiki_preferences.trigger()  # Contenu → Préférences du wiki…
    dialog = window.refresh.preferences
    qtbot.waitUntil(lambda: QApplication.activeWindow() is dialog, timeout=5000)
    return dialog


def remove_the_faq_page(qtbot, dialog) -> None:
    """Click the FAQ's page in the list, then "Retirer": faq:livraison is left."""
    item = dialog.pages_list.findItems("faq-kit-durgence", Qt.MatchFlag.MatchExactly)[0]
    point = dialog.pages_list.visualItemRect(item).center()
    qtbot.mouseClick(dialog.pages_list.viewport(), Qt.MouseButton.LeftButton, pos=point)
    qtbot.mouseClick(dialog.remove_button, Qt.MouseButton.LeftButton)
    assert dialog.pages() == ["faq:livraison"]


def test_a_page_list_that_drops_the_faq_is_asked_about_and_cancel_keeps_it(
    qtbot, window, faq_home: Path
) -> None:
    saved = (faq_home / "config" / "sources.json").read_bytes()
    faq_title = window.loaded.library.page("faq-kit-durgence").title
    dialog = open_preferences(qtbot, window)
    remove_the_faq_page(qtbot, dialog)

    qtbot.mouseClick(dialog.findChild(QDialogButtonBox).button(OK), Qt.MouseButton.LeftButton)

    box = dialog.question
    assert isinstance(box, QMessageBox)
    qtbot.waitUntil(lambda: QApplication.activeWindow() is box, timeout=5000)
    assert box.windowTitle() == "Retirer une page du contenu ?"
    text = QTextDocumentFragment.fromHtml(box.text()).toPlainText()
    assert text.startswith("Cette page n'est plus dans la liste ; la prochaine mise à jour")
    assert f"\n{faq_title}\n" in text  # named by its title, on a line of its own
    assert text.endswith("Enregistrer quand même cette liste ?")
    assert box.defaultButton().text() == "Annuler"
    press(qtbot, Qt.Key.Key_Return)  # the default

    qtbot.waitUntil(lambda: QApplication.activeWindow() is dialog, timeout=5000)
    assert dialog.isVisible() and dialog.pages() == ["faq:livraison"]  # still to correct
    assert (faq_home / "config" / "sources.json").read_bytes() == saved
    press(qtbot, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: visible_windows() == [window], timeout=5000)
    assert (faq_home / "config" / "sources.json").read_bytes() == saved


def test_a_page_list_that_drops_the_faq_is_saved_once_confirmed(
    qtbot, window, faq_home: Path, fake_wiki: FakeWiki
) -> None:
    dialog = open_preferences(qtbot, window)
    remove_the_faq_page(qtbot, dialog)
    qtbot.mouseClick(dialog.findChild(QDialogButtonBox).button(OK), Qt.MouseButton.LeftButton)
    box = dialog.question
    qtbot.waitUntil(lambda: QApplication.activeWindow() is box, timeout=5000)
    remove = next(b for b in box.buttons() if b.text() == "La retirer")

    qtbot.mouseClick(remove, Qt.MouseButton.LeftButton)

    qtbot.waitUntil(lambda: visible_windows() == [window], timeout=5000)
    saved = json.loads((faq_home / "config" / "sources.json").read_text("utf-8"))
    assert saved["pages"] == ["faq:livraison"]
    # The next update does what was confirmed: the FAQ's page goes.
    refresh_and_close_the_summary(qtbot, window)
    assert window.loaded.library.page("faq-kit-durgence") is None


def test_a_page_list_that_keeps_every_page_is_saved_without_a_question(
    qtbot, window, faq_home: Path
) -> None:
    dialog = open_preferences(qtbot, window)
    dialog.page_edit.setFocus()
    qtbot.keyClicks(dialog.page_edit, "faq:paiement")
    qtbot.keyClick(dialog.page_edit, Qt.Key.Key_Return)

    qtbot.mouseClick(dialog.findChild(QDialogButtonBox).button(OK), Qt.MouseButton.LeftButton)

    qtbot.waitUntil(lambda: visible_windows() == [window], timeout=5000)
    assert dialog.question is None
    saved = json.loads((faq_home / "config" / "sources.json").read_text("utf-8"))
    assert saved["pages"] == ["faq-kit-durgence", "faq:livraison", "faq:paiement"]


# -- a saved list of pages that cannot be read ------------------------------------------------
def test_a_setting_of_the_saved_sources_that_cannot_be_used_is_told_in_the_summary(
    qtbot, window, faq_home: Path, fake_wiki: FakeWiki
) -> None:
    path = faq_home / "config" / "sources.json"
    raw = json.loads(path.read_text("utf-8"))
    path.write_text(json.dumps({**raw, "depth": "deux"}), "utf-8")

    ctrl_r(qtbot, window)
    summary = summary_dialog(qtbot)

    assert summary.details_button.isVisible()
    qtbot.mouseClick(summary.details_button, Qt.MouseButton.LeftButton)
    assert "réglage(s) depth de" in summary.details.toPlainText()
    assert "la valeur par défaut est utilisée" in summary.details.toPlainText()
    press(qtbot, Qt.Key.Key_Escape)

    # Told once: the next update, with the same file, does not tell it again.
    ctrl_r(qtbot, window)
    summary = summary_dialog(qtbot)
    assert not summary.details_button.isVisible()
    press(qtbot, Qt.Key.Key_Escape)


def test_an_unreadable_saved_list_of_pages_is_told_in_the_preferences(
    qtbot, window, faq_home: Path
) -> None:
    path = faq_home / "config" / "sources.json"
    path.write_bytes(b"\x00{ pas du json")

    dialog = open_preferences(qtbot, window)

    assert dialog.sources_warning.isVisible()
    assert "est illisible" in dialog.sources_warning.text()
    assert dialog.pages() == ["faq-kit-durgence"]  # the bundled ones, meanwhile
    press(qtbot, Qt.Key.Key_Escape)
    assert path.read_bytes() == b"\x00{ pas du json"  # not replaced behind the user's back
