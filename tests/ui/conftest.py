"""pytest-qt fixtures for the window: offscreen, French, per-user files in tmp_path."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")  # before Qt loads

import pytest
from PySide6.QtCore import QLocale

from reader.ui.language import install_translators
from tests.home import home_paths, new_window


@pytest.fixture(autouse=True)
def faq_home(tmp_path, monkeypatch):
    """Every test gets its own FAQ_READER_HOME (settings, index cache, logs)."""
    home = tmp_path / "home"
    monkeypatch.setenv("FAQ_READER_HOME", str(home))
    return home


@pytest.fixture(autouse=True)
def no_way_out(monkeypatch):
    """The test machine has no way out: every address but the loopback goes through a
    proxy that refuses, as a computer off the network would (the wiki's real address is
    never asked); the tests' own local wikis are reached directly."""
    from tests.sync.fake_wiki import refused_url

    refused = refused_url()
    for name in ("http_proxy", "https_proxy", "HTTP_PROXY", "HTTPS_PROXY"):
        monkeypatch.setenv(name, refused)
    for name in ("no_proxy", "NO_PROXY"):
        monkeypatch.setenv(name, "127.0.0.1,localhost")


@pytest.fixture(autouse=True)
def french(qapp):
    """The interface in French, as on the users' machines."""
    QLocale.setDefault(QLocale(QLocale.Language.French, QLocale.Country.France))
    install_translators(qapp, home_paths().resources)
    yield
    QLocale.setDefault(QLocale(QLocale.Language.French, QLocale.Country.France))


@pytest.fixture(autouse=True)
def normal_size():
    """The application's font back to its size once a test has zoomed."""
    yield
    from reader.ui.zoom import Zoom

    Zoom().set_step(0)


@pytest.fixture
def open_window(qtbot):
    """Open the real window as the app does and wait until its content is shown."""
    from reader.ui.window.main_window import MainWindow

    def make(wait_index: bool = True) -> MainWindow:
        window = new_window()
        qtbot.addWidget(window)
        with qtbot.waitSignal(window.contentLoaded, timeout=10_000):
            window.show()
        if wait_index and not window.search.ready:
            qtbot.waitUntil(lambda: window.search.ready, timeout=20_000)
        return window

    return make


@pytest.fixture
def window(open_window):
    return open_window()


class FakeDesktop:
    """Stands in for QDesktopServices: records the URLs the app hands to the system.

    ``works = False`` is a computer with no browser and no application set up: the system
    takes nothing (``openUrl`` answers False, as Qt's does then).
    """

    def __init__(self) -> None:
        self.opened: list = []
        self.works = True

    def openUrl(self, url) -> bool:
        from PySide6.QtCore import QUrl

        self.opened.append(QUrl(url))
        return self.works


@pytest.fixture
def desktop(monkeypatch):
    """The system browser and file opener, patched: nothing leaves the test."""
    from PySide6.QtGui import QDesktopServices

    from reader.ui import external
    from reader.ui.browser import BrowserCheck

    fake = FakeDesktop()
    # On Qt's class itself, so that every caller (whenever it imports it) gets the fake.
    monkeypatch.setattr(QDesktopServices, "openUrl", fake.openUrl)
    # Whether a browser is set up is the fake's to say too (``works``), not this machine's.
    monkeypatch.setattr(external, "BROWSER", BrowserCheck(lambda: False))
    return fake
