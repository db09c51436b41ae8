"""Contenu → "Mettre à jour depuis le wiki…" in the window: progress, cancel, outcome.

The user presses Ctrl+R (or clicks), watches the progress dialog, and ends with Close,
Enter or Escape on the summary (or clicks a new question's title in it), or OK on the
failure's message, or cancels; whatever the ending, only the main window remains.
"""

from __future__ import annotations

import os
from datetime import UTC, datetime
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import pytest
from PySide6.QtCore import Qt

pytest.importorskip("pytestqt")

from PySide6.QtWidgets import QApplication, QMessageBox

from reader.sync.sources import Sources, save_sources
from tests.bundled import bundled_faq
from tests.home import home_paths, new_window
from tests.sync.conftest import FAST, DokuWiki, snapshot
from tests.sync.fake_wiki import FakeWiki


@pytest.fixture(autouse=True)
def french(qapp):
    """The interface in French, as on the users' machines."""
    from PySide6.QtCore import QLocale

    from reader.ui.language import install_translators

    french = QLocale(QLocale.Language.French, QLocale.Country.France)
    install_translators(qapp, home_paths().resources, french)


def open_window(qtbot, faq_home: Path, wiki_url: str):
    """The window as the app opens it, set to refresh the bundled page and faq:livraison
    from ``wiki_url``, once its refresh part is there."""
    from reader.ui.refresh.controller import RefreshController

    save_sources(faq_home / "config", Sources(wiki_url, ("faq-kit-durgence", "faq:livraison")))
    window = new_window(refresh=RefreshController(home_paths(), limits=FAST))
    qtbot.addWidget(window)
    with qtbot.waitSignal(window.refreshReady, timeout=10_000):
        window.show()
    return window


def close_window(window) -> None:
    if window.refresh is not None:
        window.refresh.shutdown()


@pytest.fixture
def window(qtbot, faq_home: Path, fake_wiki: FakeWiki):
    window = open_window(qtbot, faq_home, fake_wiki.url)
    yield window
    close_window(window)


# -- driving it like a user ----------------------------------------------------------------
def visible_windows() -> list:
    return [w for w in QApplication.topLevelWidgets() if w.isVisible()]


def press(qtbot, key, modifier=Qt.KeyboardModifier.NoModifier) -> None:
    """A key as the keyboard sends it: to the focused widget of the active window."""
    target = QApplication.focusWidget() or QApplication.activeWindow()
    assert target is not None, "no window has the keyboard"
    qtbot.keyClick(target, key, modifier)


def ctrl_r(qtbot, window) -> None:
    """Ctrl+R in the main window: a refresh starts."""
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow, timeout=2000)
    press(qtbot, Qt.Key.Key_R, Qt.KeyboardModifier.ControlModifier)
    assert window.refresh.running


def dialog_has_the_keyboard(qtbot, window):
    """The progress dialog, once it is the active window (a stalled refresh keeps it)."""
    dialog = progress_dialog(window)
    qtbot.waitUntil(lambda: QApplication.activeWindow() is dialog, timeout=5000)
    return dialog


def failure_box(qtbot) -> QMessageBox:
    """The message box that tells why the refresh failed, once it has the keyboard."""
    qtbot.waitUntil(lambda: isinstance(QApplication.activeWindow(), QMessageBox), timeout=20_000)
    box = QApplication.activeWindow()
    assert isinstance(box, QMessageBox)
    return box


def summary_dialog(qtbot):
    """The summary of what the refresh changed, once it has the keyboard."""
    from reader.ui.refresh.summary import SummaryDialog

    qtbot.waitUntil(lambda: isinstance(QApplication.activeWindow(), SummaryDialog), timeout=20_000)
    return QApplication.activeWindow()


def progress_dialog(window):
    from reader.ui.refresh.dialog import RefreshDialog

    dialogs = [d for d in window.findChildren(RefreshDialog) if d.isVisible()]
    assert len(dialogs) == 1, dialogs
    return dialogs[0]


