"""The cases discussed in a record: one block per case, added with "Add case" (Ctrl+Shift+C).

Each block has the group's fields, its own actions (rows of the record's agreed actions,
followed up like any other) and a "Copy case-file note" button, since the decision belongs
on the child's file in the council's case system. "Remove case" takes the block away at
once and offers Undo beside "Add case"; a block whose actions are done or dropped stays,
as those actions are history. The group is one :class:`Field` of the record form: its value
(a list of dicts, one per block, with the block's action rows under ``_actions``) goes into
the record's sections and its draft like any other answer.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QGuiApplication, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from reflect.content.templates import Section
from reflect.supervision.case_notes import (
    ACTIONS_KEY,
    NAME_WARNING,
    ROLE_KEY,
    case_note,
    looks_like_full_name,
    note_text,
    reference,
)
from reflect.supervision.records import Supervision
from reflect.ui.supervision.action_editor import ActionEditor
from reflect.ui.supervision.record_fields import Field, TextField, make_field
from reflect.ui.widgets.feedback import hint_label, plain_label, plain_tooltip
from reflect.ui.widgets.spelling import attach_spelling

ADD_SHORTCUT = "Ctrl+Shift+C"


class LineField(Field):
    """One line of text (a case reference, the supervisor's role); None when empty."""

    def __init__(self, name: str, placeholder: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.edit = QLineEdit()
        self.edit.setAccessibleName(name)
        self.edit.setPlaceholderText(placeholder)
        self.warning = hint_label(NAME_WARNING)
        self.warning.setAccessibleName("Full name warning")
        self.warning.hide()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addWidget(self.edit)
        layout.addWidget(self.warning)
        self.edit.textChanged.connect(self.changed)

    def value(self) -> str | None:
        text = " ".join(self.edit.text().split())
        return text or None

    def set_value(self, value: Any) -> None:
        text = value if isinstance(value, str) else ""
        if text != self.edit.text():
            self.edit.setText(text)
            self.edit.setCursorPosition(0)

    def focus_widget(self) -> QWidget:
        return self.edit


class CaseRefField(LineField):
    """The case reference: a warning, never a refusal, when it looks like a full name."""

    def __init__(self, section: Section, parent: QWidget | None = None) -> None:
        super().__init__(section.title, "Initials or case number, e.g. C-1042", parent)
        self.edit.textChanged.connect(self._check)

    def _check(self, text: str) -> None:
        self.warning.setVisible(looks_like_full_name(text))


class CaseBlock(QFrame):
    """One case: its fields in template order, Copy and Remove."""

    changed = Signal()
    rows_changed = Signal()
    remove_requested = Signal(object)
    copied = Signal(str)

    def __init__(self, group: Section, journal: Any, state: dict[str, Any],
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.group = group
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.extra = {k: v for k, v in state.items()
                      if k.startswith("_") and k != ACTIONS_KEY}  # links kept as they were
        self.fields: dict[str, Field] = {}
        self.action_editor: ActionEditor | None = None
        self.heading = plain_label("", wrap=False)
        font = self.heading.font()
        font.setBold(True)
        self.heading.setFont(font)
        self.copy_button = QPushButton("Copy case-file note")
        self.copy_button.setToolTip("Copy the date, case, your role, decision, rationale and "
                                    "actions, to paste into the child's file")
        self.remove_button = QPushButton(f"Remove {group.item or 'item'}")
        top = QHBoxLayout()
        top.addWidget(self.heading, 1)
        top.addWidget(self.copy_button)
        top.addWidget(self.remove_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(10, 8, 10, 10)
        layout.setSpacing(4)
        layout.addLayout(top)
        for field in group.fields:
            title = plain_label(field.title)
            title.setFont(font)
            layout.addWidget(title)
            if field.guidance:
                layout.addWidget(hint_label(field.guidance))
            if field.type == "actions":
                self.action_editor = ActionEditor()
                noun = group.item or "item"
                self.action_editor.setAccessibleName(f"{field.title} for this {noun}")
                self.action_editor.set_actions([a for a in state.get(ACTIONS_KEY) or ()
                                          if isinstance(a, dict)])
                self.action_editor.changed.connect(self.changed)
                self.action_editor.changed.connect(self._update)
                self.action_editor.rows_changed.connect(self.rows_changed)
                layout.addWidget(self.action_editor)
                continue
            widget = CaseRefField(field) if field.type == "case_ref" else make_field(field, [])
            if isinstance(widget, TextField):
                widget.edit.setTabChangesFocus(True)
                attach_spelling(widget.edit, journal)
            widget.set_value(state.get(field.id))
            widget.changed.connect(self.changed)
            widget.changed.connect(self._update)
            self.fields[field.id] = widget
            layout.addWidget(widget)
        self.copy_button.clicked.connect(lambda: self.copied.emit(self.block_id()))
        self.remove_button.clicked.connect(lambda: self.remove_requested.emit(self))
        self.index = 0

    def block_id(self) -> str:
        return reference(self.group, self.value(), self.index)

    def set_index(self, index: int) -> None:
        self.index = index
        self._update()

    def _update(self) -> None:
        ref = reference(self.group, self.value(), self.index)
        noun = (self.group.item or "item").capitalize()
        self.heading.setText(f"{noun} {self.index + 1} · {ref}")
        self.setAccessibleName(f"{noun} {self.index + 1}: {ref}")
        self.copy_button.setAccessibleName(f"Copy case-file note for {ref}")
        self.remove_button.setAccessibleName(f"Remove {self.group.item or 'item'} {ref}")
        rows = self.action_editor.rows if self.action_editor is not None else []
        history = any(not r.is_open for r in rows)
        self.remove_button.setEnabled(not history)
        self.remove_button.setToolTip(plain_tooltip(
            "Its actions that are done or dropped are history, so it stays" if history else
            f"Remove this {self.group.item or 'item'} (Undo brings it back)"))

    def value(self) -> dict[str, Any]:
        out: dict[str, Any] = {**self.extra}
        out.update({key: field.value() for key, field in self.fields.items()})
        out[ACTIONS_KEY] = self.action_editor.action_states() if self.action_editor else []
        return out

    def focus_widgets(self) -> list[QWidget]:
        stops: list[QWidget] = [self.copy_button, self.remove_button]
        for field in self.group.fields:
            if field.type == "actions" and self.action_editor is not None:
                stops += self.action_editor.focus_widgets()
            elif field.id in self.fields:
                stops += self.fields[field.id].focus_widgets()
        return stops

    def first_focus(self) -> QWidget:
        first = next(iter(self.fields.values()), None)
        return first.focus_widget() if first else self.copy_button


class CaseGroupField(Field):
    """Every block of one group, "Add case", and Undo after a removal."""

    rows_changed = Signal()

    def __init__(self, group: Section, journal: Any, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.group = group
        self.journal = journal
        self.date_of: Callable[[], date] = date.today
        self.blocks: list[CaseBlock] = []
        self._removed: tuple[int, dict[str, Any]] | None = None
        noun = group.item or "item"
        self.role_field = LineField("Your role on case-file notes", "e.g. Team manager")
        self.role_field.setAccessibleDescription("Shown on every case-file note of this record")
        self.add_button = QPushButton(f"Add {noun}")
        self.add_button.setAccessibleName(f"Add {noun}")
        self.add_button.setToolTip(f"Add a {noun} discussed ({ADD_SHORTCUT})")
        self.undo_button = QPushButton("Undo")
        self.undo_button.hide()
        self.removed_label = hint_label("")
        self.removed_label.hide()
        self.empty_label = hint_label(f"No {noun}s yet: add one for each {noun} discussed.")
        self.status = hint_label("")
        self.status.setAccessibleName("Case-file note status")
        self.role_label = plain_label("Your role on the case-file notes", wrap=False)
        role_row = QHBoxLayout()
        role_row.addWidget(self.role_label)
        role_row.addWidget(self.role_field, 1)
        self._blocks_layout = QVBoxLayout()
        self._blocks_layout.setSpacing(10)
        footer = QHBoxLayout()
        footer.addWidget(self.add_button)
        footer.addWidget(self.removed_label)
        footer.addWidget(self.undo_button)
        footer.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(8)
        layout.addLayout(role_row)
        layout.addWidget(self.empty_label)
        layout.addLayout(self._blocks_layout)
        layout.addLayout(footer)
        layout.addWidget(self.status)
        self.add_button.clicked.connect(lambda: self.add_block())
        self.undo_button.clicked.connect(self.undo_remove)
        shortcut = QShortcut(QKeySequence(ADD_SHORTCUT), self)
        shortcut.setContext(Qt.ShortcutContext.WindowShortcut)
        shortcut.activated.connect(lambda: self.add_block())
        self._update()

    # -- blocks ------------------------------------------------------------------------------
    def add_block(self, state: dict[str, Any] | None = None, index: int | None = None,
                  focus: bool = True) -> CaseBlock:
        block = CaseBlock(self.group, self.journal, state or {})
        index = len(self.blocks) if index is None else index
        self.blocks.insert(index, block)
        self._blocks_layout.insertWidget(index, block)
        block.show()
        block.changed.connect(self.changed)
        block.rows_changed.connect(self.rows_changed)
        block.remove_requested.connect(self.remove_block)
        block.copied.connect(lambda _ref, b=block: self.copy_note(b))
        if block.action_editor is not None:
            block.action_editor.record_date = self.date_of()
        self._update()
        self.rows_changed.emit()  # in the Tab order before it takes the focus
        if focus:
            block.first_focus().setFocus()
            self.changed.emit()
        return block

    def remove_block(self, block: CaseBlock) -> None:
        if block not in self.blocks or not block.remove_button.isEnabled():
            return
        index = self.blocks.index(block)
        self._removed = (index, block.value())
        self._drop(block)
        ref = reference(self.group, self._removed[1], index)
        self.removed_label.setText(f"Removed {ref}.")
        self.undo_button.setAccessibleName(f"Undo removing {ref}")
        self._update()
        self.rows_changed.emit()
        self.undo_button.setFocus()
        self.changed.emit()

    def undo_remove(self) -> None:
        if self._removed is None:
            return
        index, state = self._removed
        self._removed = None
        self.add_block(state, min(index, len(self.blocks)))

    def _drop(self, block: CaseBlock) -> None:
        self.blocks.remove(block)
        self._blocks_layout.removeWidget(block)
        block.hide()
        block.deleteLater()

    def _update(self) -> None:
        for index, block in enumerate(self.blocks):
            block.set_index(index)
        self.empty_label.setVisible(not self.blocks)
        shown = self._removed is not None
        self.undo_button.setVisible(shown)
        self.removed_label.setVisible(shown)

    # -- the case-file note ------------------------------------------------------------------
    def note_for(self, block: CaseBlock) -> str:
        """The block's case-file note as on screen now."""
        index = self.blocks.index(block)
        state = block.value()
        return note_text(case_note(self.group, state, index, self.date_of(),
                                   self.role_field.value() or "", state[ACTIONS_KEY]))

    def copy_note(self, block: CaseBlock) -> None:
        QGuiApplication.clipboard().setText(self.note_for(block))
        self.status.setText(f"Case-file note for {block.block_id()} copied: paste it into "
                            "the child's file.")

    # -- Field -------------------------------------------------------------------------------
    def value(self) -> list[dict[str, Any]] | None:
        return [b.value() for b in self.blocks] or None

    def set_value(self, value: Any) -> None:
        states = [v for v in value if isinstance(v, dict)] if isinstance(value, list) else []
        if states == (self.value() or []):
            return
        for block in list(self.blocks):
            self._drop(block)
        self._removed = None
        for state in states:
            self.add_block(state, focus=False)
        self._update()
        self.rows_changed.emit()

    def focus_widget(self) -> QWidget:
        return self.role_field.edit

    def focus_widgets(self) -> list[QWidget]:
        stops: list[QWidget] = [self.role_field.edit] if self.role_field.isVisibleTo(self) \
            else []
        for block in self.blocks:
            stops += block.focus_widgets()
        stops.append(self.add_button)
        if self._removed is not None:
            stops.append(self.undo_button)
        return stops


def group_field(body: Any, section: Section, supervision: Supervision) -> CaseGroupField:
    """The group's field for a record body; the first group also holds the role field
    (kept under the record's ``_case_role``)."""
    field = CaseGroupField(section, supervision.journal)
    field.rows_changed.connect(body.rows_changed)
    body.case_groups.append(field)
    if ROLE_KEY not in body.fields:
        body.fields[ROLE_KEY] = field.role_field
        field.role_field.changed.connect(body.changed)
    else:
        field.role_field.hide()  # one role per record, asked once
        field.role_label.hide()
    return field
