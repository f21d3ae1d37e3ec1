"""A supervision record being written: the form built from its template, its encrypted
draft, saving, and "Export record…" (Markdown or PDF, see
:mod:`reflect.ui.supervision.record_exporter`).

Nothing typed may be lost: as in the journal editor, the form is written to an encrypted
draft 1.5 s after typing stops, before a lock and when the window closes. Drafts are keyed
``supervision:entry:<id>`` for a saved record and ``supervision:new:<uid>`` for a new one
(the uid becomes the record's). A refused save (a required section empty) keeps everything
on screen and in the draft, with the reason in plain text. Ctrl+S saves.

Earlier actions done or dropped in a new record are held with it (and in its draft) and
saved with it; leaving such a record for another asks first (:mod:`.leave_ask`).
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import date, datetime
from itertools import pairwise
from typing import Any

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from reflect.common.errors import ReflectError
from reflect.common.ids import saved_id
from reflect.content.templates import Template
from reflect.journal.drafts import (
    DraftKeeper,
    DraftKind,
    DraftStep,
    DraftUnreadable,
)
from reflect.store.models import Entry
from reflect.supervision.cases import case_actions, split_actions
from reflect.supervision.follow_ups import to_review
from reflect.supervision.record_state import (
    actions_to_save,
    draft_key,
    fallback_template,
    fill_entry,
    has_content,
    iso,
    new_record_entry,
    reason,
)
from reflect.supervision.records import Supervision, SupervisionError
from reflect.ui.supervision import mediation_offer
from reflect.ui.supervision.action_editor import action_state
from reflect.ui.supervision.leave_ask import LeaveQuestion
from reflect.ui.supervision.record_body import RecordBody
from reflect.ui.supervision.record_draft_open import open_found_draft
from reflect.ui.supervision.record_exporter import RecordExporter
from reflect.ui.supervision.record_fields import SuperviseeField
from reflect.ui.supervision.record_printer import RecordPrinter
from reflect.ui.supervision.supervisee_export import SuperviseeExport
from reflect.ui.widgets.dates import date_edit, to_qdate
from reflect.ui.widgets.feedback import BusyIndicator, ErrorNotice, hint_label, plain_tooltip
from reflect.ui.widgets.messages import Failure
from reflect.ui.widgets.reveal import reveal_widget

log = logging.getLogger(__name__)

AUTOSAVE_MS = 1500


class RecordForm(QWidget):
    """One record. ``saved(entry_id)``, ``back_requested``, ``actions_changed`` (an earlier
    action was closed or reopened from the review panel)."""

    saved = Signal(int)
    back_requested = Signal()
    actions_changed = Signal()

    def __init__(self, supervision: Supervision, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName("Supervision record")
        self.supervision = supervision
        self.journal = supervision.journal
        self.entry_id: int | None = None
        self.uid = ""
        self.template: Template | None = None
        self.person_id: int | None = None
        self.body: RecordBody | None = None
        self.drafts = DraftKeeper(self.journal, DraftKind.SUPERVISION)
        self._loading = False
        self.back_button = QPushButton("← Records")
        self.back_button.setAccessibleName("Back to the records")
        self.title_edit = QLineEdit()
        self.title_edit.setAccessibleName("Record title")
        font = self.title_edit.font()
        font.setPointSizeF(font.pointSizeF() * 1.25)
        font.setBold(True)
        self.title_edit.setFont(font)
        self.date_edit = date_edit("Date of the session")
        self.about = hint_label()
        self.error = ErrorNotice()
        self.leave_question = LeaveQuestion()
        self._then: Callable[[], object] | None = None  # where leaving was going
        self.busy = BusyIndicator()
        policy = self.busy.sizePolicy()
        policy.setRetainSizeWhenHidden(False)  # no empty band above the buttons
        self.busy.setSizePolicy(policy)
        self.scroll_area = QScrollArea()
        self.scroll_area.setWidgetResizable(True)
        self.scroll_area.setFrameShape(QFrame.Shape.NoFrame)
        # A bar only below the content's minimum width (200 % scaling): scroll, not clip.
        self.scroll_area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAsNeeded)
        self.scroll_area.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # a stop that does nothing
        self.status_label = hint_label()
        self.status_label.setAccessibleName("Save status")
        self.status_label.setWordWrap(False)
        self.exporter = RecordExporter(self, parent=self)
        self.export_button = self.exporter.button
        self.supervisee_export = SuperviseeExport(self, parent=self)
        self.supervisee_export.add_to(self.export_button.menu())
        self.record_printer = RecordPrinter(self, self.exporter.include_sensitive.isChecked, self)
        self.print_button = self.record_printer.button
        self.save_button = QPushButton("Save")
        self.save_button.setAccessibleName("Save record")
        self.save_button.setToolTip("Save this record (Ctrl+S)")
        self._lay_out()
        self._autosave = QTimer(self, singleShot=True, interval=AUTOSAVE_MS)
        self._autosave.timeout.connect(self.flush_draft)
        self.title_edit.textChanged.connect(self._on_change)
        self.date_edit.dateChanged.connect(self._on_change)
        self.back_button.clicked.connect(self.back_requested)
        self.save_button.clicked.connect(self.save)
        self.leave_question.save_chosen.connect(self._save_and_go)
        self.leave_question.discard_chosen.connect(self._discard_and_go)
        self.leave_question.stay_chosen.connect(self._stay)
        save = QShortcut(QKeySequence.StandardKey.Save, self)
        save.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        save.activated.connect(self.save)

    def _lay_out(self) -> None:
        top = QHBoxLayout()
        top.setSpacing(8)
        top.addWidget(self.back_button)
        top.addWidget(self.title_edit, 1)
        top.addWidget(self.date_edit)
        footer = QHBoxLayout()
        footer.setSpacing(8)
        footer.addWidget(self.status_label, 1)
        footer.addWidget(self.export_button)
        footer.addWidget(self.print_button)
        footer.addWidget(self.save_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(8)
        layout.addLayout(top)
        layout.addWidget(self.about)
        layout.addWidget(self.error)
        layout.addWidget(self.leave_question)
        layout.addWidget(self.scroll_area, 1)
        layout.addWidget(self.busy)
        layout.addLayout(footer)

    def reveal(self, field: str, offset: int = 0) -> bool:
        """Scroll to and focus a section (its id) or the title, the cursor ``offset``
        characters in: where a search hit matched."""
        widget = self.title_edit if field == "title" else (
            self.body.field_widget(field) if self.body is not None else None)
        return False if widget is None else reveal_widget(widget, offset, self.scroll_area)

    # -- loading -----------------------------------------------------------------------------
    def start_new(self, person_id: int | None, template_id: str,
                  happened_on: date | None = None) -> bool:
        """A new record for ``person_id`` from ``template_id``; nothing is written yet."""
        try:
            start = self.supervision.start_record(person_id, template_id, happened_on)
        except SupervisionError as exc:
            self.error.show_failure(Failure("The record could not be started.", str(exc)))
            return False
        entry = start.entry
        state: dict[str, Any] = {
            "title": entry.title, "happened_on": entry.happened_on.isoformat(),
            "person_id": person_id, "sections": dict(entry.sections), "actions": []}
        offered = mediation_offer.prefill(self.supervision, start, state)  # to take up
        self._load(start.template, None, entry.uid, state, start.to_review, None)
        mediation_offer.show_offered(self.body, offered)
        return True

    def open_record(self, entry_id: int) -> bool:
        """Show a saved record, with its draft's newer words if it has one."""
        try:
            record = self.supervision.record(entry_id)
            drafts = self.journal.drafts()
            entry = record.entry
            review = to_review(self.supervision, entry)  # with those decided in it
        except (ReflectError, ValueError) as exc:
            self.error.show_failure(Failure("The record could not be opened.", reason(exc)))
            return False
        if entry.deleted_at is not None:
            return False
        state = {"title": entry.title, "happened_on": entry.happened_on.isoformat(),
                 "person_id": entry.person_id, "sections": dict(entry.sections or {}),
                 "actions": [action_state(a) for a in record.actions]}
        template = record.template or fallback_template(entry)
        state = split_actions(state, template)  # each case's actions into its block
        self._load(template, entry.id, entry.uid, state, review,
                   drafts.get(draft_key(entry.id, entry.uid)))
        return True

    def open_draft(self, key: str, payload: dict) -> bool:
        """Bring back a draft found after unlocking (see :func:`open_found_draft`)."""
        return open_found_draft(self, key, payload)

    def _load(self, template: Template, entry_id: int | None, uid: str, state: dict,
              review: list, draft: dict | None) -> None:
        self._autosave.stop()
        self._loading = True
        self.leave_question.hide()
        self._then = None
        self.entry_id, self.uid, self.template = entry_id, uid, template
        self.person_id = state["person_id"]
        people = self.supervision.supervisees(include_inactive=False)
        if self.person_id is not None and all(p.id != self.person_id for p in people):
            people.append(self.supervision.supervisee(self.person_id))
        self.body = RecordBody(self.supervision, template, people)
        self.scroll_area.setWidget(self.body)  # deletes the old body
        self.body.changed.connect(self._on_change)
        if self.body.action_editor is not None:
            self.body.action_editor.record_date = date.fromisoformat(state["happened_on"])
            self.body.action_editor.rows_changed.connect(self.chain_tabs)
        self.body.rows_changed.connect(self.chain_tabs)
        for group in self.body.case_groups:
            group.date_of = self._day
        self.body.review.carry_requested.connect(self._carry)
        self.body.review.uncarry_requested.connect(self._uncarry)
        self.body.review.closed.connect(self.actions_changed)
        self.body.review.decided.connect(self._on_change)
        self.body.review.record_id = entry_id
        self.body.disagreements.load(self.person_id, entry_id)
        self.body.disagreements.decided.connect(self._on_change)
        name = next((p.code_name for p in people if p.id == self.person_id), "")
        for key, field in self.body.fields.items():  # today's code name, even if renamed
            if isinstance(field, SuperviseeField) and name:
                state["sections"][key] = name
        self.set_form_state(state)
        carried = {a["carried_from_id"]: iso(a["due_on"]) for a in state["actions"]
                   if a["carried_from_id"]}
        self.body.review.set_actions(review if self.body.action_editor else [], carried)
        self.back_button.setText(f"← {name}" if name else "← Records")
        self.about.setText(f"{template.name} · Ctrl+S saves; until then your words are kept "
                           "as an encrypted draft")
        self.error.clear()
        self.drafts.begin(self.form_state())
        try:
            stored = self.drafts.read(draft)
        except DraftUnreadable as exc:
            stored = None
            self.error.show_failure(Failure("An unsaved draft could not be opened.",
                                            f"{exc} It is kept as it was."))
        if stored is not None:
            self.set_form_state(stored.state)
            self.drafts.restored(self.form_state())
        self._loading = False
        self.chain_tabs()
        self.scroll_area.verticalScrollBar().setValue(0)
        self.show_status()

    def chain_tabs(self) -> None:
        """Tab in reading order, from Back through every section to Save. Widgets made
        later (the body, each new action row) would otherwise join the window's focus chain
        at its end, after the sidebar, so Tab from an action would leave the record."""
        stops = [self.back_button, self.title_edit, self.date_edit,
                 *self.leave_question.focus_widgets(),
                 *(self.body.focus_widgets() if self.body else []),
                 self.export_button, self.print_button, self.save_button]
        for before, after in pairwise(stops):
            QWidget.setTabOrder(before, after)

    def focus_first_field(self) -> None:
        target = self.body.first_focus() if self.body else None
        (target or self.title_edit).setFocus()

    # -- state -------------------------------------------------------------------------------
    def form_state(self) -> dict[str, Any]:
        """What is on screen, as a draft stores it."""
        body = self.body
        sections = body.sections_state() if body else {}
        supervisee = body.supervisee_field() if body else None
        person_id = supervisee.person_id() if supervisee else self.person_id
        editor = body.action_editor if body else None
        return {"title": self.title_edit.text(), "happened_on": self._day().isoformat(),
                "person_id": person_id, "sections": sections,
                "actions": editor.action_states() if editor else [],
                "follow_ups": body.review.follow_ups() if body else [],
                "resolutions": body.disagreements.state() if body else []}

    def _day(self) -> date:
        day = self.date_edit.date()
        return date(day.year(), day.month(), day.day())

    def set_form_state(self, state: dict[str, Any]) -> None:
        """Fill the form; values of the wrong type are left alone (a draft from another
        version must never crash the form)."""
        if isinstance(state.get("title"), str):
            self.title_edit.setText(state["title"])
            self.title_edit.setCursorPosition(0)
        if (day := iso(state.get("happened_on"))) is not None:
            self.date_edit.setDate(to_qdate(day))
        if self.body is None:
            return
        if isinstance(state.get("sections"), dict):
            self.body.set_sections_state(state["sections"])
        actions = state.get("actions")
        if self.body.action_editor is not None and isinstance(actions, list):
            self.body.action_editor.set_actions([a for a in actions if isinstance(a, dict)])
        if isinstance(state.get("follow_ups"), list):
            self.body.review.set_follow_ups(state["follow_ups"])
        if isinstance(state.get("resolutions"), list):
            self.body.disagreements.set_state(state["resolutions"])

    @property
    def is_dirty(self) -> bool:
        return self.drafts.is_dirty(self.form_state())

    @property
    def has_content(self) -> bool:
        return has_content(self.form_state(), self.template)

    def _on_change(self, *_args: object) -> None:
        if not self._loading:
            self._autosave.start()
            self.show_status()

    def show_status(self, text: str | None = None) -> None:
        if text is None:
            text = ("New record" if self.entry_id is None and not self.is_dirty else
                    "Saved" if not self.is_dirty else
                    "Draft kept, not saved yet" if self.drafts.kept(self.form_state()) else
                    "Not saved yet")
        kept = self.drafts.kept(self.form_state())
        detail = f"{text}; kept as an encrypted draft, safe if Reflect closes" if kept else text
        self.status_label.setText(text)
        self.status_label.setToolTip(plain_tooltip(detail))
        self.status_label.setAccessibleDescription(detail)

    def status_text(self) -> str:
        return self.status_label.text()

    @property
    def draft_key(self) -> str:
        return draft_key(self.entry_id, self.uid)

    # -- review ------------------------------------------------------------------------------
    def _carry(self, row: Any, due: date | None) -> None:
        editor = self.body.action_editor if self.body else None
        if editor is not None:
            editor.add_row(action_state(self.supervision.carried_copy(row, due)), focus=False)

    def _uncarry(self, action_id: int) -> None:
        if self.body is not None and self.body.action_editor is not None:
            self.body.action_editor.remove_carried(action_id)

    # -- drafts ------------------------------------------------------------------------------
    def flush_draft(self) -> bool:
        """Write the form to the encrypted draft store now, if it changed."""
        self._autosave.stop()
        if self.template is None:
            return True
        state = self.form_state()
        try:
            step = self.drafts.flush(self.draft_key, state, entry_id=self.entry_id,
                                     uid=self.uid, template_id=self.template.id,
                                     person_id=state["person_id"])
        except Exception as exc:
            log.warning("a record draft could not be kept: %s", type(exc).__name__)
            self.error.show_failure(Failure("Your draft could not be kept.",
                                            reason(exc) + " Your words are still here."))
            return False
        if step is not DraftStep.NOTHING:
            self.show_status()
        return True

    def _discard(self, key: str) -> None:
        self.drafts.discard(key)

    # -- saving ------------------------------------------------------------------------------
    def save(self) -> bool:
        """Save the record and its actions; on failure everything stays here and in the
        draft, and the reason is shown."""
        self._autosave.stop()
        if self.template is None:
            return True
        if self.entry_id is not None and not self.is_dirty:
            return True
        state = self.form_state()
        try:
            entry = self._entry_for(state)
            held = self.body.review.held() if self.body else []
            record = self.supervision.save_record(
                entry, actions_to_save(state), follow_ups=held, require_complete=True,
                resolutions=self.body.disagreements.held() if self.body else (),
                cases=case_actions(state, self.template, actions_to_save))
        except Exception as exc:
            log.warning("a record could not be saved: %s", type(exc).__name__)
            kept = self.flush_draft()
            detail = reason(exc) + (" Your words are still here and kept as an encrypted "
                                     "draft." if kept else " Your words are still here.")
            self.error.show_failure(Failure("This record was not saved.", detail))
            self.show_status()
            return False
        old_key = self.draft_key
        self._loading = True
        self.entry_id, self.uid = record.entry.id, record.entry.uid
        self.person_id = record.entry.person_id
        shown = split_actions({"sections": record.entry.sections, "actions": [
            action_state(a) for a in record.actions]}, self.template)
        if self.body is not None and self.body.action_editor is not None:
            self.body.action_editor.set_actions(shown["actions"])
        for group in self.body.case_groups if self.body is not None else ():
            group.set_value(shown["sections"].get(group.group.id))
        if self.body is not None:
            self.body.review.written(saved_id(record.entry))
            self.body.disagreements.written(saved_id(record.entry))
        self._loading = False
        self.drafts.saved(old_key, self.draft_key, self.form_state())
        self.error.clear()
        self.show_status(f"Saved at {datetime.now().strftime('%H:%M')}")
        self.saved.emit(record.entry.id)  # a saved record: never None
        return True

    def _entry_for(self, state: dict[str, Any]) -> Entry:
        assert self.template is not None
        entry = (self.supervision.record(self.entry_id).entry if self.entry_id is not None
                 else new_record_entry(self.template, self.uid))
        return fill_entry(entry, state, self.template)

    def leave(self, then: Callable[[], object] | None = None) -> bool:
        """Before another record replaces this one: save what changed. False (and the
        record stays, its words also in the draft) when that save was refused, or when a
        new record holds follow-ups: then the form asks first, and goes on with ``then``
        once the record is saved or discarded."""
        if self.template is None:
            return True
        held = len(self.body.review.held()) + len(self.body.disagreements.held()) \
            if self.body and self.entry_id is None else 0
        if held:
            self._then = then
            self.leave_question.ask(held)
            return False
        if not self.is_dirty or (self.entry_id is None and not self.has_content):
            self.drafts.drop_unneeded(self.draft_key)
            return True
        return self.save()

    def _save_and_go(self) -> None:
        if self.save():
            self._go_on()
        else:
            self.focus_first_field()

    def _discard_and_go(self) -> None:
        """The record and its follow-ups go; nothing was written, so nothing is undone."""
        self._autosave.stop()
        self._discard(self.draft_key)
        if self.body is not None:
            self.body.review.set_follow_ups([])
            self.body.disagreements.set_state([])
        self.template = None  # nothing left to save or keep: leave() now lets it go
        self._go_on()

    def _stay(self) -> None:
        self._then = None
        self.focus_first_field()

    def _go_on(self) -> None:
        then, self._then = self._then, None
        if then is not None:
            then()

    def ready_to_export(self) -> bool:
        """Exports show the saved record: save first when there are changes."""
        return self.template is not None and (
            (self.entry_id is not None and not self.is_dirty) or self.save())
