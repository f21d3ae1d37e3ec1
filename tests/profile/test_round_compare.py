"""Round on round: the latest 360 round against the previous one, per attribute and per group
large enough in both rounds (the line manager always)."""

from __future__ import annotations

from datetime import date

import pytest

from reflect.profile import ratings as profile
from reflect.profile import round_compare
from tests.profile.team import add_return, add_round, every, team_of_five

AUTUMN, SPRING = date(2025, 10, 1), date(2026, 4, 1)


def test_two_rounds_are_compared_per_attribute_and_per_large_enough_group(new_journal):
    autumn = add_round(new_journal, "Autumn 2025", AUTUMN)
    team_of_five(new_journal, autumn, AUTUMN)
    spring = add_round(new_journal, "Spring 2026", SPRING)
    for group, score in (("line manager", 5), ("team member", 5), ("team member", 4),
                         ("team member", 5), ("peer", 3), ("peer", 3), ("peer", 4)):
        add_return(new_journal, spring, group, SPRING, every(score))
    # Typed outside a round: in the profile, in no round.
    profile.rate(new_journal, every(1), kind="other", rater_group="peer", rated_on=SPRING)

    found = round_compare.load(new_journal)
    assert [r.name for r in found.rounds] == ["Autumn 2025", "Spring 2026"]
    # Peers are three in spring but two in autumn; the partner is in one round only.
    assert found.groups == ("line manager", "team member")
    values = found.attributes[0]
    assert values.attribute.id == "values_driven"
    assert values.overall.previous == pytest.approx(25 / 7)
    assert values.overall.latest == pytest.approx(29 / 7)
    assert values.overall.change == pytest.approx(4 / 7)
    groups = dict(values.groups)
    assert groups["line manager"].cells() == ("4", "5", "+1")
    assert groups["team member"].text() == "4.3 → 4.7 (+0.3)"
    assert found.summary() == ("Spring 2026 (1 Apr 2026) against Autumn 2025 (1 Oct 2025); "
                               "by group: Line manager, Team member.")


def test_a_group_too_small_in_one_round_is_not_compared(new_journal):
    first = add_round(new_journal, "First", AUTUMN)
    second = add_round(new_journal, "Second", SPRING)
    for round_id, day, members in ((first, AUTUMN, 3), (second, SPRING, 2)):
        for n in range(members):
            add_return(new_journal, round_id, "team member", day, every(3 + n % 2))
    found = round_compare.load(new_journal)
    assert found.compared and found.groups == ()
    assert found.attributes[0].groups == ()
    assert "no group large enough in both" in found.summary()


def test_one_round_says_so_and_none_says_why(new_journal):
    assert round_compare.load(new_journal).summary() == round_compare.NO_ROUNDS
    only = add_round(new_journal, "Only", AUTUMN)
    team_of_five(new_journal, only, AUTUMN)
    found = round_compare.load(new_journal)
    assert not found.compared and found.attributes == ()
    assert found.summary() == ("One round so far, Only (1 Oct 2025): the next round will be "
                               "compared with it.")


def test_the_latest_round_is_the_latest_opened_up_to_the_day_asked(new_journal):
    older = add_round(new_journal, "Older", AUTUMN)
    newer = add_round(new_journal, "Newer", SPRING)
    add_return(new_journal, newer, "line manager", SPRING, every(5))
    add_return(new_journal, older, "line manager", AUTUMN, every(2))
    assert round_compare.load(new_journal).attributes[0].overall.change == 3
    assert not round_compare.load(new_journal, as_of=date(2026, 1, 1)).compared
