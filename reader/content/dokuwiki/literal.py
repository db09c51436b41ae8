"""Regions whose content is literal, and control macros, cut out before any parsing.

``<code>``, ``<file>``, ``<nowiki>``, ``%%…%%``, ``<html>``/``<php>`` and the ``~~MACRO~~``
lines are found first, exactly where DokuWiki's lexer would enter those modes (not inside
an indented preformatted line), and replaced by private-use placeholders (see
:mod:`.state`); the blocks and the inline text around them are then converted without
ever looking inside. Code blocks become fenced Markdown code (language kept); a block with a
file name gets a caption that offers it as that file ("Enregistrer sous", as DokuWiki
offers it as a download).
"""

from __future__ import annotations

import hashlib
import re
from urllib.parse import quote

from reader.content.dokuwiki.output import escape_attr, escape_text
from reader.content.dokuwiki.scanning import LineStarts
from reader.content.dokuwiki.state import (
    BLOCK_CLOSE,
    BLOCK_OPEN,
    PH_CLOSE,
    PH_OPEN,
    ConversionState,
    Protected,
)

# ``<code …>`` and ``<file …>`` end at the next '>', found apart.
_PROTECT = re.compile(
    r"<nowiki>|%%|<code\b|<file\b|<html>|<HTML>|<php>|<PHP>|~~[A-Z][A-Z0-9_]*(?::[^~\n]*)?~~"
)
_CLOSERS = {
    "<nowiki>": "</nowiki>",
    "%%": "%%",
    "<code": "</code>",
    "<file": "</file>",
    "<html>": "</html>",
    "<HTML>": "</HTML>",
    "<php>": "</php>",
    "<PHP>": "</PHP>",
}
_SILENT_MACROS = {"~~NOTOC~~", "~~NOCACHE~~"}
#: A list item line (two spaces or a tab, then ``*`` or ``-``).
LIST_LINE = re.compile(r"( {2,}|\t+)([*-])(.*)")
# An indented line that is not a list item: preformatted, where DokuWiki enters no mode.
_PREFORMATTED_LINE = re.compile(r"(?= {2}|\t)(?! {2,}[*-]|\t+[*-])")
_FENCE = re.compile(r"^`{3,}", re.MULTILINE)
_FIRST_BLANK_LINE = re.compile(r"^[ \t]*\n")
_NOT_LANGUAGE = re.compile(r"[^\w#.+-]")


def protect(text: str, state: ConversionState) -> str:
    """Replace literal regions by placeholders; record them in ``state.protected``.

    As in DokuWiki, a region opens only when its closer comes somewhere after it (a
    ``<code>`` never closed stays text, as typed); a ``<code …>`` or ``<file …>`` tag
    ends at the first '>' after it, on its line or a later one.
    """
    if _PROTECT.search(text) is None:  # most texts
        return text
    out: list[str] = []
    pos = 0
    search_from = 0
    last_close: dict[str, int] = {}  # closer -> its last position in the text (-1: none)
    preformatted = LineStarts(text, _PREFORMATTED_LINE)
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
        if token.startswith("~~"):
            out.append(text[pos : m.start()])
            if token not in _SILENT_MACROS:
                state.warn(f"unknown macro {token}: dropped")
            pos = search_from = m.end()
            continue
        closer = _CLOSERS[token]
        if closer not in last_close:
            last_close[closer] = text.rfind(closer)
        if last_close[closer] < m.end():  # never closed: text, as typed
            state.warn(f"{token!r} never closed: kept as text")
            search_from = m.end()
            continue
        close = text.find(closer, m.end())
        end = m.end()
        params = ""
        if token in ("<code", "<file"):  # the tag's parameters, up to the first '>'
            tag_end = text.find(">", end, close)
            params, end = (
                (text[end:tag_end], tag_end + 1) if tag_end >= 0 else (text[end:close], close)
            )
        out.append(text[pos : m.start()])
        out.append(_placeholder(token, params, text[end:close], state))
        pos = search_from = close + len(closer)
    out.append(text[pos:])
    return "".join(out)


def _placeholder(token: str, params: str, body: str, state: ConversionState) -> str:
    """Record one literal region and return the placeholder that stands for it."""
    index = len(state.protected)
    if token in ("<nowiki>", "%%"):
        state.protected.append(Protected("nowiki", body))
        return f"{PH_OPEN}{index}{PH_CLOSE}"
    if token in ("<html>", "<php>"):
        state.warn(f"embedded {token} shown as code (raw HTML/PHP is disabled)")
        state.protected.append(Protected("inlinecode", body))
        return f"{PH_OPEN}{index}{PH_CLOSE}"
    language, filename = "", ""
    if token in ("<HTML>", "<PHP>"):
        state.warn(f"embedded {token} shown as code (raw HTML/PHP is disabled)")
        language = token[1:-1].lower()
    else:
        words = _without_options(params).split(None, 1)
        language = words[0] if words else ""
        filename = words[1].strip() if len(words) > 1 else ""
        if language == "-":
            language = ""
    state.protected.append(Protected("code", body, language, filename))
    return f"\n{BLOCK_OPEN}{index}{BLOCK_CLOSE}\n"


def _without_options(params: str) -> str:
    """The parameters of a code tag without its ``[…]`` highlighting options: DokuWiki's
    ``\\[.*\\]``, from the first '[' to the last ']' of its line, found in one pass."""
    start = params.find("[")
    while start >= 0:
        line_end = params.find("\n", start)
        line_end = len(params) if line_end < 0 else line_end
        end = params.rfind("]", start + 1, line_end)
        if end >= 0:
            return params.replace(params[start : end + 1], "")
        start = params.find("[", line_end)
    return params


def download_link(filename: str, body: str) -> str:
    """The link that offers a code block as a file: ``download:<name>#<key>``, the key a
    hash of the block's text, so that the block is found again in the page shown
    (:mod:`reader.render.code_files`)."""
    key = hashlib.sha1(body.encode("utf-8", "replace")).hexdigest()[:12]
    href = f"download:{quote(filename, safe='')}#{key}"
    title = escape_attr(f"Enregistrer sous {filename}")
    name = escape_text(filename, False)
    return f'<a class="code-download" href="{href}" title="{title}">{name}</a>'


def _fence(body: str) -> str:
    longest = max((len(x) for x in _FENCE.findall(body)), default=2)
    return "`" * max(3, longest + 1)


def code_text(item: Protected) -> str:
    """The text a code block shows: without its first line when blank, nor trailing blanks."""
    return _FIRST_BLANK_LINE.sub("", item.text, count=1).rstrip("\n \t")


def code_block(item: Protected) -> str:
    """A fenced code block (language kept); with a file name, a caption that offers the
    block as that file, as DokuWiki does (:func:`download_link`)."""
    body = code_text(item)
    fence = _fence(body)
    language = _NOT_LANGUAGE.sub("", item.language)
    parts = []
    if item.filename:
        parts.append(f'<div class="code-filename">{download_link(item.filename, body)}</div>\n\n')
    parts.append(f"{fence}{language}\n{body}\n{fence}")
    return "".join(parts)
