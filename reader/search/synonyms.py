"""Everyday words for the wiki's words: the synonym list, read once, applied at query time.

The list is a plain text file, ``resources/search/synonymes.txt``, that a maintainer can
read and extend; its format is described at its top. Each word or phrase is keyed by its
analysed form (stop words out, Snowball stem of the unaccented word), so ``Carte Bleue``,
``cartes bleues`` and ``carte bleue`` find the same entry, and ``mot de passe`` is the
key ``(mot, pass)``. Only the query is expanded, never the index: a changed list needs
no rebuild.
"""

from __future__ import annotations

import hashlib
import logging
import marshal
from collections.abc import Iterator, Mapping, Sequence
from functools import lru_cache
from pathlib import Path
from typing import Any, NamedTuple

from reader.fsutil import atomic_write_bytes
from reader.search.analysis import Token, tokens

log = logging.getLogger(__name__)

FILE_NAME = "synonymes.txt"
MAX_PHRASE = 4  # words in the longest entry looked for


class Alternative(NamedTuple):
    """Another way to say a query phrase: its text as written in the list, and its words."""

    text: str
    words: tuple[Token, ...]


Key = tuple[str, ...]


def key_of(words: Sequence[Token]) -> Key:
    """The lookup key of analysed words: the stem of each word without accents."""
    return tuple(word.stems[-1] for word in words)


def parse(lines: Sequence[str], source: str = FILE_NAME) -> dict[Key, tuple[Alternative, ...]]:
    """Key of each word or phrase → the other ways to say it. Broken lines are skipped."""
    table: dict[Key, dict[str, Alternative]] = {}
    for number, raw in enumerate(lines, 1):
        line = raw.split("#", 1)[0].strip()
        if not line:
            continue
        if line.count("=>") > 1:
            log.warning("%s:%d: more than one '=>', line skipped", source, number)
            continue
        left, arrow, right = line.partition("=>")
        sources = _phrases(left)
        targets = _phrases(right) if arrow else sources
        if not sources or not targets or (not arrow and len(sources) < 2):
            log.warning("%s:%d: nothing to map, line skipped: %r", source, number, raw.strip())
            continue
        for _text, words in sources:
            mapped = table.setdefault(key_of(words), {})
            for other_text, other_words in targets:
                if key_of(other_words) != key_of(words):
                    mapped.setdefault(other_text, Alternative(other_text, other_words))
    return {
        key: tuple(alternatives.values()) for key, alternatives in table.items() if alternatives
    }


def _phrases(text: str) -> list[tuple[str, tuple[Token, ...]]]:
    out = []
    for phrase in text.split(","):
        phrase = " ".join(phrase.split())
        words = tuple(tokens(phrase))
        if words and len(words) <= MAX_PHRASE:
            out.append((phrase, words))
    return out


def default_path() -> Path:
    """The bundled list (in a checkout, a wheel or a frozen app alike)."""
    from reader.paths import resources_dir

    return resources_dir() / "search" / FILE_NAME


@lru_cache(maxsize=4)
def load(
    path: Path | None = None, cache_dir: Path | None = None
) -> Mapping[Key, tuple[Alternative, ...]]:
    """The parsed list at ``path`` (the bundled one by default).

    Analysing every entry takes a good part of a command-line search's start-up, so the
    table is also kept in ``cache_dir`` (when given), named after the list's bytes and the
    analyzer's version; any problem with that copy and the list is simply parsed again.
    """
    path = path or default_path()
    try:
        raw = path.read_bytes()
        lines = raw.decode("utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as error:
        log.warning("synonym list %s unreadable: %s", path, error)
        return {}
    cached = _cache_file(raw, cache_dir)
    table: Mapping[Key, tuple[Alternative, ...]] | None = _read_cache(cached)
    if table is None:
        parsed = parse(lines, path.name)
        _write_cache(cached, parsed)
        table = parsed
    return table


_CACHE_FORMAT = 1


def _cache_file(raw: bytes, cache_dir: Path | None) -> Path | None:
    if cache_dir is None:  # no cache folder: parse every time
        return None
    from reader.search.analysis import ANALYZER_VERSION

    digest = hashlib.sha256(raw).hexdigest()[:24]
    return cache_dir / f"synonymes-{digest}-a{ANALYZER_VERSION}f{_CACHE_FORMAT}.marshal"


class _CachedTable(Mapping[Key, tuple[Alternative, ...]]):
    """The cached table, its entries made into tokens when first looked up (a query looks
    up a handful of the hundreds)."""

    def __init__(self, rows: dict[Key, list[Any]]) -> None:
        self._rows = rows
        self._made: dict[Key, tuple[Alternative, ...]] = {}

    def __getitem__(self, key: Key) -> tuple[Alternative, ...]:
        made = self._made.get(key)
        if made is None:
            made = tuple(
                Alternative(text, tuple(Token(*word) for word in words))
                for text, words in self._rows[key]
            )
            self._made[key] = made
        return made

    def __contains__(self, key: object) -> bool:
        return key in self._rows

    def __iter__(self) -> Iterator[Key]:
        return iter(self._rows)

    def __len__(self) -> int:
        return len(self._rows)


def _read_cache(cached: Path | None) -> Mapping[Key, tuple[Alternative, ...]] | None:
    if cached is None:
        return None
    try:
        rows = marshal.loads(cached.read_bytes())
        if not isinstance(rows, list):
            raise TypeError(type(rows).__name__)
        return _CachedTable({tuple(key): alts for key, alts in rows})
    except FileNotFoundError:
        return None
    except Exception as error:  # damaged: parse again and rewrite it
        log.warning("cached synonym list %s unreadable: %s", cached, error)
        return None


def _write_cache(cached: Path | None, table: dict[Key, tuple[Alternative, ...]]) -> None:
    if cached is None:
        return
    # Plain tuples and lists of strings and ints: marshal reads them back fast, and unlike
    # pickle it cannot be made to run code by whoever can write the cache folder.
    rows = [
        (key, [(alt.text, [tuple(word) for word in alt.words]) for alt in alts])
        for key, alts in table.items()
    ]
    try:
        cached.parent.mkdir(parents=True, exist_ok=True)
        for old in cached.parent.glob("synonymes-*"):
            if old != cached:
                old.unlink(missing_ok=True)
        atomic_write_bytes(cached, marshal.dumps(rows))
    except OSError as error:  # read-only or full cache: fine, parse next time
        log.debug("synonym list not cached: %s", error)


def find(
    words: Sequence[Token], table: Mapping[Key, tuple[Alternative, ...]]
) -> list[tuple[int, int]]:
    """Spans ``(start, end)`` of ``words`` that the table knows: longest first, no overlap."""
    spans: list[tuple[int, int]] = []
    start = 0
    while start < len(words):
        for end in range(min(len(words), start + MAX_PHRASE), start, -1):
            if key_of(words[start:end]) in table:
                spans.append((start, end))
                start = end
                break
        else:
            start += 1
    return spans
