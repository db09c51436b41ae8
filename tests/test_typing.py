"""The whole reader stays clean under ``mypy --strict``: every layer below the window
(content, render, search, sync, packs, and the folders, files and logging helpers they
share), the command line (cli), the window (ui, against PySide6's own stubs) and the
package's entry points.

mypy reads its configuration from pyproject.toml and keeps its cache in ``.mypy_cache``
at the checkout's root: a few seconds on a clean clone, under one second after.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
CORE = (
    "reader/content",
    "reader/render",
    "reader/search",
    "reader/sync",
    "reader/packs",
    "reader/paths.py",
    "reader/fsutil.py",
    "reader/logs.py",
    "reader/cli",
    "reader/ui",
    "reader/__init__.py",
    "reader/__main__.py",
)


def test_the_reader_passes_mypy_strict() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "mypy", "--strict", *CORE],
        cwd=REPO,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
