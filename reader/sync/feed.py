"""The wiki's revision and date of each page, from DokuWiki's page-list feed.

``doku.php?do=export_raw`` carries neither, and DokuWiki sends no Last-Modified with it.
``feed.php?mode=list&ns=NS&type=rss2&linkto=page`` (:func:`reader.sync.urls.feed_url`)
lists the pages directly in one namespace (``ns=`` empty: the root pages) with their
current revision. DokuWiki's revision id is the page file's modification time in unix
seconds; the feed gives it as ``rev=`` in each item's link (``doku.php?id=ID&rev=REV``,
``/ID?rev=REV`` with ``userewrite=1``, ``/doku.php/ID?rev=REV`` with ``userewrite=2``) and
again as the item's ``pubDate``. Pages the anonymous user may not read, and hidden pages,
are not listed.

The feed is only a hint, and untrusted: it is read through the bounded HTTP client and
parsed by expat with any DTD refused, so no entity can expand or be fetched. Anything
wrong with it (an error status, an HTML login page, malformed XML, a timeout) gives no
dates and a log line, never an error; only a cancel goes through. A feed can also be
older or newer than the text it would date: :meth:`WikiDates.date_for` keeps a date only
when the feed vouches for the very text that was fetched.
"""

from __future__ import annotations

import email.utils
import logging
import time
import urllib.parse
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from datetime import UTC
from xml.parsers import expat

from reader.content.ids import namespace_of
from reader.content.manifest import iso_utc
from reader.sync.cancel import Cancelled, CancelToken
from reader.sync.http import HttpClient, HttpError, Request, Response
from reader.sync.urls import UrlError, feed_url, parse_wiki_url
from reader.sync.wiki import HTML_TYPES

log = logging.getLogger(__name__)

_XML_TYPES = ("application/xml", "text/xml", "application/rss+xml")
_ITEM = ("rss", "channel", "item")
_LATEST = 32_503_680_000  # 3000-01-01 in unix seconds: no revision id is that late


class FeedError(Exception):
    """The feed cannot be used; the message says why (for the log, in English)."""


@dataclass(frozen=True)
class PageDate:
    """A page's current revision on the wiki: DokuWiki's revision id (unix seconds, as
    text) and the same moment in ISO 8601 UTC, as the manifest keeps them."""

    revision: str
    last_modified: str

    @classmethod
    def at(cls, timestamp: int) -> PageDate:
        return cls(str(timestamp), iso_utc(timestamp))

    @property
    def timestamp(self) -> int:
        return int(self.revision)


@dataclass(frozen=True)
class NamespaceFeed:
    """What one namespace's feed says: when the wiki built it (the wiki's clock, unix
    seconds; None if it did not say) and the current revision of each page it lists."""

    built: int | None
    pages: Mapping[str, PageDate]


@dataclass(frozen=True)
class WikiDates:
    """The feeds that could be read, by namespace (a feed that failed is absent)."""

    feeds: Mapping[str, NamespaceFeed] = field(default_factory=dict)

    def date_for(self, page_id: str, served: int | None, previous: str = "") -> PageDate | None:
        """The date of the text of ``page_id`` that the wiki served at ``served`` (the
        ``Date`` of its answer, unix seconds), or None when the feed cannot vouch for it.

        ``previous`` is the revision of the stored copy this text replaces ("" if none).
        The date is kept only when the feed lists the page; was built no earlier than the
        page was served (DokuWiki caches feeds, and a cached one may show an older
        revision); gives a revision no later than that (else the page was edited after
        it was fetched, and the date belongs to a newer text); and, for a text that
        replaces a dated copy, a newer revision than that copy's. All these times come
        from the wiki's clock, so the computer's clock does not matter.
        """
        feed = self.feeds.get(namespace_of(page_id))
        date = feed.pages.get(page_id) if feed is not None else None
        if feed is None or date is None or feed.built is None or served is None:
            return None
        if feed.built < served or date.timestamp > served:
            return None
        if previous.isdigit() and date.timestamp <= int(previous):
            return None
        return date


def http_time(value: str) -> int | None:
    """An HTTP or RSS date (RFC 5322 form) as unix seconds; None when absent or unreadable."""
    if not value:
        return None
    try:
        moment = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError, OverflowError):
        return None
    if moment.tzinfo is None:  # "-0000": UTC, with no claim about the local zone
        moment = moment.replace(tzinfo=UTC)
    return int(moment.timestamp())


def check_feed(response: Response) -> bytes:
    """The body of a feed answer; :class:`FeedError` for an error or a web page."""
    if response.status != 200:
        raise FeedError(f"HTTP status {response.status}")
    if response.content_type in HTML_TYPES:
        raise FeedError("an HTML page (a login or error page?) instead of the feed")
    if response.content_type and response.content_type not in _XML_TYPES:
        raise FeedError(f"unexpected content type {response.content_type}")
    return response.body


def parse_feed(body: bytes, base: str) -> NamespaceFeed:
    """Read a DokuWiki page-list feed (RSS 2.0) served by the wiki at ``base``.

    Items whose link is not a page of this wiki, or whose revision is missing or
    contradicts its ``pubDate``, are left out. Raises :class:`FeedError` for anything
    that is not a well-formed RSS document without a DTD.
    """
    return _FeedReader(urllib.parse.urlsplit(base).path or "/").read(body)


