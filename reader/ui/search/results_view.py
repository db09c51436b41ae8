"""The results panel: what was searched (or that there is no answer) above a list whose
rows show the question, its section, what it lacks and a snippet with the words marked.

When the results answer the query, the first row is current, so that Enter opens it.
When none does (the reader abstains), the panel says so first, with the date of the
offline content and, when the wiki answers, "Search the wiki"; then it offers the
partial answers as such, none of them current. The wording is
:mod:`reader.ui.search.summary`'s.

Signals:
    questionActivated(str, list): a row was opened (Enter, click): question id, and the
        words it matched (the index's ``MatchedWord`` objects).
    alternativeRequested(): the "Search for … instead" link, or Alt+Shift+R.
    wikiSearchRequested(): "Search the wiki" was pressed.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QModelIndex, QPointF, QSize, Qt, Signal
from PySide6.QtGui import (
    QAbstractTextDocumentLayout,
    QKeySequence,
    QPalette,
    QShortcut,
    QTextDocument,
    QTextDocumentFragment,
)
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QListView,
    QPushButton,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QToolTip,
    QVBoxLayout,
    QWidget,
)

from reader.ui.search.outcome import SearchOutcome
from reader.ui.search.results_model import HTML_ROLE, ID_ROLE, MATCHED_ROLE, ResultsModel
from reader.ui.search.summary import ALTERNATIVE_LINK, SearchSummary

if TYPE_CHECKING:
    from PySide6.QtGui import QHelpEvent, QKeyEvent, QPainter, QResizeEvent
    from PySide6.QtWidgets import QAbstractItemView

    from reader.ui.search.results_model import ItemIndex

ALTERNATIVE_KEY = "Alt+Shift+R"


class HtmlDelegate(QStyledItemDelegate):
    """Draws a row's rich text (question, section, snippet), wrapped to the view's width."""

    MARGIN = 6

    def _document(self, option: QStyleOptionViewItem, index: ItemIndex) -> QTextDocument:
        doc = QTextDocument()
        doc.setDefaultFont(option.font)
        doc.setDocumentMargin(self.MARGIN)
        doc.setHtml(index.data(HTML_ROLE) or "")
        view = self.parent()
        width = view.viewport().width() if isinstance(view, QListView) else option.rect.width()
        doc.setTextWidth(max(120, width))
        return doc

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: ItemIndex) -> None:
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

    def sizeHint(self, option: QStyleOptionViewItem, index: ItemIndex) -> QSize:
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        doc = self._document(opt, index)
        return QSize(int(doc.idealWidth()), int(doc.size().height()) + 2)

    def helpEvent(
        self,
        event: QHelpEvent,
        view: QAbstractItemView,
        option: QStyleOptionViewItem,
        index: ItemIndex,
    ) -> bool:
        """A marked synonym's own tooltip ("synonyme de « … »") under the mouse."""
        if event.type() == QEvent.Type.ToolTip and index.isValid():
            opt = QStyleOptionViewItem(option)
            self.initStyleOption(opt, index)
            doc = self._document(opt, index)
            point = QPointF(event.pos() - opt.rect.topLeft())
            position = doc.documentLayout().hitTest(point, Qt.HitTestAccuracy.ExactHit)
            if position >= 0:
                from PySide6.QtGui import QTextCursor

                cursor = QTextCursor(doc)
                cursor.setPosition(position + 1)  # the format of the character at position
                tip = cursor.charFormat().toolTip()
                if tip:
                    QToolTip.showText(event.globalPos(), tip, view)
                    return True
        return super().helpEvent(event, view, option, index)


class ResultsList(QListView):
    """The list of hits; Enter opens the current one, Up on the first row goes back up.

    Signals:
        escapePressed(): Esc in the list (the window clears the query).
        leftTop(): Up pressed on the first row (focus goes back to the search field).
    """

    escapePressed = Signal()
    leftTop = Signal()

    def keyPressEvent(self, event: QKeyEvent) -> None:
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

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self.scheduleDelayedItemsLayout()  # rows wrap to the new width


