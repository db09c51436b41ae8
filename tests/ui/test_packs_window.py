"""Fichier → "Exporter le contenu…" and "Importer du contenu…", and the offer at start.

The village machine exports its content to a stick from the menu; a farm machine imports
it from the menu and reads what changed; a damaged pack is refused in one sentence, an
older one is asked about; started from the stick, the reader offers the newer pack lying
beside it. The file dialogs are the one thing stood in for (:mod:`reader.ui.file_dialogs`).
"""

from __future__ import annotations

import contextlib
import json
import os
import threading
import zipfile
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QMenu, QMessageBox

from reader.cli import main
from reader.packs.export import export_pack
from reader.paths import Paths
from reader.sync.lock import store_lock
from reader.ui import settings as keys
from tests.bundled import bundled_faq
from tests.home import home_paths, new_window
from tests.packs.conftest import MEDIA, PAGES, install
from tests.sync.conftest import FAST, snapshot
from tests.sync.test_refresh_window import click_title

NEWER, OLDER = "2026-06-01T09:30:00Z", "2026-03-03T10:00:00Z"
NEW_QUESTION = "Quels modes de livraison sont possibles ?"


# -- the setting -----------------------------------------------------------------------------
def village_pack(tmp_path: Path, name: str = "village.faqpack", date: str = NEWER) -> Path:
    """A pack exported by a connected machine whose content (the bundled page and FAQ
    Livraison, with its images) was refreshed on ``date``."""
    home = tmp_path / f"village-{date[:10]}"
    install(Paths.under(home), PAGES, MEDIA, date)
    target = tmp_path / name
    export_pack(target, Paths.under(home))
    return target


class Files:
    """Stands in for the file dialogs the window calls: answers what the user would pick,
    and keeps what the window asked."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.answer: Path | None = None
        self.asked: list[dict] = []
        monkeypatch.setattr("reader.ui.file_dialogs.ask_save_path", self.save)
        monkeypatch.setattr("reader.ui.file_dialogs.ask_open_path", self.open)

    def save(self, parent, title, name_filter, name, suffix, folder=None):
        self.asked.append({"title": title, "filter": name_filter, "name": name, "suffix": suffix})
        return self.answer

    def open(self, parent, title, name_filter, folder=None):
        self.asked.append({"title": title, "filter": name_filter, "folder": folder})
        return self.answer


@pytest.fixture
def files(monkeypatch):
    return Files(monkeypatch)


def data_folder() -> Path:
    return home_paths().data


# -- driving it like a user ------------------------------------------------------------------
def menu_entry(qtbot, window, letter: Qt.Key) -> None:
    """Alt+F (Fichier), then the entry's letter, as on the keyboard."""
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow, timeout=2000)
    window.places.tree.setFocus()
    qtbot.keyClick(window, Qt.Key.Key_F, Qt.KeyboardModifier.AltModifier)
    qtbot.waitUntil(lambda: isinstance(QApplication.activePopupWidget(), QMenu), timeout=2000)
    menu = QApplication.activePopupWidget()
    assert menu.title().replace("&", "") == "Fichier"
    qtbot.keyClick(menu, letter)


def export_from_the_menu(qtbot, window) -> tuple:
    with qtbot.waitSignal(window.packs.ended, timeout=20_000) as ended:
        menu_entry(qtbot, window, Qt.Key.Key_C)  # Exporter le &contenu…
    return tuple(ended.args)


def import_from_the_menu(qtbot, window) -> tuple:
    with qtbot.waitSignal(window.packs.ended, timeout=30_000) as ended:
        menu_entry(qtbot, window, Qt.Key.Key_M)  # I&mporter du contenu…
    return tuple(ended.args)


def message_box(qtbot, window) -> QMessageBox:
    qtbot.waitUntil(lambda: any(b.isVisible() for b in window.findChildren(QMessageBox)))
    return next(b for b in window.findChildren(QMessageBox) if b.isVisible())


def button(box: QMessageBox, text: str):
    found = [b for b in box.buttons() if b.text().replace("&", "") == text]
    assert found, [b.text() for b in box.buttons()]
    return found[0]


def only_the_window_remains(qtbot, window) -> None:
    from reader.ui.packs.dialog import PackDialog

    qtbot.waitUntil(lambda: not window.findChildren(PackDialog), timeout=5000)
    qtbot.waitUntil(lambda: not window.findChildren(QMessageBox), timeout=5000)
    assert not window.packs.running


