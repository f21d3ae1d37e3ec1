"""What a team climate check-in looks like to the rest of Reflect, and the maths on it: the
gaps (ideal − now) with the widest, the trend across check-ins, team responses shown as a
group only when there are enough of them, and when the next check-in is due.

Plain data and pure functions (no journal): the Profile page, Home, "My supervision" and the
mentor pack all read the same numbers from here.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from reflect.content.climate import ClimateContent, climate_content
from reflect.feedback.groups import MIN_GROUP_RETURNS

CREATE, EXPERIENCE = "create", "experience"
PERSPECTIVES = (CREATE, EXPERIENCE)
SCORES = range(1, 6)
#: A check-in each quarter: due once the last one is this old (or there is none yet).
DUE_AFTER = timedelta(days=90)
TOO_FEW = "fewer than three responses: not shown as a group"


@dataclass(frozen=True)
class CheckIn:
    """One check-in as stored: ``scores`` maps dimension id to (now, ideal); a dimension the
    leader skipped is absent. ``responses`` holds each team member's paper response alike."""

    id: int
    checked_on: date
    perspective: str
    note: str
    scores: Mapping[str, tuple[int, int]]
    responses: tuple[Mapping[str, tuple[int, int]], ...] = ()


@dataclass(frozen=True)
class Gap:
    dimension: str  # id
    name: str
    now: float
    ideal: float

    @property
    def gap(self) -> float:
        """Ideal minus now: how far the climate is from where the leader wants it."""
        return self.ideal - self.now


@dataclass(frozen=True)
class TeamView:
    """The team's responses to one check-in: averaged only when there are enough."""

    count: int
    gaps: tuple[Gap, ...] = ()  # empty when too few responses

    @property
    def shown(self) -> bool:
        return self.count >= MIN_GROUP_RETURNS

    def summary(self) -> str:
        if not self.count:
            return "No team responses recorded."
        if not self.shown:
            return f"{self.count} team response{'s' if self.count != 1 else ''}: {TOO_FEW}."
        return f"{self.count} team responses, averaged."


@dataclass(frozen=True)
class TrendLine:
    """One dimension across check-ins, oldest first (None: not rated that time)."""

    dimension: str
    name: str
    days: tuple[date, ...]
    now: tuple[int | None, ...]
    ideal: tuple[int | None, ...]

    def change(self) -> int | None:
        """Now in the latest check-in minus now in the first that rated it."""
        rated = [v for v in self.now if v is not None]
        return rated[-1] - rated[0] if len(rated) >= 2 else None


def gaps(checkin: CheckIn, content: ClimateContent | None = None) -> tuple[Gap, ...]:
    """The leader's gaps, in the dimensions' order (skipped dimensions left out)."""
    content = content or climate_content()
    return tuple(Gap(d.id, d.name, *checkin.scores[d.id]) for d in content.dimensions
                 if d.id in checkin.scores)


def widest(found: Sequence[Gap]) -> Gap | None:
    """The widest gap where ideal is above now (the first in order on a tie); None when now
    meets the ideal everywhere."""
    best = max((g.gap for g in found), default=0)
    return next((g for g in found if g.gap == best), None) if best > 0 else None


def prompt_for(gap: Gap | None, content: ClimateContent | None = None) -> str:
    """The question for the widest gap's dimension ("" when there is none)."""
    if gap is None:
        return ""
    return (content or climate_content()).dimension(gap.dimension).prompt


def format_gap(value: float) -> str:
    text = f"{value:+.1f}".replace(".0", "")
    return "0" if text in ("+0", "-0") else text.replace("-", "−")


def team_view(checkin: CheckIn, content: ClimateContent | None = None) -> TeamView:
    """The small-group rule of the 360 round (:data:`MIN_GROUP_RETURNS`): fewer than three
    responses are counted but not averaged, so no one person's answers can be read off."""
    count = len(checkin.responses)
    if count < MIN_GROUP_RETURNS:
        return TeamView(count)
    content = content or climate_content()
    averaged = []
    for d in content.dimensions:
        pairs = [r[d.id] for r in checkin.responses if d.id in r]
        if len(pairs) >= MIN_GROUP_RETURNS:  # a dimension a few skipped is not shown either
            averaged.append(Gap(d.id, d.name, sum(p[0] for p in pairs) / len(pairs),
                                sum(p[1] for p in pairs) / len(pairs)))
    return TeamView(count, tuple(averaged))


def trend(checkins: Sequence[CheckIn],
          content: ClimateContent | None = None) -> tuple[TrendLine, ...]:
    """Per dimension, now and ideal across ``checkins`` (one perspective), oldest first."""
    content = content or climate_content()
    ordered = sorted(checkins, key=lambda c: (c.checked_on, c.id))
    days = tuple(c.checked_on for c in ordered)
    return tuple(TrendLine(d.id, d.name, days,
                           tuple(c.scores[d.id][0] if d.id in c.scores else None
                                 for c in ordered),
                           tuple(c.scores[d.id][1] if d.id in c.scores else None
                                 for c in ordered))
                 for d in content.dimensions)


def is_due(last: date | None, today: date) -> bool:
    """A check-in each quarter: due with none yet, or once the last is 90 days old."""
    return last is None or today - last >= DUE_AFTER


def latest(checkins: Sequence[CheckIn], perspective: str) -> CheckIn | None:
    found = [c for c in checkins if c.perspective == perspective]
    return max(found, key=lambda c: (c.checked_on, c.id), default=None)


@dataclass(frozen=True)
class ClimateSnapshot:
    """What the mentor pack shows: the latest check-in of each perspective (as of the pack's
    day), and how many check-ins there were in all."""

    latest: tuple[CheckIn, ...] = ()
    count: int = 0