def only_the_main_window_remains(qtbot, window) -> None:
    from reader.ui.refresh.dialog import RefreshDialog
    from reader.ui.refresh.summary import SummaryDialog

    qtbot.waitUntil(lambda: visible_windows() == [window], timeout=5000)
    # Closed for good, not hidden: nothing piles up behind the window.
    qtbot.waitUntil(lambda: not window.findChildren(RefreshDialog), timeout=5000)
    qtbot.waitUntil(lambda: not window.findChildren(QMessageBox), timeout=5000)
    qtbot.waitUntil(lambda: not window.findChildren(SummaryDialog), timeout=5000)
    assert not window.refresh.running
    # The keyboard is back in the window (a bare X session gives it back to nobody).
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window, timeout=5000)


# -- each ending, with the keyboard and with the mouse ----------------------------------------
@pytest.mark.parametrize("key", [Qt.Key.Key_Return, Qt.Key.Key_Escape], ids=["enter", "escape"])
def test_after_a_refresh_the_summary_closes_with_a_key_and_only_the_window_remains(
    qtbot, window, key
) -> None:
    ctrl_r(qtbot, window)
    summary = summary_dialog(qtbot)
    assert summary.windowTitle() == "Mise à jour terminée"
    assert "FAQ Livraison (nouvelle page)" in summary.text()
    press(qtbot, key)
    only_the_main_window_remains(qtbot, window)
    assert window.loaded.library.page("faq:livraison") is not None


def test_after_a_refresh_close_clicked_leaves_only_the_window(qtbot, window) -> None:
    window.commands.actions.refresh.trigger()  # Contenu → Mettre à jour depuis le wiki…
    summary = summary_dialog(qtbot)
    assert summary.close_button.text() == "Fermer"
    qtbot.mouseClick(summary.close_button, Qt.MouseButton.LeftButton)
    only_the_main_window_remains(qtbot, window)


@pytest.mark.parametrize("key", [Qt.Key.Key_Return, Qt.Key.Key_Escape], ids=["enter", "escape"])
def test_a_failed_refresh_says_so_once_and_closes_with_a_key(
    qtbot, window, fake_wiki: FakeWiki, faq_home: Path, key
) -> None:
    fake_wiki.faults["faq:livraison"] = "500"
    before = snapshot(faq_home / "data")
    shown = window.loaded
    ctrl_r(qtbot, window)
    box = failure_box(qtbot)
    assert box.windowTitle() == "Mise à jour impossible"
    assert box.text().startswith("Mise à jour impossible")
    assert "Le contenu actuel est conservé." in box.text()
    press(qtbot, key)
    only_the_main_window_remains(qtbot, window)
    assert window.loaded is shown
    assert snapshot(faq_home / "data") == before


def test_a_failed_refresh_ok_clicked_leaves_only_the_window(
    qtbot, window, fake_wiki: FakeWiki
) -> None:
    fake_wiki.faults["faq:livraison"] = "404"
    window.commands.actions.refresh.trigger()
    box = failure_box(qtbot)
    qtbot.mouseClick(box.button(QMessageBox.StandardButton.Ok), Qt.MouseButton.LeftButton)
    only_the_main_window_remains(qtbot, window)


def test_escape_cancels_the_refresh_with_nothing_changed(
    qtbot, window, fake_wiki: FakeWiki, faq_home: Path
) -> None:
    fake_wiki.faults["faq:livraison"] = "stall"
    ctrl_r(qtbot, window)
    dialog = dialog_has_the_keyboard(qtbot, window)
    assert fake_wiki.stalled.wait(20)
    qtbot.waitUntil(lambda: "Page 2 sur 2" in dialog.step_label.text(), timeout=5_000)
    with qtbot.waitSignal(window.refresh.ended, timeout=5_000) as ended:
        press(qtbot, Qt.Key.Key_Escape)
    assert ended.args[0] == "cancel"
    only_the_main_window_remains(qtbot, window)
    assert "annulée" in window.statusBar().currentMessage()
    assert snapshot(faq_home / "data") == {}


def test_cancel_clicked_stops_the_refresh_and_closes_its_dialog(
    qtbot, window, fake_wiki: FakeWiki, faq_home: Path
) -> None:
    fake_wiki.faults["faq:livraison"] = "stall"
    window.commands.actions.refresh.trigger()
    dialog = progress_dialog(window)
    assert fake_wiki.stalled.wait(20)
    assert dialog.cancel_button.text() == "Annuler"
    with qtbot.waitSignal(window.refresh.ended, timeout=5_000) as ended:
        qtbot.mouseClick(dialog.cancel_button, Qt.MouseButton.LeftButton)
    assert ended.args[0] == "cancel"
    only_the_main_window_remains(qtbot, window)
    assert snapshot(faq_home / "data") == {}


