"""Asked before a record not saved yet, with follow-ups made in it, is left for another.

Follow-ups belong to their record and count only once it is saved, so closing such a record
must not drop them without a word: save the record (and with it the follow-ups), discard it
(and them: no earlier action changes), or keep editing. Asked in place above the record,
like every question in the form, so the keyboard stays there: Enter presses the focused
button (Save record first), Escape keeps editing.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt, Signal, SignalInstance
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QFrame, QHBoxLayout, QPushButton, QVBoxLayout, QWidget

from reflect.ui.widgets.buttons import press_on_enter
from reflect.ui.widgets.feedback import plain_label


class LeaveQuestion(QFrame):
    """``save_chosen``, ``discard_chosen`` or ``stay_chosen``; hidden until :meth:`ask`."""

    save_chosen = Signal()
    discard_chosen = Signal()
    stay_chosen = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("leaveQuestion")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setAccessibleName("Leave this record?")
        self.question = plain_label()
        font = self.question.font()
        font.setBold(True)
        self.question.setFont(font)
        self.save_button = QPushButton("Save record")
        self.discard_button = QPushButton("Discard record")
        self.stay_button = QPushButton("Keep editing")
        press_on_enter(self.save_button, self.discard_button, self.stay_button)
        buttons = QHBoxLayout()
        buttons.setSpacing(6)
        buttons.addStretch(1)
        for button in (self.stay_button, self.discard_button, self.save_button):
            buttons.addWidget(button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(10, 8, 10, 8)
        layout.setSpacing(6)
        layout.addWidget(self.question)
        layout.addLayout(buttons)
        self.save_button.clicked.connect(self._answer(self.save_chosen))
        self.discard_button.clicked.connect(self._answer(self.discard_chosen))
        self.stay_button.clicked.connect(self._answer(self.stay_chosen))
        self._stay = self._answer(self.stay_chosen)
        self.hide()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        """Escape (passed on by the focused button) keeps editing."""
        if event.key() == Qt.Key.Key_Escape:
            self._stay()
            return
        super().keyPressEvent(event)

    def focus_widgets(self) -> list[QWidget]:
        return [self.stay_button, self.discard_button, self.save_button]

    def _answer(self, signal: SignalInstance) -> Callable[[], None]:
        def answer() -> None:
            self.hide()
            signal.emit()
        return answer

    def ask(self, follow_ups: int) -> None:
        made = (f"The {follow_ups} follow-ups made in it (done or dropped) count"
                if follow_ups != 1 else "The follow-up made in it (done or dropped) counts")
        self.question.setText(f"This record is not saved yet. {made} only once it is saved: "
                              "save it, or discard the record and nothing changes.")
        self.show()
        self.save_button.setFocus()
