"""Turn one page of DokuWiki text into a Page: title, intro, sections and questions.

The page is cut at its headings before any conversion, so each answer is converted on
its own. Levels are ranked rather than taken literally, so a page whose headings start
at another level or skip levels still gives a sensible tree:

* a first heading that is the only one at the highest level is the page title;
* of the other headings, the highest level present makes sections, the next one
  questions, and deeper headings stay inside the answer they belong to;
* with a single level left, those headings are questions in one section named after
  the page;
* text before the first section is the page's intro; text under a section heading
  before its first question is that section's intro.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable
from dataclasses import dataclass, field

from reader.content.chars import clean_title
from reader.content.dokuwiki import to_markdown
from reader.content.dokuwiki.literal import LIST_LINE
from reader.content.dokuwiki.state import CHECK_EVERY
from reader.content.ids import UsedAnchors, section_id
from reader.content.model import Page, PageSource, Question, Section

log = logging.getLogger(__name__)

# Blocks whose content is not parsed as wiki text: headings inside them are not headings.
_BLOCK_TAG = re.compile(r"<(code|file|nowiki|html|HTML|php|PHP)\b")


@dataclass(frozen=True)
class Heading:
    """A heading line of the source: its DokuWiki level (1 = ``======``) and text.

    ``title`` is the text as written, from which the anchor is made as DokuWiki makes it;
    :attr:`shown` is the title the reader shows (no control or format character).
    """

    line: int
    level: int
    title: str

    @property
    def shown(self) -> str:
        return clean_title(self.title).strip()


def find_headings(lines: list[str], check: Callable[[], None] | None = None) -> list[Heading]:
    """The headings of a page, skipping lines inside code, file, nowiki and html blocks
    and preformatted (indented) lines, as DokuWiki does. A block opens only when its end
    tag comes on a later line: one never closed is text.

    ``check`` is called every thousand or so lines (see :func:`build_page`).
    """
    headings: list[Heading] = []
    closing: str | None = None
    last_lines: dict[str, int] = {}  # end tag -> the last line holding it (-1: none)
    for number, line in enumerate(lines):
        if check is not None and number % CHECK_EVERY == 0:
            check()
        if closing is not None:
            if closing in line:
                closing = None
            continue
        if line.startswith(("  ", "\t")) and not LIST_LINE.match(line):
            continue  # preformatted text
        parts = heading_parts(line) if "==" in line else None
        if parts and "%%" not in parts[1]:
            level = max(1, 7 - min(len(parts[0]), 6))
            title = parts[1].strip()
            if clean_title(title).strip():
                headings.append(Heading(number, level, title))
                continue
        if "<" in line:
            closing = _unclosed_block(line)
            if closing is not None and _last_line(lines, closing, last_lines) <= number:
                closing = None  # never closed: not a block
    return headings


def _last_line(lines: list[str], needle: str, known: dict[str, int]) -> int:
    """The index of the last line holding ``needle`` (-1: none), searched once."""
    if needle not in known:
        known[needle] = next((i for i in range(len(lines) - 1, -1, -1) if needle in lines[i]), -1)
    return known[needle]


def heading_parts(line: str) -> tuple[str, str] | None:
    """The opening '=' run and the raw title of a heading line, or None.

    What ``^[ \t]*(={2,})(.+?)=+[ \t]*$`` matches, found in one pass: that regex tries
    every split of a long run of '=' and takes quadratic time on one.
    """
    core = line.lstrip(" \t").rstrip(" \t")
    if not core.startswith("==") or not core.endswith("="):
        return None
    lead = len(core) - len(core.lstrip("="))
    if lead == len(core):  # only '=': the regex leaves one '=' as the title
        return ("=" * (lead - 2), "=") if lead >= 4 else None
    trail = len(core) - len(core.rstrip("="))
    return core[:lead], core[lead : len(core) - trail]


def _unclosed_block(line: str) -> str | None:
    """The end tag of a code, file, nowiki or html block that ``line`` opens and leaves
    open, or None. A tag ends at the next '>' (``<code/>`` opens nothing), maybe on a
    later line."""
    resume = 0
    tag_end = -1
    closes: dict[str, int] = {}  # end tag -> its next position (-1: none)
    for opened in _BLOCK_TAG.finditer(line):
        if opened.start() < resume:  # inside the previous tag
            continue
        if tag_end < opened.end():
            tag_end = line.find(">", opened.end())
            if tag_end < 0:
                return f"</{opened.group(1)}>"
        resume = tag_end + 1
        if tag_end > opened.end() and line[tag_end - 1] == "/":
            continue
        end_tag = f"</{opened.group(1)}>"
        close = closes.get(end_tag, -2)
        if -1 < close < resume or close == -2:
            close = closes[end_tag] = line.find(end_tag, resume)
        if close < 0:
            return end_tag
    return None


@dataclass
class _Chunk:
    heading: Heading | None
    body: str


@dataclass
class _SectionDraft:
    title: str
    anchor: str
    intro: str = ""
    questions: list[Question] = field(default_factory=list)


def _chunks(lines: list[str], headings: list[Heading]) -> tuple[str, list[_Chunk]]:
    starts = [h.line for h in headings] + [len(lines)]
    preamble = "\n".join(lines[: starts[0]])
    chunks = [
        _Chunk(h, "\n".join(lines[h.line + 1 : starts[i + 1]])) for i, h in enumerate(headings)
    ]
    return preamble, chunks


def default_title(page_id: str) -> str:
    """A readable title for a page without one: its id's last part, spaced."""
    name = page_id.rpartition(":")[2] or page_id
    return name.replace("_", " ").replace("-", " ").strip().capitalize() or page_id


