"""The wiki's base address and a page id, from any URL form DokuWiki uses.

DokuWiki links pages in three ways depending on ``userewrite``, plus its export paths::

    https://wiki.example/doku.php?id=faq:livraison          (0, always works)
    https://wiki.example/faq:livraison                      (1, web-server rewriting)
    https://wiki.example/doku.php/faq:livraison             (2, PATH_INFO)
    https://wiki.example/_export/raw/faq:livraison          (1)
    https://wiki.example/doku.php/faq:livraison?do=export_raw

A user may paste any of them, or just the wiki's address. The base keeps any folder the
wiki lives in (``https://example.org/wiki/``) and always ends with ``/``. With rewriting,
an address that does not end in ``/`` is read as a page (DokuWiki's own links never end
in ``/``); an address ending in ``/`` is the wiki itself.
"""

from __future__ import annotations

import urllib.parse
from dataclasses import dataclass

from reader.content.ids import clean_id

_SCRIPTS = ("doku.php", "index.php")
_NOT_PAGES = ("lib", "_media", "_detail", "feed.php")


class UrlError(ValueError):
    """Not a usable wiki address; the message says why, in French."""


@dataclass(frozen=True)
class WikiLocation:
    """A wiki's base URL (ending in ``/``) and the page the URL named, if any."""

    base: str
    page_id: str = ""


def parse_wiki_url(url: str) -> WikiLocation:
    """Split a wiki or page URL into the wiki's base and a (cleaned) page id."""
    text = url.strip()
    if not text:
        raise UrlError("adresse vide")
    if "://" not in text:
        text = "https://" + text
    parts = urllib.parse.urlsplit(text)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise UrlError(f"adresse de wiki invalide : {url}")
    query = urllib.parse.parse_qs(parts.query)
    path = parts.path or "/"
    segments = path.split("/")  # first is "" (the path starts with "/")
    page = query.get("id", [""])[0]
    base_segments = segments
    for i, segment in enumerate(segments):
        if segment in _SCRIPTS:
            base_segments = segments[:i]
            rest = "/".join(segments[i + 1 :])
            page = page or rest  # userewrite=2: /doku.php/ns:page
            break
    else:
        if "_export" in segments:
            i = segments.index("_export")
            base_segments = segments[:i]
            page = page or "/".join(segments[i + 2 :])
        elif any(s in _NOT_PAGES for s in segments):
            base_segments = segments[: min(segments.index(s) for s in _NOT_PAGES if s in segments)]
        elif path.endswith("/"):
            base_segments = segments[:-1]
        else:  # userewrite=1: /ns:page (useslash=0, DokuWiki's default)
            base_segments = segments[:-1]
            page = page or segments[-1]
    base_path = "/".join(base_segments).rstrip("/") + "/"
    base = urllib.parse.urlunsplit((parts.scheme, parts.netloc, base_path, "", ""))
    page_id = clean_id(urllib.parse.unquote(page)) if page else ""
    return WikiLocation(base, page_id)


def _slashed(base: str) -> str:
    return base if base.endswith("/") else base + "/"


def page_url(base: str, page_id: str, anchor: str = "") -> str:
    """The page on the wiki (``doku.php?id=``, valid under every ``userewrite`` setting)."""
    url = f"{_slashed(base)}doku.php?id={urllib.parse.quote(page_id, safe=':')}"
    return f"{url}#{urllib.parse.quote(anchor, safe='')}" if anchor else url


def export_raw_url(base: str, page_id: str) -> str:
    """The raw-text URL of a page, valid under every ``userewrite`` setting."""
    return f"{page_url(base, page_id)}&do=export_raw"


def media_url(base: str, media_id: str) -> str:
    """The download URL of a media file (DokuWiki's ``lib/exe/fetch.php``)."""
    media_id = urllib.parse.quote(media_id.lstrip(":"), safe=":")
    return f"{_slashed(base)}lib/exe/fetch.php?media={media_id}"


def search_url(base: str, query: str) -> str:
    """The wiki's own full-text search for ``query`` (``do=search``), to open in a browser."""
    return f"{_slashed(base)}doku.php?do=search&q={urllib.parse.quote(query.strip(), safe='')}"


def feed_url(base: str, namespace: str, fresh: int | None = None) -> str:
    """The RSS 2.0 list of a namespace's pages with their current revision (``feed.php``).

    ``linkto=page`` makes each item's link ``…?id=ID&rev=REV`` (or the rewritten forms),
    and ``content=abstract`` keeps the items small whatever the wiki's ``rss_content`` is.
    DokuWiki caches a feed (up to ``rss_update``, 5 min by default) under a key made of
    its options; ``fresh`` (a moment, in unix seconds) goes into ``num``, an option that
    only its "recent changes" mode reads, so a feed asked for at a new moment is built
    anew. ``purge=1`` would do that too, but DokuWiki passes a purge on to every cache
    the feed reads: it would parse every page of the namespace again (more than 30 s
    for one page of 4 MB, and a load on the wiki at each refresh).
    """
    ns = urllib.parse.quote(namespace, safe=":")
    query = f"mode=list&ns={ns}&type=rss2&linkto=page&content=abstract"
    if fresh is not None:
        query += f"&num={fresh}"
    return f"{_slashed(base)}feed.php?{query}"


def wiki_base(url: str) -> str:
    """The base of a wiki given by its address or by the URL of one of its pages."""
    return parse_wiki_url(url).base


def page_id_from(text: str) -> str:
    """A page id typed by the user (``faq:livraison``) or taken from a pasted page URL."""
    text = text.strip()
    if "://" in text or text.startswith("www."):
        page_id = parse_wiki_url(text).page_id
        if not page_id:
            raise UrlError(f"cette adresse ne désigne pas une page du wiki : {text}")
        return page_id
    page_id = clean_id(text)
    if not page_id:
        raise UrlError(f"identifiant de page invalide : « {text} »")
    return page_id
