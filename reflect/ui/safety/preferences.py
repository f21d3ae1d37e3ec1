"""Edit > Preferences: settings that hold no journal content (auto-lock, spell checking,
the days a record may wait to be agreed, the size budget of the journal's own backups, with
what they take now), and, while a journal is open, the reader's role
and the retention period (how long after a supervisee leaves their notes are reviewed), which
are kept in the journal rather than in the settings file (they go with the journal: the
period is the employer's retention schedule for these notes, not a choice of this device)."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from reflect.common.settings import MAX_BUDGET_MB, Settings
from reflect.journal.journal import Journal
from reflect.privacy import retention
from reflect.privacy.retention import MAX_YEARS
from reflect.safety.maintenance import BackupSpace
from reflect.ui.widgets.feedback import hint_label
from reflect.ui.widgets.level_box import level_box

MAX_MINUTES = 24 * 60



class PreferencesDialog(QDialog):
    """Changes a copy of the values; :meth:`apply_to` writes them into Settings on OK."""

    def __init__(self, settings: Settings, parent: QWidget | None = None, *,
                 reader_level: str | None = None, journal: Journal | None = None,
                 backup_space: BackupSpace | None = None) -> None:
        """``reader_level``: the open journal's; ``journal``: the open one, for its retention
        period. None (locked) leaves them out. ``backup_space``: what the journal's own
        backups take now, said under the budget."""
        super().__init__(parent)
        self.setWindowTitle("Preferences")
        self.auto_lock = QSpinBox()
        self.auto_lock.setRange(0, MAX_MINUTES)
        self.auto_lock.setSuffix(" min")
        self.auto_lock.setSpecialValueText("Never")
        self.auto_lock.setValue(settings.auto_lock_minutes)
        self.auto_lock.setAccessibleName("Lock after minutes without activity")
        form = QFormLayout()
        form.addRow("Lock after inactivity:", self.auto_lock)
        self.lock_on_sleep = QCheckBox("Lock when the computer sleeps or the screen locks")
        self.lock_on_sleep.setChecked(settings.lock_on_sleep)
        form.addRow("", self.lock_on_sleep)
        # Under the locking rows it explains, so it cannot be read as being about the role.
        form.addRow("", hint_label("Locking closes the journal and clears every open view; "
                                   "your drafts are saved first. 0 means never."))
        self.spell_check = QCheckBox("Check spelling as I type (British English)")
        self.spell_check.setChecked(settings.spell_check)
        self.spell_check.setAccessibleName("Check spelling as I type")
        form.addRow("", self.spell_check)
        self.agree_within = QSpinBox()
        self.agree_within.setRange(0, 365)
        self.agree_within.setSuffix(" days")
        self.agree_within.setValue(settings.agree_within_days)
        self.agree_within.setAccessibleName("List records not agreed after days")
        self.agree_within.setToolTip("Home lists supervision records the supervisee has not "
                                     "agreed this many days after the session")
        form.addRow("Records to agree within:", self.agree_within)
        self.backup_budget = QSpinBox()
        self.backup_budget.setRange(0, MAX_BUDGET_MB)
        self.backup_budget.setSingleStep(500)
        self.backup_budget.setSuffix(" MB")
        self.backup_budget.setSpecialValueText("Automatic")
        self.backup_budget.setGroupSeparatorShown(True)
        self.backup_budget.setValue(settings.backup_budget_mb)
        self.backup_budget.setAccessibleName("Backup budget in MB, 0 for automatic")
        self.backup_budget.setToolTip("The space the journal's own backups may take; the "
                                      "oldest automatic backups are deleted to stay within it")
        form.addRow("Backup budget:", self.backup_budget)
        self.backup_space_label = hint_label(
            "Automatic keeps backups within a tenth of the space on their disk, but always "
            "the newest two. The oldest automatic backups go first; those you make yourself "
            "are kept." + (f"\nNow: {backup_space.summary()}" if backup_space else ""))
        self.backup_space_label.setAccessibleName("Backups' total size")
        form.addRow("", self.backup_space_label)
        self.level_box = level_box(reader_level) if reader_level is not None else None
        if self.level_box is not None:  # the journal's, not a setting: said under it
            form.addRow("Your role:", self.level_box)
            form.addRow("", hint_label("Kept in this journal. Home offers the prompts "
                                       "written for your role first."))
        self.retention = None
        if journal is not None:
            self.retention = QSpinBox()
            self.retention.setRange(1, MAX_YEARS)
            self.retention.setSuffix(" years")
            self.retention.setValue(retention.retention_years(journal))
            self.retention.setAccessibleName("Review a former supervisee's notes after years")
            form.addRow("Review notes after leaving:", self.retention)
            form.addRow("", hint_label("Kept in this journal. Set it to your employer's "
                                       "retention schedule; each supervisee's date can be "
                                       "changed in Edit supervisee."))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                   | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        self.buttons = buttons
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(buttons)
        self.setMinimumWidth(380)

    @property
    def reader_level(self) -> str | None:
        """The role chosen, for the journal; None when the dialog did not offer it."""
        return str(self.level_box.currentData()) if self.level_box is not None else None

    @property
    def retention_years(self) -> int | None:
        """The period chosen, for the journal; None when the dialog did not offer it."""
        return self.retention.value() if self.retention is not None else None

    def apply_to_journal(self, journal: Journal) -> None:
        """The retention period, for supervisees who leave from now on."""
        if self.retention is not None:
            retention.set_retention_years(journal, self.retention.value())

    def apply_to(self, settings: Settings) -> None:
        settings.auto_lock_minutes = self.auto_lock.value()
        settings.lock_on_sleep = self.lock_on_sleep.isChecked()
        settings.spell_check = self.spell_check.isChecked()
        settings.agree_within_days = self.agree_within.value()
        settings.backup_budget_mb = self.backup_budget.value()
