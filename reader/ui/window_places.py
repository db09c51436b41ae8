"""What the answer pane shows ("places") and how the reader moves between them.

A place is a string: ``q:<question id>``, ``p:<page id>#<anchor>``, ``m:<page id>#<anchor>``
(a page not available offline) or ``home:``. Showing one renders it, selects it in the
tree, records it in the history and emits ``placeShown``; back and forward walk the
history. The methods are mixed into :class:`reader.ui.main_window.MainWindow`.
"""

from __future__ import annotations

import html
import logging
from typing import TYPE_CHECKING

from PySide6.QtCore import Slot
from PySide6.QtWidgets import QApplication

from reader.ui import settings as keys
from reader.ui.answer_view import style_sheet
from reader.ui.theme import is_dark
from reader.ui.tree_model import ID_ROLE, KIND_ROLE
from reader.ui.window_parts import clip, format_date

if TYPE_CHECKING:
    from reader.content.model import Page

log = logging.getLogger(__name__)

MAX_TITLE = 90


class PlacesMixin:
    """Rendering places in the answer pane, the tree's selection, history navigation."""

    def open_question(self, question_id: str, terms: list[str] | tuple[str, ...] = ()) -> bool:
        self._terms = list(terms)
        return self._show_place(f"q:{question_id}", record=True)

    def _show_place(self, place: str, record: bool) -> bool:
        if self.loaded is None:
            return False
        kind, _, target = place.partition(":")
        library = self.loaded.library
        if kind == "q":
            question = library.question(target)
            if question is None:
                return False
            self._render_question(question)
            self.settings.set(keys.LAST_QUESTION, question.id)
            self._select_in_tree(question.id)
            self._clear_mark(question.id)
        elif kind == "p":
            page_id, _, anchor = target.partition("#")
            page = library.page(page_id)
            if page is None:
                return False
            self._render_page(page, anchor)
            self._select_in_tree(target)
        elif kind == "m":
            self._render_missing(target)
        elif kind == "home":
            self._render_welcome()
        else:
            return False
        if record:
            self.history.visit(place)
        self._update_navigation()
        self.placeShown.emit(place)
        return True

    def show_welcome(self) -> None:
        self._show_place("home:", record=True)

    def _style(self) -> str:
        return style_sheet(is_dark(QApplication.palette()))

    def _render_question(self, question) -> None:
        from reader.render.document import question_fragment

        assert self.loaded is not None
        page = self.loaded.library.page(question.page_id)
        try:
            body = question_fragment(self.loaded, question)
        except Exception:
            log.exception("question %s could not be rendered", question.id)
            self.note(self.tr("This answer could not be formatted; its raw text is shown."))
            body = (
                f"<h1>{html.escape(question.title)}</h1><pre>{html.escape(question.answer)}</pre>"
            )
        self.answer.show_html(body + self._footer(page, question.anchor), self._style())
        self.setWindowTitle(clip(question.title, MAX_TITLE))
        if self._terms:
            self.answer.highlight_terms(self._terms)
            self._terms = []

    def _render_page(self, page: Page, anchor: str) -> None:
        from reader.render.document import page_fragment

        assert self.loaded is not None
        try:
            body = page_fragment(self.loaded, page)
        except Exception:
            log.exception("page %s could not be rendered", page.id)
            self.note(self.tr("This page could not be formatted."))
            body = f"<h1>{html.escape(page.title)}</h1>"
        if not page.sections:
            empty = self.tr("This page has no sections.")
            body += f'<p class="note">{html.escape(empty)}</p>'
        self.answer.show_html(body + self._footer(page, anchor), self._style())
        self.setWindowTitle(clip(page.title, MAX_TITLE))
        if anchor:
            self.answer.scrollToAnchor(anchor)

    def _render_missing(self, target: str) -> None:
        page_id, _, anchor = target.partition("#")
        url = self.wiki_url(page_id, anchor)
        esc = html.escape
        unavailable = self.tr("This page is not available offline.")
        open_it = self.tr("Open it on the wiki")
        online = self.tr("(needs an Internet connection)")
        body = (
            f"<h1>{esc(page_id)}</h1><p>{esc(unavailable)}</p>"
            f'<p><a href="{esc(url)}">{esc(open_it)}</a> {esc(online)}</p>'
        )
        self.answer.show_html(body, self._style())
        self.note(self.tr("Page not available offline: %1").replace("%1", page_id))

    def _render_welcome(self) -> None:
        esc = html.escape
        title = self.tr("Cagette.net FAQ")
        parts = [f"<h1>{esc(title)}</h1>"]
        if self.loaded is not None:
            for page in self.loaded.library.pages[:1]:
                parts.append(f"<h2>{esc(page.title)}</h2>")
                if page.intro:
                    parts.append(f"<p>{esc(' '.join(page.intro.split())[:600])}</p>")
        hint = self.tr("Choose a question on the left, or type a few words in the search field.")
        parts.append(f"<p>{esc(hint)}</p>")
        self.answer.show_html("".join(parts), self._style())
        self.setWindowTitle(self.tr("Cagette.net FAQ"))

    def _footer(self, page: Page | None, anchor: str) -> str:
        if page is None:
            return ""
        esc = html.escape
        url = self.wiki_url(page.id, anchor)
        open_text = self.tr("Open on the wiki")
        bits = [f'<a href="{esc(url)}">{esc(open_text)}</a>']
        if page.source.last_modified:
            bits.append(
                esc(
                    self.tr("Content dated %1").replace(
                        "%1", format_date(page.source.last_modified)
                    )
                )
            )
        elif page.source.fetched:  # the wiki's date is unknown: say how old the copy is
            downloaded = self.tr("Downloaded on %1").replace("%1", format_date(page.source.fetched))
            bits.append(esc(downloaded))
        if page.source.revision:
            bits.append(esc(self.tr("revision %1").replace("%1", page.source.revision)))
        return '<hr><p class="meta">' + " · ".join(bits) + "</p>"

    def wiki_url(self, page_id: str, anchor: str = "") -> str:
        assert self.loaded is not None
        page = self.loaded.library.page(page_id)
        from reader.sync.urls import page_url

        wiki = (page.source.wiki if page is not None else "") or self.loaded.wiki
        return page_url(wiki, page_id, anchor)

    def _select_in_tree(self, target: str) -> None:
        index = self.tree_model.index_for(target)
        if index.isValid() and self.tree.currentIndex() != index:
            self.tree.selectionModel().blockSignals(True)
            self.tree.setCurrentIndex(index)
            self.tree.selectionModel().blockSignals(False)
            self.tree.viewport().update()
            self.tree.scrollTo(index)

    # -- navigation ----------------------------------------------------------------------
    @Slot(str)
    def open_media_link(self, media_id: str) -> None:
        """A link to a media file: the local copy with the system's application, or a
        message that it is not available offline, with the wiki's address."""
        if self.loaded is None:
            return
        from reader.ui.media_links import open_media

        self.media_message = open_media(self, self.loaded, media_id)

    @Slot(str, str)
    def open_wiki_link(self, page_id: str, anchor: str) -> None:
        """A ``wiki:`` link: the question, the page, or "not available offline"."""
        if self.loaded is None:
            return
        library = self.loaded.library
        if anchor and library.question(f"{page_id}#{anchor}") is not None:
            self._show_place(f"q:{page_id}#{anchor}", record=True)
        elif library.page(page_id) is not None:
            self._show_place(f"p:{page_id}#{anchor}", record=True)
        else:
            self._show_place(f"m:{page_id}#{anchor}", record=True)

    def go_back(self) -> None:
        place = self.history.back()
        if place is not None:
            self._show_place(place, record=False)

    def go_forward(self) -> None:
        place = self.history.forward()
        if place is not None:
            self._show_place(place, record=False)

    def _update_navigation(self) -> None:
        self.commands.back.setEnabled(self.history.can_go_back())
        self.commands.forward.setEnabled(self.history.can_go_forward())
        self.back_button.setEnabled(self.history.can_go_back())
        self.forward_button.setEnabled(self.history.can_go_forward())

    def _on_tree_current(self, index) -> None:
        if not index.isValid():
            return
        kind = index.data(KIND_ROLE)
        target = index.data(ID_ROLE)
        place = f"q:{target}" if kind == "question" else f"p:{target}"
        if place != self.history.current:
            self._show_place(place, record=True)
