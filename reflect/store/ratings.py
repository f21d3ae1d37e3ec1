"""Ratings of the leadership attributes, and the few other rows the profile and the mentor pack
read: the leader's name (kept in ``meta``) and the leader's own open actions.

The maths (change, gaps, blind spots) lives in :mod:`reflect.profile.ratings`; this module only
stores and fetches rows, so the rules can be tested without caring how they are kept.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from sqlmodel import Session, col, or_, select

from reflect.store.entries import utc_now
from reflect.store.models import Action, Entry, FeedbackReturn, FeedbackRound, Meta, Rating

LEADER_NAME_KEY = "leader_name"
# The reader's level (first line, middle, senior): a preference, not the person's content.
READER_LEVEL_KEY = "reader_level"
EDITABLE = frozenset({"score", "kind", "rated_on", "rater_group", "target_by", "note"})


def add_many(session: Session, ratings: Iterable[Rating]) -> list[Rating]:
    """Insert ratings in one transaction (a rating round is all five or none)."""
    saved: list[Rating] = []
    for rating in ratings:
        if rating.created_at is None:
            rating.created_at = utc_now()
        session.add(rating)
        saved.append(rating)
    session.flush()
    return saved


def list_ratings(session: Session, *, kind: str | None = None, attribute_id: str | None = None,
                 date_from: date | None = None, date_to: date | None = None) -> list[Rating]:
    """Oldest first, by the date rated and then by entry order (a same-day correction wins)."""
    query = select(Rating)
    if kind is not None:
        query = query.where(Rating.kind == kind)
    if attribute_id is not None:
        query = query.where(Rating.attribute_id == attribute_id)
    if date_from is not None:
        query = query.where(Rating.rated_on >= date_from)
    if date_to is not None:
        query = query.where(Rating.rated_on <= date_to)
    query = query.order_by(col(Rating.rated_on), col(Rating.id))
    return list(session.exec(query).all())


#: One rating by others with its round: (rating, round id, round name, round opened on).
RoundRating = tuple[Rating, int, str, date]


def return_rounds(session: Session, return_ids: Iterable[int | None]) -> dict[int, int | None]:
    """The round each of these returns came in (None: typed outside a round)."""
    wanted = sorted({i for i in return_ids if i is not None})
    if not wanted:
        return {}
    rows = session.exec(select(FeedbackReturn).where(col(FeedbackReturn.id).in_(wanted))).all()
    return {row.id: row.round_id for row in rows if row.id is not None}


def others_with_rounds(session: Session, *, date_to: date | None = None) -> list[RoundRating]:
    """Others' ratings that came in a round's return, with that round; ratings typed
    outside a round are left out. Oldest round first, then as :func:`list_ratings`."""
    query = (
        select(Rating, FeedbackRound)
        .join(FeedbackReturn, col(Rating.return_id) == col(FeedbackReturn.id))
        .join(FeedbackRound, col(FeedbackReturn.round_id) == col(FeedbackRound.id))
        .where(Rating.kind == "other")
    )
    if date_to is not None:
        query = query.where(Rating.rated_on <= date_to)
    query = query.order_by(col(FeedbackRound.opened_on), col(FeedbackRound.id),
                           col(Rating.rated_on), col(Rating.id))
    return [(rating, found.id or 0, found.name, found.opened_on)
            for rating, found in session.exec(query).all()]


def delete(session: Session, rating_id: int) -> Rating | None:
    """Remove one rating (entered by mistake); returns a detached copy of it (for undo), or
    None if there was none."""
    rating = session.get(Rating, rating_id)
    if rating is None:
        return None
    copy = Rating(**rating.model_dump())
    session.delete(rating)
    return copy


def get(session: Session, rating_id: int) -> Rating | None:
    return session.get(Rating, rating_id)


def update(session: Session, rating_id: int, **fields: object) -> Rating | None:
    """Correct one rating in place (score, kind, date, rater group, target date, note)."""
    rating = session.get(Rating, rating_id)
    if rating is not None:
        for name, value in fields.items():
            if name not in EDITABLE:
                raise ValueError(f"a rating's {name} cannot be changed")
            setattr(rating, name, value)
    return rating


def put_back(session: Session, rating: Rating) -> Rating:
    """Re-insert a deleted rating with its old id and creation time (undo of a delete), so it
    sorts where it did; the id is free again because ratings are never renumbered."""
    session.add(Rating(**rating.model_dump()))
    session.flush()
    return rating


def update_note(session: Session, rating_id: int, note: str) -> Rating | None:
    rating = session.get(Rating, rating_id)
    if rating is not None:
        rating.note = note
    return rating


def get_meta(session: Session, key: str) -> str | None:
    row = session.get(Meta, key)
    return row.value if row is not None else None


def set_meta(session: Session, key: str, value: str) -> None:
    row = session.get(Meta, key)
    if row is None:
        session.add(Meta(key=key, value=value))
    else:
        row.value = value


OwnAction = tuple[Action, Entry | None]


def open_own_actions(session: Session,
                     own_templates: Iterable[str] = ("my_supervision",)) -> list[OwnAction]:
    """Open actions that are the leader's own development, with the entry they came from.

    Own means written down outside supervision records (a reflection, a coaching
    preparation, or no entry at all), or in the leader's own supervision (``own_templates``).
    Actions agreed in supervising others concern supervisees and cases, not the leader's
    development, so they stay out; so do those of deleted or sensitive entries.
    Soonest due first; actions without a date last.
    """
    query = (
        _own_query(own_templates).where(Action.status == "open")
        .order_by(col(Action.due_on).is_(None), col(Action.due_on), col(Action.id))
    )
    return [(action, entry) for action, entry in session.exec(query).all()]


def closed_own_actions(session: Session, since: date | None, until: date,
                       own_templates: Iterable[str] = ("my_supervision",)) -> list[OwnAction]:
    """The leader's own actions (as :func:`open_own_actions` means it) closed after ``since``
    (any time when None) up to ``until``: done, dropped or carried forward. Oldest first."""
    query = _own_query(own_templates).where(Action.status != "open",
                                             col(Action.closed_on).is_not(None),
                                             col(Action.closed_on) <= until)
    if since is not None:
        query = query.where(col(Action.closed_on) > since)
    query = query.order_by(col(Action.closed_on), col(Action.id))
    return [(action, entry) for action, entry in session.exec(query).all()]


def _own_query(own_templates: Iterable[str]):
    own = sorted(own_templates)
    return (
        select(Action, Entry)
        .join(Entry, col(Action.entry_id) == col(Entry.id), isouter=True)
        .where(col(Action.person_id).is_(None))
        .where(or_(col(Action.entry_id).is_(None),
                   col(Entry.deleted_at).is_(None) & col(Entry.sensitive).is_(False)
                   & or_(Entry.kind != "supervision", col(Entry.template_id).in_(own))))
    )


def actions_by_id(session: Session, ids: Iterable[int]) -> dict[int, Action]:
    """Actions by id: a record's ``sections`` keep only a searchable copy of its actions
    (description, owner, outcome); dates and statuses are read from the table."""
    wanted = sorted({int(i) for i in ids})
    if not wanted:
        return {}
    rows = session.exec(select(Action).where(col(Action.id).in_(wanted))).all()
    return {row.id: row for row in rows if row.id is not None}
