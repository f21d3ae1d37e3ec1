"""Each rater's return: the ratings one person gave, stored together so a rater group is
counted in people, not ratings. A returned form is one return (:mod:`.imports`); ratings a
leader types in from one rater (a paper form, an email) are one too.

Qt-free, SQL-free: the rows are kept by :mod:`reflect.store.feedback`.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import TYPE_CHECKING

from reflect.common.dates import uk_date
from reflect.feedback.rounds import FeedbackError, group_name
from reflect.profile.ratings import RatingValue, attributes, validate
from reflect.store import feedback as store
from reflect.store.models import FeedbackReturn, Rating

if TYPE_CHECKING:
    from reflect.journal.journal import Journal
    from reflect.store.feedback import Session

FORM, TYPED = "form", "typed"


@dataclass(frozen=True)
class Return:
    """One rater's return, detached: ``form_id`` None for ratings typed in together."""

    id: int
    round_id: int | None
    form_id: str | None
    group: str
    returned_on: date
    source: str
    ratings: int

    @classmethod
    def of(cls, row: FeedbackReturn, ratings: int) -> Return:
        return cls(row.id or 0, row.round_id, row.form_id, row.rater_group, row.returned_on,
                   row.source, ratings)


def stored_group(group: str) -> str:
    """The rater group as stored: a round's group by its name ("Peers" -> "peer"), any
    other as ``rate`` keeps it (spaces made single, lower case)."""
    return group_name(group) or " ".join(group.split()).lower()


def check_round_open(session: Session, round_id: int) -> str:
    """The round's name; refuses a round that is gone or closed."""
    row = store.get_round(session, round_id)
    if row is None:
        raise FeedbackError("That 360 round is no longer in the journal: choose another "
                            "round, or none.")
    if row.closed_on is not None:
        raise FeedbackError(f"The round “{row.name}” was closed on {uk_date(row.closed_on)}: "
                            "reopen it to add returns.")
    return row.name


def save_return(session: Session, row: FeedbackReturn,
                ratings: list[Rating]) -> tuple[Return, list[RatingValue]]:
    """Store a return and its ratings in the caller's transaction."""
    saved, rows = store.add_return(session, row, ratings)
    return Return.of(saved, len(rows)), [RatingValue.of(r) for r in rows]


def add_typed_return(journal: Journal, group: str, rated_on: date,
                     scores: Mapping[str, int | None], notes: Mapping[str, str] | None = None,
                     round_id: int | None = None) -> tuple[Return, list[RatingValue]]:
    """One rater's ratings typed in by hand, stored as one return (and, with ``round_id``,
    counted in that round), checked as :func:`reflect.profile.ratings.rate` checks others'
    ratings. All or nothing: one transaction."""
    validate(scores, "other", group, (a.id for a in attributes()))
    notes = notes or {}
    name = stored_group(group)
    now = datetime.now(UTC)
    ratings = [Rating(attribute_id=a, kind="other", score=s, rated_on=rated_on,
                      rater_group=name, note=(notes.get(a) or "").strip(), created_at=now)
               for a, s in scores.items()]
    with journal.vault.session() as session:
        if round_id is not None:
            check_round_open(session, round_id)
        return save_return(session, FeedbackReturn(
            round_id=round_id, form_id=None, rater_group=name, returned_on=rated_on,
            source=TYPED, created_at=now), ratings)


def returns(journal: Journal, round_id: int | None = None) -> list[Return]:
    """Returns in the order they came in (of one round, or every one)."""
    with journal.vault.session() as session:
        rows = store.list_returns(session, round_id)
        return [Return.of(r, len(store.ratings_of_return(session, r.id or 0))) for r in rows]


def delete_return(journal: Journal, return_id: int) -> int:
    """Delete one return and every rating that came in it (a form imported by mistake);
    returns how many ratings went. Its form can then be imported again."""
    with journal.vault.session() as session:
        removed = store.delete_return(session, return_id)
    if removed is None:
        raise FeedbackError("That return is no longer in the journal; nothing was deleted.")
    return removed
