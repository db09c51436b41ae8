"""The pure layers (content, search, sync) stay clean under ``mypy --strict``.

mypy reads its configuration from pyproject.toml and keeps its cache in ``.mypy_cache``
at the checkout's root: a few seconds on a clean clone, under one second after.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
CORE = ("reader/content", "reader/search", "reader/sync")


def test_the_core_packages_pass_mypy_strict() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "mypy", "--strict", *CORE],
        cwd=REPO,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
