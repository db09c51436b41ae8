"""The network half of a refresh: pages and their dates, into memory.

Each page is checked (see :mod:`reader.sync.wiki`) and, when its SHA-256 changed,
validated by building it; nothing is written here (see :mod:`reader.sync.staging`).
The media go to :mod:`reader.sync.media`, the linked pages to :mod:`reader.sync.links`.
"""

from __future__ import annotations

import logging
import re
import time
from collections.abc import Callable
from dataclasses import dataclass

from reader.content.dokuwiki import to_markdown
from reader.content.ids import namespace_of, resolve_page_id
from reader.content.manifest import iso_utc
from reader.content.model import LISTED, Page, PageSource
from reader.content.page_cache import PageCache
from reader.fsutil import sha256_bytes
from reader.sync.cancel import Cancelled, CancelToken
from reader.sync.errors import failure
from reader.sync.feed import PageDate, fetch_dates, http_time
from reader.sync.http import HttpClient, HttpError, Limits, Request, Response
from reader.sync.old_content import OldContent
from reader.sync.progress import Progress, ProgressCallback
from reader.sync.sources import Sources
from reader.sync.urls import export_raw_url
from reader.sync.wiki import WikiError, check_page

log = logging.getLogger(__name__)

PAGE_MEDIA_KEY = "page_media"  # manifest extra: {page id: [media ids]}
PAGE_LINKS_KEY = "page_links"  # manifest extra: {page id: [linked page ids]}
_MEDIA_REF = re.compile(r"\{\{\s*([^}|?#]+)")


@dataclass
class Fetched:
    """A page as the wiki sent it; ``page`` is the validated build when it ``changed``.

    ``links`` are the pages it links to (followed for the linked pages); ``role`` says
    whether it is a listed (FAQ) page or a linked one. A linked page that could not be
    fetched again but was held before is its stored copy (its bytes, unchanged).
    """

    page_id: str
    data: bytes
    sha256: str
    media: tuple[str, ...]
    changed: bool
    page: Page | None = None
    served: int | None = None  # the wiki's Date header: its clock when it sent the page
    links: tuple[str, ...] = ()
    role: str = LISTED


def page_media(
    text: str,
    page_id: str,
    converted: tuple[str, ...] | None = None,
    check: Callable[[], None] | None = None,
) -> tuple[str, ...]:
    """The local media ids a page uses: the converter's list, plus ``{{…}}`` references
    found by a plain scan so that no image is missed while the converter evolves.

    ``converted`` is the converter's list from the page already built (``Page.media``);
    only when it is None is ``text`` converted again to get it (``check`` is called during
    that conversion: what it raises, a cancel, stops it).
    """
    found: list[str] = []
    if converted is not None:
        found.extend(converted)
    else:
        try:
            found.extend(to_markdown(text, page_id, check=check).media)
        except Cancelled:
            raise
        except Exception:
            log.exception("converter failed while listing the media of %s", page_id)
    for match in _MEDIA_REF.finditer(text):
        target = match.group(1).strip()
        if "://" in target or target.startswith(("\\\\", "data:", "file:/")) or not target:
            continue
        media_id, _ = resolve_page_id(target, page_id)
        found.append(media_id)
    return tuple(dict.fromkeys(m for m in found if _safe_media_id(m)))


def _safe_media_id(media_id: str) -> bool:
    parts = media_id.split(":")
    return all(p and p not in (".", "..") and "/" not in p and "\\" not in p for p in parts)


