"""The answer pane: a QTextBrowser that routes links itself, shows local images only,
highlights the words a search matched and finds text.

Links are never followed inside the pane (``setOpenLinks(False)``): ``wiki:`` links are
handed to the window (``internalLinkActivated``), so are ``media:`` links to files that are
not images (``mediaLinkActivated``), a code block's file name (``codeDownloadRequested``),
and web, mail and file links, which are for the system (``externalLinkActivated``);
``#anchor`` links scroll. Images load only from the content's media folder; a missing one
is reported (``mediaMissing``), not fatal. A ``keep:<page id>`` link asks to keep a linked
page offline (``keepOfflineRequested``). The words a search matched are marked as the
results list marks them: the user's own words on yellow, a synonym on blue with a dotted
underline and a tooltip naming the word it stands for. The Qt types that only content
needs are imported where used (see
:mod:`reader.ui.window.main_window`).

Signals:
    internalLinkActivated(str, str): a wiki link was clicked: page id and anchor.
    mediaLinkActivated(str): a link to a media file was clicked: its media id.
    mediaMissing(str): an image could not be loaded (its file name).
    keepOfflineRequested(str): "Keep offline" was clicked for a page: its id.
    codeDownloadRequested(str): a code block's file name was clicked: the block's key.
    externalLinkActivated(QUrl): a web, mail or file link was clicked (for the system).
    zoomRequested(int): the mouse wheel turned with Ctrl: this many zoom steps.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QUrl, Signal
from PySide6.QtWidgets import QTextBrowser

from reader.ui.text import fold_keeping_positions

if TYPE_CHECKING:
    from PySide6.QtGui import QWheelEvent
    from PySide6.QtWidgets import QTextEdit, QWidget

log = logging.getLogger(__name__)

EXTERNAL_SCHEMES = frozenset({"http", "https", "mailto", "ftp"})
WHEEL_STEP = 120  # one notch of a mouse wheel (touchpads send parts of it)


def style_sheet(dark: bool) -> str:
    """The answer's style sheet for a dark or a light background."""
    from reader.ui.theme import MARK_TEXT, WORD_MARK  # not before the first paint

    muted = "#b0b0b0" if dark else "#555555"
    accent = "#9ccc65" if dark else "#3d6b12"
    warn = "#e0b050" if dark else "#8a5a00"
    missing = "#ff8a80" if dark else "#a33333"
    border = "#666666" if dark else "#aaaaaa"
    return f"""
h1 {{ font-size: x-large; margin-bottom: 0.2em; }}
h2 {{ color: {accent}; }}
p.section {{ color: {muted}; font-style: italic; margin-top: 0; }}
p.unanswered {{ color: {warn}; }}
p.meta {{ color: {muted}; font-size: small; }}
p.note {{ color: {warn}; }}
a.wikilink2 {{ color: {missing}; }}
a.mediafile {{ font-weight: bold; }}
mark {{ background-color: {WORD_MARK}; color: {MARK_TEXT}; }}
table {{ border-collapse: collapse; }}
td, th {{ border: 1px solid {border}; padding: 2px 6px; }}
pre, code {{ font-family: monospace; }}
"""


