"""The demo's 360 rounds (``[[rounds]]`` in ``resources/demo/profile.toml``): named, dated,
with the forms sent per rater group, and each rater's ratings typed in as one return in its
round, as the leader types in a returned paper form. So the Profile page and the mentor pack
show what a real round gives: a group large enough to be shown, small groups merged into
"others", the line manager, and the latest round against the previous one."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from typing import TYPE_CHECKING

from reflect.demo.toml_data import TomlTable
from reflect.feedback import rounds as feedback_rounds
from reflect.feedback.rounds import MAX_FORMS_PER_GROUP, Round, group_name

if TYPE_CHECKING:
    from reflect.journal.journal import Journal

ROUND_KEYS = ("name", "opened_days_ago", "closed_days_ago", "invited")


@dataclass(frozen=True)
class DemoRound:
    name: str
    opened_days_ago: int
    closed_days_ago: int | None
    invited: Mapping[str, int]  # group name -> forms sent


def demo_round(t: TomlTable) -> DemoRound:
    name = feedback_rounds.clean_name(t.get("name", str))
    opened = t.days("opened_days_ago")
    closed = t.days("closed_days_ago", None)
    if closed is not None and closed > opened:
        t.fail("closed_days_ago", "a round closes on or after the day it opened")
    invited: dict[str, int] = {}
    for given, count in t.get("invited", dict).items():
        group = group_name(given)
        if group is None:
            t.fail("invited", f"'{given}' is not a rater group")
        if isinstance(count, bool) or not isinstance(count, int) or not (
                1 <= count <= MAX_FORMS_PER_GROUP):
            t.fail("invited", f"the forms sent to '{given}' must be from 1 to "
                              f"{MAX_FORMS_PER_GROUP}")
        invited[group] = count
    if not invited:
        t.fail("invited", "a round invites at least one group")
    return DemoRound(name, opened, closed, invited)


def add_rounds(journal: Journal, found: Sequence[DemoRound], today: date) -> dict[str, Round]:
    """Open every round (closing comes after its returns are in: :func:`close_rounds`)."""
    return {r.name: feedback_rounds.create_round(
        journal, r.name, r.invited, opened_on=today - timedelta(days=r.opened_days_ago))
        for r in found}


def close_rounds(journal: Journal, found: Sequence[DemoRound], made: Mapping[str, Round],
                 today: date) -> None:
    for r in found:
        if r.closed_days_ago is not None:
            feedback_rounds.close_round(journal, made[r.name].uid,
                                        today - timedelta(days=r.closed_days_ago))
