"""The Workbook 2 questions on one attribute, one click from its axis on the radar; "Answer
this" (or Enter on a question) emits ``answer_prompt_requested(prompt_id)``. Beside Workbook 1's
question: what the source printed where Reflect corrected it, and the workbook's instructions."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
    QWidget,
)

from reflect.content.library import Correction, Prompt
from reflect.ui.profile.rating_guidance import HowToAnswer, correction_label
from reflect.ui.widgets.card import heading
from reflect.ui.widgets.feedback import hint_label, plain_label, plain_tooltip

PROMPT_ROLE = Qt.ItemDataRole.UserRole


class AttributePrompts(QDialog):
    """The workbook's questions on one attribute, one click from its axis."""

    answer_prompt_requested = Signal(str)

    def __init__(self, name: str, question: str, prompts: list[Prompt],
                 parent: QWidget | None = None, *,
                 correction: Correction | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(f"Prompts: {name}")
        self.list = QListWidget()
        self.list.setAccessibleName("Prompts for this attribute")
        self.list.setWordWrap(True)
        self.list.setSpacing(3)
        for prompt in prompts:
            item = QListWidgetItem(" ".join(prompt.text.split()))
            item.setData(PROMPT_ROLE, prompt.id)
            item.setToolTip(plain_tooltip(prompt.source))  # a user's own prompt file may hold tags
            self.list.addItem(item)
        self.list.setCurrentRow(0)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.answer_button = buttons.addButton("Answer this",
                                               QDialogButtonBox.ButtonRole.AcceptRole)
        self.answer_button.setEnabled(bool(prompts))
        buttons.accepted.connect(self.answer)
        buttons.rejected.connect(self.reject)
        self.list.itemActivated.connect(lambda _item: self.answer())
        layout = QVBoxLayout(self)
        layout.addWidget(heading(name, scale=1.2))
        layout.addWidget(hint_label(f"The workbook asks: {question}"))
        self.correction = correction_label(correction)
        if self.correction is not None:
            layout.addWidget(self.correction)
        self.how_to_answer = HowToAnswer()
        layout.addWidget(self.how_to_answer)
        layout.addWidget(plain_label("Questions from SFPC Workbook 2 on this attribute:"
                                     if prompts else "No workbook questions on this attribute."))
        layout.addWidget(self.list, 1)
        layout.addWidget(buttons)
        self.answer_button.setDefault(True)  # only once in the dialog: Qt keeps it as default
        self.resize(560, 420)

    def prompt_ids(self) -> list[str]:
        return [self.list.item(i).data(PROMPT_ROLE) for i in range(self.list.count())]

    def answer(self) -> None:
        item = self.list.currentItem()
        if item is not None:
            self.answer_prompt_requested.emit(item.data(PROMPT_ROLE))
            self.accept()
