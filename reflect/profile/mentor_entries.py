"""How the mentor pack prints entries and actions: the coaching preparations (latest first),
the reflections grouped under the attribute they evidence, and the open development actions.

Each prompt is printed with the document it comes from (see
:func:`reflect.profile.mentor_recent.prompt_citation`), so a mentor can tell an Ofsted question
from one Reflect adapted. The ruled table and its cells used by every page of the pack are here.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence

from reportlab.lib.units import mm
from reportlab.platypus import (
    CondPageBreak,
    Flowable,
    PageBreak,
    Paragraph,
    Spacer,
    Table,
    TableStyle,
)

from reflect.common.dates import uk_date, uk_numeric
from reflect.journal.kinds import kind_label
from reflect.pdf.base import (
    CONTENT_WIDTH,
    RULE,
    SHADE,
    TABLE_FONT,
    Bookmark,
    Styles,
    centred,
    make_styles,
)
from reflect.pdf.richtext import escape, markdown_flowables, plain_markup
from reflect.profile.mentor_brief import reflection_groups, see_also_text
from reflect.profile.mentor_content import PackContent, PackEntry


def ruled_table(rows: list[list], widths: Sequence[float], *, header_rows: int = 1,
                numeric_from: int | None = None) -> Table:
    """The pack's one table style: a shaded head, a rule under every row."""
    table = Table(rows, colWidths=list(widths), repeatRows=header_rows, splitInRow=1,
                  hAlign="LEFT")
    head: list[tuple] = [("LINEBELOW", (0, 0), (-1, header_rows - 1), 0.8, RULE),
                         ("BACKGROUND", (0, 0), (-1, header_rows - 1), SHADE)]
    commands: list[tuple] = [
        *(head if header_rows else [("LINEABOVE", (0, 0), (-1, 0), 0.8, RULE)]),
        ("LINEBELOW", (0, header_rows), (-1, -1), 0.4, RULE),
        *TABLE_FONT,
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("TOPPADDING", (0, 0), (-1, -1), 4),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 5),
        ("LEFTPADDING", (0, 0), (-1, -1), 3),
        ("RIGHTPADDING", (0, 0), (-1, -1), 3),
    ]
    if numeric_from is not None:
        commands.append(("ALIGN", (numeric_from, 0), (-1, -1), "CENTER"))
    table.setStyle(TableStyle(commands))
    return table


def cell(text: str, s: Styles, *, head: bool = False, centre: bool = False) -> Paragraph:
    """A table cell; ``text`` is markup, already escaped."""
    style = s.cell_head if head else s.cell
    return Paragraph(text, centred(style) if centre else style)


def _entry(entry: PackEntry, s: Styles, under: bool = False) -> list[Flowable]:
    """``under``: the entry sits under an attribute's heading, one level down."""
    title = entry.title or "(untitled)"
    meta = [uk_date(entry.happened_on), kind_label(entry.kind)]
    if entry.attributes:
        meta.append("Attributes: " + ", ".join(entry.attributes))
    if entry.tags:
        meta.append(" ".join(f"#{t}" for t in entry.tags))
    story: list[Flowable] = [Bookmark(title, 2 if under else 1),
                             Paragraph(escape(title), s.h3 if under else s.h2),
                             Paragraph(escape(" · ".join(meta)), s.meta)]
    if entry.prompt:
        story.append(Paragraph(f"<b>Prompt:</b> <i>{escape(entry.prompt)}</i>", s.body))
        if entry.prompt_source:  # the document it comes from, or who adapted it
            story.append(Paragraph(f"— {escape(entry.prompt_source)}", s.small))
    story += markdown_flowables(entry.body, s, heading_offset=2)
    for section in entry.sections:
        story.append(Paragraph(escape(section.title), s.h4))
        if section.actions:
            rows: list[list] = [[cell(h, s, head=True) for h in
                                 ("Action", "Owner", "Due", "Status")]]
            rows += [[cell(plain_markup(r["description"]) + (
                f"<br/><i>Outcome:</i> {plain_markup(r['outcome'])}" if r["outcome"] else ""),
                s), cell(escape(r["owner"]), s), cell(escape(r["due"]), s),
                cell(escape(r["status"]), s)] for r in section.actions]
            story.append(ruled_table(rows, [CONTENT_WIDTH - 250, 90, 90, 70]))
        else:
            story += markdown_flowables(section.value, s, heading_offset=3)
    return [*story, Spacer(1, 4 * mm)]


def entry_story(entry: PackEntry) -> list[Flowable]:
    """One entry on its own, so an entry that cannot be laid out can be found by trying it."""
    return _entry(entry, make_styles())


def left_out_text(entry: PackEntry) -> str:
    """What the pack and the warning say about an entry that could not be laid out."""
    return (f"“{entry.title or '(untitled)'}” of {uk_date(entry.happened_on)} could not be "
            "laid out in the PDF, so it is left out of this pack; it is unchanged in the "
            "journal.")


def _left_out(entry: PackEntry, s: Styles, under: bool = False) -> list[Flowable]:
    title = entry.title or "(untitled)"
    return [Bookmark(title, 2 if under else 1), Paragraph(escape(title), s.h3 if under else s.h2),
            Paragraph(f"<i>{escape(left_out_text(entry))}</i>", s.body), Spacer(1, 4 * mm)]


def _one(entry: PackEntry, s: Styles, left_out: Collection[int],
         under: bool = False) -> list[Flowable]:
    return (_left_out(entry, s, under) if entry.entry_id in left_out
            else _entry(entry, s, under))


def coaching(content: PackContent, s: Styles, left_out: Collection[int]) -> list[Flowable]:
    """The coaching preparations, the latest (this session's) first."""
    title = "Coaching preparation and goals"
    story: list[Flowable] = [PageBreak(), Bookmark(title), Paragraph(title, s.h1)]
    if len(content.coaching) > 1:
        story.append(Paragraph("The latest preparation first; earlier ones follow.", s.meta))
    for entry in content.coaching:
        story += _one(entry, s, left_out)
    return story


def reflections(content: PackContent, s: Styles, left_out: Collection[int]) -> list[Flowable]:
    """The reflections under the attribute they evidence."""
    story: list[Flowable] = [PageBreak(), Bookmark("Reflections"),
                             Paragraph("Reflections by attribute", s.h1)]
    for group in reflection_groups(content.reflections):
        story += [CondPageBreak(40 * mm), Bookmark(group.heading, 1),
                  Paragraph(escape(group.heading), s.h2)]
        for entry in group.entries:
            story += _one(entry, s, left_out, under=True)
        story += [Paragraph(escape(see_also_text(e)), s.small) for e in group.see_also]
    return story


def actions(content: PackContent, s: Styles) -> list[Flowable]:
    story: list[Flowable] = [CondPageBreak(50 * mm), Bookmark("Open development actions"),
                             Paragraph("Open development actions", s.h1)]
    if not content.actions:
        return [*story, Paragraph("No open development actions.", s.body)]
    rows: list[list] = [[cell(h, s, head=True) for h in ("Action", "Owner", "Due",
                                                         "Agreed in")]]
    for action in content.actions:
        due = uk_numeric(action.due_on)
        if action.due_on and action.due_on < content.prepared_on:
            due += "<br/><b>overdue</b>"
        rows.append([cell(plain_markup(action.description), s), cell(escape(action.owner), s),
                     cell(due, s), cell(escape(action.source), s)])
    return [*story, ruled_table(rows, [CONTENT_WIDTH - 290, 90, 70, 130])]
