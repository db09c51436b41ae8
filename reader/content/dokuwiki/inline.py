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
from functools import lru_cache

from reader.content.dokuwiki.conf import ENTITIES, PLUGIN_TAGS
from reader.content.dokuwiki.footnotes import MAX_REFERENCES
from reader.content.dokuwiki.links import EMAIL, SHARE, share_url, wikilink
from reader.content.dokuwiki.media import media
from reader.content.dokuwiki.output import (
    HTML_SPECIALS,
    MD_SPECIALS,
    escape_text,
    link,
)
from reader.content.dokuwiki.scanning import Closer, LinkEnds
from reader.content.dokuwiki.smileys import SMILEY_PATTERN, SmileyRuns
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
_URL_HOST = r"[\w.:?\-;,]*"  # DokuWiki's host characters
_URL_RUN = re.compile(rf"[{_URL_ANY}]*")
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
    ("link", r"\[\["),  # the bodies of links and media are found by InlineConverter.convert
    ("media", r"\{\{"),
    ("fn", r"\(\("),
    ("br", r"\\\\(?:[ \t]+|(?=\n)|$)"),
    ("share", SHARE),  # a Windows share, \\server\share
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
    # 'www.' and 'ftp.' in lower case, not after a slash or a backslash, as in DokuWiki
    # (only its host part: the rest is taken by _www_end when the host has DokuWiki's shape)
    ("www", rf"(?<![/\\])(?:www|ftp)\.{_URL_HOST}"),
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
# out. Every url has '://' (tested apart); a www link has 'www.' or 'ftp.', so a '.' after
# 'w' or 'p'; a multiplication has 'x' or 'X' then a digit.
_INLINE_WITHOUT_WORDS = re.compile(f"(?:{_alternatives(_TOKENS)})")
_WORD_TOKEN_SIGN = re.compile(r"[.\d](?<=[wp]\.|[xX]\d)")


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


def _www_end(source: str, start: int, host_end: int) -> int:
    """Where the www link whose host part is ``start:host_end`` ends, or -1 when it has
    not the shape DokuWiki links: 'www.', host characters holding a dot with one before
    it and one after it, then at least one more character."""
    dot = source.find(".", start + 5, host_end)
    if dot < 0 or dot + 1 >= host_end:
        return -1
    run = _URL_RUN.match(source, host_end)
    assert run is not None  # a '*' pattern matches at any position
    run_end = run.end()
    end = _url_end(source, "www", start, run_end)
    return end if dot + 2 < end else -1


@lru_cache(maxsize=64)
def _marker_text(marker: str, markdown: bool) -> str:
    """A formatting marker as literal text (what an open pair shows until it closes)."""
    return escape_text(marker, markdown)


