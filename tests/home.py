"""The folders a test's reader uses, resolved as the entry points do.

Every test runs with its own ``FAQ_READER_HOME`` (``tests/conftest.py``); a test that
stands in for an entry point (the CLI's ``main``, the window's ``run``) asks for the
folders here and passes them down, as the entry point would.
"""

from __future__ import annotations

import dataclasses
from pathlib import Path
from typing import TYPE_CHECKING, Any

from reader.paths import Paths

if TYPE_CHECKING:
    from reader.content.library import LoadedContent
    from reader.ui.window.main_window import MainWindow


def home_paths() -> Paths:
    """The folders under this test's ``FAQ_READER_HOME``."""
    return Paths.from_environment()


def content_paths(resources: Path, data: Path) -> Paths:
    """This test's folders, but with the bundled content in ``resources`` and the
    refreshed content in ``data``."""
    return dataclasses.replace(home_paths(), resources=resources, data=data)


def load_home_library(**options: Any) -> LoadedContent:
    """The content the reader would show now (``load_library`` on this test's folders)."""
    from reader.content.library import load_library

    return load_library(home_paths(), **options)


def new_window(**options: Any) -> MainWindow:
    """The window as ``reader.ui.app`` makes it, on this test's folders."""
    from reader.ui.settings import Settings, settings_path
    from reader.ui.window.main_window import MainWindow

    paths = home_paths()
    return MainWindow(Settings(settings_path(paths.config)), paths, **options)


def commit_faq_page(home: Path, text: str) -> None:
    """Make the user content set under ``home`` hold the bundled FAQ's one page as
    ``text`` (its manifest otherwise the bundled one's), as a refresh would."""
    from reader.content.manifest import page_path, read_manifest, write_manifest
    from reader.content.store import UserStore
    from reader.fsutil import sha256_bytes
    from reader.paths import resources_dir

    store = UserStore(home / "data")
    staged = store.stage()
    data = text.encode()
    (staged / "pages").mkdir()
    (staged / page_path("faq-kit-durgence")).write_bytes(data)
    manifest = read_manifest(resources_dir())
    entry = dataclasses.replace(manifest.pages[0], sha256=sha256_bytes(data))
    write_manifest(staged, dataclasses.replace(manifest, pages=(entry,)))
    store.commit(staged)
