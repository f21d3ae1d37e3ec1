"""The Supervision page: supervisees on the left; on the right, the chosen supervisee's
records with "New record" (choosing a template), or the record form itself.

Keyboard: arrows move between supervisees, Enter opens the selected record, Ctrl+Shift+N
starts a new record for the selected supervisee, Ctrl+S saves the record. A record's draft
left by a lock or a crash is reopened here after unlocking. "My own records" holds records
with no supervisee (the leader's own supervision, a Gibbs reflection).
"""

from __future__ import annotations

import logging
from datetime import date

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QHBoxLayout,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from reflect.common.ids import saved_id
from reflect.journal.drafts import DraftKind
from reflect.journal.journal import Journal
from reflect.privacy import retention
from reflect.privacy.retention import RetentionError
from reflect.store.models import Person
from reflect.supervision.records import Supervision, SupervisionError
from reflect.ui.supervision.record_form import RecordForm
from reflect.ui.supervision.supervisee_dialog import SuperviseeDialog
from reflect.ui.supervision.supervisee_view import (
    STATUS_ROLE,
    WARN_ROLE,
    PersonDelegate,
    SuperviseeView,
    due_text,
)
from reflect.ui.widgets.card import heading
from reflect.ui.widgets.draft_restore import DraftBar, DraftRestorer
from reflect.ui.widgets.feedback import ErrorNotice, plain_tooltip
from reflect.ui.widgets.messages import Failure
from reflect.ui.window_fit import CurrentPageStack

log = logging.getLogger(__name__)

OWN = -1  # the list item for records without a supervisee
PERSON_ROLE = Qt.ItemDataRole.UserRole


