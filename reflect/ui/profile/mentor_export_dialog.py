"""The mentor pack export: the leader chooses the period and exactly what goes in, sees the
planned contents before saving, and saves a PDF (AES-256 encrypted if they give a password).

What goes in is opt-in, as :mod:`reflect.profile.mentor_pack` decides: entries shared with the
mentor start ticked; sensitive entries and supervision records start unticked and say why. The plan
(:func:`reflect.profile.mentor_pack.plan`) is redrawn as ticks change, so there are no surprises in
the file. Export is slow (layout, encryption), so it runs on a worker thread; its progress comes
back through a Qt signal and the file is written atomically by :func:`mentor_pack.export`.
"""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

from PySide6.QtCore import QObject, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QFrame,
    QGroupBox,
    QHBoxLayout,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QProgressBar,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from reflect.coaching import coach as coach_domain
from reflect.common.dates import uk_date
from reflect.common.settings import Settings
from reflect.journal.journal import Journal
from reflect.pdf.secure import ALGORITHM
from reflect.profile import mentor_pack, mentor_recent
from reflect.profile import ratings as profile_domain
from reflect.profile.mentor_pack import Candidate, ExportResult, PackOptions
from reflect.supervision.record_titles import distinct_titles
from reflect.ui.profile.mentor_printer import MentorPackPrinter
from reflect.ui.widgets.dates import DateBox, date_or_none, uk_date_edit
from reflect.ui.widgets.feedback import ErrorNotice, hint_label, plain_label, plain_tooltip
from reflect.ui.widgets.flow_layout import FlowLayout
from reflect.ui.widgets.messages import Failure
from reflect.ui.workers import Job, JobCancelled, run_job

EXPORT_JOB = "the mentor pack export"

ENTRY_ROLE = Qt.ItemDataRole.UserRole
PLAN_DELAY_MS = 120
DEFAULT_PERIOD_DAYS = 365


class ProgressRelay(QObject):
    """Emitted from the worker, delivered (queued) on the UI thread."""

    progressed = Signal(int, int, str)


def candidate_text(candidate: Candidate, title: str | None = None) -> str:
    """``title``: the record's distinct title (two sessions with Sam differ)."""
    title = title or candidate.title or "(untitled)"
    caution = f"  ⚠ {candidate.caution}" if candidate.caution else ""
    return f"{uk_date(candidate.happened_on, short=True)} · {title}{caution}"


def _day(edit: DateBox) -> date:
    value = edit.date()
    return date(value.year(), value.month(), value.day())


def export_failure(exc: BaseException) -> Failure:
    if isinstance(exc, OSError):
        where = f" ({exc.filename})" if exc.filename else ""
        return Failure("The mentor pack could not be saved.", f"{exc.strerror or exc}{where}.")
    return Failure("The mentor pack could not be saved.", str(exc) or type(exc).__name__)


#: Said before and after saving a PDF without a password: the file is plaintext on disk.
NOT_ENCRYPTED_PLAN = "Not encrypted: anyone who can read the file can read it (set a password)"
NOT_ENCRYPTED_SAVED = ("It is not encrypted: anyone who can read the file can read the mentor "
                       "pack.")


