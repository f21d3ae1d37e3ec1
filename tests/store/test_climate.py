"""The climate rows on a real SQLCipher journal: a check-in's own ratings and its team
responses are kept apart, replaced whole, and go with the check-in when it is deleted."""

from __future__ import annotations

from datetime import date

from sqlmodel import select

from reflect.store import climate as store
from reflect.store.entries import utc_now
from reflect.store.models import ClimateCheckIn, ClimateRating, ClimateResponse


def _add(session, on: date, perspective: str = "create") -> int:
    row = ClimateCheckIn(checked_on=on, perspective=perspective, created_at=utc_now())
    return store.add_checkin(session, row, {"clarity": (2, 4), "rewards": (3, 3)})


def test_own_ratings_and_responses_are_kept_apart_and_deleted_together(new_journal):
    with new_journal.vault.session() as session:
        first = _add(session, date(2026, 1, 5))
        later = _add(session, date(2026, 4, 5), "experience")
        store.add_response(session, first, {"clarity": (4, 5)}, utc_now())
        store.add_response(session, first, {"clarity": (1, 5)}, utc_now())
    with new_journal.vault.session() as session:
        assert [r.id for r in store.checkins(session)] == [first, later]
        assert [r.id for r in store.checkins(session, "experience")] == [later]
        assert store.own_scores(session, [first])[first] == {"clarity": (2, 4),
                                                             "rewards": (3, 3)}
        assert store.response_scores(session, [first])[first] == [{"clarity": (4, 5)},
                                                                  {"clarity": (1, 5)}]
        store.set_scores(session, first, {"flexibility": (1, 2)})
    with new_journal.vault.session() as session:
        assert store.own_scores(session, [first])[first] == {"flexibility": (1, 2)}
        assert len(store.response_scores(session, [first])[first]) == 2  # untouched
        row = store.checkin(session, first)
        assert row is not None
        store.delete_checkin(session, row)
    with new_journal.vault.session() as session:
        assert session.exec(select(ClimateResponse)).all() == []
        left = session.exec(select(ClimateRating)).all()
        assert {r.checkin_id for r in left} == {later}
