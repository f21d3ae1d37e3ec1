"""The agreed way forward inside a record: one row per action (what, owner, due date, status).

Keyboard first: Tab moves along a row and on to the next; Return in a row adds a new action
below it (when the row has words in it); Ctrl+Delete removes the row. Actions already closed
(done, dropped, carried forward) are history: they are shown read-only with their outcome,
and status changes happen in the review panel or on the Actions page, never by editing here.

Each row's state is a plain dict (the shape kept in a draft): id, description, owner, due_on
(ISO date or None), status, outcome, reason, carried_from_id, person_id.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from reflect.supervision.record_export import STATUS_LABELS
from reflect.ui.supervision.record_fields import WrappingLineEdit
from reflect.ui.widgets.feedback import hint_label, plain_label
from reflect.ui.widgets.optional_date import OptionalDateEdit

DEFAULT_DUE_DAYS = 28  # about one supervision interval: reviewed at the next session
_FIELDS = ("id", "description", "owner", "due_on", "status", "outcome", "reason",
           "carried_from_id", "person_id")


def blank_action(due_on: date | None = None) -> dict[str, Any]:
    return {"id": None, "description": "", "owner": "",
            "due_on": due_on.isoformat() if due_on else None, "status": "open", "outcome": "",
            "reason": "", "carried_from_id": None, "person_id": None}


def action_state(action: Any) -> dict[str, Any]:
    """The dict of a stored :class:`Action` (or anything with the same attributes)."""
    state = {key: getattr(action, key, None) for key in _FIELDS}
    due = state["due_on"]
    state["due_on"] = due.isoformat() if isinstance(due, date) else due
    for key in ("description", "owner", "outcome", "reason"):
        state[key] = state[key] or ""
    state["status"] = state["status"] or "open"
    return state


def _note(state: dict[str, Any]) -> str:
    if state["status"] == "done" and state["outcome"]:
        return f"What changed in practice: {state['outcome']}"
    if state["status"] == "dropped" and state["reason"]:
        return f"Dropped: {state['reason']}"
    if state["status"] == "carried":
        return "Carried forward into a later session."
    if state["carried_from_id"] is not None:
        return "Carried forward from an earlier session."
    return ""


class ActionRowEditor(QWidget):
    """One action: description, owner, due date, status and a Remove button."""

    changed = Signal()
    return_pressed = Signal(object)
    remove_requested = Signal(object)

    def __init__(self, state: dict[str, Any], widths: tuple[int, int, int],
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._state = dict(state)
        closed = state["status"] != "open"
        self.description_edit = WrappingLineEdit(state["description"])
        self.description_edit.setAccessibleName("Action")
        self.description_edit.setPlaceholderText("What will be done")
        self.owner_edit = QLineEdit(state["owner"])
        self.owner_edit.setAccessibleName("Owner")
        self.owner_edit.setPlaceholderText("Owner")
        self.owner_edit.setFixedWidth(widths[0])
        self.due_edit = OptionalDateEdit("Due date")
        self.due_edit.set_value(date.fromisoformat(state["due_on"]) if state["due_on"] else None)
        self.due_edit.setFixedWidth(widths[1])
        self.status_label = plain_label(STATUS_LABELS.get(state["status"], state["status"]),
                                        wrap=False)
        self.status_label.setFixedWidth(widths[2])
        self.remove_button = QPushButton("Remove")
        self.remove_button.setAccessibleName("Remove action")
        self.remove_button.setToolTip("Remove this action (Ctrl+Delete)" if not closed else
                                      "Closed actions are history; reopen it on the Actions "
                                      "page first")
        self.remove_button.setEnabled(not closed)
        self.note = hint_label(_note(state))
        self.note.setVisible(bool(self.note.text()))
        for edit in (self.description_edit, self.owner_edit):
            edit.setReadOnly(closed)
        self.due_edit.setReadOnly(closed)
        row = QHBoxLayout()
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(6)
        row.addWidget(self.description_edit, 1)
        for widget in (self.owner_edit, self.due_edit, self.status_label, self.remove_button):
            row.addWidget(widget, 0, Qt.AlignmentFlag.AlignTop)  # beside a wrapped description
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addLayout(row)
        layout.addWidget(self.note)
        for signal in (self.description_edit.textChanged, self.owner_edit.textChanged,
                       self.due_edit.dateChanged):
            signal.connect(self.changed)
        for edit in (self.description_edit, self.owner_edit):
            edit.returnPressed.connect(lambda: self.return_pressed.emit(self))
        self.remove_button.clicked.connect(lambda: self.remove_requested.emit(self))
        remove = QShortcut(QKeySequence("Ctrl+Delete"), self)
        remove.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        remove.activated.connect(lambda: self.remove_requested.emit(self))

    def focus_widgets(self) -> list[QWidget]:
        """The row's stops for Tab, in reading order."""
        return [self.description_edit, self.owner_edit, self.due_edit, self.remove_button]

    @property
    def is_open(self) -> bool:
        return self._state["status"] == "open"

    @property
    def is_blank(self) -> bool:
        return not (self.description_edit.text().strip() or self.owner_edit.text().strip())

    def state(self) -> dict[str, Any]:
        return {**self._state, "description": self.description_edit.text(),
                "owner": self.owner_edit.text(), "due_on": self.due_edit.iso()}


