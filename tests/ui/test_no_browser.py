"""A computer with no browser and no file manager set up: every link still leads somewhere.

"Ouvrir sur le wiki", a web link, the log's folder: when the system takes nothing, the
user gets the address, selected, to copy into a browser (the documents of an answer are in
tests/ui/test_answer_media.py).
"""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QDialogButtonBox

from reader.ui.external import AddressDialog
from tests.home import home_paths, load_home_library


def click_link(qtbot, view, text: str) -> None:
    """Click the link that reads ``text`` in the answer, as a user does."""
    cursor = view.document().find(text)
    assert not cursor.isNull(), text
    cursor.setPosition(cursor.selectionStart() + 2)
    qtbot.mouseClick(
        view.viewport(), Qt.MouseButton.LeftButton, pos=view.cursorRect(cursor).center()
    )


def close_button(dialog) -> object:
    return dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Close)


def test_open_on_the_wiki_without_a_browser_gives_the_address_to_copy(window, qtbot, desktop):
    desktop.works = False
    question = next(load_home_library().library.questions())
    with qtbot.waitSignal(window.placeShown):
        window.places.open_question(question.id)

    click_link(qtbot, window.answer.view, "Ouvrir sur le wiki")

    address = f"https://wiki.cagette.net/doku.php?id={question.page_id}#{question.anchor}"
    assert [url.toString() for url in desktop.opened] == [address]  # the system was asked
    dialog = window.answer.address_dialog
    assert isinstance(dialog, AddressDialog)
    qtbot.waitUntil(dialog.isVisible)
    assert dialog.windowTitle() == "Ouvrir l'adresse"
    assert "Aucun navigateur" in dialog.label.text()
    assert dialog.address.isReadOnly()
    assert dialog.address.text() == address
    assert dialog.address.selectedText() == address  # Ctrl+C works at once too
    assert dialog.copy_button.text().replace("&", "") == "Copier l'adresse"

    qtbot.mouseClick(dialog.copy_button, Qt.MouseButton.LeftButton)
    assert QGuiApplication.clipboard().text() == address
    assert "Adresse copiée" in dialog.copied.text()
    assert close_button(dialog).text() == "Fermer"
    qtbot.mouseClick(close_button(dialog), Qt.MouseButton.LeftButton)
    assert not dialog.isVisible()


def test_a_web_link_in_an_answer_without_a_browser_gives_its_address(window, qtbot, desktop):
    from PySide6.QtCore import QUrl

    desktop.works = False
    window.answer.view.anchorClicked.emit(QUrl("https://www.cagette.net/"))
    dialog = window.answer.address_dialog
    qtbot.waitUntil(dialog.isVisible)
    assert dialog.address.text() == "https://www.cagette.net/"
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    assert not dialog.isVisible()


def test_with_a_browser_no_dialog_comes(window, desktop):
    from PySide6.QtCore import QUrl

    window.answer.view.anchorClicked.emit(QUrl("https://www.cagette.net/"))
    assert [url.toString() for url in desktop.opened] == ["https://www.cagette.net/"]
    assert window.answer.address_dialog is None
    assert not window.findChildren(AddressDialog)


def test_the_log_folder_without_a_file_manager_gives_its_path(window, qtbot, desktop):
    from reader.ui.commands.dialogs import LogDialog

    desktop.works = False
    log = LogDialog(window, home_paths().log)
    qtbot.addWidget(log)
    button = next(b for b in log.findChildren(type(close_button(log))) if "dossier" in b.text())
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    dialog = log.address_dialog
    qtbot.waitUntil(dialog.isVisible)
    assert dialog.windowTitle() == "Ouvrir le dossier"
    assert dialog.address.text() == str(log.path.parent)


# -- xdg-open is there, but no browser is set up ---------------------------------------------
def linux_desktop(tmp_path, monkeypatch, handler: str = "") -> None:
    """A Linux PATH with xdg-open and an xdg-mime that names ``handler`` (none: "") for
    web addresses, and no browser; the window asks it afresh."""
    from reader.ui import external
    from reader.ui.browser import BrowserCheck

    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    scripts = {"xdg-open": "exit 0", "xdg-mime": f"echo '{handler}'" if handler else "exit 0"}
    for name, body in scripts.items():
        script = bin_dir / name
        script.write_text(f"#!/bin/sh\n{body}\n")
        script.chmod(0o755)
    monkeypatch.setenv("PATH", str(bin_dir))
    monkeypatch.delenv("BROWSER", raising=False)
    monkeypatch.setattr(external, "BROWSER", BrowserCheck())


def open_on_the_wiki(qtbot, window) -> str:
    """Open a question and click "Ouvrir sur le wiki"; the question's address."""
    question = next(load_home_library().library.questions())
    with qtbot.waitSignal(window.placeShown):
        window.places.open_question(question.id)
    click_link(qtbot, window.answer.view, "Ouvrir sur le wiki")
    return f"https://wiki.cagette.net/doku.php?id={question.page_id}#{question.anchor}"


def test_xdg_open_without_a_browser_set_up_gives_the_address_to_copy(
    window, qtbot, desktop, tmp_path, monkeypatch
):
    linux_desktop(tmp_path, monkeypatch)  # openUrl would answer True, and nothing open

    address = open_on_the_wiki(qtbot, window)

    assert desktop.opened == []  # not handed to xdg-open, to open nothing
    dialog = window.answer.address_dialog
    assert isinstance(dialog, AddressDialog)
    qtbot.waitUntil(dialog.isVisible)
    assert dialog.address.text() == address
    assert dialog.copy_button.text().replace("&", "") == "Copier l'adresse"


def test_xdg_open_with_a_browser_set_up_opens_the_address(
    window, qtbot, desktop, tmp_path, monkeypatch
):
    linux_desktop(tmp_path, monkeypatch, handler="firefox-esr.desktop")

    address = open_on_the_wiki(qtbot, window)

    assert [url.toString() for url in desktop.opened] == [address]
    assert window.answer.address_dialog is None


@pytest.mark.parametrize(
    ("tools", "env", "expected"),
    [
        ({"xdg-open", "xdg-mime"}, {}, True),  # no handler, no browser anywhere
        ({"xdg-open", "xdg-mime", "firefox"}, {}, False),  # xdg-open's own fallback
        ({"xdg-open", "xdg-mime"}, {"BROWSER": "w3m"}, False),
        ({"xdg-mime"}, {}, False),  # no xdg-open: Qt itself answers False
        ({"xdg-open"}, {}, False),  # cannot tell: left to Qt
    ],
    ids=["none", "fallback", "env", "no-xdg-open", "no-xdg-mime"],
)
def test_no_browser_asks_what_xdg_open_would(tmp_path, tools, env, expected):
    from reader.ui.browser import no_browser

    for name in tools:
        script = tmp_path / name
        script.write_text("#!/bin/sh\nexit 0\n")
        script.chmod(0o755)
    assert no_browser({"PATH": str(tmp_path), **env}, platform="linux") is expected
    assert no_browser({"PATH": str(tmp_path), **env}, platform="win32") is False
