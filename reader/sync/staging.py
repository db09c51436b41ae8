"""The new content set of a refresh, before its commit: its files and manifest in the
staging folder, the library they make, and the search index brought up to date for it.

Nothing here is visible until :meth:`reader.content.store.UserStore.commit`; the caller
removes the staging folder on any failure.
"""

from __future__ import annotations

import logging
import os
import shutil
from collections.abc import Callable, Mapping
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from reader.content.linked_outline import build_any_page
from reader.content.manifest import (
    Manifest,
    MediaEntry,
    PageEntry,
    iso_utc,
    page_path,
    write_manifest,
)
from reader.content.model import Library, Page, PageSource
from reader.content.store import check_set
from reader.sync.errors import failure
from reader.sync.feed import PageDate
from reader.sync.fetch import PAGE_LINKS_KEY, PAGE_MEDIA_KEY, Fetched
from reader.sync.media import Media
from reader.sync.old_content import OldContent
from reader.sync.sources import Sources

if TYPE_CHECKING:
    from reader.search import Searcher

log = logging.getLogger(__name__)


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


def stage(
    staged: Path,
    sources: Sources,
    pages: list[Fetched],
    media: list[Media],
    old: OldContent,
    dates: Mapping[str, PageDate],
    extra: Mapping[str, Any] | None = None,
) -> Manifest:
    """Lay the complete new set out in ``staged`` (unchanged files hard-linked or copied,
    new ones written; the media downloaded are there already) with its manifest, and
    check it; raises a ``RefreshError`` if the set does not hold together. ``extra`` goes
    into the manifest beside the media and links of each page."""
    old_root = old.content.root
    old_manifest = old.content.manifest
    entries: list[PageEntry] = []
    for item in pages:
        previous = old_manifest.page(item.page_id)
        if not item.changed and previous is not None:
            _place(old_root / previous.path, staged / previous.path)
            entries.append(replace(previous, role=item.role))
            continue
        date = dates.get(item.page_id)
        entry = PageEntry(
            id=item.page_id,
            path=page_path(item.page_id),
            sha256=item.sha256,
            revision=date.revision if date else "",
            last_modified=date.last_modified if date else "",
            fetched=item.page.source.fetched if item.page else iso_utc(),
            role=item.role,
        )
        _write(staged / entry.path, item.data)
        entries.append(entry)
    media_entries: list[MediaEntry] = []
    for m in media:
        if not m.fresh:
            _place(old_root / (m.stored or m.entry.path), staged / m.entry.path)
        media_entries.append(m.entry)
    manifest = Manifest(
        wiki=sources.wiki,
        pages=tuple(entries),
        media=tuple(media_entries),
        created=iso_utc(),
        note="Mis à jour depuis le wiki par faq-reader.",
        extra={
            PAGE_MEDIA_KEY: {p.page_id: list(p.media) for p in pages},
            PAGE_LINKS_KEY: {p.page_id: list(p.links) for p in pages},
            **(extra or {}),
        },
    )
    write_manifest(staged, manifest)
    checked = check_set(staged, "user")
    if checked.problems:
        raise failure("copie locale incohérente (" + "; ".join(checked.problems) + ")")
    return manifest


def new_library(
    fetched: list[Fetched],
    old: OldContent,
    check: Callable[[], None] | None = None,
    aliases: Mapping[str, str] | None = None,
) -> Library:
    """The library the staged set makes, from the pages already built where possible
    (``check``, a refresh's cancel, is called while a page is built)."""
    pages: list[Page] = []
    for item in fetched:
        page = item.page or old.page(item.page_id)
        if page is None:  # unchanged bytes but the old copy did not load: build it now
            text = item.data.decode("utf-8")
            source = PageSource(wiki="", sha256=item.sha256)
            page = build_any_page(item.page_id, text, source, role=item.role, check=check)
        pages.append(page)
    return Library(tuple(pages), aliases=dict(aliases or {}))


def index(old: Library, new: Library, touched: list[str], cache_dir: Path | None) -> list[str]:
    """Bring the search index to the new library; only touched pages are reindexed.

    The index is a cache keyed by the content: a failure here is a warning, not a reason
    to refuse the new content (the window rebuilds what it needs).
    """
    try:
        from reader.search.index import SearchIndex

        if len(touched) * 2 > len(new.pages):  # mostly new content: a fresh build is cheaper
            SearchIndex.open(new, cache_dir).close()
            return []
        search_index: Searcher = SearchIndex.open(old, cache_dir)
        try:
            search_index.update_pages(new, touched)
            return list(search_index.warnings)
        finally:
            search_index.close()
    except Exception as error:
        log.warning("search index not updated: %s", error)
        return [f"index de recherche non mis à jour ({error})"]
