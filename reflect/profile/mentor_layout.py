"""How the mentor pack reads on paper, in the order a coach reads it before a session: the
brief on page 1, "Since last session" and the development plan (:mod:`mentor_pages`), the
coaching preparations latest first, the profile (radar and numbers side by side in the same
order), attribute notes, reflections by attribute and open actions (:mod:`mentor_entries`),
the attributes' questions so a mentor without the app knows what was rated, and a last page
for notes from the session.

A radar alone misleads (areas exaggerate differences), so the exact numbers are always printed
beside it, together with what "clearly" means for a blind spot.
"""

from __future__ import annotations

from collections.abc import Collection

from reportlab.lib.units import mm
from reportlab.platypus import (
    CondPageBreak,
    Flowable,
    KeepTogether,
    PageBreak,
    Paragraph,
    Spacer,
    Table,
)

from reflect.common.dates import uk_date, uk_numeric
from reflect.content.guidance import rating_instructions
from reflect.pdf.base import CONTENT_WIDTH, Bookmark, Styles, make_styles
from reflect.pdf.radar import RadarLine, radar_drawing
from reflect.pdf.richtext import escape, plain_markup
from reflect.profile import anonymity, mentor_climate, round_compare
from reflect.profile import mentor_entries as entries
from reflect.profile import mentor_pages as pages
from reflect.profile.mentor_content import PackContent
from reflect.profile.mentor_entries import cell, ruled_table
from reflect.profile.ratings import (
    CLEARLY_MEANS,
    FINDING_LABELS,
    AttributeProfile,
    Profile,
    format_change,
    format_score,
    radar_series,
)
from reflect.profile.round_compare import RoundComparison

HISTORY_COLUMNS = 6


def _same_day(values) -> bool:
    days = {v.rated_on for v in values if v is not None}
    return len(days) <= 1


def _score_cell(value, s: Styles, with_date: bool) -> Paragraph:
    if value is None:
        return cell("–", s, centre=True)
    day = (f"<br/><font size='6.5' color='#5A5A5A'>{uk_numeric(value.rated_on)}"
           "</font>") if with_date else ""
    return cell(f"{value.score}{day}", s, centre=True)


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


def _scoresruled_table(profile: Profile, s: Styles) -> Table:
    heads = ["Attribute", "Self now", "Previous", "Change", "Target", "To target",
             "Others' average", "Self − others", "Finding"]
    rows: list[list] = [[cell(h, s, head=True, centre=i > 0) for i, h in enumerate(heads)]]
    attrs = profile.attributes
    dated_now = not _same_day([a.current for a in attrs])
    dated_before = not _same_day([a.previous for a in attrs])
    for a in attrs:
        others = a.others
        count = f"<br/><font size='6.5' color='#5A5A5A'>n={others.count}" + (
            f", {others.not_observed} n/o" if others.not_observed else "") + "</font>"
        finding = FINDING_LABELS.get(a.finding or "", "")
        rows.append([
            cell(f"<b>{escape(a.attribute.short_name)}</b><br/>"
                  f"<font size='7' color='#5A5A5A'>{escape(a.attribute.name)}</font>", s),
            _score_cell(a.current, s, dated_now),
            _score_cell(a.previous, s, dated_before),
            cell(format_change(a.change), s, centre=True),
            cell(format_score(a.target.score if a.target else None), s, centre=True),
            cell(format_change(a.to_target), s, centre=True),
            cell(format_score(others.average) + (count if others.count or
                                                  others.not_observed else ""), s, centre=True),
            cell(format_change(a.self_minus_others), s, centre=True),
            cell(f"<b>{finding}</b>" if finding else "", s, centre=True),
        ])
    widths = [*_SCORE_WIDTHS, CONTENT_WIDTH - sum(_SCORE_WIDTHS)]
    return ruled_table(rows, widths, numeric_from=1)


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


