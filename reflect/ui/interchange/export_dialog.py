"""File > Export…: every entry not in the trash to one Markdown file or to JSON Lines.

The writing is the domain's (``export_markdown``, ``export_jsonl``: atomic and owner-only, so
a failure or a lock leaves no file), run on a worker thread. The file is not encrypted: the
dialog says so before, and the result says it again about the very file, in the CLI's words.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLineEdit,
    QMessageBox,
    QProgressBar,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from reflect.common.errors import ReflectError
from reflect.journal import interchange
from reflect.journal.interchange import counted, not_encrypted_warning
from reflect.journal.journal import Journal
from reflect.ui.safety.choosers import FileChooser, ask_for_export_file
from reflect.ui.widgets.contrast import readable_radios
from reflect.ui.widgets.feedback import ErrorNotice, hint_label, plain_label
from reflect.ui.widgets.file_row import file_row, target_problem
from reflect.ui.widgets.messages import Failure
from reflect.ui.workers import Job, JobCancelled, run_job

EXPORT_JOB = "the export"
MARKDOWN, JSONL = ".md", ".jsonl"
BEFORE_WARNING = ("The file will not be encrypted: anyone who has it can read every entry in "
                  "it. Keep it somewhere private and delete it when you no longer need it.")


def default_path(suffix: str, today: date | None = None) -> Path:
    return Path.home() / f"reflect-export-{(today or date.today()).isoformat()}{suffix}"


class ExportDialog(QDialog):
    """Choose a format and a file (typed, or with Choose…), then Export.

    ``choose_file(parent, start)`` is the file chooser; ``exported`` is ``(path, count)``
    after a successful export and ``result_message`` the box that said so.
    """

    def __init__(self, journal: Journal, parent: QWidget | None = None,
                 choose_file: FileChooser = ask_for_export_file) -> None:
        super().__init__(parent)
        self.journal = journal
        self.choose_file = choose_file
        self.busy = False
        self.exported: tuple[Path, int] | None = None
        self.result_message: QMessageBox | None = None
        self.setWindowTitle("Export entries")
        self.setMinimumWidth(540)

        self.markdown_button = QRadioButton("&Markdown: one file to read or print, newest first")
        self.jsonl_button = QRadioButton("&JSON Lines: every field, to import again")
        self.markdown_button.setChecked(True)
        readable_radios(self)  # the style's own rings fade into a dark palette
        self.markdown_button.toggled.connect(self._format_changed)
        self.path_edit = QLineEdit(str(default_path(MARKDOWN)))
        self.path_edit.setAccessibleName("File to export to")
        self.path_edit.textEdited.connect(self._path_edited)
        row, self.choose_button = file_row(self.path_edit, self.choose)

        self.warning = plain_label(BEFORE_WARNING)
        self.warning.setAccessibleName("Not encrypted")
        font = self.warning.font()
        font.setBold(True)
        self.warning.setFont(font)
        self.error = ErrorNotice()
        self.progress = QProgressBar()
        self.progress.setRange(0, 0)
        self.progress.setAccessibleName("Exporting")
        self.progress.hide()
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.export_button = self.buttons.addButton("&Export",
                                                    QDialogButtonBox.ButtonRole.AcceptRole)
        self.buttons.accepted.connect(self.start_export)
        self.buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addWidget(hint_label("Every entry not in the trash goes into one file."))
        layout.addWidget(self.markdown_button)
        layout.addWidget(self.jsonl_button)
        layout.addLayout(row)
        layout.addWidget(self.warning)
        layout.addWidget(self.error)
        layout.addWidget(self.progress)
        layout.addWidget(self.buttons)
        self.export_button.setDefault(True)  # once in the dialog: Enter exports
        self.markdown_button.setFocus()

    @property
    def suffix(self) -> str:
        return MARKDOWN if self.markdown_button.isChecked() else JSONL

    @property
    def path(self) -> Path | None:
        text = self.path_edit.text().strip()
        return Path(text).expanduser() if text else None

    def _path_edited(self, _text: str) -> None:
        self.error.clear()

    def _format_changed(self) -> None:
        """The file name follows the format while it still ends in the other one's suffix."""
        path = self.path
        other = JSONL if self.suffix == MARKDOWN else MARKDOWN
        if path is not None and path.suffix == other:
            self.path_edit.setText(str(path.with_suffix(self.suffix)))

    def choose(self) -> None:
        chosen = self.choose_file(self, self.path or default_path(self.suffix))
        if chosen is not None:
            self.path_edit.setText(str(chosen))
            self.error.clear()

    def problem(self, path: Path | None) -> str:
        """Why ``path`` cannot be written to, before any work starts; empty when it can."""
        return target_problem(path)

    def start_export(self) -> None:
        path, journal = self.path, self.journal
        if self.busy:
            return
        problem = self.problem(path)
        if problem or path is None:
            self.error.show_failure(Failure("Nothing was exported.", problem))
            return
        if path.exists() and not self._replace_ok(path):
            return
        markdown = self.suffix == MARKDOWN
        self.busy = True
        self.error.clear()
        self.export_button.setEnabled(False)
        self.progress.show()

        def work(job: Job) -> int:
            write = interchange.export_markdown if markdown else interchange.export_jsonl
            try:
                return write(journal, path)
            except OSError as exc:
                raise interchange.export_failure(path, exc) from None

        run_job(work, name=EXPORT_JOB, cancellable=True, owner=self,
                on_success=lambda count: self._exported(path, count),
                on_failure=self._failed)

    def _replace_ok(self, path: Path) -> bool:
        answer = QMessageBox.question(
            self, "Replace the file?", f"{path} already exists. Replace it with this export?",
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No)
        return answer == QMessageBox.StandardButton.Yes

    def _exported(self, path: Path, count: int) -> None:
        self.busy = False
        self.exported = (path, count)
        box = QMessageBox(self.parentWidget())
        box.setIcon(QMessageBox.Icon.Warning)
        box.setWindowTitle("Exported")
        box.setTextFormat(Qt.TextFormat.PlainText)
        box.setText(f"Exported {counted(count, 'entry')} to:\n{path}\n\n"
                    f"{not_encrypted_warning(path)}")
        self.result_message = box
        self.accept()  # the dialog goes; the box says what was written where
        box.open()

    def _failed(self, exc: BaseException) -> None:
        self.busy = False
        self.progress.hide()
        self.export_button.setEnabled(True)
        if isinstance(exc, ReflectError | JobCancelled):
            detail = str(exc)
        else:
            detail = f"Something unexpected went wrong ({type(exc).__name__})."
        self.error.show_failure(Failure("Nothing was exported.", detail))
