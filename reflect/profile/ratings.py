"""The Leadership Profile: the five SFPC attributes rated 1–5 by the leader (now and as a
target) and by others from 360 feedback, with the change and the gaps a mentor asks about.

All the arithmetic is here, not in widgets or the PDF, so the app, the mentor pack and the
command line can never disagree about what a "blind spot" is.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from statistics import fmean
from typing import TYPE_CHECKING

from reflect.common.dates import uk_date
from reflect.common.errors import ReflectError
from reflect.content.library import Attribute, load_attributes
from reflect.feedback.groups import OTHERS
from reflect.profile import anonymity
from reflect.store import ratings as rating_store
from reflect.store.models import RATING_KINDS, Rating

if TYPE_CHECKING:
    from reflect.journal.journal import Journal

SCORE_MIN, SCORE_MAX = 1, 5

# When a gap is named. A difference of one whole point is one whole step on the workbook's
# 1-5 scale (the workbook names no step; it says only what a 5 might sound like), more than
# rounding or a single generous rater can make;
# and one other person's view is an anecdote, so at least two scored ratings by others
# ("not observed" does not count) are needed before a gap is named.
CLEAR_DIFFERENCE = 1.0
MIN_OTHER_RATINGS = 2
# Others' ratings older than this before the profile date are history, not today's picture.
OTHERS_WINDOW_DAYS = 365

# The footnote under the findings. It explains the words the table and the findings show
# ("Blind spot", "Hidden strength"), not a word shown nowhere above it.
CLEARLY_MEANS = (
    f"A blind spot is a self-rating at least {CLEAR_DIFFERENCE:g} point above the average of "
    f"others' ratings; a hidden strength, at least {CLEAR_DIFFERENCE:g} point below it. Both "
    f"need at least {MIN_OTHER_RATINGS} ratings by others from the "
    f"{OTHERS_WINDOW_DAYS // 30} months before; “not observed” is left out of every average."
)

KIND_LABELS = {"self": "Self", "target": "Target", "other": "360"}

SUGGESTED_RATER_GROUPS = ("line manager", "peer", "team member", "senior leader", "partner")

BLIND_SPOT = "blind_spot"
HIDDEN_STRENGTH = "hidden_strength"
FINDING_LABELS = {BLIND_SPOT: "Blind spot", HIDDEN_STRENGTH: "Hidden strength"}


class ProfileError(ReflectError):
    """A rating that cannot be stored as given (unknown attribute, score out of range)."""

    exit_code = 2


@dataclass(frozen=True)
class RatingValue:
    """One stored rating, detached from the database."""

    id: int
    attribute_id: str
    kind: str
    score: int | None  # None: "not observed" (others only)
    rated_on: date
    rater_group: str | None = None
    target_by: date | None = None
    note: str = ""
    created_at: datetime | None = None  # kept so an undone delete sorts where it did
    return_id: int | None = None  # the rater's return (form or typed together) it came in
    round_id: int | None = None  # the 360 round of that return (None: outside any round)

    @classmethod
    def of(cls, row: Rating, round_id: int | None = None) -> RatingValue:
        return cls(row.id or 0, row.attribute_id, row.kind, row.score, row.rated_on,
                   row.rater_group, row.target_by, row.note or "", row.created_at,
                   row.return_id, round_id)


@dataclass(frozen=True)
class GroupAverage:
    """Others' ratings of one attribute from one rater group."""

    group: str
    average: float | None
    count: int  # scored ratings
    not_observed: int
    returns: int = 0  # raters (returns) the group's ratings came in


@dataclass(frozen=True)
class OthersSummary:
    average: float | None
    count: int
    not_observed: int
    by_group: tuple[GroupAverage, ...]  # groups as shown: small ones merged into "other"
    notes: tuple[tuple[str, str], ...] = ()  # (shown group, note); merged ones under "other"
    returns: int = 0  # raters (returns) in the window, every group


@dataclass(frozen=True)
class AttributeProfile:
    """Everything the radar, the table and the mentor pack show for one attribute."""

    attribute: Attribute
    current: RatingValue | None
    previous: RatingValue | None
    target: RatingValue | None
    others: OthersSummary

    @property
    def change(self) -> int | None:
        """Current self-rating minus the previous one."""
        if self.current is None or self.previous is None:
            return None
        return _score(self.current) - _score(self.previous)

    @property
    def to_target(self) -> int | None:
        """Target minus current: the distance still to travel (negative: past the target)."""
        if self.current is None or self.target is None:
            return None
        return _score(self.target) - _score(self.current)

    @property
    def self_minus_others(self) -> float | None:
        if self.current is None or self.others.average is None:
            return None
        return _score(self.current) - self.others.average

    @property
    def finding(self) -> str | None:
        """BLIND_SPOT, HIDDEN_STRENGTH or None, by the rule in :data:`CLEARLY_MEANS`."""
        gap = self.self_minus_others
        if gap is None or self.others.count < MIN_OTHER_RATINGS:
            return None
        if gap >= CLEAR_DIFFERENCE - 1e-9:
            return BLIND_SPOT
        if gap <= -CLEAR_DIFFERENCE + 1e-9:
            return HIDDEN_STRENGTH
        return None


