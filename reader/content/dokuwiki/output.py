"""How converted fragments are written: escaping for the two output contexts, and links.

A fragment goes either into a Markdown paragraph (``markdown=True``: Markdown-active
characters escaped) or into the raw HTML of a list or table (``markdown=False``: only
``&``, ``<``, ``>``). Attribute values are made inert in both.
"""

from __future__ import annotations

import re
from functools import lru_cache
from urllib.parse import quote

MD_ESCAPE = {
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

# What to escape, and in which order: backslashes and '&' first, as escapes add them.
_MD_ORDER = tuple(MD_ESCAPE.items())
_HTML_ORDER = (("&", "&amp;"), ("<", "&lt;"), (">", "&gt;"))
MD_SPECIALS = re.compile("[" + re.escape("".join(MD_ESCAPE)) + "]")
HTML_SPECIALS = re.compile("[&<>]")
# What would make a paragraph's first characters block syntax: a list item, a rule, a
# setext or table line, a definition; or a footnote reference read as its definition.
_LINE_START = re.compile(r"(\d+)([.)])|([-+=~:|])|(\[\^[^\]]*\])(:)")


def escape_text(text: str, markdown: bool) -> str:
    """Escape plain text for a Markdown context (``markdown``) or a raw HTML context.

    ``str.replace`` for each character present: ``str.translate`` looks every character
    up in its table, which is several times slower on French text.
    """
    if (MD_SPECIALS if markdown else HTML_SPECIALS).search(text) is None:
        return text
    for char, escaped in _MD_ORDER if markdown else _HTML_ORDER:
        if char in text:
            text = text.replace(char, escaped)
    return text


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


def link(url: str, label_html: str, markdown: bool, css: str = "") -> str:
    """A link to ``url`` around an already converted label."""
    if markdown and not css:
        return f"[{label_html}]({escape_url(url, True)})"
    cls = f' class="{css}"' if css else ""
    return f'<a href="{escape_url(url)}"{cls}>{label_html}</a>'


def md_paragraph(fragment: str) -> str:
    """Make an inline Markdown fragment safe to start a line (no list, rule or code)."""
    fragment = fragment.strip()
    m = _LINE_START.match(fragment)
    if m is None:
        return fragment
    if m.group(1):
        return f"{m.group(1)}&#{ord(m.group(2))};{fragment[m.end() :]}"
    if m.group(4):
        return f"{m.group(4)}&#58;{fragment[m.end() :]}"
    return f"&#{ord(m.group(3))};{fragment[1:]}"
