"""The network half of a refresh: pages, their images and their dates, into memory.

Each page is checked (see :mod:`reader.sync.wiki`) and, when its SHA-256 changed,
validated by building it; nothing is written here (see :mod:`reader.sync.staging`).
"""

from __future__ import annotations

import logging
import re
import time
from collections.abc import Callable
from dataclasses import dataclass, replace

from reader.content.dokuwiki import to_markdown
from reader.content.ids import namespace_of, resolve_page_id
from reader.content.manifest import MediaEntry, iso_utc, media_path
from reader.content.model import Page, PageSource
from reader.content.page_cache import PageCache
from reader.fsutil import sha256_bytes
from reader.sync.errors import failure
from reader.sync.feed import PageDate, fetch_dates, http_time
from reader.sync.http import (
    Cancelled,
    CancelToken,
    HttpClient,
    HttpError,
    Limits,
    Request,
    Response,
)
from reader.sync.old_content import OldContent
from reader.sync.progress import Progress, ProgressCallback
from reader.sync.sources import Sources
from reader.sync.urls import export_raw_url
from reader.sync.urls import media_url as wiki_media_url
from reader.sync.wiki import Validators, WikiError, check_media, check_page

log = logging.getLogger(__name__)

PAGE_MEDIA_KEY = "page_media"  # manifest extra: {page id: [media ids]}
_MEDIA_REF = re.compile(r"\{\{\s*([^}|?#]+)")


@dataclass
class Fetched:
    """A page as the wiki sent it; ``page`` is the validated build when it ``changed``."""

    page_id: str
    data: bytes
    sha256: str
    media: tuple[str, ...]
    changed: bool
    page: Page | None = None
    served: int | None = None  # the wiki's Date header: its clock when it sent the page


@dataclass
class Media:
    """An image a page uses, with the manifest entry it will have."""

    media_id: str
    data: bytes | None  # None: reuse the stored copy (304, or a fetch that failed)
    entry: MediaEntry
    stored: str = ""  # where the reused copy is in the old set (its entry's old path)

    @classmethod
    def reuse(cls, media_id: str, previous: MediaEntry, etag: str | None = None) -> Media:
        """The stored copy again, at the path this version gives its id."""
        entry = replace(
            previous, path=media_path(media_id), etag=previous.etag if etag is None else etag
        )
        return cls(media_id, None, entry, previous.path)


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

    def _get(self, url: str, max_bytes: int, headers: dict[str, str] | None = None) -> Response:
        return self.client.get(
            Request(
                url,
                headers=headers or {},
                max_bytes=max_bytes,
                deadline=self.deadline,
                cancel=self.cancel,
                progress=self._on_bytes,
            )
        )

    # -- 1. pages --------------------------------------------------------------------------
    def fetch_pages(self, old: OldContent) -> list[Fetched]:
        base = self.sources.wiki
        old_manifest = old.content.manifest
        old_media_map = old_manifest.extra.get(PAGE_MEDIA_KEY, {})
        total = len(self.sources.pages)
        fetched: list[Fetched] = []
        for n, page_id in enumerate(self.sources.pages, 1):
            self.report("page", n, total, page_id)
            try:
                response = self._get(export_raw_url(base, page_id), self.limits.max_page_bytes)
                text = check_page(response)
            except (HttpError, WikiError) as error:
                detail = getattr(error, "detail", "")
                raise failure(error.reason, page_id, detail=detail) from error
            data = response.body
            digest = sha256_bytes(data)
            served = http_time(response.headers.get("date", ""))
            entry = old_manifest.page(page_id)
            changed = entry is None or entry.sha256 != digest
            if changed:  # the media list comes from the validation build: one conversion
                page = self._validate(page_id, text, digest, old.page_cache)
                media = page_media(text, page_id, page.media)
                fetched.append(Fetched(page_id, data, digest, media, changed, page, served))
                continue
            known = old_media_map.get(page_id)
            if isinstance(known, list):
                media = tuple(known)
            else:  # e.g. the bundled set, which has no media map: its built page has it
                old_page = old.page(page_id)
                converted = old_page.media if old_page else None
                media = page_media(text, page_id, converted, self.cancel.check)
            fetched.append(Fetched(page_id, data, digest, media, changed))
        return fetched

    # -- 2. validation ---------------------------------------------------------------------
    def _validate(self, page_id: str, text: str, digest: str, cache: PageCache) -> Page:
        source = PageSource(wiki=self.sources.wiki, fetched=iso_utc(), sha256=digest, origin="user")
        try:
            page = cache.load(page_id, digest, text, source, check=self.cancel.check)
        except Cancelled:
            raise  # a cancel during the conversion of a big page is honoured at once
        except Exception as error:
            log.exception("page %s does not convert", page_id)
            reason = "la page ne peut pas être convertie"
            raise failure(reason, page_id, detail=repr(error)) from error
        if next(page.questions(), None) is None:
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

    # -- media -----------------------------------------------------------------------------
    def fetch_media(self, pages: list[Fetched], old: OldContent) -> list[Media]:
        """Every image the pages use. An image that cannot be had (missing, protected,
        too big, a web page instead, a server error …) is a warning naming it and its
        page, never a failure: the stored copy is kept when there is one, else the
        answer shows its caption in its place. Only a cancel raises."""
        users: dict[str, str] = {}
        for page in pages:
            for media_id in page.media:
                users.setdefault(media_id, page.page_id)
        old_entries = {m.id: m for m in old.content.manifest.media}
        same_wiki = old.content.manifest.wiki == self.sources.wiki
        result: list[Media] = []
        for n, (media_id, page_id) in enumerate(users.items(), 1):
            self.report("media", n, len(users), media_id)
            previous = old_entries.get(media_id) if same_wiki else None
            if previous is not None and not (old.content.root / previous.path).is_file():
                previous = None
            validators = (
                Validators(previous.etag, previous.last_modified) if previous else Validators()
            )
            url = wiki_media_url(self.sources.wiki, media_id)
            try:
                response = self._get(url, self.limits.max_media_bytes, validators.headers())
                data = check_media(response)
                if data is None and previous is None:
                    raise WikiError("status", "réponse 304 inattendue")
            except (WikiError, HttpError) as error:
                self._media_problem(media_id, page_id, error.reason, previous)
                if previous is not None:
                    result.append(Media.reuse(media_id, previous))
                continue
            if data is None:
                assert previous is not None
                result.append(Media.reuse(media_id, previous))
                continue
            entry = MediaEntry(
                id=media_id,
                path=media_path(media_id),
                sha256=sha256_bytes(data),
                etag=response.headers.get("etag", ""),
                last_modified=response.headers.get("last-modified", ""),
            )
            if previous is not None and previous.sha256 == entry.sha256:
                result.append(Media.reuse(media_id, previous, entry.etag))
            else:
                result.append(Media(media_id, data, entry))
        return result

    def _media_problem(
        self, media_id: str, page_id: str, reason: str, kept: MediaEntry | None
    ) -> None:
        outcome = (
            "la copie déjà enregistrée est gardée"
            if kept is not None
            else "la réponse montre sa légende à la place"
        )
        log.warning("image %s of %s not fetched: %s", media_id, page_id, reason)
        self.warnings.append(f"image « {media_id} » (page « {page_id} ») : {reason} ; {outcome}")
