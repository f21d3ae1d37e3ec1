"""The Profile page in a small team: no column for a group of two, the rule stated under the
table, and the latest round against the previous one (real widgets, offscreen)."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from reflect.profile import anonymity
from reflect.ui.profile.others_tables import NO_GROUP
from reflect.ui.profile.page import ProfilePage
from tests.profile.team import add_return, add_round, every, team_of_five
from tests.ui.profile.test_page import _rate

TODAY = date.today()
AUTUMN, SPRING = TODAY - timedelta(days=200), TODAY - timedelta(days=20)


@pytest.fixture
def page(qtbot, new_journal) -> ProfilePage:
    page = ProfilePage(new_journal)
    qtbot.addWidget(page)
    page.resize(1200, 900)
    page.show()
    qtbot.waitExposed(page)
    return page


def test_a_team_of_five_shows_no_peer_or_partner_column_and_states_the_rule(qtbot, page,
                                                                           new_journal):
    team_of_five(new_journal, add_round(new_journal, "Autumn round", AUTUMN), AUTUMN)
    _rate(qtbot, page, [5, 5, 5, 5, 5])  # through the form: the page refreshes
    others = page.others_tables
    # Old code: no by-group table at all; the tooltip named "peer: 2.5 (2)".
    assert others.group_headers() == ["Attribute", "Line manager\n1 rater",
                                      "Team member\n3 raters", "Others\n3 raters"]
    assert others.rule.isVisible() and others.rule.text() == anonymity.RULE_TEXT
    tip = page.table.item(0, 6).toolTip()
    assert "Others: 2.7 (3)" in tip and "eer" not in tip and "artner" not in tip
    assert page.table_text("values_driven", "Others (n)") == "3.6 (7)"  # every rating counts
    assert others.rounds_summary.text().startswith("One round so far, Autumn round (")
    assert not others.rounds.isVisibleTo(page)


def test_two_peers_typed_in_merge_and_the_page_says_no_group_is_shown(qtbot, page):
    _rate(qtbot, page, [4, 4, 4, 4, 4], kind="other", group="peer", day=TODAY - timedelta(1))
    _rate(qtbot, page, [2, 2, 2, 2, 2], kind="other", group="peer")
    others = page.others_tables
    assert not others.groups.isVisibleTo(page)
    assert others.groups_empty.isVisible() and others.groups_empty.text() == NO_GROUP
    assert page.table_text("values_driven", "Others (n)") == "3 (2)"


def test_two_rounds_are_compared_on_the_page(qtbot, page, new_journal):
    team_of_five(new_journal, add_round(new_journal, "Autumn round", AUTUMN), AUTUMN)
    spring = add_round(new_journal, "Spring round", SPRING)
    for group, score in (("line manager", 5), ("team member", 5), ("team member", 5),
                         ("peer", 4), ("peer", 4), ("peer", 4)):
        add_return(new_journal, spring, group, SPRING, every(score))
    _rate(qtbot, page, [4, 4, 4, 4, 4])
    table = page.others_tables.rounds
    heads = [table.horizontalHeaderItem(c).text() for c in range(table.columnCount())]
    # Team members are two in spring, peers two in autumn: only the line manager compared.
    assert heads[3:] == ["Change", "Line manager"]
    assert [table.item(0, c).text() for c in range(table.columnCount())][1:] == [
        "3.6", "4.5", "+0.9", "4 → 5 (+1)"]
