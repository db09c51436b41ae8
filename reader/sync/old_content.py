"""The content a refresh replaces, read only as far as the refresh needs it."""

from __future__ import annotations

import logging

from reader.content.library import load_page
from reader.content.model import Library, Page, PageSource
from reader.content.page_cache import PageCache
from reader.content.store import ContentSet

log = logging.getLogger(__name__)


class OldContent:
    """The content being replaced. Its pages are built only when needed: converting a
    big wiki takes seconds, and a refresh where little changed needs few of them."""

    def __init__(
        self, content: ContentSet, pages: PageCache, library: Library | None = None
    ) -> None:
        self.content = content
        self.page_cache = pages  # built pages, shared with the refresh's validation
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
            source = PageSource(sha256=entry.sha256)
            return load_page(page_id, data, source, self.page_cache, entry.role)[0]
        except Exception:
            log.warning("old copy of %s unreadable", page_id, exc_info=True)
            return None

    @property
    def library(self) -> Library:
        if self._library is None:
            pages = (self.page(e.id) for e in self.content.manifest.pages)
            self._library = Library(tuple(p for p in pages if p is not None))
        return self._library
