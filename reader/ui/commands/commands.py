"""The commands part: the menus, their actions, and the small dialogs behind Help and Content.

The menu bar has its four menus from the first paint (no jump when they fill); the actions
are made after it (:meth:`Commands.build`), and the window connects each to the part that
carries it out. The About, content-information and log dialogs are this part's own.

Signals:
    themeChosen(str): the user chose a theme in Affichage → Thème ("system", "light", "dark").
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QObject, Signal, Slot

if TYPE_CHECKING:
    from pathlib import Path

    from PySide6.QtGui import QAction
    from PySide6.QtWidgets import QMainWindow, QMenu

    from reader.content.library import LoadedContent
    from reader.ui.commands.actions import Actions


class Commands(QObject):
    """The window's menus and actions (see the module docstring).

    Signals:
        themeChosen(str): a theme was chosen in the menu.
    """

    themeChosen = Signal(str)

    def __init__(self, window: QMainWindow, log_dir: Path) -> None:
        super().__init__(window)
        self._window = window
        self._log_dir = log_dir
        self._loaded: LoadedContent | None = None
        self.actions: Actions | None = None
        self._navigation = (False, False)
        self._ready: set[str] = set()  # the parts made: "refresh", "packs"
        self._busy: set[str] = set()  # the parts whose task is changing the content
        self._history = (False, False)  # going back possible, restoring possible
        bar = window.menuBar()
        self.menus: dict[str, QMenu] = {
            "file": bar.addMenu(QCoreApplication.translate("Actions", "&File")),
            "content": bar.addMenu(QCoreApplication.translate("Actions", "&Content")),
            "view": bar.addMenu(QCoreApplication.translate("Actions", "&View")),
            "help": bar.addMenu(QCoreApplication.translate("Actions", "&Help")),
        }

    def build(self, theme: str) -> Actions:
        """Make the actions (after the first paint), with ``theme`` checked."""
        if self.actions is not None:
            return self.actions
        from reader.ui.commands.actions import build_actions

        actions = build_actions(self._window, self.menus)
        self.actions = actions
        actions.themes[theme].setChecked(True)
        actions.theme_group.triggered.connect(lambda action: self.themeChosen.emit(action.data()))
        actions.content_info.triggered.connect(self.show_content_info)
        actions.about.triggered.connect(self.show_about)
        actions.log.triggered.connect(self.show_log)
        self.set_navigation(*self._navigation)
        return actions

    def set_content(self, loaded: LoadedContent) -> None:
        """The content the About and content-information dialogs describe."""
        self._loaded = loaded

    @Slot(bool, bool)
    def set_navigation(self, back: bool, forward: bool) -> None:
        """Enable Back and Forward as the history allows."""
        self._navigation = (back, forward)
        if self.actions is not None:
            self.actions.back.setEnabled(back)
            self.actions.forward.setEnabled(forward)

    def check_theme(self, theme: str) -> None:
        if self.actions is not None:
            self.actions.themes[theme].setChecked(True)

    def _part_actions(self, part: str) -> tuple[QAction, ...]:
        """The entries that touch the content, by the part that carries them out."""
        actions = self.actions
        if actions is None:
            return ()
        if part == "refresh":
            return (actions.refresh, actions.rollback, actions.redo)
        return (actions.export_pack, actions.import_pack)

    def _update_parts(self) -> None:
        # One task on the content at a time: while one runs, the others' entries wait
        # (its own stay, to bring its dialog forward). Going back and restoring also
        # wait for the store's history to allow them.
        if self.actions is None:
            return
        waiting = {self.actions.rollback: self._history[0], self.actions.redo: self._history[1]}
        for part in ("refresh", "packs"):
            usable = part in self._ready and not (self._busy - {part})
            for action in self._part_actions(part):
                action.setEnabled(usable and waiting.get(action, True))

    @Slot(bool, bool)
    def set_history(self, back: bool, restore: bool) -> None:
        """Enable "Go back…" and "Restore the undone update" as the store's history allows."""
        self._history = (back, restore)
        self._update_parts()

    def enable_refresh(self) -> None:
        """The refresh part is there: its menu entries work."""
        if self.actions is not None:
            self.actions.wiki_preferences.setEnabled(True)
        self._ready.add("refresh")
        self._update_parts()

    def enable_packs(self) -> None:
        """The packs part is there: "Export the content…" and "Import content…" work."""
        self._ready.add("packs")
        self._update_parts()

    def set_busy(self, part: str, busy: bool) -> None:
        """``part`` ("refresh" or "packs") started (``busy``) or ended a task on the content."""
        if busy:
            self._busy.add(part)
        else:
            self._busy.discard(part)
        self._update_parts()

    # -- the dialogs ---------------------------------------------------------------------
    @Slot()
    def show_content_info(self) -> None:
        from reader.ui.commands.dialogs import ContentInfoDialog

        ContentInfoDialog(self._loaded, self._window).exec()

    @Slot()
    def show_about(self) -> None:
        from reader.ui.commands.dialogs import show_about

        show_about(self._window, self._loaded)

    @Slot()
    def show_log(self) -> None:
        from reader.ui.commands.dialogs import LogDialog

        LogDialog(self._window, self._log_dir).exec()
