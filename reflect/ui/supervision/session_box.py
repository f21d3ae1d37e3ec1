"""The session a record is about, at the top of the record: held, moved or cancelled (with
the reason, and for a moved one its new date), planned or ad hoc, and how long it lasted.

Stored under ``_session`` in the record's sections (:mod:`reflect.supervision.sessions`); a
planned, held session with no duration stores nothing, so older records read the same.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QComboBox, QFrame, QHBoxLayout, QLineEdit, QSpinBox, QWidget

from reflect.supervision.sessions import (
    HELD,
    MINUTES_MAX,
    MOVED,
    REASON_MAX,
    SESSION_KEY,
    STATUSES,
    SessionInfo,
)
from reflect.ui.widgets.feedback import plain_label
from reflect.ui.widgets.optional_date import OptionalDateEdit


class SessionBox(QFrame):
    """One line of choices; ``changed`` on any edit. :meth:`value` is what ``sections``
    keeps under :data:`SESSION_KEY` (None for the default)."""

    changed = Signal()
    key = SESSION_KEY

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName("Session")
        self.status = QComboBox()
        self.status.setAccessibleName("Session held, moved or cancelled")
        for status, label in STATUSES.items():
            self.status.addItem(label, status)
        self.planned = QComboBox()
        self.planned.setAccessibleName("Planned or ad hoc")
        self.planned.addItem("Planned", True)
        self.planned.addItem("Ad hoc", False)
        self.minutes = QSpinBox()
        self.minutes.setAccessibleName("Duration in minutes")
        self.minutes.setRange(0, MINUTES_MAX)
        self.minutes.setSingleStep(5)
        self.minutes.setSpecialValueText("Duration not given")
        self.minutes.setSuffix(" min")
        self.moved_to = OptionalDateEdit("Moved to", empty_text="New date")
        self.reason = QLineEdit()
        self.reason.setAccessibleName("Why the session was moved or cancelled")
        self.reason.setPlaceholderText("Why?")
        self.reason.setMaxLength(REASON_MAX)
        title = plain_label("Session", wrap=False)
        font = title.font()
        font.setBold(True)
        title.setFont(font)
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(8)
        row.addWidget(title)
        for widget in (self.status, self.planned, self.minutes, self.moved_to):
            row.addWidget(widget)
        row.addWidget(self.reason, 1)
        self.status.currentIndexChanged.connect(self._show_parts)
        for signal in (self.status.currentIndexChanged, self.planned.currentIndexChanged,
                       self.minutes.valueChanged, self.moved_to.dateChanged,
                       self.reason.textChanged):
            signal.connect(self.changed)
        self._show_parts()

    def _show_parts(self, *_args: object) -> None:
        status = self.status.currentData()
        self.reason.setVisible(status != HELD)
        self.moved_to.setVisible(status == MOVED)
        self.minutes.setVisible(status == HELD)

    def value(self) -> dict[str, Any] | None:
        status = self.status.currentData()
        minutes = self.minutes.value() if status == HELD else 0
        moved = self.moved_to.value() if status == MOVED else None
        info = SessionInfo(status, bool(self.planned.currentData()), minutes or None,
                           " ".join(self.reason.text().split()) if status != HELD else "",
                           moved if isinstance(moved, date) else None)
        return info.as_value()

    def set_value(self, value: Any) -> None:
        info = SessionInfo.from_value(value)
        self.status.setCurrentIndex(max(0, self.status.findData(info.status)))
        self.planned.setCurrentIndex(0 if info.planned else 1)
        self.minutes.setValue(info.minutes or 0)
        self.moved_to.set_value(info.moved_to)
        self.reason.setText(info.reason)
        self._show_parts()

    def focus_widgets(self) -> list[QWidget]:
        return [self.status, self.planned, self.minutes, self.moved_to, self.reason]
