"""File > Security…: change the passphrase, replace the recovery key, remember on this device.

Every change asks for the current passphrase again and runs its key derivation on a worker
thread with a busy bar, so the window stays responsive and an unattended unlocked window is
not enough to take the journal over.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QFontDatabase, QGuiApplication
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from reflect.journal.journal import Journal
from reflect.safety import keychain, security
from reflect.safety import passphrase as rules
from reflect.safety.recovery_sheet import recovery_sheet
from reflect.store.envelope import KdfParams
from reflect.ui.widgets.feedback import BusyIndicator, ErrorNotice, hint_label, plain_label
from reflect.ui.widgets.messages import Failure, open_failure
from reflect.ui.widgets.printing import ChoosePrinter, ask_printer, print_recovery_sheet
from reflect.ui.workers import run_in_thread


def _secret_field(name: str) -> QLineEdit:
    field = QLineEdit()
    field.setEchoMode(QLineEdit.EchoMode.Password)
    field.setAccessibleName(name)
    return field


class SecurityDialog(QDialog):
    """Works on the open journal; nothing here is stored outside the key file and keyring."""

    def __init__(self, journal: Journal, parent: QWidget | None = None,
                 kdf_params: KdfParams | None = None,
                 choose_printer: ChoosePrinter = ask_printer) -> None:
        super().__init__(parent)
        self.setWindowTitle("Security")
        self.journal = journal
        self.choose_printer = choose_printer
        self._kdf_params = kdf_params
        self._busy_count = 0

        self.current = _secret_field("Current passphrase")
        self.new = _secret_field("New passphrase")
        self.repeat = _secret_field("Repeat new passphrase")
        self.strength = hint_label(rules.problem("") or "")
        self.change_button = QPushButton("Change passphrase")
        self.change_button.setEnabled(False)
        # Enter in the passphrase fields changes it (once allowed); never closes by surprise.
        self.change_button.setDefault(True)
        self.change_button.clicked.connect(self.change_passphrase)
        for field in (self.current, self.new, self.repeat):
            field.textChanged.connect(self._update)

        passphrase_box = QGroupBox("Passphrase")
        form = QFormLayout()
        form.addRow("Current passphrase:", self.current)
        form.addRow("New passphrase:", self.new)
        form.addRow("Repeat:", self.repeat)
        # Wrapped hints go below the form: a form row would clip them to one line.
        change_row = QHBoxLayout()
        change_row.addWidget(self.strength, 1)
        change_row.addWidget(self.change_button, 0, Qt.AlignmentFlag.AlignTop)
        passphrase_layout = QVBoxLayout(passphrase_box)
        passphrase_layout.addLayout(form)
        passphrase_layout.addLayout(change_row)

        self.recovery_button = QPushButton("Create a new recovery key…")
        self.recovery_button.clicked.connect(self.replace_recovery_key)
        self.key_label = plain_label(wrap=False, selectable=True)
        font = QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont)
        font.setPointSizeF(font.pointSizeF() * 1.3)
        font.setBold(True)
        self.key_label.setFont(font)
        self.key_label.setAccessibleName("New recovery key")
        self.key_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.copy_button = QPushButton("Copy")
        self.copy_button.clicked.connect(
            lambda: QGuiApplication.clipboard().setText(self.key_label.text()))
        self.print_button = QPushButton("Print…")
        self.print_button.setAccessibleName("Print new recovery key")
        self.print_button.setToolTip("Print the new key on one sheet")
        self.print_button.clicked.connect(self.print_key)
        self.saved_box = QCheckBox("I have saved the new recovery key somewhere safe")
        self.saved_box.toggled.connect(self._update)
        for widget in (self.key_label, self.copy_button, self.print_button, self.saved_box):
            widget.hide()
        recovery_box = QGroupBox("Recovery key")
        recovery_layout = QVBoxLayout(recovery_box)
        recovery_layout.addWidget(hint_label(
            "A new key replaces the old one at once: the old key stops opening this journal. "
            "Enter your current passphrase above first."))
        recovery_layout.addWidget(self.recovery_button, 0, Qt.AlignmentFlag.AlignLeft)
        key_row = QHBoxLayout()
        key_row.addWidget(self.key_label, 1)
        key_row.addWidget(self.copy_button)
        key_row.addWidget(self.print_button)
        recovery_layout.addLayout(key_row)
        recovery_layout.addWidget(self.saved_box)

        available, reason = keychain.availability()
        self.remember_box = QCheckBox("Remember on this device")
        self.remember_box.setAccessibleName("Remember on this device")
        self.remember_box.setEnabled(available)
        self.remember_box.setChecked(available and security.is_remembered(journal))
        self.remember_box.toggled.connect(self.set_remembered)
        self.remember_reason = hint_label(
            reason or "The key is kept in this computer's keyring, so Reflect opens without "
            "asking. Anyone using your computer account could then open the journal.")
        device_box = QGroupBox("This device")
        device_layout = QVBoxLayout(device_box)
        device_layout.addWidget(self.remember_box)
        device_layout.addWidget(self.remember_reason)

        self.busy = BusyIndicator()
        self.error = ErrorNotice()
        self.done_label = hint_label()
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        for part in (passphrase_box, recovery_box, device_box, self.busy, self.error,
                     self.done_label, self.buttons):
            layout.addWidget(part)
        self.setMinimumWidth(520)
        self._update()

    # -- state ---------------------------------------------------------------------------------
    @property
    def is_busy(self) -> bool:
        return self._busy_count > 0

    def _update(self) -> None:
        new, repeat = self.new.text(), self.repeat.text()
        rating = rules.rate(new)
        hint = rating.problem or f"{rating.word}."
        if new and rating.advice:
            hint = f"{hint} {rating.advice}"  # zxcvbn's warning and suggestions
        if new and repeat and new != repeat:
            hint = "The two new passphrases do not match yet."
        self.strength.setText(hint)
        self.change_button.setEnabled(
            not self.is_busy and bool(self.current.text()) and new == repeat
            and rating.problem is None)
        self.recovery_button.setEnabled(not self.is_busy and bool(self.current.text()))
        waiting_for_saved = self.saved_box.isVisible() and not self.saved_box.isChecked()
        self.buttons.button(QDialogButtonBox.StandardButton.Close).setEnabled(
            not waiting_for_saved and not self.is_busy)

    def _run(self, message: str, work, done) -> None:
        self.error.clear()
        self.done_label.clear()
        self._busy_count += 1
        self.busy.start(message)
        self._update()

        def finished() -> None:
            self._busy_count -= 1
            if not self.is_busy:
                self.busy.stop()
            self._update()

        def succeeded(result) -> None:
            finished()
            done(result)

        def failed(exc: BaseException) -> None:
            finished()
            self.error.show_failure(_failure(exc))

        run_in_thread(work, on_success=succeeded, on_failure=failed, owner=self)

    # -- actions ---------------------------------------------------------------------------------
    def change_passphrase(self) -> None:
        current, new = self.current.text(), self.new.text()

        def show_result(_result) -> None:
            for field in (self.current, self.new, self.repeat):
                field.clear()
            self.done_label.setText("The passphrase is changed; the old one no longer opens "
                                    "this journal.")

        self._run("Changing the passphrase…",
                  lambda: security.change_passphrase(self.journal, current, new,
                                                     self._kdf_params), show_result)

    def replace_recovery_key(self) -> None:
        current = self.current.text()

        def show_result(recovery_key: str) -> None:
            self.current.clear()
            self.key_label.setText(recovery_key)
            for widget in (self.key_label, self.copy_button, self.print_button, self.saved_box):
                widget.show()
            self.saved_box.setChecked(False)
            self.done_label.setText("This is your new recovery key. It is shown only now.")
            self._update()

        self._run("Creating a new recovery key…",
                  lambda: security.replace_recovery_key(self.journal, current), show_result)

    def print_key(self) -> bool:
        """Print the new key on one sheet; it goes to the printer only, never to a file."""
        if not self.key_label.text():
            return False
        sheet = recovery_sheet(self.key_label.text(), self.journal.folder)
        if not print_recovery_sheet(sheet, self, self.choose_printer):
            return False
        self.done_label.setText("Sent to the printer. Keep the sheet somewhere safe, away from "
                                "this computer.")
        return True

    def set_remembered(self, remember: bool) -> None:
        def show_result(remembered: bool) -> None:
            self.remember_box.blockSignals(True)
            self.remember_box.setChecked(remembered)
            self.remember_box.blockSignals(False)
            if remember and not remembered:
                self.error.show_failure(Failure("The keyring did not keep the key.",
                                                "Reflect will keep asking for the passphrase."))
            else:
                self.done_label.setText("Remembered on this device." if remembered
                                        else "Forgotten on this device.")

        self._run("Updating the keyring…",
                  lambda: security.set_remembered(self.journal, remember), show_result)

    def done(self, result: int) -> None:
        if self.saved_box.isVisible() and not self.saved_box.isChecked():
            return  # the new key is shown once; make sure it was saved
        self.key_label.clear()
        super().done(result)


def _failure(exc: BaseException) -> Failure:
    if isinstance(exc, security.PassphraseRejected):
        return Failure("That new passphrase cannot be used.", str(exc))
    from reflect.common.errors import WrongSecret

    if isinstance(exc, WrongSecret):
        return Failure("The current passphrase is not correct.", "Nothing was changed.")
    return open_failure(exc)
