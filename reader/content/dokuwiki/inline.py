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

import hashlib
import re
from dataclasses import dataclass, field
from functools import lru_cache
from urllib.parse import quote

from reader.content.dokuwiki.conf import (
    ENTITIES,
    EXTERNAL_SCHEMES,
    IMAGE_EXTENSIONS,
    INTERWIKI,
    PLUGIN_TAGS,
)
from reader.content.ids import resolve_media_id, resolve_page_id, section_id

#: Private-use characters delimiting placeholders for protected regions (nowiki, %%, …).
PH_OPEN, PH_CLOSE = "\ue000", "\ue001"
BLOCK_OPEN, BLOCK_CLOSE = "\ue002", "\ue003"
PLACEHOLDER_CHARS = PH_OPEN + PH_CLOSE + BLOCK_OPEN + BLOCK_CLOSE

#: Formatting pairs: HTML tag → DokuWiki marker.
_FORMAT_MARKERS: dict[str, str] = {
    "strong": "**",
    "em": "//",
    "u": "__",
    "code": "''",
}
_HTML_FORMATS = ("del", "sub", "sup")

# DokuWiki's URL character classes (inc/Parsing/ParserMode/Externallink.php).
_URL_ANY = r"\w/\#~:.?+=&%@!\-\[\];,"
_URL_PUNC = r".:?\-;,"
_URL_TAIL = rf"[{_URL_ANY}]+?(?=[{_URL_PUNC}]*(?:[^{_URL_ANY}]|$))"
# DokuWiki's "whitespace" and punctuation for smart double quotes (ParserMode/Quotes.php).
_QUOTE_WS = r"\s/\#~:+=&%@\-()\]\[{}><\"'"
_QUOTE_PUNC = r";,.?!"
_EMAIL = r"[\w.!#$%&'*+/=?^`{|}~-]+@(?:[0-9A-Za-z][0-9A-Za-z-]*\.)+[A-Za-z]{2,63}"
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
    ("email", rf"<{_EMAIL}>"),
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

_MD_ESCAPE = {
    "&": "&amp;",
    "<": "&lt;",
    ">": "&gt;",
    "\\": "\\\\",
    "`": "\\`",
    "*": "\\*",
    "_": "\\_",
    "[": "\\[",
    "]": "\\]",
    "{": "\\{",
    "}": "\\}",
    "#": "\\#",
}
_MD_TABLE = str.maketrans(_MD_ESCAPE)
_HTML_TABLE = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;"})
# Attribute values: HTML-escaped, plus Markdown-active characters as entities so an
# attribute can never close a Markdown link or start emphasis.
_ATTR_TABLE = str.maketrans(
    {
        "&": "&amp;",
        "<": "&lt;",
        ">": "&gt;",
        '"': "&quot;",
        "'": "&#39;",
        "[": "&#91;",
        "]": "&#93;",
        "*": "&#42;",
        "_": "&#95;",
        "`": "&#96;",
        "\\": "&#92;",
        "\n": " ",
    }
)


_TIMES = re.compile("[xX]")
_MEDIA_TITLE = re.compile(r"\{\{(?:[^}]|\}(?!\}))*\}\}")
_INTERWIKI = re.compile(r"^[a-zA-Z0-9.]+>")
_SCHEME = re.compile(r"^([a-z0-9\-.+]+?)://", re.IGNORECASE)
_EMAIL_RE = re.compile(_EMAIL)
_NAME_UNSAFE = re.compile(r"[\[\\\]^`{|}#%]")
_MEDIA_PLUGIN = re.compile(r"^\s*([A-Za-z][\w.-]*)>(.*)$", re.DOTALL)
_ANY_SCHEME = re.compile(r"^[a-z]+://", re.IGNORECASE)
_EXTERNAL_MEDIA = re.compile(r"^(https?|ftp)://", re.IGNORECASE)
_MEDIA_SIZE = re.compile(r"(\d+)(x(\d+))?", re.IGNORECASE)
_LINKONLY = re.compile("linkonly", re.IGNORECASE)

#: ``section_id`` for headings and link anchors; pages repeat the same few link targets.
section_anchor = lru_cache(maxsize=4096)(section_id)

# str.translate looks every character up in its table, which is slow on French text; most
# runs of text have nothing to escape, and a character-class search finds that in C.
_MD_SPECIALS = re.compile("[" + re.escape("".join(_MD_ESCAPE)) + "]")
_HTML_SPECIALS = re.compile("[&<>]")


def escape_text(text: str, markdown: bool) -> str:
    """Escape plain text for a Markdown context (``markdown``) or a raw HTML context."""
    if markdown:
        return text.translate(_MD_TABLE) if _MD_SPECIALS.search(text) else text
    return text.translate(_HTML_TABLE) if _HTML_SPECIALS.search(text) else text


def escape_attr(value: str) -> str:
    """Escape an attribute value so it is safe in HTML and inert in Markdown."""
    return value.translate(_ATTR_TABLE)


