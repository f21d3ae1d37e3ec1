"""Printing from the window: the recovery-key sheet, a record, the mentor pack.

Everything is laid out in memory and sent to the printer Qt's print dialog chose; nothing is
written to a temporary file (a plaintext PDF left in a temp folder would outlive the lock).
The dialog step is a parameter (:data:`ChoosePrinter`), so tests print to a PDF file of
their own without a modal dialog. A figure (the mentor pack's radar) is an image held by the
document itself (:meth:`QTextDocument.addResource`), and tables get column widths that break no
word where the page has room for every word whole.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass

from PySide6.QtCore import QMarginsF, QRectF, Qt, QUrl
from PySide6.QtGui import (
    QFont,
    QFontDatabase,
    QFontMetricsF,
    QImage,
    QPageLayout,
    QPaintDevice,
    QPainter,
    QPen,
    QTextDocument,
    QTextFrame,
    QTextLength,
    QTextTable,
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
CELL_PADDING_PX, CELL_BORDER_PX = 3, 1  # as in FULL_WIDTH_TABLE and STYLE
#: QTextDocument.print_ lays a document out between 2 cm margins.
PRINT_MARGIN_MM = 20
#: A URL scheme no loader knows: the document finds these images among its own resources.
FIGURE_SCHEME = "reflect-print"
_BREAKS = re.compile(r"[^\S\u00a0]+")  # white space where a line may break


@dataclass(frozen=True)
class Figure:
    """An image printed after a part, ``width_mm`` wide, with ``caption`` (its content in
    words, for readers who cannot see the picture) on a line under it."""

    image: QImage
    width_mm: float
    caption: str


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


def markdown_document(parts: Sequence[tuple[str, bool]], title: str = "",
                      figures: Mapping[int, Figure] | None = None) -> QTextDocument:
    """One document from Markdown parts, each (markdown, starts on a new page), with
    ``figures[i]`` after part ``i``. The Markdown is rendered by the app's sanitising renderer,
    as in the preview (which lets no image through); figures are added here, from memory."""
    doc = QTextDocument()
    doc.setDefaultStyleSheet(STYLE)
    font = QFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.GeneralFont))
    font.setPointSizeF(10.5)
    doc.setDefaultFont(font)
    doc.setMetaInformation(QTextDocument.MetaInformation.DocumentTitle, title)
    html_parts = []
    for index, (markdown, new_page) in enumerate(parts):
        brk = ' style="page-break-before: always"' if new_page and index else ""
        body = render_markdown(markdown).replace("<table>", FULL_WIDTH_TABLE)
        figure = (figures or {}).get(index)
        if figure is not None:
            body += _figure_html(doc, figure, f"{FIGURE_SCHEME}:figure-{index}")
        html_parts.append(f"<div{brk}>{body}</div>")
    doc.setHtml("<html><body>" + "".join(html_parts) + "</body></html>")
    return doc


def _figure_html(doc: QTextDocument, figure: Figure, url: str) -> str:
    """The image as a resource of ``doc`` (nothing on disk), centred, its caption under it."""
    doc.addResource(QTextDocument.ResourceType.ImageResource, QUrl(url), figure.image)
    ratio = figure.image.height() / max(figure.image.width(), 1)
    width = figure.width_mm / 25.4 * 96  # Qt's print maps 96 document pixels to an inch
    caption = html.escape(figure.caption)
    return (f'<p align="center"><img src="{url}" width="{width:.0f}" '
            f'height="{width * ratio:.0f}" alt="{caption}"></p>'
            f'<p style="font-size: 9pt; color: #333333">{caption}</p>')


def _words_width(text: str, metrics: QFontMetricsF) -> tuple[float, float]:
    """(widest word, whole text on one line) in the metrics' device pixels; words joined by a
    no-break space count as one."""
    words = [w for w in _BREAKS.split(text) if w]
    return (max((metrics.horizontalAdvance(w) for w in words), default=0.0),
            metrics.horizontalAdvance(" ".join(words)))


def _column_needs(table: QTextTable, device: QPaintDevice) -> list[tuple[float, float]]:
    """Each column's (widest word, widest cell on one line)."""
    needs = [(0.0, 0.0)] * table.columns()
    for row in range(table.rows()):
        for column in range(table.columns()):
            cell = table.cellAt(row, column)
            if cell.columnSpan() != 1:
                continue
            least, most = needs[column]
            block = cell.firstCursorPosition().block()
            while block.isValid() and block.position() <= cell.lastCursorPosition().position():
                it = block.begin()
                line_least, line_most = 0.0, 0.0
                while not it.atEnd():
                    fragment = it.fragment()
                    metrics = QFontMetricsF(fragment.charFormat().font(), device)
                    a, b = _words_width(fragment.text(), metrics)
                    line_least, line_most = max(line_least, a), line_most + b
                    it += 1
                least, most = max(least, line_least), max(most, line_most)
                block = block.next()
            needs[column] = (least, most)
    return needs


def fit_tables(doc: QTextDocument, printer: QPrinter) -> None:
    """Column widths that keep every word whole where the page is wide enough for that.

    Qt sizes a table's columns from their contents but may break a word anywhere to do it
    ("Partnershi ps" in the nine-column scores table). Here each column gets at least its
    widest word, and the rest of the width in proportion to what it holds, as a browser does.
    A table whose words cannot all fit (a long web address) keeps Qt's own layout, which
    breaks the word rather than cut it off at the page edge.
    """
    scale = printer.logicalDpiX() / 96  # CSS pixels on the printer
    width = printer.width() - 2 * PRINT_MARGIN_MM / 25.4 * printer.logicalDpiX()
    extra = (2 * CELL_PADDING_PX + CELL_BORDER_PX) * scale * 1.1
    frames: list[QTextFrame] = [doc.rootFrame()]
    while frames:
        frame = frames.pop()
        frames += frame.childFrames()
        if not isinstance(frame, QTextTable):
            continue
        needs = [(least * 1.04 + extra, most * 1.04 + extra)
                 for least, most in _column_needs(frame, printer)]
        floor, room = sum(n[0] for n in needs), width - CELL_BORDER_PX * scale
        if not needs or floor > room:
            continue
        spare = [most - least for least, most in needs]
        share = (room - floor) / sum(spare) if sum(spare) > 0 else 0.0
        widths = [least + min(s * share, s) if share < 1 else most
                  for (least, most), s in zip(needs, spare, strict=True)]
        total = sum(widths)
        fmt = frame.format()
        fmt.setColumnWidthConstraints([
            QTextLength(QTextLength.Type.PercentageLength, 100 * w / total) for w in widths])
        frame.setFormat(fmt)


def print_document(doc: QTextDocument, printer: QPrinter) -> None:
    """Fit the tables to the page, then print."""
    fit_tables(doc, printer)
    doc.print_(printer)


def print_markdown(parts: Sequence[tuple[str, bool]], title: str, parent: QWidget | None,
                   choose: ChoosePrinter = ask_printer) -> bool:
    """Ask for a printer, then print the parts; False if the user cancelled."""
    printer = new_printer(title)
    if not choose(printer, parent):
        return False
    print_document(markdown_document(parts, title), printer)
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
