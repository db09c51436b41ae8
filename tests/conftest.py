"""Shared test set-up: every test gets its own FAQ_READER_HOME, so none touches ~."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import settings

from reader.paths import Paths

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

# The property tests draw the same examples at every run, so that a run of the suite (CI's
# included) passes or fails for what the code does, not for what it drew. To look for new
# counter-examples, draw others: HYPOTHESIS_PROFILE=explore pytest tests/test_render_dialect.py
settings.register_profile("repeatable", derandomize=True)
settings.register_profile("explore", derandomize=False)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "repeatable"))

pytest_plugins = ["tests.dokuwiki_server"]

REPO = Path(__file__).resolve().parent.parent
SEED_PAGE = REPO / "resources" / "pages" / "faq-kit-durgence.txt"


@pytest.fixture(autouse=True)
def faq_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A private per-user folder for the test (refreshed content, index, settings, logs)."""
    home = tmp_path / "faq-home"
    monkeypatch.setenv("FAQ_READER_HOME", str(home))
    return home


@pytest.fixture
def paths(faq_home: Path) -> Paths:
    """The folders the reader uses for this test, as an entry point resolves them."""
    return Paths.under(faq_home)
