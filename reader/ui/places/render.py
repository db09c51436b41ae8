"""A place of the content as the answer pane shows it: HTML, a title, what to print.

A place is a string: ``q:<question id>``, ``p:<page id>#<anchor>``, ``m:<page id>#<anchor>``
(a page not available offline) or ``home:`` (the welcome page). :func:`render_place` turns
one into a :class:`Rendered`, which the places part hands to the answer pane. Everything
shown comes from the render layer; a question or page that cannot be formatted is shown
plainly, with a note.

An entry of a linked wiki page (``q:`` too) shows its whole page, scrolled to the entry's
heading: a documentation page reads as a whole. A page not available offline offers to
keep it offline (a ``keep:<page id>`` link, taken at the next refresh), or says that it
will be, once asked; not a page the wiki refused or did not have at the last refresh
(``Manifest.unavailable_pages``): that one says so instead.
"""

from __future__ import annotations

import html
import logging
import urllib.parse
from collections.abc import Callable, Collection
from dataclasses import dataclass
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication

from reader.ui.text import format_date

if TYPE_CHECKING:
    from reader.content.library import LoadedContent
    from reader.content.model import Page, Question

log = logging.getLogger(__name__)

KEEP_SCHEME = "keep"  # href "keep:<page id>": keep this linked page offline


@dataclass(frozen=True)
class Rendered:
    """One place, ready for the answer pane.

    ``title`` is the whole title (the window clips it); ``anchor`` is where to scroll;
    ``terms`` the words to highlight (the words a search hit matched: see
    :meth:`reader.ui.answer.view.AnswerView.highlight_terms`); ``whole_page`` (for a
    question) gives the HTML of its whole page and ``page_title`` its title, so printing
    can offer "the answer or the page"; ``note`` is something to say in the status bar.
    """

    place: str
    html: str
    title: str
    anchor: str = ""
    terms: tuple[object, ...] = ()
    whole_page: Callable[[], str] | None = None
    page_title: str = ""
    note: str = ""


def wiki_url(loaded: LoadedContent, page_id: str, anchor: str = "") -> str:
    """The address of a page (and heading) on the wiki it came from."""
    from reader.sync.urls import page_url

    page = loaded.library.page(page_id)
    wiki = (page.source.wiki if page is not None else "") or loaded.wiki
    return page_url(wiki, page_id, anchor)


def render_place(
    loaded: LoadedContent | None,
    place: str,
    terms: tuple[object, ...] = (),
    kept: Collection[str] = (),
) -> Rendered | None:
    """``place`` rendered from ``loaded``; None when it does not exist there. ``kept``
    are the pages the user asked to keep offline (taken at the next refresh)."""
    kind, _, target = place.partition(":")
    if kind == "home":
        return _welcome(loaded, place)
    if loaded is None:
        return None
    library = loaded.library
    if kind == "q":
        question = library.question(target)
        if question is None:
            return None
        page = library.page(question.page_id)
        if question.linked and page is not None:
            return _page(loaded, page, question.anchor, place, terms)
        return _question(loaded, question, place, terms)
    page_id, _, anchor = target.partition("#")
    if kind == "p":
        page = library.page(page_id)
        return _page(loaded, page, anchor, place) if page is not None else None
    if kind == "m":
        return _missing(loaded, page_id, anchor, place, page_id in kept)
    return None


def _question(
    loaded: LoadedContent, question: Question, place: str, terms: tuple[object, ...]
) -> Rendered:
    from reader.render.document import page_fragment, question_fragment

    page = loaded.library.page(question.page_id)
    note = ""
    try:
        body = question_fragment(loaded, question)
    except Exception:
        log.exception("question %s could not be rendered", question.id)
        note = QCoreApplication.translate(
            "Places", "This answer could not be formatted; its raw text is shown."
        )
        body = f"<h1>{html.escape(question.title)}</h1><pre>{html.escape(question.answer)}</pre>"
    whole_page = None
    if page is not None:
        whole_page = lambda: page_fragment(loaded, page)  # noqa: E731 - made when printed
    return Rendered(
        place,
        body + _footer(loaded, page, question.anchor),
        question.title,
        terms=terms,
        whole_page=whole_page,
        page_title=page.title if page is not None else "",
        note=note,
    )