@lru_cache(maxsize=4096)  # urllib's quote is slow, and pages repeat their link targets
def escape_url(url: str, markdown: bool = False) -> str:
    """Percent-encode what would break a Markdown link (``markdown``) or an HTML attribute."""
    encoded = quote(url, safe="/:#?&=%@!$+,;~.-_*'[]")
    if markdown:
        return encoded
    return encoded.replace("&", "&amp;").replace("'", "%27")


@dataclass
class Protected:
    """A region cut out before parsing: nowiki/%% text, inline ``<html>``/``<php>``, code."""

    kind: str  # "nowiki", "inlinecode", "code"
    text: str
    language: str = ""
    filename: str = ""


@dataclass
class ConversionState:
    """What one ``to_markdown`` call accumulates while it converts."""

    page_id: str
    protected: list[Protected] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    media: dict[str, None] = field(default_factory=dict)
    links: dict[str, None] = field(default_factory=dict)
    footnotes: dict[str, str] = field(default_factory=dict)  # content markdown -> label
    footnote_numbers: dict[str, int] = field(default_factory=dict)  # content -> number
    footnote_salt: str = ""
    open_quotes: int = 0

    def warn(self, message: str) -> None:
        """Record a warning once."""
        if message not in self.warnings and len(self.warnings) < 200:
            self.warnings.append(message)

    def footnote_label(self, content: str) -> tuple[str, int]:
        """Return ``(label, number)`` for a footnote, reusing identical ones like DokuWiki."""
        if content not in self.footnotes:
            digest = hashlib.sha1(
                (self.footnote_salt + self.page_id).encode("utf-8", "replace")
            ).hexdigest()[:6]
            self.footnotes[content] = f"{len(self.footnotes) + 1}-{digest}"
            self.footnote_numbers[content] = len(self.footnotes)
        return self.footnotes[content], self.footnote_numbers[content]


def _no_ns(name: str) -> str:
    return name.rpartition(":")[2]


def _simple_title(name: str) -> str:
    """DokuWiki's ``_simpleTitle``: the anchor if any, else the last id part (``noNSorNS``)."""
    name, _, anchor = name.partition("#")
    if anchor:
        return anchor
    name = name.replace(";", ":")
    last = _no_ns(name)
    if last in ("", "start"):
        parts = [p for p in name.split(":") if p]
        if len(parts) >= (2 if last == "start" else 1):
            return parts[-2] if last == "start" else parts[-1]
        return "start"
    return last


def interwiki_url(shortcut: str, reference: str) -> str | None:
    """Build the URL of an interwiki link like DokuWiki's ``_resolveInterWiki``."""
    template = INTERWIKI.get(shortcut.lower())
    if template is None:
        return None
    reference, _, anchor = reference.partition("#")
    if "{URL}" in template or "{NAME}" in template:
        url = template.replace("{URL}", quote(reference, safe=""))
        url = url.replace("{NAME}", _NAME_UNSAFE.sub(lambda m: quote(m.group(0)), reference))
    else:
        url = template + quote(reference, safe="")
    if url.startswith(":"):
        return None
    return url + (f"#{anchor}" if anchor else "")


@dataclass(frozen=True)
class LinkTarget:
    """Where the target of a ``[[link]]`` points, as seen from one page."""

    url: str | None  # None: not a usable link, only its text is kept
    text: str  # the text shown when the link has no title
    page: str | None = None  # the internal page linked to (for ``Conversion.links``)
    warning: str = ""


