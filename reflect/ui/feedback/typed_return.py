"""Others' ratings typed in by hand, stored as one rater's return.

A paper form, an email or a flattened PDF holds one person's answers: stored together as a
return (:func:`reflect.feedback.returns.add_typed_return`) they count as one rater in the
anonymity rule, and in a round when one is chosen. The rating dialog shows
:class:`RoundChoice` for others' ratings and saves them through :func:`save_typed`.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date

from PySide6.QtWidgets import QComboBox, QWidget

from reflect.common.dates import uk_date
from reflect.feedback import rounds as feedback_rounds
from reflect.feedback.returns import add_typed_return
from reflect.journal.journal import Journal
from reflect.profile.ratings import RatingValue

NO_ROUND = "No round"


class RoundChoice(QComboBox):
    """The open rounds, newest first (the latest chosen), then "No round"."""

    def __init__(self, journal: Journal, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName("360 round")
        self.setToolTip("The round these ratings came back in; they count as one rater")
        self.open_rounds = [r for r in feedback_rounds.rounds(journal) if r.is_open]
        for found in self.open_rounds:
            self.addItem(f"{found.name} (opened {uk_date(found.opened_on, short=True)})",
                         found.id)
        self.addItem(NO_ROUND, None)
        self.setCurrentIndex(0)

    def round_id(self) -> int | None:
        value = self.currentData()
        return int(value) if value is not None else None

    def choose(self, round_id: int | None) -> None:
        """Choose a round by id (a kept draft's); an unknown one leaves the choice."""
        index = self.findData(round_id)
        if index >= 0:
            self.setCurrentIndex(index)


def save_typed(journal: Journal, group: str, rated_on: date,
               scores: Mapping[str, int | None], notes: Mapping[str, str],
               round_id: int | None) -> list[RatingValue]:
    """One rater's ratings as one return (raises ProfileError or FeedbackError)."""
    _return, stored = add_typed_return(journal, group, rated_on, scores, notes,
                                       round_id=round_id)
    return stored
