"""The window's theme: the one chosen in Affichage → Thème, or the system's, followed.

"system" (the default) is resolved once the window has painted, when reading the system's
colour scheme no longer costs the first paint (see :mod:`reader.ui.window.main_window`),
and again whenever the system switches between light and dark. When the system asked for
dark and its style paints light, the dark palette is used and remembered
(``SYSTEM_LOOK``), so that the next start paints dark at once instead of flashing light.
"light" and "dark" are the user's override, applied before the first paint.

Signals:
    changed(str): a theme was applied: what shows ("light", "dark" or "system").
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal, Slot

from reader.ui import settings as keys

if TYPE_CHECKING:
    from reader.ui.settings import Settings

log = logging.getLogger(__name__)


def apply_at_start(settings: Settings) -> None:
    """Before the first paint: the user's theme, or the system's dark seen last time;
    nothing for the system's own look (it is already there)."""
    theme, remembered = settings.get(keys.THEME), settings.get(keys.SYSTEM_LOOK)
    if theme == "system" and not remembered:
        return
    from PySide6.QtWidgets import QApplication

    from reader.ui.theme import apply_theme

    app = QApplication.instance()
    if isinstance(app, QApplication):
        apply_theme(app, theme, remembered)


class Look(QObject):
    """Applies and keeps the theme (see the module docstring).

    Signals:
        changed(str): what shows now ("light", "dark" or "system").
    """

    changed = Signal(str)

    def __init__(self, settings: Settings, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._settings = settings
        self._following = False

    @property
    def theme(self) -> str:
        return str(self._settings.get(keys.THEME))

    def follow_system(self) -> None:
        """Apply the theme now (after the first paint) and follow the system's changes."""
        if not self._following:
            from PySide6.QtGui import QGuiApplication

            self._following = True
            QGuiApplication.styleHints().colorSchemeChanged.connect(self._on_scheme_changed)
        self.choose(self.theme)

    @Slot(str)
    def choose(self, theme: str) -> None:
        """Apply and keep ``theme`` ("system", "light" or "dark")."""
        from PySide6.QtWidgets import QApplication

        from reader.ui.theme import apply_theme, system_scheme

        app = QApplication.instance()
        if not isinstance(app, QApplication):
            return
        shown = apply_theme(app, theme, system_scheme(app))
        self._settings.set(keys.THEME, theme)
        if theme == "system":
            self._settings.set(keys.SYSTEM_LOOK, "dark" if shown == "dark" else "")
        log.info("theme %s: %s shows", theme, shown)
        self.changed.emit(shown)

    @Slot(object)
    def _on_scheme_changed(self, _scheme: object) -> None:
        if self.theme == "system":
            self.choose("system")
