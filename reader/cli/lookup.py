"""What a person types to name a question or a page, and where its links lead.

``show`` and ``export`` accept every form a page can be given in to ``refresh``: its id
as the wiki writes it or as a person types it (``FAQ:Producteurs étrangers`` is
``faq:producteurs_etrangers``, by DokuWiki's cleanID), one of its URLs (any rewrite
mode, with or without ``#section``), ``<page>#<anchor>`` for a question, and the
question's number in ``faq-reader list`` (a short handle, valid until the content changes).
"""

from __future__ import annotations

import urllib.parse
from collections.abc import Callable
from dataclasses import dataclass

from reader.content.ids import clean_id, section_id
from reader.content.model import Library, Page, Question


@dataclass(frozen=True)
class Found:
    """The question or the page a person named (exactly one is set)."""

    question: Question | None = None
    page: Page | None = None


def numbered(library: Library) -> list[Question]:
    """The questions in the order ``list`` numbers them (1 is the first)."""
    return list(library.questions())


def find(library: Library, typed: str) -> Found | None:
    """The question or page ``typed`` names in ``library``, or None."""
    typed = typed.strip()
    if not typed:
        return None
    if typed.isdigit():
        questions = numbered(library)
        number = int(typed)
        return Found(question=questions[number - 1]) if 1 <= number <= len(questions) else None
    if (question := library.question(typed)) is not None:
        return Found(question=question)
    if (page := library.page(typed)) is not None:
        return Found(page=page)
    page_part, _, anchor = typed.partition("#")
    if "://" in page_part or page_part.startswith("www."):
        from reader.sync.urls import UrlError, parse_wiki_url

        try:
            page_id = parse_wiki_url(page_part).page_id
        except UrlError:
            return None
        anchor = urllib.parse.unquote(anchor)
    else:
        page_id = clean_id(page_part)
    page = library.page(page_id)
    if page is None:
        return _by_title(library, typed)
    if not anchor:
        return Found(page=page)
    for candidate in (anchor, section_id(anchor)):
        if (question := library.question(f"{page.id}#{candidate}")) is not None:
            return Found(question=question)
    return Found(page=page)  # an anchor of a section, or gone: the page still reads


def link_resolver(
    wiki: str, media_path: Callable[[str], str | None], same_page: str | None = None
) -> Callable[[str], str | None]:
    """Where each link of a rendered answer leads, for a reader outside the app.

    ``wiki:`` links become the page's address on the wiki (or ``#anchor`` when it is
    ``same_page``, the page of a standalone document), ``media:`` links the stored file
    (``media_path``) or else the wiki's download address; other links stay as they are.
    """
    from reader.sync.urls import media_url, page_url

    def resolve(href: str) -> str | None:
        if href.startswith("wiki:"):
            page_id, _, anchor = href[len("wiki:") :].partition("#")
            if same_page is not None and page_id == same_page:
                return f"#{anchor}" if anchor else "#"
            return page_url(wiki, page_id, anchor) if wiki else page_id
        if href.startswith("media:"):
            media_id = href[len("media:") :]
            local = media_path(media_id)
            if local is not None:
                return local
            return media_url(wiki, media_id) if wiki else media_id
        if href.startswith("#"):
            return None
        return href

    return resolve


def _by_title(library: Library, typed: str) -> Found | None:
    """A page or question whose title is what was typed (case and accents aside)."""
    wanted = clean_id(typed)
    for page in library.pages:
        if clean_id(page.title) == wanted:
            return Found(page=page)
    for question in library.questions():
        if clean_id(question.title) == wanted:
            return Found(question=question)
    return None
