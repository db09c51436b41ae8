"""The wiki preferences: the wiki's address, the pages a refresh fetches, how far it follows
their links (depth and budgets), and the linked pages kept offline at the user's request.

A page is added by its id or by pasting its URL in any of DokuWiki's forms; the wiki
may also be given as the URL of one of its pages. A list of pages that leaves out pages
of the content shown (the next update would remove them) is asked about first, naming
them by title; "Cancel", the default, saves nothing. When the saved sources could not be
read, the dialog says so at the top (it shows the bundled ones meanwhile).
"""

from __future__ import annotations

import html
from typing import TYPE_CHECKING

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QMessageBox,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from reader.paths import Paths
from reader.sync.sources import (
    MAX_DEPTH,
    MAX_DOCUMENT_BYTES,
    MIB,
    Following,
    Sources,
    default_sources,
    make_sources,
    pages_dropped,
    read_sources,
    save_sources,
)
from reader.sync.urls import UrlError, page_id_from
from reader.ui.message_box import ask

if TYPE_CHECKING:
    from reader.content.model import Library


class WikiPreferences(QDialog):
    """Edit and save the refresh sources (``sources.json`` in the config folder).

    ``library`` is the content shown: the pages a new list would remove are asked about
    (:attr:`question`, while it is open) before anything is saved.
    """

    def __init__(
        self, parent: QWidget | None, paths: Paths, library: Library | None = None
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Wiki preferences"))
        self.paths = paths
        self.config_dir = paths.config
        self._library = library
        self.question: QMessageBox | None = None
        saved = read_sources(self.config_dir, paths.resources)
        sources = saved.sources
        self.sources_warning = QLabel(saved.warning, self)
        self.sources_warning.setWordWrap(True)
        self.sources_warning.setVisible(bool(saved.warning))

        self.wiki_edit = QLineEdit(sources.wiki, self)
        self.wiki_edit.setAccessibleName(self.tr("Wiki address"))
        self.pages_list = QListWidget(self)
        self.pages_list.setAccessibleName(self.tr("Pages to update"))
        self.pages_list.addItems(list(sources.pages))
        self.page_edit = QLineEdit(self)
        self.page_edit.setPlaceholderText(self.tr("page id (faq:livraison) or the page's address"))
        self.page_edit.setAccessibleName(self.tr("Page to add"))
        self.add_button = QPushButton(self.tr("Add a page"), self)
        self.remove_button = QPushButton(self.tr("Remove"), self)
        self.defaults_button = QPushButton(self.tr("Original settings"), self)
        self.error_label = QLabel(self)
        self.error_label.setWordWrap(True)

        form = QFormLayout()
        form.addRow(self.tr("Wiki address:"), self.wiki_edit)
        add_row = QHBoxLayout()
        add_row.addWidget(self.page_edit, 1)
        add_row.addWidget(self.add_button)
        edit_row = QHBoxLayout()
        edit_row.addWidget(self.remove_button)
        edit_row.addWidget(self.defaults_button)
        edit_row.addStretch(1)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        layout = QVBoxLayout(self)
        layout.addWidget(self.sources_warning)
        layout.addLayout(form)
        layout.addWidget(QLabel(self.tr("Pages:"), self))
        layout.addWidget(self.pages_list, 1)
        layout.addLayout(edit_row)
        layout.addLayout(add_row)
        layout.addWidget(self._linked_box(sources))
        layout.addWidget(self.error_label)
        layout.addWidget(buttons)

        self.add_button.clicked.connect(self.add_page)
        self.page_edit.returnPressed.connect(self.add_page)
        self.remove_button.clicked.connect(self.remove_selected)
        self.defaults_button.clicked.connect(self.restore_defaults)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)

    def _linked_box(self, sources: Sources) -> QGroupBox:
        """Depth, budgets and the pages kept offline."""
        box = QGroupBox(self.tr("Linked pages and documents"), self)
        self.depth_box = QComboBox(box)
        self.depth_box.setAccessibleName(self.tr("Links to follow"))
        self.depth_box.addItems(
            [
                self.tr("None: the pages above only"),
                self.tr("The pages they link to"),
                self.tr("Two links away"),
                self.tr("Three links away"),
            ][: MAX_DEPTH + 1]
        )
        self.max_pages_box = QSpinBox(box)
        self.max_pages_box.setRange(0, 10_000)
        self.max_pages_box.setAccessibleName(self.tr("Linked pages at most"))
        self.document_box = QSpinBox(box)
        self.document_box.setRange(1, MAX_DOCUMENT_BYTES // MIB)
        self.document_box.setSuffix(self.tr(" MB"))
        self.document_box.setAccessibleName(self.tr("Size of one document at most"))
        self.total_box = QSpinBox(box)
        self.total_box.setRange(1, 100_000)
        self.total_box.setSuffix(self.tr(" MB"))
        self.total_box.setAccessibleName(self.tr("Linked pages and documents in all, at most"))
        self.kept_list = QListWidget(box)
        self.kept_list.setAccessibleName(self.tr("Pages kept offline"))
        self.kept_list.addItems(list(sources.kept))
        self.kept_list.setMaximumHeight(self.kept_list.fontMetrics().height() * 5)
        self.remove_kept_button = QPushButton(self.tr("Stop keeping offline"), box)
        self.remove_kept_button.clicked.connect(self.remove_kept)
        self.set_following(sources.following)
        form = QFormLayout(box)
        form.addRow(self.tr("Follow the links:"), self.depth_box)
        form.addRow(self.tr("Linked pages at most:"), self.max_pages_box)
        form.addRow(self.tr("One document at most:"), self.document_box)
        form.addRow(self.tr("In all at most:"), self.total_box)
        form.addRow(self.tr("Kept offline at your request:"), self.kept_list)
        form.addRow("", self.remove_kept_button)
        return box

    def set_following(self, following: Following) -> None:
        self.depth_box.setCurrentIndex(following.depth)
        self.max_pages_box.setValue(following.max_pages)
        self.document_box.setValue(max(1, following.max_document_bytes // MIB))
        self.total_box.setValue(max(1, following.max_total_bytes // MIB))

    def following(self) -> Following:
        """The depth and budgets as set in the dialog."""
        return Following(
            depth=self.depth_box.currentIndex(),
            max_pages=self.max_pages_box.value(),
            max_document_bytes=self.document_box.value() * MIB,
            max_total_bytes=self.total_box.value() * MIB,
        )

    def pages(self) -> list[str]:
        return [self.pages_list.item(i).text() for i in range(self.pages_list.count())]

    def kept(self) -> list[str]:
        return [self.kept_list.item(i).text() for i in range(self.kept_list.count())]

    def add_page(self) -> None:
        text = self.page_edit.text().strip()
        if not text:
            return
        try:
            page_id = page_id_from(text)
        except UrlError as error:
            self.error_label.setText(str(error))
            return
        self.error_label.clear()
        if page_id not in self.pages():
            self.pages_list.addItem(page_id)
        self.page_edit.clear()

    def remove_selected(self) -> None:
        for item in self.pages_list.selectedItems():
            self.pages_list.takeItem(self.pages_list.row(item))

    def remove_kept(self) -> None:
        for item in self.kept_list.selectedItems():
            self.kept_list.takeItem(self.kept_list.row(item))

    def restore_defaults(self) -> None:
        defaults = default_sources(self.paths.resources)
        self.wiki_edit.setText(defaults.wiki)
        self.pages_list.clear()
        self.pages_list.addItems(list(defaults.pages))
        self.set_following(defaults.following)

    def sources(self) -> Sources:
        """The sources as edited; :class:`UrlError` when they cannot be used."""
        return make_sources(self.wiki_edit.text(), self.pages(), self.following(), self.kept())

    def accept(self) -> None:
        try:
            sources = self.sources()
        except UrlError as error:
            self.error_label.setText(str(error))
            return
        if not sources.pages:
            self.error_label.setText(self.tr("Add at least one page."))
            return
        dropped = pages_dropped(self._library, sources) if self._library is not None else []
        if dropped:
            self._ask_dropping(sources, [title for _id, title in dropped])
            return
        self._save(sources)

    def _ask_dropping(self, sources: Sources, titles: list[str]) -> None:
        """Ask before saving a list that leaves out pages of the content shown."""
        count = len(titles)
        gone = self.tr("No longer in the list, removed at the next update:", "", count)
        anyway = self.tr("Save this list anyway?")

        def esc(text: str) -> str:
            return html.escape(text, quote=False)

        names = "".join(f"<li>{esc(t)}</li>" for t in titles)
        text = f"<p>{esc(gone)}</p><ul>{names}</ul><p>{esc(anyway)}</p>"
        title = self.tr("Remove pages from the content?", "", count)
        accept = self.tr("Remove them", "", count)
        box, remove, _keep = ask(self, title, text, accept, self.tr("Cancel"))

        def answered(_result: int) -> None:
            self.question = None
            if box.clickedButton() is remove:
                self._save(sources)

        box.finished.connect(answered)
        self.question = box

    def _save(self, sources: Sources) -> None:
        try:
            save_sources(self.config_dir, sources)
        except OSError as error:
            message = self.tr("Settings not saved: %1").replace("%1", str(error))
            QMessageBox.warning(self, self.windowTitle(), message)
            return
        super().accept()
