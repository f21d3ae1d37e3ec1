"""One supervisee at a glance: role, schedule, days since the last supervision against their
interval, "New record" with a template choice, and their records, newest first.
"""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QRect, QSize, Qt, Signal
from PySide6.QtGui import QPainter, QPalette
from PySide6.QtWidgets import (
    QComboBox,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QPushButton,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from reflect.common.dates import uk_date
from reflect.common.ids import saved_id
from reflect.store.models import Person
from reflect.supervision.record_titles import distinct_titles
from reflect.supervision.records import Supervision
from reflect.supervision.schedules import SCHEDULES, ScheduleError, person_status
from reflect.supervision.sessions import history_note
from reflect.ui.privacy.subject_access_dialog import (
    SubjectAccessDialog,
    ask_for_subject_access_file,
)
from reflect.ui.safety.choosers import FileChooser
from reflect.ui.supervision.session_panel import SessionPanel
from reflect.ui.widgets.card import heading
from reflect.ui.widgets.feedback import error_colour, hint_label, plain_label, plain_tooltip
from reflect.ui.widgets.lists import RoomyDelegate

ENTRY_ID_ROLE = Qt.ItemDataRole.UserRole
#: On supervisee list items: the status line under the name, and whether it is a warning.
STATUS_ROLE = Qt.ItemDataRole.UserRole + 1
WARN_ROLE = Qt.ItemDataRole.UserRole + 2
DEFAULT_TEMPLATE = "one_to_one"


def _days(n: int) -> str:
    return f"{n} day{'s' if n != 1 else ''}"


def due_text(person: Person, last: date | None, today: date | None = None,
             agreed: date | None = None) -> str:
    """One line for lists: "Due in 5 days", "Overdue by 3 days", "Former supervisee".
    ``last``: the last record's date; ``agreed``: the next session that record agreed."""
    if not person.active:
        return "Former supervisee"
    today = today or date.today()
    try:
        status = person_status(person, last, today, agreed)
    except ScheduleError:
        return "Schedule needs a start date"
    if status.due_on is None:
        return "No due date yet"
    if status.overdue:
        return f"Overdue by {_days(status.days_overdue)}"
    left = (status.due_on - today).days
    return "Due today" if left == 0 else f"Due in {_days(left)}"


SHORT_SCHEDULES = {"four-weekly": "four-weekly", "six-weekly": "six-weekly",
                   "nqsw": "newly qualified"}


def interval_text(person: Person, last: date | None, today: date | None = None, *,
                  next_due: bool = True, agreed: date | None = None) -> str:
    """"12 days since the last supervision · every 31 days (monthly) · next due 3 Apr 2026"."""
    today = today or date.today()
    schedule = SHORT_SCHEDULES.get(person.schedule, SCHEDULES.get(person.schedule, "").lower())
    try:
        status = person_status(person, last, today, agreed)
    except ScheduleError as exc:
        return str(exc)
    since = ("No supervision recorded yet" if status.days_since is None else
             "Last supervision today" if status.days_since == 0 else
             f"{_days(status.days_since)} since the last supervision")
    parts = [since, f"every {_days(status.interval)} ({schedule or person.schedule})"]
    if next_due and status.due_on is not None:
        parts.append(f"next due {uk_date(status.due_on, short=True)}")
    return " · ".join(parts)




def former_text(person: Person) -> str:
    """"Former supervisee: left 3 Mar 2020 · notes due for review 3 Mar 2026 · on legal hold
    (the reason)"."""
    parts = [f"left {uk_date(person.left_on, short=True)}"] if person.left_on else []
    if person.retention_review_on:
        parts.append(f"notes due for review {uk_date(person.retention_review_on, short=True)}")
    if person.legal_hold:
        parts.append(f"on legal hold ({person.legal_hold_note})")
    return ("Former supervisee: " + " · ".join(parts) if parts
            else "Former supervisee: kept for their records and actions.")


class PersonDelegate(QStyledItemDelegate):
    """Supervisee list rows: the code name in bold, their status below it, muted (or in the
    warning colour when overdue); colours from the palette, so dark mode reads too."""

    def sizeHint(self, option: QStyleOptionViewItem,
                 index: QModelIndex | QPersistentModelIndex) -> QSize:
        return QSize(option.rect.width(), option.fontMetrics.lineSpacing() * 2 + 14)

    def paint(self, painter: QPainter, option: QStyleOptionViewItem,
              index: QModelIndex | QPersistentModelIndex) -> None:
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        opt.text = ""
        style = opt.widget.style() if opt.widget else None
        if style is not None:
            style.drawControl(QStyle.ControlElement.CE_ItemViewItem, opt, painter, opt.widget)
        selected = bool(opt.state & QStyle.StateFlag.State_Selected)
        palette = opt.palette
        text = palette.color(QPalette.ColorRole.HighlightedText if selected
                             else QPalette.ColorRole.Text)
        muted = text if selected else (
            error_colour(palette) if index.data(WARN_ROLE)
            else palette.color(QPalette.ColorRole.PlaceholderText))
        line = opt.fontMetrics.lineSpacing()
        area = opt.rect.adjusted(10, 6, -8, -6)
        painter.save()
        bold = opt.font
        bold.setBold(True)
        painter.setFont(bold)
        painter.setPen(text)
        painter.drawText(QRect(area.left(), area.top(), area.width(), line),
                         Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
                         painter.fontMetrics().elidedText(str(index.data() or ""),
                                                          Qt.TextElideMode.ElideRight,
                                                          area.width()))
        bold.setBold(False)
        painter.setFont(bold)
        painter.setPen(muted)
        painter.drawText(QRect(area.left(), area.top() + line + 2, area.width(), line),
                         Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
                         painter.fontMetrics().elidedText(str(index.data(STATUS_ROLE) or ""),
                                                          Qt.TextElideMode.ElideRight,
                                                          area.width()))
        painter.restore()


class SuperviseeView(QWidget):
    """The right side of the Supervision page when no record is open."""

    new_record_requested = Signal()
    open_record_requested = Signal(int)
    edit_requested = Signal()
    active_toggled = Signal(bool)

    def __init__(self, supervision: Supervision, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.supervision = supervision
        self.person: Person | None = None
        self.title = heading("", scale=1.2)
        self.role = plain_label()
        self.status = hint_label()
        self.status.setAccessibleName("Supervision interval")
        self.sessions = SessionPanel(supervision)
        self.edit_button = QPushButton("Edit…")
        self.edit_button.setAccessibleName("Edit supervisee")
        self.active_button = QPushButton("Mark as former")
        self.access_button = QPushButton("Export for a subject access request…")
        self.access_button.setAccessibleName("Export for a subject access request")
        self.access_button.setToolTip("Everything held about this supervisee and nothing about "
                                      "anyone else, as a PDF or JSON file (UK GDPR)")
        #: The subject-access dialog's file chooser (a test hands in a path).
        self.choose_access_file: FileChooser = ask_for_subject_access_file
        self.access_dialog: SubjectAccessDialog | None = None
        self.template_combo = QComboBox()
        self.template_combo.setAccessibleName("Template for the new record")
        self.new_button = QPushButton("New record")
        self.new_button.setAccessibleName("New record")
        self.new_button.setToolTip("Start a record from the chosen template (Ctrl+Shift+N)")
        self.template_note = hint_label()
        self.records = QTreeWidget()
        self.records.setAccessibleName("Records")
        self.records.setColumnCount(3)
        self.records.setHeaderLabels(["Date", "Record", "Template"])
        self.records.setRootIsDecorated(False)
        self.records.setUniformRowHeights(True)
        self.records.setItemDelegate(RoomyDelegate(self.records))
        header = self.records.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.ResizeToContents)
        self.empty = hint_label("No records yet. Choose a template and press New record.")
        self._lay_out()
        self.edit_button.clicked.connect(self.edit_requested)
        self.active_button.clicked.connect(
            lambda: self.active_toggled.emit(not (self.person and self.person.active)))
        self.new_button.clicked.connect(self.new_record_requested)
        self.access_button.clicked.connect(self.open_subject_access)
        self.records.itemActivated.connect(self._open)
        self.records.itemDoubleClicked.connect(self._open)
        self.refresh_templates()

    def _lay_out(self) -> None:
        top = QHBoxLayout()
        top.addWidget(self.title, 1)
        top.addWidget(self.edit_button)
        top.addWidget(self.active_button)
        top.addWidget(self.access_button)
        new = QHBoxLayout()
        new.setSpacing(8)
        new.addWidget(self.template_combo, 1)
        new.addWidget(self.new_button)
        box = QFrame()
        box.setFrameShape(QFrame.Shape.StyledPanel)
        box_layout = QVBoxLayout(box)
        box_layout.setContentsMargins(12, 10, 12, 10)
        box_layout.addWidget(hint_label("Start a record"))
        box_layout.addLayout(new)
        box_layout.addWidget(self.template_note)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(14, 0, 0, 0)
        layout.setSpacing(8)
        layout.addLayout(top)
        layout.addWidget(self.role)
        layout.addWidget(self.status)
        layout.addWidget(self.sessions)
        layout.addWidget(box)
        layout.addWidget(self.empty)
        layout.addWidget(self.records, 1)

    def refresh_templates(self) -> None:
        """Re-read the templates (after one was copied or edited); keep the choice."""
        chosen = self.template_combo.currentData() or DEFAULT_TEMPLATE
        loaded = self.supervision.templates(reload=True)
        self.template_combo.clear()
        for template in loaded.templates:
            mark = "" if template.builtin else " (your copy)"
            self.template_combo.addItem(template.name + mark, template.id)
            self.template_combo.setItemData(self.template_combo.count() - 1,  # a user's copy
                                            plain_tooltip(template.purpose),
                                            Qt.ItemDataRole.ToolTipRole)
        self.template_combo.setCurrentIndex(max(0, self.template_combo.findData(chosen)))
        count = len(loaded.errors)
        files = "1 template file was" if count == 1 else f"{count} template files were"
        self.template_note.setText(f"{files} not loaded: Templates… says why.")
        self.template_note.setVisible(bool(count))

    def chosen_template(self) -> str:
        return self.template_combo.currentData() or DEFAULT_TEMPLATE

    def show_person(self, person: Person | None, own: bool = False) -> None:
        """Show ``person`` and their records (``own``: records without a supervisee)."""
        self.person = person
        for widget in (self.edit_button, self.active_button, self.access_button):
            widget.setVisible(person is not None)
        if person is None:
            self.title.setText("My own records" if own else "No supervisee yet")
            self.role.setText("Your own supervision, reflections and coaching preparation."
                              if own else "Add a supervisee to start recording supervision.")
            self.status.setText("")
        else:
            last = self.supervision.last_supervised().get(saved_id(person))
            agreed = self.supervision.agreed_next_sessions().get(saved_id(person))
            self.title.setText(person.code_name)
            self.role.setText(person.role or "No role given")
            self.status.setText(interval_text(person, last, agreed=agreed) if person.active
                                else former_text(person))
            self.active_button.setText("Mark as former" if person.active else "Make active")
            self.active_button.setAccessibleName(self.active_button.text())
        self.sessions.show_person(person)
        self.new_button.setEnabled(own or (person is not None and person.active))
        self._show_records(person.id if person else None, own)

    def _show_records(self, person_id: int | None, own: bool) -> None:
        self.records.clear()
        entries = self.supervision.records_for(person_id) if person_id or own else []
        titles = distinct_titles(self.supervision.journal,
                                 ((saved_id(e), e.title) for e in entries))
        for entry in entries:
            template = self.supervision.template(entry.template_id)
            note = history_note(entry)  # "Cancelled: the reason", "ad hoc, 50 min"
            item = QTreeWidgetItem([uk_date(entry.happened_on, short=True),
                                    f"{titles[saved_id(entry)]} · {note}" if note
                                    else titles[saved_id(entry)],
                                    template.name if template else "Other"])
            item.setData(0, ENTRY_ID_ROLE, entry.id)
            self.records.addTopLevelItem(item)
        self.records.setVisible(bool(entries))
        self.empty.setVisible(not entries)
        first = self.records.topLevelItem(0)
        if first is not None:
            self.records.setCurrentItem(first)

    def open_subject_access(self) -> None:
        """The export for a subject access request of the supervisee shown."""
        if self.person is None:
            return
        self.access_dialog = SubjectAccessDialog(self.supervision, self.person, self,
                                                 choose_file=self.choose_access_file)
        self.access_dialog.open()

    def _open(self, item: QTreeWidgetItem, _column: int = 0) -> None:
        self.open_record_requested.emit(int(item.data(0, ENTRY_ID_ROLE)))
