"""The mentor pack as Markdown, one part a printed page group, for printing from the window.

Printing the PDF itself would need a PDF renderer Reflect does not ship, so the window lays
out the same snapshot (:class:`PackContent`) as Markdown: the brief, since last session, the
development plan, the coaching preparations (latest first), the profile's scores and findings,
the notes, the reflections by attribute, the open actions, the questions and a last page for
notes from the session, in the PDF's order and with the words of :mod:`mentor_brief`. Each
part starts a new page except the plan, the notes and the actions, as in the PDF.
The radar travels as data (:class:`RadarFigure`: the same series the PDF and the window draw,
and the scores in words for its caption); Qt-free: the window draws it and turns the parts
into a printable document.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from reflect.common.dates import uk_date, uk_numeric
from reflect.content.guidance import rating_instructions
from reflect.journal.kinds import kind_label
from reflect.profile import anonymity, mentor_climate
from reflect.profile import mentor_brief as brief
from reflect.profile.mentor_content import PackContent, PackEntry, contents_list
from reflect.profile.mentor_pages import NOTES_SPACES
from reflect.profile.ratings import (
    CLEARLY_MEANS,
    FINDING_LABELS,
    Profile,
    RadarSeries,
    format_change,
    format_score,
    radar_series,
)

_SPACES = re.compile(r"[^\S\u00a0]+")
_SPECIALS = str.maketrans({c: "\\" + c for c in "\\`*_[]<>#|"})


def plain(text: object) -> str:
    """Text that reads literally in Markdown (titles, names, table cells), on one line; a
    no-break space stays one."""
    return _SPACES.sub(" ", str(text)).strip(" ").translate(_SPECIALS)


def unbroken(name: str) -> str:
    """An attribute's short name held on one line ("Corporate buy-in", never "Corporate buy-"
    above "in"): no-break spaces, which the printed table's column widths respect."""
    return "\u00a0".join(name.split())


@dataclass(frozen=True)
class RadarFigure:
    """The profile's radar: axes (id, short name, full name) in order, the series drawn, and
    ``caption``, every value in words for readers who cannot see the chart."""

    axes: tuple[tuple[str, str, str], ...]
    series: tuple[RadarSeries, ...]
    caption: str


@dataclass(frozen=True)
class PrintPart:
    """One stretch of the printed pack; ``new_page`` starts it on a fresh page; ``figure``
    is printed after the Markdown."""

    heading: str
    markdown: str
    new_page: bool = True
    figure: RadarFigure | None = None


def radar_figure(profile: Profile) -> RadarFigure:
    """The radar as the PDF pack draws it, with "Values: current self-rating 4, others'
    average 2." and so on for each attribute as its caption."""
    series = tuple(radar_series(profile))
    lines = []
    for index, a in enumerate(profile.attributes):
        values = [f"{s.label[0].lower()}{s.label[1:]} {format_score(s.values[index])}"
                  for s in series if s.values[index] is not None]
        lines.append(f"{a.attribute.short_name}: {', '.join(values) or 'not rated'}.")
    caption = ("Radar chart of the scores in the table below, from 1 at the centre to 5 at "
               "the edge. " + " ".join(lines)) if series else "Radar chart: no ratings yet."
    return RadarFigure(tuple((a.attribute.id, a.attribute.short_name, a.attribute.name)
                             for a in profile.attributes), series, caption)


def _row(cells: Sequence[object]) -> str:
    return "| " + " | ".join(plain(c) or "–" for c in cells) + " |"


def _table(heads: Sequence[str], rows: Sequence[Sequence[object]]) -> list[str]:
    return [_row(heads), "|" + "---|" * len(heads), *(_row(r) for r in rows), ""]


def _list(title: str, lines: Sequence[str], empty: str) -> list[str]:
    return [f"### {plain(title)}", "", *([f"- {plain(line)}" for line in lines] or [plain(empty)]),
            ""]


def _brief(content: PackContent) -> str:
    o = content.options
    out = [f"# {plain(o.title)}", ""]
    if o.leader_name:
        out += [f"**{plain(o.leader_name)}**", ""]
    out += [f"**{plain(label)}:** {plain(value)}  " for label, value in brief.who_and_when(content)]
    out.append("")
    out += _list("This session’s goals", brief.goal_lines(content.session_goals),
                 "No goals written: no coaching preparation with goals is in this pack.")
    if content.profile is not None and o.include_profile:
        out += _list("Current targets", brief.capped(brief.targets(content.profile),
                                                     "the profile"), "No targets set.")
        out += _list("Largest gaps", brief.capped(brief.gaps(content.profile), "the profile"),
                     "No blind spots or hidden strengths, and no distance to a target.")
    out += _list("Overdue", brief.capped(brief.overdue(content), "the actions and the plan"),
                 "Nothing overdue.")
    out += ["### In this pack", ""]
    parts = contents_list(content)
    out += [f"- {plain(p)}" for p in parts] + [""]
    who = plain(o.leader_name) if o.leader_name else "the leader"
    out.append(f"_Prepared by {who} for a mentor or coach. It holds personal reflections: "
               "please keep it confidential and do not copy it into other records._")
    return "\n".join(out)