def _groupsruled_table(profile: Profile, s: Styles) -> list[Flowable]:
    """Others' averages by group as the anonymity rule shows them, the rule under them."""
    shown = {g.group: g.returns for a in profile.attributes for g in a.others.by_group}
    groups = sorted(shown, key=anonymity.order_key)
    rule = Paragraph(escape(anonymity.RULE_TEXT), s.small)
    if not groups:
        if not any(a.others.count or a.others.not_observed for a in profile.attributes):
            return []
        return [Spacer(1, 3 * mm), Paragraph("Others, by rater group: no group is large "
                                             "enough to be shown on its own.", s.body), rule]
    rows: list[list] = [[cell("Others, by rater group", s, head=True)]
                        + [cell(f"{escape(anonymity.group_label(g))}<br/><font size='7'>"
                                f"{_raters(shown[g])}</font>", s, head=True, centre=True)
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
            cells.append(cell(text, s, centre=True))
        rows.append([cell(escape(a.attribute.short_name), s), *cells])
    first = 136.0
    rest = (CONTENT_WIDTH - first) / len(groups)
    table = ruled_table(rows, [first] + [rest] * len(groups), numeric_from=1)
    return [Spacer(1, 4 * mm), KeepTogether([table, Spacer(1, 1.5 * mm), rule])]


def _raters(count: int) -> str:
    return f"{count} rater{'s' if count != 1 else ''}"


def _roundsruled_table(rounds: RoundComparison | None, s: Styles) -> list[Flowable]:
    """The latest round against the previous one; a sentence when there is no pair yet."""
    if rounds is None:
        return []
    story: list[Flowable] = [Spacer(1, 4 * mm), Paragraph("Round on round", s.h3),
                             Paragraph(escape(rounds.summary()), s.meta)]
    if not rounds.compared or rounds.previous is None or rounds.latest is None:
        return [KeepTogether(story)]
    heads = ["Attribute", rounds.previous.label, rounds.latest.label, "Change",
             *(anonymity.group_label(g) for g in rounds.groups)]
    rows: list[list] = [[cell(escape(h), s, head=True, centre=i > 0)
                         for i, h in enumerate(heads)]]
    for item in rounds.attributes:
        groups = [cell(f"{escape(format_score(g.previous))} → {escape(format_score(g.latest))}"
                       f"<br/><font size='7' color='#5A5A5A'>{format_change(g.change)}</font>",
                       s, centre=True) for _name, g in item.groups]
        rows.append([cell(escape(item.attribute.short_name), s),
                     *(cell(text, s, centre=True) for text in item.overall.cells()), *groups])
    first, score, change = 110.0, 78.0, 46.0
    rest = CONTENT_WIDTH - first - 2 * score - change
    widths = [first, score, score, change] + [rest / len(rounds.groups)] * len(rounds.groups)
    if not rounds.groups:
        widths[-1] += rest
    story += [ruled_table(rows, widths, numeric_from=1), Spacer(1, 1.5 * mm),
              Paragraph(escape(round_compare.GROUPS_NOTE + " Others' averages of each round; "
                               "change: latest minus previous."), s.small)]
    return [KeepTogether(story)]


def _historyruled_table(content: PackContent, s: Styles) -> list[Flowable]:
    rounds = content.history[-HISTORY_COLUMNS:]
    if len(rounds) < 2 or content.profile is None:
        return []
    rows: list[list] = [[cell("Self-ratings over time", s, head=True)]
                        + [cell(uk_numeric(r.rated_on), s, head=True, centre=True)
                           for r in rounds]]
    for a in content.profile.attributes:
        rows.append([cell(escape(a.attribute.short_name), s)]
                    + [cell(format_score(r.scores.get(a.attribute.id)), s, centre=True)
                       for r in rounds])
    first = 136.0
    rest = (CONTENT_WIDTH - first) / len(rounds)
    earlier = len(content.history) - len(rounds)
    note = [Paragraph(f"{earlier} earlier rounds are not shown.", s.small)] if earlier else []
    return [Spacer(1, 4 * mm), KeepTogether(
        [ruled_table(rows, [first] + [rest] * len(rounds), numeric_from=1), *note])]


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
        _scoresruled_table(profile, s),
        Spacer(1, 3 * mm),
        KeepTogether(_findings(profile, s)),
        *_groupsruled_table(profile, s),
        *_roundsruled_table(content.rounds, s),
        *_historyruled_table(content, s),
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
        lines += [f"<b>{escape(anonymity.group_label(group))}:</b> {plain_markup(note)}"
                  for group, note in a.others.notes]
        if lines:
            written += 1
            story.append(Paragraph(escape(a.attribute.name), s.h3))
            story += [Paragraph(line, s.body) for line in lines]
    if not written:
        story.append(Paragraph("No notes were written with these ratings.", s.body))
    return story


def _about(profile: Profile, s: Styles) -> list[Flowable]:
    story: list[Flowable] = [PageBreak(), Bookmark("About the ratings"),
                             Paragraph("About the ratings", s.h1),
                             Paragraph("Each attribute is rated from 1 to 5 in answer to the "
                                       "question below. The guidance shows what a 5 might "
                                       "sound like.", s.body)]
    instructions = rating_instructions()
    if instructions:
        story.append(Paragraph("<b>How the leader was asked to answer</b> (the workbook's own "
                               "instructions):", s.body))
        for quote in instructions:
            story.append(Paragraph(f"•&nbsp;&nbsp;<i>“{escape(quote.text)}”</i> "
                                   f"<font color='#5A5A5A'>({escape(quote.source)})</font>",
                                   s.body))
    for a in profile.attributes:
        quotes = " or ".join(f"“{escape(t)}”" for t in a.attribute.five_sounds_like)
        correction = a.attribute.correction
        story.append(KeepTogether([
            Paragraph(f"{escape(a.attribute.name)} ({escape(a.attribute.short_name)})", s.h3),
            Paragraph(f"<b>Question:</b> {escape(a.attribute.question)}", s.body),
            *([Paragraph(escape(correction.note()), s.small)] if correction else []),
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
    out = [*pages.brief(content, s), *pages.since_last(content, s)]
    if o.include_plan:
        out += pages.plan(content, s)
    if content.coaching:
        out += entries.coaching(content, s, left_out)
    profile = content.profile
    if o.include_profile and profile is not None:
        out += [PageBreak(), *_profile(content, s)]
    if o.include_notes and profile is not None:
        out += _notes(profile, s)
    if content.reflections:
        out += entries.reflections(content, s, left_out)
    if o.include_actions:
        out += entries.actions(content, s)
    out += mentor_climate.section(content, s)  # only when chosen
    if o.include_profile and profile is not None:
        out += _about(profile, s)
    out += pages.session_notes(content, s)
    return out