# -- export ----------------------------------------------------------------------------------
def test_export_from_the_menu_writes_a_pack_that_verifies(qtbot, window, files, tmp_path, capsys):
    stick = tmp_path / "clé USB"
    stick.mkdir()
    files.answer = stick / "contenu.faqpack"

    task, how, message = export_from_the_menu(qtbot, window)

    assert (task, how) == ("export", "success"), message
    assert files.asked == [
        {
            "title": "Exporter le contenu",
            "filter": "Paquets de contenu (*.faqpack)",
            "name": f"faq-cagette-{bundled_faq().day.isoformat()}.faqpack",  # the content's date
            "suffix": ".faqpack",
        }
    ]
    capsys.readouterr()
    assert main(["pack", "info", str(files.answer), "--json"]) == 0
    info = json.loads(capsys.readouterr().out)
    assert info["verified"] and info["questions"] > 0
    note = window.statusBar().currentMessage()
    assert note.startswith(f"Contenu exporté dans {files.answer} (") and note.endswith(" Ko).")
    assert window.status.folder_button.isVisible()
    assert window.status.folder_button.text().replace("&", "") == "Ouvrir le dossier"
    only_the_window_remains(qtbot, window)


def test_open_the_folder_after_an_export_shows_it(qtbot, window, files, tmp_path, desktop):
    files.answer = tmp_path / "contenu.faqpack"
    export_from_the_menu(qtbot, window)
    qtbot.mouseClick(window.status.folder_button, Qt.MouseButton.LeftButton)
    assert [url.toLocalFile() for url in desktop.opened] == [str(tmp_path)]


def test_cancelling_the_file_dialog_exports_nothing(qtbot, window, files, tmp_path):
    files.answer = None
    with qtbot.assertNotEmitted(window.packs.busyChanged):
        menu_entry(qtbot, window, Qt.Key.Key_C)
        qtbot.waitUntil(lambda: len(files.asked) == 1, timeout=2000)
    assert not list(tmp_path.rglob("*.faqpack"))


# -- import ----------------------------------------------------------------------------------
def test_import_from_the_menu_shows_what_changed_and_marks_it_in_the_tree(
    qtbot, window, files, tmp_path
):
    from reader.ui.places.tree_model import MARK_ROLE
    from reader.ui.refresh.summary import SummaryDialog

    files.answer = village_pack(tmp_path)
    assert window.loaded.library.page("faq:livraison") is None

    task, how, _message = import_from_the_menu(qtbot, window)

    assert (task, how) == ("import", "success")
    assert files.asked[0]["filter"] == "Paquets de contenu (*.faqpack);;Tous les fichiers (*)"
    summary = window.packs.summary
    assert isinstance(summary, SummaryDialog) and summary.isVisible()
    assert summary.windowTitle() == "Import terminé"
    text = summary.text()
    assert text.startswith("Contenu importé depuis « village.faqpack » : ")
    assert "FAQ Livraison (nouvelle page)" in text
    assert NEW_QUESTION in text
    question = next(q for q in window.loaded.library.questions() if q.title == NEW_QUESTION)
    index = window.places.model.index_for(question.id)
    assert index.data(MARK_ROLE) == "new"
    assert index.data().endswith("(nouveau)")
    assert window.loaded.origin == "user"

    with qtbot.waitSignal(window.placeShown, timeout=5000) as shown:
        click_title(qtbot, summary, NEW_QUESTION)
    assert shown.args == [f"q:{question.id}"]


def test_the_same_pack_again_says_nothing_changed(qtbot, window, files, tmp_path):
    files.answer = village_pack(tmp_path)
    import_from_the_menu(qtbot, window)
    window.packs.summary.close()
    before = snapshot(data_folder())

    task, how, _message = import_from_the_menu(qtbot, window)

    assert (task, how) == ("import", "success")
    assert window.packs.summary.text().startswith(
        "Le paquet « village.faqpack » contient le contenu déjà affiché : rien n'a changé."
    )
    assert snapshot(data_folder()) == before