def _page(
    loaded: LoadedContent, page: Page, anchor: str, place: str, terms: tuple[object, ...] = ()
) -> Rendered:
    from reader.render.document import page_fragment

    note = ""
    try:
        body = page_fragment(loaded, page)
    except Exception:
        log.exception("page %s could not be rendered", page.id)
        note = QCoreApplication.translate("Places", "This page could not be formatted.")
        body = f"<h1>{html.escape(page.title)}</h1>"
    if not page.sections:
        empty = QCoreApplication.translate("Places", "This page has no sections.")
        body += f'<p class="note">{html.escape(empty)}</p>'
    body += _footer(loaded, page, anchor)
    return Rendered(place, body, page.title, anchor, terms, note=note)


def _missing(
    loaded: LoadedContent, page_id: str, anchor: str, place: str, kept: bool = False
) -> Rendered:
    esc = html.escape
    url = wiki_url(loaded, page_id, anchor)
    unavailable = QCoreApplication.translate("Places", "This page is not available offline.")
    open_it = QCoreApplication.translate("Places", "Open it on the wiki")
    online = QCoreApplication.translate("Places", "(needs an Internet connection)")
    body = (
        f"<h1>{esc(page_id)}</h1><p>{esc(unavailable)}</p>"
        f'<p><a href="{esc(url)}">{esc(open_it)}</a> {esc(online)}</p>'
    )
    refused = loaded.content.manifest.unavailable_pages().get(page_id)
    if refused is not None:  # nothing to keep: the wiki said no at the last update
        if refused == "login":
            why = QCoreApplication.translate(
                "Places",
                "At the last update, the wiki asked to log in to read this page: "
                "it cannot be kept offline.",
            )
        else:
            why = QCoreApplication.translate(
                "Places", "At the last update, the wiki did not have this page."
            )
        body += f'<p class="note">{esc(why)}</p>'
    elif kept:
        will = QCoreApplication.translate(
            "Places", "It will be kept offline from the next update from the wiki."
        )
        body += f'<p class="note">{esc(will)}</p>'
    elif loaded.wiki:
        keep = QCoreApplication.translate("Places", "Keep offline")
        why = QCoreApplication.translate(
            "Places", "(taken at the next update from the wiki, with the FAQ)"
        )
        href = f"{KEEP_SCHEME}:{urllib.parse.quote(page_id, safe=':')}"
        body += f'<p><a href="{esc(href)}">{esc(keep)}</a> {esc(why)}</p>'
    note = QCoreApplication.translate("Places", "Page not available offline: %1").replace(
        "%1", page_id
    )
    return Rendered(place, body, page_id, note=note)


def _welcome(loaded: LoadedContent | None, place: str) -> Rendered:
    esc = html.escape
    title = QCoreApplication.translate("Places", "Cagette.net FAQ")
    parts = [f"<h1>{esc(title)}</h1>"]
    if loaded is not None:
        for page in loaded.library.pages[:1]:
            parts.append(f"<h2>{esc(page.title)}</h2>")
            if page.intro:
                parts.append(f"<p>{esc(' '.join(page.intro.split())[:600])}</p>")
    hint = QCoreApplication.translate(
        "Places", "Choose a question on the left, or type a few words in the search field."
    )
    parts.append(f"<p>{esc(hint)}</p>")
    return Rendered(place, "".join(parts), title)


def _footer(loaded: LoadedContent, page: Page | None, anchor: str) -> str:
    if page is None:
        return ""
    esc = html.escape
    url = wiki_url(loaded, page.id, anchor)
    open_text = QCoreApplication.translate("Places", "Open on the wiki")
    bits = [f'<a href="{esc(url)}">{esc(open_text)}</a>']
    if page.source.last_modified:
        dated = QCoreApplication.translate("Places", "Content dated %1").replace(
            "%1", format_date(page.source.last_modified)
        )
        bits.append(esc(dated))
    elif page.source.fetched:  # the wiki's date is unknown: say how old the copy is
        downloaded = QCoreApplication.translate("Places", "Downloaded on %1").replace(
            "%1", format_date(page.source.fetched)
        )
        bits.append(esc(downloaded))
    if page.source.revision:
        revision = QCoreApplication.translate("Places", "revision %1")
        bits.append(esc(revision.replace("%1", page.source.revision)))
    return '<hr><p class="meta">' + " · ".join(bits) + "</p>"
