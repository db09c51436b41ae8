"""Test helpers for the search tests: libraries built from DokuWiki pages."""

from __future__ import annotations

from pathlib import Path

from reader.content.model import Library
from reader.content.outline import build_page

TESTS = Path(__file__).resolve().parent
ROOT = TESTS.parent
BUNDLED_PAGE = ROOT / "resources" / "pages" / "faq-kit-durgence.txt"
WIKI_PAGES = TESTS / "data" / "wiki" / "pages"


def page_id_of(path: Path, root: Path) -> str:
    """DokuWiki's page id of a file under a ``pages/`` folder (``faq/x.txt`` → ``faq:x``)."""
    return ":".join(path.relative_to(root).with_suffix("").parts)


def bundled_library() -> Library:
    """The bundled Kit d'urgence FAQ alone."""
    text = BUNDLED_PAGE.read_text(encoding="utf-8")
    return Library((build_page("faq-kit-durgence", text),))


def wiki_library() -> Library:
    """The bundled page plus the test wiki (tests/data/wiki/pages)."""
    pages = [build_page("faq-kit-durgence", BUNDLED_PAGE.read_text(encoding="utf-8"))]
    for path in sorted(WIKI_PAGES.rglob("*.txt")):
        pages.append(build_page(page_id_of(path, WIKI_PAGES), path.read_text(encoding="utf-8")))
    return Library(tuple(pages))
