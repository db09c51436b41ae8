"""Inline DokuWiki markup → Markdown/HTML fragments.

One left-to-right scan with a single alternation regex (no nested quantifiers, so no
catastrophic backtracking; a faster variant without the url, www and multiplication tokens
for text that cannot hold them) and a stack for the formatting pairs (``**``, ``//``, ``__``,
``''``, ``<del>``, ``<sub>``, ``<sup>``). Unclosed formatting falls back to its literal
text. Formatting is emitted as inline HTML tags (``<strong>``, ``<em>``, ``<u>`` …), which
python-markdown passes through, so the same output works in Markdown paragraphs and inside
the raw-HTML tables and lists the block converter builds. Only text escaping and link
syntax differ between the two modes.
"""

from __future__ import annotations

import re

from reader.content.dokuwiki.conf import ENTITIES, PLUGIN_TAGS
from reader.content.dokuwiki.links import EMAIL, wikilink
from reader.content.dokuwiki.media import media
from reader.content.dokuwiki.output import (
    HTML_SPECIALS,
    HTML_TABLE,
    MD_SPECIALS,
    MD_TABLE,
    escape_text,
    link,
)
from reader.content.dokuwiki.scanning import Closer
from reader.content.dokuwiki.state import PH_CLOSE, PH_OPEN, ConversionState

#: Formatting pairs: HTML tag → DokuWiki marker.
_FORMAT_MARKERS: dict[str, str] = {
    "strong": "**",
    "em": "//",
    "u": "__",
    "code": "''",
}

# DokuWiki's URL character classes (inc/Parsing/ParserMode/Externallink.php).
_URL_ANY = r"\w/\#~:.?+=&%@!\-\[\];,"
_URL_PUNC_CHARS = ".:?-;,"
# DokuWiki's tail is ``[any]+?(?=[punc]*(?:[^any]|$))``: the shortest run that leaves only
# punctuation before the first character outside the class. That lookahead rescans the
# punctuation at every step; the same tail is the whole run with its trailing punctuation
# cut off in Python (:func:`_url_end`), which takes one pass.
_URL_TAIL = rf"[{_URL_ANY}]+"
# DokuWiki's "whitespace" and punctuation for smart double quotes (ParserMode/Quotes.php).
_QUOTE_WS = r"\s/\#~:+=&%@\-()\]\[{}><\"'"
_QUOTE_PUNC = r";,.?!"
_PLUGIN_TAG_NAMES = "|".join(sorted(PLUGIN_TAGS))

# The inline tokens, in the order the alternation tries them. Each alternative ends with an
# empty group named after it, which ``Match.lastgroup`` reports; the typography entities
# have none (``lastgroup`` is None). The names are at the end, not around the alternatives,
# so that every alternative begins with a literal character: the regex engine then rejects
# an alternative after one comparison, and jumps from token to token with a fast scan for
# their first characters instead of trying the pattern at every position.
_TOKENS: list[tuple[str | None, str]] = [
    ("ph", rf"{PH_OPEN}(?P<phn>\d+){PH_CLOSE}"),
    ("link", r"\[\[(?P<linkbody>(?:[^\[\]\n]|\[[^\[\]\n]*\])*)\]\]"),
    ("media", r"\{\{"),  # the body is found by InlineConverter.convert
    ("fn", r"\(\("),
    ("br", r"\\\\(?:[ \t]+|(?=\n)|$)"),
    *((tag, re.escape(marker)) for tag, marker in _FORMAT_MARKERS.items()),
    ("tag", r"</?(?i:del|sub|sup)>"),
    ("email", rf"<{EMAIL}>"),
    ("plugintag", rf"</?(?i:{_PLUGIN_TAG_NAMES})\b[^<>\n]*>"),
    *((None, re.escape(entity)) for entity in sorted(ENTITIES, key=len, reverse=True)),
    ("quote", '"'),  # opening or closing: see _OPENING_QUOTE
]
# Tokens that start with a letter or a digit, at a word boundary. None of the tokens above
# starts with one, so trying these after them finds the same matches.
_WORD_TOKENS: list[tuple[str | None, str]] = [
    ("url", rf"(?i:https?|ftp|news|irc|gopher|telnet|wais|ldap|ed2k)://{_URL_TAIL}"),
    ("www", rf"(?i:www|ftp)\.{_URL_TAIL}"),
    ("mult", r"(?:[1-9]|\d{2,})[xX]\d+\b"),
]


def _alternatives(tokens: list[tuple[str | None, str]]) -> str:
    return "|".join(pattern + (f"(?P<{name}>)" if name else "") for name, pattern in tokens)


