"""A refresh from the wiki as one transaction: all pages or nothing.

1. fetch every page's raw text (and every image the pages use) into memory, each
   checked (see :mod:`reader.sync.wiki`); a page whose SHA-256 did not change is kept
   as it is;
2. validate each changed page: it converts and holds at least one question;
   date the new and changed pages from the wiki's page-list feed when it can vouch
   for them (:mod:`reader.sync.feed`; a feed that fails only leaves them undated);
3. stage a complete set in the user data folder (unchanged files hard-linked or copied,
   new ones written), with its manifest, and check it;
4. index the new library (only the changed pages are reindexed);
5. commit: one rename and one atomic ``state.json`` replacement
   (:class:`reader.content.store.UserStore`); the old set is kept for a one-step rollback.

Any failure or a cancel before step 5 removes the staging folder and changes nothing;
the error is one :class:`RefreshError` whose message is a French sentence naming the page
and the reason. A ``kill -9`` leaves at worst a staging folder, which the next refresh,
rollback or start-up (:func:`cleanup`) removes. When nothing changed, nothing is written.
"""

from __future__ import annotations

import logging
import os
import re
import shutil
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from pathlib import Path

from reader.content.dokuwiki import to_markdown
from reader.content.ids import namespace_of, resolve_page_id
from reader.content.library import LoadedContent, load_page
from reader.content.manifest import (
    Manifest,
    MediaEntry,
    PageEntry,
    media_path,
    page_path,
    write_manifest,
)
from reader.content.model import Library, Page, PageSource
from reader.content.outline import build_page
from reader.content.page_cache import PageCache
from reader.content.store import ContentSet, UserStore, check_set, select_content
from reader.fsutil import sha256_bytes
from reader.paths import resources_dir, user_dirs
from reader.sync.changes import PageChanges, Summary, add_marks, diff_page
from reader.sync.feed import PageDate, fetch_dates, http_time
from reader.sync.http import Cancelled, CancelToken, HttpClient, HttpError, Limits, Request
from reader.sync.lock import Busy, store_lock
from reader.sync.sources import Sources
from reader.sync.urls import export_raw_url
from reader.sync.urls import media_url as wiki_media_url
from reader.sync.wiki import Validators, WikiError, check_media, check_page

log = logging.getLogger(__name__)

PAGE_MEDIA_KEY = "page_media"  # manifest extra: {page id: [media ids]}
KEPT = "Le contenu actuel est conservé."
_MEDIA_REF = re.compile(r"\{\{\s*([^}|?#]+)")


class RefreshError(Exception):
    """A refresh that changed nothing. ``str()`` is one French sentence for the user."""

    def __init__(self, message: str, page_id: str = "", detail: str = "") -> None:
        super().__init__(message)
        self.message = message
        self.page_id = page_id
        self.detail = detail


class RefreshCancelled(RefreshError):
    """The user cancelled; nothing changed."""


@dataclass(frozen=True)
class Progress:
    """Where a refresh is: ``step`` is ``page``, ``media``, ``check``, ``index`` or
    ``commit``; ``done`` of ``total`` items of that step; bytes received so far."""

    step: str
    done: int
    total: int
    item: str
    bytes_received: int


ProgressCallback = Callable[[Progress], None]


@dataclass
class _Fetched:
    page_id: str
    data: bytes
    sha256: str
    media: tuple[str, ...]
    changed: bool
    page: Page | None = None
    served: int | None = None  # the wiki's Date header: its clock when it sent the page


@dataclass
class _Media:
    media_id: str
    data: bytes | None  # None: reuse the stored copy (304)
    entry: MediaEntry


def _now() -> str:
    return datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def _failure(reason: str, page_id: str = "", what: str = "page", detail: str = "") -> RefreshError:
    where = f"{what} « {page_id} » : " if page_id else ""
    return RefreshError(f"Mise à jour impossible : {where}{reason}. {KEPT}", page_id, detail)


def page_media(
    text: str, page_id: str, converted: tuple[str, ...] | None = None
) -> tuple[str, ...]:
    """The local media ids a page uses: the converter's list, plus ``{{…}}`` references
    found by a plain scan so that no image is missed while the converter evolves.

    ``converted`` is the converter's list from the page already built (``Page.media``);
    only when it is None is ``text`` converted again to get it.
    """
    found: list[str] = []
    if converted is not None:
        found.extend(converted)
    else:
        try:
            found.extend(to_markdown(text, page_id).media)
        except Exception:
            log.exception("converter failed while listing the media of %s", page_id)
    for match in _MEDIA_REF.finditer(text):
        target = match.group(1).strip()
        if "://" in target or target.startswith("\\\\") or not target:
            continue
        media_id, _ = resolve_page_id(target, page_id)
        found.append(media_id)
    return tuple(dict.fromkeys(m for m in found if _safe_media_id(m)))


