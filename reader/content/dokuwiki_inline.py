"""Inline DokuWiki markup → Markdown/HTML fragments.

One left-to-right scan with a single alternation regex (no nested quantifiers, so no
catastrophic backtracking) and a stack for the formatting pairs (``**``, ``//``, ``__``,
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

from reader.content.dokuwiki_data import (
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

_FORMAT_TAGS: dict[str, str] = {
    "**": "strong",
    "//": "em",
    "__": "u",
    "''": "code",
}
_HTML_FORMATS = ("del", "sub", "sup")

# DokuWiki's URL character classes (inc/Parsing/ParserMode/Externallink.php).
_URL_ANY = r"\w/\#~:.?+=&%@!\-\[\];,"
_URL_PUNC = r".:?\-;,"
_URL_TAIL = rf"[{_URL_ANY}]+?(?=[{_URL_PUNC}]*(?:[^{_URL_ANY}]|$))"
# DokuWiki's "whitespace" and punctuation for smart double quotes (ParserMode/Quotes.php).
_QUOTE_WS = r"\s/\#~:+=&%@\-()\]\[{}><\"'"
_QUOTE_PUNC = r";,.?!"
_ENTITY_ALT = "|".join(re.escape(k) for k in sorted(ENTITIES, key=len, reverse=True))
_EMAIL = r"[\w.!#$%&'*+/=?^`{|}~-]+@(?:[0-9A-Za-z][0-9A-Za-z-]*\.)+[A-Za-z]{2,63}"
_PLUGIN_TAG_NAMES = "|".join(sorted(PLUGIN_TAGS))

# Every branch below starts with one of these characters; the url, www and mult branches
# also need a word boundary before them. Testing that first lets the regex engine leave
# most positions at once instead of trying every branch: 3 to 5 times faster scans, the
# same matches.
_INLINE_START = r"(?=[\ue000\[{(\\*/_'<\-.=>\"]|(?<!\w)(?:\d|(?i:[hfnigtwle])))"

_INLINE = re.compile(
    _INLINE_START
    + "(?:"
    + "|".join(
        [
            rf"(?P<ph>{PH_OPEN}(?P<phn>\d+){PH_CLOSE})",
            r"(?P<link>\[\[(?P<linkbody>(?:[^\[\]\n]|\[[^\[\]\n]*\])*)\]\])",
            r"(?P<media>\{\{(?P<mediabody>(?:[^}\n]|\}(?!\}))*)\}\})",
            r"(?P<fn>\(\()",
            r"(?P<br>\\\\(?:[ \t]+|(?=\n)|$))",
            r"(?P<fmt>\*\*|//|__|'')",
            r"(?P<tag></?(?i:del|sub|sup)>)",
            rf"(?P<email><{_EMAIL}>)",
            rf"(?P<url>\b(?i:https?|ftp|news|irc|gopher|telnet|wais|ldap|ed2k)://{_URL_TAIL})",
            rf"(?P<www>\b(?i:www|ftp)\.{_URL_TAIL})",
            rf"(?P<plugintag></?(?i:{_PLUGIN_TAG_NAMES})\b[^<>\n]*>)",
            rf"(?P<entity>{_ENTITY_ALT})",
            r"(?P<mult>\b(?:[1-9]|\d{2,})[xX]\d+\b)",
            rf"(?P<dq>(?:^|(?<=[{_QUOTE_WS}]))\"(?=[^{_QUOTE_WS}{_QUOTE_PUNC}]))",
            r"(?P<dqc>\")",
        ]
    )
    + ")"
)

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
# Pure functions called for every link: pages link to the same few targets again and again.
_section_id = lru_cache(maxsize=4096)(section_id)
_resolve_page_id = lru_cache(maxsize=4096)(resolve_page_id)


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
        url = url.replace(
            "{NAME}", re.sub(r"[\[\\\]^`{|}#%]", lambda m: quote(m.group(0)), reference)
        )
    else:
        url = template + quote(reference, safe="")
    if url.startswith(":"):
        return None
    return url + (f"#{anchor}" if anchor else "")


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
            return f"[{label_html}]({escape_url(url, markdown=True)})"
        cls = f' class="{css}"' if css else ""
        return f'<a href="{escape_url(url)}"{cls}>{label_html}</a>'

    # -- main scan ------------------------------------------------------------------
    def convert(self, source: str) -> str:
        """Convert ``source`` (inline DokuWiki text) and return the fragment."""
        stack: list[tuple[str, str, list[str]]] = [("", "", [])]
        pos = 0
        fn_search_from = 0
        no_more_fn_close = False
        md = self.md
        for m in _INLINE.finditer(source):
            start = m.start()
            if start < pos:
                continue
            if start > pos:
                stack[-1][2].append(escape_text(source[pos:start], md))
            pos = m.end()
            kind = m.lastgroup
            out = stack[-1][2]
            if kind == "fmt":  # the most frequent token, tested first
                self.toggle(stack, m.group(0), _FORMAT_TAGS[m.group(0)])
            elif kind == "ph" or kind == "phn":
                out.append(self.placeholder(int(m.group("phn"))))
            elif kind == "link" or kind == "linkbody":
                out.append(self.wikilink(m.group("linkbody")))
            elif kind == "media" or kind == "mediabody":
                out.append(self.media(m.group("mediabody")))
            elif kind == "fn":
                close = -1
                if not no_more_fn_close:
                    close = source.find("))", max(pos, fn_search_from))
                    if close < 0:
                        no_more_fn_close = True
                if close < 0:
                    self.state.warn("footnote '((' never closed: kept as text")
                    out.append(self.text("(("))
                    continue
                out.append(self.footnote(source[pos:close]))
                pos = close + 2
                fn_search_from = pos
            elif kind == "br":
                out.append("<br />")
            elif kind == "tag":
                tag = m.group(0).strip("</>").lower()
                if m.group(0).startswith("</"):
                    if any(entry[0] == tag for entry in stack[1:]):
                        self.close(stack, tag)
                    else:
                        out.append(self.text(m.group(0)))
                else:
                    stack.append((tag, m.group(0), []))
            elif kind == "email":
                address = m.group(0)[1:-1]
                out.append(self.link(f"mailto:{address}", self.text(address)))
            elif kind == "url":
                url = m.group(0)
                out.append(self.link(url, self.text(url)))
            elif kind == "www":
                url = m.group(0)
                scheme = "ftp://" if url.lower().startswith("ftp") else "http://"
                out.append(self.link(scheme + url, self.text(url)))
            elif kind == "plugintag":
                self.state.warn(f"unknown plugin markup {m.group(0)!r}: tag dropped, text kept")
            elif kind == "entity":
                out.append(self.text(ENTITIES.get(m.group(0).lower(), m.group(0))))
            elif kind == "mult":
                out.append(self.text(_TIMES.sub("\u00d7", m.group(0))))
            elif kind == "dq" or (kind == "dqc" and self.state.open_quotes <= 0):
                self.state.open_quotes += 1
                out.append("\u201c")
            elif kind == "dqc":
                self.state.open_quotes -= 1
                out.append("\u201d")
        if pos < len(source):
            stack[-1][2].append(self.text(source[pos:]))
        while len(stack) > 1:
            tag, marker, parts = stack.pop()
            self.state.warn(f"unclosed {marker!r}: kept as literal text")
            stack[-1][2].append(self.text(marker))
            stack[-1][2].extend(parts)
        return "".join(stack[0][2])

    def toggle(self, stack: list[tuple[str, str, list[str]]], marker: str, tag: str) -> None:
        """Open or close a symmetric formatting pair."""
        if any(entry[0] == tag for entry in stack[1:]):
            self.close(stack, tag)
        else:
            stack.append((tag, marker, []))

    def close(self, stack: list[tuple[str, str, list[str]]], tag: str) -> None:
        """Close ``tag``; formatting opened inside it and left open becomes literal."""
        while len(stack) > 1:
            top_tag, marker, parts = stack.pop()
            if top_tag == tag:
                body = "".join(parts)
                stack[-1][2].append(f"<{tag}>{body}</{tag}>" if body else "")
                return
            self.state.warn(f"unclosed {marker!r}: kept as literal text")
            stack[-1][2].append(self.text(marker))
            stack[-1][2].extend(parts)

    # -- constructs -----------------------------------------------------------------
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
        content = InlineConverter(self.state, markdown=True).convert(body).replace("\n", " ")
        label, number = self.state.footnote_label(content.strip())
        if self.md:
            return f"[^{label}]"
        return (
            f'<sup id="fnref:{label}"><a class="footnote-ref" href="#fn:{label}">{number}</a></sup>'
        )

    def wikilink(self, body: str) -> str:
        """Convert ``[[target|title]]``."""
        target, bar, title = body.partition("|")
        target = target.strip()
        title = title.strip() if bar else ""
        label_html = ""
        if bar and _MEDIA_TITLE.fullmatch(title):
            label_html = self.media(title[2:-2], inside_link=True)
        elif title:
            label_html = self.text(title)
        if _INTERWIKI.match(target):
            shortcut, _, reference = target.partition(">")
            url = interwiki_url(shortcut, reference)
            if url is None:
                self.state.warn(f"unknown interwiki shortcut {shortcut!r}: kept as text")
                return label_html or self.text(target)
            return self.link(url, label_html or self.text(reference.partition("#")[0]))
        if target.startswith("\\\\"):
            return label_html or self.text(target)
        scheme = _SCHEME.match(target)
        if scheme:
            if scheme.group(1).lower() not in EXTERNAL_SCHEMES:
                self.state.warn(f"link with scheme {scheme.group(1)!r} dropped: kept as text")
                return label_html or self.text(target)
            return self.link(target, label_html or self.text(target))
        if _EMAIL_RE.fullmatch(target):
            return self.link(f"mailto:{target}", label_html or self.text(target))
        if target.startswith("#"):
            anchor = _section_id(target[1:])
            url = f"wiki:{self.state.page_id}#{anchor}"
            return self.link(url, label_html or self.text(target[1:]))
        raw_id, _, raw_anchor = target.partition("#")
        page_id, _ = _resolve_page_id(raw_id, self.state.page_id)
        if not page_id:
            page_id = self.state.page_id
        anchor = _section_id(raw_anchor) if raw_anchor else ""
        self.state.links.setdefault(page_id, None)
        url = f"wiki:{page_id}" + (f"#{anchor}" if anchor else "")
        return self.link(url, label_html or self.text(_simple_title(target)))

    def media(self, body: str, inside_link: bool = False) -> str:
        """Convert ``{{media}}`` (the text between the braces)."""
        plugin = re.match(r"^\s*([A-Za-z][\w.-]*)>(.*)$", body, re.DOTALL)
        if plugin and not re.match(r"^[a-z]+://", body.strip(), re.IGNORECASE):
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
        size = re.search(r"(\d+)(x(\d+))?", param, re.IGNORECASE)
        width = size.group(1) if size and size.group(1).strip("0") else ""
        height = size.group(3) if size and size.group(3) and size.group(3).strip("0") else ""
        linkonly = bool(re.search("linkonly", param, re.IGNORECASE))
        if re.match(r"^(https?|ftp)://", src, re.IGNORECASE) or re.match(r"^[a-zA-Z0-9.]+>", src):
            if re.match(r"^[a-zA-Z0-9.]+>", src):
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
    "Protected",
    "convert_inline",
    "escape_attr",
    "escape_text",
    "escape_url",
    "interwiki_url",
    "resolve_media_id",
]