# The word tokens take away the fast scan (their alternatives begin with a word boundary
# test), so a cheaper test of the next position comes first: every token starts with one
# of these characters, and a word token needs a word boundary before it.
_INLINE_START = r"(?=[\ue000\[{(\\*/_'<\-.=>\"]|(?<!\w)(?:\d|(?i:[hfnigtwle])))"
_INLINE = re.compile(
    rf"{_INLINE_START}(?:{_alternatives(_TOKENS)}|\b(?:{_alternatives(_WORD_TOKENS)}))"
)
# Most text cannot hold a word token, and is scanned with the fast regex that leaves them
# out. Every url has '://' (tested apart); a www link has 'www.' or 'ftp.' in any case, so
# a '.' after 'w' or 'p'; a multiplication has 'x' or 'X' then a digit.
_INLINE_WITHOUT_WORDS = re.compile(f"(?:{_alternatives(_TOKENS)})")
_WORD_TOKEN_SIGN = re.compile(r"[.\d](?<=[wWpP]\.|[xX]\d)")


def _scanner(source: str) -> re.Pattern[str]:
    """The regex that finds the tokens of ``source``: the fast one when it can."""
    if "://" in source or _WORD_TOKEN_SIGN.search(source):
        return _INLINE
    return _INLINE_WITHOUT_WORDS


# DokuWiki's rule for a double quote that opens (a smart quote pair), checked on each '"'.
_OPENING_QUOTE = re.compile(rf'(?:^|(?<=[{_QUOTE_WS}]))"(?=[^{_QUOTE_WS}{_QUOTE_PUNC}])')

_TIMES = re.compile("[xX]")


def _url_end(source: str, kind: str, start: int, end: int) -> int:
    """Where the url or www token matched at ``start:end`` really ends: its trailing
    punctuation left out, at least one character of its tail kept."""
    head = source.index("://", start) + 3 if kind == "url" else start + 4  # 'www.', 'ftp.'
    return max(head + 1, head + len(source[head:end].rstrip(_URL_PUNC_CHARS)))


class _Formatting:
    """The formatting pairs open at the current point of a scan, innermost last.

    ``out`` is the converted text so far, as fragments that are never empty. An open pair
    holds a slot in it, filled with its marker as literal text: when the pair closes, the
    slot becomes the opening tag; when it never closes, the marker stays. Each token is
    then handled in constant time, however deep the pairs nest.
    """

    __slots__ = ("converter", "open_counts", "open_pairs", "out")

    def __init__(self, converter: InlineConverter) -> None:
        self.converter = converter
        self.open_pairs: list[tuple[str, str, int]] = []  # (tag, marker, slot in out)
        self.open_counts: dict[str, int] = {}
        self.out: list[str] = []

    def is_open(self, tag: str) -> bool:
        """True when a ``tag`` pair is open."""
        return self.open_counts.get(tag, 0) > 0

    def open(self, tag: str, marker: str) -> None:
        """Open ``tag`` (written ``marker``)."""
        self.open_pairs.append((tag, marker, len(self.out)))
        self.open_counts[tag] = self.open_counts.get(tag, 0) + 1
        self.out.append(self.converter.text(marker))

    def close(self, tag: str) -> None:
        """Close the open ``tag``; pairs opened inside it and left open become literal."""
        out = self.out
        while self.open_pairs:
            open_tag, marker, slot = self.open_pairs.pop()
            self.open_counts[open_tag] -= 1
            if open_tag == tag:
                if len(out) > slot + 1:
                    out[slot] = f"<{tag}>"
                    out.append(f"</{tag}>")
                else:  # an empty pair leaves nothing
                    del out[slot:]
                return
            self.converter.state.warn(f"unclosed {marker!r}: kept as literal text")

    def toggle(self, tag: str) -> None:
        """Open or close a symmetric pair (``**``, ``//``…)."""
        if self.is_open(tag):
            self.close(tag)
        else:
            self.open(tag, _FORMAT_MARKERS[tag])

    def finish(self) -> str:
        """The converted text, with the pairs still open kept as literal text."""
        while self.open_pairs:
            marker = self.open_pairs.pop()[1]
            self.converter.state.warn(f"unclosed {marker!r}: kept as literal text")
        return "".join(self.out)


