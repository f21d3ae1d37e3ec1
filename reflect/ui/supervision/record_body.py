"""The body of a record form, built from its template: the review of earlier actions, then
one titled box per section with its guidance and the right widget for its type.

Guidance is shown as hint text under each title (not as a tooltip), because it is what
turns a form into reflective supervision. Sections marked sensitive say so beside their
title; case sections carry the reminder to use initials or case numbers.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QPushButton, QVBoxLayout, QWidget

from reflect.coaching.sessions import is_session_template
from reflect.content.template_groups import GROUP
from reflect.content.templates import CASE_NOTES_HINT, Section, Template
from reflect.store.models import Person
from reflect.supervision.records import Supervision
from reflect.ui.coaching.coach_line import CoachLine
from reflect.ui.supervision import climate_panel
from reflect.ui.supervision.action_editor import ActionEditor
from reflect.ui.supervision.action_review import ActionReview
from reflect.ui.supervision.agreement_panel import AGREEMENT_KEY, AgreementPanel
from reflect.ui.supervision.case_blocks import CaseGroupField, group_field
from reflect.ui.supervision.disagreement_review import DisagreementReview
from reflect.ui.supervision.record_fields import Field, SuperviseeField, TextField, make_field
from reflect.ui.supervision.session_box import SessionBox
from reflect.ui.widgets.feedback import hint_label, plain_label, plain_tooltip
from reflect.ui.widgets.focus_frame import show_focus_frame
from reflect.ui.widgets.spelling import attach_spelling


def _badge(text: str, tooltip: str) -> QWidget:
    label = hint_label(text)
    label.setWordWrap(False)
    label.setToolTip(plain_tooltip(tooltip))
    label.setAccessibleName(text)
    return label


class SectionBox(QFrame):
    """A section: bold title (with Sensitive / Required beside it), guidance, the field."""

    def __init__(self, section: Section, field: QWidget, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.section = section
        self.field = field
        self.setAccessibleName(section.title)
        self.title = plain_label(section.title, wrap=False)  # a wrapped title gets squeezed
        font = self.title.font()
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() * 1.05)
        self.title.setFont(font)
        top = QHBoxLayout()
        top.setSpacing(10)
        top.addWidget(self.title, 0)
        if section.sensitive:
            top.addWidget(_badge("Sensitive", "Personal content: you choose whether "
                                                "exports include it"))
        if section.required:
            top.addWidget(_badge("Required", "Fill this in before saving the record"))
        if section.audience == "supervisor":
            top.addWidget(_badge("Supervisor only", "Your own notes: left out of the "
                                                      "supervisee's copy"))
        top.addStretch(1)
        self.preview_button: QPushButton | None = None
        if isinstance(field, TextField):
            self.preview_button = QPushButton("Preview")
            self.preview_button.setCheckable(True)
            self.preview_button.setFlat(True)
            self.preview_button.setAccessibleName(f"Preview {section.title}")
            self.preview_button.setToolTip("Show the formatted text (click again to edit)")
            self.preview_button.toggled.connect(self._toggle_preview)
            show_focus_frame(self.preview_button)  # a flat button shows no focus by itself
            top.addWidget(self.preview_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 4, 0, 8)
        layout.setSpacing(4)
        layout.addLayout(top)
        if section.guidance:
            layout.addWidget(hint_label(section.guidance))
        if section.case_notes:
            case = hint_label(CASE_NOTES_HINT)
            case.setAccessibleName("Case notes reminder")
            font = case.font()
            font.setItalic(True)
            case.setFont(font)
            layout.addWidget(case)
        layout.addWidget(field)

    def focus_widgets(self) -> list[QWidget]:
        """Preview (a text section's), then the field's own stops."""
        stops: list[QWidget] = [self.preview_button] if self.preview_button else []
        if isinstance(self.field, Field | ActionEditor):
            stops += self.field.focus_widgets()
        return stops

    def _toggle_preview(self, shown: bool) -> None:
        assert isinstance(self.field, TextField) and self.preview_button is not None
        self.field.show_preview(shown)
        self.preview_button.setText("Edit" if shown else "Preview")


class RecordBody(QWidget):
    """Widgets for one template. ``changed`` on any edit; values via :meth:`sections_state`
    (actions excluded: :attr:`action_editor` holds them). ``rows_changed`` when a case
    block or one of its actions comes or goes (the form puts it in the Tab order)."""

    changed = Signal()
    rows_changed = Signal()

    def __init__(self, supervision: Supervision, template: Template, people: list[Person],
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.template = template
        # Lines much longer than this are hard to read back; the form keeps to a column.
        self.setMaximumWidth(self.fontMetrics().horizontalAdvance("M") * 96)
        self.review = ActionReview(supervision, own=template.reviews_own_actions)
        self.fields: dict[str, Field] = {}
        self.boxes: dict[str, SectionBox] = {}
        self.action_editor: ActionEditor | None = None
        self.action_section: Section | None = None
        self.case_groups: list[CaseGroupField] = []  # repeatable groups (case blocks)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 12, 12)  # clear of the scroll bar
        layout.setSpacing(12)
        purpose = " ".join(template.purpose.split())
        if purpose:
            self.purpose = hint_label(purpose)
            self.purpose.setAccessibleName("About this template")
            layout.addWidget(self.purpose)
        #: The latest team climate, at the start of the leader's own supervision.
        self.climate = climate_panel.add_to(layout, supervision.journal, template)
        layout.addWidget(self.review)
        self.disagreements = DisagreementReview(supervision.journal)
        layout.addWidget(self.disagreements)
        #: Held, moved or cancelled: for a record of a session with a supervisee.
        self.session: SessionBox | None = None
        if template.kind == "supervision" and any(s.type == "supervisee"
                                                  for s in template.sections):
            self.session = SessionBox()
            self.session.changed.connect(self.changed)
            layout.addWidget(self.session)
        #: Who the coach or mentor is, for a coaching session's preparation.
        self.coach = CoachLine(supervision.journal) if is_session_template(template) else None
        if self.coach is not None:
            layout.addWidget(self.coach)
        for section in template.sections:
            if section.type == "actions":
                if self.action_section is None:  # set together with action_editor
                    self.action_editor = ActionEditor()
                    self.action_editor.changed.connect(self.changed)
                    self.action_section = section
                    widget: QWidget = self.action_editor
                else:  # one list per record: the first actions section holds them all
                    widget = hint_label(f"Actions are listed under "
                                        f"“{self.action_section.title}”.")
            else:
                field = (group_field(self, section, supervision) if section.type == GROUP
                         else make_field(section, people))
                field.changed.connect(self.changed)
                if isinstance(field, TextField):
                    attach_spelling(field.edit, supervision.journal)
                self.fields[section.id] = field
                widget = field
            box = SectionBox(section, widget)
            self.boxes[section.id] = box
            layout.addWidget(box)
        # Supervision records are agreed by both people (shared, agreed, their comments).
        self.agreement = AgreementPanel() if template.kind == "supervision" else None
        if self.agreement is not None:
            self.agreement.changed.connect(self.changed)
            layout.addWidget(self.agreement)
        layout.addStretch(1)

    def supervisee_field(self) -> SuperviseeField | None:
        return next((f for f in self.fields.values() if isinstance(f, SuperviseeField)), None)

    def sections_state(self) -> dict[str, Any]:
        state = {key: field.value() for key, field in self.fields.items()}
        if self.agreement is not None:
            state[AGREEMENT_KEY] = self.agreement.value()
        if self.session is not None:
            state[self.session.key] = self.session.value()
        return state

    def set_sections_state(self, values: dict[str, Any]) -> None:
        for key, field in self.fields.items():
            field.set_value(values.get(key))
        if self.agreement is not None:
            self.agreement.set_value(values.get(AGREEMENT_KEY))
        if self.session is not None:
            self.session.set_value(values.get(self.session.key))

    def field_widget(self, section_id: str) -> QWidget | None:
        """The widget to focus for ``section_id`` (a text shown as a preview goes back to
        editing), or None if this template has no such section."""
        editor = self.action_editor
        if editor is not None and self.action_section is not None \
                and section_id == self.action_section.id:
            return editor.rows[0].description_edit if editor.rows else editor.add_button
        field = self.fields.get(section_id)
        if field is None:
            return None
        box = self.boxes[section_id]
        if isinstance(field, TextField) and field.previewing and box.preview_button:
            box.preview_button.setChecked(False)
        return field.focus_widget()

    def focus_widgets(self) -> list[QWidget]:
        """Every stop for Tab in reading order: the review, then each section."""
        session = self.session.focus_widgets() if self.session else []
        session += self.coach.focus_widgets() if self.coach is not None else []
        agreement = self.agreement.focus_widgets() if self.agreement is not None else []
        return self.review.focus_widgets() + self.disagreements.focus_widgets() + session + [
            w for box in self.boxes.values() for w in box.focus_widgets()] + agreement

    def first_focus(self) -> QWidget | None:
        """Where typing starts: the first field that is not the supervisee."""
        for field in self.fields.values():
            if not isinstance(field, SuperviseeField):
                return field.focus_widget()
        return self.action_editor