@dataclass(frozen=True)
class Profile:
    as_of: date
    others_from: date | None
    attributes: tuple[AttributeProfile, ...]

    def get(self, attribute_id: str) -> AttributeProfile:
        return next(a for a in self.attributes if a.attribute.id == attribute_id)

    @property
    def blind_spots(self) -> list[AttributeProfile]:
        return [a for a in self.attributes if a.finding == BLIND_SPOT]

    @property
    def hidden_strengths(self) -> list[AttributeProfile]:
        return [a for a in self.attributes if a.finding == HIDDEN_STRENGTH]

    def focus_attribute(self) -> str | None:
        """The attribute a focus day's prompt turns to: the blind spot with the widest gap,
        else the largest distance still to the target; ties go to the radar's order. None
        when neither is known (no ratings by others, no target above the current rating)."""
        spots = self.blind_spots
        if spots:
            return max(spots, key=lambda a: a.self_minus_others or 0.0).attribute.id
        ahead = [a for a in self.attributes if (a.to_target or 0) > 0]
        return max(ahead, key=lambda a: a.to_target or 0).attribute.id if ahead else None


@dataclass(frozen=True)
class SelfRound:
    """The self-ratings given on one day, for the history table."""

    rated_on: date
    scores: Mapping[str, int]


@dataclass(frozen=True)
class RadarSeries:
    """One line on the radar, in axis order; the PDF and the Qt view draw the same series."""

    key: str
    label: str
    values: tuple[float | None, ...]
    colour: str
    dash: tuple[float, ...]
    marker: str
    width: float


# Colour-blind-safe hues of different lightness, and a distinct dash and marker for each, so
# the radar still reads when printed in black and white.
SERIES_LOOK: dict[str, tuple[str, str, tuple[float, ...], str, float]] = {
    "self": ("Current self-rating", "#0B4F8A", (), "circle", 2.4),
    "target": ("Target", "#D55E00", (6, 3), "square", 1.8),
    "previous": ("Previous self-rating", "#8C8C8C", (1.2, 2.4), "triangle", 1.6),
    "others": ("Others' average", "#009E73", (7, 2.5, 1.5, 2.5), "diamond", 1.8),
}


def _score(value: RatingValue) -> int:
    return value.score if value.score is not None else 0


def attributes() -> tuple[Attribute, ...]:
    """The five attributes in radar order (raises ContentError if the shipped file is broken)."""
    return load_attributes()


def validate(scores: Mapping[str, int | None], kind: str, rater_group: str | None,
             known: Iterable[str]) -> None:
    """Raise ProfileError with a sentence the user can act on."""
    if kind not in RATING_KINDS:
        raise ProfileError(f"A rating is one of {', '.join(RATING_KINDS)}, not '{kind}'.")
    known = tuple(known)
    if not scores:
        raise ProfileError("Give at least one rating, such as values_driven=4.")
    for attribute_id, score in scores.items():
        if attribute_id not in known:
            raise ProfileError(f"'{attribute_id}' is not an attribute; use one of "
                               f"{', '.join(known)}.")
        if score is None:
            if kind != "other":
                raise ProfileError("Only others' ratings can be 'not observed'.")
        elif isinstance(score, bool) or not isinstance(score, int) or not (
                SCORE_MIN <= score <= SCORE_MAX):
            raise ProfileError(f"A score is a whole number from {SCORE_MIN} to {SCORE_MAX}; "
                               f"{attribute_id} was given {score!r}.")
    if kind == "other" and not (rater_group or "").strip():
        raise ProfileError("Others' ratings need a rater group, such as line manager or peer.")


def rate(journal: Journal, scores: Mapping[str, int | None], *, kind: str = "self",
         rater_group: str | None = None, rated_on: date | None = None,
         target_by: date | None = None,
         notes: Mapping[str, str] | None = None) -> list[RatingValue]:
    """Store a round of ratings (one per attribute given), all dated ``rated_on``."""
    validate(scores, kind, rater_group, (a.id for a in attributes()))
    notes = notes or {}
    rated_on = rated_on or date.today()
    group = " ".join(rater_group.split()).lower() if kind == "other" and rater_group else None
    now = datetime.now(UTC)
    rows = [Rating(attribute_id=a, kind=kind, score=s, rated_on=rated_on, rater_group=group,
                   target_by=target_by if kind == "target" else None,
                   note=(notes.get(a) or "").strip(), created_at=now)
            for a, s in scores.items()]
    with journal.vault.session() as session:
        saved = rating_store.add_many(session, rows)
        return [RatingValue.of(r) for r in saved]


