"""First run: choose a passphrase (twice, with a strength meter), then save the recovery key.

Two pages in one view, because they are one act for the user: the journal exists only once
they have seen the recovery key, and Continue stays disabled until they say it is saved
(it is never shown again). One quiet choice sits under the passphrase: the reader's role
(first line unless changed), which the main window stores in the new journal so Home offers
the prompts written for it first; Preferences changes it later.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFontDatabase, QGuiApplication, QKeyEvent, QKeySequence, QPalette
from PySide6.QtWidgets import (
    QCheckBox,
    QHBoxLayout,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QStackedWidget,
    QWidget,
)

from reflect.safety import passphrase as rules
from reflect.safety.recovery_sheet import recovery_sheet
from reflect.ui.widgets.buttons import press_on_enter
from reflect.ui.widgets.card import CardPage, heading
from reflect.ui.widgets.feedback import BusyIndicator, ErrorNotice, hint_label, plain_label
from reflect.ui.widgets.focus_frame import show_focus_frame
from reflect.ui.widgets.level_box import level_box
from reflect.ui.widgets.messages import Failure
from reflect.ui.widgets.printing import ChoosePrinter, ask_printer, print_recovery_sheet


class PassphrasePage(CardPage):
    """Passphrase and repeat; Create is enabled only for a usable, matching pair."""

    create_requested = Signal(str)

    def __init__(self, folder: Path, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.title = heading("Create your journal")
        self.intro = plain_label(
            "Reflect keeps your journal encrypted on this computer. Choose a passphrase: "
            "a few unrelated words are easy to remember and hard to guess. "
            f"Use at least {rules.MIN_LENGTH} characters.")
        self.folder_label = hint_label(f"Journal: {folder}")
        self.folder_label.setAccessibleName("Journal folder")

        self.passphrase_label = plain_label("Passphrase", wrap=False)
        self.passphrase_edit = QLineEdit()
        self.passphrase_edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.passphrase_edit.setAccessibleName("Passphrase")
        self.passphrase_label.setBuddy(self.passphrase_edit)

        self.meter = QProgressBar()
        self.meter.setRange(0, 4)
        self.meter.setTextVisible(False)
        self.meter.setMaximumHeight(8)
        self.meter.setAccessibleName("Passphrase strength")
        self.strength_label = hint_label()
        self.strength_label.setAccessibleName("Passphrase strength hint")
        self.advice_label = hint_label()  # zxcvbn's warning and suggestions
        self.advice_label.setAccessibleName("Passphrase advice")

        self.repeat_label = plain_label("Repeat passphrase", wrap=False)
        self.repeat_edit = QLineEdit()
        self.repeat_edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.repeat_edit.setAccessibleName("Repeat passphrase")
        self.repeat_label.setBuddy(self.repeat_edit)
        self.match_label = hint_label()
        self.match_label.setAccessibleName("Passphrase check")

        self.level_label = plain_label("Your role", wrap=False)
        self.level_box = level_box()
        self.level_label.setBuddy(self.level_box)
        self.level_hint = hint_label("Reflect offers the prompts written for your role "
                                     "first. You can change it in Preferences.")

        self.show_box = QCheckBox("Show passphrase")
        self.show_box.setAccessibleName("Show passphrase")
        self.show_box.toggled.connect(self._set_shown)

        self.create_button = QPushButton("Create journal")
        self.create_button.setAccessibleName("Create journal")
        self.create_button.setDefault(True)
        self.create_button.clicked.connect(self.submit)
        self.passphrase_edit.returnPressed.connect(self.repeat_edit.setFocus)
        self.repeat_edit.returnPressed.connect(self.submit)
        self.passphrase_edit.textChanged.connect(self._update)
        self.repeat_edit.textChanged.connect(self._update)

        self.busy = BusyIndicator()
        self.error = ErrorNotice()

        buttons = QHBoxLayout()
        buttons.addWidget(self.show_box)
        buttons.addStretch(1)
        buttons.addWidget(self.create_button)

        col = self.column
        col.addWidget(self.title)
        col.addWidget(self.intro)
        col.addWidget(self.folder_label)
        col.addSpacing(8)
        col.addWidget(self.passphrase_label)
        col.addWidget(self.passphrase_edit)
        col.addWidget(self.meter)
        col.addWidget(self.strength_label)
        col.addWidget(self.advice_label)
        col.addWidget(self.repeat_label)
        col.addWidget(self.repeat_edit)
        col.addWidget(self.match_label)
        col.addSpacing(4)
        col.addWidget(self.level_label)
        col.addWidget(self.level_box)
        col.addWidget(self.level_hint)
        col.addSpacing(4)
        col.addLayout(buttons)
        col.addWidget(self.busy)
        col.addWidget(self.error)
        self._busy = False
        self._update()

    @property
    def reader_level(self) -> str:
        return str(self.level_box.currentData())

    def keyPressEvent(self, event: QKeyEvent) -> None:
        """Enter on the role (a closed list passes it up) creates, as on the repeat field."""
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self.level_box.hasFocus():
            self.submit()
            return
        super().keyPressEvent(event)

    def _set_shown(self, shown: bool) -> None:
        mode = QLineEdit.EchoMode.Normal if shown else QLineEdit.EchoMode.Password
        self.passphrase_edit.setEchoMode(mode)
        self.repeat_edit.setEchoMode(mode)

    @property
    def is_valid(self) -> bool:
        first = self.passphrase_edit.text()
        return rules.problem(first) is None and first == self.repeat_edit.text()

    def _update(self) -> None:
        first, second = self.passphrase_edit.text(), self.repeat_edit.text()
        rating = rules.rate(first)
        self.meter.setValue(rating.score if first else 0)
        if first:
            # The rule when unusable, else the verdict; the estimator's advice below it.
            self.strength_label.setText(f"{rating.word}: {rating.problem}" if rating.problem
                                        else f"{rating.word}.")
            self.advice_label.setText(rating.advice)
        else:
            self.strength_label.setText(
                f"At least {rules.MIN_LENGTH} characters; a few unrelated words work well.")
            self.advice_label.clear()
        self.advice_label.setVisible(bool(self.advice_label.text()))
        self.meter.setAccessibleDescription(rating.word if first else "")
        if not second:
            self.match_label.setText("Type the passphrase again to confirm it.")
        elif first != second:
            self.match_label.setText("The two passphrases do not match yet.")
        else:
            self.match_label.setText("The passphrases match.")
        self.create_button.setEnabled(self.is_valid and not self._busy)

    def set_busy(self, message: str | None) -> None:
        self._busy = message is not None
        for widget in (self.passphrase_edit, self.repeat_edit, self.level_box, self.show_box):
            widget.setEnabled(not self._busy)
        if message is not None:
            self.error.clear()
            self.busy.start(message)
        else:
            self.busy.stop()
        self._update()

    def show_failure(self, failure: Failure) -> None:
        self.set_busy(None)
        self.error.show_failure(failure)

    def submit(self) -> None:
        if self._busy or not self.is_valid:
            return
        self.create_requested.emit(self.passphrase_edit.text())

    def clear_secrets(self) -> None:
        self.passphrase_edit.clear()
        self.repeat_edit.clear()


class RecoveryKeyPage(CardPage):
    """Shows the recovery key once; Continue waits for 'I have saved it'. Print puts it on
    one sheet with the journal's folder (``choose_printer`` is the print dialog step)."""

    finished = Signal()

    def __init__(self, parent: QWidget | None = None, *, folder: Path | None = None,
                 choose_printer: ChoosePrinter = ask_printer) -> None:
        super().__init__(parent, width=560)
        self.folder = folder
        self.choose_printer = choose_printer
        self.title = heading("Save your recovery key")
        self.intro = plain_label(
            "If you ever forget your passphrase, this key is the only way to open your "
            "journal. It is shown only now. Write it down or print it, and keep it somewhere "
            "safe, away from this computer.")
        self.key_label = plain_label(wrap=False, selectable=True)
        font = QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont)
        font.setPointSizeF(font.pointSizeF() * 1.5)
        font.setBold(True)
        self.key_label.setFont(font)
        self.key_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.key_label.setAccessibleName("Recovery key")
        self.key_label.setMargin(14)
        self.key_label.setFrameShape(self.key_label.Shape.StyledPanel)
        self.key_label.setAutoFillBackground(True)
        self.key_label.setBackgroundRole(QPalette.ColorRole.Base)
        self.key_label.setForegroundRole(QPalette.ColorRole.Text)
        # Tab reaches it (select with Shift+arrows, copy with Ctrl+C), and the ring shows it.
        self.key_label.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        show_focus_frame(self.key_label)

        self.copy_button = QPushButton("Copy")
        self.copy_button.setAccessibleName("Copy recovery key")
        self.copy_button.clicked.connect(self.copy)
        self.print_button = QPushButton("Print…")
        self.print_button.setAccessibleName("Print recovery key")
        self.print_button.setToolTip("Print the key on one sheet (Ctrl+P)")
        self.print_button.setShortcut(QKeySequence.StandardKey.Print)
        self.print_button.clicked.connect(self.print_key)
        self.copied_label = hint_label()

        self.saved_box = QCheckBox("I have saved my recovery key somewhere safe")
        self.saved_box.setAccessibleName("I have saved my recovery key somewhere safe")
        self.continue_button = QPushButton("Continue")
        self.continue_button.setAccessibleName("Continue")
        self.continue_button.setEnabled(False)
        self.saved_box.toggled.connect(self.continue_button.setEnabled)
        self.continue_button.clicked.connect(self._continue)
        press_on_enter(self.copy_button, self.print_button, self.continue_button)

        copy_row = QHBoxLayout()
        copy_row.addWidget(self.copied_label, 1)
        copy_row.addWidget(self.copy_button)
        copy_row.addWidget(self.print_button)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.continue_button)

        col = self.column
        col.addWidget(self.title)
        col.addWidget(self.intro)
        col.addSpacing(6)
        col.addWidget(self.key_label)
        col.addLayout(copy_row)
        col.addSpacing(6)
        col.addWidget(self.saved_box)
        col.addLayout(buttons)

    @property
    def recovery_key(self) -> str:
        return self.key_label.text()

    def show_key(self, recovery_key: str) -> None:
        self.key_label.setText(recovery_key)
        self.saved_box.setChecked(False)
        self.copied_label.clear()

    def copy(self) -> None:
        QGuiApplication.clipboard().setText(self.recovery_key)
        self.copied_label.setText("Copied. Paste it somewhere safe, then copy something else "
                                  "so it does not stay on the clipboard.")

    def print_key(self) -> bool:
        """Print the sheet; the key goes to the printer only, never to a file of ours."""
        if not self.recovery_key:
            return False
        sheet = recovery_sheet(self.recovery_key, self.folder)
        if not print_recovery_sheet(sheet, self, self.choose_printer):
            return False
        self.copied_label.setText("Sent to the printer. Keep the sheet somewhere safe, away "
                                  "from this computer.")
        return True

    def _continue(self) -> None:
        if self.saved_box.isChecked():
            self.key_label.clear()  # shown once: do not keep it in the widget
            self.finished.emit()