def _since(content: PackContent) -> str:
    out = ["# Since last session", "", f"_{plain(brief.since_title(content))}._", ""]
    for block in brief.since_blocks(content):
        out += _list(block.heading, block.lines, block.empty)
    return "\n".join(out)


def _plan(content: PackContent) -> str:
    out = ["# Development plan", ""]
    if not content.plan:
        return "\n".join([*out, brief.NO_PLAN])
    rows = []
    for goal in content.plan:
        title, extra = brief.goal_text(goal)
        rows.append((f"{title} ({extra})" if extra else title, ", ".join(goal.attributes),
                     "; ".join(brief.milestone_text(m) for m in goal.milestones),
                     brief.goal_status(goal, content.prepared_on)))
    return "\n".join(out + _table(("Goal", "Attributes", "Milestones", "Status"), rows))


def _reflections(content: PackContent) -> str:
    out = ["# Reflections by attribute", ""]
    for group in brief.reflection_groups(content.reflections):
        out += [f"## {plain(group.heading)}", ""]
        for entry in group.entries:
            out += _entry(entry, level=3)
        out += [f"_{plain(brief.see_also_text(e))}_" for e in group.see_also]
        out.append("")
    return "\n".join(out)


def _session_notes(content: PackContent) -> str:
    o = content.options
    when = uk_date(o.session_on) if o.session_on else "…"
    who = " ".join(o.coach.split()) or "…"
    out = ["# Notes from the session", "", f"_Session on {plain(when)}, with {plain(who)}_", ""]
    for heading, height in NOTES_SPACES:  # ruled lines to write on, as in the PDF
        out += [f"### {plain(heading)}", "", *(["&nbsp;", "", "---", ""] * round(height / 25))]
    return "\n".join(out)


def _profile_intro(profile: Profile) -> str:
    others = (f"; others' ratings from {uk_date(profile.others_from)}"
              if profile.others_from else "")
    return "\n".join(["# Leadership profile", "",
                      plain(f"Self-ratings as of {uk_date(profile.as_of)}{others}. Scores run "
                            "from 1 (centre outwards) to 5."), ""])


def _rounds(content: PackContent) -> list[str]:
    """Round on round, as the PDF has it after the groups table."""
    found = content.rounds
    if found is None:
        return []
    out = ["", "### Round on round", "", plain(found.summary()), ""]
    if found.compared and found.previous and found.latest:
        heads = ["Attribute", found.previous.label, found.latest.label, "Change",
                 *(anonymity.group_label(g) for g in found.groups)]
        out += _table(heads, [[item.attribute.short_name, *item.overall.cells(),
                               *(g.text() for _name, g in item.groups)]
                              for item in found.attributes])
    return out


def _profile(content: PackContent, profile: Profile) -> str:
    out: list[str] = []
    heads = ("Attribute", "Self now", "Previous", "Change", "Target", "To target",
             "Others' average", "Self − others", "Finding")
    rows = []
    for a in profile.attributes:
        count = f" (n={a.others.count})" if a.others.count else ""
        rows.append((unbroken(a.attribute.short_name),
                     format_score(a.current.score if a.current else None),
                     format_score(a.previous.score if a.previous else None),
                     format_change(a.change),
                     format_score(a.target.score if a.target else None),
                     format_change(a.to_target),
                     format_score(a.others.average) + count,
                     format_change(a.self_minus_others),
                     FINDING_LABELS.get(a.finding or "", "")))
    out += _table(heads, rows)
    for label, items in (("Blind spots", profile.blind_spots),
                         ("Hidden strengths", profile.hidden_strengths)):
        named = "; ".join(plain(a.attribute.short_name) for a in items)
        if named:
            out += [f"**{label}:** {named}.", ""]
    out.append(f"_{plain(CLEARLY_MEANS)} Change: since the previous self-rating. To target: "
               "target minus self now._")
    out += _rounds(content)
    rounds = content.history[-6:]
    if len(rounds) >= 2:
        out += ["", "### Self-ratings over time", ""]
        out += _table(["Attribute", *(uk_numeric(r.rated_on) for r in rounds)],
                      [[a.attribute.short_name,
                        *(format_score(r.scores.get(a.attribute.id)) for r in rounds)]
                       for a in profile.attributes])
    return "\n".join(out)