def test_a_damaged_pack_is_refused_in_one_sentence_and_nothing_changes(
    qtbot, files, tmp_path, open_window
):
    install(home_paths(), PAGES, date=OLDER)  # content refreshed before, to keep intact
    window = open_window()
    pack = village_pack(tmp_path)
    data = bytearray(pack.read_bytes())
    data[len(data) // 2] ^= 0xFF  # one byte spoiled on the stick
    pack.write_bytes(bytes(data))
    files.answer = pack
    before, shown = snapshot(data_folder()), window.loaded

    task, how, message = import_from_the_menu(qtbot, window)

    assert (task, how) == ("import", "failure")
    box = message_box(qtbot, window)
    assert box.windowTitle() == "Import impossible"
    assert box.text() == message
    assert message.startswith("Import impossible : ")
    assert message.endswith("Le contenu actuel est conservé.")
    assert message.count("\n") == 0
    assert snapshot(data_folder()) == before
    assert window.loaded is shown
    qtbot.keyClick(box, Qt.Key.Key_Return)
    only_the_window_remains(qtbot, window)


def test_an_older_pack_is_asked_about_and_cancel_leaves_everything(
    qtbot, files, tmp_path, open_window
):
    install(home_paths(), {"faq-kit-durgence": PAGES["faq-kit-durgence"]}, date=NEWER)
    window = open_window()
    files.answer = village_pack(tmp_path, date=OLDER)
    before, shown = snapshot(data_folder()), window.loaded

    task, how, text = import_from_the_menu(qtbot, window)

    assert (task, how) == ("import", "older")
    box = window.packs.question
    assert box.isVisible() and box.windowTitle() == "Contenu plus ancien"
    assert (
        box.text()
        == text
        == (
            "Ce paquet date du 3 mars 2026, plus ancien que le contenu affiché (1 juin 2026). "
            "L'importer quand même ?"
        )
    )
    assert box.defaultButton() is button(box, "Annuler")  # Enter does the careful thing
    with qtbot.waitSignal(window.packs.ended) as ended:
        qtbot.mouseClick(button(box, "Annuler"), Qt.MouseButton.LeftButton)
    assert ended.args[:2] == ["import", "cancel"]
    assert snapshot(data_folder()) == before
    assert window.loaded is shown
    only_the_window_remains(qtbot, window)


def test_an_older_pack_imported_anyway_replaces_the_content(qtbot, files, tmp_path, open_window):
    install(home_paths(), {"faq-kit-durgence": PAGES["faq-kit-durgence"]}, date=NEWER)
    window = open_window()
    files.answer = village_pack(tmp_path, date=OLDER)
    import_from_the_menu(qtbot, window)
    box = window.packs.question

    with qtbot.waitSignal(window.packs.ended, timeout=30_000) as ended:
        qtbot.mouseClick(button(box, "Importer quand même"), Qt.MouseButton.LeftButton)

    assert ended.args[:2] == ["import", "success"]
    assert window.loaded.library.page("faq:livraison") is not None
    assert NEW_QUESTION in window.packs.summary.text()


def slow_stick(tmp_path: Path, pack: Path) -> tuple[Path, threading.Event]:
    """``pack`` read through a pipe, as from a slow stick: the bytes up to its second file
    come at once, the rest once the returned event is set."""
    with zipfile.ZipFile(pack) as archive:
        pause = archive.infolist()[2].header_offset
    data = pack.read_bytes()
    slow = tmp_path / "lent.faqpack"
    os.mkfifo(slow)
    go_on = threading.Event()

    def write() -> None:
        with contextlib.suppress(BrokenPipeError), slow.open("wb") as pipe:
            pipe.write(data[:pause])
            pipe.flush()
            go_on.wait(30)
            pipe.write(data[pause:])

    threading.Thread(target=write, daemon=True).start()
    return slow, go_on


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no named pipes here")
def test_escape_in_the_progress_dialog_cancels_the_import(qtbot, window, files, tmp_path):
    files.answer, go_on = slow_stick(tmp_path, village_pack(tmp_path))
    shown = window.loaded

    def on_busy(busy: bool) -> None:
        if busy:  # the import started: Escape in its dialog once its first file is read
            dialog = window.packs.dialog
            window.packs.job.progress.connect(lambda _p: qtbot.keyClick(dialog, Qt.Key.Key_Escape))
            dialog.cancelRequested.connect(go_on.set)

    window.packs.busyChanged.connect(on_busy)
    task, how, message = import_from_the_menu(qtbot, window)

    assert (task, how) == ("import", "cancel")
    assert message == "Import annulé. Le contenu actuel est conservé."
    assert window.statusBar().currentMessage() == message
    assert snapshot(data_folder()) == {} and window.loaded is shown
    only_the_window_remains(qtbot, window)


# -- one task on the content at a time --------------------------------------------------------
def test_while_an_import_runs_the_update_entries_wait(qtbot, window, tmp_path):
    actions = window.commands.actions
    pack = village_pack(tmp_path)
    with qtbot.waitSignal(window.packs.ended, timeout=30_000):
        window.packs.import_file(pack)
        assert not actions.refresh.isEnabled() and not actions.rollback.isEnabled()
        assert actions.import_pack.isEnabled()  # its own: brings its dialog forward
    assert actions.refresh.isEnabled() and actions.import_pack.isEnabled()


def test_while_a_refresh_runs_the_pack_entries_wait(qtbot, faq_home, tmp_path):
    from reader.sync.sources import Sources, save_sources
    from reader.ui.refresh.controller import RefreshController

    save_sources(faq_home / "config", Sources("http://127.0.0.1:9/", ("faq-kit-durgence",)))
    window = new_window(refresh=RefreshController(home_paths(), limits=FAST))
    qtbot.addWidget(window)
    with qtbot.waitSignal(window.contentLoaded, timeout=10_000):
        window.show()
    actions = window.commands.actions
    with qtbot.waitSignal(window.refresh.ended, timeout=30_000):
        actions.refresh.trigger()  # no wiki there: it fails, after a moment
        assert not actions.import_pack.isEnabled() and not actions.export_pack.isEnabled()
        window.packs.import_file(village_pack(tmp_path))  # "Oui" to the offer meanwhile
        assert not window.packs.running
        assert window.statusBar().currentMessage() == (
            "Une mise à jour depuis le wiki est en cours : importez le paquet quand elle "
            "sera terminée."
        )
    assert actions.import_pack.isEnabled() and actions.export_pack.isEnabled()


def test_another_program_changing_the_content_is_told_kindly(qtbot, window, tmp_path):
    from reader.content.store import UserStore

    pack = village_pack(tmp_path)
    busy = store_lock(UserStore(data_folder()).root)  # `faq-reader refresh` in a terminal
    with busy, qtbot.waitSignal(window.packs.ended, timeout=30_000) as ended:
        window.packs.import_file(pack)
    assert ended.args[:2] == ["import", "failure"]
    assert message_box(qtbot, window).text() == (
        "Import impossible : une mise à jour ou un autre import est déjà en cours. "
        "Le contenu actuel est conservé."
    )


# -- the offer at start, on a stick ----------------------------------------------------------
def stick_window(qtbot, stick: Path):
    """The reader started from ``stick`` in portable mode, its files beside it; returns
    the window and the offer the look at the stick made (None: nothing asked)."""
    from reader.ui.packs.controller import PacksController
    from reader.ui.settings import Settings, settings_path
    from reader.ui.window.main_window import MainWindow

    paths = Paths.under(stick / "faq-reader-data", "portable")
    settings = Settings(settings_path(paths.config))
    packs = PacksController(paths, settings, program_folder=stick)
    window = MainWindow(settings, paths, packs=packs)
    qtbot.addWidget(window)
    with qtbot.waitSignal(packs.offer.checked, timeout=20_000) as checked:
        window.show()
    return window, checked.args[0]


def test_a_newer_pack_on_the_stick_is_offered_and_not_again_after_no(qtbot, tmp_path):
    stick = tmp_path / "stick"
    stick.mkdir()
    village_pack(tmp_path, "contenu.faqpack").rename(stick / "contenu.faqpack")

    window, offer = stick_window(qtbot, stick)

    assert offer is not None and offer.path == stick / "contenu.faqpack"
    box = window.packs.offer.box
    assert box.isVisible() and not box.isModal()  # the window stays usable
    assert box.text() == "Contenu plus récent trouvé sur la clé : l'importer ?"
    assert box.informativeText() == (
        "Le paquet « contenu.faqpack » date du 1 juin 2026 ; "
        f"le contenu affiché, du {bundled_faq().day_fr}."
    )
    qtbot.mouseClick(button(box, "Non"), Qt.MouseButton.LeftButton)
    assert not window.packs.running
    window.close()

    again, offer = stick_window(qtbot, stick)
    assert offer is None and again.packs.offer.box is None
    settings = again.settings
    assert settings.get(keys.DECLINED_PACK) == "contenu.faqpack"
    assert settings.get(keys.DECLINED_PACK_DATE) == NEWER


def test_yes_to_the_offer_imports_the_pack_with_its_summary(qtbot, tmp_path):
    stick = tmp_path / "stick"
    stick.mkdir()
    village_pack(tmp_path, "contenu.faqpack").rename(stick / "contenu.faqpack")
    window, _offer = stick_window(qtbot, stick)
    box = window.packs.offer.box

    with qtbot.waitSignal(window.packs.ended, timeout=30_000) as ended:
        qtbot.keyClick(box, Qt.Key.Key_Return)  # "Oui" is the default

    assert ended.args[:2] == ["import", "success"]
    assert window.packs.summary.windowTitle() == "Import terminé"
    assert window.loaded.library.page("faq:livraison") is not None
    assert (stick / "faq-reader-data" / "data").is_dir()  # on the stick


def test_no_offer_outside_portable_mode(qtbot, tmp_path):
    from reader.ui.packs.controller import PacksController
    from reader.ui.settings import Settings, settings_path

    beside = tmp_path / "programme"
    beside.mkdir()
    village_pack(tmp_path, "contenu.faqpack").rename(beside / "contenu.faqpack")
    settings = Settings(settings_path(home_paths().config))
    packs = PacksController(home_paths(), settings, program_folder=beside)
    window = new_window(packs=packs)
    qtbot.addWidget(window)
    # A fixed wait: outside portable mode no look beside the program starts, so none ends.
    no_offer = qtbot.assertNotEmitted(packs.offer.checked, wait=500)
    with no_offer, qtbot.waitSignal(window.contentLoaded, timeout=10_000):
        window.show()
    assert packs.offer.box is None
