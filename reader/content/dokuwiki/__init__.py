"""DokuWiki syntax → Markdown, following what DokuWiki 2022-07-31b itself renders.

The Markdown targets python-markdown with the ``extra`` and ``sane_lists`` extensions (see
:mod:`reader.render.html`). Headings carry DokuWiki's section ids (``## Title {#anchor}``),
internal links point to ``wiki:<page id>[#anchor]``, media to ``media:<media id>``; lists and
tables are raw HTML so that nesting, spans and alignment survive. The converter never
raises: what it cannot convert is kept as text and reported in ``Conversion.warnings``.

The modules, in the order the text goes through them:

=============== =========================================================================
``literal``     ``<code>``, ``<file>``, ``<nowiki>``, ``%%``, ``<html>``/``<php>``, macros:
                cut out first, as placeholders; code blocks as fenced code
``blocks``      lines: headings, rules, lists, preformatted text, quotes, paragraphs
``tables``      ``^``/``|`` rows → an HTML table with spans and alignment
``inline``      the inline scan: formatting pairs, line breaks, typography, smart quotes,
                bare urls and e-mail addresses; hands the constructs below their text
``links``       ``[[target|title]]``: internal, external and e-mail links
``interwiki``   ``wp>Name`` shortcuts (links and media)
``media``       ``{{media}}``: images, links to documents, external media as links
``notes``       footnotes over several lines, with lists, tables, code … in them
``footnotes``   ``((footnotes))``: references, numbers and definitions
``smileys``     ``:-)``, ``FIXME`` …: DokuWiki's default table, written as pictures
``output``      escaping for Markdown or raw HTML, attribute values, urls; links
``state``       what one conversion accumulates; the placeholder characters; the
                caller's cancel check
``scanning``    helpers that keep the scans linear (closers searched once per line)
``conf``        DokuWiki's default configuration tables (interwiki, entities …)
=============== =========================================================================
"""

from __future__ import annotations

import functools
import html
import re
from collections.abc import Callable
from dataclasses import dataclass

from reader.content.dokuwiki import notes
from reader.content.dokuwiki.blocks import convert_blocks
from reader.content.dokuwiki.literal import protect
from reader.content.dokuwiki.state import PLACEHOLDER_CHARS, ConversionState
from reader.content.ids import UsedAnchors

__all__ = ["Conversion", "to_markdown"]

_STRIP = str.maketrans({c: "\ufffd" for c in PLACEHOLDER_CHARS + "\x00"})
_RESERVED = re.compile(f"[{PLACEHOLDER_CHARS}\x00]")
# python-markdown's own placeholders: it deletes them from what it renders, after the
# converter has trimmed its lines (a space before one would be left at a line's end).
_MARKDOWN_RESERVED = str.maketrans("", "", "\x02\x03")


@dataclass(frozen=True)
class Conversion:
    """The Markdown for a piece of DokuWiki text, and what the conversion noticed."""

    markdown: str
    warnings: tuple[str, ...] = ()  # what could not be converted faithfully
    media: tuple[str, ...] = ()  # media ids used, resolved against the page's namespace
    links: tuple[str, ...] = ()  # internal page ids linked to, in order, unique
    smileys: tuple[str, ...] = ()  # smiley picture files shown, in order, unique


def to_markdown(
    text: str,
    page_id: str,
    *,
    heading_shift: int = 0,
    used_anchors: set[str] | None = None,
    check: Callable[[], None] | None = None,
) -> Conversion:
    """Convert DokuWiki text written on page ``page_id`` to Markdown.

    ``text`` may be a whole page or the body of one question. DokuWiki heading level n
    (``======`` = 1) becomes Markdown level ``min(6, n + heading_shift)``; anchors are made
    unique against ``used_anchors`` (shared between the calls for one page). ``check`` is
    called every thousand or so lines and tokens; what it raises (a cancel) stops the
    conversion and propagates. Nothing else raises: text that cannot be converted is
    shown as it is.
    """
    if used_anchors is None:
        used_anchors = UsedAnchors()
    state = ConversionState(page_id=str(page_id), check=check)
    try:
        return _convert(str(text), state, int(heading_shift), used_anchors)
    except Exception as error:
        if error is state.stopped_by:
            raise
        escaped = html.escape(str(text))
        return Conversion(
            markdown=f"<pre>{escaped}</pre>" if escaped.strip() else "",
            warnings=(f"conversion failed ({type(error).__name__}): shown as plain text",),
        )


def _convert(
    text: str, state: ConversionState, heading_shift: int, used_anchors: set[str]
) -> Conversion:
    state.footnotes.source = text
    clean = text.replace("\r\n", "\n").replace("\r", "\n").translate(_MARKDOWN_RESERVED)
    if _RESERVED.search(clean):
        state.warn("reserved control characters replaced by U+FFFD")
        clean = clean.translate(_STRIP)
    text = notes.extract(protect(clean, state), state)
    state.note_html = functools.partial(notes.note_html, state=state)
    blocks = convert_blocks(text, state, heading_shift, used_anchors)
    if state.footnotes.labels:
        blocks.append(state.footnotes.definitions())
    markdown = "\n\n".join(b for b in blocks if b.strip())
    return Conversion(
        markdown=markdown + "\n" if markdown else "",
        warnings=tuple(state.warnings),
        media=tuple(state.media),
        links=tuple(state.links),
        smileys=tuple(state.smileys),
    )