class InlineConverter:
    """Converts one run of inline DokuWiki text; ``markdown`` selects the output context."""

    def __init__(self, state: ConversionState, markdown: bool) -> None:
        self.state = state
        self.md = markdown

    # -- small emitters -------------------------------------------------------------
    def text(self, value: str) -> str:
        """Escape plain text for the current context."""
        return escape_text(value, self.md)

    def link(self, url: str, label_html: str) -> str:
        """A link with an already converted label."""
        return link(url, label_html, self.md)

    # -- main scan ------------------------------------------------------------------
    def convert(self, source: str) -> str:
        """Convert ``source`` (inline DokuWiki text) and return the fragment.

        Linear in the length of ``source``: every search starts where the last one
        stopped, and the closers searched ahead (``}}``, ``))``) are remembered when
        missing, so that a thousand openers do not each search the rest of the line.
        """
        scanner = _scanner(source)
        m = scanner.search(source)
        if m is None:  # no markup at all, like most list items and table cells
            return self.text(source)
        needs_escape = (MD_SPECIALS if self.md else HTML_SPECIALS).search
        escapes = MD_TABLE if self.md else HTML_TABLE
        formatting = _Formatting(self)
        out = formatting.out
        pos = 0
        footnote_ends = True  # False once no '))' is left to close a footnote
        media_closes = Closer(source, "}}")
        checkpoint = self.state.checkpoint
        while m is not None:
            checkpoint()
            start, end = m.span()
            kind = m.lastgroup
            piece = ""
            if kind == "media":  # '{{' … '}}' on the same line
                close = media_closes.find(end)
                if close < 0:
                    m = scanner.search(source, end)  # '{{' stays text
                    continue
                piece = media(source[end:close], self.state, self.md)
                end = close + 2
            elif kind in ("url", "www"):
                end = _url_end(source, kind, start, end)
            if start > pos:  # the text before the token (escape_text, inlined: the hot path)
                text = source[pos:start]
                out.append(text.translate(escapes) if needs_escape(text) else text)
            pos = end
            if kind in _FORMAT_MARKERS:  # the most frequent tokens, tested first
                formatting.toggle(kind)
            elif kind == "link":
                piece = wikilink(m["linkbody"], self.state, self.md)
            elif kind == "fn":
                close = source.find("))", pos) if footnote_ends else -1
                if close < 0:
                    footnote_ends = False
                    self.state.warn("footnote '((' never closed: kept as text")
                    piece = self.text("((")
                else:
                    piece = self.footnote(source[pos:close])
                    pos = close + 2
            elif kind == "ph":
                piece = self.placeholder(int(m["phn"]))
            elif kind == "tag":
                self.html_tag(formatting, m[0])
            elif kind == "quote":
                piece = self.quote(source, start)
            elif kind != "media":
                piece = self.single_token(kind, source[start:end])
            if piece:
                if self.md and piece[0] == "[" and out and out[-1][-1] == "!":
                    out[-1] = out[-1][:-1] + "\\!"  # '![text](url)' would be an image
                out.append(piece)
            m = scanner.search(source, pos)
        if pos < len(source):
            out.append(self.text(source[pos:]))
        return formatting.finish()

    # -- constructs -----------------------------------------------------------------
    def single_token(self, kind: str | None, token: str) -> str:
        """A token that stands for itself: line break, e-mail, url, entity (None)…"""
        if kind == "br":
            return "<br />"
        if kind == "email":
            address = token[1:-1]
            return self.link(f"mailto:{address}", self.text(address))
        if kind == "url":
            return self.link(token, self.text(token))
        if kind == "www":
            scheme = "ftp://" if token.lower().startswith("ftp") else "http://"
            return self.link(scheme + token, self.text(token))
        if kind == "plugintag":
            self.state.warn(f"unknown plugin markup {token!r}: tag dropped, text kept")
            return ""
        if kind == "mult":
            return self.text(_TIMES.sub("\u00d7", token))
        return self.text(ENTITIES.get(token.lower(), token))

    def html_tag(self, formatting: _Formatting, token: str) -> None:
        """Open or close ``<del>``, ``<sub>`` or ``<sup>``."""
        tag = token.strip("</>").lower()
        if not token.startswith("</"):
            formatting.open(tag, token)
        elif formatting.is_open(tag):
            formatting.close(tag)
        else:
            formatting.out.append(self.text(token))

    def quote(self, source: str, start: int) -> str:
        """A smart double quote for the '"' at ``start``: opening or closing."""
        if self.state.open_quotes <= 0 or _OPENING_QUOTE.match(source, start):
            self.state.open_quotes += 1
            return "\u201c"
        self.state.open_quotes -= 1
        return "\u201d"

    def placeholder(self, index: int) -> str:
        """Render a protected inline region."""
        if index >= len(self.state.protected):
            return ""
        item = self.state.protected[index]
        if item.kind == "inlinecode":
            return f"<code>{self.text(item.text)}</code>"  # Markdown would read inside
        return self.text(item.text)

    def footnote(self, body: str) -> str:
        """Convert a footnote body and return the reference to it."""
        footnotes = self.state.footnotes
        if footnotes.full:
            self.state.warn("too many footnotes: the rest are shown in parentheses")
            inline = self.convert(body).replace("\n", " ").strip()
            return f"({inline})"
        converter = self if self.md else InlineConverter(self.state, markdown=True)
        content = converter.convert(body).replace("\n", " ")
        return footnotes.reference(content, self.state.page_id, self.md)


def convert_inline(source: str, state: ConversionState, markdown: bool = True) -> str:
    """Convert inline DokuWiki text; newlines become spaces."""
    return InlineConverter(state, markdown).convert(source).replace("\n", " ")


__all__ = ["InlineConverter", "convert_inline"]
