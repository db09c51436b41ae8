"""Plain text for indexing, and snippets with the hit words marked.

Answers are Markdown; the index and the snippets want the words only, without link
targets, image paths or emphasis marks. Snippets are safe HTML: the text is escaped and
only ``<mark>`` is added (with a class and a title, escaped too, for a synonym's match).
"""

from __future__ import annotations

import html
import re
from bisect import bisect_right
from collections.abc import Sequence
from functools import lru_cache

from reader.search.results import MatchedWord

_IMAGE = re.compile(r"!\[([^\]]*)\]\([^)]*\)")
_LINK = re.compile(r"\[([^\]]*)\]\([^)]*\)")
_AUTOLINK = re.compile(r"<(?:https?|mailto|wiki):[^>]*>")
_HTML_TAG = re.compile(r"</?[A-Za-z][^>]*>")
_MARKUP = re.compile(r"(^|\s)(?:#{1,6}|[*+-]|\d+\.|>)\s+|[*_`~|]{1,3}", re.M)

SNIPPET_CHARS = 180


@lru_cache(maxsize=4096)
def plain_text(markdown: str) -> str:
    """The readable words of a Markdown text, on one line."""
    text = _IMAGE.sub(r"\1", markdown)
    text = _LINK.sub(r"\1", text)
    text = _AUTOLINK.sub(" ", text)
    text = _HTML_TAG.sub(" ", text)
    text = _MARKUP.sub(r"\1", text)
    return " ".join(text.split())  # what ``\s+`` → " " then strip() gives, faster


MARK = "<mark>"
SYNONYM_CLASS = "synonym"


def synonym_mark(stands_for: str) -> str:
    """The opening tag of a synonym's match, its title naming the query word it stands for."""
    title = html.escape(f"synonyme de « {stands_for} »", quote=True)
    return f'<mark class="{SYNONYM_CLASS}" title="{title}">'


Mark = tuple[int, int, str, MatchedWord]
"""A word to mark: where it starts and ends in the text, its opening tag (:data:`MARK` or
:func:`synonym_mark`), and how it matched."""


def mark(text: str, hits: Sequence[Mark], start: int = 0, end: int | None = None) -> str:
    """Escape ``text[start:end]`` and wrap the ``hits`` inside it in their tags."""
    end = len(text) if end is None else end
    out: list[str] = []  # the text's pieces at even places, the tags between them
    pos = start
    for begin, stop, tag, _ in hits:
        if begin < pos or stop > end:
            continue
        out += (text[pos:begin], tag, text[begin:stop], "</mark>")
        pos = stop
    out.append(text[pos:end])
    if _SPECIAL.search(text, start, end):  # most texts have nothing to escape
        out[::2] = map(_escape, out[::2])
    return "".join(out)


_SPECIAL = re.compile("[&<>]")


def _escape(text: str) -> str:
    return html.escape(text, quote=False)


def index_text(markdown: str) -> str:
    """The text to index for an answer: link targets and image paths left out.

    Cheaper than :func:`plain_text`: the analyzer skips punctuation and emphasis marks.
    """
    if "](" in markdown:
        markdown = _LINK.sub(r"\1", _IMAGE.sub(r"\1", markdown))
    if "<" in markdown:
        markdown = _HTML_TAG.sub(" ", _AUTOLINK.sub(" ", markdown))
    return markdown


def snippet(text: str, hits: Sequence[Mark], width: int = SNIPPET_CHARS) -> str:
    """Safe HTML: a window of about ``width`` characters of ``text`` around the most hits.

    ``hits`` are the words of ``text`` to mark, in order, as for :func:`mark`.
    """
    if len(text) <= width:
        return mark(text, hits)
    best_start, best_count = 0, -1
    # The hits within ``width`` of each one are a run of those after it (words in text
    # order end in order too): found by bisection.
    ends = [marked[1] for marked in hits]
    for i, marked in enumerate(hits):
        count = bisect_right(ends, marked[0] + width, i) - i
        if count > best_count:
            best_start, best_count = marked[0], count
    # Start a little before the first hit, on a word boundary.
    start = max(0, best_start - width // 4)
    if start:
        space = text.rfind(" ", 0, start)
        start = space + 1 if space >= 0 and start - space < 20 else start
    end = min(len(text), start + width)
    if end < len(text):
        space = text.find(" ", end)
        end = space if 0 <= space - end < 20 else end
    body = mark(text, hits, start, end)
    return ("…" if start else "") + body + ("…" if end < len(text) else "")
