"""Everything by keyboard: each command is in a menu, with a letter to reach it there (and
the frequent ones a shortcut); the parts of the window carry names for screen readers."""

from __future__ import annotations

import re

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QMenu

MNEMONIC = re.compile(r"&([^&\s])")


def menu_entries(menu: QMenu, path: str = ""):
    """(menu path, action) of every entry of ``menu`` and of its submenus."""
    for action in menu.actions():
        if action.isSeparator():
            continue
        yield path + menu.title(), action
        if action.menu() is not None:
            yield from menu_entries(action.menu(), path + menu.title() + " → ")


def letter(text: str) -> str:
    found = MNEMONIC.search(text)
    return found.group(1).lower() if found else ""


def test_every_command_is_in_a_menu_with_a_letter_of_its_own(window):
    bar = window.menuBar()
    menus = [action.menu() for action in bar.actions()]
    titles = [menu.title() for menu in menus]
    assert [t.replace("&", "") for t in titles] == ["Fichier", "Contenu", "Affichage", "Aide"]
    assert all(letter(t) for t in titles) and len({letter(t) for t in titles}) == len(titles)

    entries = [entry for menu in menus for entry in menu_entries(menu)]
    in_menus = {action for _, action in entries}
    for action in window.actions():  # every command of the window (shortcuts included)
        assert action in in_menus, f"{action.text()!r} is in no menu"
    by_menu: dict[str, list[str]] = {}
    for where, action in entries:
        text = action.text()
        assert text.replace("&", "").strip(), f"an entry of {where} has no name"
        assert letter(text), f"{where} → {text!r}: no letter (&) to reach it"
        by_menu.setdefault(where, []).append(letter(text))
        assert "&" not in text or text.count("&") == 1, text
    for where, letters in by_menu.items():
        assert len(set(letters)) == len(letters), f"{where}: two entries share a letter {letters}"


def test_the_frequent_commands_have_a_shortcut(window):
    actions = window.commands.actions
    for action in (
        actions.print,
        actions.export_pdf,
        actions.quit,
        actions.refresh,
        actions.back,
        actions.forward,
        actions.find,
        actions.focus_search,
        actions.zoom_in,
        actions.zoom_out,
        actions.zoom_reset,
    ):
        assert not action.shortcut().isEmpty(), action.text()


def test_a_menu_entry_is_reached_with_alt_and_two_letters(window, qtbot):
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow, timeout=2000)
    window.places.tree.setFocus()
    window.zoom.set_step(2)
    qtbot.keyClick(window, Qt.Key.Key_A, Qt.KeyboardModifier.AltModifier)  # Affichage
    qtbot.waitUntil(lambda: isinstance(QApplication.activePopupWidget(), QMenu), timeout=2000)
    menu = QApplication.activePopupWidget()
    assert menu.title().replace("&", "") == "Affichage"
    qtbot.keyClick(menu, Qt.Key.Key_N)  # Taille &normale
    qtbot.waitUntil(lambda: window.zoom.step == 0, timeout=2000)
    assert QApplication.activePopupWidget() is None


def test_the_main_parts_carry_names_for_screen_readers(window):
    names = {
        window.search.field: "Chercher dans la FAQ",
        window.places.tree: "Sections et questions",
        window.search.results.list: "Résultats de la recherche",
        window.answer.view: "Réponse",
        window.status: "Barre d'état",
    }
    for widget, name in names.items():
        assert widget.accessibleName() == name, type(widget).__name__
