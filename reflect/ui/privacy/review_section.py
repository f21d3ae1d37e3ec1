"""Home's "Notes due for a retention review" card: former supervisees whose review date has
come (:func:`reflect.privacy.retention.due_for_review`), each with a button that shows them
on the Supervision page, where Edit… sets a new date, a legal hold, or deletes their notes.
Hidden when nothing is due.

A Home section (see :meth:`HomePage.add_section`): Home calls :meth:`refresh` on each show.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QGridLayout, QPushButton, QWidget

from reflect.journal.journal import Journal
from reflect.privacy import retention
from reflect.ui.widgets.card import Section
from reflect.ui.widgets.feedback import hint_label, plain_label

SHOWN = 5


class RetentionReviewSection(Section):
    """See the module docstring; ``today`` is the clock (tests fix it)."""

    open_supervisee_requested = Signal(int)

    def __init__(self, journal: Journal, today: Callable[[], date] = date.today,
                 parent: QWidget | None = None) -> None:
        super().__init__("Notes due for a retention review", parent)
        self.journal = journal
        self.today = today
        self.intro = hint_label("Their notes have been kept as long as your retention period "
                                "says. Review each: keep them with a new date or a legal "
                                "hold, or delete them.")
        self.grid = QGridLayout()
        self.grid.setHorizontalSpacing(12)
        self.grid.setColumnStretch(1, 1)
        self.more = hint_label()
        self.buttons: list[QPushButton] = []
        self.lines: list[str] = []
        self.body.addWidget(self.intro)
        self.body.addLayout(self.grid)
        self.body.addWidget(self.more)

    def refresh(self) -> None:
        if self.journal is None or not self.journal.is_open:
            return
        today = self.today()
        due = retention.due_for_review(self.journal, today)
        while self.grid.count():
            held = self.grid.takeAt(0)
            widget = held.widget() if held is not None else None
            if widget is not None:
                widget.deleteLater()
        self.buttons, self.lines = [], []
        for row, item in enumerate(due[:SHOWN]):
            name = plain_label(item.code_name, wrap=False)
            line = hint_label(item.line(today))
            button = QPushButton(f"Open {item.code_name}")
            button.setAccessibleName(f"Open {item.code_name} on the Supervision page")
            button.clicked.connect(
                lambda _checked=False, pid=item.person_id: self.open_supervisee_requested.emit(
                    pid))
            self.grid.addWidget(name, row, 0)
            self.grid.addWidget(line, row, 1)
            self.grid.addWidget(button, row, 2)
            self.buttons.append(button)
            self.lines.append(f"{item.code_name} | {item.line(today)}")
        extra = len(due) - SHOWN
        self.more.setText(f"and {extra} more on the Supervision page (Show former "
                          "supervisees)" if extra > 0 else "")
        self.more.setVisible(extra > 0)
        self.setVisible(bool(due))


def retention_review(journal: Journal) -> RetentionReviewSection:
    """For the Home page factory."""
    return RetentionReviewSection(journal)