def test_refreshes_one_after_another_do_not_pile_up_dialogs(
    qtbot, window, fake_wiki: FakeWiki
) -> None:
    for _ in range(2):  # the second finds nothing new
        ctrl_r(qtbot, window)
        summary_dialog(qtbot)
        press(qtbot, Qt.Key.Key_Return)
        only_the_main_window_remains(qtbot, window)
    fake_wiki.faults["faq:livraison"] = "stall"
    ctrl_r(qtbot, window)
    assert fake_wiki.stalled.wait(20)
    ctrl_r(qtbot, window)  # again while it runs: the same dialog comes forward
    dialog_has_the_keyboard(qtbot, window)
    press(qtbot, Qt.Key.Key_Escape)
    only_the_main_window_remains(qtbot, window)


# -- the summary: titles to click, warnings told once -------------------------------------------
NEW_QUESTION = "Quels modes de livraison sont possibles ?"


def click_title(qtbot, summary, title: str) -> None:
    """Click a question's title in the summary, as a user does."""
    cursor = summary.view.document().find(title)
    assert not cursor.isNull(), summary.text()
    cursor.setPosition(cursor.selectionStart() + 2)
    point = summary.view.cursorRect(cursor).center()
    qtbot.mouseClick(summary.view.viewport(), Qt.MouseButton.LeftButton, pos=point)


def test_the_summary_names_the_new_questions_and_a_click_opens_one(qtbot, window) -> None:
    ctrl_r(qtbot, window)
    summary = summary_dialog(qtbot)
    text = summary.text()
    assert text.startswith(
        "Contenu mis à jour : 3 nouvelles questions, 3 pages liées nouvelles ou modifiées."
    )
    assert "FAQ Livraison (nouvelle page)" in text
    assert "L'interface Producteur (nouvelle)" in text  # a page the FAQ links to
    assert NEW_QUESTION in text
    bundled = window.loaded.library.page("faq-kit-durgence").title
    assert f"Inchangées : {bundled}" in text
    assert "faq:livraison" not in text and "faq-kit-durgence" not in text  # titles, not ids
    assert not summary.details_button.isVisible()  # no warning: nothing folded

    with qtbot.waitSignal(window.placeShown, timeout=5000) as shown:
        click_title(qtbot, summary, NEW_QUESTION)

    question = next(q for q in window.loaded.library.questions() if q.title == NEW_QUESTION)
    assert shown.args == [f"q:{question.id}"]
    assert "Le point de retrait et la livraison à domicile." in window.answer.view.toPlainText()
    only_the_main_window_remains(qtbot, window)  # the summary closed: the answer is read


def test_the_keyboard_opens_a_title_of_the_summary(qtbot, window) -> None:
    ctrl_r(qtbot, window)
    summary = summary_dialog(qtbot)
    assert summary.close_button.hasFocus()
    press(qtbot, Qt.Key.Key_Tab)  # into the list of changes
    press(qtbot, Qt.Key.Key_Tab)  # its first title
    assert summary.view.hasFocus()
    with qtbot.waitSignal(window.placeShown, timeout=5000) as shown:
        press(qtbot, Qt.Key.Key_Return)
    assert shown.args[0].startswith("q:faq:livraison#")
    only_the_main_window_remains(qtbot, window)


def test_a_warning_is_folded_in_the_details_and_not_told_again(
    qtbot, window, fake_wiki: FakeWiki
) -> None:
    del fake_wiki.media["faq:logo.png"]  # an image the page uses is gone from the wiki
    ctrl_r(qtbot, window)
    summary = summary_dialog(qtbot)
    assert "logo" not in summary.text()  # not in the summary itself
    assert summary.details_button.isVisible() and not summary.details.isVisible()
    assert summary.details_button.text().replace("&", "") == "Détails (1 avertissement)"
    qtbot.mouseClick(summary.details_button, Qt.MouseButton.LeftButton)
    assert summary.details.isVisible()
    assert summary.details.toPlainText() == (
        "image « faq:logo.png » (page « faq:livraison ») : image absente du wiki ; "
        "la réponse montre sa légende à la place"
    )
    press(qtbot, Qt.Key.Key_Escape)
    only_the_main_window_remains(qtbot, window)

    # The next refresh meets the same missing image: old news, not told again.
    fake_wiki.pages["faq:livraison"] += (
        "\n==== Peut-on livrer un jour férié ? ====\n\nOui.\n".encode()
    )
    ctrl_r(qtbot, window)
    summary = summary_dialog(qtbot)
    assert "Peut-on livrer un jour férié ?" in summary.text()
    assert "1 nouvelle question" in summary.text()
    assert not summary.details_button.isVisible()
    press(qtbot, Qt.Key.Key_Return)
    only_the_main_window_remains(qtbot, window)


