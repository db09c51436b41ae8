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


def program_dir() -> Path:
    """The folder holding the program: the bundle's executable, else the launcher script."""
    if getattr(sys, "frozen", False):
        return Path(sys.executable).resolve().parent
    launcher = Path(sys.argv[0]) if sys.argv and sys.argv[0] else Path(sys.executable)
    return launcher.resolve().parent


def portable_root(requested: bool = False) -> Path | None:
    """The portable data folder when portable mode is on (``requested``, i.e. the
    ``--portable`` option, or a marker file beside the program), else None."""
    folder = program_dir()
    if requested or any((folder / name).is_file() for name in PORTABLE_MARKERS):
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
class Paths:
    """Every folder the reader reads or writes, resolved once at the entry point.

    The CLI's ``main`` and the window's ``run`` build it (:meth:`from_environment`) and
    pass it down; nothing below them looks at the environment. ``mode`` says why the
    per-user folders are where they are.
    """

    resources: Path  # the bundled, read-only snapshot (pages, media, icons, translations)
    data: Path  # refreshed content store
    cache: Path  # search index, built pages
    config: Path  # settings, sources
    log: Path  # log files
    mode: str  # "FAQ_READER_HOME", "portable" or "platformdirs"

    @classmethod
    def from_environment(cls, portable: bool = False) -> Paths:
        """The folders for this process: ``FAQ_READER_HOME``, else portable mode (asked
        for by ``portable`` or a marker file beside the program), else platformdirs'."""
        resources = resources_dir()
        home = os.environ.get(HOME_ENV, "").strip()
        if home:
            root = Path(home).expanduser().resolve()
            return cls.under(root, HOME_ENV, resources)
        portable_data = portable_root(portable)
        if portable_data is not None:
            return cls.under(portable_data, "portable", resources)
        import platformdirs

        dirs = platformdirs.PlatformDirs(APP_NAME, appauthor=False)
        return cls(
            resources,
            Path(dirs.user_data_dir),
            Path(dirs.user_cache_dir),
            Path(dirs.user_config_dir),
            Path(dirs.user_log_dir),
            "platformdirs",
        )

    @classmethod
    def under(cls, root: Path, mode: str = HOME_ENV, resources: Path | None = None) -> Paths:
        """Every per-user folder under one ``root`` (``FAQ_READER_HOME``, portable, tests)."""
        return cls(
            resources or resources_dir(),
            root / "data",
            root / "cache",
            root / "config",
            root / "logs",
            mode,
        )

    @property
    def index_dir(self) -> Path:
        """Where the search indexes are kept (one folder per content key)."""
        return self.cache / "index"

    @property
    def page_cache_dir(self) -> Path:
        """Where built pages are cached (:mod:`reader.content.page_cache`)."""
        return self.cache / "pages"

    @property
    def search_cache_dir(self) -> Path:
        """Where the search layer caches parsed tables (synonyms …)."""
        return self.cache / "search"


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


def storage_problem(dirs: Paths) -> str | None:
    """One French sentence saying what the reader cannot save and why, or None if all is well.

    For the CLI (one line on stderr) and the window (a status-bar note); the reader still
    runs on the bundled FAQ, and the search index is then kept in memory.
    """
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
