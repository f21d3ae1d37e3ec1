"""Home's "Records to agree" card: supervision records the supervisee has not agreed some
days after the session (the days are a preference, ``agree_within_days``), longest waiting
first, each opening its record. SCIE's recording principle: both people agree the record.

A Home section (see :meth:`HomePage.add_section`): Home calls :meth:`refresh` on each show.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from PySide6.QtCore import Signal
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QTreeWidgetItem, QWidget

from reflect.common.dates import uk_date
from reflect.common.settings import Settings
from reflect.journal.journal import Journal
from reflect.supervision.agreement import Awaiting, awaiting_in
from reflect.supervision.record_titles import distinct_titles, shown_title
from reflect.ui.home.supervision import ENTRY_ID_ROLE, _fit, _tree
from reflect.ui.widgets.card import Section
from reflect.ui.widgets.feedback import hint_label, plain_tooltip
from reflect.ui.widgets.lists import top_level_items

SHOWN = 5


def _days_setting() -> int:
    return Settings.load().agree_within_days


class AgreementSection(Section):
    """Records not yet agreed; hidden when there are none."""

    open_entry_requested = Signal(int)

    def __init__(self, journal: Journal, days: Callable[[], int] = _days_setting,
                 parent: QWidget | None = None) -> None:
        super().__init__("Records to agree", parent)
        self.journal = journal
        self.days = days
        self.intro = hint_label()
        self.intro.setAccessibleName("Records not agreed")
        self.list = _tree("Records not agreed", 3)
        self.more = hint_label()
        for widget in (self.intro, self.list, self.more):
            self.body.addWidget(widget)
        self.list.itemClicked.connect(self._open)
        self.list.enter_pressed.connect(self._open)

    def refresh(self, today: date | None = None) -> None:
        if self.journal is None or not self.journal.is_open:
            return
        days = self.days()
        self.show_records(awaiting_in(self.journal, today or date.today(), days), days)

    def show_records(self, records: list[Awaiting], days: int) -> None:
        self.setVisible(bool(records))
        self.intro.setText(f"Not agreed by the supervisee {days} day{'s' if days != 1 else ''} "
                           "or more after the session. Open one to share it, or to read "
                           "back their returned PDF.")
        titles = distinct_titles(self.journal, ((a.entry_id, a.title) for a in records[:SHOWN]))
        muted = self.palette().brush(QPalette.ColorRole.PlaceholderText)
        self.list.clear()
        for row in records[:SHOWN]:
            shared = row.agreement.shared_on
            state = f"shared {uk_date(shared, short=True)}" if shared else "not shared yet"
            title = shown_title(titles, row.entry_id, row.title)
            item = QTreeWidgetItem([title, state, f"{row.days} days since the session"])
            item.setData(0, ENTRY_ID_ROLE, row.entry_id)
            item.setToolTip(0, plain_tooltip(f"{title}, {uk_date(row.happened_on)}: "
                                             f"{row.agreement.status()}"))
            item.setForeground(1, muted)
            self.list.addTopLevelItem(item)
        _fit(self.list)
        extra = len(records) - SHOWN
        self.more.setText(f"and {extra} more" if extra > 0 else "")
        self.more.setVisible(extra > 0)

    def texts(self) -> list[str]:
        """Every row shown, for tests and screen readers."""
        return [" | ".join(item.text(c) for c in range(3))
                for item in top_level_items(self.list)]

    def _open(self, item: QTreeWidgetItem, _column: int = 0) -> None:
        entry_id = item.data(0, ENTRY_ID_ROLE)
        if entry_id is not None:
            self.open_entry_requested.emit(int(entry_id))
