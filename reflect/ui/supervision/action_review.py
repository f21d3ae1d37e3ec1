"""Last time's open actions, at the top of a new record, to review there and then: the
supervisee's, or in the leader's own record (My supervision, a coaching preparation) their own.

Each action can be marked done (with what changed in practice: the point of follow-up),
carried forward into this record (optionally with a new due date), or dropped (with the
reason); each decision can be undone. Follow-ups belong to the record they are made in: in a
record not saved yet, done and dropped are held here (and in the form's draft) as
:class:`FollowUp` values and written with the record, or never if it is discarded; in a saved
record they are written at once, linked to it, and Undo reopens the action. A carry becomes a
row of this record's agreed way forward, written when the record is saved, so undoing it
before then just removes that row; once saved, Undo removes it at once. A saved record,
reopened, lists what it decided (done, carried, dropped) as it did right after deciding.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QPushButton, QVBoxLayout, QWidget

from reflect.common.dates import uk_date
from reflect.supervision.follow_ups import follow_ups_of
from reflect.supervision.records import DONE as DONE_STATUS
from reflect.supervision.records import DROPPED as DROPPED_STATUS
from reflect.supervision.records import ActionRow, FollowUp, Supervision, SupervisionError
from reflect.ui.widgets.card import heading
from reflect.ui.widgets.feedback import error_colour, hint_label, plain_label
from reflect.ui.widgets.inline_ask import InlineAsk

PENDING, DONE, DROPPED, CARRIED = "pending", "done", "dropped", "carried"
INTRO = ("Open actions from earlier sessions. For each: done (say what changed in practice), "
         "carry forward, or drop with a reason.")
#: For a template that reviews the leader's own actions (My supervision, coaching).
OWN_INTRO = ("Your own open actions, from your supervision, coaching and reflections before "
             "this one. For each: done (say what changed), carry forward, or drop with a reason.")


def action_meta(row: ActionRow, today: date) -> str:
    """"Owner Wren · due 10 Mar 2026 · 5 days overdue · from One-to-one … (3 Mar 2026)"."""
    parts = [f"Owner {row.owner}" if row.owner else "No owner"]
    parts.append(f"due {uk_date(row.due_on, short=True)}" if row.due_on else "no due date")
    if row.is_overdue(today):
        days = row.days_overdue(today)
        parts.append(f"{days} day{'s' if days != 1 else ''} overdue")
    if row.entry_happened_on:
        where = f" in {row.entry_title}" if row.person_id is None and row.entry_title else ""
        parts.append(f"agreed {uk_date(row.entry_happened_on, short=True)}{where}")
    return " · ".join(parts)


class ReviewRow(QFrame):
    """One earlier action with Done…, Carry forward…, Drop… and, once decided, Undo."""

    def __init__(self, action: ActionRow, panel: ActionReview) -> None:
        super().__init__()
        self.action = action
        self.panel = panel
        self.state = PENDING
        #: A decision made in a record not saved yet: held until the record is saved.
        self.follow_up: FollowUp | None = None
        self.setAccessibleName(f"Earlier action: {action.description}")
        self.description = plain_label(action.description, selectable=True)
        font = self.description.font()
        font.setBold(True)
        self.description.setFont(font)
        self.meta = hint_label(action_meta(action, date.today()))
        if action.is_overdue(date.today()):
            palette = self.meta.palette()
            palette.setColor(self.meta.foregroundRole(), error_colour(self.palette()))
            self.meta.setPalette(palette)
        self.result = plain_label()
        self.done_button = QPushButton("Done…")
        self.carry_button = QPushButton("Carry forward…")
        self.drop_button = QPushButton("Drop…")
        self.undo_button = QPushButton("Undo")
        for button, name in ((self.done_button, "Mark done"),
                             (self.carry_button, "Carry forward"),
                             (self.drop_button, "Drop"), (self.undo_button, "Undo")):
            button.setAccessibleName(f"{name}: {action.description}")
        self.ask = InlineAsk()
        buttons = QHBoxLayout()
        buttons.setSpacing(6)
        buttons.addWidget(self.result, 1)
        buttons.addStretch(0)
        for button in (self.done_button, self.carry_button, self.drop_button,
                       self.undo_button):
            buttons.addWidget(button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 6, 0, 6)
        layout.setSpacing(4)
        layout.addWidget(self.description)
        layout.addWidget(self.meta)
        layout.addLayout(buttons)
        layout.addWidget(self.ask)
        self.done_button.clicked.connect(self.ask_done)
        self.carry_button.clicked.connect(self.ask_carry)
        self.drop_button.clicked.connect(self.ask_drop)
        self.undo_button.clicked.connect(self.undo)
        self.ask.finished.connect(lambda: self.set_state(self.state, self.result.text()))
        self.set_state(PENDING)

    def focus_widgets(self) -> list[QWidget]:
        """Stops for Tab in reading order: the decisions, Undo, then the question below."""
        ask = self.ask
        return [self.done_button, self.carry_button, self.drop_button, self.undo_button,
                ask.text_edit, ask.date_edit, ask.cancel_button, ask.confirm_button]

    # -- asking ------------------------------------------------------------------------------
    def _asking(self) -> None:
        """While a question is open below, its buttons step aside."""
        for button in (self.done_button, self.carry_button, self.drop_button):
            button.hide()

    def ask_done(self) -> None:
        self._asking()
        self.ask.ask("What changed in practice?", self._done, confirm="Mark done",
                     placeholder="For example: the plan was updated and the visit happened")

    def ask_drop(self) -> None:
        self._asking()
        self.ask.ask("Why is it dropped?", self._drop, confirm="Drop action")

    def ask_carry(self) -> None:
        self._asking()
        self.ask.ask("Carry this action into this record", self._carry, text=False,
                     with_date=True, confirm="Carry forward",
                     hint="It joins this record's agreed way forward. Leave the date to keep "
                          "the current one: an overdue action stays overdue until re-agreed.")

    def _done(self, text: str, _day: date | None) -> str | None:
        return self._decide(DONE_STATUS, text)

    def _drop(self, text: str, _day: date | None) -> str | None:
        return self._decide(DROPPED_STATUS, text)

    def _decide(self, status: str, text: str) -> str | None:
        """Held for a new record, written at once (linked to it) for a saved one."""
        try:
            follow_up = FollowUp.made(self.action.id, status, text)
            if self.panel.record_id is not None:
                self.panel.supervision.complete_in(self.panel.record_id, follow_up)
        except SupervisionError as exc:
            return str(exc)
        self.follow_up = follow_up if self.panel.record_id is None else None
        self.show_decision(follow_up)
        (self.panel.decided if self.follow_up else self.panel.closed).emit()
        return None

    def show_decision(self, follow_up: FollowUp) -> None:
        words = " ".join(follow_up.text.split())
        held = " (counts once this record is saved)" if self.follow_up else ""
        if follow_up.status == DONE_STATUS:
            self.set_state(DONE, f"Done{held}. What changed: {words}")
        else:
            self.set_state(DROPPED, f"Dropped{held}: {words}")

    def _carry(self, _text: str, day: date | None) -> str | None:
        self.panel.carry_requested.emit(self.action, day)
        self.mark_carried(day or self.action.due_on)
        return None

    def mark_carried(self, due: date | None) -> None:
        when = f", due {uk_date(due, short=True)}" if due else ""
        self.set_state(CARRIED, f"Carried forward into this record{when}.")

    def undo(self) -> None:
        if self.follow_up is not None:  # never written: forget it
            self.follow_up = None
            self.panel.decided.emit()
        elif self.state in (DONE, DROPPED):
            try:
                self.panel.supervision.reopen(self.action.id)
            except SupervisionError as exc:
                self.result.setText(str(exc))
                return
            self.panel.closed.emit()
        elif self.state == CARRIED:
            if not self._undo_saved_carry():
                return
            self.panel.uncarry_requested.emit(self.action.id)
        self.set_state(PENDING)
        self.done_button.setFocus()

    def _undo_saved_carry(self) -> bool:
        """A carry already saved with the record is undone at once, as done and dropped
        are: its continuation goes and the action is open again. False, with the reason
        shown, when that continuation was followed up since."""
        record_id = self.panel.record_id
        saved = [f.continuation_id for f in follow_ups_of(self.panel.supervision, record_id)
                 if f.action.id == self.action.id and f.continuation_id is not None
                 ] if record_id is not None else []
        try:
            for continuation_id in saved:
                self.panel.supervision.delete_action(continuation_id)
        except SupervisionError as exc:
            self.result.setText(str(exc))
            return False
        if saved:
            self.panel.closed.emit()
        return True

    def set_state(self, state: str, text: str = "") -> None:
        self.state = state
        pending = state == PENDING
        self.result.setText(text)
        self.result.setVisible(not pending)
        for button in (self.done_button, self.carry_button, self.drop_button):
            button.setVisible(pending)
        self.undo_button.setVisible(not pending)
        if not pending and self.isVisible():
            self.undo_button.setFocus()


class ActionReview(QFrame):
    """The panel: a heading, a line of guidance and one :class:`ReviewRow` per action.

    ``carry_requested(ActionRow, date | None)`` asks the form to add the continuation;
    ``uncarry_requested(action_id)`` to remove it; ``closed`` after done/drop or its undo.
    """

    carry_requested = Signal(object, object)
    uncarry_requested = Signal(int)
    closed = Signal()
    #: A follow-up held for the unsaved record was made or undone (the form changed).
    decided = Signal()

    def __init__(self, supervision: Supervision, parent: QWidget | None = None, *,
                 own: bool = False) -> None:
        super().__init__(parent)
        self.setObjectName("actionReview")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setAccessibleName("Review previous actions")
        self.supervision = supervision
        #: The record these follow-ups belong to; None until it is saved (they are held).
        self.record_id: int | None = None
        self.rows: list[ReviewRow] = []
        self.title = heading("Review previous actions", scale=1.1)
        self.intro = hint_label(OWN_INTRO if own else INTRO)
        self._rows = QVBoxLayout()
        self._rows.setSpacing(0)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(14, 10, 14, 10)
        layout.setSpacing(4)
        layout.addWidget(self.title)
        layout.addWidget(self.intro)
        layout.addLayout(self._rows)
        self.hide()

    def focus_widgets(self) -> list[QWidget]:
        return [w for row in self.rows for w in row.focus_widgets()]

    # -- follow-ups held for a record not saved yet ----------------------------------------
    def held(self) -> list[FollowUp]:
        return [row.follow_up for row in self.rows if row.follow_up is not None]

    def follow_ups(self) -> list[dict[str, Any]]:
        """The held follow-ups as plain data, as the form's draft keeps them."""
        return [{"action_id": f.action_id, "status": f.status, "text": f.text}
                for f in self.held()]

    def set_follow_ups(self, items: list[Any]) -> None:
        """Show these held follow-ups (from a draft); anything unreadable, or for an action
        no longer here to review, is left out."""
        wanted: dict[int, FollowUp] = {}
        for item in items:
            try:
                wanted[int(item["action_id"])] = FollowUp.made(
                    int(item["action_id"]), str(item["status"]), str(item["text"]))
            except (KeyError, TypeError, ValueError):
                continue
        for row in self.rows:
            follow_up = wanted.get(row.action.id)
            if follow_up is not None and row.state in (PENDING, DONE, DROPPED):
                row.follow_up = follow_up
                row.show_decision(follow_up)
            elif row.follow_up is not None:
                row.follow_up = None
                row.set_state(PENDING)

    def written(self, record_id: int) -> None:
        """The record was saved with its follow-ups: from now on they are facts, undone in
        the database, and new ones are written at once."""
        self.record_id = record_id
        for row in self.rows:
            if row.follow_up is not None:
                follow_up, row.follow_up = row.follow_up, None
                row.show_decision(follow_up)

    def set_actions(self, actions: list[ActionRow], carried: dict[int, date | None],
                    can_carry: bool = True) -> None:
        """Show ``actions``; those in ``carried`` (id → due date) already carried here.
        ``can_carry`` is False when the record has no agreed way forward to carry into."""
        for row in self.rows:
            self._rows.removeWidget(row)
            row.deleteLater()
        self.rows = []
        for action in actions:
            row = ReviewRow(action, self)
            row.carry_button.setEnabled(can_carry)
            if action.id in carried:
                row.mark_carried(carried[action.id])
            elif action.status in (DONE_STATUS, DROPPED_STATUS) and self.record_id is not None:
                # decided in this saved record: shown as right after deciding, with Undo
                row.show_decision(FollowUp(action.id, action.status,
                                           action.outcome or action.reason))
            self.rows.append(row)
            self._rows.addWidget(row)
        count = len(actions)
        self.title.setText(f"Review previous actions ({count})")
        self.setVisible(bool(count))
