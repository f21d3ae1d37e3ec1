"""Printing from the window: the recovery-key sheet, a record, the mentor pack.

Everything is laid out in memory and sent to the printer Qt's print dialog chose; nothing is
written to a temporary file (a plaintext PDF left in a temp folder would outlive the lock).
The dialog step is a parameter (:data:`ChoosePrinter`), so tests print to a PDF file of
their own without a modal dialog.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtCore import QMarginsF, QRectF, Qt
from PySide6.QtGui import (
    QFont,
    QFontDatabase,
    QFontMetricsF,
    QPageLayout,
    QPainter,
    QPen,
    QTextDocument,
)
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import QDialog, QWidget

from reflect.common.markdown_render import render_markdown
from reflect.safety.recovery_sheet import RecoverySheet

SHEET_MARGIN_MM = 20

#: Shows the print dialog for ``printer`` over the widget; True when the user chose Print.
ChoosePrinter = Callable[[QPrinter, QWidget | None], bool]

#: Tables ruled and headed, headings sized for paper; Qt's rich text reads this subset of CSS.
STYLE = """
body { color: #000000; }
h1 { font-size: 18pt; margin-top: 6pt; margin-bottom: 8pt; }
h2 { font-size: 13pt; margin-top: 12pt; margin-bottom: 4pt; }
h3 { font-size: 12pt; margin-top: 10pt; margin-bottom: 4pt; }
h4 { font-size: 11pt; margin-top: 8pt; margin-bottom: 2pt; }
table { border-collapse: collapse; margin-top: 4pt; margin-bottom: 6pt; }
th { background-color: #eeeeee; font-weight: bold; text-align: left; }
th, td { border: 1px solid #9a9a9a; padding: 3px; font-size: 9pt; }
"""
#: Qt's rich text takes a table's width and cell spacing from attributes, not from CSS.
FULL_WIDTH_TABLE = '<table width="100%" cellspacing="0" cellpadding="3">'


def ask_printer(printer: QPrinter, parent: QWidget | None) -> bool:
    """Qt's print dialog: the real printers, copies, pages."""
    dialog = QPrintDialog(printer, parent)
    dialog.setWindowTitle("Print")
    return dialog.exec() == QDialog.DialogCode.Accepted


def new_printer(title: str, margin_mm: float = 0) -> QPrinter:
    """A high-resolution printer; a document's own print adds a 2 cm margin and page numbers,
    so only the painted sheet asks for margins here."""
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setDocName(title)
    printer.setPageMargins(QMarginsF(margin_mm, margin_mm, margin_mm, margin_mm),
                           QPageLayout.Unit.Millimeter)
    return printer


def markdown_document(parts: Sequence[tuple[str, bool]], title: str = "") -> QTextDocument:
    """One document from Markdown parts, each (markdown, starts on a new page). The Markdown
    is rendered by the app's sanitising renderer, as in the preview."""
    doc = QTextDocument()
    doc.setDefaultStyleSheet(STYLE)
    font = QFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.GeneralFont))
    font.setPointSizeF(10.5)
    doc.setDefaultFont(font)
    doc.setMetaInformation(QTextDocument.MetaInformation.DocumentTitle, title)
    html = []
    for index, (markdown, new_page) in enumerate(parts):
        brk = ' style="page-break-before: always"' if new_page and index else ""
        body = render_markdown(markdown).replace("<table>", FULL_WIDTH_TABLE)
        html.append(f"<div{brk}>{body}</div>")
    doc.setHtml("<html><body>" + "".join(html) + "</body></html>")
    return doc


def print_markdown(parts: Sequence[tuple[str, bool]], title: str, parent: QWidget | None,
                   choose: ChoosePrinter = ask_printer) -> bool:
    """Ask for a printer, then print the parts; False if the user cancelled."""
    printer = new_printer(title)
    if not choose(printer, parent):
        return False
    markdown_document(parts, title).print_(printer)
    return True


def _font(point_size: float, *, bold: bool = False, fixed: bool = False) -> QFont:
    kind = QFontDatabase.SystemFont.FixedFont if fixed else QFontDatabase.SystemFont.GeneralFont
    font = QFont(QFontDatabase.systemFont(kind))
    font.setPointSizeF(point_size)
    font.setBold(bold)
    return font


def paint_recovery_sheet(sheet: RecoverySheet, printer: QPrinter) -> None:
    """One page: title, which journal, the key large in a ruled box, where to keep it."""
    painter = QPainter()
    if not painter.begin(printer):
        raise OSError("The printer could not be started.")
    try:
        page = QRectF(printer.pageLayout().paintRectPixels(printer.resolution()))
        page.moveTo(0, 0)
        y = 0.0

        def text(line: str, font: QFont, gap: float = 0.4) -> None:
            nonlocal y
            painter.setFont(font)
            metrics = QFontMetricsF(font, printer)
            box = painter.boundingRect(QRectF(0, y, page.width(), page.height()),
                                       int(Qt.TextFlag.TextWordWrap), line)
            painter.drawText(QRectF(0, y, page.width(), box.height()),
                             int(Qt.TextFlag.TextWordWrap), line)
            y += box.height() + metrics.height() * gap

        text(sheet.title, _font(20, bold=True), 0.8)
        for line in sheet.details:
            text(line, _font(11), 0.2)
        y += QFontMetricsF(_font(11), printer).height() * 1.5
        key_font = _font(24, bold=True, fixed=True)
        metrics = QFontMetricsF(key_font, printer)
        pad = metrics.height() * 0.7
        height = metrics.height() * 1.35 * len(sheet.key_lines) + 2 * pad
        painter.setPen(QPen(Qt.GlobalColor.black, printer.resolution() / 72))
        painter.drawRect(QRectF(0, y, page.width(), height))
        painter.setFont(key_font)
        line_y = y + pad
        for line in sheet.key_lines:
            painter.drawText(QRectF(0, line_y, page.width(), metrics.height() * 1.35),
                             int(Qt.AlignmentFlag.AlignCenter), line)
            line_y += metrics.height() * 1.35
        y += height + metrics.height()
        for line in sheet.advice:
            text(line, _font(11), 0.6)
    finally:
        painter.end()


def print_recovery_sheet(sheet: RecoverySheet, parent: QWidget | None,
                         choose: ChoosePrinter = ask_printer) -> bool:
    """Ask for a printer, then print the sheet; False if the user cancelled."""
    printer = new_printer(sheet.title, SHEET_MARGIN_MM)
    if not choose(printer, parent):
        return False
    paint_recovery_sheet(sheet, printer)
    return True
