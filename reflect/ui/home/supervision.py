"""Home's supervision card: overdue actions, and each supervisee's days since their last
supervision against their interval, so what slips is in front of the manager at unlock.

It is a Home section (see :meth:`HomePage.add_section`): Home calls :meth:`refresh` every
time it is shown. Overdue actions open their record; the full lists are on the Actions and
Supervision pages.
"""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QBrush, QPalette
from PySide6.QtWidgets import QFrame, QHeaderView, QTreeWidget, QTreeWidgetItem, QWidget

from reflect.journal.journal import Journal
from reflect.supervision.records import HomeSummary, Supervision
from reflect.ui.supervision.supervisee_view import due_text, interval_text
from reflect.ui.widgets.card import Section
from reflect.ui.widgets.feedback import error_colour, hint_label, plain_tooltip
from reflect.ui.widgets.lists import EnterTree, RoomyDelegate, top_level_items

OVERDUE_SHOWN = 5
ENTRY_ID_ROLE = Qt.ItemDataRole.UserRole


def _tree(name: str, columns: int, stretch: int = 0) -> EnterTree:
    tree = EnterTree()
    tree.setAccessibleName(name)
    tree.setColumnCount(columns)
    tree.setHeaderHidden(True)
    tree.setRootIsDecorated(False)
    tree.setFrameShape(QFrame.Shape.NoFrame)
    tree.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    tree.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    tree.setTextElideMode(Qt.TextElideMode.ElideRight)
    tree.setItemDelegate(RoomyDelegate(tree))
    header = tree.header()
    header.setStretchLastSection(False)
    for column in range(columns):
        header.setSectionResizeMode(column, QHeaderView.ResizeMode.Stretch if column == stretch
                                    else QHeaderView.ResizeMode.ResizeToContents)
    return tree


def _fit(tree: QTreeWidget) -> None:
    rows = tree.topLevelItemCount()
    tree.setVisible(rows > 0)
    if rows:
        tree.setFixedHeight(tree.sizeHintForRow(0) * rows + 2 * tree.frameWidth() + 2)


class SupervisionSection(Section):
    """Overdue actions and supervisees due, from :meth:`Supervision.home_summary`."""

    open_entry_requested = Signal(int)

    def __init__(self, journal: Journal, parent: QWidget | None = None) -> None:
        super().__init__("Supervision", parent)
        self.journal = journal
        self.supervision = Supervision(journal)
        self.summary_line = hint_label()
        self.summary_line.setAccessibleName("Actions at a glance")
        self.overdue_title = hint_label("Overdue actions")
        self.overdue = _tree("Overdue actions", 3)
        self.more = hint_label()
        self.people_title = hint_label("Supervisees: days since the last supervision")
        self.people = _tree("Supervisees due", 3, stretch=1)
        self.empty = hint_label("No supervisees yet. Add them on the Supervision page, and "
                                "their open actions and supervision dates will show here.")
        for widget in (self.summary_line, self.overdue_title, self.overdue, self.more,
                       self.people_title, self.people, self.empty):
            self.body.addWidget(widget)
        self.overdue.itemClicked.connect(self._open)
        self.overdue.enter_pressed.connect(self._open)
        self.refresh()

    def refresh(self, today: date | None = None) -> None:
        if self.journal is None or not self.journal.is_open:
            return
        self.show_summary(self.supervision.home_summary(today or date.today()))

    def show_summary(self, summary: HomeSummary) -> None:
        counts = summary.counts
        overdue = len(summary.overdue_actions)
        self.summary_line.setText(
            f"{overdue} overdue action{'s' if overdue != 1 else ''} · {counts.open} open · "
            f"{counts.done} done")
        warn = QBrush(error_colour(self.palette()))
        muted = self.palette().brush(QPalette.ColorRole.PlaceholderText)
        self.overdue.clear()
        for row in summary.overdue_actions[:OVERDUE_SHOWN]:
            days = row.days_overdue(summary.today)
            item = QTreeWidgetItem([row.description, row.code_name or "",
                                    f"{days} day{'s' if days != 1 else ''} overdue"])
            item.setData(0, ENTRY_ID_ROLE, row.entry_id)
            item.setToolTip(0, plain_tooltip(row.description))
            item.setForeground(1, muted)
            item.setForeground(2, warn)
            self.overdue.addTopLevelItem(item)
        _fit(self.overdue)
        self.overdue_title.setVisible(overdue > 0)
        extra = overdue - OVERDUE_SHOWN
        self.more.setText(f"and {extra} more on the Actions page" if extra > 0 else "")
        self.more.setVisible(extra > 0)
        self.people.clear()
        for due in summary.supervisees:
            person = due.person
            status = due.problem or due_text(person, due.last_supervised, summary.today,
                                             due.agreed_next)
            item = QTreeWidgetItem([person.code_name,
                                    interval_text(person, due.last_supervised, summary.today,
                                                  next_due=False, agreed=due.agreed_next),
                                    status])
            item.setToolTip(0, plain_tooltip(person.role or person.code_name))
            item.setForeground(1, muted)
            if due.problem or (due.status is not None and due.status.overdue):
                item.setForeground(2, warn)
            self.people.addTopLevelItem(item)
        _fit(self.people)
        has_people = bool(summary.supervisees)
        self.people_title.setVisible(has_people)
        self.empty.setVisible(not has_people and overdue == 0)

    def texts(self) -> list[str]:
        """Every line shown, for tests and screen readers."""
        out = [self.summary_line.text()]
        for tree in (self.overdue, self.people):
            for item in top_level_items(tree):
                out.append(" | ".join(item.text(c) for c in range(tree.columnCount())))
        return out

    def _open(self, item: QTreeWidgetItem, _column: int = 0) -> None:
        entry_id = item.data(0, ENTRY_ID_ROLE)
        if entry_id is not None:
            self.open_entry_requested.emit(int(entry_id))


def supervision_section(journal: Journal) -> SupervisionSection:
    """For the Home page factory."""
    return SupervisionSection(journal)
