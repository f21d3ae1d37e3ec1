"""The Actions page: every agreed action, filtered by supervisee, status and overdue, with
done (what changed in practice), drop (why), reopen (undo either), and the record it came from.

The list asks the database for one page of light rows (open first, soonest due first), so
it stays quick with thousands of actions. Keyboard: arrows move, Enter opens the record,
Alt+D / Alt+R / Alt+O mark done, reopen and open; typed answers confirm with Return.
"""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtGui import QBrush, QShowEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from reflect.common.dates import uk_date
from reflect.journal.journal import Journal
from reflect.supervision.record_export import STATUS_LABELS
from reflect.supervision.records import ActionFilter, ActionRow, Supervision, SupervisionError
from reflect.ui.supervision.action_review import action_meta
from reflect.ui.widgets.card import heading
from reflect.ui.widgets.feedback import ErrorNotice, error_colour, hint_label, plain_tooltip
from reflect.ui.widgets.inline_ask import InlineAsk
from reflect.ui.widgets.lists import RoomyDelegate, top_level_items
from reflect.ui.widgets.messages import Failure

PAGE_LIMIT = 500
ACTION_ID_ROLE = Qt.ItemDataRole.UserRole
COLUMNS = ("Action", "Supervisee", "Owner", "Due", "Status", "Outcome or reason")
STATUS_CHOICES = (("Open", "open"), ("Done", "done"), ("Dropped", "dropped"),
                  ("Carried forward", "carried"), ("Any status", None))


def _note(row: ActionRow) -> str:
    if row.status == "done":
        return row.outcome
    if row.status == "dropped":
        return row.reason
    if row.status == "carried" and row.closed_on:
        return f"Carried forward on {uk_date(row.closed_on, short=True)}"
    return ""


