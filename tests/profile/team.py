"""A small team's 360 rounds written as the round storage keeps them: a ``feedback_round``
row, one ``feedback_return`` per rater, and each rater's ratings pointing at their return.

The team of five of issue 16: a line manager, two peers, three team members and a partner
(seven returns, five groups of people a leader could name).
"""

from __future__ import annotations

import uuid
from datetime import UTC, date, datetime

from reflect.journal.journal import Journal
from reflect.store.models import FeedbackReturn, FeedbackRound, Rating

ATTRIBUTE_IDS = ("values_driven", "child_centred_decisions", "changing_practice",
                 "partnerships", "corporate_buy_in")


def add_round(journal: Journal, name: str, opened_on: date) -> int:
    with journal.vault.session() as session:
        row = FeedbackRound(uid=uuid.uuid4().hex, name=name, opened_on=opened_on, invited={},
                            created_at=datetime.now(UTC))
        session.add(row)
        session.flush()
        assert row.id is not None
        return row.id


def add_return(journal: Journal, round_id: int | None, group: str, day: date,
               scores: dict[str, int | None], notes: dict[str, str] | None = None) -> int:
    """One rater's form: the return and its ratings, in one transaction."""
    now = datetime.now(UTC)
    with journal.vault.session() as session:
        back = FeedbackReturn(round_id=round_id, form_id=uuid.uuid4().hex, rater_group=group,
                              returned_on=day, source="form", created_at=now)
        session.add(back)
        session.flush()
        assert back.id is not None
        for attribute_id, score in scores.items():
            session.add(Rating(attribute_id=attribute_id, kind="other", rater_group=group,
                               score=score, rated_on=day, note=(notes or {}).get(attribute_id, ""),
                               created_at=now, return_id=back.id))
        return back.id


def every(score: int | None) -> dict[str, int | None]:
    return dict.fromkeys(ATTRIBUTE_IDS, score)


#: (group, score on every attribute, note on values_driven) per rater, all on one day.
TEAM_OF_FIVE = (
    ("line manager", 4, "Sam holds the line on values."),
    ("peer", 2, "Slow to follow up after disputes."),
    ("peer", 3, ""),
    ("team member", 5, "Always asks what the child would say."),
    ("team member", 4, ""),
    ("team member", 4, ""),
    ("partner", 3, "Hard to reach at times."),
)


def team_of_five(journal: Journal, round_id: int | None, day: date) -> None:
    for group, score, note in TEAM_OF_FIVE:
        add_return(journal, round_id, group, day, every(score), {"values_driven": note})
