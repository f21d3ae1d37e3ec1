"""Make forms…: a round's rater forms written to a folder, one fillable PDF per form sent or
every form in one file to print, off the UI thread with progress.

Writing is :func:`reflect.feedback.forms.write_forms`'s (all files or none, never replacing
one); this dialog chooses, shows progress and says where the files are, with a way to open
the folder. The folder chooser and the folder opener are parameters, so tests answer them.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QObject, Qt, QUrl, Signal
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QButtonGroup,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from reflect.common.errors import ReflectError
from reflect.feedback.forms import form_file_names, paper_file_name, write_forms
from reflect.feedback.rounds import Round
from reflect.journal.journal import Journal
from reflect.profile.ratings import leader_name
from reflect.ui.safety.choosers import FolderChooser, ask_for_folder
from reflect.ui.widgets.card import heading
from reflect.ui.widgets.contrast import readable_radios
from reflect.ui.widgets.feedback import ErrorNotice, hint_label, plain_label
from reflect.ui.widgets.messages import Failure
from reflect.ui.workers import run_job

FORMS_JOB = "writing the rater forms"
FolderOpener = Callable[[Path], object]


def open_folder(folder: Path) -> bool:
    """The folder in the system's file manager."""
    return QDesktopServices.openUrl(QUrl.fromLocalFile(str(folder)))


def ask_for_forms_folder(parent: QWidget, start: Path | None) -> Path | None:
    return ask_for_folder(parent, start, title="Choose a folder for the rater forms")


def written_text(paths: list[Path], paper: bool, name: str) -> str:
    """What was written and where, and what the forms hold."""
    folder = paths[0].parent if paths else Path()
    what = ("one file to print with every form" if paper
            else f"{len(paths)} fillable form{'s' if len(paths) != 1 else ''}")
    leader = f"you (“{name}”)" if name else "no leader (add your name on the Profile page)"
    return (f"Wrote {what} to {folder}. The forms hold no answers yet, but they name "
            f"{leader} and the round: send each to one rater. Each form has its own id, so a "
            "form returned twice counts once.")


class _Relay(QObject):
    progressed = Signal(int, int)


class MakeFormsDialog(QDialog):
    """See the module docstring. ``written`` holds the files after success."""

    def __init__(self, journal: Journal, round: Round, parent: QWidget | None = None, *,
                 choose_folder: FolderChooser = ask_for_forms_folder,
                 opener: FolderOpener = open_folder, start: Path | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Make rater forms")
        self.setAccessibleName("Make rater forms")
        self.journal = journal
        self.round = round
        self.choose_folder = choose_folder
        self.opener = opener
        self.written: list[Path] = []
        self.folder: Path | None = start
        total = round.forms_sent
        self.fillable = QRadioButton(f"One fillable PDF per form ({total} files), to send "
                                     "by email")
        self.paper = QRadioButton(f"One file to print, with all {total} forms")
        kinds = QButtonGroup(self)
        kinds.addButton(self.fillable)
        kinds.addButton(self.paper)
        self.fillable.setChecked(True)
        kind_box = QWidget()
        kind_layout = QVBoxLayout(kind_box)
        kind_layout.setContentsMargins(0, 0, 0, 0)
        kind_layout.addWidget(self.fillable)
        kind_layout.addWidget(self.paper)
        readable_radios(kind_box)
        self.folder_edit = QLineEdit(str(start) if start else "")
        self.folder_edit.setReadOnly(True)
        self.folder_edit.setAccessibleName("Folder for the forms")
        self.folder_edit.setPlaceholderText("Choose a folder")
        self.choose_button = QPushButton("Choose folder…")
        self.choose_button.setAutoDefault(False)
        self.choose_button.clicked.connect(self.choose)
        folder_row = QHBoxLayout()
        folder_row.addWidget(self.folder_edit, 1)
        folder_row.addWidget(self.choose_button)
        self.names = hint_label()
        self.progress = QProgressBar()
        self.progress.setAccessibleName("Forms written")
        self.progress.hide()
        self.result_label = plain_label(selectable=True)
        self.result_label.setAccessibleName("Forms written to")
        self.result_label.hide()
        self.error = ErrorNotice()
        self.buttons = QDialogButtonBox()
        self.make_button = self.buttons.addButton("Make forms",
                                                  QDialogButtonBox.ButtonRole.AcceptRole)
        self.make_button.setDefault(True)
        self.open_button = self.buttons.addButton("Open folder",
                                                  QDialogButtonBox.ButtonRole.ActionRole)
        self.open_button.hide()
        self.close_button = self.buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        self.make_button.clicked.connect(self.make)
        self.open_button.clicked.connect(self.open_written)
        self.close_button.clicked.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(18, 16, 18, 14)
        layout.setSpacing(10)
        layout.addWidget(heading(f"Forms for “{round.name}”", scale=1.1))
        layout.addWidget(kind_box)
        layout.addWidget(plain_label("Folder:"))
        layout.addLayout(folder_row)
        layout.addWidget(self.names)
        layout.addWidget(self.progress)
        layout.addWidget(self.result_label)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)
        self._relay = _Relay(self)
        self._relay.progressed.connect(self._show_progress, Qt.ConnectionType.QueuedConnection)
        self.fillable.toggled.connect(self._show_names)
        self._show_names()
        self.setMinimumWidth(self.fontMetrics().horizontalAdvance("M") * 40)

    def _show_names(self) -> None:
        names = ([paper_file_name(self.round)] if self.paper.isChecked()
                 else form_file_names(self.round))
        shown = names[0] if len(names) == 1 else f"{names[0]} … {names[-1]}"
        self.names.setText(f"Files: {shown}. A file already there is never replaced.")

    def choose(self) -> Path | None:
        chosen = self.choose_folder(self, self.folder)
        if chosen is not None:
            self.folder = Path(chosen)
            self.folder_edit.setText(str(self.folder))
            self.error.clear()
        return chosen

    def make(self) -> None:
        if self.folder is None and self.choose() is None:
            return
        folder, paper, journal, round_ = self.folder, self.paper.isChecked(), self.journal, \
            self.round
        assert folder is not None
        relay = self._relay
        self.error.clear()
        self.make_button.setEnabled(False)
        self.choose_button.setEnabled(False)
        self.progress.setRange(0, max(1, round_.forms_sent))
        self.progress.setValue(0)
        self.progress.show()

        def work(_job) -> list[Path]:
            return write_forms(journal, round_, folder, paper=paper,
                               progress=lambda done, total: relay.progressed.emit(done, total))

        run_job(work, name=FORMS_JOB, owner=self, on_success=self._made,
                on_failure=self._failed)

    def _show_progress(self, done: int, total: int) -> None:
        self.progress.setRange(0, max(1, total))
        self.progress.setValue(done)

    def _made(self, paths: list[Path]) -> None:
        self.written = list(paths)
        self.progress.hide()
        self.result_label.setText(written_text(self.written, self.paper.isChecked(),
                                       leader_name(self.journal)))
        self.result_label.show()
        self.open_button.show()
        self.open_button.setDefault(True)
        self.open_button.setFocus()
        self.close_button.setText("Close")
        self.adjustSize()

    def _failed(self, exc: BaseException) -> None:
        self.progress.hide()
        self.make_button.setEnabled(True)
        self.choose_button.setEnabled(True)
        detail = str(exc) if isinstance(exc, ReflectError) else (
            f"{type(exc).__name__}: nothing was left in {self.folder}.")
        self.error.show_failure(Failure("The forms were not made.", detail))
        self.adjustSize()

    def open_written(self) -> None:
        if self.written:
            self.opener(self.written[0].parent)