def build_page(
    page_id: str,
    text: str,
    source: PageSource | None = None,
    *,
    check: Callable[[], None] | None = None,
) -> Page:
    """Build the Page for ``page_id`` from its DokuWiki ``text``. Never raises on bad text.

    ``check`` is called for each question and every thousand or so lines; what it raises
    (a cancel) stops the building and propagates.
    """
    source = source or PageSource()
    text = text.replace("\r\n", "\n").replace("\r", "\n").lstrip("\ufeff")
    lines = text.split("\n")
    headings = find_headings(lines, check)
    used = UsedAnchors()  # the page's anchors so far (pages have thousands)
    warnings: list[str] = []
    media: list[str] = []
    links: list[str] = []

    def convert(body: str, shift: int) -> str:
        if check is not None:
            check()
        result = to_markdown(body, page_id, heading_shift=shift, used_anchors=used, check=check)
        warnings.extend(result.warnings)
        media.extend(result.media)
        links.extend(result.links)
        return result.markdown.strip()

    preamble, chunks = _chunks(lines, headings)
    title, title_anchor = default_title(page_id), ""
    if chunks:
        top = min(h.level for h in headings)
        if headings[0].level == top and sum(h.level == top for h in headings) == 1:
            first = chunks.pop(0)
            assert first.heading is not None
            title = first.heading.shown
            title_anchor = section_id(first.heading.title, used)
            preamble = "\n".join(part for part in (preamble, first.body) if part.strip())
    elif not text.strip():
        warnings.append("la page est vide")
    else:
        warnings.append("la page n'a aucun titre : tout son texte est dans l'introduction")

    levels = sorted({c.heading.level for c in chunks if c.heading})
    if len(levels) >= 2:
        section_level, question_level = levels[0], levels[1]
    elif levels:
        section_level, question_level = 0, levels[0]
    else:
        section_level = question_level = 0

    intro_parts = [preamble] if preamble.strip() else []
    sections: list[_SectionDraft] = []
    current_question: tuple[Heading, str, list[str]] | None = None

    def close_question() -> None:
        nonlocal current_question
        if current_question is None:
            return
        heading, anchor, bodies = current_question
        current_question = None
        if not sections:
            sections.append(_SectionDraft(title, title_anchor))
        section = sections[-1]
        answer = convert("\n".join(bodies), shift=0 - question_level + 2)
        section.questions.append(
            Question(f"{page_id}#{anchor}", heading.shown, answer, page_id, section.title)
        )

    intro_markdown = convert("\n".join(intro_parts), shift=1) if intro_parts else ""
    for chunk in chunks:
        heading = chunk.heading
        assert heading is not None
        if heading.level == section_level:
            close_question()
            anchor = section_id(heading.title, used)
            draft = _SectionDraft(heading.shown, anchor)
            sections.append(draft)
            if chunk.body.strip():
                draft.intro = convert(chunk.body, shift=2 - section_level)
        elif heading.level == question_level:
            close_question()
            current_question = (heading, section_id(heading.title, used), [chunk.body])
        elif current_question is not None:
            current_question[2].append(_heading_line(heading) + "\n" + chunk.body)
        elif sections:
            extra = convert(_heading_line(heading) + "\n" + chunk.body, shift=2 - section_level)
            sections[-1].intro = "\n\n".join(p for p in (sections[-1].intro, extra) if p)
        else:
            extra = convert(_heading_line(heading) + "\n" + chunk.body, shift=1)
            intro_markdown = "\n\n".join(p for p in (intro_markdown, extra) if p)
    close_question()

    for message in warnings:
        log.info("page %s: %s", page_id, message)
    return Page(
        id=page_id,
        title=title,
        intro=intro_markdown,
        sections=tuple(Section(s.title, s.anchor, s.intro, tuple(s.questions)) for s in sections),
        source=source,
        warnings=tuple(dict.fromkeys(warnings)),
        title_anchor=title_anchor,
        media=tuple(dict.fromkeys(media)),
        links=tuple(dict.fromkeys(links)),
    )


def _heading_line(heading: Heading) -> str:
    marks = "=" * (7 - heading.level)
    return f"{marks} {heading.title} {marks}"
