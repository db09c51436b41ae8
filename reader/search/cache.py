"""The index's folder in the per-user cache: its name, how it is put in place, the sweeping.

The index lives in the per-user cache, in a folder named after the content's hash and the
analyzer's and schema's versions, so a content change or an analyzer change simply names
another folder. It is built in a temporary folder beside it and renamed into place. Other
keys' folders, and temporary folders left by killed builds, are removed.
"""

from __future__ import annotations

import errno
import logging
import os
import re
import shutil
import tempfile
import time
from pathlib import Path

from reader.content.model import Library
from reader.search.analysis import ANALYZER_VERSION
from reader.search.build import PROCESS_THRESHOLD, build_folder, build_in_process
from reader.search.documents import content_hash, rows
from reader.search.engine import Engine
from reader.search.schema import SCHEMA_VERSION
from reader.search.storage import open_checked
from reader.search.tables import Tables

log = logging.getLogger(__name__)

_TEMP_PREFIX = ".build-"
_TRASH_PREFIX = ".trash-"
_STALE_TEMP_SECONDS = 600
INDEX_FORMAT = f"a{ANALYZER_VERSION}s{SCHEMA_VERSION}"
_KEY = re.compile(r"[0-9a-f]{32}-a\d+s\d+")


def index_key(library: Library) -> str:
    """The name of ``library``'s index folder: its content and the index format."""
    return f"{content_hash(library)[:32]}-{INDEX_FORMAT}"


def remove_tree(path: Path) -> None:
    shutil.rmtree(path, ignore_errors=True)


def build_on_disk(library: Library, cache_dir: Path, key: str, count: int) -> tuple[Engine, Tables]:
    """Build in a temporary folder beside the final one, then rename it into place."""
    cache_dir.mkdir(parents=True, exist_ok=True)
    temp = Path(tempfile.mkdtemp(prefix=f"{_TEMP_PREFIX}{os.getpid()}-", dir=cache_dir))
    try:
        built = False
        if count > PROCESS_THRESHOLD:
            try:
                build_in_process(library, temp, key, count)
                built = True
            except Exception as error:  # no process (frozen app, limits…): build here
                log.warning("index build process failed, building here: %s", error)
                remove_tree(temp)
                temp.mkdir()
        if not built:
            build_folder(temp, rows(library), key, count)
        final = cache_dir / key
        if final.exists():
            trash = cache_dir / f"{_TRASH_PREFIX}{key}-{os.getpid()}-{time.monotonic_ns()}"
            os.replace(final, trash)
            remove_tree(trash)
        os.replace(temp, final)
    except BaseException:
        remove_tree(temp)
        raise
    opened = open_checked(final, key, count)
    if opened is None:
        raise OSError(errno.EIO, "the index just built does not read back", str(final))
    return opened


def cleanup(cache_dir: Path, keep: str) -> None:
    """Remove other keys' indexes and temporary folders left by killed builds."""
    now = time.time()
    try:
        entries = list(cache_dir.iterdir())
    except OSError:
        return
    for entry in entries:
        if entry.name == keep or not entry.is_dir():
            continue
        try:
            if entry.name.startswith((_TEMP_PREFIX, _TRASH_PREFIX)):
                if now - entry.stat().st_mtime < _STALE_TEMP_SECONDS and _pid_alive(entry):
                    continue  # another process may be building there right now
            elif not _KEY.fullmatch(entry.name):
                continue  # not ours
            remove_tree(entry)
        except OSError:
            continue


def _pid_alive(entry: Path) -> bool:
    try:
        pid = int(entry.name.split("-")[1])
    except (IndexError, ValueError):
        return False
    if os.name != "posix":
        return True  # rely on the age alone
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:
        return True
    return True
