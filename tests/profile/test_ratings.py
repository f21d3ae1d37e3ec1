"""The profile maths (change, gaps, blind spots, hidden strengths, not observed) and the
ratings kept in a real encrypted journal."""

from datetime import date, timedelta

import pytest

from reflect.profile import ratings as profile
from reflect.profile.ratings import (
    BLIND_SPOT,
    CLEAR_DIFFERENCE,
    HIDDEN_STRENGTH,
    MIN_OTHER_RATINGS,
    ProfileError,
    RatingValue,
    build_profile,
    format_change,
    format_score,
)

ATTRS = profile.attributes()
IDS = [a.id for a in ATTRS]
DAY = date(2026, 3, 31)
_next_id = iter(range(1, 10_000))


def r(attribute, score, kind="self", on=DAY, group=None, note="", target_by=None, ret=None):
    return RatingValue(next(_next_id), attribute, kind, score, on, group, target_by, note,
                       return_id=ret)


def test_five_attributes_in_file_order():
    assert IDS == ["values_driven", "child_centred_decisions", "changing_practice",
                   "partnerships", "corporate_buy_in"]


def test_current_previous_and_change():
    values = [r("values_driven", 2, on=DAY - timedelta(days=200)),
              r("values_driven", 3, on=DAY - timedelta(days=100)),
              r("values_driven", 4, on=DAY - timedelta(days=100)),  # same-day correction
              r("values_driven", 5, on=DAY - timedelta(days=1))]
    item = build_profile(values, ATTRS, as_of=DAY).get("values_driven")
    assert item.current.score == 5
    assert item.previous.score == 4  # the later rating of the earlier day
    assert item.change == 1
    # As of an earlier date the profile shows what was known then.
    earlier = build_profile(values, ATTRS, as_of=DAY - timedelta(days=50)).get("values_driven")
    assert (earlier.current.score, earlier.previous.score, earlier.change) == (4, 2, 2)


def test_first_rating_has_no_change():
    item = build_profile([r("partnerships", 3)], ATTRS, as_of=DAY).get("partnerships")
    assert item.previous is None and item.change is None
    assert build_profile([], ATTRS, as_of=DAY).get("partnerships").current is None


def test_gap_to_target():
    values = [r("partnerships", 2), r("partnerships", 5, kind="target",
                                      target_by=date(2027, 3, 31), note="joint panel")]
    item = build_profile(values, ATTRS, as_of=DAY).get("partnerships")
    assert item.to_target == 3
    assert item.target.target_by == date(2027, 3, 31)
    past = build_profile([r("partnerships", 5), r("partnerships", 4, kind="target")], ATTRS,
                         as_of=DAY).get("partnerships")
    assert past.to_target == -1


def test_others_average_by_group_and_not_observed_left_out():
    values = [r("values_driven", 4),
              r("values_driven", 3, "other", group="peer", ret=1),
              r("values_driven", 2, "other", group="peer", ret=2),
              r("values_driven", 4, "other", group="peer", ret=3),
              r("values_driven", 4, "other", group="line manager", note="steady", ret=4),
              r("values_driven", None, "other", group="peer", ret=5)]
    item = build_profile(values, ATTRS, as_of=DAY).get("values_driven")
    assert item.others.average == pytest.approx(13 / 4)  # not observed is not a score
    assert (item.others.count, item.others.not_observed, item.others.returns) == (4, 1, 5)
    groups = {g.group: g for g in item.others.by_group}
    assert groups["peer"].average == pytest.approx(3.0) and groups["peer"].count == 3
    assert groups["peer"].not_observed == 1 and groups["peer"].returns == 4
    assert groups["line manager"].average == 4 and groups["line manager"].returns == 1
    assert item.others.notes == (("line manager", "steady"),)
    assert item.self_minus_others == pytest.approx(0.75)


def test_blind_spot_when_self_clearly_above_others():
    values = [r("values_driven", 5), r("values_driven", 4, "other", group="peer"),
              r("values_driven", 4, "other", group="line manager")]
    result = build_profile(values, ATTRS, as_of=DAY)
    assert CLEAR_DIFFERENCE == 1.0
    assert result.get("values_driven").finding == BLIND_SPOT
    assert [a.attribute.id for a in result.blind_spots] == ["values_driven"]
    assert result.hidden_strengths == []


def test_hidden_strength_when_self_clearly_below_others():
    values = [r("partnerships", 2), r("partnerships", 4, "other", group="peer"),
              r("partnerships", 3, "other", group="peer")]
    result = build_profile(values, ATTRS, as_of=DAY)
    assert result.get("partnerships").finding == HIDDEN_STRENGTH
    assert [a.attribute.id for a in result.hidden_strengths] == ["partnerships"]


