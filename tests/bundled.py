"""What the bundled FAQ holds, read from the content that ships, for tests to compare with.

Tests that run on the bundled FAQ take its facts (how many questions, its pages, their
revisions, the date of the content and how the reader writes it) from here instead of
repeating them; ``tests/test_bundled_faq.py`` alone states them literally, as the one
place that says what ships. The facts are read the way the reader reads them
(:func:`~reader.content.library.load_library` on the bundled folder) and the dates are
written by the reader's own functions.
"""

from __future__ import annotations

import tempfile
from dataclasses import dataclass
from datetime import date, datetime
from functools import cache
from pathlib import Path

from reader.content.manifest import Manifest, PageEntry


@dataclass(frozen=True)
class BundledFaq:
    """The bundled FAQ's facts, as the reader finds them with no refreshed content."""

    manifest: Manifest
    page_ids: tuple[str, ...]
    question_titles: tuple[str, ...]  # in page order, as the tree and ``faq list`` give them
    answered: tuple[bool, ...]  # one per question, in the same order
    dated: str  # the date of the content, ISO 8601 UTC as the manifest and JSON write it
    when: datetime  # the same, as a moment (UTC)
    day_fr: str  # the same day as the reader writes it in French ("8 avril 2020")

    @property
    def questions(self) -> int:
        """How many questions the FAQ holds."""
        return len(self.question_titles)

    @property
    def day(self) -> date:
        """The day of the content (its ``isoformat()`` names an exported pack)."""
        return self.when.date()

    @property
    def revisions(self) -> dict[str, str]:
        """Each page's revision on the wiki, by page id."""
        return {entry.id: entry.revision for entry in self.manifest.pages}

    def page(self, page_id: str) -> PageEntry:
        """The manifest's entry for ``page_id`` (its revision, date, hash …)."""
        entry = self.manifest.page(page_id)
        assert entry is not None, f"no page {page_id!r} in the bundled manifest"
        return entry


@cache
def bundled_faq() -> BundledFaq:
    """The bundled FAQ's facts (read once per test process)."""
    from reader.content.library import load_library
    from reader.content.page_cache import PageCache
    from reader.packs.dates import content_date, french_date, parse_date
    from reader.paths import Paths

    with tempfile.TemporaryDirectory() as empty:  # no refreshed content: the bundled one
        loaded = load_library(Paths.under(Path(empty)), PageCache(None))
    assert loaded.origin == "bundled" and not loaded.warnings, loaded.warnings
    manifest = loaded.content.manifest
    questions = list(loaded.library.questions())
    dated = content_date(manifest)
    when = parse_date(dated)
    assert when is not None, f"the bundled content has no date: {dated!r}"
    return BundledFaq(
        manifest=manifest,
        page_ids=tuple(page.id for page in loaded.library.pages),
        question_titles=tuple(q.title for q in questions),
        answered=tuple(q.answered for q in questions),
        dated=dated,
        when=when,
        day_fr=french_date(dated),
    )
