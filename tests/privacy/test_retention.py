"""Retention: leaving sets a review date six years on (or the journal's period), settable per
person; Home's list of what is due, on a fixed date; the legal hold needs its reason."""

from __future__ import annotations

from datetime import date

import pytest

from reflect.privacy import retention
from reflect.privacy.retention import RetentionError
from reflect.supervision.records import Supervision


@pytest.fixture
def sup(new_journal):
    return Supervision(new_journal)


def test_leaving_defaults_the_review_to_six_years_and_makes_them_former(sup):
    journal = sup.journal
    plover = sup.add_supervisee("Plover")
    person = retention.set_retention(journal, plover.id, left_on=date(2020, 3, 3))
    assert (person.left_on, person.retention_review_on, person.active) == (
        date(2020, 3, 3), date(2026, 3, 3), False)
    assert retention.review_after(date(2024, 2, 29)) == date(2030, 2, 28)
    # Per person: a date of the leader's own.
    person = retention.set_retention(journal, plover.id, left_on=date(2020, 3, 3),
                                     review_on=date(2027, 1, 1))
    assert person.retention_review_on == date(2027, 1, 1)


def test_the_journals_period_is_kept_in_the_journal(sup):
    journal = sup.journal
    assert retention.retention_years(journal) == 6
    retention.set_retention_years(journal, 3)
    assert retention.retention_years(journal) == 3
    owl = sup.add_supervisee("Owl")
    assert retention.set_retention(journal, owl.id, left_on=date(2021, 5, 1)
                                   ).retention_review_on == date(2024, 5, 1)
    with pytest.raises(RetentionError, match="from 1 to 50 years"):
        retention.set_retention_years(journal, 0)


def test_mark_left_keeps_a_leaving_date_already_set(sup):
    journal = sup.journal
    wren = sup.add_supervisee("Wren")
    retention.set_retention(journal, wren.id, left_on=date(2019, 1, 2))
    sup.reactivate(wren.id)
    again = retention.mark_left(journal, wren.id)
    assert (again.left_on, again.retention_review_on, again.active) == (
        date(2019, 1, 2), date(2025, 1, 2), False)
    heron = sup.add_supervisee("Heron")
    assert retention.mark_left(journal, heron.id).left_on == date.today()


def test_due_for_review_on_a_fixed_date(sup):
    journal = sup.journal
    ids = {name: sup.add_supervisee(name).id for name in ("Plover", "Curlew", "Wren", "Heron")}
    retention.set_retention(journal, ids["Plover"], left_on=date(2019, 6, 1))  # due 2025-06-01
    retention.set_retention(journal, ids["Curlew"], left_on=date(2018, 1, 10),
                            legal_hold=True, hold_note="Tribunal claim")  # due 2024-01-10
    retention.set_retention(journal, ids["Wren"], left_on=date(2021, 9, 1))  # due 2027
    today = date(2026, 3, 1)
    due = retention.due_for_review(journal, today)
    assert [(d.code_name, d.review_on) for d in due] == [
        ("Curlew", date(2024, 1, 10)), ("Plover", date(2025, 6, 1))]
    assert due[0].line(today) == "left 10 Jan 2018 · review was due 10 Jan 2024 · on legal hold"
    assert retention.due_for_review(journal, date(2024, 1, 10))[0].line(
        date(2024, 1, 10)).endswith("review due today · on legal hold")


def test_a_hold_needs_its_reason_and_dates_must_make_sense(sup):
    journal = sup.journal
    kite = sup.add_supervisee("Kite")
    with pytest.raises(RetentionError, match="Say why the notes are on legal hold"):
        retention.set_retention(journal, kite.id, left_on=None, legal_hold=True)
    with pytest.raises(RetentionError, match="before the leaving date"):
        retention.set_retention(journal, kite.id, left_on=date(2022, 1, 1),
                                review_on=date(2021, 1, 1))
    with pytest.raises(RetentionError, match="in the future"):
        retention.set_retention(journal, kite.id, left_on=date(2999, 1, 1))
    person = sup.supervisee(kite.id)
    assert (person.left_on, person.legal_hold, person.active) == (None, False, True)
