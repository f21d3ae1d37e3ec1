"""Home's "Followed up" card: differences of opinion still open or escalated (each opens its
record), and supervision agreements past their review date. Hidden when there is neither.

A Home section (see :meth:`HomePage.add_section`): Home calls :meth:`refresh` each time it is
shown, so a disagreement closed in a record saved elsewhere is gone the next time.
"""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QBrush, QPalette
from PySide6.QtWidgets import QTreeWidgetItem, QWidget

from reflect.common.dates import uk_date
from reflect.journal.journal import Journal
from reflect.supervision import contracts, disagreements
from reflect.supervision.records import Supervision
from reflect.ui.home.supervision import _fit, _tree
from reflect.ui.widgets.card import Section
from reflect.ui.widgets.feedback import error_colour, hint_label, plain_tooltip
from reflect.ui.widgets.lists import top_level_items

ENTRY_ID_ROLE = Qt.ItemDataRole.UserRole


class FollowUpSection(Section):
    """Open disagreements and agreements due for review."""

    open_entry_requested = Signal(int)

    def __init__(self, journal: Journal, parent: QWidget | None = None) -> None:
        super().__init__("Followed up", parent)
        self.journal = journal
        self.supervision = Supervision(journal)
        self.disagreements_title = hint_label("Differences of opinion to resolve")
        self.disagreements = _tree("Differences of opinion to resolve", 3)
        self.reviews_title = hint_label("Supervision agreements to review")
        self.reviews = _tree("Supervision agreements to review", 2)
        for widget in (self.disagreements_title, self.disagreements, self.reviews_title,
                       self.reviews):
            self.body.addWidget(widget)
        self.disagreements.itemClicked.connect(self._open)
        self.disagreements.enter_pressed.connect(self._open)

    def refresh(self, today: date | None = None) -> None:
        if self.journal is None or not self.journal.is_open:
            return
        today = today or date.today()
        warn = QBrush(error_colour(self.palette()))
        muted = self.palette().brush(QPalette.ColorRole.PlaceholderText)
        self.disagreements.clear()
        for row in disagreements.open_disagreements(self.journal):
            item = QTreeWidgetItem([disagreements.summary(row, 80), row.code_name or "",
                                    f"{row.outcome} {uk_date(row.happened_on, short=True)}"])
            item.setData(0, ENTRY_ID_ROLE, row.entry_id)
            item.setToolTip(0, plain_tooltip(row.what or "No details written"))
            item.setForeground(1, muted)
            if row.outcome == "Escalated":
                item.setForeground(2, warn)
            self.disagreements.addTopLevelItem(item)
        self.reviews.clear()
        for due in contracts.reviews_due(self.supervision, today):
            days = due.days_overdue
            item = QTreeWidgetItem([due.person.code_name,
                                    f"review was due {uk_date(due.review_on, short=True)}, "
                                    f"{days} day{'s' if days != 1 else ''} ago"])
            item.setForeground(1, warn)
            self.reviews.addTopLevelItem(item)
        for tree, title in ((self.disagreements, self.disagreements_title),
                            (self.reviews, self.reviews_title)):
            _fit(tree)
            title.setVisible(tree.topLevelItemCount() > 0)
        self.setVisible(bool(self.disagreements.topLevelItemCount()
                             or self.reviews.topLevelItemCount()))

    def texts(self) -> list[str]:
        """Every line shown, for tests and screen readers."""
        return [" | ".join(item.text(c) for c in range(tree.columnCount()))
                for tree in (self.disagreements, self.reviews)
                for item in top_level_items(tree)]

    def _open(self, item: QTreeWidgetItem, _column: int = 0) -> None:
        entry_id = item.data(0, ENTRY_ID_ROLE)
        if entry_id is not None:
            self.open_entry_requested.emit(int(entry_id))


def follow_up_section(journal: Journal) -> FollowUpSection:
    """For the Home page factory."""
    return FollowUpSection(journal)
