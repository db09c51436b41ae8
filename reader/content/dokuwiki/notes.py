"""Footnotes that run over several lines, with the blocks DokuWiki lets them hold.

DokuWiki opens a footnote at ``((`` when ``))`` comes anywhere after it; the footnote then
holds everything up to the first ``))``: lists, tables, quotes, rules, code and
preformatted text, but no heading and no paragraph break (its lines run on). A footnote
on one line is left to the inline converter; :func:`extract` cuts the others out of the
text and leaves a placeholder (kind ``footnote``), and :func:`note_html` writes a body as
one line of inline Markdown and HTML, the form of a footnote definition (see
:mod:`.footnotes`).
"""

from __future__ import annotations

import re

from reader.content.dokuwiki.blocks import (
    BLOCK_LINE,
    RULE,
    list_items,
    list_to_html,
    quote_to_html,
    quoted_lines,
)
from reader.content.dokuwiki.inline import convert_inline
from reader.content.dokuwiki.literal import LIST_LINE, code_text
from reader.content.dokuwiki.output import escape_text
from reader.content.dokuwiki.scanning import LineStarts
from reader.content.dokuwiki.state import PH_CLOSE, PH_OPEN, ConversionState, Protected
from reader.content.dokuwiki.tables import table_to_html

# Lines where no footnote opens: preformatted text, and headings (their text is plain).
_NO_FOOTNOTE_LINE = re.compile(
    r"(?= {2}(?! *[*-])|\t(?!\t*[*-]))|[ \t]?==(?=.*==[ \t]*$)", re.MULTILINE
)


def extract(text: str, state: ConversionState) -> str:
    """Replace the footnotes whose ``))`` is on a later line than their ``((`` by
    placeholders; record their bodies in ``state.protected``. Linear: each search for a
    closer or a line end is reused until the scan passes it."""
    if "((" not in text:
        return text
    out: list[str] = []
    pos = search = 0
    close = line_end = -1
    no_footnote = LineStarts(text, _NO_FOOTNOTE_LINE)
    while (start := text.find("((", search)) >= 0:
        if state.check is not None:
            state.checkpoint()
        if close < start + 2:
            close = text.find("))", start + 2)
            if close < 0:
                break  # no footnote closes after this: the inline converter keeps '((' as text
        if line_end < start:
            line_end = text.find("\n", start)
            line_end = len(text) if line_end < 0 else line_end
        if no_footnote.matches(start):
            search = start + 2
            continue
        search = close + 2
        if close < line_end:  # on one line: the inline converter's
            continue
        out.append(text[pos:start])
        out.append(f"{PH_OPEN}{len(state.protected)}{PH_CLOSE}")
        state.protected.append(Protected("footnote", text[start + 2 : close]))
        pos = search
    out.append(text[pos:])
    return "".join(out)


def note_html(body: str, state: ConversionState) -> str:
    """The body of a footnote that runs over several lines, as one line of inline
    Markdown (its text) and HTML (its blocks)."""
    lines = body.split("\n")
    parts: list[str] = []
    text: list[str] = []

    def flush() -> None:
        if text:
            parts.append(convert_inline("\n".join(text), state, markdown=True).strip())
            text.clear()

    i, n = 0, len(lines)
    after = False  # the previous line ended a block: no block starts on this one
    while i < n:
        if state.check is not None:
            state.checkpoint()
        line, follows, after = lines[i], after, False
        block = BLOCK_LINE.fullmatch(line)
        # The body's first line follows '((': a block starts only on a later line.
        kind = "code" if block else _kind(line) if i and not follows else ""
        if not kind:
            text.append(line)
            i += 1
            continue
        flush()
        if block is not None:  # kind "code"
            index = int(block.group(1))
            if index < len(state.protected):
                parts.append(_pre(code_text(state.protected[index])))
            i += 1
        elif kind == "rule":
            parts.append("<hr />")
            i += 1
        else:
            start = i
            while i < n and _kind(lines[i], kind) == kind:
                i += 1
            parts.append(_HTML[kind](lines[start:i], state))
            after = True
    flush()
    return " ".join(p for p in parts if p)


def _kind(line: str, continuing: str = "") -> str:
    """The block that ``line`` starts (or, ``continuing`` one, goes on with), if any."""
    if continuing == "pre":  # preformatted text takes list-like lines too
        return "pre" if line.startswith(("  ", "\t")) else ""
    if LIST_LINE.match(line):
        return "list"
    if RULE.fullmatch(line):
        return "rule"
    if line.startswith(("  ", "\t")):
        return "pre"
    if line.startswith(("|", "^")):
        return "table"
    if line.startswith(">"):
        return "quote"
    return ""


def _pre(body: str) -> str:
    """Preformatted text on one line: its newlines as character references."""
    return f"<pre><code>{escape_text(body, True).replace(chr(10), '&#10;')}</code></pre>"


def _preformatted(lines: list[str], state: ConversionState) -> str:
    return _pre("\n".join(x[1:] if x.startswith("\t") else x[2:] for x in lines).strip("\n"))


def _list(lines: list[str], state: ConversionState) -> str:
    return list_to_html(list_items(lines, state, markdown=True)).replace("\n", "")


def _table(lines: list[str], state: ConversionState) -> str:
    return table_to_html(lines, state, markdown=True).replace("\n", "")


def _quote(lines: list[str], state: ConversionState) -> str:
    return quote_to_html(quoted_lines(lines), state, markdown=True)


_HTML = {"pre": _preformatted, "list": _list, "table": _table, "quote": _quote}
