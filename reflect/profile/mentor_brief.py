"""What the mentor pack's coaching brief says, in words: the same lines in the PDF and in the
pack printed from the window, so the two never drift apart.

The brief (page 1) is what a coach reads before a session: who and when, the leader's role,
this session's goals, current targets, the largest gaps and what is overdue. Then "Since last
session", the development plan as rows, and the reflections grouped under the attribute they
evidence. Plain text only: each layout escapes and styles it its own way.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from reflect.coaching.views import MET, MISSED, MOVED, OPEN, PlanGoal, PlanMilestone
from reflect.common.dates import uk_date, uk_period
from reflect.feedback.groups import MIN_GROUP_RETURNS, OTHERS
from reflect.profile import ratings as profile_domain
from reflect.profile.mentor_content import OthersRound, PackContent, PackEntry
from reflect.profile.mentor_recent import since_heading
from reflect.profile.ratings import Profile, format_change, format_score

#: At most this many lines in a list on page 1; the rest are counted and found further on.
BRIEF_LIST_MAX = 5
OTHER_REFLECTIONS = "Other reflections"
_STATUS = {"done": "Done", "dropped": "Dropped", "carried": "Carried forward"}
_CHANGE = {MET: "Met", MOVED: "Moved", MISSED: "Missed"}


def who_and_when(content: PackContent) -> list[tuple[str, str]]:
    """(label, value) pairs under the brief's title; empty ones are left out, not invented."""
    o = content.options
    pairs = [("Coach or mentor", " ".join(o.coach.split())),
             ("Session", uk_date(o.session_on) if o.session_on else ""),
             ("Role and context", " ".join(o.role.split())),
             ("Period", uk_period(o.date_from, o.date_to)),
             ("Prepared on", uk_date(content.prepared_on))]
    return [(label, value) for label, value in pairs if value]


def capped(lines: Sequence[str], more: str) -> list[str]:
    """The first :data:`BRIEF_LIST_MAX` lines; then "and 3 more: see …" so page 1 stays one."""
    if len(lines) <= BRIEF_LIST_MAX:
        return list(lines)
    rest = len(lines) - BRIEF_LIST_MAX + 1
    return [*lines[:BRIEF_LIST_MAX - 1], f"and {rest} more: see {more}"]


GOALS_MAX_CHARS = 700
_BULLET = re.compile(r"^\s*(?:[-*+]|\d+[.)])\s+")


def goal_lines(text: str) -> list[str]:
    """This session's goals as short lines for page 1 (list marks dropped, long text cut at
    a word with a pointer to the preparation, where it is printed whole)."""
    lines: list[str] = []
    used = 0
    for raw in text.splitlines():
        line = " ".join(_BULLET.sub("", raw).split())
        if not line:
            continue
        if used + len(line) > GOALS_MAX_CHARS or len(lines) == BRIEF_LIST_MAX + 1:
            room = max(GOALS_MAX_CHARS - used, 0)
            cut = line[:room].rsplit(" ", 1)[0] if room > 40 else ""
            lines.append((cut + "… " if cut else "") + "(in full under Coaching preparation)")
            break
        lines.append(line)
        used += len(line)
    return lines


def targets(profile: Profile | None) -> list[str]:
    """"Values: 5 (now 4), by 1 June 2026" for each attribute with a target."""
    out = []
    for a in profile.attributes if profile else ():
        if a.target is None or a.target.score is None:
            continue
        now = f"now {a.current.score}" if a.current else "not self-rated yet"
        by = f", by {uk_date(a.target.target_by)}" if a.target.target_by else ""
        out.append(f"{a.attribute.short_name}: {a.target.score} ({now}){by}")
    return out


