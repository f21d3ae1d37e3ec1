"""What a mentor pack holds: the leader's choices and the snapshot the PDF is laid out from.

These sit below both :mod:`reflect.profile.mentor_pack` (which collects them from the journal)
and :mod:`reflect.profile.mentor_layout` (which lays them out), so neither imports the other
for its types.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date

from reflect.climate.views import ClimateSnapshot
from reflect.coaching.views import MilestoneChange, PlanGoal
from reflect.profile.ratings import Profile, SelfRound
from reflect.profile.round_compare import RoundComparison

DEFAULT_TITLE = "Leadership development: mentor pack"


@dataclass(frozen=True)
class PackOptions:
    """Exactly what the leader chose. Only the entries listed in ``entry_ids`` go in."""

    date_from: date | None = None
    date_to: date | None = None
    leader_name: str = ""
    title: str = DEFAULT_TITLE
    include_profile: bool = True
    include_notes: bool = True
    include_actions: bool = True
    entry_ids: tuple[int, ...] = ()
    sensitive_sections_for: tuple[int, ...] = ()  # entries whose sensitive sections go in too
    action_ids: tuple[int, ...] | None = None  # None: every open development action
    prepared_on: date | None = None  # default: today
    coach: str = ""  # the coach or mentor's name or role, for the brief
    session_on: date | None = None  # the coaching session the pack is for
    include_plan: bool = True  # the development plan table
    role: str = ""  # the leader's role, for the brief's "role and context" ('' leaves it out)
    include_climate: bool = False  # the team climate check-ins, only if chosen


@dataclass(frozen=True)
class PackSection:
    """One answered template section; ``value`` is Markdown, or rows for actions."""

    title: str
    value: str = ""
    actions: tuple[Mapping[str, str], ...] = ()


@dataclass(frozen=True)
class PackEntry:
    entry_id: int
    title: str
    happened_on: date
    kind: str
    body: str
    sections: tuple[PackSection, ...] = ()
    tags: tuple[str, ...] = ()
    attributes: tuple[str, ...] = ()
    prompt: str = ""
    prompt_source: str = ""
    sensitive: bool = False
    left_out: tuple[str, ...] = ()  # sensitive section titles not included


@dataclass(frozen=True)
class PackAction:
    action_id: int
    description: str
    owner: str
    due_on: date | None
    source: str  # the title of the entry it was agreed in


@dataclass(frozen=True)
class ClosedAction:
    """One of the leader's own actions closed since the last session, with what came of it."""

    description: str
    status: str  # done, dropped or carried
    closed_on: date
    outcome: str = ""  # the outcome when done; why, when dropped or carried forward
    source: str = ""  # the title of the entry it was agreed in


@dataclass(frozen=True)
class RatingChange:
    """An attribute self-rated again since the last session: from what, to what."""

    attribute: str  # short name
    before: int | None  # the latest self-rating on or before the last session (None: first)
    after: int
    rated_on: date


@dataclass(frozen=True)
class OthersRound:
    """Ratings one group of others gave since the last session. A group with fewer than
    three returns is shown as "other" (:mod:`reflect.feedback.groups`), so that a line of
    the pack never reads as one named person's ratings; the line manager is known anyway."""

    group: str
    rated_on: date  # the latest day
    rated: int  # ratings given (not observed included)
    average: float | None
    returns: int = 1  # raters: returns, or days for ratings typed before rounds
    first_on: date | None = None  # the earliest day, when it differs


@dataclass(frozen=True)
class SinceLast:
    """What changed since the previous coaching session (or pack, or the period's start)."""

    since: date | None = None
    basis: str = ""  # "the previous coaching session", "the last mentor pack", ...
    closed: tuple[ClosedAction, ...] = ()
    rating_changes: tuple[RatingChange, ...] = ()
    others: tuple[OthersRound, ...] = ()


@dataclass(frozen=True)
class PackContent:
    """A snapshot of everything the PDF shows: rendering needs nothing else."""

    options: PackOptions
    prepared_on: date
    profile: Profile | None
    history: tuple[SelfRound, ...]
    coaching: tuple[PackEntry, ...]
    reflections: tuple[PackEntry, ...]
    actions: tuple[PackAction, ...]
    missing: tuple[int, ...] = ()  # ticked ids no longer in the journal
    plan: tuple[PlanGoal, ...] = ()  # the development plan's goals
    milestone_changes: tuple[MilestoneChange, ...] = ()  # since the last session
    session_goals: str = ""  # the goals of the latest ticked coaching preparation (Markdown)
    since_last: SinceLast = SinceLast()
    rounds: RoundComparison | None = None  # round on round, with the profile
    climate: ClimateSnapshot | None = None  # when include_climate


def contents_list(content: PackContent) -> list[str]:
    """The brief's "In this pack" lines, the same in the PDF and the printed pack."""
    o = content.options
    parts: list[str] = ["Since last session: actions closed, milestones, ratings"]
    if o.include_plan:
        count = len(content.plan)
        parts.append(f"Development plan ({count} goal{'s' if count != 1 else ''})" if count
                     else "Development plan (none yet)")
    if content.coaching:
        parts.append(f"Coaching preparation and goals ({len(content.coaching)}, latest first)")
    if o.include_profile and content.profile:
        parts.append("Leadership profile: radar, scores, change and gaps")
    if o.include_notes and content.profile:
        parts.append("Notes on the five attributes")
    if content.reflections:
        parts.append(f"Reflections by attribute ({len(content.reflections)})")
    if o.include_actions:
        parts.append(f"Open development actions ({len(content.actions)})")
    if o.include_climate:
        parts.append("Team climate: now and ideal, the gaps")
    if o.include_profile and content.profile:
        parts.append("About the ratings: the attributes and their questions")
    parts.append("Notes from the session: a page to write on")
    return parts
