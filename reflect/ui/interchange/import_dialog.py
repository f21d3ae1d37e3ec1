"""File > Import…: choose a file, see what would happen, then import it with progress.

The preview and the import are the domain's (``reflect.journal.interchange``), the same code
as ``reflect import --dry-run`` and ``reflect import``: how many entries would go in, and
every line that would be skipped with its number and reason. What was previewed is what is
imported. Reading, previewing and writing run on a worker thread; the import is one
transaction, so a failure, or a lock part-way, leaves the journal as it was.
"""

from __future__ import annotations

import unicodedata
from pathlib import Path

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLineEdit,
    QPlainTextEdit,
    QProgressBar,
    QVBoxLayout,
    QWidget,
)

from reflect.common.errors import ReflectError
from reflect.journal import interchange
from reflect.journal.interchange import ImportReport, ParseResult, counted
from reflect.journal.journal import Journal
from reflect.ui.safety.choosers import FileChooser, ask_for_import_file
from reflect.ui.widgets.feedback import hint_label, plain_label
from reflect.ui.widgets.file_row import file_row
from reflect.ui.workers import Job, JobCancelled, run_job

IMPORT_JOB = "the import"
PREVIEW_JOB = "the import preview"
MAX_LISTED = 500  # skipped lines listed one by one; the rest are counted


def visible(text: str) -> str:
    """A reason may quote the file: show its control and direction characters as escapes,
    so a line cannot hide or reorder the text around it."""
    return "".join(f"\\u{ord(ch):04x}" if unicodedata.category(ch) in ("Cc", "Cf", "Cs")
                   else ch for ch in text)


def read_failure(path: Path, exc: OSError) -> str:
    if isinstance(exc, IsADirectoryError):
        return f"{path} is a folder; choose a JSON Lines or jrnl JSON file."
    return (f"{path} could not be read ({exc.strerror or exc}); nothing was imported. Choose "
            "another file.")


def preview_words(path: Path, report: ImportReport) -> str:
    """The preview's one sentence: how many entries would go in, and how many lines not."""
    skipped = counted(len(report.skipped), report.unit)
    if report.imported == 0:
        if not report.skipped:
            return f"{path} is empty; there is nothing to import."
        return (f"Nothing in {path} can be imported: all {skipped} would be skipped, for the "
                "reasons below.")
    would = f"{counted(report.imported, 'entry')} would be imported from {path}."
    if not report.skipped:
        return would
    return f"{would} {skipped[:1].upper()}{skipped[1:]} would be skipped, for the reasons below."


def done_words(path: Path, report: ImportReport) -> str:
    done = f"Imported {counted(report.imported, 'entry')} from {path}."
    if report.skipped:
        done += f" Skipped {counted(len(report.skipped), report.unit)} (listed below)."
    return done


class _Relay(QObject):
    """Carries progress from the importing thread to the bar (a queued connection)."""

    progressed = Signal(int, int)


