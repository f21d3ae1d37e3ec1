"""One widget per template field type, each with ``value()``, ``set_value()`` and ``changed``.

Values are what a record stores in ``entry.sections`` (JSON): text as Markdown, a date as an
ISO string, a choice as its text, yes/no as a bool, a scale as 0–10; None means "not filled
in", so an untouched record never claims an answer. The agreed actions live in
:mod:`reflect.ui.supervision.action_editor`; the record form lays these out with their guidance.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from PySide6.QtCore import QEvent, QKeyCombination, QMimeData, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QPlainTextEdit,
    QSizePolicy,
    QSlider,
    QSpinBox,
    QStackedWidget,
    QWidget,
)

from reflect.content.templates import SCALE_MAX, SCALE_MIN, Section
from reflect.store.models import Person
from reflect.ui.widgets.markdown_preview import MarkdownPreview
from reflect.ui.widgets.optional_date import OptionalDateEdit

MIN_LINES, MAX_LINES = 3, 14


class Field(QWidget):
    """Base: a field type's widget; subclasses fill ``value``/``set_value``."""

    changed = Signal()

    def value(self) -> Any:
        raise NotImplementedError

    def set_value(self, value: Any) -> None:
        raise NotImplementedError

    def focus_widget(self) -> QWidget:
        return self

    def focus_widgets(self) -> list[QWidget]:
        """The field's stops for Tab, in reading order (the form chains them)."""
        return [self.focus_widget()]


class GrowingTextEdit(QPlainTextEdit):
    """A plain-text editor as tall as its text (3 to 14 lines unless told), so a form of many
    sections scrolls as one page instead of as many small boxes."""

    def __init__(self, parent: QWidget | None = None, *, min_lines: int = MIN_LINES,
                 max_lines: int = MAX_LINES, margin: int = 6) -> None:
        super().__init__(parent)
        self._lines = (min_lines, max_lines)
        self.setTabChangesFocus(True)  # Tab moves on to the next section
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.document().setDocumentMargin(margin)
        self.document().documentLayout().documentSizeChanged.connect(self._fit)
        self._fit()

    def _fit(self, *_args: object) -> None:
        low, high = self._lines
        needed = int(self.document().size().height())
        lines = max(low, min(high, needed))
        # A scroll bar only when the text is taller than the box may grow; one left over
        # from a moment of typing would narrow the text and hide the last word.
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAsNeeded if needed > high
                                        else Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        margins = self.contentsMargins()
        height = (lines * self.fontMetrics().lineSpacing() + 2 * self.document().documentMargin()
                  + margins.top() + margins.bottom() + 4)
        self.setFixedHeight(int(height))

    def resizeEvent(self, event: object) -> None:  # a narrower box wraps into more lines
        super().resizeEvent(event)  # type: ignore[arg-type]
        self._fit()


