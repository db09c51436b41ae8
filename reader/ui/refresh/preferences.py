"""The wiki preferences: the wiki's address and the pages a refresh fetches.

A page is added by its id or by pasting its URL in any of DokuWiki's forms; the wiki
may also be given as the URL of one of its pages.
"""

from __future__ import annotations

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from reader.paths import Paths
from reader.sync.sources import Sources, default_sources, load_sources, make_sources, save_sources
from reader.sync.urls import UrlError, page_id_from


class WikiPreferences(QDialog):
    """Edit and save the refresh sources (``sources.json`` in the config folder)."""

    def __init__(self, parent: QWidget | None, paths: Paths) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Wiki preferences"))
        self.paths = paths
        self.config_dir = paths.config
        sources = load_sources(self.config_dir, paths.resources)

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
        layout.addLayout(form)
        layout.addWidget(QLabel(self.tr("Pages:"), self))
        layout.addWidget(self.pages_list, 1)
        layout.addLayout(edit_row)
        layout.addLayout(add_row)
        layout.addWidget(self.error_label)
        layout.addWidget(buttons)

        self.add_button.clicked.connect(self.add_page)
        self.page_edit.returnPressed.connect(self.add_page)
        self.remove_button.clicked.connect(self.remove_selected)
        self.defaults_button.clicked.connect(self.restore_defaults)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)

    def pages(self) -> list[str]:
        return [self.pages_list.item(i).text() for i in range(self.pages_list.count())]

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

    def restore_defaults(self) -> None:
        defaults = default_sources(self.paths.resources)
        self.wiki_edit.setText(defaults.wiki)
        self.pages_list.clear()
        self.pages_list.addItems(list(defaults.pages))

    def sources(self) -> Sources:
        """The sources as edited; :class:`UrlError` when they cannot be used."""
        return make_sources(self.wiki_edit.text(), self.pages())

    def accept(self) -> None:
        try:
            sources = self.sources()
        except UrlError as error:
            self.error_label.setText(str(error))
            return
        if not sources.pages:
            self.error_label.setText(self.tr("Add at least one page."))
            return
        try:
            save_sources(self.config_dir, sources)
        except OSError as error:
            message = self.tr("Settings not saved: %1").replace("%1", str(error))
            QMessageBox.warning(self, self.windowTitle(), message)
            return
        super().accept()
