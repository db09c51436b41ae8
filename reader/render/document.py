"""HTML for questions and whole pages: fragments for the answer pane and ``show --html``,
and one standalone document (images embedded) for ``export --html``.

Builds on :func:`reader.render.html.render_html`, which makes every fragment safe; the
only HTML written here is the frame around it, from escaped model text.
"""

from __future__ import annotations

import base64
import html
import mimetypes
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from reader.content.dokuwiki.smileys import SMILEY_FILES
from reader.content.manifest import media_path
from reader.content.model import Library, Page, Question
from reader.render.code_files import without_downloads
from reader.render.html import LinkPolicy, render_html
from reader.render.smileys import SMILEY_FOLDER, bundled_smiley_url, smiley_data_url

if TYPE_CHECKING:
    from reader.content.library import LoadedContent

UNANSWERED_HTML = '<p class="unanswered"><em>(sans réponse)</em></p>'
MAX_EMBEDDED_MEDIA = 20 * 1024 * 1024


@dataclass
class ContentLinkPolicy:
    """Tells the renderer which pages exist and where media files are.

    With ``embed`` the media become ``data:`` URIs (standalone export); without it,
    ``file:`` URLs into the content set's media folder (the answer pane). Smileys are
    ``data:`` URIs: the content set's ``smileys/`` copy (fetched from the wiki) or the
    bundled one.
    """

    library: Library
    content_root: Path
    embed: bool = False

    def page_known(self, page_id: str) -> bool:
        return self.library.page(page_id) is not None

    def media_known(self, media_id: str) -> bool:
        """True when the content holds the file (a document link that works offline)."""
        try:
            return (self.content_root / media_path(media_id)).is_file()
        except (OSError, ValueError):
            return False

    def media_url(self, media_id: str) -> str | None:
        path = self.content_root / media_path(media_id)
        try:
            if not path.is_file():
                return None
            if not self.embed:
                return path.resolve().as_uri()
            if path.stat().st_size > MAX_EMBEDDED_MEDIA:
                return None
            data = path.read_bytes()
        except OSError:
            return None
        mime = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
        if not mime.startswith("image/"):
            return None
        return f"data:{mime};base64,{base64.b64encode(data).decode('ascii')}"

    def smiley_url(self, file: str) -> str | None:
        """The wiki's own picture when a refresh fetched it, else the bundled one."""
        if file in SMILEY_FILES:
            fetched = smiley_data_url(self.content_root / SMILEY_FOLDER / file)
            if fetched is not None:
                return fetched
        return bundled_smiley_url(file)


def _policy(loaded: LoadedContent, embed: bool = False) -> ContentLinkPolicy:
    return ContentLinkPolicy(loaded.library, loaded.content.root, embed)


def answer_html(question: Question, policy: LinkPolicy) -> str:
    if not question.answered:
        return UNANSWERED_HTML
    return render_html(question.answer, policy)


def question_fragment(loaded: LoadedContent, question: Question) -> str:
    """The question as a title, its section, and its answer."""
    esc = html.escape
    return (
        f'<h1 id="{esc(question.anchor)}">{esc(question.title)}</h1>\n'
        f'<p class="section">{esc(question.section_title)}</p>\n'
        + answer_html(question, _policy(loaded))
    )


def page_body(page: Page, policy: LinkPolicy) -> str:
    """The HTML of a whole page: its title, intro, sections and questions.

    A title the page does not have (no heading: its name stands for it) is marked
    ``implied``; the section a page of questions alone is given repeats the page's
    title and anchor, so it has no heading of its own.
    """
    esc = html.escape
    implied = "" if page.title_anchor else ' class="implied"'
    parts = [f'<h1 id="{esc(page.title_anchor)}"{implied}>{esc(page.title)}</h1>']
    if page.linked:
        return "\n".join(parts + _linked_entries(page, policy))
    if page.intro:
        parts.append(render_html(page.intro, policy))
    for section in page.sections:
        if section.anchor != page.title_anchor or section.title != page.title:
            parts.append(f'<h2 id="{esc(section.anchor)}">{esc(section.title)}</h2>')
        if section.intro:
            parts.append(render_html(section.intro, policy))
        for question in section.questions:
            parts.append(f'<h3 id="{esc(question.anchor)}">{esc(question.title)}</h3>')
            parts.append(answer_html(question, policy))
    return "\n".join(parts)


