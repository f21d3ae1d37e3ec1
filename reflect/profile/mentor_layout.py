"""How the mentor pack reads on paper: cover, profile (radar and numbers side by side in the
same order), attribute notes, coaching preparation, reflections, open actions, and the
attributes' questions at the back so a mentor without the app knows what was rated.

A radar alone misleads (areas exaggerate differences), so the exact numbers are always printed
beside it, together with what "clearly" means for a blind spot.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence

from reportlab.lib.units import mm
from reportlab.platypus import (
    CondPageBreak,
    Flowable,
    HRFlowable,
    KeepTogether,
    PageBreak,
    Paragraph,
    Spacer,
    Table,
    TableStyle,
)

from reflect.common.dates import uk_date, uk_numeric, uk_period
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
from reflect.pdf.radar import RadarLine, radar_drawing
from reflect.pdf.richtext import escape, markdown_flowables, plain_markup
from reflect.profile.mentor_content import PackContent, PackEntry, contents_list
from reflect.profile.ratings import (
    CLEARLY_MEANS,
    FINDING_LABELS,
    AttributeProfile,
    Profile,
    format_change,
    format_score,
    radar_series,
)

HISTORY_COLUMNS = 6


def _table(rows: list[list], widths: Sequence[float], *, header_rows: int = 1,
           numeric_from: int | None = None) -> Table:
    table = Table(rows, colWidths=list(widths), repeatRows=header_rows, splitInRow=1,
                  hAlign="LEFT")
    commands: list[tuple] = [
        ("LINEBELOW", (0, 0), (-1, header_rows - 1), 0.8, RULE),
        ("LINEBELOW", (0, header_rows), (-1, -1), 0.4, RULE),
        ("BACKGROUND", (0, 0), (-1, header_rows - 1), SHADE),
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


def _cell(text: str, s: Styles, *, head: bool = False, centre: bool = False) -> Paragraph:
    style = s.cell_head if head else s.cell
    return Paragraph(text, centred(style) if centre else style)


def _cover(content: PackContent, s: Styles) -> list[Flowable]:
    o = content.options
    story: list[Flowable] = [Spacer(1, 45 * mm), Paragraph(escape(o.title), s.title)]
    if o.leader_name:
        story.append(Paragraph(escape(o.leader_name), s.subtitle))
    story += [
        Spacer(1, 6 * mm),
        Paragraph(f"<b>Period:</b> {uk_period(o.date_from, o.date_to)}", s.body),
        Paragraph(f"<b>Prepared on:</b> {uk_date(content.prepared_on)}", s.body),
        Spacer(1, 4 * mm),
        HRFlowable(width="100%", thickness=0.6, color=RULE, spaceAfter=8),
        Paragraph("In this pack", s.h3),
    ]
    parts = contents_list(content)
    story += [Paragraph(f"•&nbsp;&nbsp;{escape(p)}", s.body) for p in parts]
    who = escape(o.leader_name) if o.leader_name else "the leader"
    story += [Spacer(1, 14 * mm), Paragraph(
        f"Prepared by {who} for a mentor or coach. It holds personal reflections: please "
        "keep it confidential and do not copy it into other records.", s.small), PageBreak()]
    return story


def _same_day(values) -> bool:
    days = {v.rated_on for v in values if v is not None}
    return len(days) <= 1


def _score_cell(value, s: Styles, with_date: bool) -> Paragraph:
    if value is None:
        return _cell("–", s, centre=True)
    day = (f"<br/><font size='6.5' color='#5A5A5A'>{uk_numeric(value.rated_on)}"
           "</font>") if with_date else ""
    return _cell(f"{value.score}{day}", s, centre=True)


def _dates_line(profile: Profile) -> str:
    """When every attribute was rated on the same days, say so once instead of per cell."""
    parts = []
    for label, pick in (("Self now", lambda a: a.current), ("Previous", lambda a: a.previous),
                        ("Target", lambda a: a.target)):
        values = [pick(a) for a in profile.attributes if pick(a) is not None]
        if values and _same_day(values):
            when = f"rated {uk_date(values[0].rated_on)}"
            if label == "Target" and values[0].target_by:
                when = f"set {uk_date(values[0].rated_on)}, to reach by " \
                       f"{uk_date(values[0].target_by)}"
            parts.append(f"{label}: {when}")
    return ". ".join(parts) + "." if parts else ""


# Column widths in points: every header word fits whole at 8.5 pt (no "Chan-ge").
_SCORE_WIDTHS = (110, 44, 50, 44, 40, 44, 52, 48)


def _scores_table(profile: Profile, s: Styles) -> Table:
    heads = ["Attribute", "Self now", "Previous", "Change", "Target", "To target",
             "Others' average", "Self − others", "Finding"]
    rows: list[list] = [[_cell(h, s, head=True, centre=i > 0) for i, h in enumerate(heads)]]
    attrs = profile.attributes
    dated_now = not _same_day([a.current for a in attrs])
    dated_before = not _same_day([a.previous for a in attrs])
    for a in attrs:
        others = a.others
        count = f"<br/><font size='6.5' color='#5A5A5A'>n={others.count}" + (
            f", {others.not_observed} n/o" if others.not_observed else "") + "</font>"
        finding = FINDING_LABELS.get(a.finding or "", "")
        rows.append([
            _cell(f"<b>{escape(a.attribute.short_name)}</b><br/>"
                  f"<font size='7' color='#5A5A5A'>{escape(a.attribute.name)}</font>", s),
            _score_cell(a.current, s, dated_now),
            _score_cell(a.previous, s, dated_before),
            _cell(format_change(a.change), s, centre=True),
            _cell(format_score(a.target.score if a.target else None), s, centre=True),
            _cell(format_change(a.to_target), s, centre=True),
            _cell(format_score(others.average) + (count if others.count or
                                                  others.not_observed else ""), s, centre=True),
            _cell(format_change(a.self_minus_others), s, centre=True),
            _cell(f"<b>{finding}</b>" if finding else "", s, centre=True),
        ])
    widths = [*_SCORE_WIDTHS, CONTENT_WIDTH - sum(_SCORE_WIDTHS)]
    return _table(rows, widths, numeric_from=1)


def _findings(profile: Profile, s: Styles) -> list[Flowable]:
    def names(items: list[AttributeProfile]) -> str:
        return "; ".join(
            f"{escape(a.attribute.short_name)} (self {format_score(a.current.score)}, others "
            f"{format_score(a.others.average)} from {a.others.count} ratings)"
            for a in items if a.current)

    story: list[Flowable] = []
    if profile.blind_spots:
        story.append(Paragraph(f"<b>Blind spots:</b> {names(profile.blind_spots)}.", s.body))
    if profile.hidden_strengths:
        story.append(Paragraph(f"<b>Hidden strengths:</b> {names(profile.hidden_strengths)}.",
                               s.body))
    if not story and any(a.others.count for a in profile.attributes):
        story.append(Paragraph("No blind spots or hidden strengths: self-ratings and others' "
                               "ratings are close.", s.body))
    story.append(Paragraph(escape(CLEARLY_MEANS) + " Change: since the previous self-rating. "
                           "To target: target minus self now. n/o: not observed.", s.small))
    return story


def _groups_table(profile: Profile, s: Styles) -> list[Flowable]:
    groups = sorted({g.group for a in profile.attributes for g in a.others.by_group})
    if not groups:
        return []
    rows: list[list] = [[_cell("Others, by rater group", s, head=True)]
                        + [_cell(escape(g.capitalize()), s, head=True, centre=True)
                           for g in groups]]
    for a in profile.attributes:
        found = {g.group: g for g in a.others.by_group}
        cells = []
        for group in groups:
            g = found.get(group)
            text = "–" if g is None else format_score(g.average) + (
                f" <font size='7' color='#5A5A5A'>(n={g.count})</font>" if g.count else "")
            if g is not None and g.not_observed:
                text += f"<br/><font size='7' color='#5A5A5A'>{g.not_observed} n/o</font>"
            cells.append(_cell(text, s, centre=True))
        rows.append([_cell(escape(a.attribute.short_name), s), *cells])
    first = 136.0
    rest = (CONTENT_WIDTH - first) / len(groups)
    return [Spacer(1, 4 * mm), _table(rows, [first] + [rest] * len(groups), numeric_from=1)]


def _history_table(content: PackContent, s: Styles) -> list[Flowable]:
    rounds = content.history[-HISTORY_COLUMNS:]
    if len(rounds) < 2 or content.profile is None:
        return []
    rows: list[list] = [[_cell("Self-ratings over time", s, head=True)]
                        + [_cell(uk_numeric(r.rated_on), s, head=True, centre=True)
                           for r in rounds]]
    for a in content.profile.attributes:
        rows.append([_cell(escape(a.attribute.short_name), s)]
                    + [_cell(format_score(r.scores.get(a.attribute.id)), s, centre=True)
                       for r in rounds])
    first = 136.0
    rest = (CONTENT_WIDTH - first) / len(rounds)
    earlier = len(content.history) - len(rounds)
    note = [Paragraph(f"{earlier} earlier rounds are not shown.", s.small)] if earlier else []
    return [Spacer(1, 4 * mm), KeepTogether(
        [_table(rows, [first] + [rest] * len(rounds), numeric_from=1), *note])]


def radar_lines(profile: Profile) -> list[RadarLine]:
    """The profile's radar series as plain lines for the PDF; "you now" is the filled one,
    as in the app."""
    return [RadarLine(item.label, item.values, item.colour, item.dash, item.marker, item.width,
                      filled=item.key == "self")
            for item in radar_series(profile)]


def _profile(content: PackContent, s: Styles) -> list[Flowable]:
    profile = content.profile
    assert profile is not None
    shorts = [a.attribute.short_name for a in profile.attributes]
    others = (f"; others' ratings from {uk_date(profile.others_from)}"
              if profile.others_from else "")
    return [
        Bookmark("Leadership profile"), Paragraph("Leadership profile", s.h1),
        Paragraph(f"Self-ratings as of {uk_date(profile.as_of)}{others}. Scores run from 1 "
                  "(centre outwards) to 5.", s.meta),
        radar_drawing(shorts, radar_lines(profile)),
        Spacer(1, 3 * mm),
        Paragraph(_dates_line(profile), s.meta),
        _scores_table(profile, s),
        Spacer(1, 3 * mm),
        KeepTogether(_findings(profile, s)),
        *_groups_table(profile, s),
        *_history_table(content, s),
    ]


def _notes(profile: Profile, s: Styles) -> list[Flowable]:
    story: list[Flowable] = [CondPageBreak(60 * mm), Spacer(1, 6 * mm),
                             Bookmark("Attribute notes"), Paragraph("Attribute notes", s.h1)]
    written = 0
    for a in profile.attributes:
        lines = []
        if a.current and a.current.note:
            lines.append(f"<b>Self ({uk_date(a.current.rated_on)}):</b> "
                         + plain_markup(a.current.note))
        if a.target and a.target.note:
            by = f", by {uk_date(a.target.target_by)}" if a.target.target_by else ""
            lines.append(f"<b>Target{by}:</b> " + plain_markup(a.target.note))
        lines += [f"<b>{escape(group.capitalize())}:</b> {plain_markup(note)}"
                  for group, note in a.others.notes]
        if lines:
            written += 1
            story.append(Paragraph(escape(a.attribute.name), s.h3))
            story += [Paragraph(line, s.body) for line in lines]
    if not written:
        story.append(Paragraph("No notes were written with these ratings.", s.body))
    return story


def _entry(entry: PackEntry, s: Styles) -> list[Flowable]:
    title = entry.title or "(untitled)"
    meta = [uk_date(entry.happened_on), kind_label(entry.kind)]
    if entry.attributes:
        meta.append("Attributes: " + ", ".join(entry.attributes))
    if entry.tags:
        meta.append(" ".join(f"#{t}" for t in entry.tags))
    story: list[Flowable] = [Bookmark(title, 1), Paragraph(escape(title), s.h2),
                             Paragraph(escape(" · ".join(meta)), s.meta)]
    if entry.prompt:
        source = f" <font color='#5A5A5A'>({escape(entry.prompt_source)})</font>"
        story.append(Paragraph(f"<b>Prompt:</b> <i>{escape(entry.prompt)}</i>{source}", s.body))
    story += markdown_flowables(entry.body, s, heading_offset=2)
    for section in entry.sections:
        story.append(Paragraph(escape(section.title), s.h4))
        if section.actions:
            rows: list[list] = [[_cell(h, s, head=True) for h in
                                 ("Action", "Owner", "Due", "Status")]]
            rows += [[_cell(plain_markup(r["description"]) + (
                f"<br/><i>Outcome:</i> {plain_markup(r['outcome'])}" if r["outcome"] else ""),
                s), _cell(escape(r["owner"]), s), _cell(escape(r["due"]), s),
                _cell(escape(r["status"]), s)] for r in section.actions]
            story.append(_table(rows, [CONTENT_WIDTH - 250, 90, 90, 70]))
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


def _left_out(entry: PackEntry, s: Styles) -> list[Flowable]:
    title = entry.title or "(untitled)"
    return [Bookmark(title, 1), Paragraph(escape(title), s.h2),
            Paragraph(f"<i>{escape(left_out_text(entry))}</i>", s.body), Spacer(1, 4 * mm)]


def _entries(title: str, entries: Sequence[PackEntry], s: Styles,
             left_out: Collection[int]) -> list[Flowable]:
    story: list[Flowable] = [PageBreak(), Bookmark(title), Paragraph(escape(title), s.h1)]
    for entry in entries:
        story += _left_out(entry, s) if entry.entry_id in left_out else _entry(entry, s)
    return story


def _actions(content: PackContent, s: Styles) -> list[Flowable]:
    story: list[Flowable] = [CondPageBreak(50 * mm), Bookmark("Open development actions"),
                             Paragraph("Open development actions", s.h1)]
    if not content.actions:
        return [*story, Paragraph("No open development actions.", s.body)]
    rows: list[list] = [[_cell(h, s, head=True) for h in ("Action", "Owner", "Due",
                                                          "Agreed in")]]
    for action in content.actions:
        due = uk_numeric(action.due_on)
        if action.due_on and action.due_on < content.prepared_on:
            due += "<br/><b>overdue</b>"
        rows.append([_cell(plain_markup(action.description), s), _cell(escape(action.owner), s),
                     _cell(due, s), _cell(escape(action.source), s)])
    return [*story, _table(rows, [CONTENT_WIDTH - 290, 90, 70, 130])]


def _about(profile: Profile, s: Styles) -> list[Flowable]:
    story: list[Flowable] = [PageBreak(), Bookmark("About the ratings"),
                             Paragraph("About the ratings", s.h1),
                             Paragraph("Each attribute is rated from 1 to 5 in answer to the "
                                       "question below. The guidance shows what a 5 might "
                                       "sound like.", s.body)]
    for a in profile.attributes:
        quotes = " or ".join(f"“{escape(t)}”" for t in a.attribute.five_sounds_like)
        story.append(KeepTogether([
            Paragraph(f"{escape(a.attribute.name)} ({escape(a.attribute.short_name)})", s.h3),
            Paragraph(f"<b>Question:</b> {escape(a.attribute.question)}", s.body),
            Paragraph(f"<b>A 5 might sound like:</b> <i>{quotes}</i>", s.body)]))
    source = profile.attributes[0].attribute.source if profile.attributes else ""
    if source:
        story.append(Paragraph(f"Source: {escape(source)}.", s.small))
    return story


def story(content: PackContent, left_out: Collection[int] = ()) -> list[Flowable]:
    """All flowables of the pack, in reading order; the entries in ``left_out`` (ids) are
    replaced by a note saying so."""
    s = make_styles()
    o = content.options
    out = _cover(content, s)
    profile = content.profile
    if o.include_profile and profile is not None:
        out += _profile(content, s)
    if o.include_notes and profile is not None:
        out += _notes(profile, s)
    if content.coaching:
        out += _entries("Coaching preparation and goals", content.coaching, s, left_out)
    if content.reflections:
        out += _entries("Reflections", content.reflections, s, left_out)
    if o.include_actions:
        out += _actions(content, s)
    if o.include_profile and profile is not None:
        out += _about(profile, s)
    if out and isinstance(out[-1], PageBreak):
        out.pop()
    return out
