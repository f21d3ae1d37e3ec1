"""Rounds as a leader opens them: a name, the groups invited and the forms sent to each, a
uid the forms carry; refusals in one sentence that change nothing; closing and reopening;
typed returns counted as one rater each."""

from __future__ import annotations

from datetime import date

import pytest

from reflect.feedback import returns, rounds
from reflect.feedback.round_info import ROUND_UID
from reflect.feedback.rounds import FeedbackError, create_round, find_round
from reflect.profile import ratings as profile
from reflect.profile.ratings import ProfileError


def _refused(call, *args, **kwargs) -> str:
    with pytest.raises(FeedbackError) as caught:
        call(*args, **kwargs)
    message = str(caught.value)
    assert "\n" not in message and message.endswith(".")
    assert caught.value.exit_code == 2
    return message


def test_a_round_keeps_its_groups_in_the_forms_order_and_a_uid_a_form_can_carry(new_journal):
    made = create_round(new_journal, "  Autumn   360 ", {"Team members": 5, "peers": 4,
                                                          "line_manager": 1, "partner": 0},
                        opened_on=date(2026, 11, 3))
    assert made.name == "Autumn 360" and made.opened_on == date(2026, 11, 3)
    assert list(made.invited.items()) == [("line manager", 1), ("peer", 4), ("team member", 5)]
    assert made.forms_sent == 10 and made.returns == 0 and made.is_open
    assert ROUND_UID.fullmatch(made.uid)
    info = rounds.round_info(made)
    assert (info.round_uid, info.name, info.opened_on) == (made.uid, "Autumn 360",
                                                           date(2026, 11, 3))
    assert find_round(new_journal, "autumn 360") == made
    assert find_round(new_journal, made.uid) == made
    assert create_round(new_journal, "Today", {"other": 1}).opened_on == date.today()


def test_rounds_are_listed_newest_first(new_journal):
    create_round(new_journal, "Spring 2026", {"peer": 3}, opened_on=date(2026, 3, 2))
    create_round(new_journal, "Autumn 2025", {"peer": 3}, opened_on=date(2025, 10, 6))
    create_round(new_journal, "Autumn 2026", {"peer": 3}, opened_on=date(2026, 10, 5))
    assert [r.name for r in rounds.rounds(new_journal)] == [
        "Autumn 2026", "Spring 2026", "Autumn 2025"]


@pytest.mark.parametrize("name, invited, words", [
    ("", {"peer": 3}, "needs a name"),
    ("   ", {"peer": 3}, "needs a name"),
    ("x" * 81, {"peer": 3}, "at most 80"),
    ("Spring", {}, "at least one form"),
    ("Spring", {"peer": 0, "other": 0}, "at least one form"),
    ("Spring", {"boss": 2}, "“boss” is not a rater group"),
    ("Spring", {"peer": -1}, "0 or more"),
    ("Spring", {"peer": 2.5}, "whole number"),
    ("Spring", {"peer": True}, "whole number"),
    ("Spring", {"peer": 101}, "more than the 100"),
    ("Spring", {"peer": 2, "Peers": 3}, "invited twice"),
])
def test_a_round_that_cannot_be_made_is_refused_and_nothing_is_stored(new_journal, name,
                                                                      invited, words):
    assert words in _refused(create_round, new_journal, name, invited)
    assert rounds.rounds(new_journal) == []


def test_a_second_round_of_the_same_name_is_refused(new_journal):
    create_round(new_journal, "Spring 2026", {"peer": 3})
    message = _refused(create_round, new_journal, "SPRING 2026", {"peer": 1})
    assert "already exists" in message and "another name" in message
    assert len(rounds.rounds(new_journal)) == 1


def test_an_unknown_round_is_refused_naming_the_rounds_there_are(new_journal):
    assert "no rounds yet" in _refused(find_round, new_journal, "Spring")
    create_round(new_journal, "Spring 2026", {"peer": 3})
    assert "“Spring 2026”" in _refused(find_round, new_journal, "Summer")


