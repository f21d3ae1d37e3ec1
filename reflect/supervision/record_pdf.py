"""One supervision record as a tidy PDF, for the supervisee to read, comment on and agree.

It renders the same :func:`~reflect.supervision.record_export.record_outline` as the Markdown
export, so the two never disagree about what a record says: the title, the date and
supervisee, the earlier actions reviewed in it (only when there are any), each section with
its answer ("Not recorded." when empty), the agreed actions as
a table with owner, due date, status and outcome, and a line for supervisor and supervisee
to sign. Qt-free, so the CLI and tests can use it; writing goes through :func:`save_pdf` (atomic,
0600, optionally AES-256).
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import (
    Flowable,
    HRFlowable,
    KeepTogether,
    Paragraph,
    Spacer,
    Table,
    TableStyle,
)

from reflect.pdf.base import (
    ACCENT,
    CONTENT_WIDTH,
    RULE,
    SHADE,
    TABLE_FONT,
    Bookmark,
    DocumentInfo,
    Progress,
    Styles,
    build_pdf,
    make_styles,
)
from reflect.pdf.richtext import escape, markdown_flowables, plain_markup
from reflect.pdf.secure import save_pdf
from reflect.supervision.record_export import (
    AGREEMENT,
    CONFIDENTIAL,
    NOT_RECORDED,
    SENSITIVE_MARK,
    ActionLine,
    OutlineItem,
    Record,
    ReviewedLine,
    record_outline,
    record_title,
    sensitive_titles,
)

SUBJECT = "Supervision record"
# Action, owner, due, status; the outcome takes what is left (points, at 8.5 pt).
_ACTION_WIDTHS = (150.0, 62.0, 72.0, 58.0)


def _styles() -> tuple[Styles, ParagraphStyle, ParagraphStyle]:
    s = make_styles()
    title = ParagraphStyle("RecordTitle", parent=s.title, fontSize=19, leading=24,
                           spaceAfter=6)
    empty = ParagraphStyle("NotRecorded", parent=s.small, fontName=s.quote.fontName)
    return s, title, empty


def _cell(markup: str, style: ParagraphStyle) -> Paragraph:
    return Paragraph(markup, style)


def _meta_table(items: Sequence[OutlineItem], s: Styles) -> Table:
    rows = [[_cell(escape(item.heading), s.cell_head),
             _cell(escape(str(item.value)) or "—", s.cell)] for item in items]
    table = Table(rows, colWidths=[90, CONTENT_WIDTH - 90], hAlign="LEFT")
    table.setStyle(TableStyle([
        *TABLE_FONT,
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("TOPPADDING", (0, 0), (-1, -1), 2),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 2),
        ("LEFTPADDING", (0, 0), (-1, -1), 0),
    ]))
    return table


def _actions_table(lines: Sequence[ActionLine], s: Styles, empty: ParagraphStyle) -> Flowable:
    if not lines:
        return Paragraph("No actions agreed.", empty)
    heads = ("Action", "Owner", "Due", "Status", "Outcome / what changed in practice")
    rows: list[list] = [[_cell(h, s.cell_head) for h in heads]]
    for line in lines:
        rows.append([_cell(plain_markup(line.description), s.cell),
                     _cell(escape(line.owner) or "—", s.cell),
                     _cell(escape(line.due) or "—", s.cell),
                     _cell(escape(line.status), s.cell),
                     _cell(plain_markup(line.outcome) if line.outcome else "—", s.cell)])
    widths = [*_ACTION_WIDTHS, CONTENT_WIDTH - sum(_ACTION_WIDTHS)]
    return _ruled_table(rows, widths)


def _ruled_table(rows: list[list], widths: Sequence[float]) -> Flowable:
    """A shaded heading row and a rule under each row; the heading repeats on a new page."""
    table = Table(rows, colWidths=list(widths), repeatRows=1, splitInRow=1, hAlign="LEFT")
    table.setStyle(TableStyle([
        *TABLE_FONT,
        ("BACKGROUND", (0, 0), (-1, 0), SHADE),
        ("LINEBELOW", (0, 0), (-1, 0), 0.8, RULE),
        ("LINEBELOW", (0, 1), (-1, -1), 0.4, RULE),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("TOPPADDING", (0, 0), (-1, -1), 4),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 5),
        ("LEFTPADDING", (0, 0), (-1, -1), 4),
        ("RIGHTPADDING", (0, 0), (-1, -1), 4),
    ]))
    return table


def _reviewed_table(lines: Sequence[ReviewedLine], s: Styles) -> Flowable:
    rows: list[list] = [[_cell(h, s.cell_head) for h in ("Action", "Decision",
                                                         "Outcome or reason")]]
    for line in lines:
        rows.append([_cell(plain_markup(line.description), s.cell),
                     _cell(escape(line.decision), s.cell),
                     _cell(plain_markup(line.note) if line.note else "—", s.cell)])
    widths = [180.0, 80.0, CONTENT_WIDTH - 260.0]
    return _ruled_table(rows, widths)


def _answer(item: OutlineItem, s: Styles, empty: ParagraphStyle) -> list[Flowable]:
    if item.kind == "actions":
        return [_actions_table(item.actions, s, empty)]
    if item.kind == "reviewed":
        return [_reviewed_table(item.reviewed, s)]
    if not item.value:
        return [Paragraph(NOT_RECORDED, empty)]
    if item.kind == "text":
        return markdown_flowables(str(item.value), s, heading_offset=3) or [
            Paragraph(plain_markup(str(item.value)), s.body)]
    return [Paragraph(plain_markup(str(item.value)), s.body)]


def _heading(item: OutlineItem, sensitive: bool, s: Styles) -> Paragraph:
    tag = f" <font size='8' color='#5A5A5A'>· {SENSITIVE_MARK}</font>" if sensitive else ""
    return Paragraph(escape(item.heading) + tag, s.h3)


def _signatures(supervisee: str, s: Styles) -> Flowable:
    line = "_" * 30
    rows = [[_cell(who, s.cell_head), _cell(f"Signed {line}", s.cell),
             _cell("Date ______________", s.cell)]
            for who in ("Supervisor", f"Supervisee ({escape(supervisee)})" if supervisee
                        else "Supervisee")]
    table = Table(rows, colWidths=[130, 200, CONTENT_WIDTH - 330], hAlign="LEFT")
    table.setStyle(TableStyle([*TABLE_FONT, ("TOPPADDING", (0, 0), (-1, -1), 12),
                               ("LEFTPADDING", (0, 0), (-1, -1), 0),
                               ("VALIGN", (0, 0), (-1, -1), "BOTTOM")]))
    return KeepTogether([Spacer(1, 4 * mm), Bookmark("Agreement", 0),
                         Paragraph("Agreement", s.h3), Paragraph(AGREEMENT, s.small), table])


def record_story(record: Record, *, include_sensitive: bool = True,
                 for_supervisee: bool = False,
                 ending: Sequence[Flowable] | None = None) -> list[Flowable]:
    """The flowables of one record, in reading order; ``ending`` (the supervisee's comments
    form) takes the place of the signature lines."""
    if record.template is None:
        raise ValueError(f"The template '{record.entry.template_id}' is missing.")
    s, title_style, empty = _styles()
    outline = record_outline(record.entry, record.template, record.person, record.actions,
                             include_sensitive=include_sensitive, reviewed=record.reviewed,
                             for_supervisee=for_supervisee)
    sensitive = sensitive_titles(record.template)
    title = record_title(record.entry, record.template)
    story: list[Flowable] = [Paragraph(escape(title), title_style),
                             _meta_table([i for i in outline if i.kind == "meta"], s),
                             Spacer(1, 2 * mm),
                             HRFlowable(width="100%", thickness=0.8, color=ACCENT,
                                        spaceAfter=4)]
    for item in outline:
        if item.kind == "meta":
            continue
        story += [Bookmark(item.heading, 0), _heading(item, item.heading in sensitive, s),
                  *_answer(item, s, empty)]
    supervisee = record.person.code_name if record.person else ""
    story += list(ending) if ending is not None else [_signatures(supervisee, s)]
    story.append(Spacer(1, 6 * mm))
    story.append(Paragraph(CONFIDENTIAL, s.small))
    return story


def record_pdf(record: Record, *, include_sensitive: bool = True,
               progress: Progress | None = None) -> bytes:
    """The record as PDF bytes (nothing is written)."""
    info = DocumentInfo(title=record_title(record.entry, record.template)
                        if record.template else record.entry.title,
                        subject=SUBJECT, cover_page=True)
    return build_pdf(record_story(record, include_sensitive=include_sensitive), info, progress)


def export_record_pdf(record: Record, path: Path, *, include_sensitive: bool = True,
                      password: str | None = None, progress: Progress | None = None) -> Path:
    """Build the PDF and write it to ``path`` (atomic, owner-only, encrypted if a password
    is given); returns the path."""
    return save_pdf(Path(path), record_pdf(record, include_sensitive=include_sensitive,
                                           progress=progress), password)