FRESH_START = r"""
import sys
import reader.cli
from reader.logs import hold_early_records
hold_early_records()
from PySide6.QtCore import QTimer
from reader.paths import Paths
from reader.ui.app import create_application, create_window
paths = Paths.from_environment()
app = create_application([], paths)
window = create_window(app, paths)
def start():
    window.refresh.ended.connect(lambda how, message: (print(how, message), app.quit()))
    window.commands.actions.refresh.trigger()
window.refreshReady.connect(lambda: QTimer.singleShot(0, start))
QTimer.singleShot(60_000, app.quit)
app.exec()
"""


def test_a_refresh_right_after_the_start_works_in_a_fresh_process(
    faq_home: Path, fake_wiki: FakeWiki
) -> None:
    """Started as the command starts it, the window refreshes at once (the search thread
    imports its index meanwhile, and must not take the HTTP layer's modules from it)."""
    import subprocess
    import sys

    save_sources(faq_home / "config", Sources(fake_wiki.url, ("faq:livraison",)))
    environment = dict(os.environ, QT_QPA_PLATFORM="offscreen", FAQ_READER_HOME=str(faq_home))
    done = subprocess.run(
        [sys.executable, "-c", FRESH_START],
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("success faq:livraison : page ajoutée"), done.stdout + done.stderr


# -- what the window shows after a refresh ----------------------------------------------------
def refresh_and_close_the_summary(qtbot, window) -> None:
    """Ctrl+R, wait for the new content, Enter on the summary."""
    with qtbot.waitSignal(window.contentLoaded, timeout=20_000):
        ctrl_r(qtbot, window)
    summary_dialog(qtbot)
    press(qtbot, Qt.Key.Key_Return)
    only_the_main_window_remains(qtbot, window)


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
        window.places.tree.setCurrentIndex(window.places.model.index_for(question.id))
    return window.answer.view.toPlainText()


@pytest.mark.dokuwiki
def test_after_a_refresh_the_answer_and_the_status_bar_give_the_wikis_date(
    qtbot, faq_home: Path, dokuwiki: DokuWiki
) -> None:
    window = open_window(qtbot, faq_home, dokuwiki.url)
    try:
        refresh_and_close_the_summary(qtbot, window)
        revision = dokuwiki.revision("faq:livraison")
        day = french_date(datetime.fromtimestamp(revision, UTC).isoformat())

        footer = open_first_answer(qtbot, window, "faq:livraison").splitlines()[-1]

        assert f"Contenu du {day}" in footer and f"révision {revision}" in footer
        assert "Téléchargé" not in footer
        assert f"du {day}" in window.status.source_label.text()
    finally:
        close_window(window)


def test_without_the_wikis_date_the_answer_says_when_it_was_downloaded(qtbot, window) -> None:
    # The fake wiki's feed is turned off: the refreshed page has no date from the wiki.
    refresh_and_close_the_summary(qtbot, window)
    fetched = window.loaded.library.page("faq:livraison").source.fetched
    assert fetched

    footer = open_first_answer(qtbot, window, "faq:livraison").splitlines()[-1]

    assert f"Téléchargé le {french_date(fetched)}" in footer
    assert "Contenu du" not in footer and "révision" not in footer
    assert f"téléchargé le {french_date(fetched)}" in window.status.source_label.text()
    # The bundled page, unchanged, still says how old its text is.
    bundled_answer = open_first_answer(qtbot, window, "faq-kit-durgence")
    assert f"Contenu du {bundled_faq().day_fr}" in bundled_answer


def test_going_back_to_the_content_before_the_last_refresh(
    qtbot, window, fake_wiki: FakeWiki
) -> None:
    def titles() -> set[str]:
        return {q.title for q in window.loaded.library.questions()}

    refresh_and_close_the_summary(qtbot, window)
    new = "Peut-on livrer un jour férié ?"
    fake_wiki.pages["faq:livraison"] += f"\n==== {new} ====\n\nOui, sur rendez-vous.\n".encode()
    refresh_and_close_the_summary(qtbot, window)
    assert new in titles()

    with qtbot.waitSignal(window.contentLoaded, timeout=10_000):
        window.commands.actions.rollback.trigger()  # Contenu → Revenir au contenu précédent
    assert new not in titles()
    assert window.loaded.library.page("faq:livraison") is not None
    assert window.statusBar().currentMessage() == "Contenu précédent rétabli."
    assert visible_windows() == [window]


def test_preferences_add_a_page_by_pasting_its_url(qtbot, faq_home: Path) -> None:
    from reader.paths import resources_dir
    from reader.sync.sources import load_sources
    from reader.ui.refresh.preferences import WikiPreferences

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

    assert load_sources(faq_home / "config", resources_dir()) == Sources(
        "http://127.0.0.1:9/", ("faq-kit-durgence", "faq:livraison")
    )


def test_new_questions_are_marked_in_the_tree_until_opened(qtbot, window, faq_home) -> None:
    from reader.sync.changes import load_marks
    from reader.ui.places.tree_model import MARK_ROLE

    refresh_and_close_the_summary(qtbot, window)
    marks = load_marks(faq_home / "data")
    new = [i for i, mark in marks.items() if mark == "new" and i.startswith("faq:livraison#")]
    assert new, marks
    model = window.places.model
    index = model.index_for(new[0])
    assert index.data(MARK_ROLE) == "new"
    assert index.data().endswith("(nouveau)")
    assert "(nouveau)" in index.data(Qt.ItemDataRole.AccessibleTextRole)
    assert index.data(Qt.ItemDataRole.FontRole).bold()
    assert not index.data(Qt.ItemDataRole.DecorationRole).isNull()  # the coloured dot

    with qtbot.waitSignal(window.placeShown) as shown:
        window.places.tree.setCurrentIndex(index)
    assert shown.args == [f"q:{new[0]}"]
    index = model.index_for(new[0])
    qtbot.waitUntil(lambda: index.data(MARK_ROLE) == "", timeout=2000)  # once the event is over
    assert "(nouveau)" not in index.data()
    assert new[0] not in load_marks(faq_home / "data")
    assert new[1] in load_marks(faq_home / "data")  # the others keep theirs

    # Still marked at the next start, until opened.
    again = new_window()
    qtbot.addWidget(again)
    with qtbot.waitSignal(again.contentLoaded, timeout=10_000):
        again.show()
    assert again.places.model.index_for(new[1]).data(MARK_ROLE) == "new"
    assert again.places.model.index_for(new[0]).data(MARK_ROLE) == ""


def test_an_english_system_shows_the_refresh_dialog_in_english(qtbot, qapp) -> None:
    from PySide6.QtCore import QLocale

    from reader.sync.progress import Progress
    from reader.ui.language import install_translators
    from reader.ui.refresh.dialog import RefreshDialog

    resources = home_paths().resources
    english = QLocale(QLocale.Language.English, QLocale.Country.UnitedStates)
    install_translators(qapp, resources, english)
    try:
        dialog = RefreshDialog(2)
        qtbot.addWidget(dialog)
        assert dialog.windowTitle() == "Update from the wiki"
        assert dialog.step_label.text() == "Connecting to the wiki…"
        assert dialog.cancel_button.text() == "Cancel"
        dialog.show_progress(Progress("page", 1, 2, "faq:livraison", 2048))
        assert dialog.step_label.text() == "Page 1 of 2: faq:livraison"
        assert dialog.bytes_label.text() == "2 KB received"
        dialog.show_progress(Progress("check", 0, 0, "", 2048))
        assert dialog.step_label.text() == "Checking the content…"
    finally:
        install_translators(qapp, resources, QLocale(QLocale.Language.French))
    french = RefreshDialog(2)
    qtbot.addWidget(french)
    assert french.windowTitle() == "Mise à jour depuis le wiki"
    assert french.bytes_label.text() == "0 octets reçus"
