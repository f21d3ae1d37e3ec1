"""Differences of opinion still open or escalated from earlier records, at the top of the
supervisee's next record, each to close with how it was resolved and by whom.

The same rule as :mod:`.action_review`: in a record not saved yet a resolution is held here
(and in the form's draft) and written with the record, or never; in a saved record it is
written at once, linked to it, and Undo reopens it. The guidance quotes Ofsted on escalation
as a way to resolve, not to punish.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QTimer, Signal
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from reflect.common.dates import uk_date
from reflect.common.errors import ReflectError
from reflect.journal.journal import Journal
from reflect.supervision import disagreements
from reflect.supervision.disagreements import DisagreementRow, Resolution
from reflect.ui.widgets.card import heading
from reflect.ui.widgets.feedback import error_colour, hint_label, plain_label

HELD_NOTE = " (counts once this record is saved)"


class DisagreementRowWidget(QFrame):
    """One difference of opinion: what it was, Resolve… (how, by whom), and Undo."""

    def __init__(self, row: DisagreementRow, panel: DisagreementReview) -> None:
        super().__init__()
        self.row = row
        self.panel = panel
        self.held: Resolution | None = None  # made in a record not saved yet
        self.resolved = row.resolution is not None
        self.setAccessibleName(f"Difference of opinion from {uk_date(row.happened_on)}")
        self.what = plain_label(disagreements.summary(row, 300), selectable=True)
        font = self.what.font()
        font.setBold(True)
        self.what.setFont(font)
        self.meta = hint_label(f"{row.outcome} in the record of "
                               f"{uk_date(row.happened_on, short=True)}")
        if row.outcome == "Escalated":
            palette = self.meta.palette()
            palette.setColor(self.meta.foregroundRole(), error_colour(self.palette()))
            self.meta.setPalette(palette)
        self.result = plain_label()
        self.resolve_button = QPushButton("Resolve…")
        self.resolve_button.setAccessibleName("Resolve this difference of opinion")
        self.undo_button = QPushButton("Undo")
        self.undo_button.setAccessibleName("Undo the resolution")
        self.how = QLineEdit()
        self.how.setAccessibleName("How it was resolved")
        self.how.setPlaceholderText("For example: a joint visit, then the plan was changed")
        self.by = QLineEdit()
        self.by.setAccessibleName("Resolved by whom")
        self.by.setPlaceholderText("For example: the service manager, after escalation")
        self.confirm_button = QPushButton("Close it")
        self.confirm_button.setAccessibleName("Close the difference of opinion")
        self.cancel_button = QPushButton("Cancel")
        self.problem = plain_label()
        self.ask = QFrame()
        self.ask.setFrameShape(QFrame.Shape.StyledPanel)
        grid = QGridLayout(self.ask)
        grid.addWidget(plain_label("How was it resolved?", wrap=False), 0, 0)
        grid.addWidget(self.how, 0, 1)
        grid.addWidget(plain_label("By whom?", wrap=False), 1, 0)
        grid.addWidget(self.by, 1, 1)
        buttons = QHBoxLayout()
        buttons.addWidget(self.problem, 1)
        buttons.addWidget(self.cancel_button)
        buttons.addWidget(self.confirm_button)
        grid.addLayout(buttons, 2, 0, 1, 2)
        line = QHBoxLayout()
        line.addWidget(self.result, 1)
        line.addWidget(self.resolve_button)
        line.addWidget(self.undo_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 6, 0, 6)
        layout.setSpacing(4)
        layout.addWidget(self.what)
        layout.addWidget(self.meta)
        layout.addLayout(line)
        layout.addWidget(self.ask)
        self.resolve_button.clicked.connect(self.open_ask)
        self.cancel_button.clicked.connect(self.close_ask)
        self.confirm_button.clicked.connect(self.confirm)
        for edit in (self.how, self.by):
            edit.returnPressed.connect(self.confirm)
        self.undo_button.clicked.connect(self.undo)
        self.ask.hide()
        self._show()

    def focus_widgets(self) -> list[QWidget]:
        return [self.resolve_button, self.undo_button, self.how, self.by,
                self.cancel_button, self.confirm_button]

    def open_ask(self) -> None:
        self.resolve_button.hide()
        self.problem.clear()
        self.ask.show()
        self.how.setFocus()

    def close_ask(self) -> None:
        self.ask.hide()
        self._show()
        self.resolve_button.setFocus()

    def confirm(self) -> None:
        try:
            resolution = Resolution.made(self.row.entry_id, self.how.text(), self.by.text())
            if self.panel.record_id is not None:
                disagreements.resolve_in(self.panel.journal, self.panel.record_id, resolution)
        except (ReflectError, ValueError) as exc:
            self.problem.setText(str(exc))
            return
        self.held = resolution if self.panel.record_id is None else None
        self.resolved = True
        self.ask.hide()
        self._show(resolution)
        (self.panel.decided if self.held else self.panel.closed).emit()
        # After the Return that confirmed has been handled: focused at once, Undo would take
        # that key as its own press and undo the resolution just made.
        QTimer.singleShot(0, self.undo_button.setFocus)

    def undo(self) -> None:
        if self.held is not None:
            self.held = None
            self.panel.decided.emit()
        elif self.resolved:
            try:
                disagreements.reopen(self.panel.journal, self.row.entry_id)
            except (ReflectError, ValueError) as exc:
                self.result.setText(str(exc))
                return
            self.panel.closed.emit()
        self.resolved = False
        self.how.clear()
        self.by.clear()
        self._show()
        self.resolve_button.setFocus()

    def _show(self, resolution: Resolution | None = None) -> None:
        if resolution is None and self.resolved and self.row.resolution:
            res = self.row.resolution
            resolution = Resolution(self.row.entry_id, str(res.get("how", "")),
                                    str(res.get("by", "")))
        if self.resolved and resolution is not None:
            held = HELD_NOTE if self.held else ""
            self.result.setText(f"Resolved{held} by {resolution.by}: {resolution.how}")
        else:
            self.result.setText("Still open: close it here once it is resolved.")
        self.resolve_button.setVisible(not self.resolved and self.ask.isHidden())
        self.undo_button.setVisible(self.resolved)

    def set_held(self, resolution: Resolution | None) -> None:
        self.held = resolution
        self.resolved = resolution is not None or self.row.resolution is not None
        self._show(resolution)


class DisagreementReview(QFrame):
    """The panel; hidden when there is nothing to follow up. ``decided``: a resolution held
    for the unsaved record was made or undone; ``closed``: one was written or reopened."""

    decided = Signal()
    closed = Signal()

    def __init__(self, journal: Journal, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("disagreementReview")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setAccessibleName("Differences of opinion to resolve")
        self.journal = journal
        self.record_id: int | None = None
        self.rows: list[DisagreementRowWidget] = []
        self.title = heading("Differences of opinion to resolve", scale=1.1)
        guidance = disagreements.escalation_guidance()
        self.intro = hint_label(
            "Left open or escalated in an earlier session. Close each one with how it was "
            f"resolved and by whom. “{guidance.text}” ({guidance.source})")
        self.intro.setAccessibleName("About escalation")
        self._rows = QVBoxLayout()
        self._rows.setSpacing(0)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(14, 10, 14, 10)
        layout.setSpacing(4)
        layout.addWidget(self.title)
        layout.addWidget(self.intro)
        layout.addLayout(self._rows)
        self.hide()

    def load(self, person_id: int | None, record_id: int | None) -> None:
        """Show ``person_id``'s disagreements for the record ``record_id`` (None: new)."""
        self.record_id = record_id
        record = self.journal.get_entry(record_id) if record_id is not None else None
        for row in self.rows:
            self._rows.removeWidget(row)
            row.deleteLater()
        found = (disagreements.for_record(self.journal, person_id, record)
                 if person_id is not None else [])
        self.rows = [DisagreementRowWidget(r, self) for r in found]
        for row in self.rows:
            self._rows.addWidget(row)
        self.title.setText(f"Differences of opinion to resolve ({len(self.rows)})")
        self.setVisible(bool(self.rows))

    def focus_widgets(self) -> list[QWidget]:
        return [w for row in self.rows for w in row.focus_widgets()]

    def held(self) -> list[Resolution]:
        return [row.held for row in self.rows if row.held is not None]

    def state(self) -> list[dict[str, Any]]:
        """The held resolutions as the form's draft keeps them."""
        return [r.as_state() for r in self.held()]

    def set_state(self, items: list[Any]) -> None:
        wanted: dict[int, Resolution] = {}
        for item in items:
            try:
                wanted[int(item["entry_id"])] = Resolution.made(
                    int(item["entry_id"]), str(item["how"]), str(item["by"]))
            except (KeyError, TypeError, ValueError):
                continue
        for row in self.rows:
            if row.row.resolution is None:
                row.set_held(wanted.get(row.row.entry_id))

    def written(self, record_id: int) -> None:
        """The record was saved with its resolutions: they are facts now."""
        self.record_id = record_id
        for row in self.rows:
            if row.held is not None:
                resolution, row.held = row.held, None
                row._show(resolution)
