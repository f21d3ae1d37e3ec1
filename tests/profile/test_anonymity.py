"""Anonymity that holds in a small team: groups under three returns merge into "others",
their notes lose their group, the line manager stays; what was said still counts."""

from __future__ import annotations

from datetime import date, timedelta
from statistics import fmean

import pytest

from reflect.feedback.groups import ANONYMITY_RULE
from reflect.profile import anonymity
from reflect.profile import ratings as profile
from reflect.profile.mentor_recent import others_since
from reflect.profile.ratings import BLIND_SPOT, RatingValue, build_profile
from tests.profile.team import TEAM_OF_FIVE, add_return, every, team_of_five

DAY = date(2026, 10, 20)
ATTRS = profile.attributes()


def _groups(item) -> list[str]:
    return [g.group for g in item.others.by_group]


def test_a_team_of_five_merges_peers_and_partner_into_others(new_journal):
    profile.rate(new_journal, dict.fromkeys((a.id for a in ATTRS), 5), rated_on=DAY)
    team_of_five(new_journal, None, DAY)
    item = profile.load_profile(new_journal, as_of=DAY).get("values_driven")
    # Old code: line manager, partner, peer and team member, each with its own average.
    assert _groups(item) == ["line manager", "team member", "other"]
    groups = {g.group: g for g in item.others.by_group}
    assert groups["other"].returns == 3  # two peers and one partner
    assert groups["other"].average == pytest.approx((2 + 3 + 3) / 3)
    assert groups["team member"].returns == 3 and groups["line manager"].returns == 1
    # Their notes are shown, but under "other", in no telling order; the others keep theirs.
    assert item.others.notes == (
        ("line manager", "Sam holds the line on values."),
        ("team member", "Always asks what the child would say."),
        ("other", "Hard to reach at times."),
        ("other", "Slow to follow up after disputes."))
    # The rule hides who said what, not what was said: every rating still counts.
    assert item.others.average == pytest.approx(fmean(s for _g, s, _n in TEAM_OF_FIVE))
    assert (item.others.count, item.others.returns) == (7, 7)
    assert item.finding == BLIND_SPOT  # 5 against 3.6, as before


def test_a_tiny_others_has_no_row_but_counts_in_the_average_and_the_findings(new_journal):
    for group, score in (("line manager", 4), ("peer", 1), ("peer", 2)):
        add_return(new_journal, None, group, DAY, every(score), {"partnerships": f"{group} says"})
    profile.rate(new_journal, {"partnerships": 4}, rated_on=DAY)
    item = profile.load_profile(new_journal, as_of=DAY).get("partnerships")
    # Old code: a "peer" row of two, its average 1.5 and its notes named "peer".
    assert _groups(item) == ["line manager"]
    assert item.others.average == pytest.approx(7 / 3) and item.others.count == 3
    assert item.finding == BLIND_SPOT
    assert item.others.notes == (("line manager", "line manager says"), ("other", "peer says"),
                                 ("other", "peer says"))


def test_the_rule_as_stated_says_what_happens_to_a_tiny_others():
    assert anonymity.RULE_TEXT.startswith(ANONYMITY_RULE)
    assert "counts only in the overall average" in anonymity.RULE_TEXT


def _typed(group: str, day: date, first_id: int, score: int = 4) -> list[RatingValue]:
    return [RatingValue(first_id + i, a.id, "other", score, day, group)
            for i, a in enumerate(ATTRS)]


def test_ratings_typed_before_rounds_count_one_return_per_group_and_day():
    values = (_typed("team member", DAY, 10) + _typed("team member", DAY + timedelta(1), 20)
              + _typed("team member", DAY + timedelta(2), 30)
              + _typed("peer", DAY, 40) + _typed("peer", DAY, 50))  # one day: one return
    assert anonymity.returns_by_group(values) == {"team member": 3, "peer": 1}
    item = build_profile(values, ATTRS, as_of=DAY + timedelta(3)).get("values_driven")
    assert _groups(item) == ["team member"]


def test_since_last_session_counts_forms_not_days(new_journal):
    """Three team members who return their forms the same day are three raters."""
    for score in (3, 4, 5):
        add_return(new_journal, None, "team member", DAY, every(score))
    found = others_since(profile.ratings(new_journal), since=DAY - timedelta(days=1))
    # Old code: one day, so one rater, merged into "other".
    assert [(o.group, o.returns, o.average) for o in found] == [("team member", 3, 4.0)]


def test_the_same_two_peers_in_two_rounds_are_still_two(new_journal):
    """Four peer returns over two rounds are two people: the group stays merged."""
    from tests.profile.team import add_round

    for name, day in (("Autumn", DAY - timedelta(days=150)), ("Spring", DAY)):
        round_id = add_round(new_journal, name, day)
        for score in (2, 3):
            add_return(new_journal, round_id, "peer", day, every(score))
        add_return(new_journal, round_id, "line manager", day, every(4))
    item = profile.load_profile(new_journal, as_of=DAY).get("values_driven")
    assert _groups(item) == ["line manager"]
    assert item.others.count == 6
    assert anonymity.returns_by_group(profile.ratings(new_journal)) == {"peer": 4,
                                                                         "line manager": 2}
