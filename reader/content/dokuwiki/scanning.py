"""Helpers that keep the scans of the converter linear in the length of the text.

Wiki text is untrusted: a line of ten thousand openers must not make each opener search
the rest of the line for its closer, nor each token look back for the start of its line.
"""

from __future__ import annotations

import re


class Closer:
    """The next ``closer`` on the same line, asked from increasing positions.

    Remembers its last answer (a position, or none up to the line's end), so that many
    openers before the same closer, or before none, cost one search in all.
    """

    __slots__ = ("closer", "found", "line_end", "searched", "text")

    def __init__(self, text: str, closer: str) -> None:
        self.text, self.closer = text, closer
        self.searched = self.line_end = -1  # the last search's start, and its line's end
        self.found = -1

    def find(self, pos: int) -> int:
        """The position of the first closer at or after ``pos`` on its line, or -1."""
        if self.searched <= pos < self.line_end and (self.found < 0 or self.found >= pos):
            return self.found
        if pos >= self.line_end:
            line_end = self.text.find("\n", pos)
            self.line_end = len(self.text) if line_end < 0 else line_end
        self.searched = pos
        self.found = self.text.find(self.closer, pos, self.line_end)
        return self.found


_BRACKETS = re.compile(r"\]+")


class LinkEnds:
    """Where a ``[[link]]`` opened before a position ends, as DokuWiki's
    ``\\[\\[.*?\\]\\](?!\\])`` finds it: after the first ``]]``, taken to the end of
    its run of ``]``. Asked from increasing positions, each search is made once."""

    __slots__ = ("at", "end", "text")

    def __init__(self, text: str) -> None:
        self.text = text
        self.at = -2  # the ']]' last found (-1: none is left)
        self.end = -1  # the end of its run of ']'

    def after(self, pos: int) -> int:
        """The end of the link whose body starts at ``pos``, or -1 when none closes."""
        if self.at == -1:
            return -1
        if self.at < pos:
            at = self.text.find("]]", pos)
            if at < 0:
                self.at = -1
                return -1
            run = _BRACKETS.match(self.text, at)
            assert run is not None  # ']]' stands at ``at``
            self.at, self.end = at, run.end()
        return self.end


class LineStarts:
    """Facts about the line that holds a position, computed once per line.

    Positions must be asked in increasing order, as a left-to-right scan does.
    """

    __slots__ = ("_end", "_start", "_test", "_value", "text")

    def __init__(self, text: str, test: re.Pattern[str]) -> None:
        self.text = text
        self._test = test  # matched at the start of the line
        self._start = self._end = -1
        self._value = False

    def matches(self, pos: int) -> bool:
        """Whether ``test`` matches at the start of the line holding ``pos``."""
        if not self._start <= pos < self._end:
            self._start = self.text.rfind("\n", 0, pos) + 1
            end = self.text.find("\n", pos)
            self._end = len(self.text) if end < 0 else end
            self._value = self._test.match(self.text, self._start) is not None
        return self._value