def ratings(journal: Journal, *, kind: str | None = None, attribute_id: str | None = None,
            date_from: date | None = None, date_to: date | None = None) -> list[RatingValue]:
    """Stored ratings, oldest first."""
    with journal.vault.session() as session:
        rows = rating_store.list_ratings(session, kind=kind, attribute_id=attribute_id,
                                         date_from=date_from, date_to=date_to)
        rounds = rating_store.return_rounds(session, (r.return_id for r in rows))
        return [RatingValue.of(r, rounds.get(r.return_id) if r.return_id else None)
                for r in rows]


def delete_rating(journal: Journal, rating_id: int) -> RatingValue | None:
    """Delete one rating; returns what it was (for undo), or None if it was already gone."""
    with journal.vault.session() as session:
        row = rating_store.delete(session, rating_id)
        return RatingValue.of(row) if row is not None else None


def restore_rating(journal: Journal, value: RatingValue) -> RatingValue:
    """Put a deleted rating back as it was, id and all (the undo of :func:`delete_rating`)."""
    row = Rating(id=value.id or None, attribute_id=value.attribute_id, kind=value.kind,
                 score=value.score, rated_on=value.rated_on, rater_group=value.rater_group,
                 target_by=value.target_by, note=value.note,
                 created_at=value.created_at or datetime.now(UTC), return_id=value.return_id)
    with journal.vault.session() as session:
        return RatingValue.of(rating_store.put_back(session, row))


def update_rating(journal: Journal, rating_id: int, *, score: int | None, kind: str,
                  rated_on: date, rater_group: str | None = None,
                  target_by: date | None = None, note: str = "") -> RatingValue:
    """Correct one stored rating, checked by the rules :func:`rate` applies."""
    with journal.vault.session() as session:
        row = rating_store.get(session, rating_id)
        if row is None:
            raise ProfileError("This rating is no longer stored (deleted elsewhere?); "
                               "close the form and check the list.")
        validate({row.attribute_id: score}, kind, rater_group, (a.id for a in attributes()))
        group = " ".join((rater_group or "").split()).lower() if kind == "other" else None
        rating_store.update(session, rating_id, score=score, kind=kind, rated_on=rated_on,
                            rater_group=group, target_by=target_by if kind == "target" else None,
                            note=note.strip())
        return RatingValue.of(row)


def rating_text(value: RatingValue, attribute_names: Mapping[str, str]) -> str:
    """One rating in words, for the list and the Undo bar: "360 (peer): Values 4, 2 Dec 2026"."""
    who = KIND_LABELS.get(value.kind, value.kind)
    if value.kind == "other" and value.rater_group:
        who = f"{who} ({value.rater_group})"
    score = "not observed" if value.score is None else str(value.score)
    name = attribute_names.get(value.attribute_id, value.attribute_id)
    return f"{who}: {name} {score}, {uk_date(value.rated_on, short=True)}"


def set_note(journal: Journal, rating_id: int, note: str) -> None:
    with journal.vault.session() as session:
        rating_store.update_note(session, rating_id, note.strip())


def leader_name(journal: Journal) -> str:
    """The name the leader chose to show on exports ('' if none)."""
    with journal.vault.session() as session:
        return rating_store.get_meta(session, rating_store.LEADER_NAME_KEY) or ""


def set_leader_name(journal: Journal, name: str) -> None:
    with journal.vault.session() as session:
        rating_store.set_meta(session, rating_store.LEADER_NAME_KEY, " ".join(name.split()))


def history(values: Iterable[RatingValue]) -> list[SelfRound]:
    """Self-ratings grouped by day, oldest first; a later rating the same day replaces one."""
    rounds: dict[date, dict[str, int]] = {}
    for value in sorted(values, key=lambda v: (v.rated_on, v.id)):
        if value.kind == "self" and value.score is not None:
            rounds.setdefault(value.rated_on, {})[value.attribute_id] = value.score
    return [SelfRound(day, scores) for day, scores in sorted(rounds.items())]


def _latest(values: Sequence[RatingValue]) -> RatingValue | None:
    return max(values, key=lambda v: (v.rated_on, v.id), default=None)