class ActionsPage(QWidget):
    """All actions over one open journal; ``open_entry_requested`` shows a record."""

    open_entry_requested = Signal(int)

    def __init__(self, journal: Journal, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName("Actions")
        self.journal = journal
        self.supervision = Supervision(journal)
        self.rows: dict[int, ActionRow] = {}
        self.person_combo = QComboBox()
        self.person_combo.setAccessibleName("Filter by supervisee")
        self.status_combo = QComboBox()
        self.status_combo.setAccessibleName("Filter by status")
        for label, value in STATUS_CHOICES:
            self.status_combo.addItem(label, value)
        self.overdue_box = QCheckBox("Overdue only")
        self.count_label = hint_label()
        self.count_label.setAccessibleName("Action count")
        self.table = QTreeWidget()
        self.table.setAccessibleName("Actions")
        self.table.setColumnCount(len(COLUMNS))
        self.table.setHeaderLabels(list(COLUMNS))
        self.table.setRootIsDecorated(False)
        self.table.setUniformRowHeights(True)
        self.table.setItemDelegate(RoomyDelegate(self.table))
        header = self.table.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for column in (1, 2, 3, 4):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        # The outcome can be long: a fixed share (draggable), its whole text in the tooltip
        # and in the line under the list.
        header.resizeSection(5, self.fontMetrics().horizontalAdvance("M") * 16)
        self.detail = hint_label()
        self.detail.setAccessibleName("Selected action")
        self.done_button = QPushButton("&Done…")
        self.done_button.setAccessibleName("Mark done")
        self.drop_button = QPushButton("Dro&p…")
        self.drop_button.setAccessibleName("Drop")
        self.reopen_button = QPushButton("&Reopen")
        self.open_button = QPushButton("&Open record")
        self.undo_button = QPushButton("&Undo")
        self.undo_button.setAccessibleName("Undo the last change")
        self.undo_button.hide()
        self._last_closed: int | None = None
        self.ask = InlineAsk()
        self.error = ErrorNotice()
        self._lay_out()
        self._connect()
        self.reload()

    def _lay_out(self) -> None:
        header = QHBoxLayout()
        header.setSpacing(10)
        header.addWidget(heading("Actions", scale=1.3))
        header.addWidget(self.count_label, 0, Qt.AlignmentFlag.AlignBottom)
        header.addStretch(1)
        filters = QHBoxLayout()
        filters.setSpacing(8)
        filters.addWidget(self.person_combo)
        filters.addWidget(self.status_combo)
        filters.addWidget(self.overdue_box)
        filters.addStretch(1)
        buttons = QHBoxLayout()
        buttons.setSpacing(8)
        buttons.addWidget(self.detail, 1)
        for button in (self.undo_button, self.done_button, self.drop_button, self.reopen_button,
                       self.open_button):
            buttons.addWidget(button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(20, 14, 12, 8)
        layout.setSpacing(8)
        layout.addLayout(header)
        layout.addLayout(filters)
        layout.addWidget(self.error)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.ask)
        layout.addLayout(buttons)

    def _connect(self) -> None:
        for combo in (self.person_combo, self.status_combo):
            combo.currentIndexChanged.connect(lambda _i: self.reload())
        self.overdue_box.toggled.connect(lambda _on: self.reload())
        self.table.currentItemChanged.connect(lambda *_a: self._update_buttons())
        self.table.itemActivated.connect(lambda *_a: self.open_record())
        self.done_button.clicked.connect(self.ask_done)
        self.drop_button.clicked.connect(self.ask_drop)
        self.reopen_button.clicked.connect(self.reopen)
        self.open_button.clicked.connect(self.open_record)
        self.undo_button.clicked.connect(self.undo)

    # -- list --------------------------------------------------------------------------------
    def action_filter(self) -> ActionFilter:
        status = self.status_combo.currentData()
        overdue = self.overdue_box.isChecked()
        return ActionFilter(person_id=self.person_combo.currentData(),
                            status="open" if overdue else status,
                            overdue_as_of=date.today() if overdue else None)

    def _fill_people(self) -> None:
        chosen = self.person_combo.currentData()
        self.person_combo.blockSignals(True)
        self.person_combo.clear()
        self.person_combo.addItem("All supervisees", None)
        for person in self.supervision.supervisees():
            self.person_combo.addItem(person.code_name + ("" if person.active else " (former)"),
                                      person.id)
        self.person_combo.setCurrentIndex(max(0, self.person_combo.findData(chosen)))
        self.person_combo.blockSignals(False)

    def reload(self) -> None:
        """Re-read the actions for the filters, keeping the selected one if still listed."""
        current = self.current_action()
        try:
            self._fill_people()
            f = self.action_filter()
            rows = self.supervision.actions(f, limit=PAGE_LIMIT)
            total = self.supervision.count_actions(f)
        except Exception as exc:
            self.error.show_failure(Failure("Actions could not be read.", type(exc).__name__))
            return
        today = date.today()
        self.rows = {r.id: r for r in rows}
        self.table.clear()
        warn = QBrush(error_colour(self.palette()))
        for row in rows:
            status = STATUS_LABELS.get(row.status, row.status)
            if row.is_overdue(today):
                status = f"Overdue {row.days_overdue(today)} d"
            item = QTreeWidgetItem([row.description, row.code_name or "—", row.owner or "—",
                                    uk_date(row.due_on, short=True) if row.due_on else "—",
                                    status, _note(row)])
            item.setData(0, ACTION_ID_ROLE, row.id)
            item.setToolTip(0, plain_tooltip(row.description))
            item.setToolTip(5, plain_tooltip(_note(row)))
            if row.is_overdue(today):
                item.setForeground(4, warn)
                item.setToolTip(4, f"Open, {row.days_overdue(today)} days past its due date")
            self.table.addTopLevelItem(item)
        shown = f"{total:,} action{'s' if total != 1 else ''}"
        self.count_label.setText(shown if total <= len(rows) else
                                 f"{shown} · showing the first {len(rows):,}")
        if not rows:
            self.detail.setText("No actions match these filters.")
        self.select_action(current.id if current and current.id in self.rows else
                           (rows[0].id if rows else None))

    def current_action(self) -> ActionRow | None:
        item = self.table.currentItem()
        return self.rows.get(item.data(0, ACTION_ID_ROLE)) if item is not None else None

    def select_action(self, action_id: int | None) -> None:
        for item in top_level_items(self.table):
            if item.data(0, ACTION_ID_ROLE) == action_id:
                self.table.setCurrentItem(item)
                break
        self._update_buttons()

    def _update_buttons(self) -> None:
        row = self.current_action()
        is_open = row is not None and row.status == "open"
        self.done_button.setEnabled(is_open)
        self.drop_button.setEnabled(is_open)
        self.reopen_button.setEnabled(row is not None and not is_open)
        self.open_button.setEnabled(row is not None and row.entry_id is not None)
        if row is not None:
            where = f" · {row.entry_title}" if row.entry_title else ""
            note = f"\n{_note(row)}" if _note(row) else ""
            self.detail.setText(f"{row.description}\n{action_meta(row, date.today())}{where}"
                                f"{note}")

    # -- changes -----------------------------------------------------------------------------
    def ask_done(self) -> None:
        row = self.current_action()
        if row is not None and row.status == "open":
            self.ask.ask(f"What changed in practice? ({row.description})",
                         lambda text, _d: self._close(row.id, text, done=True),
                         confirm="Mark done")

    def ask_drop(self) -> None:
        row = self.current_action()
        if row is not None and row.status == "open":
            self.ask.ask(f"Why is it dropped? ({row.description})",
                         lambda text, _d: self._close(row.id, text, done=False),
                         confirm="Drop action")

    def _close(self, action_id: int, text: str, *, done: bool) -> str | None:
        try:
            if done:
                self.supervision.complete(action_id, text)
            else:
                self.supervision.drop(action_id, text)
        except SupervisionError as exc:
            return str(exc)
        self.reload()
        self.select_action(action_id)
        self.table.setFocus()
        self._last_closed = action_id
        self.undo_button.show()
        self.detail.setText("Marked done." if done else "Dropped.")
        return None

    def undo(self) -> None:
        """Reopen the action just marked done or dropped (it may have left the list)."""
        action_id, self._last_closed = self._last_closed, None
        self.undo_button.hide()
        if action_id is None:
            return
        try:
            self.supervision.reopen(action_id)
        except SupervisionError as exc:
            self.error.show_failure(Failure("That change was not undone.", str(exc)))
            return
        self.reload()
        self.select_action(action_id)

    def reopen(self) -> bool:
        """Undo done, dropped or carried forward (the outcome or reason is cleared)."""
        row = self.current_action()
        if row is None or row.status == "open":
            return False
        try:
            self.supervision.reopen(row.id)
        except SupervisionError as exc:
            self.error.show_failure(Failure("The action was not reopened.", str(exc)))
            return False
        self.error.clear()
        self.reload()
        self.select_action(row.id)
        return True

    def open_record(self) -> None:
        row = self.current_action()
        if row is not None and row.entry_id is not None:
            self.open_entry_requested.emit(int(row.entry_id))

    def journal_changed(self) -> None:
        """Written elsewhere: re-read now if shown (every show re-reads anyway)."""
        if self.isVisible():
            self.reload()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self.reload()

    def changeEvent(self, event: QEvent) -> None:
        """The overdue colour is picked for the palette: pick again when it changes."""
        super().changeEvent(event)
        journal = getattr(self, "journal", None)
        if event.type() == QEvent.Type.PaletteChange and hasattr(self, "error") \
                and journal is not None and journal.is_open:
            self.reload()


def actions_page(journal: Journal) -> ActionsPage:
    """The factory the shell's page list uses."""
    return ActionsPage(journal)
