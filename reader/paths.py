"""Where things live: the bundled resources and the per-user folders.

Bundled content is found the same way from a checkout, an installed wheel and a
PyInstaller bundle. Per-user files (refreshed content, index, settings, logs) go under
``FAQ_READER_HOME`` when it is set, else in platformdirs' locations for ``faq-reader``.
Nothing is created at import; callers ask for a folder when they are about to write.
"""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass
from pathlib import Path

from reader import APP_NAME

HOME_ENV = "FAQ_READER_HOME"


def resources_dir() -> Path:
    """The bundled, read-only ``resources/`` folder (pages, media, manifest, translations)."""
    frozen_root = getattr(sys, "_MEIPASS", None)
    candidates = []
    if frozen_root:
        candidates.append(Path(frozen_root) / "resources")
    package_dir = Path(__file__).resolve().parent
    candidates.append(package_dir / "resources")  # installed wheel: reader/resources
    candidates.append(package_dir.parent / "resources")  # source checkout
    for candidate in candidates:
        if (candidate / "manifest.json").is_file():
            return candidate
    return candidates[-1]


@dataclass(frozen=True)
class UserDirs:
    """The per-user folders; ``mode`` says why they are where they are."""

    data: Path  # refreshed content store
    cache: Path  # search index
    config: Path  # settings
    log: Path  # log files
    mode: str  # "FAQ_READER_HOME", "portable" or "platformdirs"


def user_dirs() -> UserDirs:
    """Resolve the per-user folders from the environment (read on every call)."""
    home = os.environ.get(HOME_ENV, "").strip()
    if home:
        root = Path(home).expanduser().resolve()
        return UserDirs(root / "data", root / "cache", root / "config", root / "logs", HOME_ENV)
    import platformdirs

    dirs = platformdirs.PlatformDirs(APP_NAME, appauthor=False)
    return UserDirs(
        Path(dirs.user_data_dir),
        Path(dirs.user_cache_dir),
        Path(dirs.user_config_dir),
        Path(dirs.user_log_dir),
        "platformdirs",
    )
