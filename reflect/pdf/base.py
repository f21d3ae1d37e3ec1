"""The house style of every PDF Reflect writes: A4, embedded fonts, a running header with the
document's title and the leader's name, "Page 3 of 7" footers, UK dates and PDF bookmarks.

Fonts are DejaVu Sans, shipped in ``resources/fonts`` and embedded (subset) in each file:
reportlab's built-in fonts cover Latin-1 only, so "Zażółć gęślą jaźń" would lose letters.
Building returns bytes; writing (and encrypting) is :mod:`reflect.pdf.secure`'s job, so no
unencrypted copy of a password-protected export ever touches the disk.
"""

from __future__ import annotations

import io
import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, TypeAlias

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable, Frame, PageTemplate
from reportlab.platypus.doctemplate import BaseDocTemplate

from reflect.common import paths

FONT = "ReflectSans"
FONT_BOLD = "ReflectSans-Bold"
FONT_ITALIC = "ReflectSans-Oblique"
FONT_BOLD_ITALIC = "ReflectSans-BoldOblique"
_FONT_FILES = {
    FONT: "DejaVuSans.ttf",
    FONT_BOLD: "DejaVuSans-Bold.ttf",
    FONT_ITALIC: "DejaVuSans-Oblique.ttf",
    FONT_BOLD_ITALIC: "DejaVuSans-BoldOblique.ttf",
}

PAGE_SIZE = A4
MARGIN_X = 20 * mm
MARGIN_TOP = 24 * mm  # room for the running header
MARGIN_BOTTOM = 20 * mm  # room for the page numbers
CONTENT_WIDTH = PAGE_SIZE[0] - 2 * MARGIN_X

INK = colors.HexColor("#1A1A1A")
MUTED = colors.HexColor("#5A5A5A")
RULE = colors.HexColor("#B8B8B8")
ACCENT = colors.HexColor("#0B4F8A")
SHADE = colors.HexColor("#F1F3F6")

# Table cells default to Helvetica, which is never embedded: name our font for every table.
# One TableStyle command: name, first cell, last cell, then its values.
TableCommand: TypeAlias = tuple[str, tuple[int, int], tuple[int, int], *tuple[Any, ...]]

TABLE_FONT: tuple[TableCommand, ...] = (
    ("FONTNAME", (0, 0), (-1, -1), FONT), ("FONTSIZE", (0, 0), (-1, -1), 8.5))


_fonts_lock = threading.Lock()
_fonts_ready = False

Progress = Callable[[int, int, str], None]


def fonts_dir():
    return paths.resources_dir() / "fonts"


def register_fonts() -> None:
    """Register the embedded font family once per process (safe from any thread)."""
    global _fonts_ready
    with _fonts_lock:
        if _fonts_ready:
            return
        folder = fonts_dir()
        for name, filename in _FONT_FILES.items():
            pdfmetrics.registerFont(TTFont(name, str(folder / filename)))
        pdfmetrics.registerFontFamily(FONT, normal=FONT, bold=FONT_BOLD, italic=FONT_ITALIC,
                                      boldItalic=FONT_BOLD_ITALIC)
        _fonts_ready = True


@dataclass(frozen=True)
class Styles:
    """The paragraph styles every Reflect PDF uses."""

    title: ParagraphStyle
    subtitle: ParagraphStyle
    h1: ParagraphStyle
    h2: ParagraphStyle
    h3: ParagraphStyle
    h4: ParagraphStyle
    body: ParagraphStyle
    small: ParagraphStyle
    meta: ParagraphStyle
    cell: ParagraphStyle
    cell_head: ParagraphStyle
    code: ParagraphStyle
    quote: ParagraphStyle

    def heading(self, level: int) -> ParagraphStyle:
        """Heading style for level 1–4 (deeper levels share level 4)."""
        return (self.h1, self.h2, self.h3, self.h4)[max(1, min(level, 4)) - 1]


def make_styles() -> Styles:
    register_fonts()

    def style(name: str, size: float, *, font: str = FONT, leading: float | None = None,
              **extra) -> ParagraphStyle:
        extra.setdefault("textColor", INK)
        return ParagraphStyle(name, fontName=font, fontSize=size,
                              leading=leading or round(size * 1.35, 1), **extra)

    return Styles(
        title=style("Title", 26, font=FONT_BOLD, leading=32, textColor=ACCENT, spaceAfter=10),
        subtitle=style("Subtitle", 13, leading=18, textColor=MUTED, spaceAfter=4),
        # Headings and the line under an entry's title stay with what follows them.
        h1=style("H1", 17, font=FONT_BOLD, spaceBefore=4, spaceAfter=8, textColor=ACCENT,
                 keepWithNext=1),
        h2=style("H2", 13.5, font=FONT_BOLD, spaceBefore=12, spaceAfter=4, keepWithNext=1),
        h3=style("H3", 11.5, font=FONT_BOLD, spaceBefore=9, spaceAfter=3, keepWithNext=1),
        h4=style("H4", 10, font=FONT_BOLD, spaceBefore=7, spaceAfter=2, keepWithNext=1),
        body=style("Body", 10, leading=14.5, spaceAfter=5),
        small=style("Small", 8.5, leading=11.5, textColor=MUTED, spaceAfter=3),
        meta=style("Meta", 8.5, leading=11.5, textColor=MUTED, spaceAfter=6, keepWithNext=1),
        cell=style("Cell", 8.5, leading=11.5),
        cell_head=style("CellHead", 8.5, font=FONT_BOLD, leading=11.5),
        code=style("Code", 8.5, leading=11.5, backColor=SHADE, borderPadding=4,
                   spaceBefore=4, spaceAfter=8, leftIndent=4, rightIndent=4),
        quote=style("Quote", 10, font=FONT_ITALIC, leading=14.5, textColor=MUTED, spaceAfter=5),
    )


