"""The 360 tables on a real SQLCipher journal: rounds newest first, a return and its ratings
written together or not at all, a form id counted once, a return deleted with its ratings."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy.exc import IntegrityError
from sqlmodel import select

from reflect.store import feedback as store
from reflect.store.entries import utc_now
from reflect.store.models import FeedbackReturn, FeedbackRound, Rating


def _round(session, name: str, opened_on: date, uid: str | None = None) -> FeedbackRound:
    return store.add_round(session, FeedbackRound(
        uid=uid or f"round-{name.lower().replace(' ', '-')}", name=name, opened_on=opened_on,
        invited={"peer": 3, "team member": 4}, created_at=utc_now()))


def _rating(attribute_id: str, score: int | None, group: str = "peer") -> Rating:
    return Rating(attribute_id=attribute_id, kind="other", score=score, rated_on=date(2026, 3, 9),
                  rater_group=group, created_at=utc_now())


def _return(round_id: int | None, group: str, form_id: str | None = None) -> FeedbackReturn:
    return FeedbackReturn(round_id=round_id, form_id=form_id, rater_group=group,
                          returned_on=date(2026, 3, 9), source="form" if form_id else "typed",
                          created_at=utc_now())


def test_rounds_are_listed_newest_first_and_found_by_name_any_case_or_uid(new_journal):
    with new_journal.vault.session() as session:
        autumn = _round(session, "Autumn 2025", date(2025, 10, 6))
        spring = _round(session, "Spring 2026", date(2026, 3, 2))
    with new_journal.vault.session() as session:
        assert [r.name for r in store.list_rounds(session)] == ["Spring 2026", "Autumn 2025"]
        assert store.round_by_name(session, "spring 2026").id == spring.id
        assert store.round_by_uid(session, autumn.uid).name == "Autumn 2025"
        assert store.round_by_name(session, "Summer") is None
        assert store.set_closed(session, spring.id, date(2026, 4, 1)).closed_on == date(2026, 4, 1)
    with new_journal.vault.session() as session:
        assert store.get_round(session, spring.id).closed_on == date(2026, 4, 1)
        assert store.get_round(session, spring.id).invited == {"peer": 3, "team member": 4}


def test_a_return_and_its_ratings_are_written_together_and_counted_per_group(new_journal):
    with new_journal.vault.session() as session:
        spring = _round(session, "Spring 2026", date(2026, 3, 2))
        saved, ratings = store.add_return(
            session, _return(spring.id, "peer", "ABCD-EFGH"),
            [_rating("values_driven", 4), _rating("partnerships", None)])
        store.add_return(session, _return(spring.id, "peer"), [_rating("values_driven", 3)])
        store.add_return(session, _return(spring.id, "team member", "HJKM-NPQR"),
                         [_rating("values_driven", 5, "team member")])
        store.add_return(session, _return(None, "peer"), [_rating("values_driven", 2)])
    assert {r.return_id for r in ratings} == {saved.id}
    with new_journal.vault.session() as session:
        assert store.returns_per_group(session) == {spring.id: {"peer": 2, "team member": 1}}
        assert store.return_by_form_id(session, "ABCD-EFGH").id == saved.id
        assert store.return_by_form_id(session, "ZZZZ-ZZZZ") is None
        assert [r.attribute_id for r in store.ratings_of_return(session, saved.id)] == [
            "values_driven", "partnerships"]
        assert len(store.list_returns(session, spring.id)) == 3
        assert len(store.list_returns(session)) == 4


def test_a_failing_return_leaves_neither_the_return_nor_its_ratings(new_journal):
    with new_journal.vault.session() as session:
        spring = _round(session, "Spring 2026", date(2026, 3, 2))
        store.add_return(session, _return(spring.id, "peer", "ABCD-EFGH"),
                         [_rating("values_driven", 4)])
    with pytest.raises(IntegrityError), new_journal.vault.session() as session:
        store.add_return(session, _return(spring.id, "peer", "ABCD-EFGH"),  # the same form
                         [_rating("values_driven", 1), _rating("partnerships", 1)])
    with new_journal.vault.session() as session:
        assert len(store.list_returns(session)) == 1
        assert [r.score for r in session.exec(select(Rating))] == [4]


def test_deleting_a_return_takes_its_ratings_and_nothing_else(new_journal):
    with new_journal.vault.session() as session:
        spring = _round(session, "Spring 2026", date(2026, 3, 2))
        first, _ = store.add_return(session, _return(spring.id, "peer", "ABCD-EFGH"),
                                    [_rating("values_driven", 4), _rating("partnerships", 2)])
        store.add_return(session, _return(spring.id, "peer"), [_rating("values_driven", 3)])
        session.add(Rating(attribute_id="values_driven", kind="self", score=3,
                           rated_on=date(2026, 3, 1), created_at=utc_now()))
    with new_journal.vault.session() as session:
        assert store.delete_return(session, first.id) == 2
        assert store.delete_return(session, first.id) is None
    with new_journal.vault.session() as session:
        assert sorted(r.score for r in session.exec(select(Rating))) == [3, 3]
        assert store.return_by_form_id(session, "ABCD-EFGH") is None
        conn = session.connection().connection.driver_connection
        assert conn.execute("PRAGMA foreign_key_check").fetchall() == []
