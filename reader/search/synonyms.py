"""Everyday words for the wiki's words: the synonym list, read once, applied at query time.

The list is a plain text file, ``resources/search/synonymes.txt``, that a maintainer can
read and extend; its format is described at its top. Each word or phrase is keyed by its
analysed form (stop words out, Snowball stem of the unaccented word), so ``Carte Bleue``,
``cartes bleues`` and ``carte bleue`` find the same entry, and ``mot de passe`` is the
key ``(mot, pass)``. Only the query is expanded, never the index: a changed list needs
no rebuild.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from functools import lru_cache
from pathlib import Path
from typing import NamedTuple

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
def load(path: Path | None = None) -> dict[Key, tuple[Alternative, ...]]:
    """The synonym table of ``path`` (default: the bundled list), read once; {} if unreadable."""
    path = path or default_path()
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as error:
        log.warning("synonym list %s unreadable: %s", path, error)
        return {}
    return parse(lines, path.name)


def find(
    words: Sequence[Token], table: dict[Key, tuple[Alternative, ...]]
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
