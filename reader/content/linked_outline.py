"""Turn a linked wiki page (one the FAQ links to) into a Page whose entries are its headings.

A documentation page is not a list of questions: every heading is an entry, whose text is
what the page says under it up to the next heading, and whose id is ``<page>#<anchor>``
with DokuWiki's section id, like a FAQ question's, so that ``[[page#section]]`` links land
on it. The entries are grouped so that the tree stays shallow whatever the depth of the
headings:

* the page title is taken as for a FAQ page (a first heading alone at the highest level);
  the text before the first other heading is an entry named after the page, with the
  title's anchor;
* of the other headings, those at the highest level present start a section, whose first
  entry is that heading itself; deeper headings, whatever their level, are entries of the
  section above them (a deeper heading before any section starts a section of its own).

Every entry is a :class:`~reader.content.model.Question` with ``linked`` set, whose
``section_title`` is what it sits in (the page's title for a section's heading, the
section's for a deeper one); the page's ``role`` is :data:`~reader.content.model.LINKED`,
and its ``intro`` stays empty (the text before the first heading is the first entry).
"""

from __future__ import annotations

import logging
from collections.abc import Callable

from reader.content.dokuwiki import to_markdown
from reader.content.ids import UsedAnchors, section_id
from reader.content.model import LINKED, Page, PageSource, Question, Section
from reader.content.outline import Heading, default_title, find_headings

log = logging.getLogger(__name__)


def build_linked_page(
    page_id: str,
    text: str,
    source: PageSource | None = None,
    *,
    check: Callable[[], None] | None = None,
) -> Page:
    """Build the Page of a linked wiki page from its DokuWiki ``text``; never raises on
    bad text. ``check`` is called for each heading and every thousand or so lines (see
    :func:`reader.content.outline.build_page`)."""
    source = source or PageSource()
    text = text.replace("\r\n", "\n").replace("\r", "\n").lstrip("\ufeff")
    lines = text.split("\n")
    headings = find_headings(lines, check)
    used = UsedAnchors()
    warnings: list[str] = []
    media: list[str] = []
    links: list[str] = []

    def convert(body: str) -> str:
        if check is not None:
            check()
        if not body.strip():
            return ""
        result = to_markdown(body, page_id, used_anchors=used, check=check)
        warnings.extend(result.warnings)
        media.extend(result.media)
        links.extend(result.links)
        return result.markdown.strip()

    starts = [h.line for h in headings] + [len(lines)]
    bodies = ["\n".join(lines[h.line + 1 : starts[n + 1]]) for n, h in enumerate(headings)]
    preamble = "\n".join(lines[: starts[0]])
    title, title_anchor = default_title(page_id), ""
    rest: list[tuple[Heading, str]] = list(zip(headings, bodies, strict=True))
    if rest:
        top = min(h.level for h in headings)
        if headings[0].level == top and sum(h.level == top for h in headings) == 1:
            first, body = rest.pop(0)
            title, title_anchor = first.shown, section_id(first.title, used)
            preamble = "\n".join(part for part in (preamble, body) if part.strip())
    elif not text.strip():
        warnings.append("la page est vide")

    drafts: list[tuple[str, str, list[Question]]] = []  # section title, anchor, entries

    def entry(anchor: str, heading: str, body: str, section: str) -> Question:
        return Question(f"{page_id}#{anchor}", heading, convert(body), page_id, section, True)

    if preamble.strip():
        drafts.append((title, title_anchor, [entry(title_anchor, title, preamble, title)]))
    section_level = min((h.level for h, _ in rest), default=0)
    opened = False  # whether a section of the page's own headings is open
    for heading, body in rest:
        anchor = section_id(heading.title, used)
        if heading.level == section_level or not opened:
            opened = True
            drafts.append((heading.shown, anchor, []))
            parent = title  # a section's own heading sits in the page
        else:
            parent = drafts[-1][0]
        drafts[-1][2].append(entry(anchor, heading.shown, body, parent))

    for message in warnings:
        log.info("page %s: %s", page_id, message)
    return Page(
        id=page_id,
        title=title,
        sections=tuple(Section(t, a, "", tuple(entries)) for t, a, entries in drafts),
        source=source,
        warnings=tuple(dict.fromkeys(warnings)),
        title_anchor=title_anchor,
        media=tuple(dict.fromkeys(media)),
        links=tuple(dict.fromkeys(links)),
        role=LINKED,
    )


def build_any_page(
    page_id: str,
    text: str,
    source: PageSource | None = None,
    *,
    role: str = "",
    check: Callable[[], None] | None = None,
) -> Page:
    """The Page of ``text`` as a linked page when ``role`` is :data:`LINKED`, else as a
    FAQ page (:func:`reader.content.outline.build_page`)."""
    if role == LINKED:
        return build_linked_page(page_id, text, source, check=check)
    from reader.content.outline import build_page

    return build_page(page_id, text, source, check=check)