def test_small_differences_and_too_few_others_are_not_named():
    close = [r("values_driven", 4), r("values_driven", 3, "other", group="peer"),
             r("values_driven", 4, "other", group="peer")]  # 4 vs 3.5
    assert build_profile(close, ATTRS, as_of=DAY).get("values_driven").finding is None
    # One other person, however different, is not enough ...
    alone = [r("values_driven", 5), r("values_driven", 1, "other", group="peer"),
             r("values_driven", None, "other", group="peer")]  # not observed does not count
    item = build_profile(alone, ATTRS, as_of=DAY).get("values_driven")
    assert MIN_OTHER_RATINGS == 2 and item.others.count == 1
    assert item.self_minus_others == 4 and item.finding is None


def test_old_feedback_drops_out_of_others_average():
    values = [r("values_driven", 4),
              r("values_driven", 1, "other", group="peer", on=DAY - timedelta(days=400)),
              r("values_driven", 4, "other", group="peer", on=DAY - timedelta(days=30))]
    item = build_profile(values, ATTRS, as_of=DAY).get("values_driven")
    assert item.others.count == 1 and item.others.average == 4
    everything = build_profile(values, ATTRS, as_of=DAY, others_from=date(2000, 1, 1))
    assert everything.get("values_driven").others.average == pytest.approx(2.5)


def test_history_groups_self_ratings_by_day():
    values = [r("values_driven", 2, on=date(2025, 1, 1)),
              r("partnerships", 3, on=date(2025, 1, 1)),
              r("values_driven", 4, on=date(2025, 6, 1)),
              r("values_driven", 3, "other", group="peer", on=date(2025, 6, 1))]
    rounds = profile.history(values)
    assert [x.rated_on for x in rounds] == [date(2025, 1, 1), date(2025, 6, 1)]
    assert dict(rounds[0].scores) == {"values_driven": 2, "partnerships": 3}
    assert dict(rounds[1].scores) == {"values_driven": 4}


def test_radar_series_in_axis_order_with_gaps():
    values = [r("values_driven", 4), r("partnerships", 2),
              r("values_driven", 5, kind="target")]
    series = {s.key: s for s in profile.radar_series(build_profile(values, ATTRS, as_of=DAY))}
    assert set(series) == {"self", "target"}  # nothing to draw for previous or others
    assert series["self"].values == (4, None, None, 2, None)
    assert series["target"].values == (5, None, None, None, None)
    looks = {(s.colour, s.dash, s.marker) for s in series.values()}
    assert len(looks) == 2


def test_formatting():
    assert format_score(None) == "–" and format_score(4) == "4"
    assert format_score(3.5) == "3.5" and format_score(10 / 3) == "3.3"
    assert format_change(1) == "+1" and format_change(-0.5) == "\u22120.5"
    assert format_change(0) == "0" and format_change(None) == "–"


@pytest.mark.parametrize("scores, kind, group, message", [
    ({}, "self", None, "at least one"),
    ({"nonsense": 3}, "self", None, "not an attribute"),
    ({"values_driven": 6}, "self", None, "from 1 to 5"),
    ({"values_driven": 0}, "self", None, "from 1 to 5"),
    ({"values_driven": True}, "self", None, "from 1 to 5"),
    ({"values_driven": None}, "self", None, "not observed"),
    ({"values_driven": 3}, "other", None, "rater group"),
    ({"values_driven": 3}, "boss", None, "is one of"),
])
def test_invalid_ratings_are_refused(scores, kind, group, message):
    with pytest.raises(ProfileError, match=message):
        profile.validate(scores, kind, group, IDS)


def test_rate_and_read_back_from_the_journal(new_journal):
    j = new_journal
    profile.rate(j, {"values_driven": 3, "partnerships": 2}, rated_on=date(2025, 9, 1))
    profile.rate(j, dict.fromkeys(IDS, 4), rated_on=date(2026, 3, 1),
                 notes={"values_driven": "  Held the line.  "})
    profile.rate(j, {"values_driven": 5}, kind="target", target_by=date(2027, 3, 1),
                 rated_on=date(2026, 3, 1))
    profile.rate(j, {"values_driven": 2, "partnerships": None}, kind="other",
                 rater_group="  Line   Manager ", rated_on=date(2026, 2, 1))
    profile.rate(j, {"values_driven": 3}, kind="other", rater_group="peer",
                 rated_on=date(2026, 2, 1))
    with pytest.raises(ProfileError):
        profile.rate(j, {"values_driven": 9})
    assert len(profile.ratings(j)) == 2 + 5 + 1 + 2 + 1  # the refused one stored nothing

    result = profile.load_profile(j, as_of=date(2026, 3, 31))
    values = result.get("values_driven")
    assert values.current.note == "Held the line."
    assert (values.current.score, values.previous.score, values.change) == (4, 3, 1)
    assert values.to_target == 1 and values.target.target_by == date(2027, 3, 1)
    assert values.others.average == 2.5 and values.finding == BLIND_SPOT
    # One peer: too few to be shown apart, and "others" of one has no row of its own.
    assert {g.group for g in values.others.by_group} == {"line manager"}
    partnerships = result.get("partnerships")
    assert partnerships.others.count == 0 and partnerships.others.not_observed == 1
    assert partnerships.others.average is None and partnerships.finding is None

    first = profile.ratings(j, kind="target")[0]
    profile.set_note(j, first.id, "by next spring")
    assert profile.ratings(j, kind="target")[0].note == "by next spring"
    deleted = profile.delete_rating(j, first.id)
    assert deleted is not None and deleted.note == "by next spring"
    assert profile.ratings(j, kind="target") == []
    assert profile.delete_rating(j, first.id) is None  # already gone