class MentorExportDialog(QDialog):
    """See the module docstring. ``finished_export`` carries the ExportResult."""

    finished_export = Signal(object)

    def __init__(self, journal: Journal, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Export a mentor pack")
        self.setAccessibleName("Export a mentor pack")
        self.journal = journal
        self.export_result: ExportResult | None = None
        self.busy = False
        self.job: Job | None = None  # the running export; a lock cancels it
        today = date.today()
        self.from_edit = uk_date_edit("Period from", today - timedelta(days=DEFAULT_PERIOD_DAYS))
        self.to_edit = uk_date_edit("Period to", today)
        self.title_edit = QLineEdit(mentor_pack.DEFAULT_TITLE)
        self.title_edit.setAccessibleName("Title")
        self.name_edit = QLineEdit(profile_domain.leader_name(journal))
        self.name_edit.setAccessibleName("Your name")
        self.name_edit.setPlaceholderText("Optional: shown on the cover")
        self.role_edit = QLineEdit(mentor_recent.leader_role(journal))
        self.role_edit.setAccessibleName("Your role")
        self.role_edit.setPlaceholderText("Optional: your role and context, for the brief")
        self.coach_edit = QLineEdit(coach_domain.coach_name(journal))
        self.coach_edit.setAccessibleName("Coach or mentor")
        self.coach_edit.setPlaceholderText("Optional: a name or a role")
        # The session the pack is for: the latest coaching preparation's, else empty.
        self.session_edit = DateBox("Session date", empty_text="Not set")
        self.session_edit.set_value(mentor_recent.latest_session_on(journal))
        period = QHBoxLayout()
        period.addWidget(self.from_edit)
        period.addWidget(plain_label("to", wrap=False))
        period.addWidget(self.to_edit)
        period.addStretch(1)
        form = QFormLayout()
        form.addRow("Period", period)
        form.addRow("Title", self.title_edit)
        form.addRow("Your name", self.name_edit)
        form.addRow("Your role", self.role_edit)
        form.addRow("Coach or mentor", self.coach_edit)
        session = QHBoxLayout()  # as narrow as the period's dates
        session.addWidget(self.session_edit)
        session.addStretch(1)
        self.session_edit.setMaximumWidth(self.from_edit.sizeHint().width())
        form.addRow("Session date", session)

        self.include_profile = QCheckBox("Leadership profile: radar and scores table")
        self.include_notes = QCheckBox("Your notes on the attributes")
        self.include_actions = QCheckBox("Open development actions")
        self.include_plan = QCheckBox("The development plan")
        parts = FlowLayout(spacing=18)
        for box in (self.include_profile, self.include_notes, self.include_actions,
                    self.include_plan):
            box.setChecked(True)
            parts.addWidget(box)
        self.include_climate = QCheckBox("Team climate: now, ideal and the gaps")  # if chosen
        parts.addWidget(self.include_climate)
        parts_box = QGroupBox("What goes in")
        parts_box.setLayout(parts)

        self.entry_list = QListWidget()
        self.entry_list.setWordWrap(True)  # a long title or caution wraps, never scrolls
        self.entry_list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.entry_list.setMinimumHeight(self.entry_list.fontMetrics().lineSpacing() * 7)
        self.entry_list.setAccessibleName("Reflections to include")
        self.entry_count = hint_label()
        shared_button = QPushButton("Tick shared only")
        shared_button.clicked.connect(self.tick_defaults)
        none_button = QPushButton("Untick all")
        none_button.clicked.connect(lambda: self._tick_all(False))
        entry_buttons = QHBoxLayout()
        entry_buttons.addWidget(self.entry_count, 1)
        entry_buttons.addWidget(shared_button)
        entry_buttons.addWidget(none_button)
        entries = QVBoxLayout()
        entries.addWidget(hint_label("Entries you marked “share with mentor” are ticked. "
                                     "Sensitive entries and supervision records go in only "
                                     "if you tick them."))
        entries.addWidget(self.entry_list, 1)
        entries.addLayout(entry_buttons)
        entries_box = QGroupBox("Reflections")
        entries_box.setLayout(entries)

        self.password_edit = QLineEdit()
        self.repeat_edit = QLineEdit()
        for edit, name in ((self.password_edit, "PDF password"),
                           (self.repeat_edit, "PDF password again")):
            edit.setEchoMode(QLineEdit.EchoMode.Password)
            edit.setAccessibleName(name)
            edit.setPlaceholderText("Optional")
        self.password_note = hint_label(
            f"With a password the PDF is encrypted with {ALGORITHM}; without it the file "
            "cannot be opened. Leave both empty for an unprotected PDF.")
        password_form = QFormLayout()
        both = QHBoxLayout()
        both.addWidget(self.password_edit)
        both.addWidget(plain_label("again", wrap=False))
        both.addWidget(self.repeat_edit)
        password_form.addRow("Password", both)
        password_form.addRow(self.password_note)
        password_box = QGroupBox("Password (optional)")
        password_box.setLayout(password_form)

        self.plan_list = QListWidget()
        self.plan_list.setAccessibleName("Planned contents")
        self.plan_list.setWordWrap(True)
        self.plan_list.setSpacing(2)
        self.plan_list.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.progress = QProgressBar()
        self.progress.setAccessibleName("Export progress")
        self.progress.hide()
        self.status = plain_label(selectable=True)
        self.status.setAccessibleName("Export status")
        self.error = ErrorNotice()
        #: Entries the last export left out because they could not be laid out.
        self.warnings = plain_label(selectable=True)
        self.warnings.setAccessibleName("Export warnings")
        self.warnings.hide()
        plan_column = QVBoxLayout()
        plan_column.addWidget(plain_label("The PDF will contain:"))
        plan_column.addWidget(self.plan_list, 1)
        plan_column.addWidget(self.progress)
        plan_column.addWidget(self.status)
        plan_column.addWidget(self.warnings)
        plan_column.addWidget(self.error)

        settings = QWidget()  # scrolls rather than squeezes the list in a small window
        left = QVBoxLayout(settings)
        left.setContentsMargins(0, 0, 4, 0)
        left.addLayout(form)
        left.addWidget(parts_box)
        left.addWidget(entries_box, 1)
        left.addWidget(password_box)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        scroll.setWidget(settings)
        columns = QHBoxLayout()
        columns.setSpacing(16)
        columns.addWidget(scroll, 3)
        columns.addLayout(plan_column, 2)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.save_button = buttons.addButton("Save PDF…", QDialogButtonBox.ButtonRole.ActionRole)
        self.save_button.clicked.connect(self.choose_path_and_export)
        buttons.rejected.connect(self.reject)
        self.pack_printer = MentorPackPrinter(self, self)
        buttons.addButton(self.pack_printer.button, QDialogButtonBox.ButtonRole.ActionRole)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(18, 16, 18, 14)
        layout.addLayout(columns, 1)
        layout.addWidget(buttons)
        self.save_button.setDefault(True)  # only once in the dialog: Qt keeps it as default

        self._plan_timer = QTimer(self)
        self._plan_timer.setSingleShot(True)
        self._plan_timer.setInterval(PLAN_DELAY_MS)
        self._plan_timer.timeout.connect(self.refresh_plan)
        for period_edit in (self.from_edit, self.to_edit):
            period_edit.dateChanged.connect(self.load_candidates)
        for line in (self.title_edit, self.name_edit, self.role_edit, self.coach_edit,
                     self.password_edit, self.repeat_edit):
            line.textChanged.connect(self._schedule_plan)
        self.session_edit.dateChanged.connect(self._schedule_plan)
        for box in (self.include_profile, self.include_notes, self.include_actions,
                    self.include_plan, self.include_climate):
            box.toggled.connect(self._schedule_plan)
        self.entry_list.itemChanged.connect(self._schedule_plan)
        self.relay = ProgressRelay()  # no parent: it must outlive a closed dialog's worker
        self.relay.progressed.connect(self._progressed)
        self.load_candidates()
        if parent is not None:
            window = parent.window().size()
            self.resize(min(1000, round(window.width() * 0.95)),
                        min(720, round(window.height() * 0.95)))

    # -- choosing --------------------------------------------------------------------------
    def load_candidates(self) -> None:
        """List the period's entries; keep ticks the leader already changed."""
        ticked = set(self.ticked_ids())
        seen = {self.entry_list.item(i).data(ENTRY_ROLE) for i in range(self.entry_list.count())}
        self.entry_list.blockSignals(True)
        self.entry_list.clear()
        self.candidates = mentor_pack.candidates(self.journal, *self.period())
        titles = distinct_titles(self.journal, ((c.entry_id, c.title) for c in self.candidates))
        for candidate in self.candidates:
            item = QListWidgetItem(candidate_text(candidate, titles.get(candidate.entry_id)))
            item.setData(ENTRY_ROLE, candidate.entry_id)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            on = (candidate.entry_id in ticked if candidate.entry_id in seen
                  else candidate.pre_ticked)
            item.setCheckState(Qt.CheckState.Checked if on else Qt.CheckState.Unchecked)
            item.setToolTip(plain_tooltip(candidate.caution or ""))
            self.entry_list.addItem(item)
        self.entry_list.blockSignals(False)
        self.refresh_plan()

    def period(self) -> tuple[date | None, date | None]:
        return _day(self.from_edit), _day(self.to_edit)

    def ticked_ids(self) -> list[int]:
        return [self.entry_list.item(i).data(ENTRY_ROLE) for i in range(self.entry_list.count())
                if self.entry_list.item(i).checkState() == Qt.CheckState.Checked]

    def set_ticked(self, entry_id: int, on: bool) -> None:
        for i in range(self.entry_list.count()):
            item = self.entry_list.item(i)
            if item.data(ENTRY_ROLE) == entry_id:
                item.setCheckState(Qt.CheckState.Checked if on else Qt.CheckState.Unchecked)

    def tick_defaults(self) -> None:
        for candidate in self.candidates:
            self.set_ticked(candidate.entry_id, candidate.pre_ticked)

    def _tick_all(self, on: bool) -> None:
        for candidate in self.candidates:
            self.set_ticked(candidate.entry_id, on)

    def options(self) -> PackOptions:
        date_from, date_to = self.period()
        return PackOptions(
            date_from=date_from, date_to=date_to, leader_name=" ".join(self.name_edit.text()
                                                                        .split()),
            title=self.title_edit.text().strip() or mentor_pack.DEFAULT_TITLE,
            include_profile=self.include_profile.isChecked(),
            include_notes=self.include_notes.isChecked(),
            include_actions=self.include_actions.isChecked(),
            include_plan=self.include_plan.isChecked(),
            include_climate=self.include_climate.isChecked(),
            coach=" ".join(self.coach_edit.text().split()),
            role=" ".join(self.role_edit.text().split()),
            session_on=date_or_none(self.session_edit),
            entry_ids=tuple(self.ticked_ids()))

    def password(self) -> str | None:
        return self.password_edit.text() or None

    def problem(self) -> str:
        """Why saving cannot start now ('' if it can)."""
        date_from, date_to = self.period()
        if date_from and date_to and date_from > date_to:
            return "The period ends before it starts."
        if self.password_edit.text() != self.repeat_edit.text():
            return "The two passwords are not the same."
        return ""

    # -- the plan ------------------------------------------------------------------------------
    def _schedule_plan(self, *_args) -> None:
        self._plan_timer.start()

    def refresh_plan(self) -> None:
        """Redraw what the PDF will contain from the current choices."""
        self._plan_timer.stop()
        if self.journal is None or not self.journal.is_open:
            return
        count = len(self.ticked_ids())
        self.entry_count.setText(f"{count} of {len(self.candidates)} ticked")
        self.plan_list.clear()
        for line in mentor_pack.plan(self.journal, self.options()).lines():
            self.plan_list.addItem(QListWidgetItem(line))
        self.plan_list.addItem(QListWidgetItem(
            f"Encrypted with {ALGORITHM}" if self.password() else NOT_ENCRYPTED_PLAN))
        problem = self.problem()
        self.status.setText(problem)
        self.save_button.setEnabled(not problem and not self.busy)

    def plan_lines(self) -> list[str]:
        return [self.plan_list.item(i).text() for i in range(self.plan_list.count())]

    # -- saving --------------------------------------------------------------------------------
    @staticmethod
    def start_path() -> Path:
        """Today's file name in the folder the last pack went to (home if it is gone)."""
        folder = Path(Settings.load().mentor_pack_folder or Path.home())
        if not folder.is_dir():
            folder = Path.home()
        return folder / f"mentor-pack-{date.today().isoformat()}.pdf"

    def choose_path_and_export(self) -> None:
        start = self.start_path()
        path, _filter = QFileDialog.getSaveFileName(self, "Save the mentor pack", str(start),
                                                    "PDF documents (*.pdf)")
        if path:
            self.export_to(Path(path) if path.lower().endswith(".pdf") else Path(path + ".pdf"))

    def export_to(self, path: Path) -> bool:
        """Start the export to ``path`` on a worker thread; False if it cannot start."""
        self.refresh_plan()
        problem = self.problem()
        if problem or self.busy:
            return False
        options, password, journal = self.options(), self.password(), self.journal
        if options.leader_name != profile_domain.leader_name(journal):
            profile_domain.set_leader_name(journal, options.leader_name)
        if options.coach != coach_domain.coach_name(journal):  # as for the leader's name
            coach_domain.set_coach_name(journal, options.coach)
        if options.role != mentor_recent.leader_role(journal):
            mentor_recent.set_leader_role(journal, options.role)
        Settings.remember(mentor_pack_folder=str(Path(path).parent.absolute()))
        relay = self.relay
        self.busy = True
        self.export_result = None
        self.error.clear()
        self.warnings.clear()
        self.warnings.hide()
        self.save_button.setEnabled(False)
        self.progress.setRange(0, 0)
        self.progress.show()
        self.status.setText("Collecting what goes in…")
        def export(job: Job) -> ExportResult:
            def step(done: int, total: int, message: str) -> None:
                relay.progressed.emit(done, total, message)
                job.safe_point()  # a lock stops the layout here, before any byte is written

            return mentor_pack.export(journal, options, path, password=password, progress=step)

        self.job = run_job(export, name=EXPORT_JOB, cancellable=True,
                           on_success=self._exported, on_failure=self._failed, owner=self)
        return True

    def _progressed(self, done: int, total: int, message: str) -> None:
        if self.busy:
            self.progress.setRange(0, max(total, 1))
            self.progress.setValue(done)
            self.status.setText(f"{message}…")

    def _exported(self, result: ExportResult) -> None:
        self.busy = False
        self.export_result = result
        self.progress.hide()
        self.save_button.setEnabled(True)
        pages = f"{result.pages} page{'s' if result.pages != 1 else ''}"
        if result.encrypted:
            self.status.setText(f"Saved {pages}, encrypted with {ALGORITHM}, to {result.path}")
        else:  # as the CLI warns for every plaintext export
            self.status.setText(f"Saved {pages} to {result.path}. {NOT_ENCRYPTED_SAVED}")
        if result.warnings:
            self.warnings.setText("\n".join(f"Warning: {w}" for w in result.warnings))
            self.warnings.show()
        self.finished_export.emit(result)

    def _failed(self, exc: BaseException) -> None:
        self.busy = False
        self.progress.hide()
        self.save_button.setEnabled(True)
        self.status.clear()
        if isinstance(exc, JobCancelled):
            self.error.show_failure(Failure("The mentor pack was not saved.", str(exc)))
        else:
            self.error.show_failure(export_failure(exc))
        self.finished_export.emit(None)