def fetch_dates(
    client: HttpClient,
    base: str,
    namespaces: Iterable[str],
    *,
    max_bytes: int,
    deadline: float | None = None,
    cancel: CancelToken | None = None,
    progress: Callable[[int], None] | None = None,
    fresh: int | None = None,
) -> WikiDates:
    """Read the feed of each namespace, one request each, within ``deadline``; ``fresh``
    (unix seconds, the moment the pages were served) asks for feeds built no earlier
    than that (:func:`reader.sync.urls.feed_url`).

    A feed that fails is left out with a log line; only :class:`Cancelled` is raised.
    """
    feeds: dict[str, NamespaceFeed] = {}
    for namespace in dict.fromkeys(namespaces):
        if deadline is not None and time.monotonic() >= deadline:
            log.warning("no time left to read the wiki's feed: no dates for %r", namespace)
            break
        url = feed_url(base, namespace, fresh)
        request = Request(
            url, max_bytes=max_bytes, deadline=deadline, cancel=cancel, progress=progress
        )
        try:
            feeds[namespace] = parse_feed(check_feed(client.get(request)), base)
        except Cancelled:
            raise
        except (HttpError, FeedError) as error:
            reason = error.reason if isinstance(error, HttpError) else str(error)
            log.warning("wiki feed %s unusable (%s): no dates from it", url, reason)
        except Exception:
            log.exception("wiki feed %s unusable: no dates from it", url)
    return WikiDates(feeds)


class _FeedReader:
    """expat callbacks keeping the channel's ``lastBuildDate`` and each item's link and
    ``pubDate``; everything else in the feed is ignored."""

    def __init__(self, base_path: str) -> None:
        self.base_path = base_path
        self.path: list[str] = []
        self.text: list[str] = []
        self.item: dict[str, str] = {}
        self.built: int | None = None
        self.pages: dict[str, PageDate] = {}
        self.ambiguous: set[str] = set()

    def read(self, body: bytes) -> NamespaceFeed:
        parser = expat.ParserCreate()
        parser.buffer_text = True
        parser.SetParamEntityParsing(expat.XML_PARAM_ENTITY_PARSING_NEVER)
        # No DTD: that rules out entity expansion ("billion laughs") and external
        # entities; a DokuWiki feed never has one. Undeclared entities are errors.
        parser.StartDoctypeDeclHandler = self._refuse_doctype
        parser.EntityDeclHandler = self._refuse_entity
        parser.StartElementHandler = self._start
        parser.EndElementHandler = self._end
        parser.CharacterDataHandler = self.text.append
        try:
            parser.Parse(body, True)
        except expat.ExpatError as error:
            raise FeedError(f"not well-formed XML ({error})") from None
        pages = {k: v for k, v in self.pages.items() if k not in self.ambiguous}
        return NamespaceFeed(self.built, pages)

    def _refuse_doctype(self, name: str, *_: object) -> None:
        if name.lower() == "html":
            raise FeedError("an HTML page instead of the feed")
        raise FeedError(f"a document type declaration ({name}), refused")

    def _refuse_entity(self, name: str, *_: object) -> None:
        raise FeedError(f"an entity declaration ({name}), refused")

    def _start(self, name: str, _attributes: dict[str, str]) -> None:
        if not self.path and name != "rss":
            raise FeedError(f"not an RSS 2.0 feed (root element <{name}>)")
        self.path.append(name)
        self.text.clear()
        if tuple(self.path) == _ITEM:
            self.item = {}

    def _end(self, name: str) -> None:
        where = tuple(self.path)
        value = "".join(self.text).strip()
        self.text.clear()
        if where == ("rss", "channel", "lastBuildDate"):
            self.built = http_time(value)
        elif where[:-1] == _ITEM and name in ("link", "pubDate"):
            self.item[name] = value
        elif where == _ITEM:
            self._add(self.item)
        self.path.pop()

    def _add(self, item: dict[str, str]) -> None:
        link = item.get("link", "")
        page_id = _page_id(link, self.base_path)
        stamp = _revision(link, item.get("pubDate", ""))
        if not page_id or stamp is None:
            log.debug("feed item skipped: %r", item)
            return
        known = self.pages.setdefault(page_id, PageDate.at(stamp))
        if known.timestamp != stamp:  # listed twice with two revisions: trust neither
            self.ambiguous.add(page_id)


def _page_id(link: str, base_path: str) -> str:
    """The page a feed link points to, if it is a page of the wiki whose base path is
    ``base_path`` (any ``userewrite`` form; DokuWiki writes the host it was reached by,
    so only the path is compared)."""
    try:
        location = parse_wiki_url(link)
    except UrlError:
        return ""
    if urllib.parse.urlsplit(location.base).path != base_path:
        return ""
    return location.page_id


def _revision(link: str, published: str) -> int | None:
    """The revision id from the link's ``rev=``, checked against ``pubDate`` (DokuWiki
    writes the same moment in both); the ``pubDate`` alone when the link has none."""
    rev = urllib.parse.parse_qs(urllib.parse.urlsplit(link).query).get("rev", [""])[0]
    date = http_time(published)
    if rev.isdigit():
        stamp = int(rev)
        if date is not None and date != stamp:
            return None
    elif date is not None:
        stamp = date
    else:
        return None
    return stamp if 0 < stamp < _LATEST else None
