"""What a refresh or a pack's import changed, told for a reader: page and question titles,
each one a link.

The dialog says in one sentence what changed ("2 nouvelles questions, 1 question
modifiée"), then, page by page (by its title), the questions added, changed and removed,
by their titles. A title added or changed is a link: clicking it (or Tab to it, then
Enter) opens that question in the window and closes the summary, since the window is
where it is read; the others keep their "(nouveau)" / "(modifié)" mark in the tree until
opened. The wiki pages the FAQ links to follow, those added, changed and removed by
their titles (a click opens one), then what a budget left out. Technical warnings are
folded away under "Détails", and only the ones the last refresh did not already give
(:mod:`reader.ui.refresh.seen_warnings`). Close, Enter or Escape close it.

Signals:
    questionActivated(str): a question's title was clicked: its id.
"""

from __future__ import annotations

import html
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, QUrl, Signal, Slot
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

if TYPE_CHECKING:
    from reader.content.model import Library
    from reader.sync.changes import PageChanges, Summary
    from reader.ui.refresh.seen_warnings import Warnings

LINK_SCHEME = "question"  # href "question:<n>": the n-th question that can be opened


class SummaryDialog(QDialog):
    """The summary of a successful refresh or import (see the module docstring).

    ``library`` is the content after the refresh (for page titles); ``warnings`` the
    refresh's warnings sorted into new and known; ``pack`` the file's name when the
    content came from a pack (:mod:`reader.ui.packs`) rather than from the wiki.

    Signals:
        questionActivated(str): the id of a question whose title was clicked.
    """

    questionActivated = Signal(str)

    def __init__(
        self,
        summary: Summary,
        library: Library | None,
        warnings: Warnings,
        parent: QWidget | None = None,
        pack: str = "",
    ) -> None:
        super().__init__(parent)
        self._summary = summary
        self._library = library
        self._pack = pack
        self._targets: list[str] = []  # question ids, by link number
        self.setWindowTitle(self.tr("Import finished") if pack else self.tr("Update finished"))
        self.headline = QLabel(self._headline(), self)
        self.headline.setWordWrap(True)
        self.headline.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.view = QTextBrowser(self)
        self.view.setOpenLinks(False)
        self.view.setAccessibleName(self.tr("What changed"))
        self.view.setHtml(self._pages_html())
        self.view.anchorClicked.connect(self._on_link)
        self.details_button = QPushButton(self)
        self.details_button.setCheckable(True)
        self.details = QPlainTextEdit(self)
        self.details.setReadOnly(True)
        self.details.setAccessibleName(self.tr("Details"))
        self.details.hide()
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        self.close_button = buttons.button(QDialogButtonBox.StandardButton.Close)
        self.close_button.setText(self.tr("Close"))
        self.close_button.setDefault(True)
        buttons.addButton(self.details_button, QDialogButtonBox.ButtonRole.ActionRole)
        self._fill_details(warnings)  # after: the button box shows the buttons it is given
        buttons.rejected.connect(self.reject)
        self.details_button.toggled.connect(self._show_details)
        layout = QVBoxLayout(self)
        layout.addWidget(self.headline)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.details)
        layout.addWidget(buttons)
        metrics = self.fontMetrics()  # sized for its text, the window's zoom included
        lines = 26 if self._summary.committed else 12
        self.resize(metrics.averageCharWidth() * 70, metrics.height() * lines)
        self.close_button.setFocus()

    # -- what it says --------------------------------------------------------------------
    def _headline(self) -> str:
        summary = self._summary
        if not summary.committed and self._pack:
            text = self.tr("The pack “%1” holds the content already shown: nothing changed.")
            return text.replace("%1", self._pack)
        if not summary.committed:
            return self.tr("Nothing changed on the wiki: the content is already up to date.")
        added, changed = summary.count("added"), summary.count("changed")
        removed = summary.count("removed")
        parts = []
        if added:
            parts.append(self.tr("%n new question(s)", "", added))
        if changed:
            parts.append(self.tr("%n question(s) changed", "", changed))
        if removed:
            parts.append(self.tr("%n question(s) removed", "", removed))
        linked = summary.linked_count("added") + summary.linked_count("changed")
        if linked:
            parts.append(self.tr("%n linked page(s) new or changed", "", linked))
        if not parts and self._pack:
            text = self.tr("Content imported from “%1”; no question changed.")
            return text.replace("%1", self._pack)
        if not parts:
            return self.tr("The content was updated; no question changed.")
        if self._pack:
            sentence = self.tr("Content imported from “%1”: %2.").replace("%2", ", ".join(parts))
            sentence = sentence.replace("%1", self._pack)  # last: a file's name may hold "%2"
        else:
            sentence = self.tr("Content updated: %1.").replace("%1", ", ".join(parts))
        if added or changed:
            sentence += " " + self.tr(
                "They are marked in the list of questions until you open them."
            )
        return sentence

    def _page_title(self, page: PageChanges) -> str:
        current = self._library.page(page.page_id) if self._library is not None else None
        return current.title if current is not None else page.title

    def _pages_html(self) -> str:
        esc = html.escape
        parts = []
        unchanged = []
        for page in self._summary.pages:
            if not page.touched:
                unchanged.append(self._page_title(page))
                continue
            status = {
                "added": self.tr("new page"),
                "removed": self.tr("page removed"),
                "changed": self.tr("page changed"),
            }.get(page.status, "")
            heading = esc(self._page_title(page))
            if status:
                heading += f" <small>({esc(status)})</small>"
            parts.append(f"<h3>{heading}</h3>")
            for label, questions, linked in (
                (self.tr("New questions:"), page.added, True),
                (self.tr("Changed questions:"), page.changed, True),
                (self.tr("Removed questions:"), page.removed, False),
            ):
                if questions:
                    parts.append(f"<p>{esc(label)}</p><ul>")
                    parts += [
                        f"<li>{self._item(q_id, title, linked)}</li>" for q_id, title in questions
                    ]
                    parts.append("</ul>")
        if unchanged:
            text = self.tr("Unchanged: %1").replace("%1", ", ".join(unchanged))
            parts.append(f"<p>{esc(text)}</p>")
        return "".join(parts + self._linked_html())

    def _linked_html(self) -> list[str]:
        """The linked pages added, changed and removed, and what was left out."""
        esc = html.escape
        summary, parts = self._summary, []
        if summary.linked:
            heading = self.tr("Wiki pages the FAQ links to")
            parts.append(f"<h3>{esc(heading)}</h3><ul>")
            labels = {
                "added": self.tr("new"),
                "changed": self.tr("changed"),
                "removed": self.tr("removed"),
            }
            for page in summary.linked:
                if page.status in labels:
                    entry = self._first_entry(page)
                    item = self._item(entry, self._page_title(page), entry != "")
                    parts.append(f"<li>{item} <small>({esc(labels[page.status])})</small></li>")
            parts.append("</ul>")
            unchanged = summary.linked_count("unchanged")
            if unchanged:
                text = self.tr("%n linked page(s) unchanged.", "", unchanged)
                parts.append(f"<p>{esc(text)}</p>")
        if summary.left_out:
            heading = self.tr("Left out (see the wiki preferences)")
            parts.append(f"<h3>{esc(heading)}</h3><ul>")
            parts += [f"<li>{esc(item.name())} : {esc(item.why)}</li>" for item in summary.left_out]
            parts.append("</ul>")
        return parts

    def _first_entry(self, page: PageChanges) -> str:
        """The id of the first entry of a linked page still held ("" when it is not)."""
        if page.status == "removed" or self._library is None:
            return ""
        held = self._library.page(page.page_id)
        first = next(held.questions(), None) if held is not None else None
        return first.id if first is not None else ""

    def _item(self, question_id: str, title: str, linked: bool) -> str:
        text = html.escape(title or question_id)
        if not linked:
            return text
        self._targets.append(question_id)
        return f'<a href="{LINK_SCHEME}:{len(self._targets) - 1}">{text}</a>'

    def _fill_details(self, warnings: Warnings) -> None:
        count = len(warnings.new)
        self.details_button.setText(self.tr("&Details (%n warning(s))", "", count))
        self.details_button.setVisible(bool(count))
        lines = list(warnings.new)
        if warnings.known:
            known = len(warnings.known)
            lines.append(self.tr("(%n warning(s) already given last time, in the log)", "", known))
        self.details.setPlainText("\n".join(lines))

    def text(self) -> str:
        """Everything the dialog says, as plain text (the log, the tests)."""
        return "\n".join([self.headline.text(), self.view.toPlainText()]).strip()

    # -- what it does --------------------------------------------------------------------
    @Slot(bool)
    def _show_details(self, shown: bool) -> None:
        self.details.setVisible(shown)

    @Slot(QUrl)
    def _on_link(self, url: QUrl) -> None:
        if url.scheme() != LINK_SCHEME or not url.path().isdigit():
            return
        number = int(url.path())
        if number < len(self._targets):
            self.questionActivated.emit(self._targets[number])
            self.accept()  # the question is read in the window