def _others(values: Sequence[RatingValue], shown: Mapping[str, str],
            returns: Mapping[str, int]) -> OthersSummary:
    """The overall average from every rating; the groups and notes as :mod:`.anonymity`
    shows them (``shown``: group -> shown group; ``returns``: per shown group)."""
    scored = [v.score for v in values if v.score is not None]
    groups: dict[str, list[RatingValue]] = {}
    for value in values:
        groups.setdefault(shown[anonymity.group_of(value)], []).append(value)
    by_group = tuple(
        GroupAverage(name,
                     fmean(s) if (s := [v.score for v in rows if v.score is not None]) else None,
                     len(s), sum(1 for v in rows if v.score is None), returns.get(name, 0))
        for name, rows in sorted(groups.items(), key=lambda item: anonymity.order_key(item[0]))
        if name != anonymity.OVERALL_ONLY
    )
    hidden = (OTHERS, anonymity.OVERALL_ONLY)
    noted = [(shown[anonymity.group_of(v)], v.note) for v in values if v.note]
    own = sorted(((g, n) for g, n in noted if g not in hidden),
                 key=lambda item: anonymity.order_key(item[0]))
    # Merged comments under "other", in no telling order (not by date or by group).
    merged = sorted(n for g, n in noted if g in hidden)
    notes = tuple(own) + tuple((OTHERS, note) for note in merged)
    return OthersSummary(fmean(scored) if scored else None, len(scored),
                         len(values) - len(scored), by_group, notes,
                         sum(returns.values()))


def build_profile(values: Iterable[RatingValue], attribute_list: Sequence[Attribute], *,
                  as_of: date | None = None, others_from: date | None = None) -> Profile:
    """The profile on ``as_of`` (default today) from the given ratings; pure, no database.

    Current = the latest self-rating on or before ``as_of``; previous = the latest one from an
    earlier day. Others' averages use ratings from ``others_from`` (default: the
    :data:`OTHERS_WINDOW_DAYS` before ``as_of``) up to ``as_of``; their groups and notes are
    shown as the anonymity rule says (:mod:`reflect.profile.anonymity`).
    """
    as_of = as_of or date.today()
    if others_from is None:
        others_from = as_of - timedelta(days=OTHERS_WINDOW_DAYS)
    upto = [v for v in values if v.rated_on <= as_of]
    # Raters are counted over the window's five attributes, so a group is shown or merged
    # for the whole table, never per attribute; and per round, as the same people answer
    # every round.
    counted = anonymity.raters_by_group(v for v in upto if v.rated_on >= others_from)
    shown = anonymity.shown_groups(counted)
    returns = anonymity.shown_returns(counted, shown)
    result: list[AttributeProfile] = []
    for attribute in attribute_list:
        mine = [v for v in upto if v.attribute_id == attribute.id]
        selfs = [v for v in mine if v.kind == "self" and v.score is not None]
        current = _latest(selfs)
        previous = (_latest([v for v in selfs if v.rated_on < current.rated_on])
                    if current else None)
        target = _latest([v for v in mine if v.kind == "target" and v.score is not None])
        others = [v for v in mine if v.kind == "other" and v.rated_on >= others_from]
        result.append(AttributeProfile(attribute, current, previous, target,
                                       _others(others, shown, returns)))
    return Profile(as_of, others_from, tuple(result))


def load_profile(journal: Journal, *, as_of: date | None = None,
                 others_from: date | None = None) -> Profile:
    return build_profile(ratings(journal, date_to=as_of), attributes(), as_of=as_of,
                         others_from=others_from)


def radar_series(profile: Profile) -> list[RadarSeries]:
    """Current self, target, previous self and others' average, in :data:`SERIES_LOOK` order;
    a series with no value at all is left out."""
    picks = {
        "self": lambda a: a.current.score if a.current else None,
        "target": lambda a: a.target.score if a.target else None,
        "previous": lambda a: a.previous.score if a.previous else None,
        "others": lambda a: a.others.average,
    }
    series: list[RadarSeries] = []
    for key, (label, colour, dash, marker, width) in SERIES_LOOK.items():
        values = tuple(picks[key](a) for a in profile.attributes)
        if any(v is not None for v in values):
            series.append(RadarSeries(key, label, values, colour, dash, marker, width))
    return series


def format_score(value: float | None) -> str:
    """Scores as a mentor reads them: '4', '3.5', '–' for none."""
    if value is None:
        return "–"
    return f"{value:.1f}".rstrip("0").rstrip(".") if value != int(value) else str(int(value))


def format_change(value: float | None) -> str:
    """A signed difference: '+1', '−0.5', '0', '–' for none (a real minus sign)."""
    if value is None:
        return "–"
    text = format_score(abs(value))
    if abs(value) < 1e-9:
        return "0"
    return ("+" if value > 0 else "\u2212") + text
