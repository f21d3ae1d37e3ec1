""""Export for a subject access request…" on a supervisee's view: everything held about that
person and nothing about anyone else, as a PDF (optionally AES-256 with a password) or one
JSON file.

The collecting and writing are the domain's (:mod:`reflect.privacy`), run off the UI thread
with :func:`reflect.ui.workers.run_in_thread`; the file chooser is a parameter so a test
hands in a path. An existing file is refused, never replaced, as on the command line.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLineEdit,
    QMessageBox,
    QProgressBar,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from reflect.common.errors import ReflectError
from reflect.journal.interchange import export_failure
from reflect.pdf.secure import ALGORITHM
from reflect.privacy import subject_access, subject_access_files, subject_access_pdf
from reflect.privacy.subject_access import SubjectAccess
from reflect.store.models import Person
from reflect.supervision.records import Supervision
from reflect.ui.safety.choosers import FileChooser
from reflect.ui.widgets.contrast import readable_radios
from reflect.ui.widgets.feedback import ErrorNotice, hint_label, plain_label
from reflect.ui.widgets.file_row import file_row, target_problem
from reflect.ui.widgets.messages import Failure
from reflect.ui.workers import run_in_thread

PDF, JSON = ".pdf", ".json"
NOT_ENCRYPTED = ("Without a password the file is NOT encrypted: anyone who has it can read "
                 "everything Reflect holds about this supervisee.")
ENCRYPTED = f"The PDF will be encrypted with {ALGORITHM}; send the password separately."


def default_path(code_name: str, suffix: str, today: date | None = None) -> Path:
    safe = "".join(c if c.isalnum() else "-" for c in code_name).strip("-") or "supervisee"
    return Path.home() / f"subject-access-{safe}-{(today or date.today()).isoformat()}{suffix}"


def ask_for_subject_access_file(parent: QWidget, start: Path | None) -> Path | None:
    patterns = ["PDF (*.pdf)", "JSON (*.json)"]
    if start is not None and start.suffix == JSON:
        patterns.reverse()
    chosen, _filter = QFileDialog.getSaveFileName(
        parent, "Save the subject access export to", str(start or Path.home()),
        ";;".join([*patterns, "All files (*)"]),
        options=QFileDialog.Option.DontConfirmOverwrite)  # refused below, never replaced
    return Path(chosen) if chosen else None


class SubjectAccessDialog(QDialog):
    """Format, password, the mentions option and the file; Export writes it. ``written`` is
    the path and ``found`` what went in, after a successful export."""

    def __init__(self, supervision: Supervision, person: Person,
                 parent: QWidget | None = None,
                 choose_file: FileChooser = ask_for_subject_access_file) -> None:
        super().__init__(parent)
        self.supervision, self.person, self.choose_file = supervision, person, choose_file
        self.busy = False
        self.written: Path | None = None
        self.found: SubjectAccess | None = None
        self.result_message: QMessageBox | None = None
        name = person.code_name
        self.setWindowTitle(f"Subject access export: {name}")
        self.setMinimumWidth(560)
        intro = hint_label(f"Everything Reflect holds about {name}: every record with them as "
                           "supervisee (sensitive sections and your own notes included), their "
                           "details, actions, disagreements, cases and comments. Other "
                           "supervisees' code names are taken out.")
        self.pdf_button = QRadioButton("P&DF: a cover saying what it holds, then the records")
        self.json_button = QRadioButton("&JSON: one file in a documented shape, for systems")
        self.pdf_button.setChecked(True)
        readable_radios(self)
        self.pdf_button.toggled.connect(self._format_changed)
        self.mentions_box = QCheckBox(f"Add other entries that mention “{name}”, in a section "
                                      "for me to review before sending")
        self.password_edit, self.repeat_edit = QLineEdit(), QLineEdit()
        for edit, label in ((self.password_edit, "PDF password"),
                            (self.repeat_edit, "PDF password again")):
            edit.setEchoMode(QLineEdit.EchoMode.Password)
            edit.setAccessibleName(label)
            edit.setPlaceholderText("Optional")
            edit.textChanged.connect(self._update_warning)
        both = QHBoxLayout()
        both.addWidget(self.password_edit)
        both.addWidget(plain_label("again", wrap=False))
        both.addWidget(self.repeat_edit)
        form = QFormLayout()
        form.addRow("Password", both)
        self.password_group = QGroupBox("Password (optional, PDF only)")
        self.password_group.setLayout(form)
        self.path_edit = QLineEdit(str(default_path(name, PDF)))
        self.path_edit.setAccessibleName("File to export to")
        row, self.choose_button = file_row(self.path_edit, self.choose)
        self.warning = plain_label(NOT_ENCRYPTED)
        self.warning.setAccessibleName("Encryption")
        font = self.warning.font()
        font.setBold(True)
        self.warning.setFont(font)
        self.error = ErrorNotice()
        self.path_edit.textEdited.connect(lambda _t: self.error.clear())
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
        top: list[QWidget] = [intro, self.pdf_button, self.json_button, self.mentions_box,
                              self.password_group]
        for widget in top:
            layout.addWidget(widget)
        layout.addLayout(row)
        bottom: list[QWidget] = [self.warning, self.error, self.progress, self.buttons]
        for widget in bottom:
            layout.addWidget(widget)
        self.export_button.setDefault(True)
        self.pdf_button.setFocus()

    @property
    def suffix(self) -> str:
        return PDF if self.pdf_button.isChecked() else JSON

    @property
    def path(self) -> Path | None:
        text = self.path_edit.text().strip()
        return Path(text).expanduser() if text else None

    def password(self) -> str | None:
        return (self.password_edit.text() or None) if self.suffix == PDF else None

    def _format_changed(self) -> None:
        pdf = self.suffix == PDF
        self.password_group.setEnabled(pdf)
        path, other = self.path, JSON if pdf else PDF
        if path is not None and path.suffix == other:
            self.path_edit.setText(str(path.with_suffix(self.suffix)))
        self._update_warning()

    def _update_warning(self) -> None:
        self.warning.setText(ENCRYPTED if self.password() else NOT_ENCRYPTED)

    def choose(self) -> None:
        chosen = self.choose_file(self, self.path or default_path(self.person.code_name,
                                                                  self.suffix))
        if chosen is not None:
            self.path_edit.setText(str(chosen))
            self.error.clear()

    def problem(self, path: Path | None) -> str:
        """Why nothing can be written yet; empty when it can."""
        found = target_problem(path)
        if found or path is None:
            return found
        if path.exists():
            return f"{path} already exists; choose another name (an export is never replaced)."
        if self.suffix == PDF and self.password_edit.text() != self.repeat_edit.text():
            return "The two passwords are not the same."
        return ""

    def start_export(self) -> None:
        path = self.path
        if self.busy:
            return
        problem = self.problem(path)
        if problem or path is None:
            self.error.show_failure(Failure("Nothing was exported.", problem))
            return
        sup, code, pdf = self.supervision, self.person.code_name, self.suffix == PDF
        mentions, password = self.mentions_box.isChecked(), self.password()
        self.busy = True
        self.error.clear()
        self.export_button.setEnabled(False)
        self.progress.show()

        def work() -> SubjectAccess:
            found = subject_access.collect(sup, code, include_mentions=mentions)
            try:
                if pdf:
                    subject_access_pdf.write_pdf(found, path, password)
                else:
                    subject_access_files.write_json(found, path)
            except OSError as exc:
                raise export_failure(path, exc) from None
            return found

        run_in_thread(work, owner=self, on_success=lambda f: self._done(path, f, password),
                      on_failure=self._failed)

    def _done(self, path: Path, found: SubjectAccess, password: str | None) -> None:
        self.busy, self.written, self.found = False, path, found
        lines = [f"Wrote everything held about {found.code_name} to:\n{path}"]
        if found.mention_count and not found.mentions_included:
            lines.append(f"{found.mention_count} other entries mention “{found.code_name}” and "
                         "are not in it: search for the code name to review them.")
        lines.append(ENCRYPTED.split(";")[0] + "." if password
                     else subject_access_files.not_encrypted_warning(path))
        box = QMessageBox(self.parentWidget())
        box.setIcon(QMessageBox.Icon.Information if password else QMessageBox.Icon.Warning)
        box.setWindowTitle("Subject access export written")
        box.setTextFormat(Qt.TextFormat.PlainText)
        box.setText("\n\n".join(lines))
        self.result_message = box
        self.accept()
        box.open()

    def _failed(self, exc: BaseException) -> None:
        self.busy = False
        self.progress.hide()
        self.export_button.setEnabled(True)
        detail = (str(exc) if isinstance(exc, ReflectError | LookupError)
                  else f"Something unexpected went wrong ({type(exc).__name__}).")
        self.error.show_failure(Failure("Nothing was exported.", detail))
