"""Who is one rater, and which group their ratings are shown under: the 360 round's anonymity
rule (:mod:`reflect.feedback.groups`) applied to ratings, in one place for the profile, the
mentor pack's tables and notes, "since last session" and the round-on-round comparison.

One rater is a *return*. A rating with a ``return_id`` belongs to that return (an imported
form, or a rater's ratings typed in together); a rating without one (typed before rounds
existed) has no rater stored, so a group's ratings on one day count as one return.

Returns are counted round by round (the same people answer each round), and a group's
count is its smallest in any round it took part in (:func:`raters_by_group`); ratings typed
outside any round are one more such batch. A group with fewer than
:data:`MIN_GROUP_RETURNS` returns is merged into "other" (shown as
"Others"), except the line manager, who is known anyway. When the merged "Others" is itself
under three returns it gets no row of its own: its ratings count only in the overall average
(and in the findings), and its comments are shown under "Others" like every merged comment.
The rule hides who said what, not what was said.

Works on anything with ``kind``, ``rater_group``, ``rated_on`` and ``return_id``, so it needs
nothing from :mod:`reflect.profile.ratings`, which calls it.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import date
from typing import Protocol

from reflect.feedback.groups import (
    ANONYMITY_RULE,
    KNOWN_ANYWAY,
    MIN_GROUP_RETURNS,
    OTHERS,
    RATER_GROUPS,
    shown_as,
)

#: The shown group of ratings counted only in the overall average (a tiny merged "Others").
OVERALL_ONLY = ""

#: The rule as the Profile page and the mentor pack state it: the form's sentence, what
#: happens to a tiny "Others", and what a return is when ratings were typed in by hand.
RULE_TEXT = (f"{ANONYMITY_RULE} When “others” itself has fewer than three returns, it has no "
             "row: it counts only in the overall average, and its comments are shown under "
             "“Others”. Returns are counted round by round, as the same people answer each "
             "round; ratings typed in by hand count as one return per group and day.")


class RaterRating(Protocol):
    """What the rule reads of a rating (a :class:`~reflect.profile.ratings.RatingValue`)."""

    @property
    def kind(self) -> str: ...
    @property
    def rater_group(self) -> str | None: ...
    @property
    def rated_on(self) -> date: ...
    @property
    def return_id(self) -> int | None: ...
    @property
    def round_id(self) -> int | None: ...


def group_of(value: RaterRating) -> str:
    return value.rater_group or OTHERS


def return_key(value: RaterRating) -> tuple[object, ...]:
    """The rater a rating came from: its return, else its group and day."""
    if value.return_id is not None:
        return ("return", value.return_id)
    return ("day", group_of(value), value.rated_on)


def returns_by_group(values: Iterable[RaterRating]) -> dict[str, int]:
    """How many returns (raters) each group's ratings by others came in."""
    found: dict[str, set[tuple[object, ...]]] = {}
    for value in values:
        if value.kind == "other":
            found.setdefault(group_of(value), set()).add(return_key(value))
    return {group: len(keys) for group, keys in found.items()}


def raters_by_group(values: Iterable[RaterRating]) -> dict[str, int]:
    """How many raters each group surely has: its returns counted round by round (ratings
    outside any round count as one more "round"), and the fewest taken. The same two peers
    answering two rounds are four returns but two people, so they stay merged."""
    batches: dict[int | None, list[RaterRating]] = {}
    for value in values:
        if value.kind == "other":
            batches.setdefault(value.round_id, []).append(value)
    out: dict[str, int] = {}
    for batch in batches.values():
        for group, count in returns_by_group(batch).items():
            out[group] = min(out.get(group, count), count)
    return out


def shown_groups(returns: Mapping[str, int]) -> dict[str, str]:
    """Each group's shown group: itself, "other", or :data:`OVERALL_ONLY` when the merged
    "other" is itself under :data:`MIN_GROUP_RETURNS` returns."""
    shown = {group: shown_as(group, count) for group, count in returns.items()}
    merged = sum(count for group, count in returns.items() if shown[group] == OTHERS)
    if merged < MIN_GROUP_RETURNS:
        shown = {g: OVERALL_ONLY if s == OTHERS else s for g, s in shown.items()}
    return shown


def shown_returns(returns: Mapping[str, int], shown: Mapping[str, str]) -> dict[str, int]:
    """Returns per shown group (the merged "other" adds up the groups merged into it)."""
    out: dict[str, int] = {}
    for group, count in returns.items():
        out[shown[group]] = out.get(shown[group], 0) + count
    return out


def comparable(group: str, *returns: int) -> bool:
    """Whether a group can be shown on its own in every one of the given counts."""
    return group in KNOWN_ANYWAY or all(n >= MIN_GROUP_RETURNS for n in returns)


_ORDER = {g.name: i for i, g in enumerate(RATER_GROUPS)}


def order_key(group: str) -> tuple[int, str]:
    """Groups in the round's order (line manager first, "other" last), unknown ones between."""
    if group == OTHERS:
        return (len(_ORDER) + 1, group)
    return (_ORDER.get(group, len(_ORDER)), group)


def group_label(group: str) -> str:
    """A group as headers and notes show it: "Line manager", "Team member", "Others"."""
    if group in (OTHERS, OVERALL_ONLY):
        return "Others"
    return group[:1].upper() + group[1:]
