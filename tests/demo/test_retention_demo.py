"""The demo journal has a supervisee past their retention review date, so Home lists them."""

from __future__ import annotations

from datetime import timedelta

from reflect.privacy import retention
from reflect.privacy.retention import review_after
from tests.demo.conftest import TODAY


def test_curlew_left_over_six_years_ago_and_is_due_for_review(journal):
    due = retention.due_for_review(journal, TODAY)
    assert [d.code_name for d in due] == ["Curlew"]
    left = TODAY - timedelta(days=2400)
    assert (due[0].left_on, due[0].review_on, due[0].legal_hold) == (
        left, review_after(left, 6), False)
    assert due[0].review_on < TODAY