class _Formatting:
    """The formatting pairs open at the current point of a scan, innermost last.

    ``out`` is the converted text so far, as fragments that are never empty. An open pair
    holds a slot in it: when the pair closes, the slot becomes the opening tag; when it
    never closes, its marker as literal text. Each token is then handled in constant
    time, however deep the pairs nest.
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
        counts = self.open_counts
        counts[tag] = counts.get(tag, 0) + 1
        self.out.append(marker)  # the slot; made literal text if the pair never closes

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
            self._unclosed(marker, slot)

    def finish(self) -> str:
        """The converted text, with the pairs still open kept as literal text."""
        while self.open_pairs:
            _tag, marker, slot = self.open_pairs.pop()
            self._unclosed(marker, slot)
        return "".join(self.out)

    def _unclosed(self, marker: str, slot: int) -> None:
        self.converter.state.warn(f"unclosed {marker!r}: kept as literal text")
        self.out[slot] = _marker_text(marker, self.converter.md)


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

        Linear in the length of ``source``: one pass of the token regex, taken up again
        after a construct that ends elsewhere than its token (a footnote, media, a url
        without its trailing punctuation); the closers searched ahead (``}}``, ``))``)
        are remembered when missing, so that a thousand openers do not each search the
        rest of the line.
        """
        scanner = _scanner(source)
        first = scanner.search(source)
        if first is None:  # no markup at all, like most list items and table cells
            if SMILEY_PATTERN.search(source) is None:
                return self.text(source)
            out: list[str] = []
            SmileyRuns(self.state, source, self.text).text(0, len(source), out)
            return "".join(out)
        markdown = self.md
        needs_escape = (MD_SPECIALS if markdown else HTML_SPECIALS).search
        smileys = (
            SmileyRuns(self.state, source, self.text) if SMILEY_PATTERN.search(source) else None
        )
        formatting = _Formatting(self)
        out, open_counts = formatting.out, formatting.open_counts
        pos = 0
        footnote_ends = True  # False once no '))' is left to close a footnote
        media_closes: Closer | None = None  # made at the first '{{'
        link_ends: LinkEnds | None = None  # made at the first '[['
        checkpoint = self.state.checkpoint if self.state.check is not None else None
        scan = scanner.finditer(source, first.start())
        while True:
            for m in scan:
                if checkpoint is not None:
                    checkpoint()
                start, pos_after = m.span()
                if start > pos:  # the text before the token (escape_text, inlined: the hot path)
                    if smileys is not None:
                        smileys.text(pos, start, out)
                    else:
                        text = source[pos:start]
                        out.append(escape_text(text, markdown) if needs_escape(text) else text)
                    pos = start
                kind = m.lastgroup
                if kind in _FORMAT_MARKERS:  # the most frequent tokens, tested first
                    if open_counts.get(kind):
                        formatting.close(kind)
                    else:
                        formatting.open(kind, _FORMAT_MARKERS[kind])
                    pos = pos_after
                    continue
                end = pos_after  # where the construct ends: elsewhere for a few
                if kind == "link":  # DokuWiki's '\[\[.*?\]\](?!\])': to the first ']]'
                    if link_ends is None:
                        link_ends = LinkEnds(source)
                    end = link_ends.after(pos_after)
                    if end < 0:
                        continue  # '[[' stays text
                    piece = wikilink(source[pos_after : end - 2], self.state, self.md)
                elif kind == "media":  # '{{' … '}}' on the same line
                    if media_closes is None:
                        media_closes = Closer(source, "}}")
                    close = media_closes.find(pos_after)
                    if close <= pos_after:
                        continue  # '{{' stays text (and '{{}}': DokuWiki wants a character)
                    piece = media(source[pos_after:close], self.state, self.md)
                    end = close + 2
                elif kind == "fn":
                    close = source.find("))", pos_after) if footnote_ends else -1
                    if close < 0:
                        footnote_ends = False
                        self.state.warn("footnote '((' never closed: kept as text")
                        piece = self.text("((")
                    else:
                        piece = self.footnote(source[pos_after:close])
                        end = close + 2
                elif kind == "ph":
                    piece = self.placeholder(int(m["phn"]))
                elif kind == "tag":
                    self.html_tag(formatting, m[0])
                    piece = ""
                elif kind == "quote":
                    piece = self.quote(source, start)
                else:
                    if kind == "url":
                        end = _url_end(source, kind, start, pos_after)
                    elif kind == "www":
                        end = _www_end(source, start, pos_after)
                        if end < 0:
                            kind, end = None, start + 3  # 'www' alone: text
                    piece = self.single_token(kind, source[start:end])
                pos = end
                if piece:
                    if self.md and piece[0] == "[" and out and out[-1][-1] == "!":
                        out[-1] = out[-1][:-1] + "\\!"  # '![text](url)' would be an image
                    out.append(piece)
                if end != pos_after:  # a construct that does not end with its token
                    scan = scanner.finditer(source, end)
                    break
            else:
                break
        if pos < len(source):
            if smileys is not None:
                smileys.text(pos, len(source), out)
            else:
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
            scheme = "ftp://" if token.startswith("ftp") else "http://"
            return self.link(scheme + token, self.text(token))
        if kind == "share":
            return self.link(share_url(token), self.text(token))
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
        if item.kind == "footnote":
            return self.footnote(item.text, over_lines=True)
        return self.text(item.text)

    def footnote(self, body: str, over_lines: bool = False) -> str:
        """Convert a footnote body and return the reference to it; ``over_lines``: a body
        that runs over several lines (:mod:`.notes`)."""
        footnotes = self.state.footnotes
        if footnotes.references >= MAX_REFERENCES:
            self.state.warn("too many footnotes: the rest are shown in parentheses")
            inline = self.convert(body).replace("\n", " ").strip()
            return f"({inline})"
        if over_lines and self.state.note_html is not None:
            content = self.state.note_html(body)
        else:
            converter = self if self.md else InlineConverter(self.state, markdown=True)
            content = converter.convert(body).replace("\n", " ")
        return footnotes.reference(content, self.state.page_id, self.md)


def convert_inline(source: str, state: ConversionState, markdown: bool = True) -> str:
    """Convert inline DokuWiki text; newlines become spaces."""
    return InlineConverter(state, markdown).convert(source).replace("\n", " ")


__all__ = ["InlineConverter", "convert_inline"]
