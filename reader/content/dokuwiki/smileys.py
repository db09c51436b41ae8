"""Smileys: DokuWiki's default table and where smileys stand in a text.

DokuWiki shows ``:-)``, ``FIXME`` and the rest of ``conf/smileys.conf`` as small pictures,
the files of ``lib/images/smileys/``. The converter writes each as an ``<img>`` whose
source is ``smiley:<file>``, which the renderer resolves (:mod:`reader.render.smileys`):
the wiki's own picture when a refresh fetched it, else the default set bundled in
``resources/smileys/``. :func:`smiley_files` lists the pictures a page uses, for the
refresh to fetch from ``<wiki>/`` + :func:`smiley_path`.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from reader.content.dokuwiki.output import escape_attr
from reader.content.dokuwiki.state import ConversionState

__all__ = [
    "SMILEYS",
    "SMILEY_FILES",
    "SMILEY_PATTERN",
    "SmileyRuns",
    "is_smiley",
    "smiley_files",
    "smiley_path",
]

#: ``conf/smileys.conf`` of DokuWiki 2022-07-31b: the text → its picture, in the file's
#: order (DokuWiki tries them in this order).
SMILEYS: dict[str, str] = {
    "8-)": "cool.svg",
    "8-O": "eek.svg",
    "8-o": "eek.svg",
    ":-(": "sad.svg",
    ":-)": "smile.svg",
    "=)": "smile2.svg",
    ":-/": "doubt.svg",
    ":-\\": "doubt2.svg",
    ":-?": "confused.svg",
    ":-D": "biggrin.svg",
    ":-P": "razz.svg",
    ":-o": "surprised.svg",
    ":-O": "surprised.svg",
    ":-x": "silenced.svg",
    ":-X": "silenced.svg",
    ":-|": "neutral.svg",
    ";-)": "wink.svg",
    "m(": "facepalm.svg",
    "^_^": "fun.svg",
    ":?:": "question.svg",
    ":!:": "exclaim.svg",
    "LOL": "lol.svg",
    "FIXME": "fixme.svg",
    "DELETEME": "deleteme.svg",
}
#: Pictures one text may show: each is written whole into the page (a ``data:`` URI of up
#: to 4 KB), so that past this many the rest of a text's smileys stay text.
MAX_SMILEYS = 200
#: The picture files of the table.
SMILEY_FILES: frozenset[str] = frozenset(SMILEYS.values())

#: The smileys' texts, to search (a plain alternation: several times faster than with the
#: boundary tests of :func:`is_smiley` in it).
SMILEY_PATTERN = re.compile("|".join(re.escape(smiley) for smiley in SMILEYS))
_WORD = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_")


def is_smiley(text: str, start: int, end: int) -> bool:
    """Whether the smiley text at ``start:end`` stands as DokuWiki's pattern wants it,
    ``(?<=\\W|^)smiley(?=\\W|$)`` in bytes: no ASCII letter, digit or '_' touching it."""
    return (start == 0 or text[start - 1] not in _WORD) and (
        end == len(text) or text[end] not in _WORD
    )


def smiley_path(file: str) -> str:
    """Where a wiki serves a smiley's picture, from its base URL (``lib/images/smileys/…``)."""
    return f"lib/images/smileys/{file}"


def smiley_files(text: str) -> tuple[str, ...]:
    """The picture files of the smileys in DokuWiki ``text``, in order of first use.

    A plain scan: smileys inside code or ``%%…%%`` count too, so a refresh may fetch a
    picture that the page does not show; it never misses one.
    """
    found = dict.fromkeys(
        SMILEYS[m.group(0)]
        for m in SMILEY_PATTERN.finditer(text)
        if is_smiley(text, m.start(), m.end())
    )
    return tuple(found)


class SmileyRuns:
    """The smileys of one inline text, written as pictures in its runs of plain text.

    Runs are asked for in order (:meth:`text`); a smiley that a token cuts, or that lies
    inside one, stays text. The pictures' ``smiley:<file>`` sources are resolved by the
    renderer; the files used are recorded in ``state.smileys``.
    """

    __slots__ = ("escape", "next", "source", "spans", "state")

    def __init__(self, state: ConversionState, source: str, escape: Callable[[str], str]) -> None:
        self.state, self.source, self.escape = state, source, escape
        self.spans = [m.span() for m in SMILEY_PATTERN.finditer(source)]
        self.next = 0  # the first span not yet passed

    def text(self, start: int, end: int, out: list[str]) -> None:
        """Append the run ``start:end`` of the source, escaped, its smileys as pictures."""
        source, spans = self.source, self.spans
        while self.next < len(spans) and spans[self.next][0] < start:
            self.next += 1
        while self.next < len(spans) and spans[self.next][1] <= end:
            a, b = spans[self.next]
            self.next += 1
            if not is_smiley(source, a, b):
                continue
            if self.state.smiley_count >= MAX_SMILEYS:
                self.state.warn("too many smileys: the rest are shown as text")
                break
            self.state.smiley_count += 1
            if a > start:
                out.append(self.escape(source[start:a]))
            file = SMILEYS[source[a:b]]
            self.state.smileys.setdefault(file, None)
            alt = escape_attr(source[a:b])
            out.append(f'<img src="smiley:{file}" class="icon smiley" alt="{alt}" />')
            start = b
        if end > start:
            out.append(self.escape(source[start:end]))