class Refresh:
    """One refresh's state: the bytes received, its deadline, its warnings and its
    progress reports; :func:`reader.sync.refresh.refresh` is the public entry point."""

    def __init__(
        self,
        sources: Sources,
        client: HttpClient,
        limits: Limits,
        cancel: CancelToken,
        progress: ProgressCallback | None,
    ) -> None:
        self.sources = sources
        self.client = client
        self.limits = limits
        self.cancel = cancel
        self.progress = progress
        self.received = 0
        self.deadline = time.monotonic() + limits.refresh_timeout
        self.warnings: list[str] = []

    def report(self, step: str, done: int, total: int, item: str) -> None:
        if self.progress is not None:
            self.progress(Progress(step, done, total, item, self.received))

    def _on_bytes(self, count: int) -> None:
        self.received += count

    def get(
        self,
        url: str,
        max_bytes: int,
        headers: dict[str, str] | None = None,
        sink: Callable[[bytes], None] | None = None,
    ) -> Response:
        """One bounded GET within the refresh's deadline (see :class:`Request`)."""
        return self.client.get(
            Request(
                url,
                headers=headers or {},
                max_bytes=max_bytes,
                deadline=self.deadline,
                cancel=self.cancel,
                progress=self._on_bytes,
                sink=sink,
            )
        )

    # -- 1. pages --------------------------------------------------------------------------
    def fetch_pages(self, old: OldContent) -> list[Fetched]:
        """The listed pages, in order; any that cannot be had fails the refresh."""
        total = len(self.sources.pages)
        fetched: list[Fetched] = []
        for n, page_id in enumerate(self.sources.pages, 1):
            self.report("page", n, total, page_id)
            try:
                fetched.append(self.fetch_page(page_id, old, LISTED))
            except (HttpError, WikiError) as error:
                detail = getattr(error, "detail", "")
                raise failure(error.reason, page_id, detail=detail) from error
        return fetched

    def fetch_page(self, page_id: str, old: OldContent, role: str) -> Fetched:
        """One page from the wiki, built when it changed (as a ``role`` page). Raises
        :class:`HttpError` or :class:`WikiError` when it cannot be had, ``RefreshError``
        when it does not convert (or, listed, holds no question)."""
        response = self.get(export_raw_url(self.sources.wiki, page_id), self.limits.max_page_bytes)
        text = check_page(response)
        data = response.body
        digest = sha256_bytes(data)
        served = http_time(response.headers.get("date", ""))
        entry = old.content.manifest.page(page_id)
        if entry is None or entry.sha256 != digest or entry.role != role:
            # The media and links come from the validation build: one conversion.
            page = self.validate(page_id, text, digest, old.page_cache, role)
            media = page_media(text, page_id, page.media)
            return Fetched(page_id, data, digest, media, True, page, served, page.links, role)
        media, links = self.known_links(page_id, old, text)
        return Fetched(page_id, data, digest, media, False, None, served, links, role)

    def known_links(
        self, page_id: str, old: OldContent, text: str | None = None
    ) -> tuple[tuple[str, ...], tuple[str, ...]]:
        """The media and the pages an unchanged page uses, from the old set's manifest,
        else (the bundled set has no such maps) from its built page."""
        extra = old.content.manifest.extra
        media, links = extra.get(PAGE_MEDIA_KEY, {}), extra.get(PAGE_LINKS_KEY, {})
        known_media = media.get(page_id) if isinstance(media, dict) else None
        known_links = links.get(page_id) if isinstance(links, dict) else None
        if isinstance(known_media, list) and isinstance(known_links, list):
            return tuple(map(str, known_media)), tuple(map(str, known_links))
        old_page = old.page(page_id)
        converted = old_page.media if old_page else None
        if text is None:
            found = tuple(map(str, known_media)) if isinstance(known_media, list) else ()
        else:
            found = page_media(text, page_id, converted, self.cancel.check)
        return found, old_page.links if old_page else ()

    # -- 2. validation ---------------------------------------------------------------------
    def validate(
        self, page_id: str, text: str, digest: str, cache: PageCache, role: str = LISTED
    ) -> Page:
        """The page built from ``text`` as a ``role`` page; ``RefreshError`` when it does
        not convert (or, listed, holds no question)."""
        source = PageSource(wiki=self.sources.wiki, fetched=iso_utc(), sha256=digest, origin="user")
        try:
            page = cache.load(page_id, digest, text, source, check=self.cancel.check, role=role)
        except Cancelled:
            raise  # a cancel during the conversion of a big page is honoured at once
        except Exception as error:
            log.exception("page %s does not convert", page_id)
            reason = "la page ne peut pas être convertie"
            raise failure(reason, page_id, detail=repr(error)) from error
        if role == LISTED and next(page.questions(), None) is None:
            raise failure("la page ne contient aucune question", page_id)
        return page

    # -- dates ------------------------------------------------------------------------------
    def fetch_dates(self, pages: list[Fetched], old: OldContent) -> dict[str, PageDate]:
        """The wiki's revision and date of each new or changed page that the feed vouches
        for. Unchanged pages keep what their stored copy says, so only the namespaces of
        the others are asked, each in one request; nothing is asked when nothing changed.
        Never fails: a feed that cannot be used leaves pages undated. A cancel raises.
        """
        changed = [p for p in pages if p.changed]
        if not changed:
            return {}
        manifest = old.content.manifest
        same_wiki = manifest.wiki == self.sources.wiki
        deadline = min(self.deadline, time.monotonic() + self.limits.feed_timeout)
        try:
            dates = fetch_dates(
                self.client,
                self.sources.wiki,
                (namespace_of(p.page_id) for p in changed),
                max_bytes=self.limits.max_feed_bytes,
                deadline=deadline,
                cancel=self.cancel,
                progress=self._on_bytes,
                fresh=max((p.served for p in changed if p.served), default=None),
            )
            result: dict[str, PageDate] = {}
            for item in changed:
                previous = manifest.page(item.page_id) if same_wiki else None
                date = dates.date_for(
                    item.page_id, item.served, previous.revision if previous else ""
                )
                if date is not None:
                    result[item.page_id] = date
            undated = [p.page_id for p in changed if p.page_id not in result]
            if undated:
                log.info("undated (the wiki's feed does not vouch for them): %s", undated)
            return result
        except Cancelled:
            raise
        except Exception:
            log.exception("dates from the wiki's feed failed: pages left undated")
            return {}