class SupervisionPage(QWidget):
    """Supervisees, their records and the record form over one open journal."""

    #: Other pages react (Home, Actions) when records or actions change here.
    records_changed = Signal()

    def __init__(self, journal: Journal, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName("Supervision")
        self.journal = journal
        self.supervision = Supervision(journal)
        self.dialog: QWidget | None = None  # the supervisee dialog or template editor shown
        self.people: dict[int, Person] = {}
        self.error = ErrorNotice()
        self.add_button = QPushButton("Add supervisee…")
        self.add_button.setAccessibleName("Add supervisee")
        self.templates_button = QPushButton("Templates…")
        self.templates_button.setAccessibleName("Templates")
        self.templates_button.setToolTip("Duplicate a template and edit your copy")
        self.audit_button = QPushButton("Audit…")
        self.audit_button.setAccessibleName("Audit")
        self.audit_button.setToolTip("The supervision self-audit over a period, as a table "
                                     "and a PDF")
        self.people_list = QListWidget()
        self.people_list.setAccessibleName("Supervisees")
        self.people_list.setItemDelegate(PersonDelegate(self.people_list))
        self.show_former = QCheckBox("Show former supervisees")
        self.view = SuperviseeView(self.supervision)
        self.form = RecordForm(self.supervision)
        self.stack = CurrentPageStack()  # asks for the room of the view on show only
        self.stack.addWidget(self.view)
        self.stack.addWidget(self.form)
        self.draft_bar = DraftBar()
        self.drafts = DraftRestorer(journal, DraftKind.SUPERVISION, self.draft_bar,
                                    ready=self.form.leave, open_draft=self._open_draft,
                                    discard=self._discard_restored, parent=self)
        self._lay_out()
        self._connect()
        self.reload()
        #: True when a draft was brought back at unlock (the shell then shows this page).
        self.has_restored_work = self.drafts.restore()

    def hasHeightForWidth(self) -> bool:
        """Not while a record is on show: it scrolls inside itself, and the page's layout would
        ask for the record's whole preferred height, putting a second scroll bar around it."""
        return self.stack.currentWidget() is not self.form and super().hasHeightForWidth()

    def _lay_out(self) -> None:
        header = QHBoxLayout()
        header.setSpacing(8)
        header.addWidget(heading("Supervision", scale=1.3))
        header.addStretch(1)
        header.addWidget(self.audit_button)
        header.addWidget(self.templates_button)
        header.addWidget(self.add_button)
        self.left = left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(self.people_list, 1)
        left_layout.addWidget(self.show_former)
        left.setMinimumWidth(200)
        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.setChildrenCollapsible(False)
        self.splitter.addWidget(left)
        self.splitter.addWidget(self.stack)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setSizes([230, 800])
        layout = QVBoxLayout(self)
        layout.setContentsMargins(20, 14, 12, 8)
        layout.setSpacing(8)
        layout.addLayout(header)
        layout.addWidget(self.error)
        layout.addWidget(self.draft_bar)
        layout.addWidget(self.splitter, 1)

    def _connect(self) -> None:
        self.people_list.currentItemChanged.connect(self._person_chosen)
        self.show_former.toggled.connect(lambda _on: self.reload())
        self.add_button.clicked.connect(lambda: self.edit_supervisee(None))
        self.templates_button.clicked.connect(self.edit_templates)
        self.audit_button.clicked.connect(self.open_audit)
        self.view.new_record_requested.connect(self.new_record)
        self.view.open_record_requested.connect(self.open_record)
        self.view.edit_requested.connect(lambda: self.edit_supervisee(self.current_person()))
        self.view.active_toggled.connect(self._set_active)
        self.view.sessions.logged.connect(
            lambda: self._supervisee_saved(self.current_person_key() or OWN))
        self.form.back_requested.connect(self.show_records)
        self.form.saved.connect(self._after_save)
        self.form.saved.connect(lambda _id: self.drafts.forget())
        self.form.actions_changed.connect(self.records_changed)

    # -- supervisees -------------------------------------------------------------------------
    def reload(self) -> None:
        """Re-read the supervisees (keeping the selection) and the shown person's records."""
        chosen = self.current_person_key()
        try:
            people = self.supervision.supervisees(include_inactive=self.show_former.isChecked())
            last = self.supervision.last_supervised()
            agreed = self.supervision.agreed_next_sessions()
        except Exception as exc:
            self._fail("Supervisees could not be read.", exc)
            return
        self.people = {saved_id(p): p for p in people}
        self.people_list.blockSignals(True)
        self.people_list.clear()
        for person in people:
            status = due_text(person, last.get(saved_id(person)), None,
                              agreed.get(saved_id(person)))
            item = QListWidgetItem(person.code_name)
            item.setData(PERSON_ROLE, person.id)
            item.setData(STATUS_ROLE, status)
            item.setData(WARN_ROLE, status.startswith("Overdue"))
            item.setData(Qt.ItemDataRole.AccessibleTextRole, f"{person.code_name}, {status}")
            item.setToolTip(plain_tooltip(f"{person.role}: {status}" if person.role else status))
            self.people_list.addItem(item)
        own = QListWidgetItem("My own records")
        own.setData(PERSON_ROLE, OWN)
        own.setData(STATUS_ROLE, "Own supervision, reflections")
        self.people_list.addItem(own)
        self.people_list.blockSignals(False)
        self.select_person(chosen if chosen in (*self.people, OWN) else
                           (people[0].id if people else OWN))

    def current_person_key(self) -> int | None:
        item = self.people_list.currentItem()
        return int(item.data(PERSON_ROLE)) if item is not None else None

    def current_person(self) -> Person | None:
        key = self.current_person_key()
        return self.people.get(key) if key not in (None, OWN) else None

    def select_person(self, key: int | None) -> None:
        for row in range(self.people_list.count()):
            if self.people_list.item(row).data(PERSON_ROLE) == key:
                self.people_list.setCurrentRow(row)
                break
        self._person_chosen()

    def _person_chosen(self, *_args: object) -> None:
        key = self.current_person_key()
        self.view.show_person(self.current_person(), own=key == OWN)

    def edit_supervisee(self, person: Person | None) -> SuperviseeDialog:
        dialog = SuperviseeDialog(self.supervision, person, self)
        dialog.saved.connect(self._supervisee_saved)
        dialog.deleted.connect(self._supervisee_deleted)
        dialog.finished.connect(dialog.deleteLater)
        self.dialog = dialog
        dialog.open()
        return dialog

    def _supervisee_saved(self, person_id: int) -> None:
        self.reload()
        self.select_person(person_id)
        self.records_changed.emit()

    def _supervisee_deleted(self, _code_name: str) -> None:
        self.reload()
        self._person_chosen()
        self.records_changed.emit()

    def _set_active(self, active: bool) -> None:
        person = self.current_person()
        if person is None:
            return
        try:
            if active:  # back again: no longer left, nothing due for review
                retention.set_retention(self.supervision.journal, saved_id(person),
                                        left_on=None, legal_hold=person.legal_hold,
                                        hold_note=person.legal_hold_note)
                self.supervision.reactivate(saved_id(person))
            else:  # left today; their notes' review date follows
                retention.mark_left(self.supervision.journal, saved_id(person))
        except (SupervisionError, RetentionError) as exc:
            self._fail("That change was not made.", exc)
            return
        if not active and not self.show_former.isChecked():
            self.show_former.setChecked(True)  # keep them in sight, marked former
        self.reload()
        self.records_changed.emit()

    def edit_templates(self) -> QWidget:
        from reflect.ui.supervision.template_editor import (
            TemplateEditor,  # only built when asked for
        )

        dialog = TemplateEditor(self.supervision, self)
        dialog.templates_changed.connect(self.view.refresh_templates)
        dialog.finished.connect(dialog.deleteLater)
        self.dialog = dialog
        dialog.open()
        return dialog

    def open_audit(self) -> QWidget:
        """The supervision self-audit over a period (the last twelve months to start with)."""
        from reflect.ui.supervision.audit_view import AuditDialog  # only built when asked for

        dialog = AuditDialog(self.journal, self)
        dialog.finished.connect(dialog.deleteLater)
        self.dialog = dialog
        dialog.open()
        return dialog

    # -- records -----------------------------------------------------------------------------
    def new_record(self, template_id: str | None = None) -> bool:
        """Start a record for the selected supervisee (or none, under "My own records")."""
        if not self.form.leave(then=lambda: self.new_record(template_id)):
            self._show_form()
            return False
        self.drafts.forget()
        template_id = template_id or self.view.chosen_template()
        person = self.current_person()
        template = self.supervision.template(template_id)
        # A template without a supervisee section (my own supervision, Gibbs) is the
        # leader's own record, whoever is selected.
        takes_person = template is not None and any(
            s.type == "supervisee" for s in template.sections)
        if not self.form.start_new(person.id if person and takes_person else None,
                                   template_id or "one_to_one", date.today()):
            self._show_form()
            return False
        self._show_form()
        self.form.focus_first_field()
        return True

    def show_supervisee(self, person_id: int) -> bool:
        """Show one supervisee (a former one too, as Home's retention review asks), leaving
        an open record the way Back does."""
        if not self.form.leave(then=lambda: self.show_supervisee(person_id)):
            return False
        self.drafts.forget()
        if not self.show_former.isChecked():
            self.show_former.setChecked(True)
        self.reload()
        self.select_person(int(person_id))
        self._show_view()
        self.view.edit_button.setFocus()
        return self.current_person_key() == int(person_id)

    def is_record(self, entry_id: int) -> bool:
        """True for an entry made from a template: the Shell routes those here."""
        try:
            entry = self.journal.get_entry(int(entry_id))
        except Exception:
            return False
        return entry is not None and entry.template_id is not None

    def open_record(self, entry_id: int) -> bool:
        """Show a saved record in the form (saving the one being left first)."""
        if self.form.entry_id == entry_id and self.stack.currentWidget() is self.form:
            return True
        if not self.form.leave(then=lambda: self.open_record(entry_id)):
            self._show_form()
            return False
        self.drafts.forget()
        if not self.form.open_record(int(entry_id)):
            self._fail("That record is in the trash or no longer exists.", None)
            return False
        self.select_person(self.form.person_id if self.form.person_id is not None else OWN)
        self._show_form()
        return True

    def reveal(self, field: str, offset: int = 0) -> bool:
        """Show where a search hit matched in the open record (see :meth:`RecordForm.reveal`)."""
        return self.stack.currentWidget() is self.form and self.form.reveal(field, offset)

    def show_records(self) -> None:
        """Back from the form to the supervisee's records (saving first)."""
        if not self.form.leave(then=self.show_records):
            return
        self.drafts.forget()
        self._person_chosen()
        self._show_view()
        self.view.records.setFocus()
        self.drafts.open_next()

    def _show_form(self) -> None:
        """A record gets the page's width: the supervisee list steps aside until Back."""
        self.stack.setCurrentWidget(self.form)
        self.left.hide()

    def _show_view(self) -> None:
        self.stack.setCurrentWidget(self.view)
        self.left.show()

    def _after_save(self, _entry_id: int) -> None:
        person_id = self.form.person_id
        self.reload()
        self.select_person(person_id if person_id is not None else OWN)
        self.records_changed.emit()

    def save(self) -> bool:
        return self.form.save() if self.stack.currentWidget() is self.form else True

    def about_to_lock(self) -> None:
        """The journal is about to close: keep what is typed as an encrypted draft."""
        self.form.flush_draft()

    def journal_changed(self) -> None:
        """Written elsewhere: re-read the list now if shown; an open record form is left
        alone (going back to the list re-reads it)."""
        if self.isVisible() and self.stack.currentWidget() is self.view:
            self.reload()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self.stack.currentWidget() is self.view:
            self.reload()

    # -- drafts ------------------------------------------------------------------------------
    def _open_draft(self, key: str, payload: dict) -> bool:
        if not self.form.open_draft(key, payload):
            return False
        self.select_person(self.form.person_id if self.form.person_id is not None else OWN)
        self._show_form()
        return True

    def _discard_restored(self) -> None:
        """Discard on the draft bar: the saved record comes back, or (a record never saved)
        the list of records."""
        form = self.form
        form.drafts.discard(form.draft_key)
        if form.entry_id is not None and form.open_record(form.entry_id):
            form.focus_first_field()
            return
        form.set_form_state(form.drafts.baseline)  # nothing left to keep or save
        self.show_records()

    def _fail(self, headline: str, exc: BaseException | None) -> None:
        detail = "" if exc is None else (str(exc) if isinstance(exc, ValueError) else
                                         type(exc).__name__)
        self.error.show_failure(Failure(headline, detail))


def supervision_page(journal: Journal) -> SupervisionPage:
    """The factory the shell's page list uses."""
    return SupervisionPage(journal)