def _safe_media_id(media_id: str) -> bool:
    parts = media_id.split(":")
    return all(p and p not in (".", "..") and "/" not in p and "\\" not in p for p in parts)


class _OldContent:
    """The content being replaced. Its pages are built only when needed: converting a
    big wiki takes seconds, and a refresh where little changed needs few of them."""

    def __init__(self, content: ContentSet, library: Library | None = None) -> None:
        self.content = content
        self._library = library
        self._pages: dict[str, Page | None] = {}

    def page(self, page_id: str) -> Page | None:
        if self._library is not None:
            return self._library.page(page_id)
        if page_id not in self._pages:
            self._pages[page_id] = self._build(page_id)
        return self._pages[page_id]

    def _build(self, page_id: str) -> Page | None:
        entry = self.content.manifest.page(page_id)
        if entry is None:
            return None
        try:
            data = (self.content.root / entry.path).read_bytes()
            return load_page(page_id, data, PageSource(sha256=entry.sha256))[0]
        except Exception:
            log.warning("old copy of %s unreadable", page_id, exc_info=True)
            return None

    @property
    def library(self) -> Library:
        if self._library is None:
            pages = (self.page(e.id) for e in self.content.manifest.pages)
            self._library = Library(tuple(p for p in pages if p is not None))
        return self._library


class _Refresh:
    """One refresh's state; :func:`refresh` is the public entry point."""

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

    def _report(self, step: str, done: int, total: int, item: str) -> None:
        if self.progress is not None:
            self.progress(Progress(step, done, total, item, self.received))

    def _on_bytes(self, count: int) -> None:
        self.received += count

    def _get(self, url: str, max_bytes: int, headers: dict[str, str] | None = None):
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
    def fetch_pages(self, old: _OldContent) -> list[_Fetched]:
        base = self.sources.wiki
        old_manifest = old.content.manifest
        old_media_map = old_manifest.extra.get(PAGE_MEDIA_KEY, {})
        total = len(self.sources.pages)
        fetched: list[_Fetched] = []
        for n, page_id in enumerate(self.sources.pages, 1):
            self._report("page", n, total, page_id)
            try:
                response = self._get(export_raw_url(base, page_id), self.limits.max_page_bytes)
                text = check_page(response)
            except (HttpError, WikiError) as error:
                detail = getattr(error, "detail", "")
                raise _failure(error.reason, page_id, detail=detail) from error
            data = response.body
            digest = sha256_bytes(data)
            served = http_time(response.headers.get("date", ""))
            entry = old_manifest.page(page_id)
            changed = entry is None or entry.sha256 != digest
            if changed:  # the media list comes from the validation build: one conversion
                page = self._validate(page_id, text, digest)
                media = page_media(text, page_id, page.media)
                fetched.append(_Fetched(page_id, data, digest, media, changed, page, served))
                continue
            known = old_media_map.get(page_id)
            if isinstance(known, list):
                media = tuple(known)
            else:  # e.g. the bundled set, which has no media map: its built page has it
                old_page = old.page(page_id)
                media = page_media(text, page_id, old_page.media if old_page else None)
            fetched.append(_Fetched(page_id, data, digest, media, changed))
        return fetched

    # -- 2. validation ---------------------------------------------------------------------
    def _validate(self, page_id: str, text: str, digest: str) -> Page:
        source = PageSource(wiki=self.sources.wiki, fetched=_now(), sha256=digest, origin="user")
        try:
            page = PageCache.default().load(page_id, digest, text, source)
        except Exception as error:
            log.exception("page %s does not convert", page_id)
            reason = "la page ne peut pas être convertie"
            raise _failure(reason, page_id, detail=repr(error)) from error
        if next(page.questions(), None) is None:
            raise _failure("la page ne contient aucune question", page_id)
        return page

    # -- dates ------------------------------------------------------------------------------
    def fetch_dates(self, pages: list[_Fetched], old: _OldContent) -> dict[str, PageDate]:
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
    def fetch_media(self, pages: list[_Fetched], old: _OldContent) -> list[_Media]:
        users: dict[str, str] = {}
        for page in pages:
            for media_id in page.media:
                users.setdefault(media_id, page.page_id)
        old_entries = {m.id: m for m in old.content.manifest.media}
        same_wiki = old.content.manifest.wiki == self.sources.wiki
        result: list[_Media] = []
        for n, (media_id, page_id) in enumerate(users.items(), 1):
            self._report("media", n, len(users), media_id)
            previous = old_entries.get(media_id) if same_wiki else None
            stored = previous is not None and (old.content.root / previous.path).is_file()
            validators = (
                Validators(previous.etag, previous.last_modified)
                if stored and previous
                else Validators()
            )
            url = wiki_media_url(self.sources.wiki, media_id)
            try:
                response = self._get(url, self.limits.max_media_bytes, validators.headers())
                data = check_media(response)
            except WikiError as error:
                if error.kind in ("missing", "login"):
                    self.warnings.append(f"image « {media_id} » ({page_id}) : {error.reason}")
                    continue
                raise _failure(f"image « {media_id} » : {error.reason}", page_id) from error
            except HttpError as error:
                raise _failure(
                    f"image « {media_id} » : {error.reason}", page_id, detail=error.detail
                ) from error
            if data is None:
                if not stored or previous is None:
                    raise _failure(f"image « {media_id} » : réponse 304 inattendue", page_id)
                result.append(_Media(media_id, None, previous))
                continue
            entry = MediaEntry(
                id=media_id,
                path=media_path(media_id),
                sha256=sha256_bytes(data),
                etag=response.headers.get("etag", ""),
                last_modified=response.headers.get("last-modified", ""),
            )
            if previous is not None and stored and previous.sha256 == entry.sha256:
                result.append(_Media(media_id, None, replace(previous, etag=entry.etag)))
            else:
                result.append(_Media(media_id, data, entry))
        return result


