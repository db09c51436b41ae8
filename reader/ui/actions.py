"""The window's actions and menus: Fichier, Contenu, Affichage, Aide.

Every command lives in one QAction (menu entry, shortcut and tooltip together), so the
keyboard, the menus and the tests all reach it the same way.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QAction, QActionGroup, QKeySequence

if TYPE_CHECKING:
    from PySide6.QtWidgets import QMenu

    from reader.ui.main_window import MainWindow


@dataclass
class Actions:
    """The window's actions, by name."""

    print: QAction
    export_pdf: QAction
    quit: QAction
    refresh: QAction
    content_info: QAction
    back: QAction
    forward: QAction
    find: QAction
    focus_search: QAction
    zoom_in: QAction
    zoom_out: QAction
    zoom_reset: QAction
    theme_group: QActionGroup
    themes: dict[str, QAction]
    about: QAction
    log: QAction


def _action(window, text: str, slot, shortcuts=(), tip: str = "") -> QAction:
    action = QAction(text, window)
    keys: list[QKeySequence] = []
    for shortcut in shortcuts:
        for sequence in (
            QKeySequence.keyBindings(shortcut)
            if isinstance(shortcut, QKeySequence.StandardKey)
            else [QKeySequence(shortcut)]
        ):
            if not sequence.isEmpty() and sequence not in keys:
                keys.append(sequence)
    if keys:
        action.setShortcuts(keys)
    if tip:
        action.setStatusTip(tip)
        action.setToolTip(tip)
    action.triggered.connect(slot)
    window.addAction(action)  # shortcuts work even when the menu bar is hidden
    return action


def build_actions(window: MainWindow, menus: dict[str, QMenu]) -> Actions:
    """Create the actions and fill the window's menus ("file", "content", "view", "help")."""
    key = QKeySequence.StandardKey
    actions = Actions(
        print=_action(
            window,
            QCoreApplication.translate("Actions", "&Print…"),
            window.print_current,
            [key.Print],
        ),
        export_pdf=_action(
            window,
            QCoreApplication.translate("Actions", "&Export as PDF…"),
            window.export_pdf,
            ["Ctrl+Shift+E"],
        ),
        quit=_action(
            window, QCoreApplication.translate("Actions", "&Quit"), window.close, ["Ctrl+Q"]
        ),
        refresh=_action(
            window,
            QCoreApplication.translate("Actions", "&Update from the wiki…"),
            window.request_refresh,
            [],
            QCoreApplication.translate(
                "Actions", "Download the latest version of the FAQ from the wiki"
            ),
        ),
        content_info=_action(
            window,
            QCoreApplication.translate("Actions", "Content &information"),
            window.show_content_info,
        ),
        back=_action(
            window,
            QCoreApplication.translate("Actions", "&Back"),
            window.go_back,
            [key.Back, "Alt+Left"],
        ),
        forward=_action(
            window,
            QCoreApplication.translate("Actions", "&Forward"),
            window.go_forward,
            [key.Forward, "Alt+Right"],
        ),
        find=_action(
            window,
            QCoreApplication.translate("Actions", "&Find in the answer…"),
            window.find_in_answer,
            [key.Find],
        ),
        focus_search=_action(
            window,
            QCoreApplication.translate("Actions", "&Search"),
            window.focus_search,
            ["Ctrl+K", "Ctrl+L"],
        ),
        zoom_in=_action(
            window,
            QCoreApplication.translate("Actions", "Zoom &in"),
            window.zoom_in,
            [key.ZoomIn, "Ctrl++", "Ctrl+="],
        ),
        zoom_out=_action(
            window,
            QCoreApplication.translate("Actions", "Zoom &out"),
            window.zoom_out,
            [key.ZoomOut, "Ctrl+-"],
        ),
        zoom_reset=_action(
            window,
            QCoreApplication.translate("Actions", "&Normal size"),
            window.zoom_reset,
            ["Ctrl+0"],
        ),
        theme_group=QActionGroup(window),
        themes={},
        about=_action(window, QCoreApplication.translate("Actions", "&About"), window.show_about),
        log=_action(window, QCoreApplication.translate("Actions", "&Log"), window.show_log),
    )
    actions.back.setEnabled(False)
    actions.forward.setEnabled(False)
    actions.theme_group.setExclusive(True)
    for name, label in (
        ("system", QCoreApplication.translate("Actions", "&System")),
        ("light", QCoreApplication.translate("Actions", "&Light")),
        ("dark", QCoreApplication.translate("Actions", "&Dark")),
    ):
        action = QAction(label, window)
        action.setCheckable(True)
        action.setData(name)
        actions.theme_group.addAction(action)
        actions.themes[name] = action
    actions.theme_group.triggered.connect(lambda a: window.set_theme(a.data()))

    file_menu = menus["file"]
    file_menu.addAction(actions.print)
    file_menu.addAction(actions.export_pdf)
    file_menu.addSeparator()
    file_menu.addAction(actions.quit)

    content_menu = menus["content"]
    content_menu.addAction(actions.refresh)
    content_menu.addAction(actions.content_info)

    view_menu = menus["view"]
    view_menu.addAction(actions.back)
    view_menu.addAction(actions.forward)
    view_menu.addSeparator()
    view_menu.addAction(actions.focus_search)
    view_menu.addAction(actions.find)
    view_menu.addSeparator()
    view_menu.addAction(actions.zoom_in)
    view_menu.addAction(actions.zoom_out)
    view_menu.addAction(actions.zoom_reset)
    theme_menu = view_menu.addMenu(QCoreApplication.translate("Actions", "&Theme"))
    for action in actions.themes.values():
        theme_menu.addAction(action)

    help_menu = menus["help"]
    help_menu.addAction(actions.about)
    help_menu.addAction(actions.log)
    return actions
