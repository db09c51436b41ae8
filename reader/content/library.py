"""Load the Library from the content store: pick the set, read and decode each page, build it.

This is the one entry point the CLI, the window and search use to get content.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from pathlib import Path

from reader.content.model import LISTED, Library, Page, PageSource
from reader.content.page_cache import PageCache
from reader.content.store import ContentSet, select_content
from reader.fsutil import sha256_bytes
from reader.paths import Paths

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class LoadedContent:
    """A library together with the content set it was read from."""

    library: Library
    content: ContentSet

    @property
    def warnings(self) -> tuple[str, ...]:
        return self.library.warnings

    @property
    def origin(self) -> str:
        return self.content.origin

    @property
    def wiki(self) -> str:
        return self.content.manifest.wiki

    def media_dir(self) -> Path:
        return self.content.root / "media"


def decode_page(data: bytes) -> tuple[str, str | None]:
    """Decode a page file: UTF-8 (a BOM is dropped), else Windows-1252/Latin-1.

    Returns the text and a warning when it was not UTF-8.
    """
    try:
        return data.decode("utf-8-sig"), None
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("cp1252"), "page non UTF-8, lue en Windows-1252"
    except UnicodeDecodeError:
        return data.decode("latin-1"), "page non UTF-8, lue en Latin-1"


def load_page(
    page_id: str, data: bytes, source: PageSource, cache: PageCache, role: str = LISTED
) -> tuple[Page, str | None]:
    """The page built from a page file's bytes (as a FAQ page, or a linked page for
    ``role`` ``LINKED``), through the page cache, and the decoding warning if any.

    Raises only what :func:`~reader.content.outline.build_page` raises.
    """
    text, problem = decode_page(data)
    return cache.load(page_id, sha256_bytes(data), text, source, role=role), problem


def load_library(paths: Paths, page_cache: PageCache | None = None) -> LoadedContent:
    """Load the content the reader should show: the user's refreshed set in
    ``paths.data`` when valid, else the bundled one in ``paths.resources``. Never raises
    for bad content.

    Pages come from ``page_cache`` (the per-user one in ``paths`` when None) when their
    file has not changed since they were last built; ``PageCache(None)`` converts every
    page.
    """
    cache = page_cache if page_cache is not None else PageCache(paths.page_cache_dir)
    selection = select_content(paths.resources, paths.data)
    content = selection.content
    warnings = list(selection.warnings)
    pages: list[Page] = []
    for entry in content.manifest.pages:
        source = PageSource(
            wiki=content.manifest.wiki,
            revision=entry.revision,
            last_modified=entry.last_modified,
            fetched=entry.fetched,
            sha256=entry.sha256,
            origin=content.origin,
            note=entry.note,
        )
        try:
            data = (content.root / entry.path).read_bytes()
        except OSError as error:
            warnings.append(f"Page {entry.id} illisible : {error.strerror or error}")
            continue
        try:
            page, problem = load_page(entry.id, data, source, cache, entry.role)
        except Exception:  # the converter must not take the whole library down
            log.exception("page %s could not be built", entry.id)
            problem = decode_page(data)[1]
            if problem:
                warnings.append(f"Page {entry.id} : {problem}")
            warnings.append(f"Page {entry.id} : conversion impossible (voir le journal)")
            continue
        if problem:
            warnings.append(f"Page {entry.id} : {problem}")
        pages.append(page)
    cache.prune()
    for message in warnings:
        log.warning("%s", message)
    library = Library(tuple(pages), tuple(warnings), content.manifest.aliases())
    return LoadedContent(library, content)