class CreateView(QStackedWidget):
    """Passphrase page, then recovery-key page. The main window creates the journal between."""

    create_requested = Signal(str)
    finished = Signal()

    def __init__(self, folder: Path, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("createView")
        self.passphrase_page = PassphrasePage(folder)
        self.recovery_page = RecoveryKeyPage(folder=folder)
        self.addWidget(self.passphrase_page)
        self.addWidget(self.recovery_page)
        self.passphrase_page.create_requested.connect(self.create_requested)
        self.recovery_page.finished.connect(self.finished)

    def set_busy(self, message: str | None) -> None:
        self.passphrase_page.set_busy(message)

    def show_failure(self, failure: Failure) -> None:
        self.passphrase_page.show_failure(failure)

    def show_recovery_key(self, recovery_key: str) -> None:
        self.passphrase_page.set_busy(None)
        self.passphrase_page.clear_secrets()
        self.recovery_page.show_key(recovery_key)
        self.setCurrentWidget(self.recovery_page)
        self.recovery_page.saved_box.setFocus()

    @property
    def reader_level(self) -> str:
        """The role chosen on the first page, for the new journal."""
        return self.passphrase_page.reader_level

    @property
    def showing_recovery_key(self) -> bool:
        return self.currentWidget() is self.recovery_page
