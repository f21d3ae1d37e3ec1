""""Audit…" on the Supervision page: the supervision self-audit over a chosen period (the last
twelve months to start with), the team's row and one per supervisee, and "Save PDF…" for a
service manager or an inspector.

The figures come from :func:`reflect.supervision.audit.audit` (a quick read), recounted as the
dates change; the PDF is laid out and written off the UI thread. The file chooser is a
parameter, so tests hand in their own.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from reflect.common.dates import uk_period
from reflect.common.errors import ReflectError
from reflect.journal.journal import Journal
from reflect.supervision.audit import (
    MEASURES,
    SOURCE,
    Audit,
    AuditError,
    AuditRow,
    audit,
    default_period,
)
from reflect.supervision.audit_pdf import export_audit_pdf
from reflect.ui.widgets.date_box import DateBox
from reflect.ui.widgets.feedback import BusyIndicator, ErrorNotice, hint_label, plain_label
from reflect.ui.widgets.messages import Failure
from reflect.ui.workers import run_in_thread

#: (parent, suggested path) -> the chosen path, or None when cancelled.
Chooser = Callable[[QWidget, Path], Path | None]
#: The headings, short enough for a table; the full label and meaning are in the tooltip.
SHORT = {"on_schedule": "On schedule", "challenge": "Challenge recorded",
         "owner_and_date": "Owner and date", "followed_up": "Followed up",
         "on_file": "On the child's file", "disagreements_resolved": "Disagreements resolved"}


def ask_where_to_save(parent: QWidget, start: Path) -> Path | None:
    path, _ = QFileDialog.getSaveFileName(parent, "Save the supervision audit", str(start),
                                          "PDF (*.pdf)")
    return Path(path) if path else None


def _failure(exc: BaseException) -> Failure:
    if isinstance(exc, OSError):
        where = f" ({exc.filename})" if exc.filename else ""
        return Failure("The audit was not saved.",
                       f"{exc.strerror or exc}{where}: choose another folder.")
    reason = str(exc) if isinstance(exc, ReflectError | ValueError) else (
        f"Something unexpected went wrong ({type(exc).__name__}).")
    return Failure("The audit was not saved.", reason)


class AuditDialog(QDialog):
    """See the module docstring. ``found`` is the audit on show, ``last_saved`` the PDF."""

    def __init__(self, journal: Journal, parent: QWidget | None = None, *,
                 choose: Chooser = ask_where_to_save, today: date | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Supervision audit")
        self.setAccessibleName("Supervision audit")
        self.journal = journal
        self.choose = choose
        self.found: Audit | None = None
        self.last_saved: Path | None = None
        start, end = default_period(today or date.today())
        self.from_edit = DateBox("Period from", day=start)
        self.to_edit = DateBox("Period to", day=end)
        self.table = QTableWidget(0, 2 + len(MEASURES))
        self.table.setAccessibleName("Audit figures")
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.verticalHeader().setVisible(False)
        self.table.setWordWrap(True)
        self._set_heads()
        self.status = plain_label("")
        self.error = ErrorNotice()
        self.busy = BusyIndicator()
        buttons = QDialogButtonBox()
        self.save_button = QPushButton("Save PDF…")
        self.save_button.setAccessibleName("Save PDF")
        self.save_button.setDefault(True)
        buttons.addButton(self.save_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.close_button = buttons.addButton(QDialogButtonBox.StandardButton.Close)
        self.close_button.setAutoDefault(False)
        period = QHBoxLayout()
        period.addWidget(plain_label("Period", wrap=False))
        period.addWidget(self.from_edit)
        period.addWidget(plain_label("to", wrap=False))
        period.addWidget(self.to_edit)
        period.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addLayout(period)
        layout.addWidget(self.status)
        layout.addWidget(self.table, 1)
        layout.addWidget(hint_label(
            "Each figure counts what there was to count; hover a heading for what it counts. "
            f"Source: {SOURCE}."))
        layout.addWidget(self.error)
        layout.addWidget(self.busy)
        layout.addWidget(buttons)
        self.from_edit.dateChanged.connect(lambda _d: self.recount())
        self.to_edit.dateChanged.connect(lambda _d: self.recount())
        self.save_button.clicked.connect(self.choose_and_save)
        buttons.rejected.connect(self.reject)
        self.resize(980, 420)
        self.recount()

    def _set_heads(self) -> None:
        heads = ["Supervisee", "Sessions", *(SHORT[m.key] for m in MEASURES)]
        self.table.setHorizontalHeaderLabels(heads)
        for column, m in enumerate(MEASURES, start=2):
            item = self.table.horizontalHeaderItem(column)
            if item is not None:
                item.setToolTip(f"{m.label}: {m.meaning}")
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)

    def period(self) -> tuple[date | None, date | None]:
        return self.from_edit.value(), self.to_edit.value()

    def recount(self) -> None:
        """The audit of the period in the date boxes, or why it cannot be counted."""
        start, end = self.period()
        self.error.clear()
        if start is None or end is None:
            return
        try:
            self.found = audit(self.journal, start, end)
        except AuditError as exc:
            self.found = None
            self.table.setRowCount(0)
            self.save_button.setEnabled(False)
            self.error.show_failure(Failure("The audit cannot be counted.", str(exc)))
            return
        self.save_button.setEnabled(True)
        people = len(self.found.rows)
        self.status.setText(f"{uk_period(start, end)}: {people} supervisee"
                            f"{'s' if people != 1 else ''} with a session, or one due.")
        self._fill(self.found)

    def _fill(self, found: Audit) -> None:
        rows = [found.team, *found.rows]
        self.table.setRowCount(len(rows))
        bold = QFont(self.table.font())
        bold.setBold(True)
        for r, row in enumerate(rows):
            cells = [self._who(row), row.sessions_line,
                     *(row.measure(m.key).text for m in MEASURES)]
            for c, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setTextAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
                if row.person_id is None:
                    item.setFont(bold)
                self.table.setItem(r, c, item)
        self.table.resizeRowsToContents()

    @staticmethod
    def _who(row: AuditRow) -> str:
        return "Team" if row.person_id is None else row.code_name

    def cell(self, row: int, column: int) -> str:
        item = self.table.item(row, column)
        return item.text() if item is not None else ""

    # -- the PDF -------------------------------------------------------------------------------
    def start_path(self) -> Path:
        found = self.found
        name = (f"supervision-audit-{found.date_from.isoformat()}-to-"
                f"{found.date_to.isoformat()}.pdf" if found else "supervision-audit.pdf")
        return Path.home() / name

    def choose_and_save(self) -> None:
        if self.found is None:
            return
        path = self.choose(self, self.start_path())
        if path is not None:
            self.save_to(path)

    def save_to(self, path: Path) -> bool:
        """Lay out and write the PDF off the UI thread; ``last_saved`` is set when done."""
        found = self.found
        if found is None:
            return False
        self.error.clear()
        self.busy.start("Writing the PDF…")
        self.save_button.setEnabled(False)
        run_in_thread(lambda: export_audit_pdf(found, Path(path)), on_success=self._saved,
                      on_failure=self._failed, owner=self)
        return True

    def _saved(self, path: Path) -> None:
        self.busy.stop()
        self.save_button.setEnabled(True)
        self.last_saved = Path(path)
        self.status.setText(f"Saved to {Path(path).name}. It is not encrypted: it holds "
                            "figures about staff, so keep it as you keep their records.")

    def _failed(self, exc: BaseException) -> None:
        self.busy.stop()
        self.save_button.setEnabled(True)
        self.error.show_failure(_failure(exc))
