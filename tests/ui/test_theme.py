"""The theme follows the system's light or dark setting, unless the user chose one.

No platform the tests run on (offscreen, a bare X server) has a colour scheme to switch,
so the system's answer is the one thing stood in for: ``system_scheme`` says what the
system would, and Qt's own ``colorSchemeChanged`` announces the switch.
"""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication

from reader.ui import settings as keys
from reader.ui import theme
from reader.ui.theme import is_dark


@pytest.fixture
def system(monkeypatch):
    """The system's colour scheme, switched as a user switches it in the desktop's settings."""
    state = {"scheme": ""}
    monkeypatch.setattr(theme, "system_scheme", lambda app: state["scheme"])

    def switch(scheme: str) -> None:
        state["scheme"] = scheme
        value = {"dark": Qt.ColorScheme.Dark, "light": Qt.ColorScheme.Light}[scheme]
        QGuiApplication.styleHints().colorSchemeChanged.emit(value)

    yield switch
    state["scheme"] = ""


@pytest.fixture
def themed_window(window):
    yield window
    window.set_theme("system")


def test_by_default_the_window_follows_the_system_between_light_and_dark(themed_window, system):
    window = themed_window
    assert window.look.theme == "system"
    system("dark")
    assert is_dark(QApplication.palette())
    assert "#9ccc65" in window.answer.view.document().defaultStyleSheet()  # the answer too
    assert window.settings.get(keys.SYSTEM_LOOK) == "dark"  # the next start paints dark
    system("light")
    assert not is_dark(QApplication.palette())
    assert window.settings.get(keys.SYSTEM_LOOK) == ""
    assert window.commands.actions.themes["system"].isChecked()


def test_a_theme_chosen_in_the_menu_wins_over_the_system(themed_window, system):
    window = themed_window
    window.commands.actions.themes["light"].trigger()  # Affichage → Thème → Clair
    system("dark")
    assert not is_dark(QApplication.palette())
    assert window.settings.get(keys.THEME) == "light"
    window.commands.actions.themes["system"].trigger()  # back to the system's: dark now
    assert is_dark(QApplication.palette())


def test_a_system_dark_last_time_is_dark_before_the_first_paint(faq_home, system):
    from reader.ui.window.look import apply_at_start
    from tests.home import home_paths

    settings = keys.Settings(keys.settings_path(home_paths().config))
    settings.set(keys.SYSTEM_LOOK, "dark")
    apply_at_start(settings)
    assert is_dark(QApplication.palette())
    theme.apply_theme(QApplication.instance(), "system")
    assert not is_dark(QApplication.palette())