class AnswerView(QTextBrowser):
    """Shows one answer (or one page) and routes the links inside it."""

    internalLinkActivated = Signal(str, str)
    mediaLinkActivated = Signal(str)
    mediaMissing = Signal(str)
    keepOfflineRequested = Signal(str)
    codeDownloadRequested = Signal(str)
    externalLinkActivated = Signal(QUrl)
    zoomRequested = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setOpenLinks(False)
        self.setOpenExternalLinks(False)
        self.setReadOnly(True)
        self.document().setUndoRedoEnabled(False)  # the marks' tooltips are not edits
        self.anchorClicked.connect(self._route_link)
        self._media_root: Path | None = None
        self._wheel = 0  # Ctrl+wheel turned by less than a notch so far
        self._hit_selections: list[QTextEdit.ExtraSelection] = []
        self._missing_reported: set[str] = set()

    # -- content -------------------------------------------------------------------------
    def set_media_root(self, root: Path | None) -> None:
        self._media_root = root.resolve() if root is not None else None

    def show_html(self, html: str, style: str) -> None:
        """Replace the pane's content; the scroll goes back to the top."""
        self._hit_selections = []
        self.setExtraSelections([])
        self.document().setDefaultStyleSheet(style)
        self.setHtml(html)
        self.verticalScrollBar().setValue(0)

    def loadResource(self, kind: int, url: QUrl | str) -> object:
        from PySide6.QtGui import QImage, QTextDocument

        url = QUrl(url) if isinstance(url, str) else url
        if int(kind) != QTextDocument.ResourceType.ImageResource.value:
            return super().loadResource(kind, url)
        if url.scheme() == "data":
            return super().loadResource(kind, url)
        name = url.fileName() or url.toString()
        if url.isLocalFile() and self._media_root is not None:
            path = Path(url.toLocalFile()).resolve()
            if path.is_relative_to(self._media_root):
                image = QImage(str(path))
                if not image.isNull():
                    return image
        elif not url.isLocalFile():
            log.info("remote image not loaded: %s", url.toString())
            return None
        if name not in self._missing_reported:
            self._missing_reported.add(name)
            log.warning("image missing from the media folder: %s", url.toString())
            self.mediaMissing.emit(name)
        return None

    # -- links ---------------------------------------------------------------------------
    def _route_link(self, url: QUrl) -> None:
        scheme = url.scheme().lower()
        if scheme == "wiki":
            self.internalLinkActivated.emit(url.path(), url.fragment())
        elif scheme == "media":
            self.mediaLinkActivated.emit(url.path())
        elif scheme == "keep":
            self.keepOfflineRequested.emit(url.path())
        elif scheme == "download":
            self.codeDownloadRequested.emit(url.fragment())
        elif not scheme and url.hasFragment() and not url.path():
            self.scrollToAnchor(url.fragment())
        elif scheme in EXTERNAL_SCHEMES or url.isLocalFile():
            self.externalLinkActivated.emit(url)
        else:
            log.warning("link with an unsupported scheme ignored: %s", url.toString())

    # -- highlighting and finding --------------------------------------------------------
    def highlight_terms(self, terms: Sequence[object]) -> int:
        """Mark every whole word (case and accents folded) of ``terms``: each a word, or a
        word a search matched (with ``word``, ``synonym`` and ``query_word``, like the
        index's ``MatchedWord``). A synonym is marked apart, its tooltip naming the word
        of the query it stands for. Returns how many were marked.
        """
        from PySide6.QtGui import QColor, QTextCharFormat
        from PySide6.QtWidgets import QTextEdit

        from reader.ui.theme import MARK_TEXT, SYNONYM_MARK, WORD_MARK

        tips = self._marks(terms)
        if not tips:
            self._hit_selections = []
            self.setExtraSelections([])
            return 0
        words = sorted(tips, key=len, reverse=True)
        pattern = re.compile(r"(?<!\w)(?:" + "|".join(re.escape(w) for w in words) + r")(?!\w)")
        text = fold_keeping_positions(self.document().toRawText())
        own, synonym = QTextCharFormat(), QTextCharFormat()
        for fmt, back in ((own, WORD_MARK), (synonym, SYNONYM_MARK)):
            fmt.setBackground(QColor(back))
            fmt.setForeground(QColor(MARK_TEXT))
        synonym.setUnderlineStyle(QTextCharFormat.UnderlineStyle.DotLine)
        selections = []
        for match in pattern.finditer(text):
            cursor = self.textCursor()
            cursor.setPosition(match.start())
            cursor.setPosition(match.end(), cursor.MoveMode.KeepAnchor)
            tip = tips[match.group()]
            if tip:  # in the text itself: the pane shows a character's tooltip
                tooltip = QTextCharFormat()
                tooltip.setToolTip(tip)
                cursor.mergeCharFormat(tooltip)
            selection = QTextEdit.ExtraSelection()
            selection.cursor = cursor
            selection.format = synonym if tip else own
            selections.append(selection)
        self._hit_selections = selections
        self.setExtraSelections(selections)
        return len(selections)

    def _marks(self, terms: Sequence[object]) -> dict[str, str]:
        """Folded word → its tooltip: "" for the user's own word, "synonym of …" else."""
        tips: dict[str, str] = {}
        for term in terms:
            word = term if isinstance(term, str) else str(getattr(term, "word", ""))
            if not word.strip():
                continue
            tip = ""
            if getattr(term, "synonym", False):
                query_word = str(getattr(term, "query_word", ""))
                tip = self.tr("synonym of “%1”").replace("%1", query_word)
            key = fold_keeping_positions(word)
            if tips.get(key) != "":  # the user's own word stays marked as such
                tips[key] = tip
        return tips

    def hit_selections(self) -> list[tuple[str, str]]:
        """The marked words and their tooltips ("" for the user's own), in text order."""
        out = []
        for selection in self._hit_selections:
            cursor = selection.cursor
            tip = cursor.charFormat().toolTip() if cursor.hasSelection() else ""
            out.append((cursor.selectedText(), tip))
        return out

    def hit_count(self) -> int:
        return len(self._hit_selections)

    def find_text(self, text: str, backward: bool = False) -> bool:
        """Find the next (or previous) occurrence, wrapping round; select it."""
        from PySide6.QtGui import QTextDocument

        if not text:
            return False
        flags = QTextDocument.FindFlag(0)
        if backward:
            flags |= QTextDocument.FindFlag.FindBackward
        if self.find(text, flags):
            return True
        cursor = self.textCursor()
        cursor.movePosition(cursor.MoveOperation.End if backward else cursor.MoveOperation.Start)
        self.setTextCursor(cursor)
        return self.find(text, flags)

    # -- zoom ----------------------------------------------------------------------------
    def wheelEvent(self, event: QWheelEvent) -> None:
        """Ctrl and the wheel zoom the whole window (the window's zoom), not just this text."""
        from PySide6.QtCore import Qt

        if not event.modifiers() & Qt.KeyboardModifier.ControlModifier:
            super().wheelEvent(event)
            return
        event.accept()
        self._wheel += event.angleDelta().y()
        steps = int(self._wheel / WHEEL_STEP)
        if steps:
            self._wheel -= steps * WHEEL_STEP
            self.zoomRequested.emit(steps)
