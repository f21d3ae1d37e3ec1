"""The rows of 360 rounds: the rounds themselves, each rater's return and the ratings that came
in it.

Everything runs inside the caller's transaction, so a return and its ratings are written
together or not at all; the rules (names, groups, what a form may hold) are in
:mod:`reflect.feedback`.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from sqlalchemy import func
from sqlmodel import Session, col, select

from reflect.store.entries import utc_now
from reflect.store.models import FeedbackReturn, FeedbackRound, Rating

#: The transaction the feedback domain passes back in (it speaks no SQL itself).
__all__ = ["Session"]


def add_round(session: Session, row: FeedbackRound) -> FeedbackRound:
    """Insert a round and give it its id."""
    if getattr(row, "created_at", None) is None:
        row.created_at = utc_now()
    session.add(row)
    session.flush()
    return row


def list_rounds(session: Session) -> list[FeedbackRound]:
    """Newest first: by the day opened, then the one made last."""
    query = select(FeedbackRound).order_by(col(FeedbackRound.opened_on).desc(),
                                           col(FeedbackRound.id).desc())
    return list(session.exec(query))


def get_round(session: Session, round_id: int) -> FeedbackRound | None:
    return session.get(FeedbackRound, round_id)


def round_by_uid(session: Session, uid: str) -> FeedbackRound | None:
    return session.exec(select(FeedbackRound).where(FeedbackRound.uid == uid)).first()


def round_by_name(session: Session, name: str) -> FeedbackRound | None:
    """The round of that name, whatever its case ("autumn 360" finds "Autumn 360")."""
    query = select(FeedbackRound).where(func.lower(FeedbackRound.name) == name.lower())
    return session.exec(query).first()


def set_closed(session: Session, round_id: int, closed_on: date | None) -> FeedbackRound | None:
    """Close a round on ``closed_on`` (None: open it again)."""
    row = session.get(FeedbackRound, round_id)
    if row is not None:
        row.closed_on = closed_on
        session.flush()
    return row


def returns_per_group(session: Session,
                      round_ids: Iterable[int] | None = None) -> dict[int, dict[str, int]]:
    """round id -> rater group -> returns, for the rounds given (all when None)."""
    query = (select(FeedbackReturn.round_id, FeedbackReturn.rater_group, func.count())
             .where(col(FeedbackReturn.round_id).is_not(None))
             .group_by(col(FeedbackReturn.round_id), col(FeedbackReturn.rater_group)))
    if round_ids is not None:
        query = query.where(col(FeedbackReturn.round_id).in_(list(round_ids)))
    counts: dict[int, dict[str, int]] = {}
    for round_id, group, count in session.exec(query):
        if round_id is not None:
            counts.setdefault(round_id, {})[group] = count
    return counts


def add_return(session: Session, row: FeedbackReturn,
               ratings: Iterable[Rating]) -> tuple[FeedbackReturn, list[Rating]]:
    """Insert one rater's return and its ratings, each pointing at it (one transaction)."""
    now = utc_now()
    if getattr(row, "created_at", None) is None:
        row.created_at = now
    session.add(row)
    session.flush()
    saved: list[Rating] = []
    for rating in ratings:
        rating.return_id = row.id
        if rating.created_at is None:
            rating.created_at = now
        session.add(rating)
        saved.append(rating)
    session.flush()
    return row, saved


def return_by_form_id(session: Session, form_id: str) -> FeedbackReturn | None:
    return session.exec(select(FeedbackReturn).where(FeedbackReturn.form_id == form_id)).first()


def get_return(session: Session, return_id: int) -> FeedbackReturn | None:
    return session.get(FeedbackReturn, return_id)


def list_returns(session: Session, round_id: int | None = None) -> list[FeedbackReturn]:
    """Returns in the order they came in (of one round, or all)."""
    query = select(FeedbackReturn)
    if round_id is not None:
        query = query.where(FeedbackReturn.round_id == round_id)
    return list(session.exec(query.order_by(col(FeedbackReturn.id))))


def ratings_of_return(session: Session, return_id: int) -> list[Rating]:
    query = select(Rating).where(Rating.return_id == return_id).order_by(col(Rating.id))
    return list(session.exec(query))


def delete_return(session: Session, return_id: int) -> int | None:
    """Delete a return and the ratings that came in it; returns how many ratings went, or
    None when there was no such return."""
    row = session.get(FeedbackReturn, return_id)
    if row is None:
        return None
    ratings = ratings_of_return(session, return_id)  # five at most: one per attribute
    for rating in ratings:
        session.delete(rating)
    session.flush()
    session.delete(row)
    session.flush()
    return len(ratings)
