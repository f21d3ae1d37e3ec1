"""Round on round: the latest 360 round against the previous one, per attribute, and per
rater group where the group is large enough in both rounds to be shown on its own.

A round is a :class:`~reflect.store.models.FeedbackRound`; a rating is in it through its
return. Ratings typed in outside a round are in the profile but in no round, so they are not
compared. Groups follow the anonymity rule (:mod:`reflect.profile.anonymity`): a group is
compared only with at least three returns in both rounds, or when it is the line manager, who
is known anyway. A merged "others" is not compared: who is in it changes from round to round.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from statistics import fmean
from typing import TYPE_CHECKING

from reflect.common.dates import uk_date
from reflect.content.library import Attribute
from reflect.profile import anonymity
from reflect.profile.ratings import RatingValue, attributes, format_change, format_score
from reflect.store import ratings as rating_store

if TYPE_CHECKING:
    from reflect.journal.journal import Journal

NO_ROUNDS = ("No 360 round yet: ratings by others typed in outside a round are in the "
             "profile but not compared round on round.")
ONE_ROUND = "One round so far"
GROUPS_NOTE = ("Groups are compared only with at least three returns in both rounds; the line "
               "manager always.")


@dataclass(frozen=True)
class RoundRef:
    id: int
    name: str
    opened_on: date

    @property
    def label(self) -> str:
        """"Spring 2027 (1 Mar 2027)"."""
        return f"{self.name} ({uk_date(self.opened_on, short=True)})"


@dataclass(frozen=True)
class Averages:
    """One attribute's (or one group's) others' average in the previous and latest round."""

    previous: float | None
    latest: float | None

    @property
    def change(self) -> float | None:
        if self.previous is None or self.latest is None:
            return None
        return self.latest - self.previous

    def cells(self) -> tuple[str, str, str]:
        return format_score(self.previous), format_score(self.latest), format_change(self.change)

    def text(self) -> str:
        """"3.5 → 4 (+0.5)", as a group's cell reads."""
        previous, latest, change = self.cells()
        return f"{previous} → {latest}" + (f" ({change})" if self.change is not None else "")


@dataclass(frozen=True)
class AttributeRounds:
    attribute: Attribute
    overall: Averages
    groups: tuple[tuple[str, Averages], ...]  # in the order of RoundComparison.groups


@dataclass(frozen=True)
class RoundComparison:
    rounds: tuple[RoundRef, ...]  # rounds with ratings by others, oldest first
    groups: tuple[str, ...] = ()  # groups compared: large enough in both rounds
    attributes: tuple[AttributeRounds, ...] = ()

    @property
    def compared(self) -> bool:
        return len(self.rounds) >= 2

    @property
    def latest(self) -> RoundRef | None:
        return self.rounds[-1] if self.rounds else None

    @property
    def previous(self) -> RoundRef | None:
        return self.rounds[-2] if self.compared else None

    def summary(self) -> str:
        """One sentence: what is compared with what, or why nothing is."""
        if not self.rounds:
            return NO_ROUNDS
        if not self.compared:
            return f"{ONE_ROUND}, {self.rounds[-1].label}: the next round will be compared with it."
        assert self.latest is not None and self.previous is not None
        groups = (", ".join(anonymity.group_label(g) for g in self.groups)
                  if self.groups else "no group large enough in both")
        return (f"{self.latest.label} against {self.previous.label}; by group: {groups}.")


def _average(values: Iterable[RatingValue]) -> float | None:
    scores = [v.score for v in values if v.score is not None]
    return fmean(scores) if scores else None


def compare(rows: Iterable[tuple[RatingValue, RoundRef]],
            attribute_list: Sequence[Attribute]) -> RoundComparison:
    """Compare the latest round with the previous one (pure: no database)."""
    by_round: dict[RoundRef, list[RatingValue]] = {}
    for value, round_ in rows:
        if value.kind == "other":
            by_round.setdefault(round_, []).append(value)
    rounds = tuple(sorted(by_round, key=lambda r: (r.opened_on, r.id)))
    if len(rounds) < 2:
        return RoundComparison(rounds)
    previous, latest = by_round[rounds[-2]], by_round[rounds[-1]]
    before, after = anonymity.returns_by_group(previous), anonymity.returns_by_group(latest)
    groups = tuple(sorted((g for g in set(before) & set(after)
                           if anonymity.comparable(g, before[g], after[g])),
                          key=anonymity.order_key))
    out = []
    for attribute in attribute_list:
        old = [v for v in previous if v.attribute_id == attribute.id]
        new = [v for v in latest if v.attribute_id == attribute.id]
        per_group = tuple(
            (g, Averages(_average(v for v in old if anonymity.group_of(v) == g),
                         _average(v for v in new if anonymity.group_of(v) == g)))
            for g in groups)
        out.append(AttributeRounds(attribute, Averages(_average(old), _average(new)), per_group))
    return RoundComparison(rounds, groups, tuple(out))


def load(journal: Journal, *, as_of: date | None = None) -> RoundComparison:
    """The comparison from the journal's rounds, up to ``as_of`` (default: everything)."""
    with journal.vault.session() as session:
        rows = [(RatingValue.of(rating, round_id), RoundRef(round_id, name, opened_on))
                for rating, round_id, name, opened_on
                in rating_store.others_with_rounds(session, date_to=as_of)]
    return compare(rows, attributes())
