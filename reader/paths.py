"""Where things live: the bundled resources and the per-user folders.

Bundled content is found the same way from a checkout, an installed wheel and a
PyInstaller bundle. Per-user files (refreshed content, index, settings, logs) go under
``FAQ_READER_HOME`` when it is set; else, in portable mode (a file named ``portable``
beside the program, or ``--portable``), in a ``faq-reader-data`` folder beside the
program, so the reader can live on a USB stick; else in platformdirs' locations for
``faq-reader``. Nothing is created at import; callers ask for a folder when they are
about to write.
"""

from __future__ import annotations

import errno
import os
import shutil
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

from reader import APP_NAME

HOME_ENV = "FAQ_READER_HOME"
PORTABLE_MARKER = "portable"
# Windows' Explorer hides extensions, so "portable" made there is often "portable.txt".
PORTABLE_MARKERS = (PORTABLE_MARKER, f"{PORTABLE_MARKER}.txt")
MIN_FREE_BYTES = 1 << 20  # below this, a folder counts as full (an index is ~1 MiB)
PORTABLE_DATA = "faq-reader-data"
_portable_flag = False


def program_dir() -> Path:
    """The folder holding the program: the bundle's executable, else the launcher script."""
    if getattr(sys, "frozen", False):
        return Path(sys.executable).resolve().parent
    launcher = Path(sys.argv[0]) if sys.argv and sys.argv[0] else Path(sys.executable)
    return launcher.resolve().parent


def set_portable(enabled: bool) -> None:
    """Turn portable mode on for this process (the ``--portable`` option)."""
    global _portable_flag
    _portable_flag = enabled


def portable_requested() -> bool:
    """Whether ``--portable`` was given (the marker file is checked by ``portable_root``)."""
    return _portable_flag


def portable_root() -> Path | None:
    """The portable data folder when portable mode is on, else None."""
    folder = program_dir()
    if _portable_flag or any((folder / name).is_file() for name in PORTABLE_MARKERS):
        return folder / PORTABLE_DATA
    return None


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
    portable = portable_root()
    if portable is not None:
        return UserDirs(
            portable / "data",
            portable / "cache",
            portable / "config",
            portable / "logs",
            "portable",
        )
    import platformdirs

    dirs = platformdirs.PlatformDirs(APP_NAME, appauthor=False)
    return UserDirs(
        Path(dirs.user_data_dir),
        Path(dirs.user_cache_dir),
        Path(dirs.user_config_dir),
        Path(dirs.user_log_dir),
        "platformdirs",
    )


MODE_LABELS = {
    HOME_ENV: "dossier choisi par FAQ_READER_HOME",
    "portable": "mode portable : dossier à côté du programme",
    "platformdirs": "dossiers habituels de l'utilisateur",
}


# What each per-user folder keeps, for the message that says what cannot be saved.
_KEPT = {
    "data": "les mises à jour du contenu",
    "cache": "l'index de recherche",
    "config": "les réglages",
    "log": "le journal",
}


def write_problem(folder: Path) -> str | None:
    """Why files cannot be saved in ``folder`` (in French), or None if they can.

    Creates nothing that stays: the folder's nearest existing ancestor gets a probe file
    that is removed at once, so a read-only stick, a full disk, a path through a file and
    a folder without write access are all told apart from a folder not made yet.
    """
    existing = folder
    while not existing.exists() and existing.parent != existing:
        existing = existing.parent
    if not existing.is_dir():
        return f"« {existing} » est un fichier, pas un dossier"
    try:
        with tempfile.NamedTemporaryFile(dir=existing, prefix=".faq-reader-probe-"):
            pass
        if shutil.disk_usage(existing).free < MIN_FREE_BYTES:
            return "le disque est plein"
    except OSError as error:
        if error.errno == errno.EROFS:
            return "le support est en lecture seule"
        if error.errno in (errno.ENOSPC, errno.EDQUOT):
            return "le disque est plein"
        if error.errno in (errno.EACCES, errno.EPERM):
            return "l'écriture y est interdite"
        return error.strerror or type(error).__name__
    return None


def storage_problem(dirs: UserDirs | None = None) -> str | None:
    """One French sentence saying what the reader cannot save and why, or None if all is well.

    For the CLI (one line on stderr) and the window (a status-bar note); the reader still
    runs on the bundled FAQ, and the search index is then kept in memory.
    """
    dirs = dirs or user_dirs()
    failing: dict[str, str] = {}
    reason = where = None
    for key, what in _KEPT.items():
        folder = getattr(dirs, key)
        problem = write_problem(folder)
        if problem is not None:
            failing[key] = what
            if reason is None:
                reason, where = problem, folder
    if reason is None:
        return None
    if dirs.mode != "platformdirs":
        where = dirs.data.parent  # one root for every per-user file
    items = list(failing.values())
    listed = items[0] if len(items) == 1 else ", ".join(items[:-1]) + " ni " + items[-1]
    return (
        f"impossible d'enregistrer dans « {where} » ({reason}) : la FAQ fournie reste "
        f"lisible, mais sans garder {listed} ({MODE_LABELS[dirs.mode]})."
    )
