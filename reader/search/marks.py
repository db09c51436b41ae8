"""Which words of a question's texts matched the query, how, and the tag that marks each.

A check's coverage (:mod:`reader.search.coverage`) says how each index term stands for the
query: its ways, the user's own words first. Where a text writes the query's words is
known (:class:`~reader.search.textwords.QuestionWords`); what each word as written gives
(the parts that matched, how, and their opening tag in a snippet) depends only on it and
on the ways, so a :class:`Marker` works it out once for every question of a query whose
coverage has the same ways.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from reader.search.analysis import word_parts
from reader.search.results import MatchedWord
from reader.search.snippets import MARK, Mark, synonym_mark

if TYPE_CHECKING:
    from reader.search.coverage import Way
    from reader.search.textwords import Found

_Parts = tuple[tuple[int, int, str, MatchedWord], ...]


class Marker:
    """The words that matched through ``ways`` (index term → how it stands for the query;
    the first of the ways that has one of a word's terms says how the word matched)."""

    __slots__ = ("_known", "_ways")

    def __init__(self, ways: tuple[dict[str, Way], ...]) -> None:
        self._ways = ways
        self._known: dict[str, _Parts] = {}

    def marks(self, found: Found) -> list[Mark]:
        """The words of one text that matched (one of ``QuestionWords.texts``), in order."""
        known = self._known
        out: list[Mark] = []
        for start, raw in found:
            parts = known.get(raw)
            if parts is None:
                parts = known[raw] = self._parts(raw)
            for offset, length, tag, word in parts:
                begin = start + offset
                out.append((begin, begin + length, tag, word))
        return out

    def _parts(self, raw: str) -> _Parts:
        """The parts of a word as written that matched: (offset, length, tag, how)."""
        out = []
        for offset, surface, folded, stems in word_parts(raw):
            way = self._way({folded, *stems})
            if way is not None:
                word = MatchedWord(surface, way.kind(surface, folded), way.stands_for)
                tag = synonym_mark(way.stands_for) if word.synonym else MARK
                out.append((offset, len(surface), tag, word))
        return tuple(out)

    def _way(self, terms: set[str]) -> Way | None:
        for ways in self._ways:
            for term, way in ways.items():
                if term in terms:
                    return way
        return None
