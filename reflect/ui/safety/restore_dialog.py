"""File > Restore…: pick a backup, give the passphrase it opens with, confirm.

The restore itself runs after the window has locked (the journal must be closed); the
journal it replaces is kept in ``backups/…-before-restore``, so nothing is lost.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from reflect.safety.maintenance import BackupInfo, BackupSpace
from reflect.ui.widgets.feedback import hint_label, plain_label

_LABELS = {"auto": "automatic", "manual": "made by you", "before-restore": "before a restore"}


def describe(backup: BackupInfo) -> str:
    kind = _LABELS.get(backup.label, backup.label.replace("-", " "))
    return f"{backup.made_at:%-d %B %Y, %H:%M}  ({kind})"


def restore_offer(backup: BackupInfo, today: date | None = None) -> str:
    """The button that offers a backup by its day, UK style ("Restore the backup of
    3 November"); the year only when it is not this year's."""
    made = backup.made_at
    year = "" if made.year == (today or date.today()).year else f" {made.year}"
    return f"Restore the backup of {made.day} {made:%B}{year}"


class RestoreDialog(QDialog):
    def __init__(self, backups: list[BackupInfo], parent: QWidget | None = None, *,
                 space: BackupSpace | None = None) -> None:
        """``space``: what the journal's own backups take, said under the list."""
        super().__init__(parent)
        self.setWindowTitle("Restore from a backup")
        self.list = QListWidget()
        self.list.setAccessibleName("Backups")
        for backup in backups:
            item = QListWidgetItem(describe(backup))
            item.setData(Qt.ItemDataRole.UserRole, str(backup.path))
            self.list.addItem(item)
        if backups:
            self.list.setCurrentRow(0)
        self.other_button = QPushButton("Another folder…")
        self.other_button.clicked.connect(self._choose_folder)
        self.passphrase = QLineEdit()
        self.passphrase.setEchoMode(QLineEdit.EchoMode.Password)
        self.passphrase.setAccessibleName("Passphrase of the backup")
        self.passphrase.setPlaceholderText("The passphrase in use when the backup was made")
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.restore_button = self.buttons.addButton(
            "Lock and restore", QDialogButtonBox.ButtonRole.AcceptRole)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.passphrase.textChanged.connect(self._update)
        self.list.currentRowChanged.connect(self._update)

        layout = QVBoxLayout(self)
        layout.addWidget(plain_label("Choose the backup to bring back:"))
        layout.addWidget(self.list)
        self.space_label = None
        if space is not None:
            self.space_label = hint_label(f"In {space.folder}: {space.summary()}")
            self.space_label.setAccessibleName("Backups' total size")
            layout.addWidget(self.space_label)
            if space.over_budget:
                self.over_label = hint_label(space.over_budget_advice())
                layout.addWidget(self.over_label)
        layout.addWidget(self.other_button, 0, Qt.AlignmentFlag.AlignLeft)
        layout.addWidget(plain_label("Its passphrase:"))
        layout.addWidget(self.passphrase)
        layout.addWidget(hint_label(
            "The journal will lock first. The journal as it is now is kept in the backups "
            "folder, so you can go back to it the same way."))
        layout.addWidget(self.buttons)
        self.setMinimumWidth(480)
        self._update()

    @property
    def chosen(self) -> Path | None:
        item = self.list.currentItem()
        return Path(item.data(Qt.ItemDataRole.UserRole)) if item else None

    def choose(self, backup: Path) -> bool:
        """Select ``backup`` in the list (a check's offer opens the dialog on it)."""
        for row in range(self.list.count()):
            if self.list.item(row).data(Qt.ItemDataRole.UserRole) == str(backup):
                self.list.setCurrentRow(row)
                return True
        return False

    def _update(self) -> None:
        self.restore_button.setEnabled(self.chosen is not None and bool(self.passphrase.text()))

    def add_folder(self, folder: Path) -> None:
        item = QListWidgetItem(str(folder))
        item.setData(Qt.ItemDataRole.UserRole, str(folder))
        self.list.insertItem(0, item)
        self.list.setCurrentRow(0)

    def _choose_folder(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, "Choose a backup folder")
        if folder:
            self.add_folder(Path(folder))
