"""Team climate check-ins over a real journal: recorded, refused with the reason, corrected,
deleted with undo; the gaps with the widest and its prompt, the trend, the small-group rule for
team responses, and when the next check-in is due."""

from __future__ import annotations

from datetime import date

import pytest

from reflect.climate import checkins
from reflect.climate.errors import ClimateError
from reflect.climate.views import (
    TOO_FEW,
    format_gap,
    gaps,
    is_due,
    prompt_for,
    team_view,
    trend,
    widest,
)
from reflect.content.climate import climate_content
from reflect.feedback.groups import MIN_GROUP_RETURNS

ALL = {"clarity": (2, 5), "standards": (3, 4), "rewards": (3, 3), "responsibility": (4, 5),
       "flexibility": (2, 3), "team_commitment": (4, 4)}


def test_a_check_in_is_recorded_and_read_back(new_journal):
    checkin_id = checkins.record(new_journal, ALL, checked_on=date(2026, 3, 2),
                                 note="  After the restructure.  ")
    (found,) = checkins.checkins(new_journal)
    assert (found.id, found.checked_on, found.perspective, found.note) == (
        checkin_id, date(2026, 3, 2), "create", "After the restructure.")
    assert dict(found.scores) == ALL
    assert checkins.latest_checkin(new_journal, "experience") is None


@pytest.mark.parametrize(("scores", "message"), [
    ({}, "Nothing is rated yet"),
    ({"clarity": (2, None)}, "Clarity has no ideal score"),
    ({"clarity": (None, 4)}, "Clarity has no now score"),
    ({"clarity": (0, 4)}, "a score runs from 1 to 5, not 0"),
    ({"clarity": (True, 4)}, "not True"),
    ({"morale": (2, 4)}, "'morale' is not a climate dimension"),
])
def test_a_refused_check_in_writes_nothing(new_journal, scores, message):
    with pytest.raises(ClimateError, match=message):
        checkins.record(new_journal, scores)
    assert checkins.checkins(new_journal) == ()


def test_an_unknown_perspective_is_refused(new_journal):
    with pytest.raises(ClimateError, match="'team' is not a perspective"):
        checkins.record(new_journal, ALL, perspective="team")


def test_a_check_in_is_corrected_and_a_skipped_dimension_stays_out(new_journal):
    checkin_id = checkins.record(new_journal, ALL, checked_on=date(2026, 3, 2))
    checkins.correct(new_journal, checkin_id, {"clarity": (3, 5), "rewards": (None, None)},
                     note="Typed the wrong row")
    found = checkins.checkin(new_journal, checkin_id)
    assert found is not None and dict(found.scores) == {"clarity": (3, 5)}
    assert found.note == "Typed the wrong row" and found.checked_on == date(2026, 3, 2)
    with pytest.raises(ClimateError, match="no longer in the journal"):
        checkins.correct(new_journal, checkin_id + 9, ALL, note="")


def test_delete_and_undo_puts_it_back_with_its_responses(new_journal):
    checkin_id = checkins.record(new_journal, ALL, checked_on=date(2026, 3, 2), note="Kept")
    for _ in range(3):
        checkins.add_response(new_journal, checkin_id, {"clarity": (3, 4)})
    before = checkins.checkin(new_journal, checkin_id)
    deleted = checkins.delete(new_journal, checkin_id)
    assert checkins.checkins(new_journal) == ()
    assert checkins.undo_delete(new_journal, deleted) == checkin_id
    assert checkins.checkin(new_journal, checkin_id) == before


def test_the_gaps_the_widest_and_its_prompt(new_journal):
    checkins.record(new_journal, ALL, checked_on=date(2026, 3, 2))
    latest = checkins.latest_checkin(new_journal)
    assert latest is not None
    found = gaps(latest)
    assert [(g.dimension, g.gap) for g in found] == [
        ("clarity", 3), ("standards", 1), ("rewards", 0), ("responsibility", 1),
        ("flexibility", 1), ("team_commitment", 0)]
    top = widest(found)
    assert top is not None and top.name == "Clarity"
    assert prompt_for(top) == climate_content().dimension("clarity").prompt
    level = checkins.record(new_journal, {"clarity": (4, 4)}, checked_on=date(2026, 3, 3))
    again = checkins.checkin(new_journal, level)
    assert again is not None and widest(gaps(again)) is None and prompt_for(None) == ""
    assert (format_gap(2), format_gap(-1.0), format_gap(0.5), format_gap(0)) == (
        "+2", "−1", "+0.5", "0")


def test_the_trend_runs_oldest_first_per_dimension(new_journal):
    for day, clarity in ((date(2026, 7, 1), 4), (date(2026, 1, 5), 2), (date(2026, 4, 1), 3)):
        checkins.record(new_journal, {"clarity": (clarity, 5), "rewards": (3, 4)},
                        checked_on=day)
    checkins.record(new_journal, {"clarity": (1, 5)}, perspective="experience")
    lines = trend(checkins.checkins(new_journal, "create"))
    clarity = next(t for t in lines if t.dimension == "clarity")
    assert clarity.days == (date(2026, 1, 5), date(2026, 4, 1), date(2026, 7, 1))
    assert clarity.now == (2, 3, 4) and clarity.change() == 2
    flexibility = next(t for t in lines if t.dimension == "flexibility")
    assert flexibility.now == (None, None, None) and flexibility.change() is None


def test_team_responses_are_shown_as_a_group_only_from_three(new_journal):
    assert MIN_GROUP_RETURNS == 3
    checkin_id = checkins.record(new_journal, ALL)
    for now in (2, 4):
        checkins.add_response(new_journal, checkin_id, {"clarity": (now, 5), "rewards": (3, 4)})
    two = checkins.checkin(new_journal, checkin_id)
    assert two is not None
    view = team_view(two)
    assert (view.count, view.shown, view.gaps) == (2, False, ())
    assert view.summary() == f"2 team responses: {TOO_FEW}."
    checkins.add_response(new_journal, checkin_id, {"clarity": (3, 5)})
    three = checkins.checkin(new_journal, checkin_id)
    assert three is not None
    view = team_view(three)
    assert view.shown and view.summary() == "3 team responses, averaged."
    # clarity averaged over three; rewards came in two responses only: not shown
    assert [(g.dimension, g.now, g.ideal) for g in view.gaps] == [("clarity", 3, 5)]


def test_a_check_in_is_due_each_quarter(new_journal):
    today = date(2026, 10, 1)
    assert checkins.due(new_journal, today)  # none yet
    checkins.record(new_journal, ALL, checked_on=date(2026, 7, 4))  # 89 days before
    assert not checkins.due(new_journal, today)
    checkins.record(new_journal, ALL, checked_on=date(2026, 7, 3), perspective="experience")
    assert not checkins.due(new_journal, today)  # the latest of either counts
    assert is_due(date(2026, 7, 3), today)  # 90 days: due
    assert not is_due(date(2026, 7, 4), today)