def test_closing_and_reopening_a_round(new_journal):
    create_round(new_journal, "Spring 2026", {"peer": 3}, opened_on=date(2026, 3, 2))
    assert "on or after" in _refused(rounds.close_round, new_journal, "Spring 2026",
                                     date(2026, 3, 1))
    closed = rounds.close_round(new_journal, "spring 2026", date(2026, 4, 1))
    assert closed.closed_on == date(2026, 4, 1) and not closed.is_open
    assert find_round(new_journal, "Spring 2026").closed_on == date(2026, 4, 1)
    assert "already closed on 1 April 2026" in _refused(rounds.close_round, new_journal,
                                                        "Spring 2026")
    assert rounds.reopen_round(new_journal, "Spring 2026").is_open
    assert find_round(new_journal, "Spring 2026").closed_on is None


def test_ratings_typed_in_together_are_one_return_of_one_rater(new_journal):
    spring = create_round(new_journal, "Spring 2026", {"peer": 3, "team member": 2})
    saved, values = returns.add_typed_return(
        new_journal, "Peers", date(2026, 3, 9), {"values_driven": 4, "partnerships": None},
        notes={"values_driven": "  Clear about values. "}, round_id=spring.id)
    assert saved.source == "typed" and saved.form_id is None and saved.group == "peer"
    assert saved.ratings == 2 and saved.round_id == spring.id
    assert {v.return_id for v in values} == {saved.id}
    assert [v.note for v in values] == ["Clear about values.", ""]
    returns.add_typed_return(new_journal, "senior  Leader", date(2026, 3, 9),
                             {"values_driven": 3})  # no round: a group of the profile's own
    assert find_round(new_journal, "Spring 2026").returned == {"peer": 1}
    stored = profile.ratings(new_journal, kind="other")
    assert [(v.rater_group, v.score) for v in stored] == [
        ("peer", 4), ("peer", None), ("senior leader", 3)]
    assert [r.group for r in returns.returns(new_journal)] == ["peer", "senior leader"]


@pytest.mark.parametrize("group, scores", [
    ("peer", {"values_driven": 6}),
    ("peer", {"leadership": 3}),
    ("peer", {}),
    ("  ", {"values_driven": 3}),
])
def test_a_typed_return_is_checked_as_rate_checks_it_and_stores_nothing(new_journal, group,
                                                                        scores):
    with pytest.raises(ProfileError):
        returns.add_typed_return(new_journal, group, date(2026, 3, 9), scores)
    assert returns.returns(new_journal) == [] and profile.ratings(new_journal) == []


def test_a_typed_return_into_a_closed_round_is_refused(new_journal):
    spring = create_round(new_journal, "Spring 2026", {"peer": 3}, opened_on=date(2026, 3, 2))
    rounds.close_round(new_journal, "Spring 2026", date(2026, 4, 1))
    assert "reopen it" in _refused(returns.add_typed_return, new_journal, "peer",
                                   date(2026, 4, 2), {"values_driven": 3}, round_id=spring.id)
    assert returns.returns(new_journal) == [] and profile.ratings(new_journal) == []


def test_deleting_a_return_removes_its_ratings(new_journal):
    saved, _ = returns.add_typed_return(new_journal, "peer", date(2026, 3, 9),
                                        {"values_driven": 4, "partnerships": 2})
    profile.rate(new_journal, {"values_driven": 3})
    assert returns.delete_return(new_journal, saved.id) == 2
    assert [v.kind for v in profile.ratings(new_journal)] == ["self"]
    assert "no longer in the journal" in _refused(returns.delete_return, new_journal, saved.id)


def test_rate_stays_as_it_was_for_self_and_target(new_journal):
    values = profile.rate(new_journal, {"values_driven": 3}, kind="target",
                          target_by=date(2027, 1, 1))
    assert values[0].return_id is None and returns.returns(new_journal) == []
