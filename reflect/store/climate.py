"""The rows of team climate check-ins: the check-in, its own now/ideal ratings and the team
members' paper responses under it.

Everything runs inside the caller's transaction; the rules (the scale, the perspectives, what
a correction may change) are in :mod:`reflect.climate.checkins`. Deleting a check-in deletes
its ratings and responses with it (``ON DELETE CASCADE``).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import datetime

from sqlmodel import Session, col, select

from reflect.store.models import ClimateCheckIn, ClimateRating, ClimateResponse

#: The transaction the climate domain passes back in (it speaks no SQL itself).
__all__ = ["Scores", "Session"]

#: dimension id -> (now, ideal)
Scores = Mapping[str, tuple[int, int]]


def add_checkin(session: Session, row: ClimateCheckIn, scores: Scores) -> int:
    """Insert a check-in with its own ratings; its id."""
    session.add(row)
    session.flush()
    assert row.id is not None
    set_scores(session, row.id, scores)
    return row.id


def checkin(session: Session, checkin_id: int) -> ClimateCheckIn | None:
    return session.get(ClimateCheckIn, checkin_id)


def checkins(session: Session, perspective: str | None = None) -> list[ClimateCheckIn]:
    """Oldest first (by day, then as recorded)."""
    query = select(ClimateCheckIn)
    if perspective is not None:
        query = query.where(ClimateCheckIn.perspective == perspective)
    return list(session.exec(query.order_by(col(ClimateCheckIn.checked_on),
                                            col(ClimateCheckIn.id))))


def _ratings(session: Session, checkin_ids: Iterable[int]) -> list[ClimateRating]:
    ids = list(checkin_ids)
    if not ids:
        return []
    query = select(ClimateRating).where(col(ClimateRating.checkin_id).in_(ids))
    return list(session.exec(query.order_by(col(ClimateRating.id))))


def own_scores(session: Session, checkin_ids: Iterable[int]) -> dict[int, dict[str, tuple]]:
    """check-in id -> dimension -> (now, ideal): the leader's own ratings."""
    found: dict[int, dict[str, tuple]] = {}
    for rating in _ratings(session, checkin_ids):
        if rating.response_id is None:
            found.setdefault(rating.checkin_id, {})[rating.dimension] = (rating.now,
                                                                        rating.ideal)
    return found


def response_scores(session: Session,
                    checkin_ids: Iterable[int]) -> dict[int, list[dict[str, tuple]]]:
    """check-in id -> one dimension -> (now, ideal) mapping per team response, as entered."""
    by_response: dict[tuple[int, int], dict[str, tuple]] = {}
    for rating in _ratings(session, checkin_ids):
        if rating.response_id is not None:
            key = (rating.checkin_id, rating.response_id)
            by_response.setdefault(key, {})[rating.dimension] = (rating.now, rating.ideal)
    found: dict[int, list[dict[str, tuple]]] = {}
    for (checkin_id, _response), scores in sorted(by_response.items()):
        found.setdefault(checkin_id, []).append(scores)
    return found


def set_scores(session: Session, checkin_id: int, scores: Scores) -> None:
    """Replace the leader's own ratings of a check-in."""
    for rating in _ratings(session, [checkin_id]):
        if rating.response_id is None:
            session.delete(rating)
    session.flush()
    for dimension, (now, ideal) in scores.items():
        session.add(ClimateRating(checkin_id=checkin_id, dimension=dimension, now=now,
                                  ideal=ideal))
    session.flush()


def add_response(session: Session, checkin_id: int, scores: Scores, made: datetime) -> int:
    """One team member's paper response under a check-in; its id."""
    response = ClimateResponse(checkin_id=checkin_id, created_at=made)
    session.add(response)
    session.flush()
    assert response.id is not None
    for dimension, (now, ideal) in scores.items():
        session.add(ClimateRating(checkin_id=checkin_id, response_id=response.id,
                                  dimension=dimension, now=now, ideal=ideal))
    session.flush()
    return response.id


def update(session: Session, row: ClimateCheckIn) -> None:
    session.add(row)
    session.flush()


def delete_checkin(session: Session, row: ClimateCheckIn) -> None:
    """The check-in, its ratings and its responses (cascade)."""
    session.delete(row)
    session.flush()