class ResultsPanel(QWidget):
    """What was searched, and the results (see the module docstring).

    Signals:
        questionActivated(str, list): a row was opened: question id, matched words.
        alternativeRequested(): search the other way (as typed, or corrected).
        wikiSearchRequested(): "Search the wiki" was pressed.
    """

    questionActivated = Signal(str, list)
    alternativeRequested = Signal()
    wikiSearchRequested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = ResultsModel(self)
        self.wording = SearchSummary(self)
        self.header = self._label(self.tr("Search summary"))
        self.wiki_button = QPushButton(self.tr("Search the &wiki"), self)
        self.wiki_button.setToolTip(self.tr("The wiki's own search, in the web browser"))
        self.wiki_button.clicked.connect(self.wikiSearchRequested)
        self.wiki_button.hide()
        self.partial = self._label(self.tr("Partial answers"))
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
        self.alternative_key = QShortcut(QKeySequence(ALTERNATIVE_KEY), self)
        self.alternative_key.activated.connect(self._on_alternative)
        self.alternative_key.setEnabled(False)
        offer = QHBoxLayout()
        offer.setContentsMargins(4, 0, 4, 0)
        offer.addWidget(self.wiki_button)
        offer.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addWidget(self.header)
        layout.addLayout(offer)
        layout.addWidget(self.partial)
        layout.addWidget(self.list, 1)
        QWidget.setTabOrder(self.header, self.wiki_button)
        QWidget.setTabOrder(self.wiki_button, self.partial)
        QWidget.setTabOrder(self.partial, self.list)
        self.outcome: SearchOutcome | None = None
        self._alternative: str | None = None
        self._wiki_reachable = False

    def _label(self, name: str) -> QLabel:
        label = QLabel(self)
        label.setWordWrap(True)
        label.setTextFormat(Qt.TextFormat.RichText)
        label.setTextInteractionFlags(
            Qt.TextInteractionFlag.LinksAccessibleByMouse
            | Qt.TextInteractionFlag.LinksAccessibleByKeyboard
        )
        label.setContentsMargins(4, 2, 4, 2)
        label.linkActivated.connect(self._on_link)
        label.setAccessibleName(name)
        return label

    @property
    def abstains(self) -> bool:
        """The outcome shown has no answer to the whole query (nothing is preselected)."""
        return self.outcome is not None and (self.outcome.failed or self.outcome.abstains)

    def show_outcome(
        self, outcome: SearchOutcome, alternative: str | None = None, updated: str = ""
    ) -> None:
        """Show ``outcome``; ``alternative`` is the other search to offer (the words as
        typed, or their correction), ``updated`` the offline content's date, as shown."""
        self.outcome = outcome
        self._alternative = alternative
        self.model.set_hits(outcome.hits)
        text = self.wording.summary(outcome, alternative, updated)
        self.header.setText(text.heading)
        self.partial.setText(text.partial)
        self.partial.setVisible(bool(text.partial))
        self.alternative_key.setEnabled(bool(alternative))
        tip = ""
        if alternative:
            key = QKeySequence(ALTERNATIVE_KEY).toString(QKeySequence.SequenceFormat.NativeText)
            tip = f"{self.wording.alternative_text(alternative)} ({key})"
        for label in (self.header, self.partial):
            linked = ALTERNATIVE_LINK in label.text()
            label.setToolTip(tip if linked else "")
            # Tab stops at the link, not at a label with nothing to press.
            label.setFocusPolicy(Qt.FocusPolicy.StrongFocus if linked else Qt.FocusPolicy.NoFocus)
        plain = (
            QTextDocumentFragment.fromHtml(t).toPlainText()
            for t in (text.heading, text.partial)
            if t
        )
        self.list.setAccessibleDescription(" ".join(plain))
        self._show_offer()
        if self.abstains:
            self.list.setCurrentIndex(QModelIndex())  # Enter must not open a partial answer
            self.list.clearSelection()
        elif self.model.rowCount():
            self.list.setCurrentIndex(self.model.index(0))

    def set_wiki_reachable(self, reachable: bool) -> None:
        """Whether the wiki answers: "Search the wiki" is offered when it does."""
        self._wiki_reachable = reachable
        self._show_offer()

    def _show_offer(self) -> None:
        outcome = self.outcome
        wanted = (
            outcome is not None and not outcome.failed and outcome.abstains and bool(outcome.words)
        )
        self.wiki_button.setVisible(wanted and self._wiki_reachable)

    def focus_list(self) -> None:
        """Put the keyboard in the list, on its first row when none is current."""
        self.list.setFocus(Qt.FocusReason.OtherFocusReason)
        if not self.list.currentIndex().isValid() and self.model.rowCount():
            self.list.setCurrentIndex(self.model.index(0))

    def _on_link(self, link: str) -> None:
        if link == ALTERNATIVE_LINK:
            self._on_alternative()

    def _on_alternative(self) -> None:
        if self._alternative:
            self.alternativeRequested.emit()

    def _on_activated(self, index: QModelIndex) -> None:
        if index.isValid():
            self.questionActivated.emit(index.data(ID_ROLE), index.data(MATCHED_ROLE) or [])

    def activate_current(self) -> bool:
        """Open the current row, or the best one; never a partial answer not chosen."""
        index = self.list.currentIndex()
        if not index.isValid() and self.model.rowCount() and not self.abstains:
            index = self.model.index(0)
        if not index.isValid():
            return False
        self._on_activated(index)
        return True
