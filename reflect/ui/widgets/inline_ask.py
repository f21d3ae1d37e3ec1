"""A question asked in place, under the thing it is about: "What changed in practice?",
"Why is it dropped?", "New due date?". No modal dialog, so the keyboard flow stays in the
page: type, Return confirms, Escape cancels.

Return in the text field is taken here, not passed on: confirming moves the focus (to the
Undo that follows, say), and a Return left to travel up would reach the page's "Enter presses
the focused button" filter and press that button too, undoing the answer just given.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QKeyEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import QFrame, QGridLayout, QHBoxLayout, QLineEdit, QPushButton, QWidget

from reflect.ui.widgets.feedback import error_colour, hint_label, plain_label
from reflect.ui.widgets.optional_date import OptionalDateEdit

#: What the callback gets: the text typed (may be "") and the date chosen (or None).
Answer = Callable[[str, date | None], str | None]


class InlineAsk(QFrame):
    """A question with a text field and/or a date, Confirm and Cancel.

    ``ask(question, on_answer, ...)`` shows it; ``on_answer(text, day)`` returns None when it
    worked (the ask closes) or a sentence saying why not (shown, the ask stays open).
    """

    finished = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("inlineAsk")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.question = plain_label()
        font = self.question.font()
        font.setBold(True)
        self.question.setFont(font)
        self.text_edit = QLineEdit()
        self.date_label = plain_label("New due date", wrap=False)
        self.date_edit = OptionalDateEdit("New due date", "Keep the due date")
        self.date_label.setBuddy(self.date_edit)
        self.problem = plain_label()
        palette = self.problem.palette()
        palette.setColor(self.problem.foregroundRole(), error_colour(self.palette()))
        self.problem.setPalette(palette)
        self.hint = hint_label()
        self.confirm_button = QPushButton("Confirm")
        self.confirm_button.setDefault(True)
        self.cancel_button = QPushButton("Cancel")
        buttons = QHBoxLayout()
        buttons.setSpacing(6)
        buttons.addWidget(self.date_label)
        buttons.addWidget(self.date_edit)
        buttons.addStretch(1)
        buttons.addWidget(self.cancel_button)
        buttons.addWidget(self.confirm_button)
        grid = QGridLayout(self)
        grid.setContentsMargins(10, 8, 10, 8)
        grid.setVerticalSpacing(6)
        grid.addWidget(self.question, 0, 0)
        grid.addWidget(self.text_edit, 1, 0)
        grid.addWidget(self.hint, 2, 0)
        grid.addWidget(self.problem, 3, 0)
        grid.addLayout(buttons, 4, 0)
        self._on_answer: Answer | None = None
        self.text_edit.installEventFilter(self)  # Return confirms, and goes no further
        self.confirm_button.clicked.connect(self.confirm)
        self.cancel_button.clicked.connect(self.cancel)
        escape = QShortcut(QKeySequence(Qt.Key.Key_Escape), self)
        escape.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        escape.activated.connect(self.cancel)
        self.hide()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (watched is self.text_edit and event.type() == QEvent.Type.KeyPress
                and isinstance(event, QKeyEvent)
                and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
                and not event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier):
            self.confirm()
            return True
        return super().eventFilter(watched, event)

    def ask(self, question: str, on_answer: Answer, *, text: bool = True,
            with_date: bool = False, hint: str = "", confirm: str = "Confirm",
            placeholder: str = "") -> None:
        self._on_answer = on_answer
        self.question.setText(question)
        self.text_edit.clear()
        self.text_edit.setVisible(text)
        self.text_edit.setAccessibleName(question)
        self.text_edit.setPlaceholderText(placeholder)
        self.date_edit.set_value(None)
        self.date_label.setVisible(with_date)
        self.date_edit.setVisible(with_date)
        self.hint.setText(hint)
        self.hint.setVisible(bool(hint))
        self.problem.clear()
        self.problem.hide()
        self.confirm_button.setText(confirm)
        self.confirm_button.setAccessibleName(confirm)
        self.show()
        (self.text_edit if text else self.date_edit).setFocus()

    @property
    def is_asking(self) -> bool:
        return self._on_answer is not None and not self.isHidden()

    def confirm(self) -> None:
        if self._on_answer is None:
            return
        why_not = self._on_answer(self.text_edit.text(), self.date_edit.value()
                                  if self.date_edit.isVisibleTo(self) else None)
        if why_not:
            self.problem.setText(why_not)
            self.problem.show()
            return
        self._close()

    def cancel(self) -> None:
        self._close()

    def _close(self) -> None:
        self._on_answer = None
        self.hide()
        self.finished.emit()