class ActionEditor(QWidget):
    """Rows of actions with column headings and "Add action"; ``changed`` on every edit,
    ``rows_changed`` when a row comes or goes (the form then puts it in the Tab order)."""

    changed = Signal()
    rows_changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName("Agreed actions")
        self.record_date = date.today()
        metrics = self.fontMetrics()
        self._widths = (metrics.horizontalAdvance("M") * 9,
                        metrics.horizontalAdvance("00/00/0000") + 48,
                        metrics.horizontalAdvance("Carried forward") + 6)
        self.rows: list[ActionRowEditor] = []
        header = QHBoxLayout()
        header.setSpacing(6)
        header.setContentsMargins(0, 0, 0, 0)
        labels = ("Action", "Owner", "Due", "Status")
        for index, text in enumerate(labels):
            label = hint_label(text)
            label.setWordWrap(False)
            if index:
                label.setFixedWidth(self._widths[index - 1])
            header.addWidget(label, 1 if index == 0 else 0)
        self.add_button = QPushButton("Add action")
        self.add_button.setAccessibleName("Add action")
        self.add_button.setToolTip("Add an action (or press Return in the last one)")
        self._header_spacer = QWidget()
        header.addWidget(self._header_spacer)
        self._rows_layout = QVBoxLayout()
        self._rows_layout.setSpacing(6)
        self.empty_label = hint_label("No actions yet. Each needs an owner and a date.")
        footer = QHBoxLayout()
        footer.addWidget(self.add_button)
        footer.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(6)
        layout.addLayout(header)
        layout.addWidget(self.empty_label)
        layout.addLayout(self._rows_layout)
        layout.addLayout(footer)
        self.add_button.clicked.connect(lambda: self.add_row())
        self._update_empty()

    # -- rows --------------------------------------------------------------------------------
    def set_actions(self, states: list[dict[str, Any]]) -> None:
        for row in list(self.rows):
            self._drop(row)
        for state in states:
            self._append(state)
        self._update_empty()
        self.rows_changed.emit()

    def focus_widgets(self) -> list[QWidget]:
        """Each row's stops for Tab, then "Add action": reading order."""
        return [w for row in self.rows for w in row.focus_widgets()] + [self.add_button]

    def action_states(self) -> list[dict[str, Any]]:
        """The rows as plain state (not QWidget.actions(), which this must not shadow)."""
        return [row.state() for row in self.rows]

    def add_row(self, state: dict[str, Any] | None = None, *, after: ActionRowEditor | None = None,
                focus: bool = True) -> ActionRowEditor:
        """Add an action (blank, due about a month after the record, unless given)."""
        if state is None:
            state = blank_action(self.record_date + timedelta(days=DEFAULT_DUE_DAYS))
        index = self.rows.index(after) + 1 if after in self.rows else len(self.rows)
        row = self._append(state, index)
        self._update_empty()
        self.rows_changed.emit()  # in the Tab order before it takes the focus
        if focus:
            row.description_edit.setFocus()
        self.changed.emit()
        return row

    def remove_row(self, row: ActionRowEditor) -> None:
        if row not in self.rows or not row.is_open:
            return
        index = self.rows.index(row)
        self._drop(row)
        self._update_empty()
        self.rows_changed.emit()
        if self.rows:
            self.rows[min(index, len(self.rows) - 1)].description_edit.setFocus()
        else:
            self.add_button.setFocus()
        self.changed.emit()

    def remove_carried(self, from_id: int) -> bool:
        """Remove the unsaved or open continuation of action ``from_id`` (undo a carry)."""
        for row in self.rows:
            if row.state()["carried_from_id"] == from_id and row.is_open:
                self.remove_row(row)
                return True
        return False

    def _append(self, state: dict[str, Any], index: int | None = None) -> ActionRowEditor:
        row = ActionRowEditor(state, self._widths)
        self._header_spacer.setFixedWidth(row.remove_button.sizeHint().width())
        index = len(self.rows) if index is None else index
        self.rows.insert(index, row)
        self._rows_layout.insertWidget(index, row)
        row.show()  # now, not at the next event loop pass: Tab must reach it at once
        row.changed.connect(self.changed)
        row.return_pressed.connect(self._return_in)
        row.remove_requested.connect(self.remove_row)
        return row

    def _drop(self, row: ActionRowEditor) -> None:
        self.rows.remove(row)
        self._rows_layout.removeWidget(row)
        row.hide()
        row.deleteLater()

    def _return_in(self, row: ActionRowEditor) -> None:
        if not row.is_blank:
            self.add_row(after=row)

    def _update_empty(self) -> None:
        self.empty_label.setVisible(not self.rows)
