"""The supervision self-audit as a PDF, for a service manager or an inspector: the period on
the first line, the team's table, one table per supervisee, and at the foot what each
measure counts and where it comes from (Ofsted, Joining the dots, paras 59–62).

Qt-free; the window writes it through :func:`export_audit_pdf` (atomic, owner-only).
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, HRFlowable, KeepTogether, Paragraph, Spacer

from reflect.common.dates import uk_date, uk_period
from reflect.pdf.base import (
    ACCENT,
    CONTENT_WIDTH,
    Bookmark,
    DocumentInfo,
    Progress,
    Styles,
    build_pdf,
    make_styles,
)
from reflect.pdf.richtext import escape
from reflect.pdf.secure import save_pdf
from reflect.supervision.audit import MEASURES, SOURCE, TEAM, Audit, AuditRow
from reflect.supervision.record_pdf import _ruled_table

TITLE = "Supervision self-audit"
#: Ofsted, Joining the dots (2015), para 60, word for word (tests check it against the seed).
PARA_60 = ("Inspectors saw several excellent examples of clear, reflective discussions "
           "outlining challenge and differences of opinion, detailing reflection and clearly "
           "recording the agreed way forward.")
#: Para 59, the part about records.
PARA_59 = ("All of the local authorities were continuing to work on ensuring that reflective "
           "supervision was not only offered as standard, but that supervision records "
           "demonstrated how discussions had influenced practice.")
CONFIDENTIAL = ("Confidential: figures drawn from supervision records about staff, who are "
                "named by code names only.")
_WIDTHS = (200.0, 110.0)  # measure, result; what is counted takes the rest


def _row_table(row: AuditRow, s: Styles) -> Flowable:
    heads = ("Measure", "Result", "Not met")
    rows: list[list] = [[Paragraph(h, s.cell_head) for h in heads]]
    for m in MEASURES:
        found = row.measure(m.key)
        gap = found.of - found.count
        missing = "—" if not found.of else f"{gap} {m.gap}" if gap else "none"
        rows.append([Paragraph(escape(m.label), s.cell),
                     Paragraph(f"<b>{escape(found.text)}</b>", s.cell),
                     Paragraph(escape(missing), s.cell)])
    return _ruled_table(rows, [*_WIDTHS, CONTENT_WIDTH - sum(_WIDTHS)])


def _block(row: AuditRow, heading: str, s: Styles, style: ParagraphStyle) -> Flowable:
    return KeepTogether([Bookmark(heading, 0), Paragraph(escape(heading), style),
                         Paragraph(escape("Sessions: " + row.sessions_line), s.meta),
                         _row_table(row, s)])


def audit_story(found: Audit, made_on: date | None = None) -> list[Flowable]:
    """The flowables in reading order."""
    s = make_styles()
    title = ParagraphStyle("AuditTitle", parent=s.title, fontSize=20, leading=25, spaceAfter=4)
    cover = ParagraphStyle("AuditPeriod", parent=s.subtitle, textColor=ACCENT)
    people = len(found.rows)
    story: list[Flowable] = [
        Paragraph(TITLE, title),
        Paragraph(escape(f"{uk_period(found.date_from, found.date_to)} · {people} "
                         f"supervisee{'s' if people != 1 else ''}"), cover),
        Paragraph(escape(f"Made on {uk_date(made_on or date.today())} from the records in "
                         "Reflect. Each figure is a count of what there was to count."), s.small),
        HRFlowable(width="100%", thickness=0.8, color=ACCENT, spaceBefore=2, spaceAfter=4)]
    if not found.rows:
        story.append(Paragraph("No supervisee had a session, or one due, in this period.",
                               s.body))
    story.append(_block(found.team, f"{TEAM}: all supervisees", s, s.h2))
    for row in found.rows:
        story.append(_block(row, row.code_name, s, s.h3))
    notes: list[Flowable] = [Bookmark("What each measure counts", 0),
                             Paragraph("What each measure counts", s.h3)]
    notes += [Paragraph(f"<b>{escape(m.label)}.</b> {escape(m.meaning)}", s.small)
              for m in MEASURES]
    notes += [Spacer(1, 2 * mm),
              Paragraph(escape(f"Source: {SOURCE}. Para 59: \u201c{PARA_59}\u201d Para 60: "
                               f"\u201c{PARA_60}\u201d"), s.small),
              Paragraph(escape(CONFIDENTIAL), s.small)]
    story += [Spacer(1, 5 * mm), KeepTogether(notes)]
    return story


def audit_pdf(found: Audit, made_on: date | None = None,
              progress: Progress | None = None) -> bytes:
    """The audit as PDF bytes (nothing is written)."""
    info = DocumentInfo(title=f"{TITLE}, {uk_period(found.date_from, found.date_to)}",
                        subject=TITLE, cover_page=True)
    return build_pdf(audit_story(found, made_on), info, progress)


def export_audit_pdf(found: Audit, path: Path, made_on: date | None = None,
                     progress: Progress | None = None) -> Path:
    """Build the PDF and write it to ``path`` (atomic, readable by the owner only)."""
    return save_pdf(Path(path), audit_pdf(found, made_on, progress))