def gaps(profile: Profile | None) -> list[str]:
    """Blind spots and hidden strengths, then the largest distances still to a target."""
    if profile is None:
        return []
    out = [f"Blind spot: {a.attribute.short_name} (self {format_score(a.current.score)}, "
           f"others {format_score(a.others.average)})" for a in profile.blind_spots if a.current]
    out += [f"Hidden strength: {a.attribute.short_name} (self "
            f"{format_score(a.current.score)}, others {format_score(a.others.average)})"
            for a in profile.hidden_strengths if a.current]
    far = sorted((a for a in profile.attributes if (a.to_target or 0) > 0),
                 key=lambda a: -(a.to_target or 0))
    out += [f"To target: {a.attribute.short_name} {format_change(a.to_target)} "
            f"({format_score(a.current.score if a.current else None)} now, target "
            f"{format_score(a.target.score if a.target else None)})" for a in far[:3]]
    return out


def _late(m: PlanMilestone, today: date) -> bool:
    return m.status in (OPEN, MOVED) and m.due_on is not None and m.due_on < today


def overdue(content: PackContent) -> list[str]:
    """Open development actions and plan milestones past their date, the oldest first."""
    today = content.prepared_on
    found: list[tuple[date, str]] = []
    for a in content.actions:
        if a.due_on and a.due_on < today:
            found.append((a.due_on, f"Action: {a.description} (due {uk_date(a.due_on)})"))
    for goal in content.plan:
        for m in goal.milestones:
            if m.due_on is not None and _late(m, today):
                found.append((m.due_on, f"Milestone: {m.text}, for “{goal.title}” "
                                        f"(due {uk_date(m.due_on)})"))
    return [line for _day, line in sorted(found, key=lambda f: f[0])]


# -- since last session ------------------------------------------------------------------------
@dataclass(frozen=True)
class SinceBlock:
    heading: str
    lines: tuple[str, ...]
    empty: str  # said in one line when there is nothing


def _others_line(o: OthersRound) -> str:
    """"Team member, 3 raters, 20–23 Oct 2026: 15 ratings, average 3.9"."""
    when = (f"{uk_date(o.first_on, short=True)} to {uk_date(o.rated_on, short=True)}"
            if o.first_on else uk_date(o.rated_on, short=True))
    raters = f"{o.returns} rater{'s' if o.returns != 1 else ''}"
    average = f", average {format_score(o.average)}" if o.average is not None else ""
    if o.group == OTHERS and o.returns < MIN_GROUP_RETURNS:
        average = " (too few raters for an average of their own)"
    name = "Others (smaller groups merged)" if o.group == OTHERS else o.group.capitalize()
    return f"{name}, {raters}, {when}: {o.rated} rating{'s' if o.rated != 1 else ''}{average}"


def since_blocks(content: PackContent) -> list[SinceBlock]:
    """The four parts of "Since last session", each a few lines."""
    s = content.since_last
    closed = tuple(
        f"{_STATUS.get(a.status, a.status.capitalize())} {uk_date(a.closed_on, short=True)}: "
        f"{a.description}" + (f". Outcome: {a.outcome}" if a.outcome and a.status == "done"
                              else f". Why: {a.outcome}" if a.outcome else "")
        for a in s.closed)
    milestones = tuple(
        f"{_CHANGE.get(c.change, c.change.capitalize())} {uk_date(c.on, short=True)}: "
        f"{c.milestone}, for “{c.goal}”" + (f" ({c.detail})" if c.detail else "")
        for c in content.milestone_changes)
    ratings = tuple(
        f"{r.attribute}: " + (f"{r.before} → {r.after}" if r.before is not None
                              else f"{r.after} (first self-rating)")
        + f", {uk_date(r.rated_on, short=True)}" for r in s.rating_changes)
    others = tuple(_others_line(o) for o in s.others)
    return [SinceBlock("Actions closed", closed, "No actions closed."),
            SinceBlock("Milestones met, moved or missed", milestones,
                       "No milestones met, moved or missed."),
            SinceBlock("Self-ratings given again", ratings, "No new self-ratings."),
            SinceBlock("New ratings by others", others, "No new ratings by others.")]


