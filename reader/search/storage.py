"""The files of one index folder: vouched for by a manifest, read back into memory.

The manifest (size and CRC-32 of every file) is written last: a folder without a valid
manifest, or whose files do not match it (truncated, overwritten with garbage), does not
open, and is rebuilt. Opening reads the checked files into memory and searches there (no
memory-mapped file to be truncated under us, no open file to pin the folder on Windows).
Whoosh's write lock is an OS lock (``fcntl``/``msvcrt``), so a lock file left by a killed
process does not block. Beside the index files, the tables of :mod:`reader.search.tables`.
"""

from __future__ import annotations

import json
import logging
import zlib
from pathlib import Path

from reader.fsutil import atomic_write_text
from reader.search import engine
from reader.search.tables import FILES, Tables

log = logging.getLogger(__name__)

MANIFEST = "reader-index.json"


def _file_digest(path: Path) -> list[int]:
    crc = 0
    with path.open("rb") as handle:
        while chunk := handle.read(1 << 20):
            crc = zlib.crc32(chunk, crc)
    return [path.stat().st_size, crc]


def _index_files(folder: Path) -> list[Path]:
    return sorted(
        p
        for p in folder.iterdir()
        if p.is_file()
        and p.name != MANIFEST
        and "LOCK" not in p.name
        and not p.name.startswith(".")  # an atomic write's temporary file
    )


def write_manifest(folder: Path, key: str, count: int) -> None:
    manifest = {
        "key": key,
        "documents": count,
        "files": {p.name: _file_digest(p) for p in _index_files(folder)},
    }
    atomic_write_text(folder / MANIFEST, json.dumps(manifest))


def _read_checked(folder: Path, key: str, count: int) -> dict[str, bytes] | None:
    """The files of ``folder``, if the manifest vouches for every one and names the tables."""
    try:
        manifest = json.loads((folder / MANIFEST).read_text(encoding="utf-8"))
        if manifest.get("key") != key or manifest.get("documents") != count:
            return None
        files = manifest["files"]
        if not files or not set(FILES) <= files.keys():
            return None
        contents: dict[str, bytes] = {}
        for name, (size, crc) in files.items():
            data = (folder / name).read_bytes()
            if len(data) != size or zlib.crc32(data) != crc:
                return None
            contents[name] = data
        return contents
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return None


def open_checked(
    folder: Path, key: str, count: int, tables: Tables | None = None
) -> tuple[engine.Engine, Tables] | None:
    """The index in ``folder`` and its tables if they are complete and intact, else None
    (``tables``: those just written there, rather than parse them again)."""
    files = _read_checked(folder, key, count) if folder.is_dir() else None
    if files is None:
        return None
    try:
        opened = engine.open_files({n: data for n, data in files.items() if n not in FILES})
        if opened.doc_count != count:
            return None
        if count:  # touch the id column and one postings list
            page = opened.question_id(0).partition("#")[0]
            if not opened.postings("page", page)[0]:
                return None
        return opened, tables or Tables.parse({name: files[name] for name in FILES})
    except Exception as error:  # Whoosh raises many kinds on damaged files
        log.warning("search index in %s unreadable: %s", folder, error)
        return None