def _place(source: Path, target: Path) -> None:
    """Put an unchanged file into the staged set without rewriting it."""
    target.parent.mkdir(parents=True, exist_ok=True)
    try:
        os.link(source, target)
    except OSError:
        shutil.copy2(source, target)


def _write(target: Path, data: bytes) -> None:
    target.parent.mkdir(parents=True, exist_ok=True)
    with target.open("wb") as handle:
        handle.write(data)
        handle.flush()
        os.fsync(handle.fileno())


def _stage(
    staged: Path,
    sources: Sources,
    pages: list[_Fetched],
    media: list[_Media],
    old: _OldContent,
    dates: Mapping[str, PageDate],
) -> Manifest:
    old_root = old.content.root
    old_manifest = old.content.manifest
    entries: list[PageEntry] = []
    for item in pages:
        previous = old_manifest.page(item.page_id)
        if not item.changed and previous is not None:
            _place(old_root / previous.path, staged / previous.path)
            entries.append(previous)
            continue
        date = dates.get(item.page_id)
        entry = PageEntry(
            id=item.page_id,
            path=page_path(item.page_id),
            sha256=item.sha256,
            revision=date.revision if date else "",
            last_modified=date.last_modified if date else "",
            fetched=item.page.source.fetched if item.page else _now(),
        )
        _write(staged / entry.path, item.data)
        entries.append(entry)
    media_entries: list[MediaEntry] = []
    for m in media:
        if m.data is None:
            _place(old_root / m.entry.path, staged / m.entry.path)
        else:
            _write(staged / m.entry.path, m.data)
        media_entries.append(m.entry)
    manifest = Manifest(
        wiki=sources.wiki,
        pages=tuple(entries),
        media=tuple(media_entries),
        created=_now(),
        note="Mis à jour depuis le wiki par faq-reader.",
        extra={PAGE_MEDIA_KEY: {p.page_id: list(p.media) for p in pages}},
    )
    write_manifest(staged, manifest)
    checked = check_set(staged, "user")
    if checked.problems:
        raise _failure("copie locale incohérente (" + "; ".join(checked.problems) + ")")
    return manifest


def _index(old: Library, new: Library, touched: list[str], cache_dir: Path | None) -> list[str]:
    """Bring the search index to the new library; only touched pages are reindexed.

    The index is a cache keyed by the content: a failure here is a warning, not a reason
    to refuse the new content (the window rebuilds what it needs).
    """
    try:
        from reader.search.index import SearchIndex
    except ImportError:
        return []
    try:
        if len(touched) * 2 > len(new.pages):  # mostly new content: a fresh build is cheaper
            SearchIndex.open(new, cache_dir).close()
            return []
        index = SearchIndex.open(old, cache_dir)
        try:
            index.update_pages(new, touched)
            return list(index.warnings)
        finally:
            index.close()
    except Exception as error:
        log.warning("search index not updated: %s", error)
        return [f"index de recherche non mis à jour ({error})"]


def _new_library(fetched: list[_Fetched], old: _OldContent) -> Library:
    pages: list[Page] = []
    for item in fetched:
        page = item.page or old.page(item.page_id)
        if page is None:  # unchanged bytes but the old copy did not load: build it now
            text = item.data.decode("utf-8")
            page = build_page(item.page_id, text, PageSource(wiki="", sha256=item.sha256))
        pages.append(page)
    return Library(tuple(pages))


