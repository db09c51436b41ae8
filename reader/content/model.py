"""The content model: a Library of Pages, each with Sections that hold Questions.

A page is a FAQ page (listed in the sources: its headings make sections of questions)
or a linked wiki page (one the FAQ links to: every heading is an entry, see
:mod:`reader.content.linked_outline`); both are read, searched and shown alike.

Pure data, no Qt and no I/O. Built by :mod:`reader.content.library` from the content
store; read by search, render, the window and the CLI.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from functools import cached_property

UNANSWERED_MARKERS = frozenset({"", "?", "??", "???"})

LISTED = "listed"  # a page of the FAQ, fetched because the sources list it
LINKED = "linked"  # a wiki page the FAQ's pages link to, kept for reading offline


def is_answered(answer_markdown: str) -> bool:
    """False for an empty answer or one that is just "?" (the wiki's placeholder)."""
    return answer_markdown.strip() not in UNANSWERED_MARKERS


@dataclass(frozen=True)
class Question:
    """One question of the FAQ: a heading at the question level and the text under it.

    ``id`` is ``<page-id>#<anchor>`` where the anchor is DokuWiki's section id of the
    heading, so it deep-links to the same place on the wiki.
    """

    id: str
    title: str
    answer: str  # Markdown
    page_id: str
    section_title: str
    # True for a heading of a linked wiki page (not a question of the FAQ): search puts
    # the FAQ's questions first when they answer as well.
    linked: bool = False

    @property
    def anchor(self) -> str:
        return self.id.partition("#")[2]

    @property
    def answered(self) -> bool:
        return is_answered(self.answer)


@dataclass(frozen=True)
class Section:
    """A group of questions under one heading; ``intro`` is text before its first question."""

    title: str
    anchor: str
    intro: str = ""
    questions: tuple[Question, ...] = ()


@dataclass(frozen=True)
class PageSource:
    """Where a page's text came from: the wiki, its revision and the stored file's hash."""

    wiki: str = ""
    revision: str = ""
    last_modified: str = ""  # ISO 8601, UTC
    fetched: str = ""  # ISO 8601, UTC
    sha256: str = ""
    origin: str = "bundled"  # "bundled" or "user"
    note: str = ""


@dataclass(frozen=True)
class Page:
    """One wiki page turned into a tree: its title, intro and sections."""

    id: str
    title: str
    intro: str = ""
    sections: tuple[Section, ...] = ()
    source: PageSource = field(default_factory=PageSource)
    warnings: tuple[str, ...] = ()

    @property
    def revision(self) -> str:
        return self.source.revision

    title_anchor: str = ""  # the anchor of the page's title heading, if it has one
    media: tuple[str, ...] = ()  # media ids the converted text uses, in order, unique
    links: tuple[str, ...] = ()  # internal page ids the text links to, in order, unique
    role: str = LISTED  # LISTED (a FAQ page: sections of questions) or LINKED

    @property
    def linked(self) -> bool:
        """True for a linked wiki page: its "questions" are its headings."""
        return self.role == LINKED

    def questions(self) -> Iterator[Question]:
        for section in self.sections:
            yield from section.questions


@dataclass(frozen=True)
class Library:
    """Every page the reader knows, in order, with lookups by page and question id."""

    pages: tuple[Page, ...] = ()
    warnings: tuple[str, ...] = ()
    # Page ids that reach another page: a namespace link (``ns:`` → ``ns:start``) to a
    # namespace whose page is ``ns:ns`` or ``ns``, as DokuWiki resolves it.
    aliases: Mapping[str, str] = field(default_factory=dict, compare=False)

    def questions(self) -> Iterator[Question]:
        for page in self.pages:
            yield from page.questions()

    @cached_property
    def _pages_by_id(self) -> dict[str, Page]:
        return {p.id: p for p in self.pages}

    @cached_property
    def _questions_by_id(self) -> dict[str, Question]:
        return {q.id: q for q in self.questions()}

    def page(self, page_id: str) -> Page | None:
        """The page ``page_id`` names (through :attr:`aliases`), or None."""
        pages = self._pages_by_id
        found = pages.get(page_id)
        if found is None and page_id in self.aliases:
            return pages.get(self.aliases[page_id])
        return found

    def question(self, question_id: str) -> Question | None:
        return self._questions_by_id.get(question_id)

    @property
    def wiki(self) -> str:
        """The base address of the wiki the content comes from ("" when unknown)."""
        return next((p.source.wiki for p in self.pages if p.source.wiki), "")

    @property
    def updated(self) -> str:
        """When the content was last refreshed (ISO 8601), "" when nothing is dated.

        Each page's download date, else (the bundled snapshot) its date on the wiki; the
        newest of them.
        """
        return max((p.source.fetched or p.source.last_modified for p in self.pages), default="")
