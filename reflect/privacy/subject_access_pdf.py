"""The subject-access export as a PDF for the supervisee: a cover saying what it is, for
whom, when it was made, what it holds and what it does not; the person's details and the
lists at a glance; then every record in date order. Qt-free; written by
:func:`~reflect.privacy.subject_access_files.write_new` (atomic, 0600, never over a file),
encrypted first with :func:`reflect.pdf.secure.encrypt` (AES-256) when a password is given.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from reportlab.lib.units import mm
from reportlab.platypus import (
    Flowable,
    KeepTogether,
    PageBreak,
    Paragraph,
    Spacer,
    Table,
    TableStyle,
)

from reflect.common.dates import uk_date
from reflect.pdf.base import (
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
from reflect.pdf.secure import encrypt
from reflect.privacy.subject_access import HeldRecord, Part, SubjectAccess
from reflect.privacy.subject_access_files import (
    CHECK,
    TITLE,
    contains,
    leaves_out,
    refuse_existing,
    write_new,
)

SENSITIVE = "sensitive"
SUPERVISOR_ONLY = "supervisor only"
IN_TRASH = "In the trash (deleted, not yet emptied)"
_ACTION_HEADS = ("Action", "Owner", "Due", "Status", "Outcome")
_REVIEWED_HEADS = ("Action", "Decision", "Outcome or reason")


def _table(heads: Sequence[str], rows: Sequence[Sequence[str]], widths: Sequence[float],
           s: Styles) -> Table:
    body = [[Paragraph(escape(h), s.cell_head) for h in heads]]
    body += [[Paragraph(plain_markup(c) if c else "—", s.cell) for c in row] for row in rows]
    scale = CONTENT_WIDTH / sum(widths)
    table = Table(body, colWidths=[w * scale for w in widths], repeatRows=1, splitInRow=1,
                  hAlign="LEFT")
    table.setStyle(TableStyle([
        *TABLE_FONT, ("BACKGROUND", (0, 0), (-1, 0), SHADE),
        ("LINEBELOW", (0, 0), (-1, -1), 0.4, RULE), ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("TOPPADDING", (0, 0), (-1, -1), 3), ("BOTTOMPADDING", (0, 0), (-1, -1), 4),
        ("LEFTPADDING", (0, 0), (-1, -1), 4), ("RIGHTPADDING", (0, 0), (-1, -1), 4)]))
    return table


def _pairs(rows: Sequence[tuple[str, str]], s: Styles) -> Table:
    body = [[Paragraph(escape(k), s.cell_head), Paragraph(plain_markup(v) or "—", s.cell)]
            for k, v in rows]
    table = Table(body, colWidths=[150, CONTENT_WIDTH - 150], hAlign="LEFT")
    table.setStyle(TableStyle([*TABLE_FONT, ("VALIGN", (0, 0), (-1, -1), "TOP"),
                               ("LEFTPADDING", (0, 0), (-1, -1), 0),
                               ("TOPPADDING", (0, 0), (-1, -1), 2),
                               ("BOTTOMPADDING", (0, 0), (-1, -1), 2)]))
    return table


def _bullets(lines: Sequence[str], s: Styles) -> list[Flowable]:
    return [Paragraph(escape(line), s.body, bulletText="•") for line in lines]


def _cover(found: SubjectAccess, encrypted: bool, s: Styles) -> list[Flowable]:
    name = found.code_name
    made = f"{uk_date(found.made_at.date())} at {found.made_at:%H:%M}"
    safe = ("This file is protected with a password (AES-256)." if encrypted else
            "This file is not encrypted: keep it where only you can read it.")
    return [Spacer(1, 18 * mm), Paragraph(TITLE, s.title),
            Paragraph(escape(f"Everything this supervision journal holds about {name}"),
                      s.subtitle),
            Paragraph(escape(f"Made on {made}, in answer to a subject access request under "
                             "UK GDPR. Supervision notes use code names: this export is for "
                             f"the person known in them as {name}."), s.body),
            Spacer(1, 4 * mm), Bookmark("What this export contains", 0),
            Paragraph("What this export contains", s.h2), *_bullets(contains(found), s),
            Paragraph("What it does not contain", s.h2), *_bullets(leaves_out(found), s),
            Paragraph("Sections a record left empty are not shown.", s.small),
            Spacer(1, 3 * mm), Paragraph(escape(CHECK), s.small), Paragraph(safe, s.small),
            PageBreak()]


def _lists(found: SubjectAccess, s: Styles) -> list[Flowable]:
    name = found.code_name
    out: list[Flowable] = [Bookmark(f"About {name}", 0), Paragraph(escape(f"About {name}"),
                                                                   s.h1),
                           _pairs(found.details, s)]
    sections = [
        ("Sessions", ("Date", "Session", "Record"), found.sessions, (70, 150, 200)),
        ("Actions and how they were followed up", ("Record of", *_ACTION_HEADS),
         found.actions, (62, 130, 55, 60, 50, 120)),
        ("Differences of opinion", ("Date", "Where it stands", "What", "Resolution"),
         found.disagreements, (62, 70, 170, 170)),
        ("Cases discussed", ("Date", "Case reference", "Record"), found.cases, (70, 110, 240)),
        (f"{name}'s comments on records", ("Date", "Record", "How", "Comment"),
         found.comments, (62, 130, 70, 210)),
        ("Unsaved drafts", ("Date", "Title", "Text"), found.drafts, (62, 120, 290)),
    ]
    for heading, heads, rows, widths in sections:
        if rows:
            out += [Bookmark(heading, 0), Paragraph(escape(heading), s.h2),
                    _table(heads, rows, widths, s)]
    return out


def _part(part: Part, s: Styles) -> list[Flowable]:
    tags = [t for t, on in ((SENSITIVE, part.sensitive), (SUPERVISOR_ONLY, part.supervisor_only))
            if on]
    tag = "".join(f" <font size='8' color='#5A5A5A'>· {t}</font>" for t in tags)
    head = Paragraph(escape(part.heading) + tag, s.h3)
    if part.kind == "actions":
        return [head, _table(_ACTION_HEADS, part.rows, (150, 60, 70, 58, 140), s)]
    if part.kind == "reviewed":
        return [head, _table(_REVIEWED_HEADS, part.rows, (180, 80, 220), s)]
    if part.kind == "text":
        return [head, *(markdown_flowables(part.text, s, heading_offset=3)
                        or [Paragraph(plain_markup(part.text), s.body)])]
    return [head, Paragraph(plain_markup(part.text), s.body)]


def _record(record: HeldRecord, name: str, s: Styles) -> list[Flowable]:
    meta = list(record.meta)
    if record.in_trash:
        meta.append(("State", IN_TRASH))
    out: list[Flowable] = [Bookmark(f"{uk_date(record.happened_on)}: {record.title}", 0),
                           KeepTogether([Paragraph(escape(
                               f"{uk_date(record.happened_on)} · {record.title}"), s.h2),
                                         _pairs(meta, s)])]
    if record.named_only:
        out.append(Paragraph(escape(f"Presented by another supervisee: only the sections that "
                                    f"name {name} are given."), s.small))
    for part in record.parts:
        if part.text or part.rows:
            out += _part(part, s)
    out.append(Spacer(1, 5 * mm))
    return out


def story(found: SubjectAccess, *, encrypted: bool = False) -> list[Flowable]:
    s = make_styles()
    out = _cover(found, encrypted, s) + _lists(found, s)
    records = sorted((*found.records, *found.group_records),
                     key=lambda r: (r.happened_on, r.named_only))
    out += [Spacer(1, 6 * mm), Bookmark("Records", 0),
            Paragraph("Records, in date order", s.h1)]
    if not records:
        out.append(Paragraph("No records.", s.body))
    for record in records:
        out += _record(record, found.code_name, s)
    if found.mentions_included:
        out += [PageBreak(), Bookmark("For the leader to review", 0),
                Paragraph("For the leader to review before sending", s.h1),
                Paragraph(escape(f"Other entries that mention “{found.code_name}”. A code "
                                 "name in free text is not reliably this person: keep what "
                                 "is about them and remove the rest before sending."), s.small)]
        for m in found.mentions:
            out += [Paragraph(escape(f"{uk_date(m.happened_on)}: {m.title}"), s.h3),
                    *(Paragraph(plain_markup(p), s.body) for p in m.paragraphs)]
    return out


def pdf_bytes(found: SubjectAccess, *, encrypted: bool = False,
              progress: Progress | None = None) -> bytes:
    info = DocumentInfo(title=f"{TITLE}: {found.code_name}",
                        subject="Subject access request (UK GDPR)", cover_page=True)
    return build_pdf(story(found, encrypted=encrypted), info, progress)


def write_pdf(found: SubjectAccess, path: Path, password: str | None = None,
              progress: Progress | None = None) -> Path:
    """Build, encrypt when ``password`` is given, and write to a new file at ``path``."""
    refuse_existing(path)  # before the layout work
    data = pdf_bytes(found, encrypted=password is not None, progress=progress)
    return write_new(path, encrypt(data, password) if password is not None else data)