class WrappingLineEdit(GrowingTextEdit):
    """One line of text that wraps instead of scrolling out of sight (an action's
    description): one row tall when short, growing up to six. Return is ``returnPressed``
    (never a line break), Tab moves on, and pasted line breaks become spaces. ``text()`` and
    ``setText()`` as on a QLineEdit."""

    returnPressed = Signal()

    def __init__(self, text: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent, min_lines=1, max_lines=6, margin=3)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setText(text)

    def text(self) -> str:
        return self.toPlainText()

    def setText(self, text: str) -> None:
        self.setPlainText(" ".join(text.splitlines()))

    def event(self, event: QEvent) -> bool:
        """Ctrl+Delete is left to the form (it removes an action there), as a QLineEdit
        leaves it; a text editor would take it for deleting a word."""
        if (event.type() == QEvent.Type.ShortcutOverride and isinstance(event, QKeyEvent)
                and event.keyCombination() == QKeyCombination(
                    Qt.KeyboardModifier.ControlModifier, Qt.Key.Key_Delete)):
            event.ignore()
            return False
        return super().event(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            event.accept()
            self.returnPressed.emit()
            return
        super().keyPressEvent(event)

    def insertFromMimeData(self, source: QMimeData) -> None:
        if source.hasText():
            self.insertPlainText(" ".join(source.text().splitlines()))


class TextField(Field):
    """Markdown text, with a preview that replaces the editor while it is shown."""

    def __init__(self, section: Section, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.edit = GrowingTextEdit()
        self.edit.setAccessibleName(section.title)
        self.edit.setAccessibleDescription(section.guidance)
        self.edit.setPlaceholderText("Markdown works: *emphasis*, **strong**, - lists.")
        self.preview = MarkdownPreview()
        self.preview.setAccessibleName(f"{section.title} preview")
        self.stack = QStackedWidget()
        self.stack.addWidget(self.edit)
        self.stack.addWidget(self.preview)
        self.stack.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.stack)
        self.edit.textChanged.connect(self.changed)
        self.edit.document().documentLayout().documentSizeChanged.connect(self._match)

    def _match(self, *_args: object) -> None:
        """The preview is as tall as its formatted text (lists and paragraphs take more room
        than the plain lines), within reason; the editor keeps its own height."""
        height = self.edit.height()
        if self.previewing:
            document = self.preview.document()
            document.setTextWidth(self.preview.viewport().width())
            limit = self.fontMetrics().lineSpacing() * (MAX_LINES + 6)
            needed = int(document.size().height()) + 2 * self.preview.frameWidth() + 2
            height = max(height, min(needed, limit))
        self.preview.setFixedHeight(height)
        self.stack.setFixedHeight(height)

    def show_preview(self, shown: bool) -> None:
        if shown:
            self.preview.set_markdown(self.edit.toPlainText())
        self.stack.setCurrentWidget(self.preview if shown else self.edit)
        self._match()

    @property
    def previewing(self) -> bool:
        return self.stack.currentWidget() is self.preview

    def value(self) -> str | None:
        text = self.edit.toPlainText()
        return text if text.strip() else None

    def set_value(self, value: Any) -> None:
        """Text as is; anything else a record may hold here (a list from an import, a value
        from an older version of the template) is shown as text rather than lost on save."""
        if isinstance(value, list | tuple):
            text = "\n".join(f"- {v}" for v in value if str(v).strip())
        else:
            text = value if isinstance(value, str) else "" if value is None else str(value)
        if text != self.edit.toPlainText():
            self.edit.setPlainText(text)
        self._match()

    def focus_widget(self) -> QWidget:
        return self.edit


class DateField(Field):
    def __init__(self, section: Section, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.edit = OptionalDateEdit(section.title, "Not set")
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.edit)
        layout.addStretch(1)
        self.edit.dateChanged.connect(self.changed)

    def value(self) -> str | None:
        return self.edit.iso()

    def set_value(self, value: Any) -> None:
        try:
            self.edit.set_value(date.fromisoformat(str(value)[:10]) if value else None)
        except ValueError:
            self.edit.set_value(None)

    def focus_widget(self) -> QWidget:
        return self.edit


class ComboField(Field):
    """A combo whose first item means "not answered"; the base of choice, yes/no and
    supervisee fields."""

    def __init__(self, name: str, empty: str, items: list[tuple[str, Any]],
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.combo = QComboBox()
        self.combo.setAccessibleName(name)
        self.combo.addItem(empty, None)
        for text, data in items:
            self.combo.addItem(text, data)
        self.combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.combo)
        layout.addStretch(1)
        self.combo.currentIndexChanged.connect(self.changed)

    def value(self) -> Any:
        return self.combo.currentData()

    def set_value(self, value: Any) -> None:
        index = self.combo.findData(value) if value is not None else 0
        if index < 0:  # an answer the template no longer offers: keep it, do not lose it
            self.combo.addItem(str(value), value)
            index = self.combo.count() - 1
        self.combo.setCurrentIndex(index)

    def focus_widget(self) -> QWidget:
        return self.combo


class ChoiceField(ComboField):
    def __init__(self, section: Section, parent: QWidget | None = None) -> None:
        super().__init__(section.title, "Not chosen", [(c, c) for c in section.choices], parent)


class YesNoField(ComboField):
    def __init__(self, section: Section, parent: QWidget | None = None) -> None:
        super().__init__(section.title, "Not answered", [("Yes", True), ("No", False)], parent)

    def set_value(self, value: Any) -> None:
        if isinstance(value, str):
            value = value.strip().lower() in ("yes", "true", "1")
        super().set_value(value if isinstance(value, bool) or value is None else bool(value))


class SuperviseeField(ComboField):
    """The supervisee's code name; the form also takes the person id from it."""

    def __init__(self, section: Section, people: list[Person],
                 parent: QWidget | None = None) -> None:
        super().__init__(section.title, "No supervisee",
                         [(p.code_name, p.code_name) for p in people], parent)
        self.people = {p.code_name: p.id for p in people}

    def person_id(self) -> int | None:
        return self.people.get(self.value() or "")


class ScaleField(Field):
    """0–10 on a slider with the number beside it; "Not rated" until moved."""

    def __init__(self, section: Section, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.slider = QSlider(Qt.Orientation.Horizontal)
        self.slider.setRange(SCALE_MIN, SCALE_MAX)
        self.slider.setTickPosition(QSlider.TickPosition.TicksBelow)
        self.slider.setTickInterval(1)
        self.slider.setPageStep(1)
        self.slider.setAccessibleName(section.title)
        self.slider.setMinimumWidth(self.fontMetrics().horizontalAdvance("M") * 16)
        self.spin = QSpinBox()
        self.spin.setRange(SCALE_MIN - 1, SCALE_MAX)
        self.spin.setSpecialValueText("Not rated")
        self.spin.setSuffix(f" / {SCALE_MAX}")
        self.spin.setAccessibleName(f"{section.title}, number")
        self.spin.setValue(SCALE_MIN - 1)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(10)
        layout.addWidget(self.slider, 2)
        layout.addWidget(self.spin)
        layout.addStretch(1)
        self.slider.valueChanged.connect(self._slid)
        self.spin.valueChanged.connect(self._spun)

    def _slid(self, value: int) -> None:
        if self.spin.value() != value:
            self.spin.setValue(value)

    def _spun(self, value: int) -> None:
        if value < SCALE_MIN:  # "Not rated": the slider rests at its start
            self.slider.blockSignals(True)
            self.slider.setValue(SCALE_MIN)
            self.slider.blockSignals(False)
        elif self.slider.value() != value:
            self.slider.setValue(value)
        self.changed.emit()

    def value(self) -> int | None:
        return self.spin.value() if self.spin.value() >= SCALE_MIN else None

    def set_value(self, value: Any) -> None:
        try:
            number = None if value is None or isinstance(value, bool) else int(value)
        except (TypeError, ValueError):
            number = None
        if number is not None and SCALE_MIN <= number <= SCALE_MAX:
            self.slider.setValue(number)
            self.spin.setValue(number)
        else:
            self.spin.setValue(SCALE_MIN - 1)

    def focus_widget(self) -> QWidget:
        return self.slider

    def focus_widgets(self) -> list[QWidget]:
        return [self.slider, self.spin]


def make_field(section: Section, people: list[Person]) -> Field:
    """The widget for ``section`` (not for "actions", which the form builds itself)."""
    if section.type == "date":
        return DateField(section)
    if section.type == "choice":
        return ChoiceField(section)
    if section.type == "yesno":
        return YesNoField(section)
    if section.type == "scale":
        return ScaleField(section)
    if section.type == "supervisee":
        return SuperviseeField(section, people)
    return TextField(section)
