"""Print and "export as PDF" of the shown answer or of a whole page, with QPrinter.

The document printed is a fresh QTextDocument with the light style sheet, so a dark
theme on screen still prints black on white.
"""

from __future__ import annotations

import logging
import re
from pathlib import Path

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QTextDocument
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import QDialog, QMessageBox, QWidget

log = logging.getLogger(__name__)


def make_document(html: str, style: str, title: str) -> QTextDocument:
    document = QTextDocument()
    document.setDefaultStyleSheet(style)
    document.setMetaInformation(QTextDocument.MetaInformation.DocumentTitle, title)
    document.setHtml(html)
    return document


def choose_scope(parent: QWidget, page_title: str) -> str | None:
    """Ask whether to print the shown answer or the whole page: "answer", "page" or None."""
    box = QMessageBox(parent)
    box.setWindowTitle(QCoreApplication.translate("Printing", "What to print"))
    box.setText(
        QCoreApplication.translate(
            "Printing", "Print the answer shown, or the whole page “%1”?"
        ).replace("%1", page_title)
    )
    answer = box.addButton(
        QCoreApplication.translate("Printing", "The answer"), QMessageBox.ButtonRole.AcceptRole
    )
    page = box.addButton(
        QCoreApplication.translate("Printing", "The whole page"), QMessageBox.ButtonRole.AcceptRole
    )
    box.addButton(QMessageBox.StandardButton.Cancel)
    box.setDefaultButton(answer)
    box.exec()
    clicked = box.clickedButton()
    if clicked is answer:
        return "answer"
    if clicked is page:
        return "page"
    return None


def print_document(parent: QWidget, document: QTextDocument) -> bool:
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setDocName(document.metaInformation(QTextDocument.MetaInformation.DocumentTitle))
    dialog = QPrintDialog(printer, parent)
    dialog.setWindowTitle(QCoreApplication.translate("Printing", "Print"))
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return False
    document.print_(printer)
    return True


def export_pdf(document: QTextDocument, path: Path) -> None:
    """Write ``document`` to ``path`` as PDF. Raises OSError when it could not be written."""
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(path))
    printer.setDocName(document.metaInformation(QTextDocument.MetaInformation.DocumentTitle))
    document.print_(printer)
    if not path.is_file() or path.stat().st_size == 0:
        raise OSError(f"PDF not written: {path}")


def safe_file_name(title: str) -> str:
    name = re.sub(r"[^\w\- ]+", " ", title, flags=re.UNICODE).strip()
    name = re.sub(r"\s+", " ", name)[:80].strip()
    return name or "faq"


def ask_pdf_path(parent: QWidget, title: str) -> Path | None:
    """Where to write the PDF (see :mod:`reader.ui.file_dialogs` on which dialog);
    None when the user cancelled."""
    from reader.ui import file_dialogs

    return file_dialogs.ask_save_path(
        parent,
        QCoreApplication.translate("Printing", "Export as PDF"),
        QCoreApplication.translate("Printing", "PDF documents (*.pdf)"),
        f"{safe_file_name(title)}.pdf",
        ".pdf",
    )
