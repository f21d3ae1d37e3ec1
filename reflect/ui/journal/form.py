"""The editor's widgets and their values as one plain dict (the shape a draft is stored in).

:class:`EntryForm` knows nothing of the journal: it lays out the fields, reports any change
with ``form_changed``, and reads or writes its state as JSON-friendly values, so comparing
"what is on screen" with "what was saved" or "what the draft holds" is a dict comparison.
"""

from __future__ import annotations

import contextlib
from collections.abc import Sequence
from datetime import date
from typing import Any

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtGui import QFont, QKeySequence, QResizeEvent
from PySide6.QtWidgets import (
    QBoxLayout,
    QCheckBox,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from reflect.content.library import Attribute
from reflect.ui.journal.fields import AttributeChecks, PromptBanner, TagEdit
from reflect.ui.widgets.dates import date_edit, to_qdate
from reflect.ui.widgets.feedback import ErrorNotice, hint_label, plain_label
from reflect.ui.widgets.markdown_preview import MarkdownPreview
from reflect.ui.widgets.messages import Failure
from reflect.ui.widgets.reveal import reveal_widget


def _buddy(text: str, widget: QWidget) -> QLabel:
    label = plain_label(text, wrap=False)
    label.setBuddy(widget)
    return label


class EntryForm(QWidget):
    """Title, date, tags, attributes, Markdown body beside its preview, the two flags."""

    form_changed = Signal()

    def __init__(self, attributes: Sequence[Attribute], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName("Entry editor")
        self.prompt_banner = PromptBanner()
        self.error = ErrorNotice()
        self.error.setAccessibleName("Save problem")

        self.title_edit = QLineEdit()
        self.title_edit.setAccessibleName("Title")
        self.title_edit.setPlaceholderText("Title")
        font = QFont(self.title_edit.font())
        font.setPointSizeF(font.pointSizeF() * 1.3)
        font.setBold(True)
        self.title_edit.setFont(font)
        self.date_edit = date_edit("Date it happened")
        self.tags_edit = TagEdit()
        self.attribute_checks = AttributeChecks(attributes)

        self.body_edit = QPlainTextEdit()
        self.body_edit.setAccessibleName("Entry text")
        self.body_edit.setAccessibleDescription("Markdown: *emphasis*, **strong**, # heading, "
                                                "- list")
        self.body_edit.setPlaceholderText("Write freely. Markdown works: *emphasis*, **strong**,"
                                          " # headings, - lists.")
        self.body_edit.document().setDocumentMargin(8)  # as the preview: text off the edge
        self.preview = MarkdownPreview()
        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.setChildrenCollapsible(False)
        self.splitter.addWidget(self.body_edit)
        self.splitter.addWidget(self.preview)
        self.splitter.setSizes([1, 1])

        self.share_box = QCheckBox("Share with mentor")
        self.share_box.setAccessibleName("Share with mentor")
        self.share_box.setToolTip("Offer this entry when you build a pack for your mentor")
        self.sensitive_box = QCheckBox("Sensitive")
        self.sensitive_box.setAccessibleName("Sensitive")
        self.sensitive_box.setToolTip("Marked with a padlock and left out of exports unless "
                                      "you include it")
        self.status_label = hint_label()
        self.status_label.setAccessibleName("Save status")
        self.status_label.setWordWrap(False)
        # Room for the longest status, so the footer does not reflow while typing.
        self.status_label.setMinimumWidth(
            self.status_label.fontMetrics().horizontalAdvance("Draft kept, not saved yet") + 4)
        self.preview_button = QPushButton("Hide preview")
        self.preview_button.setAccessibleName("Preview")
        self.preview_button.setToolTip("Show or hide the formatted text beside the editor "
                                       "(Ctrl+Shift+P)")
        self.preview_button.setShortcut(QKeySequence("Ctrl+Shift+P"))
        self.trash_button = QPushButton("Move to trash")
        self.trash_button.setAccessibleName("Move to trash")
        self.trash_button.setToolTip("Move this entry to the trash; you can undo it")
        self.save_button = QPushButton("Save")
        self.save_button.setAccessibleName("Save entry")
        self.save_button.setToolTip("Save this entry (Ctrl+S)")
        self.save_button.setDefault(False)
        self._lay_out()
        self._connect()

    def _lay_out(self) -> None:
        fields = QGridLayout()
        fields.setHorizontalSpacing(8)
        fields.setVerticalSpacing(8)
        fields.addWidget(_buddy("Happened on", self.date_edit), 0, 0)
        date_row = QHBoxLayout()
        date_row.setSpacing(16)
        date_row.addWidget(self.date_edit)
        date_row.addWidget(_buddy("Tags", self.tags_edit))
        date_row.addWidget(self.tags_edit, 1)
        fields.addLayout(date_row, 0, 1)
        attributes_label = _buddy("Attributes", self.attribute_checks)
        attributes_label.setContentsMargins(0, 2, 0, 0)  # on the checkboxes' text line
        fields.addWidget(attributes_label, 1, 0, Qt.AlignmentFlag.AlignTop)
        fields.addWidget(self.attribute_checks, 1, 1)
        fields.setColumnStretch(1, 1)

        flags = QHBoxLayout()
        flags.setSpacing(12)
        flags.addWidget(self.share_box)
        flags.addWidget(self.sensitive_box)
        flags.addStretch(1)
        flags.addWidget(self.status_label)
        actions = QHBoxLayout()
        actions.addStretch(1)
        actions.addWidget(self.preview_button)
        actions.addWidget(self.trash_button)
        actions.addWidget(self.save_button)
        self._footer = _Footer(flags, actions)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(14, 0, 0, 0)
        layout.setSpacing(10)
        layout.addWidget(self.prompt_banner)
        layout.addWidget(self.error)
        layout.addWidget(self.title_edit)
        layout.addLayout(fields)
        layout.addWidget(self.splitter, 1)
        layout.addWidget(self._footer)

    def _connect(self) -> None:
        changed = self.form_changed  # signal to signal: Qt drops the extra arguments
        self.title_edit.textChanged.connect(changed)
        self.date_edit.dateChanged.connect(changed)
        self.tags_edit.textChanged.connect(changed)
        self.tags_edit.refused.connect(
            lambda sentence: self.error.show_failure(Failure("Too many tags", sentence)))
        self.attribute_checks.changed.connect(changed)
        self.body_edit.textChanged.connect(changed)
        self.share_box.toggled.connect(changed)
        self.sensitive_box.toggled.connect(changed)
        self.preview_button.clicked.connect(
            lambda: self._toggle_preview(self.preview.isHidden()))

    def _toggle_preview(self, shown: bool) -> None:
        """The button says what it will do, so its state reads in any palette."""
        self.preview.setVisible(shown)
        self.preview_button.setText("Hide preview" if shown else "Show preview")
        if shown:
            self.preview.set_markdown(self.body_edit.toPlainText())

    # -- values --------------------------------------------------------------------------------
    def form_state(self) -> dict[str, Any]:
        """What is on screen, as stored in a draft (tags normalised, dates ISO)."""
        day = self.date_edit.date()
        return {
            "title": self.title_edit.text(),
            "body": self.body_edit.toPlainText(),
            "happened_on": date(day.year(), day.month(), day.day()).isoformat(),
            "tags": self.tags_edit.tags(),
            "attributes": self.attribute_checks.checked(),
            "share_with_mentor": self.share_box.isChecked(),
            "sensitive": self.sensitive_box.isChecked(),
        }

    def set_form_state(self, state: dict[str, Any]) -> None:
        """Fill the fields from ``state``; keys missing or of the wrong type are left alone
        (a draft written by another version must never crash the editor)."""
        if isinstance(state.get("title"), str):
            self.title_edit.setText(state["title"])
            self.title_edit.setCursorPosition(0)  # a long title shows its start, not its end
        if isinstance(state.get("body"), str) and state["body"] != self.body_edit.toPlainText():
            self.body_edit.setPlainText(state["body"])
        with contextlib.suppress(KeyError, TypeError, ValueError):
            self.date_edit.setDate(to_qdate(date.fromisoformat(state["happened_on"])))
        tags = state.get("tags")
        if isinstance(tags, list):
            self.tags_edit.set_tags([t for t in tags if isinstance(t, str)])
            self.tags_edit.setCursorPosition(0)
        attributes = state.get("attributes")
        if isinstance(attributes, list):
            self.attribute_checks.set_checked([a for a in attributes if isinstance(a, str)])
        for key, box in (("share_with_mentor", self.share_box),
                         ("sensitive", self.sensitive_box)):
            if isinstance(state.get(key), bool):
                box.setChecked(state[key])

    def set_known_tags(self, tags: Sequence[str]) -> None:
        self.tags_edit.set_known_tags(tags)

    def reveal(self, field: str, offset: int = 0) -> bool:
        """Focus ``field`` ("title", "body" or "tags") with the cursor ``offset`` characters
        in and scrolled to it: where a search hit matched."""
        widgets = {"title": self.title_edit, "body": self.body_edit, "tags": self.tags_edit}
        widget = widgets.get(field)
        return False if widget is None else reveal_widget(widget, offset)



class _Footer(QWidget):
    """Flags and buttons on one line when there is room, two lines (flags above buttons) when
    narrow. Its minimum is the two-line width, so the one-line layout never stops the window
    from getting narrower again."""

    def __init__(self, flags: QHBoxLayout, actions: QHBoxLayout) -> None:
        super().__init__()
        self._parts = (flags, actions)
        self._box = QBoxLayout(QBoxLayout.Direction.TopToBottom, self)
        self._box.setContentsMargins(0, 0, 0, 0)
        self._box.setSpacing(12)
        self._box.addLayout(flags, 1)
        self._box.addLayout(actions)

    def minimumSizeHint(self) -> QSize:
        flags, actions = self._parts
        width = max(flags.minimumSize().width(), actions.minimumSize().width())
        return QSize(width, self._box.minimumSize().height())

    def resizeEvent(self, event: QResizeEvent) -> None:
        flags, actions = self._parts
        needed = flags.sizeHint().width() + actions.sizeHint().width() + 12
        direction = (QBoxLayout.Direction.LeftToRight if event.size().width() >= needed
                     else QBoxLayout.Direction.TopToBottom)
        if direction != self._box.direction():
            self._box.setDirection(direction)
            self.updateGeometry()  # one line needs less height than two
        super().resizeEvent(event)
