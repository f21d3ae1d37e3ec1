""""Coach or mentor: [name or role]" above a coaching preparation's sections.

Who the coach is belongs to the journal, not to one record (the mentor pack prints it on
its first page), so the line reads and writes :mod:`reflect.coaching.coach` itself: kept
when typing pauses or the field is left, whether or not the record is saved, and said so
beside it. Optional: empty means not given.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QHBoxLayout, QLineEdit, QVBoxLayout, QWidget

from reflect.coaching.coach import coach_name, set_coach_name
from reflect.common.errors import ReflectError
from reflect.journal.journal import Journal
from reflect.ui.widgets.feedback import hint_label, plain_label

log = logging.getLogger(__name__)

KEEP_MS = 1000
NAME_MAX = 120
NOTE = "Optional. Kept for your mentor pack, not only in this record."


class CoachLine(QWidget):
    """The coach's name or role, as the journal keeps it."""

    def __init__(self, journal: Journal, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.journal = journal
        self.setAccessibleName("Coach or mentor")
        self.label = plain_label("Coach or mentor:", wrap=False)
        font = self.label.font()
        font.setBold(True)
        self.label.setFont(font)
        self.edit = QLineEdit()
        self.edit.setAccessibleName("Coach or mentor")
        self.edit.setPlaceholderText("name or role")
        self.edit.setMaxLength(NAME_MAX)
        self.label.setBuddy(self.edit)
        self.note = hint_label(NOTE)
        self.note.setAccessibleName("About the coach or mentor")
        try:
            self._kept = coach_name(journal)
        except (ReflectError, ValueError) as exc:  # the record still opens
            log.warning("the coach's name could not be read: %s", type(exc).__name__)
            self._kept = ""
        self.edit.setText(self._kept)
        self._timer = QTimer(self, singleShot=True, interval=KEEP_MS)
        self._timer.timeout.connect(self.keep)
        self.edit.textEdited.connect(lambda _text: self._timer.start())
        self.edit.editingFinished.connect(self._left)
        row = QHBoxLayout()
        row.setSpacing(8)
        row.addWidget(self.label)
        row.addWidget(self.edit, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addLayout(row)
        layout.addWidget(self.note)

    def name(self) -> str:
        return " ".join(self.edit.text().split())

    def keep(self) -> bool:
        """Write the name to the journal if it changed; False (said beside it) if not kept."""
        self._timer.stop()
        name = self.name()
        if name == self._kept:
            return True
        try:
            set_coach_name(self.journal, name)
        except (ReflectError, ValueError) as exc:
            log.warning("the coach's name could not be kept: %s", type(exc).__name__)
            self.note.setText("The coach's name could not be kept; try again once the "
                              "journal is open.")
            return False
        self._kept = name
        self.note.setText(NOTE)
        return True

    def _left(self) -> None:
        """Leaving the field keeps the name and shows it as kept (spaces tidied)."""
        if self.keep() and self.edit.text() != self._kept:
            self.edit.setText(self._kept)

    def focus_widgets(self) -> list[QWidget]:
        return [self.edit]
