"""The files of one index folder: vouched for by a manifest, read back into memory.

The manifest (size and CRC-32 of every file) is written last: a folder without a valid
manifest, or whose files do not match it (truncated, overwritten with garbage), does not
open, and is rebuilt. Opening reads the checked files into memory and searches there (no
memory-mapped file to be truncated under us, no open file to pin the folder on Windows).
Whoosh's write lock is an OS lock (``fcntl``/``msvcrt``), so a lock file left by a killed
process does not block. Beside the index files, the vocabulary: how many questions use each
folded word.
"""

from __future__ import annotations

import json
import logging
import zlib
from collections import Counter
from pathlib import Path

from whoosh.filedb.filestore import RamStorage
from whoosh.index import Index

from reader.fsutil import atomic_write_text

log = logging.getLogger(__name__)

MANIFEST = "reader-index.json"
VOCABULARY = "vocabulary.json"


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


class MemoryStorage(RamStorage):
    """Whoosh's RamStorage, with its temporary files in memory too.

    Whoosh's own puts them in the system's temporary folder, which may well be on the
    same full or read-only disk that sent us to memory in the first place.
    """

    def temp_storage(self, name: str | None = None) -> MemoryStorage:
        return MemoryStorage()


def _read_checked(folder: Path, key: str, count: int) -> MemoryStorage | None:
    """The index files of ``folder`` in memory, if the manifest vouches for every one.

    The searcher then reads from memory: no memory-mapped file that another process could
    truncate under us (a bus error, not an exception), and no open file to stop the
    folder from being renamed on Windows. The index is small (a few MB for 10,000 questions).
    """
    try:
        manifest = json.loads((folder / MANIFEST).read_text(encoding="utf-8"))
        if manifest.get("key") != key or manifest.get("documents") != count:
            return None
        files = manifest["files"]
        if not files:
            return None
        storage = MemoryStorage()
        for name, (size, crc) in files.items():
            data = (folder / name).read_bytes()
            if len(data) != size or zlib.crc32(data) != crc:
                return None
            if name != VOCABULARY:
                storage.files[name] = data
        return storage
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return None


def open_checked(folder: Path, key: str, count: int) -> Index | None:
    """The index in ``folder`` if it is complete and intact, else None."""
    storage = _read_checked(folder, key, count) if folder.is_dir() else None
    if storage is None:
        return None
    try:
        ix = storage.open_index()
        if ix.doc_count() != count:
            return None
        if count == 0:
            return ix
        with ix.searcher() as searcher:  # touch the stored fields and one postings list
            first = searcher.stored_fields(0)["id"]
            postings = searcher.reader().postings("id", first)
            if not postings.is_active():
                return None
        return ix
    except Exception as error:  # Whoosh raises many kinds on damaged files
        log.warning("search index in %s unreadable: %s", folder, error)
        return None


def write_vocabulary(folder: Path, vocabulary: Counter[str]) -> None:
    words = {w: n for w, n in vocabulary.items() if n > 0}
    (folder / VOCABULARY).write_text(json.dumps(words, ensure_ascii=False), encoding="utf-8")


def read_vocabulary(folder: Path) -> dict[str, int]:
    try:
        words = json.loads((folder / VOCABULARY).read_text(encoding="utf-8"))
        return {str(w): int(n) for w, n in words.items()}
    except (OSError, ValueError, AttributeError, TypeError) as error:
        log.warning("search vocabulary unreadable: %s", error)
        return {}