def since_title(content: PackContent) -> str:
    return since_heading(content.since_last)


def since_summary(content: PackContent) -> str:
    """One line for the plan shown before saving."""
    s = content.since_last
    start = f"since {uk_date(s.since)}" if s.since else "everything so far"
    return (f"{start}: {len(s.closed)} actions closed, {len(content.milestone_changes)} "
            f"milestone changes, {len(s.rating_changes)} self-ratings, {len(s.others)} new "
            "rounds by others")


# -- the development plan ----------------------------------------------------------------------
NO_PLAN = "No development plan yet."


def milestone_text(m: PlanMilestone) -> str:
    """"Chair the first joint panel: met 3 Mar 2026 (due 1 Mar 2026)" and the like."""
    due = f"due {uk_date(m.due_on, short=True)}" if m.due_on else "no date"
    when = f" {uk_date(m.decided_on, short=True)}" if m.decided_on else ""
    if m.status == MET:
        state = f"met{when} ({due})"
    elif m.status == MOVED:
        was = f" from {uk_date(m.moved_from, short=True)}" if m.moved_from else ""
        state = f"moved{was}, now {due}"
    elif m.status == MISSED:
        state = f"missed{when} ({due})"
    else:
        state = f"open, {due}"
    why = f"; {m.why}" if m.why and m.status in (MOVED, MISSED) else ""
    return f"{m.text}: {state}{why}"


def goal_text(goal: PlanGoal) -> tuple[str, str]:
    """The goal's title and what is under it (its target, its evidence)."""
    extra = []
    if goal.target is not None:
        extra.append(f"target {goal.target}")
    if goal.evidence:
        extra.append(f"{goal.evidence} piece{'s' if goal.evidence != 1 else ''} of evidence")
    return goal.title, ", ".join(extra)


def goal_status(goal: PlanGoal, today: date) -> str:
    if goal.status != "active":
        return goal.status.capitalize()
    met = sum(1 for m in goal.milestones if m.status == MET)
    late = sum(1 for m in goal.milestones if _late(m, today))
    text = f"Active, {met} of {len(goal.milestones)} met" if goal.milestones else "Active"
    return text + (f", {late} overdue" if late else "")


# -- reflections by attribute ------------------------------------------------------------------
@dataclass(frozen=True)
class ReflectionGroup:
    heading: str  # the attribute's name (and short name), or "Other reflections"
    entries: tuple[PackEntry, ...]
    see_also: tuple[PackEntry, ...] = ()  # printed under their first attribute


def attribute_heading(short: str) -> str:
    for a in profile_domain.attributes():
        if a.short_name == short:
            return f"{a.name} ({a.short_name})"
    return short


def reflection_groups(entries: Sequence[PackEntry]) -> list[ReflectionGroup]:
    """Reflections under the attribute they evidence, in the workbook's order; an entry with
    two is printed under its first and named under the other; none: "Other reflections"."""
    order = [a.short_name for a in profile_domain.attributes()]
    known = [e for e in entries if e.attributes]
    extra = [s for e in known for s in e.attributes if s not in order]
    groups = []
    for short in dict.fromkeys([*order, *extra]):
        first = tuple(e for e in known if e.attributes[0] == short)
        also = tuple(e for e in known if short in e.attributes[1:])
        if first or also:
            groups.append(ReflectionGroup(attribute_heading(short), first, also))
    plain = tuple(e for e in entries if not e.attributes)
    if plain:
        groups.append(ReflectionGroup(OTHER_REFLECTIONS, plain))
    return groups


def see_also_text(entry: PackEntry) -> str:
    """"See also “Quiet voices” (3 March 2026), under Practice & culture."."""
    return (f"See also “{entry.title or '(untitled)'}” ({uk_date(entry.happened_on)}), "
            f"under {entry.attributes[0]}.")
