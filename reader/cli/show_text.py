"""``faq-reader show`` for a person: a question or a whole page laid out for a terminal.

The answer goes through the same Markdown → safe HTML step as the window, then
:func:`reader.render.text.html_to_text`; so what the terminal shows is what the window
shows, in text: no HTML, no Markdown, no entities.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from reader.render.document import ContentLinkPolicy
from reader.render.html import render_html
from reader.render.text import html_to_text, text_width, wrap

if TYPE_CHECKING:
    from reader.content.library import LoadedContent
    from reader.content.model import Page, Question

Resolver = Callable[[str], str | None]
UNANSWERED = "(sans réponse)"


def _underlined(title: str, width: int, rule: str) -> list[str]:
    lines = wrap(title, width) or [title]
    return [*lines, rule * min(width, max(text_width(line) for line in lines))]


def _answer(question: Question, policy: ContentLinkPolicy, width: int, resolve: Resolver) -> str:
    if not question.answered:
        return UNANSWERED
    return html_to_text(render_html(question.answer, policy), width, resolve)


def _wiki_line(resolve: Resolver, page_id: str, anchor: str = "") -> list[str]:
    target = resolve(f"wiki:{page_id}#{anchor}" if anchor else f"wiki:{page_id}")
    return [f"Sur le wiki : {target}"] if target and "://" in target else []


def question_text(loaded: LoadedContent, question: Question, width: int, resolve: Resolver) -> str:
    """The question's title, where it sits, its answer and its address on the wiki."""
    page = loaded.library.page(question.page_id)
    where = " › ".join(t for t in (page.title if page else "", question.section_title) if t)
    lines = [*wrap(question.title, width)]
    if where:
        lines.append(f"({where})")
    policy = ContentLinkPolicy(loaded.library, loaded.content.root)
    lines += ["", _answer(question, policy, width, resolve), ""]
    lines += _wiki_line(resolve, question.page_id, question.anchor)
    return "\n".join(lines).rstrip("\n")


def page_text(loaded: LoadedContent, page: Page, width: int, resolve: Resolver) -> str:
    """The whole page: its title, intro, sections and every question with its answer,
    each question with the number ``list`` gives it."""
    number = {q.id: n for n, q in enumerate(loaded.library.questions(), 1)}
    policy = ContentLinkPolicy(loaded.library, loaded.content.root)
    lines = _underlined(page.title, width, "=")
    if page.linked:
        lines += _linked_entries(page, number, policy, width, resolve)
        return "\n".join([*lines, "", *_wiki_line(resolve, page.id)]).rstrip("\n")
    if page.intro:
        lines += ["", html_to_text(render_html(page.intro, policy), width, resolve)]
    for section in page.sections:
        lines += ["", *_underlined(section.title, width, "-")]
        if section.intro:
            lines += ["", html_to_text(render_html(section.intro, policy), width, resolve)]
        for question in section.questions:
            handle = f"{number.get(question.id, '')}. "
            indent = " " * len(handle)
            lines += ["", *wrap(question.title, width, initial_indent=handle,
                                         subsequent_indent=indent)]  # fmt: skip
            answer = _answer(question, policy, width - len(indent), resolve)
            lines += [indent + line if line else "" for line in answer.split("\n")]
    lines += ["", *_wiki_line(resolve, page.id)]
    return "\n".join(lines).rstrip("\n")


def _linked_entries(
    page: Page, number: dict[str, int], policy: ContentLinkPolicy, width: int, resolve: Resolver
) -> list[str]:
    """A linked page's entries as its headings read: a section's heading underlined, the
    headings below it numbered like questions; the text under the title first."""
    lines: list[str] = []
    for section in page.sections:
        for entry in section.questions:
            text = ""
            if entry.answered:
                text = html_to_text(render_html(entry.answer, policy), width - 4, resolve)
            handle = f"{number.get(entry.id, '')}. "
            if entry.anchor == page.title_anchor:
                lines += ["", text] if text else []
                continue
            if entry.anchor == section.anchor:
                lines += ["", *_underlined(handle + entry.title, width, "-")]
                lines += ["", text] if text else []
                continue
            indent = " " * len(handle)
            lines += ["", *wrap(entry.title, width, initial_indent=handle,
                                subsequent_indent=indent)]  # fmt: skip
            lines += [indent + line if line else "" for line in text.split("\n") if text]
    return lines
