"""Regions whose content is literal, and control macros, cut out before any parsing.

``<code>``, ``<file>``, ``<nowiki>``, ``%%…%%``, ``<html>``/``<php>`` and the ``~~MACRO~~``
lines are found first, exactly where DokuWiki's lexer would enter those modes (not inside
an indented preformatted line), and replaced by private-use placeholders (see
:mod:`.state`); the blocks and the inline text around them are then converted without
ever looking inside. Code blocks become fenced Markdown code (language kept) with the file
name as a caption.
"""

from __future__ import annotations

import re

from reader.content.dokuwiki.output import escape_text
from reader.content.dokuwiki.scanning import Closer, LineStarts
from reader.content.dokuwiki.state import (
    BLOCK_CLOSE,
    BLOCK_OPEN,
    PH_CLOSE,
    PH_OPEN,
    ConversionState,
    Protected,
)

# ``<code …>`` and ``<file …>`` end at the next '>' on their line, found apart (Closer).
_PROTECT = re.compile(
    r"<nowiki>|%%|<code\b|<file\b|<html>|<HTML>|<php>|<PHP>|~~[A-Z][A-Z0-9_]*(?::[^~\n]*)?~~"
)
_SILENT_MACROS = {"~~NOTOC~~", "~~NOCACHE~~"}
#: A list item line (two spaces or a tab, then ``*`` or ``-``).
LIST_LINE = re.compile(r"( {2,}|\t+)([*-])(.*)")
# An indented line that is not a list item: preformatted, where DokuWiki enters no mode.
_PREFORMATTED_LINE = re.compile(r"(?= {2}|\t)(?! {2,}[*-]|\t+[*-])")
_CODE_PARAMS_END = re.compile(r"\[.*")
_FENCE = re.compile(r"^`{3,}", re.MULTILINE)
_FIRST_BLANK_LINE = re.compile(r"^[ \t]*\n")
_NOT_LANGUAGE = re.compile(r"[^\w#.+-]")


def protect(text: str, state: ConversionState) -> str:
    """Replace literal regions by placeholders; record them in ``state.protected``."""
    if _PROTECT.search(text) is None:  # most texts
        return text
    out: list[str] = []
    pos = 0
    search_from = 0
    missing_close: set[str] = set()
    preformatted = LineStarts(text, _PREFORMATTED_LINE)
    tag_ends = Closer(text, ">")
    while True:
        if state.check is not None:
            state.checkpoint()
        m = _PROTECT.search(text, search_from)
        if m is None:
            break
        if preformatted.matches(m.start()):
            search_from = m.end()
            continue
        token = m.group(0)
        if token in ("<code", "<file"):
            tag_end = tag_ends.find(m.end())
            if tag_end < 0:
                search_from = m.end()
                continue
            token = text[m.start() : tag_end + 1]
        end = m.start() + len(token)
        if token.startswith("~~"):
            out.append(text[pos : m.start()])
            if token not in _SILENT_MACROS:
                state.warn(f"unknown macro {token}: dropped")
            pos = search_from = end
            continue
        closer = {
            "<nowiki>": "</nowiki>",
            "%%": "%%",
            "<html>": "</html>",
            "<HTML>": "</HTML>",
            "<php>": "</php>",
            "<PHP>": "</PHP>",
        }.get(token)
        if closer is None:
            closer = "</code>" if token.startswith("<code") else "</file>"
        close = -1 if closer in missing_close else text.find(closer, end)
        block = token.startswith(("<code", "<file", "<HTML", "<PHP"))
        if close < 0:
            missing_close.add(closer)
            if not block:
                search_from = end
                continue
            state.warn(f"{token} never closed: code runs to the end of the text")
            close = len(text)
        body = text[end:close]
        out.append(text[pos : m.start()])
        index = len(state.protected)
        if token in ("<nowiki>", "%%"):
            state.protected.append(Protected("nowiki", body))
            out.append(f"{PH_OPEN}{index}{PH_CLOSE}")
        elif token in ("<html>", "<php>"):
            state.warn(f"embedded {token} shown as code (raw HTML/PHP is disabled)")
            state.protected.append(Protected("inlinecode", body))
            out.append(f"{PH_OPEN}{index}{PH_CLOSE}")
        else:
            language, filename = "", ""
            if token in ("<HTML>", "<PHP>"):
                state.warn(f"embedded {token} shown as code (raw HTML/PHP is disabled)")
                language = token[1:-1].lower()
            else:
                params = _CODE_PARAMS_END.sub("", token[5:-1]).split()
                language = params[0] if params else ""
                filename = params[1] if len(params) > 1 else ""
                if language == "-":
                    language = ""
            state.protected.append(Protected("code", body, language, filename))
            out.append(f"\n{BLOCK_OPEN}{index}{BLOCK_CLOSE}\n")
        pos = search_from = min(len(text), close + len(closer))
    out.append(text[pos:])
    return "".join(out)


def _fence(body: str) -> str:
    longest = max((len(x) for x in _FENCE.findall(body)), default=2)
    return "`" * max(3, longest + 1)


def code_block(item: Protected) -> str:
    """A fenced code block (language kept), with the file name as a caption."""
    body = _FIRST_BLANK_LINE.sub("", item.text, count=1).rstrip("\n \t")
    fence = _fence(body)
    language = _NOT_LANGUAGE.sub("", item.language)
    parts = []
    if item.filename:
        parts.append(f'<div class="code-filename">{escape_text(item.filename, False)}</div>\n\n')
    parts.append(f"{fence}{language}\n{body}\n{fence}")
    return "".join(parts)
