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
_URL_PUNC = r".:?\-;,"
_URL_TAIL = rf"[{_URL_ANY}]+?(?=[{_URL_PUNC}]*(?:[^{_URL_ANY}]|$))"
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
    ("media", r"\{\{(?P<mediabody>(?:[^}\n]|\}(?!\}))*)\}\}"),
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


class _Formatting:
    """The formatting pairs open at the current point of a scan, innermost last.

    ``out`` collects the fragments of the innermost open pair (or of the top level); each
    open pair keeps the list of the level around it, to go back to when it closes.
    """

    __slots__ = ("converter", "open_pairs", "open_tags", "out")

    def __init__(self, converter: InlineConverter) -> None:
        self.converter = converter
        self.open_pairs: list[tuple[str, str, list[str]]] = []  # (tag, marker, outer out)
        self.open_tags: list[str] = []
        self.out: list[str] = []

    def open(self, tag: str, marker: str) -> list[str]:
        """Open ``tag`` (written ``marker``); returns the new ``out``."""
        self.open_pairs.append((tag, marker, self.out))
        self.open_tags.append(tag)
        self.out = []
        return self.out

    def close(self, tag: str) -> list[str]:
        """Close the open ``tag``; pairs opened inside it and left open become literal."""
        while self.open_pairs:
            inner = self.out
            open_tag, marker, self.out = self.open_pairs.pop()
            self.open_tags.pop()
            if open_tag == tag:
                body = "".join(inner)
                self.out.append(f"<{tag}>{body}</{tag}>" if body else "")
                break
            self._unclosed(marker, inner)
        return self.out

    def toggle(self, tag: str) -> list[str]:
        """Open or close a symmetric pair (``**``, ``//``…); returns the new ``out``."""
        if tag in self.open_tags:
            return self.close(tag)
        return self.open(tag, _FORMAT_MARKERS[tag])

    def finish(self) -> str:
        """The converted text, with the pairs still open kept as literal text."""
        while self.open_pairs:
            inner = self.out
            _tag, marker, self.out = self.open_pairs.pop()
            self.open_tags.pop()
            self._unclosed(marker, inner)
        return "".join(self.out)

    def _unclosed(self, marker: str, inner: list[str]) -> None:
        self.converter.state.warn(f"unclosed {marker!r}: kept as literal text")
        self.out.append(self.converter.text(marker))
        self.out.extend(inner)


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
        """Convert ``source`` (inline DokuWiki text) and return the fragment."""
        scanner = _scanner(source)
        first = scanner.search(source)
        if first is None:  # no markup at all, like most list items and table cells
            return self.text(source)
        needs_escape = (MD_SPECIALS if self.md else HTML_SPECIALS).search
        escapes = MD_TABLE if self.md else HTML_TABLE
        formatting = _Formatting(self)
        out = formatting.out
        pos = 0
        footnote_ends = True  # False once no '))' is left to close a footnote
        for m in scanner.finditer(source, first.start()):
            start, end = m.span()
            if start < pos:  # inside a footnote, already converted
                continue
            if start > pos:  # the text before the token (escape_text, inlined: the hot path)
                text = source[pos:start]
                out.append(text.translate(escapes) if needs_escape(text) else text)
            pos = end
            kind = m.lastgroup
            if kind in _FORMAT_MARKERS:  # the most frequent tokens, tested first
                out = formatting.toggle(kind)
            elif kind == "link":
                out.append(wikilink(m["linkbody"], self.state, self.md))
            elif kind == "fn":
                close = source.find("))", pos) if footnote_ends else -1
                if close < 0:
                    footnote_ends = False
                    self.state.warn("footnote '((' never closed: kept as text")
                    out.append(self.text("(("))
                else:
                    out.append(self.footnote(source[pos:close]))
                    pos = close + 2
            elif kind == "ph":
                out.append(self.placeholder(int(m["phn"])))
            elif kind == "media":
                out.append(media(m["mediabody"], self.state, self.md))
            elif kind == "tag":
                out = self.html_tag(formatting, m[0])
            elif kind == "quote":
                out.append(self.quote(source, start))
            else:
                out.append(self.single_token(kind, m[0]))
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

    def html_tag(self, formatting: _Formatting, token: str) -> list[str]:
        """Open or close ``<del>``, ``<sub>`` or ``<sup>``; returns the new ``out``."""
        tag = token.strip("</>").lower()
        if not token.startswith("</"):
            return formatting.open(tag, token)
        if tag in formatting.open_tags:
            return formatting.close(tag)
        formatting.out.append(self.text(token))
        return formatting.out

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
            return f"<code>{escape_text(item.text, False)}</code>"
        return self.text(item.text)

    def footnote(self, body: str) -> str:
        """Convert a footnote body and return the reference to it."""
        converter = self if self.md else InlineConverter(self.state, markdown=True)
        content = converter.convert(body).replace("\n", " ")
        return self.state.footnotes.reference(content, self.state.page_id, self.md)


def convert_inline(source: str, state: ConversionState, markdown: bool = True) -> str:
    """Convert inline DokuWiki text; newlines become spaces."""
    return InlineConverter(state, markdown).convert(source).replace("\n", " ")


__all__ = ["InlineConverter", "convert_inline"]
