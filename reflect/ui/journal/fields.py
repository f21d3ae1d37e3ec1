"""The editor's smaller fields: tags with completion, the five attributes, the prompt banner.

Kept apart from :mod:`reflect.ui.journal.editor` so that module stays about the entry's life
(load, draft, save) rather than about widgets. Every label here is plain text.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QStringListModel, Qt, Signal
from PySide6.QtGui import QColor, QPainter, QPaintEvent, QPalette
from PySide6.QtWidgets import (
    QCheckBox,
    QCompleter,
    QFrame,
    QLineEdit,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from reflect.content.library import Attribute, Prompt, PromptSet
from reflect.journal.journal import MAX_TAGS, unique_tags
from reflect.ui.widgets.feedback import hint_label, plain_label
from reflect.ui.widgets.flow_layout import FlowLayout


class _LastTagCompleter(QCompleter):
    """Completes only the tag after the last comma, keeping the ones already typed."""

    def splitPath(self, path: str) -> list[str]:
        return [path.split(",")[-1].strip()]

    def pathFromIndex(self, index) -> str:
        chosen = super().pathFromIndex(index)
        # The text as typed when completion began (the line edit's own text changes while
        # the user moves through the popup).
        typed = self.completionPrefix()
        before = [t.strip() for t in typed.split(",")[:-1] if t.strip()]
        return ", ".join([*before, chosen]) + ", "


class TagEdit(QLineEdit):
    """Comma-separated tags, completed from the tags the journal already uses.

    An edit that would take the entry past :data:`MAX_TAGS` tags is refused: the field keeps
    what it had and ``refused`` carries the sentence to show (the pasted text is not cut).
    """

    refused = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._accepted = ""  # the last text within the cap
        self.textChanged.connect(self._remember)
        self.textEdited.connect(self._check)
        self.setAccessibleName("Tags")
        self.setPlaceholderText("Tags")
        self.setToolTip("Tags, separated by commas")
        self._model = QStringListModel(self)
        completer = _LastTagCompleter(self._model, self)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
        self.setCompleter(completer)

    def set_known_tags(self, tags: Sequence[str]) -> None:
        self._model.setStringList(list(tags))

    def tags(self) -> list[str]:
        """The tags typed; never more than the cap when typed here (saving checks again)."""
        return unique_tags(self.text().split(","))

    def _remember(self, text: str) -> None:
        if len(unique_tags(text.split(","))) <= MAX_TAGS:
            self._accepted = text

    def _check(self, text: str) -> None:
        count = len(unique_tags(text.split(",")))
        if count <= MAX_TAGS:
            return
        self.setText(self._accepted)
        self.refused.emit(f"An entry can have at most {MAX_TAGS} tags; that would make "
                          f"{count:,}. Remove some before adding more.")

    def set_tags(self, tags: Sequence[str]) -> None:
        self.setText(", ".join(tags))


class AttributeChecks(QWidget):
    """The five leadership attributes as checkboxes (short name shown, full name on hover)."""

    changed = Signal()

    def __init__(self, attributes: Sequence[Attribute], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName("Attributes")
        self.boxes: dict[str, QCheckBox] = {}
        layout = FlowLayout(self, spacing=16, line_spacing=4)
        policy = QSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Preferred)
        policy.setHeightForWidth(True)
        self.setSizePolicy(policy)
        for attribute in attributes:
            box = QCheckBox(attribute.short_name.replace("&", "&&"))
            box.setToolTip(attribute.name)
            box.setAccessibleName(attribute.name)
            box.toggled.connect(self.changed)
            self.boxes[attribute.id] = box
            layout.addWidget(box)

    def checked(self) -> list[str]:
        """Ids in the attributes' own order, so equal choices compare equal."""
        return [attribute_id for attribute_id, box in self.boxes.items() if box.isChecked()]

    def set_checked(self, ids: Sequence[str]) -> None:
        for attribute_id, box in self.boxes.items():
            box.setChecked(attribute_id in ids)


class PromptBanner(QFrame):
    """The question an entry answers and where it comes from, above the editor."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("promptBanner")
        self.setAccessibleName("Prompt")
        self.kicker = hint_label()
        self.text_label = plain_label(selectable=True)
        font = self.text_label.font()
        font.setPointSizeF(font.pointSizeF() * 1.08)
        self.text_label.setFont(font)
        self.source_label = hint_label()
        self.source_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 8, 12, 8)
        layout.setSpacing(3)
        layout.addWidget(self.kicker)
        layout.addWidget(self.text_label)
        layout.addWidget(self.source_label)
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Maximum)
        self.hide()

    def paintEvent(self, event: QPaintEvent) -> None:
        """A tint of the highlight over the base colour, with an accent bar: drawn from the
        palette each time, so it stays readable when the system switches light or dark."""
        palette = self.palette()
        base = palette.color(QPalette.ColorRole.Base)
        accent = palette.color(QPalette.ColorRole.Highlight)
        tint = QColor.fromRgbF(*(b + (a - b) * 0.12 for a, b in zip(
            (accent.redF(), accent.greenF(), accent.blueF()),
            (base.redF(), base.greenF(), base.blueF()), strict=True)))
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(tint)
        painter.drawRoundedRect(self.rect(), 6, 6)
        painter.setBrush(accent)
        painter.drawRoundedRect(0, 0, 4, self.height(), 2, 2)
        painter.end()
        super().paintEvent(event)

    def show_prompt(self, prompt_id: str | None, prompt: Prompt | None,
                    prompt_set: PromptSet | None) -> None:
        if not prompt_id:
            self.hide()
            return
        if prompt is None:
            self.kicker.setText("Answering a prompt")
            self.text_label.setText(f"The prompt {prompt_id} is not in the loaded prompt sets.")
            self.source_label.clear()
        else:
            kind = " (adapted)" if prompt_set is not None and prompt_set.adapted else ""
            self.kicker.setText(f"Answering a prompt{kind}")
            self.text_label.setText(prompt.text)
            document = prompt_set.source_short if prompt_set is not None else ""
            self.source_label.setText(" · ".join(p for p in (prompt.source, document) if p))
        self.setAccessibleDescription(self.text_label.text())
        self.show()

    def text(self) -> str:
        return "\n".join(label.text() for label in
                         (self.kicker, self.text_label, self.source_label) if label.text())