class ImportDialog(QDialog):
    """Preview first (Enter in the file box, or Preview); Import only once previewed.

    ``choose_file(parent, start)`` is the file chooser (see ``reflect.ui.safety.choosers``).
    ``imported`` is the last report after an import, for the caller and tests.
    """

    def __init__(self, journal: Journal, parent: QWidget | None = None,
                 choose_file: FileChooser = ask_for_import_file) -> None:
        super().__init__(parent)
        self.journal = journal
        self.choose_file = choose_file
        self.parsed: ParseResult | None = None
        self.previewed: Path | None = None
        self.imported: ImportReport | None = None
        self.busy = False
        self._would_import = 0
        self.setWindowTitle("Import entries")
        self.setMinimumWidth(640)

        intro = hint_label("JSON Lines (one entry a line, as Reflect exports) or jrnl's JSON "
                           "export. Lines that are broken, or already in the journal, are "
                           "skipped and listed here before anything is written.")
        self.path_edit = QLineEdit()
        self.path_edit.setAccessibleName("File to import")
        self.path_edit.setPlaceholderText("Type or choose a file")
        self.path_edit.textEdited.connect(self._path_changed)
        row, self.choose_button = file_row(self.path_edit, self.choose)

        self.summary = plain_label(selectable=True)
        self.summary.setAccessibleName("What the import would do")
        self.skipped_list = QPlainTextEdit()
        self.skipped_list.setReadOnly(True)
        self.skipped_list.setAccessibleName("Lines that would be skipped")
        self.skipped_list.setLineWrapMode(QPlainTextEdit.LineWrapMode.WidgetWidth)
        self.skipped_list.setMinimumHeight(self.fontMetrics().lineSpacing() * 7)
        self.skipped_list.hide()
        self.progress = QProgressBar()
        self.progress.setAccessibleName("Import progress")
        self.progress.hide()

        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.preview_button = self.buttons.addButton("&Preview",
                                                     QDialogButtonBox.ButtonRole.ActionRole)
        self.import_button = self.buttons.addButton("&Import",
                                                    QDialogButtonBox.ButtonRole.AcceptRole)
        self.preview_button.clicked.connect(self.preview)
        self.buttons.accepted.connect(self.start_import)
        self.buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(row)
        layout.addWidget(self.summary)
        layout.addWidget(self.skipped_list, 1)
        layout.addWidget(self.progress)
        layout.addWidget(self.buttons)
        self._relay = _Relay(self)
        self._relay.progressed.connect(self._show_progress, Qt.ConnectionType.QueuedConnection)
        self._refresh_buttons()
        self.path_edit.setFocus()

    # -- state ---------------------------------------------------------------------------------
    @property
    def path(self) -> Path | None:
        text = self.path_edit.text().strip()
        return Path(text).expanduser() if text else None

    def _path_changed(self, _text: str = "") -> None:
        """A new path makes the preview stale: nothing is imported unseen."""
        self.parsed = None
        self.previewed = None
        self.summary.clear()
        self.skipped_list.clear()
        self.skipped_list.hide()
        self._refresh_buttons()

    def _refresh_buttons(self) -> None:
        ready = self.parsed is not None and self.previewed == self.path and not self.busy
        can_import = ready and self._would_import > 0 and self.imported is None
        self.import_button.setEnabled(can_import)
        self.import_button.setText(f"&Import {counted(self._would_import, 'entry')}"
                                   if can_import else "&Import")
        self.preview_button.setEnabled(self.path is not None and not self.busy
                                       and self.imported is None)
        self.path_edit.setReadOnly(self.busy or self.imported is not None)
        self.choose_button.setEnabled(not self.busy and self.imported is None)
        # Enter previews a new file, then imports what was previewed.
        (self.import_button if can_import else self.preview_button).setDefault(True)
        (self.preview_button if can_import else self.import_button).setDefault(False)

    # -- choosing and previewing ---------------------------------------------------------------
    def choose(self) -> None:
        chosen = self.choose_file(self, self.path)
        if chosen is not None:
            self.path_edit.setText(str(chosen))
            self._path_changed()
            self.preview()

    def preview(self) -> None:
        path, journal = self.path, self.journal
        if path is None or self.busy:
            return
        self._path_changed()
        self.busy = True
        self._refresh_buttons()
        self.summary.setText(f"Reading {path}…")

        def work(_job: Job) -> tuple[ParseResult, ImportReport]:
            parsed = interchange.read_file(path)
            if not parsed.entries:  # nothing to look up: the journal is not read
                return parsed, ImportReport(0, parsed.skipped, parsed.format, parsed.unit)
            return parsed, interchange.preview_parsed(journal, parsed)

        run_job(work, name=PREVIEW_JOB, cancellable=True, owner=self,
                on_success=lambda result: self._previewed(path, *result),
                on_failure=lambda exc: self._preview_failed(path, exc))

    def _previewed(self, path: Path, parsed: ParseResult, report: ImportReport) -> None:
        self.busy = False
        if path != self.path:  # typed over while it was read: that one needs its own look
            self._refresh_buttons()
            return
        self.parsed, self.previewed = parsed, path
        self._would_import = report.imported
        self.summary.setText(preview_words(path, report))
        self._list_skipped(report)
        self._refresh_buttons()

    def _list_skipped(self, report: ImportReport) -> None:
        problems = report.problems()
        shown = problems[:MAX_LISTED]
        if len(problems) > len(shown):
            shown.append(f"… and {counted(len(problems) - len(shown), report.unit)} more")
        self.skipped_list.setPlainText("\n".join(visible(line) for line in shown))
        self.skipped_list.setVisible(bool(shown))

    def _preview_failed(self, path: Path, exc: BaseException) -> None:
        self.busy = False
        if isinstance(exc, OSError):
            self.summary.setText(read_failure(path, exc))
        else:
            self.summary.setText(_failure_words(exc, "nothing was imported"))
        self._refresh_buttons()

    def skipped_lines(self) -> list[str]:
        text = self.skipped_list.toPlainText()
        return text.splitlines() if text else []

    # -- importing -----------------------------------------------------------------------------
    def start_import(self) -> None:
        parsed, path, journal = self.parsed, self.previewed, self.journal
        if parsed is None or path is None or path != self.path or self.busy:
            return
        self.busy = True
        self._refresh_buttons()
        self.progress.setRange(0, max(1, self._would_import))
        self.progress.setValue(0)
        self.progress.show()
        self.summary.setText(f"Importing {counted(self._would_import, 'entry')}…")
        relay = self._relay

        def work(job: Job) -> ImportReport:
            def step(done: int, total: int) -> None:
                relay.progressed.emit(done, total)
                job.safe_point()  # a lock stops it here; the transaction rolls back

            return interchange.import_parsed(journal, parsed, progress=step)

        run_job(work, name=IMPORT_JOB, cancellable=True, owner=self,
                on_success=lambda report: self._imported(path, report),
                on_failure=self._import_failed)

    def _show_progress(self, done: int, total: int) -> None:
        if self.busy:
            self.progress.setRange(0, max(1, total))
            self.progress.setValue(done)

    def _imported(self, path: Path, report: ImportReport) -> None:
        self.busy = False
        self.imported = report
        self.progress.setValue(self.progress.maximum())
        self.summary.setText(done_words(path, report))
        self._list_skipped(report)
        close = self.buttons.button(QDialogButtonBox.StandardButton.Cancel)
        close.setText("Close")
        self._refresh_buttons()
        self.import_button.hide()  # done: what is left is to read the outcome and close
        self.preview_button.hide()
        close.setDefault(True)
        close.setFocus()

    def _import_failed(self, exc: BaseException) -> None:
        self.busy = False
        self.progress.hide()
        self.summary.setText(_failure_words(exc, "nothing was imported"))
        self._refresh_buttons()


def _failure_words(exc: BaseException, outcome: str) -> str:
    """Reflect's own errors are sentences for the person; anything else is named briefly."""
    if isinstance(exc, ReflectError):
        return str(exc)
    if isinstance(exc, JobCancelled):
        return f"{exc} Nothing was written."
    return f"Something unexpected went wrong ({type(exc).__name__}); {outcome}."
