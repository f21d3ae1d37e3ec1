"""The mentor pack as Markdown, one part a printed page group, for printing from the window.

Printing the PDF itself would need a PDF renderer Reflect does not ship, so the window lays
out the same snapshot (:class:`PackContent`) as Markdown: the cover, the profile's scores and
findings, the notes, the entries, the open actions and the questions, in the PDF's order and
wording. Each part starts a new page except the notes and the actions, as in the PDF.
Qt-free: the window turns the parts into a printable document.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from reflect.common.dates import uk_date, uk_numeric, uk_period
from reflect.journal.kinds import kind_label
from reflect.profile.mentor_content import PackContent, PackEntry
from reflect.profile.ratings import (
    CLEARLY_MEANS,
    FINDING_LABELS,
    Profile,
    format_change,
    format_score,
)

_SPECIALS = str.maketrans({c: "\\" + c for c in "\\`*_[]<>#|"})


def plain(text: object) -> str:
    """Text that reads literally in Markdown (titles, names, table cells)."""
    return " ".join(str(text).split()).translate(_SPECIALS)


@dataclass(frozen=True)
class PrintPart:
    """One stretch of the printed pack; ``new_page`` starts it on a fresh page."""

    heading: str
    markdown: str
    new_page: bool = True


def _row(cells: Sequence[object]) -> str:
    return "| " + " | ".join(plain(c) or "–" for c in cells) + " |"


def _table(heads: Sequence[str], rows: Sequence[Sequence[object]]) -> list[str]:
    return [_row(heads), "|" + "---|" * len(heads), *(_row(r) for r in rows), ""]


def _cover(content: PackContent) -> str:
    o = content.options
    out = [f"# {plain(o.title)}", ""]
    if o.leader_name:
        out += [f"**{plain(o.leader_name)}**", ""]
    out += [f"**Period:** {plain(uk_period(o.date_from, o.date_to))}  ",
            f"**Prepared on:** {plain(uk_date(content.prepared_on))}", "", "### In this pack", ""]
    parts = []
    if o.include_profile and content.profile:
        parts.append("Leadership profile: scores, change and gaps")
    if o.include_notes and content.profile:
        parts.append("Notes on the five attributes")
    if content.coaching:
        parts.append(f"Coaching preparation and goals ({len(content.coaching)})")
    if content.reflections:
        parts.append(f"Selected reflections ({len(content.reflections)})")
    if o.include_actions:
        parts.append(f"Open development actions ({len(content.actions)})")
    if o.include_profile and content.profile:
        parts.append("About the ratings: the attributes and their questions")
    out += [f"- {plain(p)}" for p in parts] + [""]
    who = plain(o.leader_name) if o.leader_name else "the leader"
    out.append(f"_Prepared by {who} for a mentor or coach. It holds personal reflections: "
               "please keep it confidential and do not copy it into other records._")
    return "\n".join(out)


def _profile(content: PackContent, profile: Profile) -> str:
    others = (f"; others' ratings from {uk_date(profile.others_from)}"
              if profile.others_from else "")
    out = ["# Leadership profile", "",
           plain(f"Self-ratings as of {uk_date(profile.as_of)}{others}. Scores run from 1 "
                 "to 5."), ""]
    heads = ("Attribute", "Self now", "Previous", "Change", "Target", "To target",
             "Others' average", "Self − others", "Finding")
    rows = []
    for a in profile.attributes:
        count = f" (n={a.others.count})" if a.others.count else ""
        rows.append((a.attribute.short_name,
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
        lines += [f"**{plain(group.capitalize())}:** {plain(note)}"
                  for group, note in a.others.notes]
        if lines:
            written += 1
            out += [f"### {plain(a.attribute.name)}", "", *(f"{line}  " for line in lines), ""]
    if not written:
        out.append("No notes were written with these ratings.")
    return "\n".join(out)


def _entry(entry: PackEntry) -> list[str]:
    meta = [uk_date(entry.happened_on), kind_label(entry.kind)]
    if entry.attributes:
        meta.append("Attributes: " + ", ".join(entry.attributes))
    if entry.tags:
        meta.append(" ".join(f"#{t}" for t in entry.tags))
    out = [f"## {plain(entry.title or '(untitled)')}", "", f"_{plain(' · '.join(meta))}_", ""]
    if entry.prompt:
        source = f" ({plain(entry.prompt_source)})" if entry.prompt_source else ""
        out += [f"**Prompt:** _{plain(entry.prompt)}_{source}", ""]
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
    for a in profile.attributes:
        quotes = " or ".join(f"“{plain(t)}”" for t in a.attribute.five_sounds_like)
        out += [f"### {plain(a.attribute.name)} ({plain(a.attribute.short_name)})", "",
                f"**Question:** {plain(a.attribute.question)}  ",
                f"**A 5 might sound like:** _{quotes}_", ""]
    return "\n".join(out)


def pack_parts(content: PackContent) -> list[PrintPart]:
    """The pack in reading order, as the PDF has it."""
    o, profile = content.options, content.profile
    parts = [PrintPart("Cover", _cover(content), new_page=False)]
    if o.include_profile and profile is not None:
        parts.append(PrintPart("Leadership profile", _profile(content, profile)))
    if o.include_notes and profile is not None:
        parts.append(PrintPart("Attribute notes", _notes(profile),
                               new_page=not (o.include_profile and profile is not None)))
    for title, entries in (("Coaching preparation and goals", content.coaching),
                           ("Reflections", content.reflections)):
        if entries:
            lines = [f"# {title}", ""]
            for entry in entries:
                lines += _entry(entry)
            parts.append(PrintPart(title, "\n".join(lines)))
    if o.include_actions:
        parts.append(PrintPart("Open development actions", _actions(content), new_page=False))
    if o.include_profile and profile is not None:
        parts.append(PrintPart("About the ratings", _about(profile)))
    return parts