def refresh(
    sources: Sources,
    *,
    data_dir: Path | None = None,
    cache_dir: Path | None = None,
    bundled_root: Path | None = None,
    client: HttpClient | None = None,
    limits: Limits | None = None,
    cancel: CancelToken | None = None,
    progress: ProgressCallback | None = None,
    current: LoadedContent | None = None,
) -> Summary:
    """Fetch ``sources`` and replace the user's content with them, all or nothing.

    ``current`` is the content now shown (loaded if not given). Returns the change
    summary; raises :class:`RefreshError` (:class:`RefreshCancelled` on cancel) having
    changed nothing.
    """
    if not sources.pages:
        raise RefreshError(f"Mise à jour impossible : aucune page à récupérer. {KEPT}")
    dirs = None if data_dir and cache_dir else user_dirs()
    data_dir = data_dir or dirs.data  # type: ignore[union-attr]
    if cache_dir is None:
        cache_dir = dirs.cache / "index"  # type: ignore[union-attr]
    limits = limits or Limits()
    if client is None:
        from reader.sync.http import UrllibClient

        client = UrllibClient(limits)
    cancel = cancel or CancelToken()
    store = UserStore(data_dir)
    try:
        with store_lock(store.root):
            store.cleanup()
            selection = select_content(bundled_root or resources_dir(), data_dir)
            if current is not None and current.content.root == selection.content.root:
                old = _OldContent(current.content, current.library)
            else:
                old = _OldContent(selection.content)
            job = _Refresh(sources, client, limits, cancel, progress)
            try:
                return _run(job, store, old, cache_dir, data_dir)
            except Cancelled as error:
                raise RefreshCancelled(f"Mise à jour annulée. {KEPT}") from error
            except OSError as error:
                reason = f"impossible d'écrire le contenu ({error.strerror or error})"
                raise _failure(reason) from error
    except Busy as error:
        raise RefreshError(
            f"Mise à jour impossible : une autre mise à jour est déjà en cours. {KEPT}"
        ) from error


def _run(
    job: _Refresh, store: UserStore, old: _OldContent, cache_dir: Path, data_dir: Path
) -> Summary:
    fetched = job.fetch_pages(old)
    media = job.fetch_media(fetched, old)
    wanted = {f.page_id for f in fetched}
    removed = [e.id for e in old.content.manifest.pages if e.id not in wanted]
    changed = [f.page_id for f in fetched if f.changed]
    old_media = {(m.id, m.sha256) for m in old.content.manifest.media}
    new_media = {(m.entry.id, m.entry.sha256) for m in media}
    same = (
        not changed
        and not removed
        and old_media == new_media
        and [p.id for p in old.content.manifest.pages] == [f.page_id for f in fetched]
        and old.content.manifest.wiki == job.sources.wiki
    )
    job.cancel.check()
    changes: list[PageChanges] = []  # what changed: the marks come from these
    summary_pages: list[PageChanges] = []  # every page, in the sources' order
    for item in fetched:
        if item.changed:
            changes.append(diff_page(old.page(item.page_id), item.page))
            summary_pages.append(changes[-1])
        else:
            summary_pages.append(PageChanges(item.page_id, item.page_id, "unchanged"))
    for page_id in removed:
        old_page = old.page(page_id)
        if old_page is not None:
            changes.append(diff_page(old_page, None))
            summary_pages.append(changes[-1])
    if same:
        return Summary(tuple(summary_pages), False, tuple(job.warnings), 0, job.received)
    job._report("check", 1, 1, "")
    dates = job.fetch_dates(fetched, old)
    job.cancel.check()
    staged = store.stage()
    try:
        _stage(staged, job.sources, fetched, media, old, dates)
        job.cancel.check()
        job._report("index", 1, 1, "")
        new_library = _new_library(fetched, old)
        job.warnings.extend(_index(old.library, new_library, changed + removed, cache_dir))
        job._report("commit", 1, 1, "")
        job.cancel.check()  # the last moment a cancel is honoured: the commit is instant
        store.commit(staged)
    except BaseException:
        shutil.rmtree(staged, ignore_errors=True)
        raise
    try:
        add_marks(data_dir, changes)
    except OSError as error:
        log.warning("marks not saved: %s", error)
    fetched_media = sum(1 for m in media if m.data is not None)
    return Summary(tuple(summary_pages), True, tuple(job.warnings), fetched_media, job.received)


def rollback(data_dir: Path | None = None) -> bool:
    """Go back to the content before the last refresh. False when there is none."""
    store = UserStore(data_dir or user_dirs().data)
    try:
        with store_lock(store.root):
            store.cleanup()
            return store.rollback()
    except Busy as error:
        raise RefreshError("Retour impossible : une mise à jour est en cours.") from error


def cleanup(data_dir: Path | None = None) -> None:
    """Remove what an interrupted refresh left behind (call at start-up). Never raises;
    skipped while another process is refreshing."""
    store = UserStore(data_dir or user_dirs().data)
    if not store.sets_dir.is_dir():
        return
    try:
        with store_lock(store.root):
            store.cleanup()
    except (Busy, OSError) as error:
        log.info("clean-up skipped: %s", error)
