"""Constant tables copied from DokuWiki 2022-07-31b's default configuration.

``conf/interwiki.conf`` (interwiki shortcuts), ``conf/entities.conf`` (typography) and the
media extensions DokuWiki embeds as images. Kept in Python so the converter needs no wiki
installation at run time.
"""

from __future__ import annotations

#: ``conf/interwiki.conf`` of the Debian package (``&amp;`` already decoded to ``&``).
INTERWIKI: dict[str, str] = {
    "wp": "https://en.wikipedia.org/wiki/{NAME}",
    "wpfr": "https://fr.wikipedia.org/wiki/{NAME}",
    "wpde": "https://de.wikipedia.org/wiki/{NAME}",
    "wpes": "https://es.wikipedia.org/wiki/{NAME}",
    "wppl": "https://pl.wikipedia.org/wiki/{NAME}",
    "wpjp": "https://ja.wikipedia.org/wiki/{NAME}",
    "wpru": "https://ru.wikipedia.org/wiki/{NAME}",
    "wpmeta": "https://meta.wikipedia.org/wiki/{NAME}",
    "doku": "https://www.dokuwiki.org/",
    "rfc": "https://tools.ietf.org/html/rfc",
    "man": "http://man.cx/",
    "amazon": "https://www.amazon.com/dp/{URL}?tag=splitbrain-20",
    "amazon.de": "https://www.amazon.de/dp/{URL}?tag=splitbrain-21",
    "amazon.uk": "https://www.amazon.co.uk/dp/{URL}",
    "paypal": "https://www.paypal.com/cgi-bin/webscr?cmd=_xclick&business=",
    "phpfn": "https://secure.php.net/{NAME}",
    "skype": "skype:{NAME}",
    "google": "https://www.google.com/search?q=",
    "google.de": "https://www.google.de/search?q=",
    "go": "https://www.google.com/search?q={URL}&btnI=lucky",
    "user": ":user:{NAME}",
    "callto": "callto://{NAME}",
    "tel": "tel:{NAME}",
}

#: ``conf/entities.conf``: typography replacements, longest pattern first (as DokuWiki sorts).
ENTITIES: dict[str, str] = {
    "<->": "\u2194",
    "<=>": "\u21d4",
    "---": "\u2014",
    "(tm)": "\u2122",
    "...": "\u2026",
    "(c)": "\u00a9",
    "(r)": "\u00ae",
    "->": "\u2192",
    "<-": "\u2190",
    "=>": "\u21d2",
    "<=": "\u21d0",
    ">>": "\u00bb",
    "<<": "\u00ab",
    "--": "\u2013",
}

#: Extensions DokuWiki renders inline as ``<img>`` (``media_get_type`` → image/*).
IMAGE_EXTENSIONS: frozenset[str] = frozenset(
    {"png", "gif", "jpg", "jpeg", "webp", "svg", "ico", "bmp"}
)

#: Link schemes DokuWiki (conf/scheme.conf) accepts for external links that we keep.
EXTERNAL_SCHEMES: frozenset[str] = frozenset({"http", "https", "ftp", "mailto", "news"})

#: Block tags of common syntax plugins, whose tags we drop while keeping their content.
PLUGIN_TAGS: frozenset[str] = frozenset(
    {
        "wrap",
        "block",
        "inline",
        "note",
        "box",
        "hidden",
        "color",
        "tabbox",
        "tag",
        "todo",
        "tip",
        "important",
        "warning",
        "btn",
        "button",
        "well",
        "accordion",
        "panel",
        "callout",
        "alert",
        "columns",
        "newcolumn",
        "ifauth",
        "nspages",
        "searchbox",
        "fixme",
        "blockquote",
        "center",
        "indent",
        "imgcaption",
        "figure",
        "caption",
    }
)
