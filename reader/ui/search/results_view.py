"""The results panel: a header (count, or "Did you mean …" with nearby questions) above a
list whose rows show the question, its section and a snippet with the hit words marked.

Signals:
    questionActivated(str, list): a row was opened (Enter, click): question id, hit words.
    suggestionActivated(str): the "did you mean" link was clicked: the corrected query.
"""

from __future__ import annotations

import html

from PySide6.QtCore import QModelIndex, QSize, Qt, Signal
from PySide6.QtGui import QAbstractTextDocumentLayout, QPalette, QTextDocument
from PySide6.QtWidgets import (
    QLabel,
    QListView,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QVBoxLayout,
    QWidget,
)

from reader.ui.search.outcome import SearchOutcome
from reader.ui.search.results_model import HTML_ROLE, ID_ROLE, TERMS_ROLE, ResultsModel


class HtmlDelegate(QStyledItemDelegate):
    """Draws a row's rich text (question, section, snippet), wrapped to the view's width."""

    MARGIN = 6

    def _document(self, option: QStyleOptionViewItem, index: QModelIndex) -> QTextDocument:
        doc = QTextDocument()
        doc.setDefaultFont(option.font)
        doc.setDocumentMargin(self.MARGIN)
        doc.setHtml(index.data(HTML_ROLE) or "")
        view = self.parent()
        width = view.viewport().width() if isinstance(view, QListView) else option.rect.width()
        doc.setTextWidth(max(120, width))
        return doc

    def paint(self, painter, option, index) -> None:
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        doc = self._document(opt, index)
        opt.text = ""
        style = opt.widget.style() if opt.widget else None
        if style is not None:
            style.drawControl(QStyle.ControlElement.CE_ItemViewItem, opt, painter, opt.widget)
        context = QAbstractTextDocumentLayout.PaintContext()
        selected = bool(opt.state & QStyle.StateFlag.State_Selected)
        role = QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text
        context.palette.setColor(QPalette.ColorRole.Text, opt.palette.color(role))
        painter.save()
        painter.translate(opt.rect.topLeft())
        painter.setClipRect(opt.rect.translated(-opt.rect.topLeft()))
        doc.documentLayout().draw(painter, context)
        painter.restore()

    def sizeHint(self, option, index) -> QSize:
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        doc = self._document(opt, index)
        return QSize(int(doc.idealWidth()), int(doc.size().height()) + 2)


class ResultsList(QListView):
    """The list of hits; Enter opens the current one, Up on the first row goes back up.

    Signals:
        escapePressed(): Esc in the list (the window clears the query).
        leftTop(): Up pressed on the first row (focus goes back to the search field).
    """

    escapePressed = Signal()
    leftTop = Signal()

    def keyPressEvent(self, event) -> None:
        key = event.key()
        if key == Qt.Key.Key_Escape:
            self.escapePressed.emit()
            return
        if key == Qt.Key.Key_Up and self.currentIndex().row() <= 0:
            self.leftTop.emit()
            return
        if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self.currentIndex().isValid():
            self.activated.emit(self.currentIndex())
            return
        super().keyPressEvent(event)

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self.scheduleDelayedItemsLayout()  # rows wrap to the new width


class ResultsPanel(QWidget):
    """Header and list of the search results.

    Signals:
        questionActivated(str, list): a row was opened: question id, hit words.
        suggestionActivated(str): the "did you mean" link was clicked: the corrected query.
    """

    questionActivated = Signal(str, list)
    suggestionActivated = Signal(str)

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.model = ResultsModel(self)
        self.header = QLabel(self)
        self.header.setWordWrap(True)
        self.header.setTextFormat(Qt.TextFormat.RichText)
        self.header.setTextInteractionFlags(
            Qt.TextInteractionFlag.LinksAccessibleByMouse
            | Qt.TextInteractionFlag.LinksAccessibleByKeyboard
        )
        self.header.setContentsMargins(4, 2, 4, 2)
        self.header.linkActivated.connect(self._on_link)
        self.header.setAccessibleName(self.tr("Search summary"))
        self.list = ResultsList(self)
        self.list.setModel(self.model)
        self.list.setItemDelegate(HtmlDelegate(self.list))
        self.list.setWordWrap(True)
        self.list.setUniformItemSizes(False)
        self.list.setVerticalScrollMode(QListView.ScrollMode.ScrollPerPixel)
        self.list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.list.setAccessibleName(self.tr("Search results"))
        self.list.activated.connect(self._on_activated)
        self.list.clicked.connect(self._on_activated)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addWidget(self.header)
        layout.addWidget(self.list, 1)
        self.outcome: SearchOutcome | None = None

    def show_outcome(self, outcome: SearchOutcome) -> None:
        self.outcome = outcome
        esc = html.escape
        query = esc(outcome.query.strip())
        if outcome.hits:
            self.model.set_hits(outcome.hits)
            count = len(outcome.hits)
            text = self.tr("%n result(s) for “%1”", "", count).replace("%1", query)
            if outcome.interpreted:
                shown = f"<i>{esc(outcome.interpreted)}</i>"
                text += "<br>" + self.tr("Results for %1").replace("%1", shown)
            elif outcome.fuzzy:
                text += " " + self.tr("(close spellings included)")
        else:
            self.model.set_hits(outcome.nearby)
            text = self.tr("No answer contains “%1”.").replace("%1", query)
            if outcome.suggestion:
                link = f'<a href="suggest:">{esc(outcome.suggestion)}</a>'
                text += "<br>" + self.tr("Did you mean %1?").replace("%1", link)
            if outcome.nearby:
                text += "<br>" + self.tr("Nearby questions:")
            else:
                text += "<br>" + self.tr("Try other words, or press Esc to browse the sections.")
        self.header.setText(text)
        self.list.setAccessibleDescription(self.header.text())
        if self.model.rowCount():
            self.list.setCurrentIndex(self.model.index(0))

    def focus_list(self) -> None:
        """Put the keyboard in the list, on its first row when none is current."""
        self.list.setFocus(Qt.FocusReason.OtherFocusReason)
        if not self.list.currentIndex().isValid() and self.model.rowCount():
            self.list.setCurrentIndex(self.model.index(0))

    def _on_link(self, _link: str) -> None:
        if self.outcome is not None and self.outcome.suggestion:
            self.suggestionActivated.emit(self.outcome.suggestion)

    def _on_activated(self, index: QModelIndex) -> None:
        if index.isValid():
            self.questionActivated.emit(index.data(ID_ROLE), index.data(TERMS_ROLE) or [])

    def activate_current(self) -> bool:
        index = self.list.currentIndex()
        if not index.isValid() and self.model.rowCount():
            index = self.model.index(0)
        if not index.isValid():
            return False
        self._on_activated(index)
        return True
