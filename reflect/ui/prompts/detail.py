"""The right-hand side of the Prompts page: one prompt (or set) in full, with its source.

Everything here is plain text (prompt files may be the user's own), and nothing is a link.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from reflect.common.dates import uk_date
from reflect.content.library import Prompt, PromptSet
from reflect.journal.reader_level import audience_text
from reflect.store.queries import PromptUsage
from reflect.ui.widgets.feedback import hint_label, plain_label


def usage_text(usage: PromptUsage | None) -> str:
    if usage is None:
        return "Not answered yet"
    times = "once" if usage.times == 1 else f"{usage.times} times"
    return f"Answered {times}, last on {uk_date(usage.last_answered)}"



class PromptDetail(QScrollArea):
    """The chosen prompt (or set) in full; every text is plain, nothing is a link."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWidgetResizable(True)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        inner = QWidget()
        self.set_name = hint_label()
        self.text = plain_label(selectable=True)
        font = self.text.font()
        font.setPointSizeF(font.pointSizeF() * 1.25)
        self.text.setFont(font)
        self.text.setAccessibleName("Prompt")
        self.grid = QGridLayout()
        self.grid.setHorizontalSpacing(14)
        self.grid.setVerticalSpacing(8)
        self.grid.setColumnStretch(1, 1)
        self.values: dict[str, tuple] = {}
        for row, caption in enumerate(("Source", "Document", "Adapted", "Source wording",
                                       "Relates to", "Written for", "Licence",
                                       "In your journal")):
            name = hint_label(caption)
            name.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
            value = plain_label(selectable=True)
            value.setAccessibleName(caption)
            self.grid.addWidget(name, row, 0, Qt.AlignmentFlag.AlignTop)
            self.grid.addWidget(value, row, 1)
            self.values[caption] = (name, value)
        self.answer_button = QPushButton("Answer this")
        self.answer_button.setAccessibleName("Answer this prompt")
        self.answer_button.setToolTip("Start a new entry with this prompt above it (Enter)")
        self.answer_button.setDefault(True)
        buttons = QHBoxLayout()
        buttons.addWidget(self.answer_button)
        buttons.addStretch(1)
        layout = QVBoxLayout(inner)
        layout.setContentsMargins(20, 4, 12, 12)
        layout.setSpacing(12)
        layout.addWidget(self.set_name)
        layout.addWidget(self.text)
        layout.addLayout(buttons)  # under the question, so it stays in view in a small window
        layout.addSpacing(4)
        layout.addLayout(self.grid)
        layout.addStretch(1)
        self.setWidget(inner)

    def value(self, caption: str) -> str:
        return self.values[caption][1].text()

    def _set(self, caption: str, text: str) -> None:
        name, value = self.values[caption]
        value.setText(text)
        name.setVisible(bool(text))
        value.setVisible(bool(text))

    def show_prompt(self, prompt: Prompt, prompt_set: PromptSet, usage: PromptUsage | None,
                    names: dict[str, str]) -> None:
        self.set_name.setText(" · ".join(p for p in (prompt_set.name, prompt.group) if p))
        self.text.setText(prompt.text)
        self._set("Source", prompt.source)
        self._set("Document", prompt_set.document)
        adapted = prompt_set.adapted
        self._set("Adapted", "Adapted from the source: the question is Reflect's wording, "
                             "the source's own is below." if adapted else "")
        self._set("Source wording", f"“{prompt.original}”" if adapted and prompt.original
                  else "")
        self._set("Relates to", " · ".join(names.get(a, a) for a in prompt.attributes))
        self._set("Written for", audience_text(prompt.audience))
        self._set("Licence", "")
        self._set("In your journal", usage_text(usage))
        self.answer_button.setVisible(True)
        self.answer_button.setEnabled(True)

    def show_set(self, prompt_set: PromptSet) -> None:
        self.set_name.setText(prompt_set.source_short)
        self.text.setText(prompt_set.name)
        self._set("Source", f"{len(prompt_set.prompts)} prompts")
        self._set("Document", prompt_set.document)
        self._set("Adapted", "Adapted from the source: the questions are Reflect's wording, "
                             "and each prompt keeps the source's own." if prompt_set.adapted
                  else "")
        self._set("Source wording", "")
        self._set("Relates to", "")
        self._set("Written for", "")
        self._set("Licence", prompt_set.licence or "")
        self._set("In your journal", "")
        self.answer_button.setVisible(False)

    def clear(self) -> None:
        """Nothing chosen (a filter that matches nothing)."""
        self.set_name.setText("")
        self.text.setText("No prompt chosen.")
        for caption in self.values:
            self._set(caption, "")
        self.answer_button.setVisible(False)
