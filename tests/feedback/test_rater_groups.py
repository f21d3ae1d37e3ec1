"""The round's rater groups and the anonymity rule the form states and the profile will apply."""

from __future__ import annotations

from datetime import date

import pytest

from reflect.feedback.groups import (
    ANONYMITY_RULE,
    GROUPS_BY_KEY,
    KNOWN_ANYWAY,
    MIN_GROUP_RETURNS,
    OTHERS,
    RATER_GROUPS,
    shown_as,
)
from reflect.feedback.round_info import RoundInfo
from reflect.profile.ratings import SUGGESTED_RATER_GROUPS


def test_the_groups_the_issue_invites_spelt_as_the_profile_spells_them():
    assert [g.name for g in RATER_GROUPS] == ["line manager", "peer", "team member", "partner",
                                             "other"]
    shared = {g.name for g in RATER_GROUPS} & set(SUGGESTED_RATER_GROUPS)
    assert shared == {"line manager", "peer", "team member", "partner"}
    assert all(" " not in key for key in GROUPS_BY_KEY)  # export values are PDF names


def test_small_groups_are_shown_as_others_except_the_line_manager():
    assert MIN_GROUP_RETURNS == 3 and "fewer than three" in ANONYMITY_RULE
    assert shown_as("team member", 2) == OTHERS
    assert shown_as("team member", 3) == "team member"
    assert shown_as("line manager", 1) == "line manager" and "line manager" in KNOWN_ANYWAY
    assert shown_as(OTHERS, 1) == OTHERS
    assert "except the line manager" in ANONYMITY_RULE


def test_a_round_uid_must_be_plain():
    RoundInfo("round-2026.spring:1", "Spring", date(2026, 3, 2))
    for bad in ("", "has space", "x" * 65, "(paren)"):
        with pytest.raises(ValueError):
            RoundInfo(bad, "Spring", date(2026, 3, 2))
