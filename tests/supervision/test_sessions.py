"""Sessions held, moved or cancelled on a real journal: only held ones are supervision (the
last supervision, next due, regularity); a cancelled one is logged with its reason."""

from __future__ import annotations

from datetime import date

import pytest

from reflect.supervision import sessions
from reflect.supervision.records import Supervision, SupervisionError
from reflect.supervision.schedules import person_status
from reflect.supervision.sessions import (
    CANCELLED,
    MOVED,
    SessionInfo,
    log_session,
    regularity,
    regularity_text,
)

TODAY = date(2026, 3, 20)


def _held(sup: Supervision, person_id: int, day: date, **sections) -> None:
    start = sup.start_record(person_id, "one_to_one", day)
    start.entry.sections.update(sections)
    sup.save_record(start.entry)


@pytest.fixture
def sup(new_journal) -> Supervision:
    return Supervision(new_journal)


def test_a_cancelled_session_is_logged_and_does_not_count_as_supervision(sup):
    wren = sup.add_supervisee("Wren", schedule="monthly")
    _held(sup, wren.id, date(2026, 2, 2))
    entry = log_session(sup, wren.id, CANCELLED, date(2026, 3, 2), "  Wren off sick ")
    assert entry.kind == "supervision" and entry.person_id == wren.id
    assert entry.title == "Cancelled session — Wren"
    assert sessions.session_of(entry) == SessionInfo(CANCELLED, True, None, "Wren off sick")
    assert sessions.history_note(entry) == "Cancelled: Wren off sick"
    assert sup.last_supervised() == {wren.id: date(2026, 2, 2)}  # not 2 March
    person = sup.supervisee(wren.id)
    assert person_status(person, date(2026, 2, 2), TODAY).days_overdue == 18  # from 2 Feb
    assert sup.home_summary(TODAY).supervisees[0].last_supervised == date(2026, 2, 2)


def test_a_cancelled_session_needs_a_reason_and_nothing_is_written(sup):
    wren = sup.add_supervisee("Wren")
    with pytest.raises(SupervisionError, match="Say why the session was cancelled"):
        log_session(sup, wren.id, CANCELLED, date(2026, 3, 2), "  ")
    assert sup.records_for(wren.id) == []


def test_a_moved_session_is_due_on_its_new_date(sup):
    wren = sup.add_supervisee("Wren", schedule="monthly")
    _held(sup, wren.id, date(2026, 2, 2), next_session="2026-03-02")
    with pytest.raises(SupervisionError, match="later date"):
        log_session(sup, wren.id, MOVED, date(2026, 3, 2), "Court", date(2026, 3, 1))
    log_session(sup, wren.id, MOVED, date(2026, 3, 2), "Wren in court", date(2026, 3, 9))
    assert sup.last_supervised() == {wren.id: date(2026, 2, 2)}
    assert sup.agreed_next_sessions() == {wren.id: date(2026, 3, 9)}
    person = sup.supervisee(wren.id)
    status = person_status(person, date(2026, 2, 2), date(2026, 3, 5), date(2026, 3, 9))
    assert status.due_on == date(2026, 3, 9) and not status.overdue


def test_regularity_counts_held_sessions_only(sup):
    wren = sup.add_supervisee("Wren")
    for day in (date(2025, 9, 1), date(2025, 10, 20), date(2025, 11, 17), date(2025, 12, 15),
                date(2026, 1, 12), date(2026, 2, 9), date(2026, 3, 9)):
        _held(sup, wren.id, day)
    log_session(sup, wren.id, CANCELLED, date(2026, 2, 23), "Team crisis")
    reg = regularity(sup.records_for(wren.id), TODAY)
    # 1 Sep 2025 is more than six months before 20 Mar 2026: six held, five gaps of 28 days
    assert (reg.held, reg.cancelled, reg.moved, reg.average_weeks) == (6, 1, 0, 4.0)
    assert regularity_text(reg) == (
        "6 held in the last 6 months, every 4.0 weeks on average; 1 cancelled")
    assert regularity_text(regularity([], TODAY)) == "0 held in the last 6 months"


def test_a_session_round_trips_through_its_stored_value():
    info = SessionInfo.made("held", planned=False, minutes=50)
    assert info.as_value() == {"status": "held", "planned": False, "minutes": 50}
    assert SessionInfo.from_value(info.as_value()) == info
    assert SessionInfo().as_value() is None
    assert SessionInfo.from_value("nonsense") == SessionInfo()
    with pytest.raises(SupervisionError, match="8 hours"):
        SessionInfo.made("held", minutes=900)


@pytest.mark.parametrize(("value", "says"), [
    ({"status": "cancelled", "planned": True}, "marked cancelled: write why in its reason box"),
    ({"status": "moved", "planned": True, "reason": "Court"}, "Give the date the session was "
     "moved to."),
])
def test_a_record_saved_as_final_says_why_its_session_was_not_held(sup, value, says):
    wren = sup.add_supervisee("Wren")
    start = sup.start_record(wren.id, "one_to_one", date(2026, 3, 3))
    start.entry.sections[sessions.SESSION_KEY] = value
    with pytest.raises(SupervisionError, match=says):
        sup.save_record(start.entry, require_complete=True)
    assert sup.records_for(wren.id) == []
    start.entry.sections[sessions.SESSION_KEY] = {**value, "reason": "Court",
                                                  "moved_to": "2026-03-05"}
    assert sup.save_record(start.entry, require_complete=True).entry.id
