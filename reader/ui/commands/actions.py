"""The window's actions and menus: Fichier, Contenu, Affichage, Aide.

Every command lives in one QAction (menu entry, shortcut and tooltip together), so the
keyboard, the menus and the tests all reach it the same way: each is in a menu, each has
a letter to reach it there (Alt and the menu's letter, then the action's), and the
frequent ones a shortcut too. The actions here only say what a command is called and
which keys start it; the window connects each one to the part that carries it out.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QAction, QActionGroup, QKeySequence

from reader.ui.settings import THEMES

if TYPE_CHECKING:
    from PySide6.QtWidgets import QMenu, QWidget


@dataclass
class Actions:
    """The window's actions, by name."""

    print: QAction
    export_pdf: QAction
    export_pack: QAction
    import_pack: QAction
    quit: QAction
    refresh: QAction
    rollback: QAction
    redo: QAction
    wiki_preferences: QAction
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


def _action(
    owner: QWidget,
    text: str,
    shortcuts: Sequence[str | QKeySequence.StandardKey] = (),
    tip: str = "",
) -> QAction:
    action = QAction(text, owner)
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
    owner.addAction(action)  # shortcuts work even when the menu bar is hidden
    return action


def build_actions(owner: QWidget, menus: dict[str, QMenu]) -> Actions:
    """Create the actions on ``owner`` (the window) and fill its menus ("file", "content",
    "view", "help")."""
    key = QKeySequence.StandardKey
    actions = Actions(
        print=_action(owner, QCoreApplication.translate("Actions", "&Print…"), [key.Print]),
        export_pdf=_action(
            owner, QCoreApplication.translate("Actions", "&Export as PDF…"), ["Ctrl+Shift+E"]
        ),
        export_pack=_action(
            owner,
            QCoreApplication.translate("Actions", "Export the &content…"),
            tip=QCoreApplication.translate(
                "Actions", "Write the content shown into one file, to carry it (USB stick)"
            ),
        ),
        import_pack=_action(
            owner,
            QCoreApplication.translate("Actions", "&Import content…"),
            tip=QCoreApplication.translate(
                "Actions", "Replace the content with the one of a content file (.faqpack)"
            ),
        ),
        quit=_action(owner, QCoreApplication.translate("Actions", "&Quit"), ["Ctrl+Q"]),
        refresh=_action(
            owner,
            QCoreApplication.translate("Actions", "&Update from the wiki…"),
            ["Ctrl+R"],
            QCoreApplication.translate(
                "Actions", "Download the latest version of the FAQ from the wiki"
            ),
        ),
        rollback=_action(
            owner, QCoreApplication.translate("Actions", "&Go back to the previous content")
        ),
        redo=_action(
            owner,
            QCoreApplication.translate("Actions", "R&estore the undone update"),
            tip=QCoreApplication.translate(
                "Actions", "Bring back the content that going back to the previous one left"
            ),
        ),
        wiki_preferences=_action(
            owner, QCoreApplication.translate("Actions", "Wiki &preferences…")
        ),
        content_info=_action(owner, QCoreApplication.translate("Actions", "Content &information")),
        back=_action(owner, QCoreApplication.translate("Actions", "&Back"), [key.Back, "Alt+Left"]),
        forward=_action(
            owner, QCoreApplication.translate("Actions", "&Forward"), [key.Forward, "Alt+Right"]
        ),
        find=_action(
            owner, QCoreApplication.translate("Actions", "Find in the &answer…"), [key.Find]
        ),
        focus_search=_action(
            owner, QCoreApplication.translate("Actions", "&Search"), ["Ctrl+K", "Ctrl+L"]
        ),
        zoom_in=_action(
            owner,
            QCoreApplication.translate("Actions", "Zoom &in"),
            [key.ZoomIn, "Ctrl++", "Ctrl+="],
        ),
        zoom_out=_action(
            owner, QCoreApplication.translate("Actions", "Zoom &out"), [key.ZoomOut, "Ctrl+-"]
        ),
        zoom_reset=_action(
            owner, QCoreApplication.translate("Actions", "&Normal size"), ["Ctrl+0"]
        ),
        theme_group=QActionGroup(owner),
        themes={},
        about=_action(owner, QCoreApplication.translate("Actions", "&About")),
        log=_action(owner, QCoreApplication.translate("Actions", "&Log")),
    )
    for action in (actions.back, actions.forward):
        action.setEnabled(False)
    # The refresh's and the packs' own parts come a moment after the window (their imports
    # are heavy): they enable these when they are there.
    for action in (
        actions.refresh,
        actions.rollback,
        actions.redo,
        actions.wiki_preferences,
        actions.export_pack,
        actions.import_pack,
    ):
        action.setEnabled(False)
    actions.theme_group.setExclusive(True)
    labels = {
        "system": QCoreApplication.translate("Actions", "&System"),
        "light": QCoreApplication.translate("Actions", "&Light"),
        "dark": QCoreApplication.translate("Actions", "&Dark"),
    }
    for name in THEMES:
        action = QAction(labels[name], owner)
        action.setCheckable(True)
        action.setData(name)
        actions.theme_group.addAction(action)
        actions.themes[name] = action

    file_menu = menus["file"]
    file_menu.addAction(actions.print)
    file_menu.addAction(actions.export_pdf)
    file_menu.addSeparator()
    file_menu.addAction(actions.export_pack)
    file_menu.addAction(actions.import_pack)
    file_menu.addSeparator()
    file_menu.addAction(actions.quit)

    content_menu = menus["content"]
    content_menu.addAction(actions.refresh)
    content_menu.addAction(actions.rollback)
    content_menu.addAction(actions.redo)
    content_menu.addAction(actions.wiki_preferences)
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