class Bookmark(Flowable):
    """An invisible marker that adds an entry to the PDF's outline (the reader's sidebar)."""

    def __init__(self, title: str, level: int = 0) -> None:
        super().__init__()
        self.title, self.level = title, level
        self.width = self.height = 0

    def draw(self) -> None:
        key = f"bm{id(self)}"
        self.canv.bookmarkPage(key)
        self.canv.addOutlineEntry(self.title, key, level=self.level, closed=False)


@dataclass(frozen=True)
class DocumentInfo:
    """What the header, the footer and the PDF's properties say about the document."""

    title: str
    leader_name: str = ""
    subject: str = ""
    cover_page: bool = True  # the first page carries no running header


def _numbered_canvas(info: DocumentInfo) -> type[Canvas]:
    """A canvas that holds pages back until the end, so each footer can say 'of N'."""

    class NumberedCanvas(Canvas):
        def __init__(self, *args, **kwargs) -> None:
            super().__init__(*args, **kwargs)
            self._held: list[dict] = []
            # What an untagged PDF can still do for a screen reader (see the README): the
            # language (set by the template), the title shown instead of the file name, and
            # the bookmarks opened beside the first page, one per section.
            self.setViewerPreference("DisplayDocTitle", "true")
            self.showOutline()

        def showPage(self) -> None:
            self._held.append(dict(self.__dict__))
            # Canvas._startPage is real but private, so the reportlab stubs leave it out.
            self._startPage()  # type: ignore[attr-defined]

        def save(self) -> None:
            total = len(self._held)
            for state in self._held:
                self.__dict__.update(state)
                _draw_footer(self, info, total)
                super().showPage()
            super().save()

    return NumberedCanvas


def _fit(canvas: Canvas, text: str, font: str, size: float, width: float) -> str:
    """Shorten ``text`` with an ellipsis so it fits ``width`` points."""
    if canvas.stringWidth(text, font, size) <= width:
        return text
    while text and canvas.stringWidth(text + "…", font, size) > width:
        text = text[:-1]
    return text.rstrip() + "…"


def _draw_header(canvas: Canvas, doc: BaseDocTemplate, info: DocumentInfo) -> None:
    if info.cover_page and canvas.getPageNumber() == 1:
        return
    width, height = PAGE_SIZE
    y = height - 13 * mm
    canvas.saveState()
    canvas.setFillColor(MUTED)
    name = _fit(canvas, info.leader_name, FONT, 8.5, CONTENT_WIDTH * 0.4)
    name_width = canvas.stringWidth(name, FONT, 8.5) + (6 * mm if name else 0)
    canvas.setFont(FONT_BOLD, 8.5)
    canvas.drawString(MARGIN_X, y, _fit(canvas, info.title, FONT_BOLD, 8.5,
                                        CONTENT_WIDTH - name_width))
    canvas.setFont(FONT, 8.5)
    canvas.drawRightString(width - MARGIN_X, y, name)
    canvas.setStrokeColor(RULE)
    canvas.setLineWidth(0.5)
    canvas.line(MARGIN_X, y - 2.5 * mm, width - MARGIN_X, y - 2.5 * mm)
    canvas.restoreState()


def _draw_footer(canvas: Canvas, info: DocumentInfo, total: int) -> None:
    width = PAGE_SIZE[0]
    canvas.saveState()
    canvas.setFont(FONT, 8.5)
    canvas.setFillColor(MUTED)
    canvas.drawCentredString(width / 2, 11 * mm, f"Page {canvas.getPageNumber()} of {total}")
    canvas.restoreState()


class _Document(BaseDocTemplate):
    def __init__(self, buffer: io.BytesIO, info: DocumentInfo) -> None:
        super().__init__(
            buffer, pagesize=PAGE_SIZE, leftMargin=MARGIN_X, rightMargin=MARGIN_X,
            topMargin=MARGIN_TOP, bottomMargin=MARGIN_BOTTOM, title=info.title,
            author=info.leader_name, subject=info.subject, creator="Reflect",
            producer="Reflect", lang="en-GB",
            # Start each page on our own font, so none refers to a Helvetica not embedded.
            initialFontName=FONT, initialFontSize=10,
        )
        frame = Frame(self.leftMargin, self.bottomMargin, self.width, self.height, id="body",
                      leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0)
        self.addPageTemplates([PageTemplate(
            id="page", frames=[frame], onPage=lambda c, d: _draw_header(c, d, info))])


def build_pdf(story: Sequence[Flowable], info: DocumentInfo,
              progress: Progress | None = None) -> bytes:
    """Lay out ``story`` and return the PDF bytes. ``progress(done, total, message)`` is
    called as flowables are placed (from the calling thread)."""
    register_fonts()
    buffer = io.BytesIO()
    doc = _Document(buffer, info)
    if progress is not None:
        total = max(len(story), 1)
        done = [0]

        def report(kind: str, value: int) -> None:
            # reportlab counts placed flowables; a split puts one back, so never go backwards.
            if kind == "PROGRESS" and value > done[0]:
                done[0] = min(value, total)
                progress(done[0], total, "Laying out pages")

        doc.setProgressCallBack(report)
    doc.build(list(story), canvasmaker=_numbered_canvas(info))
    return buffer.getvalue()


def centred(style: ParagraphStyle) -> ParagraphStyle:
    """A centred copy of ``style`` (cover page lines)."""
    return ParagraphStyle(style.name + "Centred", parent=style, alignment=TA_CENTER)