@lru_cache(maxsize=4096)  # a pure function, and pages repeat their link targets
def link_target(target: str, page_id: str) -> LinkTarget:
    """Resolve the (stripped) target of a ``[[link]]`` written on page ``page_id``."""
    if _INTERWIKI.match(target):
        shortcut, _, reference = target.partition(">")
        url = interwiki_url(shortcut, reference)
        if url is None:
            return LinkTarget(
                None, target, None, f"unknown interwiki shortcut {shortcut!r}: kept as text"
            )
        return LinkTarget(url, reference.partition("#")[0])
    if target.startswith("\\\\"):
        return LinkTarget(None, target)
    scheme = _SCHEME.match(target)
    if scheme:
        if scheme.group(1).lower() not in EXTERNAL_SCHEMES:
            warning = f"link with scheme {scheme.group(1)!r} dropped: kept as text"
            return LinkTarget(None, target, None, warning)
        return LinkTarget(target, target)
    if _EMAIL_RE.fullmatch(target):
        return LinkTarget(f"mailto:{target}", target)
    if target.startswith("#"):
        return LinkTarget(f"wiki:{page_id}#{section_anchor(target[1:])}", target[1:])
    raw_id, _, raw_anchor = target.partition("#")
    linked = resolve_page_id(raw_id, page_id)[0] or page_id
    anchor = f"#{section_anchor(raw_anchor)}" if raw_anchor else ""
    return LinkTarget(f"wiki:{linked}{anchor}", _simple_title(target), linked)


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

    def link(self, url: str, label_html: str, css: str = "") -> str:
        """A link with already-converted label."""
        if self.md and not css:
            return f"[{label_html}]({escape_url(url, True)})"
        cls = f' class="{css}"' if css else ""
        return f'<a href="{escape_url(url)}"{cls}>{label_html}</a>'

    # -- main scan ------------------------------------------------------------------
    def convert(self, source: str) -> str:
        """Convert ``source`` (inline DokuWiki text) and return the fragment."""
        scanner = _scanner(source)
        first = scanner.search(source)
        if first is None:  # no markup at all, like most list items and table cells
            return self.text(source)
        needs_escape = (_MD_SPECIALS if self.md else _HTML_SPECIALS).search
        escapes = _MD_TABLE if self.md else _HTML_TABLE
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
                out.append(self.wikilink(m["linkbody"]))
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
                out.append(self.media(m["mediabody"]))
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
        label, number = self.state.footnote_label(content.strip())
        if self.md:
            return f"[^{label}]"
        return (
            f'<sup id="fnref:{label}"><a class="footnote-ref" href="#fn:{label}">{number}</a></sup>'
        )

    def wikilink(self, body: str) -> str:
        """Convert ``[[target|title]]``."""
        target, bar, title = body.partition("|")
        title = title.strip() if bar else ""
        label_html = ""
        if bar and _MEDIA_TITLE.fullmatch(title):
            label_html = self.media(title[2:-2], inside_link=True)
        elif title:
            label_html = self.text(title)
        resolved = link_target(target.strip(), self.state.page_id)
        if resolved.warning:
            self.state.warn(resolved.warning)
        if resolved.page is not None:
            self.state.links.setdefault(resolved.page, None)
        label = label_html or self.text(resolved.text)
        return label if resolved.url is None else self.link(resolved.url, label)

    def media(self, body: str, inside_link: bool = False) -> str:
        """Convert ``{{media}}`` (the text between the braces)."""
        plugin = _MEDIA_PLUGIN.match(body)
        if plugin and not _ANY_SCHEME.match(body.strip()):
            self.state.warn(f"unknown plugin markup {{{{{plugin.group(1)}>…}}}}: text kept")
            return self.text(plugin.group(2).strip())
        src, bar, caption = body.partition("|")
        caption = caption.strip() if bar else ""
        left, right = src.startswith(" "), src.endswith(" ")
        align = {(True, True): "mediacenter", (True, False): "mediaright"}.get(
            (left, right), "medialeft" if right else "media"
        )
        src = src.strip()
        src, _, param = src.rpartition("?") if "?" in src else (src, "", "")
        size = _MEDIA_SIZE.search(param)
        width = size.group(1) if size and size.group(1).strip("0") else ""
        height = size.group(3) if size and size.group(3) and size.group(3).strip("0") else ""
        linkonly = bool(_LINKONLY.search(param))
        interwiki = _INTERWIKI.match(src)
        if interwiki or _EXTERNAL_MEDIA.match(src):
            if interwiki:
                shortcut, _, reference = src.partition(">")
                url = interwiki_url(shortcut, reference) or ""
            else:
                url = src
            if not url:
                return self.text(caption or src)
            self.state.warn(f"external media {src!r} shown as a link (no remote loads)")
            return self.link(url, self.text(caption or src))
        media_id = resolve_media_id(src, self.state.page_id)
        if not media_id:
            self.state.warn(f"media {src!r} has no usable id: kept as text")
            return self.text(caption or src)
        self.state.media.setdefault(media_id, None)
        ext = media_id.rpartition(".")[2].lower() if "." in media_id else ""
        if linkonly or ext not in IMAGE_EXTENSIONS:
            label = self.text(caption or _no_ns(media_id))
            return self.link(f"media:{media_id}", label, css="mediafile")
        attrs = [f'src="media:{escape_attr(media_id)}"', f'class="{align}"']
        attrs.append(f'alt="{escape_attr(caption)}"')
        if caption:
            attrs.append(f'title="{escape_attr(caption)}"')
        if width:
            attrs.append(f'width="{width}"')
        if height:
            attrs.append(f'height="{height}"')
        return "<img " + " ".join(attrs) + " />"


def convert_inline(source: str, state: ConversionState, markdown: bool = True) -> str:
    """Convert inline DokuWiki text; newlines become spaces."""
    return InlineConverter(state, markdown).convert(source).replace("\n", " ")


__all__ = [
    "BLOCK_CLOSE",
    "BLOCK_OPEN",
    "PH_CLOSE",
    "PH_OPEN",
    "PLACEHOLDER_CHARS",
    "ConversionState",
    "InlineConverter",
    "LinkTarget",
    "Protected",
    "convert_inline",
    "escape_attr",
    "escape_text",
    "escape_url",
    "interwiki_url",
    "link_target",
    "resolve_media_id",
    "section_anchor",
]