def _notes(profile: Profile) -> str:
    out = ["# Attribute notes", ""]
    written = 0
    for a in profile.attributes:
        lines = []
        if a.current and a.current.note:
            lines.append(f"**Self ({uk_date(a.current.rated_on)}):** {plain(a.current.note)}")
        if a.target and a.target.note:
            by = f", by {uk_date(a.target.target_by)}" if a.target.target_by else ""
            lines.append(f"**Target{by}:** {plain(a.target.note)}")
        lines += [f"**{plain(anonymity.group_label(group))}:** {plain(note)}"
                  for group, note in a.others.notes]
        if lines:
            written += 1
            out += [f"### {plain(a.attribute.name)}", "", *(f"{line}  " for line in lines), ""]
    if not written:
        out.append("No notes were written with these ratings.")
    return "\n".join(out)


def _entry(entry: PackEntry, level: int = 2) -> list[str]:
    meta = [uk_date(entry.happened_on), kind_label(entry.kind)]
    if entry.attributes:
        meta.append("Attributes: " + ", ".join(entry.attributes))
    if entry.tags:
        meta.append(" ".join(f"#{t}" for t in entry.tags))
    out = [f"{'#' * level} {plain(entry.title or '(untitled)')}", "",
           f"_{plain(' · '.join(meta))}_", ""]
    if entry.prompt:
        out += [f"**Prompt:** _{plain(entry.prompt)}_", ""]
        if entry.prompt_source:  # the document it comes from, or who adapted it
            out += [f"— {plain(entry.prompt_source)}", ""]
    if entry.body.strip():
        out += [entry.body.strip(), ""]
    for section in entry.sections:
        out += [f"#### {plain(section.title)}", ""]
        if section.actions:
            out += _table(("Action", "Owner", "Due", "Status", "Outcome"),
                          [(r["description"], r["owner"], r["due"], r["status"],
                            r.get("outcome", "")) for r in section.actions])
        elif section.value.strip():
            out += [section.value.strip(), ""]
    if entry.left_out:
        out += [f"_Left out (sensitive): {plain(', '.join(entry.left_out))}_", ""]
    return out


def _actions(content: PackContent) -> str:
    out = ["# Open development actions", ""]
    if not content.actions:
        return "\n".join([*out, "No open development actions."])
    rows = []
    for action in content.actions:
        due = uk_numeric(action.due_on)
        if action.due_on and action.due_on < content.prepared_on:
            due += " (overdue)"
        rows.append((action.description, action.owner, due, action.source))
    return "\n".join(out + _table(("Action", "Owner", "Due", "Agreed in"), rows))


def _about(profile: Profile) -> str:
    out = ["# About the ratings", "",
           "Each attribute is rated from 1 to 5 in answer to the question below. The guidance "
           "shows what a 5 might sound like.", ""]
    instructions = rating_instructions()
    if instructions:
        out += ["**How the leader was asked to answer** (the workbook's own instructions):", ""]
        out += [f"- _“{plain(q.text)}”_ ({plain(q.source)})" for q in instructions] + [""]
    for a in profile.attributes:
        quotes = " or ".join(f"“{plain(t)}”" for t in a.attribute.five_sounds_like)
        correction = a.attribute.correction
        out += [f"### {plain(a.attribute.name)} ({plain(a.attribute.short_name)})", "",
                f"**Question:** {plain(a.attribute.question)}  ",
                *([f"_{plain(correction.note())}_  "] if correction else []),
                f"**A 5 might sound like:** _{quotes}_", ""]
    return "\n".join(out)


def pack_parts(content: PackContent) -> list[PrintPart]:
    """The pack in reading order, as the PDF has it."""
    o, profile = content.options, content.profile
    parts = [PrintPart("Brief", _brief(content), new_page=False),
             PrintPart("Since last session", _since(content))]
    if o.include_plan:
        parts.append(PrintPart("Development plan", _plan(content), new_page=False))
    if content.coaching:
        lines = ["# Coaching preparation and goals", ""]
        if len(content.coaching) > 1:
            lines += ["_The latest preparation first; earlier ones follow._", ""]
        for entry in content.coaching:
            lines += _entry(entry)
        parts.append(PrintPart("Coaching preparation and goals", "\n".join(lines)))
    if o.include_profile and profile is not None:
        parts += [PrintPart("Leadership profile", _profile_intro(profile),
                            figure=radar_figure(profile)),
                  PrintPart("Scores", _profile(content, profile), new_page=False)]
    if o.include_notes and profile is not None:
        parts.append(PrintPart("Attribute notes", _notes(profile),
                               new_page=not (o.include_profile and profile is not None)))
    if content.reflections:
        parts.append(PrintPart("Reflections", _reflections(content)))
    if o.include_actions:
        parts.append(PrintPart("Open development actions", _actions(content), new_page=False))
    if o.include_climate:
        parts.append(PrintPart("Team climate", mentor_climate.markdown(content, plain),
                               new_page=False))
    if o.include_profile and profile is not None:
        parts.append(PrintPart("About the ratings", _about(profile)))
    parts.append(PrintPart("Notes from the session", _session_notes(content)))
    return parts