def test_leader_name_is_kept_in_the_journal(new_journal, journal_dir):
    from reflect.journal.journal import Journal
    from tests.conftest import PASSPHRASE

    assert profile.leader_name(new_journal) == ""
    profile.set_leader_name(new_journal, "  Alex   Morgan ")
    new_journal.close()
    with Journal.unlock(journal_dir, passphrase=PASSPHRASE) as again:
        assert profile.leader_name(again) == "Alex Morgan"


def test_a_rating_can_be_corrected_deleted_and_put_back_across_a_reopen(new_journal):
    from reflect.journal.journal import Journal
    from tests.conftest import PASSPHRASE

    j = new_journal
    profile.rate(j, {"values_driven": 4, "partnerships": 3}, rated_on=date(2026, 3, 1))
    peer = profile.rate(j, {"values_driven": 2}, kind="other", rater_group="peer",
                        rated_on=date(2026, 2, 1))[0]
    fixed = profile.update_rating(j, peer.id, score=5, kind="other", rated_on=date(2026, 2, 2),
                                  rater_group="  Line  Manager ", note=" a slip ")
    assert (fixed.score, fixed.rater_group, fixed.rated_on, fixed.note) == (
        5, "line manager", date(2026, 2, 2), "a slip")
    with pytest.raises(ProfileError, match="rater group"):  # the rules of rate() apply
        profile.update_rating(j, peer.id, score=5, kind="other", rated_on=DAY, rater_group="")
    with pytest.raises(ProfileError, match="no longer stored"):
        profile.update_rating(j, 9999, score=3, kind="self", rated_on=DAY)
    mine = next(v for v in profile.ratings(j, kind="self") if v.attribute_id == "partnerships")
    gone = profile.delete_rating(j, mine.id)
    assert gone == mine
    profile.restore_rating(j, gone)
    folder = j.folder
    j.close()
    with Journal.unlock(folder, passphrase=PASSPHRASE) as again:
        stored = profile.ratings(again)
        assert next(v for v in stored if v.id == peer.id).score == 5  # the edit is kept
        assert mine in stored  # back with its id, date and creation time
        assert profile.rating_text(next(v for v in stored if v.id == peer.id),
                                   {"values_driven": "Values"}) == (
            "360 (line manager): Values 5, 2 Feb 2026")


def test_focus_attribute_is_the_widest_blind_spot_before_any_target():
    values = [r("values_driven", 4), r("values_driven", 3, "other", group="peer"),
              r("values_driven", 3, "other", group="peer"),           # gap 1
              r("partnerships", 5), r("partnerships", 3, "other", group="peer"),
              r("partnerships", 3, "other", group="peer"),            # gap 2: the widest
              r("corporate_buy_in", 1), r("corporate_buy_in", 5, "target")]  # 4 to go
    assert build_profile(values, ATTRS, as_of=DAY).focus_attribute() == "partnerships"


def test_focus_attribute_without_a_blind_spot_is_the_furthest_from_target():
    values = [r("values_driven", 3), r("values_driven", 4, "target"),
              r("changing_practice", 2), r("changing_practice", 5, "target"),
              r("partnerships", 2), r("partnerships", 5, "target"),   # tie: radar order wins
              r("corporate_buy_in", 5), r("corporate_buy_in", 3, "target")]  # past it
    assert build_profile(values, ATTRS, as_of=DAY).focus_attribute() == "changing_practice"


def test_no_focus_attribute_without_gaps_or_targets():
    assert build_profile([], ATTRS, as_of=DAY).focus_attribute() is None
    level = [r("values_driven", 4), r("values_driven", 4, "target")]
    assert build_profile(level, ATTRS, as_of=DAY).focus_attribute() is None