def _linked_entries(page: Page, policy: LinkPolicy) -> list[str]:
    """A linked page's entries as the wiki shows them: the text under its title, then each
    section's heading and text, its deeper headings one level down."""
    esc = html.escape
    parts: list[str] = []
    for section in page.sections:
        for entry in section.questions:
            if entry.anchor == section.anchor and section.anchor != page.title_anchor:
                parts.append(f'<h2 id="{esc(entry.anchor)}">{esc(entry.title)}</h2>')
            elif entry.anchor != page.title_anchor:
                parts.append(f'<h3 id="{esc(entry.anchor)}">{esc(entry.title)}</h3>')
            if entry.answered:
                parts.append(render_html(entry.answer, policy))
    return parts


def page_fragment(loaded: LoadedContent, page: Page) -> str:
    """A whole page as an HTML fragment (media as local file URLs)."""
    return page_body(page, _policy(loaded))


DOCUMENT_CSS = """
body { font-family: sans-serif; max-width: 50em; margin: 2em auto; padding: 0 1em;
       line-height: 1.5; color: #1a1a1a; }
h1 { border-bottom: 2px solid #5b8c2a; padding-bottom: .2em; }
h2 { color: #3d6b12; margin-top: 2em; }
h3 { margin-top: 1.5em; }
.section { color: #555; font-style: italic; }
.unanswered { color: #8a5a00; }
table { border-collapse: collapse; } td, th { border: 1px solid #aaa; padding: .2em .5em; }
pre { background: #f4f4f4; padding: .5em; overflow-x: auto; }
.wikilink2 { color: #a33; text-decoration: line-through dotted; }
.medialeft { float: left; margin-right: 1em; } .mediaright { float: right; margin-left: 1em; }
.mediacenter { display: block; margin: 0 auto; }
footer { margin-top: 3em; font-size: .85em; color: #555; border-top: 1px solid #ccc; }
"""


_HREF = re.compile(r'(<a\s[^>]*?href=")([^"]*)(")')


def _links_for_export(fragment: str, resolve: Callable[[str], str | None]) -> str:
    """Every link's target as a reader of the standalone document can follow it: the
    in-app ``wiki:`` and ``media:`` schemes mean nothing outside the app."""

    def one(match: re.Match[str]) -> str:
        href = html.unescape(match.group(2))
        target = resolve(href) if href.startswith(("wiki:", "media:")) else href
        return f"{match.group(1)}{html.escape(target or '#', quote=True)}{match.group(3)}"

    return _HREF.sub(one, fragment)


def page_document(
    loaded: LoadedContent, page: Page, resolve: Callable[[str], str | None] | None = None
) -> str:
    """One standalone HTML document of the whole page, images embedded as data: URIs.

    ``resolve`` gives the target of each ``wiki:`` and ``media:`` link (an anchor of this
    document, the page on the wiki, a document's address); without it they are dropped
    to ``#`` so that no link of the document is dead.
    """
    esc = html.escape
    source = page.source
    wiki = source.wiki or loaded.wiki
    footer = [f"Source : {esc(wiki)} — page {esc(page.id)}"]
    if source.revision:
        footer.append(f"révision {esc(source.revision)}")
    if source.last_modified:
        footer.append(f"modifiée le {esc(source.last_modified)}")
    return (
        "<!DOCTYPE html>\n"
        '<html lang="fr">\n<head>\n<meta charset="utf-8">\n'
        '<meta http-equiv="Content-Security-Policy" '
        "content=\"default-src 'none'; img-src data:; style-src 'unsafe-inline'\">\n"
        f"<title>{esc(page.title)}</title>\n<style>{DOCUMENT_CSS}</style>\n</head>\n<body>\n"
        + _links_for_export(
            without_downloads(page_body(page, _policy(loaded, embed=True))), resolve or _nowhere
        )
        + f"\n<footer>{', '.join(footer)}</footer>\n</body>\n</html>\n"
    )


def _nowhere(href: str) -> str | None:
    return None
