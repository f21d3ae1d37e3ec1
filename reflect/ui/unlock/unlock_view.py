"""The unlock screen: passphrase (or recovery key), 'remember on this device', Unlock.

The view only collects the secret and shows progress and failures; the main window does
the slow work on a worker thread and calls back ``set_busy`` / ``show_failure``.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Signal
from PySide6.QtGui import QFontDatabase
from PySide6.QtWidgets import QCheckBox, QHBoxLayout, QLineEdit, QPushButton, QWidget

from reflect.ui.widgets.card import CardPage, heading
from reflect.ui.widgets.feedback import BusyIndicator, ErrorNotice, hint_label, plain_label
from reflect.ui.widgets.messages import Failure


class UnlockView(CardPage):
    """Ask for the passphrase or the recovery key of an existing journal."""

    #: secret, use_recovery_key, remember_on_this_device
    unlock_requested = Signal(str, bool, bool)

    def __init__(self, folder: Path, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("unlockView")
        self.title = heading("Reflect")
        self.subtitle = plain_label("Your journal is locked. Enter your passphrase to open it.")
        self.folder_label = hint_label(f"Journal: {folder}")
        self.folder_label.setAccessibleName("Journal folder")

        self.secret_label = plain_label("Passphrase", wrap=False)
        self.secret_edit = QLineEdit()
        self.secret_edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.secret_edit.setAccessibleName("Passphrase")
        self.secret_label.setBuddy(self.secret_edit)
        self._normal_font = self.secret_edit.font()

        # Shown for this attempt only: never stored, and cleared again when the journal locks.
        self.show_box = QCheckBox("Show passphrase")
        self.show_box.setAccessibleName("Show passphrase")
        self.show_box.setToolTip("Show what you type, to check it; it is hidden again on lock")
        self.show_box.toggled.connect(self._show_secret)

        self.recovery_toggle = QCheckBox("Use recovery key instead")
        self.recovery_toggle.setAccessibleName("Use recovery key instead")
        self.recovery_toggle.toggled.connect(self.set_recovery_mode)

        self.remember_box = QCheckBox("Remember on this device")
        self.remember_box.setAccessibleName("Remember on this device")
        self.remember_box.setToolTip(
            "Keep the journal's key in this computer's keyring so Reflect opens without "
            "asking when it starts. Locking still asks for the passphrase.")
        self.remember_reason = hint_label()
        self.remember_reason.setAccessibleName("Why remembering is unavailable")
        self.remember_reason.hide()

        self.unlock_button = QPushButton("Unlock")
        self.unlock_button.setAccessibleName("Unlock")
        self.unlock_button.setDefault(True)
        self.unlock_button.clicked.connect(self.submit)
        self.secret_edit.returnPressed.connect(self.submit)

        self.busy = BusyIndicator()
        self.error = ErrorNotice()

        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.unlock_button)

        col = self.column
        col.addWidget(self.title)
        col.addWidget(self.subtitle)
        col.addWidget(self.folder_label)
        col.addSpacing(8)
        col.addWidget(self.secret_label)
        col.addWidget(self.secret_edit)
        col.addWidget(self.show_box)
        col.addWidget(self.recovery_toggle)
        col.addWidget(self.remember_box)
        col.addWidget(self.remember_reason)
        col.addLayout(buttons)
        col.addWidget(self.busy)
        col.addWidget(self.error)
        self._inputs = (self.secret_edit, self.show_box, self.recovery_toggle,
                        self.unlock_button)
        self._remember_available = True

    # -- state set by the main window -----------------------------------------------------
    def set_remember_available(self, available: bool, reason: str = "") -> None:
        """Without a working keyring the option is offered disabled, with the reason."""
        self._remember_available = available
        self.remember_box.setEnabled(available)
        if available:
            self.remember_reason.hide()
            self.remember_reason.clear()
        else:
            self.remember_box.setChecked(False)
            self.remember_box.setToolTip(reason)
            self.remember_reason.setText(reason)
            self.remember_reason.show()

    def set_remembered(self, remembered: bool) -> None:
        self.remember_box.setChecked(remembered and self._remember_available)

    def set_recovery_mode(self, on: bool) -> None:
        """The recovery key is not secret-looking text to retype, so it is shown in monospace."""
        if self.recovery_toggle.isChecked() != on:
            self.recovery_toggle.setChecked(on)  # re-enters through toggled
            return
        self.secret_edit.clear()
        self.show_box.setChecked(False)
        self.show_box.setVisible(not on)  # the recovery key is always shown
        if on:
            self.secret_label.setText("Recovery key")
            self.secret_edit.setAccessibleName("Recovery key")
            self.secret_edit.setEchoMode(QLineEdit.EchoMode.Normal)
            self.secret_edit.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))
            self.secret_edit.setPlaceholderText("XXXX-XXXX-XXXX-XXXX-XXXX-XXXX-XXXX-XXXX")
            self.subtitle.setText("Enter the recovery key you saved when you created the journal.")
        else:
            self.secret_label.setText("Passphrase")
            self.secret_edit.setAccessibleName("Passphrase")
            self.secret_edit.setEchoMode(QLineEdit.EchoMode.Password)
            self.secret_edit.setFont(self._normal_font)
            self.secret_edit.setPlaceholderText("")
            self.subtitle.setText("Your journal is locked. Enter your passphrase to open it.")
        self.error.clear()
        self.secret_edit.setFocus()

    def _show_secret(self, shown: bool) -> None:
        if not self.using_recovery_key:
            self.secret_edit.setEchoMode(QLineEdit.EchoMode.Normal if shown
                                         else QLineEdit.EchoMode.Password)

    @property
    def using_recovery_key(self) -> bool:
        return self.recovery_toggle.isChecked()

    @property
    def is_busy(self) -> bool:
        return not self.busy.isHidden()

    def set_busy(self, message: str | None) -> None:
        """While the key is derived the inputs are disabled and the bar runs."""
        busy = message is not None
        for widget in self._inputs:
            widget.setEnabled(not busy)
        self.remember_box.setEnabled(not busy and self._remember_available)
        if message is not None:
            self.error.clear()
            self.busy.start(message)
        else:
            self.busy.stop()

    def show_failure(self, failure: Failure) -> None:
        self.set_busy(None)
        self.error.show_failure(failure)
        self.secret_edit.selectAll()
        self.secret_edit.setFocus()

    def reset(self) -> None:
        """Back to a clean screen, as after a lock: no secret left in the field."""
        self.set_busy(None)
        self.error.clear()
        self.secret_edit.clear()
        self.show_box.setChecked(False)
        self.secret_edit.setFocus()

    # -- user actions ---------------------------------------------------------------------
    def submit(self) -> None:
        secret = self.secret_edit.text()
        if self.is_busy or not secret.strip():
            self.secret_edit.setFocus()
            return
        self.unlock_requested.emit(secret, self.using_recovery_key,
                                   self.remember_box.isChecked())
