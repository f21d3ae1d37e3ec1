"""Returned forms taken in, off the UI thread, and what happened to each file.

The same :func:`reflect.feedback.imports.import_forms` as ``reflect feedback import``, and
the same words: per file "Imported — Autumn 360, peer, 5 ratings" or "Skipped — " and the
reason, then a summary line. A printed, flattened or scanned form cannot be read: its row
offers "Type in these answers…", which opens the rating form for others (``type_in``).
The Profile page refreshes by itself: the shell follows the journal's writes.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path

from PySide6.QtCore import QObject, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFrame,
    QGridLayout,
    QProgressBar,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from reflect.feedback.form_read import NO_FIELDS
from reflect.feedback.imports import FileOutcome, ImportReport, import_forms
from reflect.journal.journal import Journal
from reflect.ui.widgets.card import heading
from reflect.ui.widgets.feedback import ErrorNotice, plain_label
from reflect.ui.widgets.messages import Failure
from reflect.ui.workers import run_job

IMPORT_JOB = "the import of returned forms"
TYPE_IN = "Type in these answers…"


def outcome_text(outcome: FileOutcome) -> str:
    """"Imported — Autumn 360, peer, 5 ratings" or "Skipped — reason", the reason without the
    file's name, which the row already shows (as ``reflect feedback import`` says it)."""
    return f"{'Imported' if outcome.imported else 'Skipped'} — {outcome.what()}"


def summary_text(report: ImportReport) -> str:
    total = len(report.outcomes)
    files = f"{len(report.imported)} of {total} file{'s' if total != 1 else ''}"
    skipped = len(report.skipped)
    if skipped:
        return (f"Imported {files}; {skipped} skipped, for the "
                f"reason{'s' if skipped != 1 else ''} below.")
    return f"Imported {files}."


class _Relay(QObject):
    progressed = Signal(int, int)


class ImportReportDialog(QDialog):
    """Starts the import on show of the dialog; ``report`` holds it once done."""

    finished_import = Signal(object)  # the ImportReport

    def __init__(self, journal: Journal, paths: Sequence[Path], parent: QWidget | None = None,
                 *, type_in: Callable[[], object] | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Returned forms")
        self.setAccessibleName("Returned forms")
        self.journal = journal
        self.paths = [Path(p) for p in paths]
        self.type_in = type_in
        self.report: ImportReport | None = None
        self.type_in_buttons: list[QPushButton] = []
        count = len(self.paths)
        self.summary = heading(f"Importing {count} file{'s' if count != 1 else ''}…",
                               scale=1.1)
        self.summary.setAccessibleName("Import summary")
        self.progress = QProgressBar()
        self.progress.setAccessibleName("Files imported")
        self.progress.setRange(0, max(1, count))
        self.progress.setValue(0)
        self.rows = QWidget()
        self.grid = QGridLayout(self.rows)
        self.grid.setContentsMargins(0, 0, 6, 0)
        self.grid.setHorizontalSpacing(12)
        self.grid.setVerticalSpacing(8)
        self.grid.setColumnStretch(1, 1)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        scroll.setWidget(self.rows)
        self.error = ErrorNotice()
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.close_button = self.buttons.button(QDialogButtonBox.StandardButton.Close)
        self.close_button.setDefault(True)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(18, 16, 18, 14)
        layout.setSpacing(10)
        layout.addWidget(self.summary)
        layout.addWidget(self.progress)
        layout.addWidget(scroll, 1)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)
        self._relay = _Relay(self)
        self._relay.progressed.connect(self._show_progress, Qt.ConnectionType.QueuedConnection)
        width = self.fontMetrics().horizontalAdvance("M") * 56
        self.resize(width, self.fontMetrics().lineSpacing() * 10)

    def start(self) -> None:
        """Import every file on a worker thread; the rows appear when it is done."""
        journal, paths, relay = self.journal, list(self.paths), self._relay

        def work(_job) -> ImportReport:
            return import_forms(journal, paths,
                                progress=lambda done, total: relay.progressed.emit(done, total))

        run_job(work, name=IMPORT_JOB, owner=self, on_success=self.show_report,
                on_failure=self._failed)

    def _show_progress(self, done: int, total: int) -> None:
        self.progress.setRange(0, max(1, total))
        self.progress.setValue(done)

    def show_report(self, report: ImportReport) -> None:
        self.report = report
        self.progress.hide()
        self.summary.setText(summary_text(report))
        for row, outcome in enumerate(report.outcomes):
            name = plain_label(outcome.path.name, wrap=False)
            font = name.font()
            font.setBold(True)
            name.setFont(font)
            name.setToolTip(str(outcome.path))
            text = plain_label(outcome_text(outcome), selectable=True)
            text.setAccessibleName(f"{outcome.path.name}: outcome")
            self.grid.addWidget(name, 2 * row, 0, 1, 2)
            self.grid.addWidget(text, 2 * row + 1, 1)
            if outcome.refusal == NO_FIELDS and self.type_in is not None:
                button = QPushButton(TYPE_IN)
                button.setAutoDefault(False)
                button.setToolTip("The rating form for someone else's ratings: type this "
                                  "rater's answers in from the printout")
                button.clicked.connect(self._type_in)
                self.grid.addWidget(button, 2 * row + 1, 2, Qt.AlignmentFlag.AlignTop)
                self.type_in_buttons.append(button)
        self.grid.setRowStretch(2 * len(report.outcomes), 1)
        QTimer.singleShot(0, self, self._fit_rows)  # once the new rows are laid out
        self.finished_import.emit(report)

    def _fit_rows(self) -> None:
        """Tall enough for every row, up to most of the window: the list scrolls beyond."""
        parent = self.parentWidget()
        limit = round((parent.window().height() if parent is not None else 800) * 0.85)
        needed = max(self.grid.sizeHint().height(),
                     self.grid.totalHeightForWidth(self.width() - 60))
        chrome = 4 * self.fontMetrics().lineSpacing() + 36
        self.resize(self.width(), max(self.height(), min(limit, needed + chrome)))

    def row_texts(self) -> list[str]:
        """Each file's line as shown (for tests and screen readers)."""
        if self.report is None:
            return []
        return [f"{o.path.name}: {outcome_text(o)}" for o in self.report.outcomes]

    def _type_in(self) -> None:
        if self.type_in is not None:
            self.accept()
            self.type_in()

    def _failed(self, exc: BaseException) -> None:
        self.progress.hide()
        self.summary.setText("The forms were not imported.")
        self.error.show_failure(Failure("The import stopped.", f"{type(exc).__name__}: {exc}"))


def import_pdfs(parent: QWidget, journal: Journal, paths: Sequence[Path], *,
                type_in: Callable[[], object] | None = None) -> ImportReportDialog:
    """Show the report dialog over ``parent`` and start the import."""
    dialog = ImportReportDialog(journal, paths, parent, type_in=type_in)
    dialog.finished.connect(dialog.deleteLater)
    dialog.open()
    dialog.start()
    return dialog
