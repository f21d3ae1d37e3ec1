"""File menu items that look after the journal: Back up now, Back up to…, Restore…, Check,
Security….

Back up now writes into the folder or drive chosen with Back up to… (remembered in the
settings), or into the journal's own backups/ until one is chosen.

Slow work (copying, checking, key derivation) runs on a worker thread as a named job, so a
lock waits for it ("Finishing the backup…"); results come back in plain-text messages.
Restore locks the window first, because it swaps the files of a closed journal, and keeps
the journal it replaces. After a journal was left without a clean close, its pages are
checked once it is open, and a failure offers the newest backup.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Protocol, cast

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMainWindow, QMenu, QMessageBox, QProgressDialog, QPushButton

from reflect.common.errors import ReflectError
from reflect.common.settings import Settings
from reflect.safety import maintenance
from reflect.safety.maintenance import BackupInfo
from reflect.ui.safety.choosers import FolderChooser, ask_for_folder
from reflect.ui.safety.restore_dialog import RestoreDialog, restore_offer
from reflect.ui.safety.security_dialog import SecurityDialog
from reflect.ui.widgets.messages import open_failure
from reflect.ui.workers import Job, JobCancelled, run_in_thread, run_job

BACKUP_JOB = "the backup"
CHECK_JOB = "the journal check"


def show_message(parent, title: str, text: str, *, warning: bool = False) -> QMessageBox:
    """A non-blocking message box that never reads its text as HTML."""
    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Warning if warning else QMessageBox.Icon.Information)
    box.setWindowTitle(title)
    box.setTextFormat(Qt.TextFormat.PlainText)
    box.setText(text)
    box.open()
    return box


def ask_open_anyway(parent, open_anyway) -> QMessageBox:
    """After a crash lost journal.db-wal: opening as it is must be the person's choice."""
    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Warning)
    box.setWindowTitle("Recent changes are missing")
    box.setTextFormat(Qt.TextFormat.PlainText)
    box.setText("The journal was not closed properly and its file of recent changes "
                "(journal.db-wal) is missing. Open it as it is? The latest changes will not "
                "be there; a backup may have them.")
    box.setStandardButtons(QMessageBox.StandardButton.Open | QMessageBox.StandardButton.Cancel)
    box.setDefaultButton(QMessageBox.StandardButton.Cancel)
    box.accepted.connect(open_anyway)
    box.open()
    return box


class _JournalWindow(Protocol):
    """What these actions need of the main window beyond QMainWindow (which it is; the
    module is not imported here because it imports this one)."""

    folder: Path
    settings: Settings

    def lock(self, then: Callable[[], object] | None = None) -> bool: ...


class JournalActions(QObject):
    """Adds its actions to ``menu`` and enables them while a journal is open.

    ``backup_progressed(pages_done, pages_total)`` is emitted from the copying thread between
    steps of Back up now (queued to the status bar). ``choose_folder`` asks where Back up to…
    writes (see :mod:`reflect.ui.safety.choosers`). ``unlocked_changed`` follows
    :meth:`set_unlocked`, for the menu's other items.
    """

    backup_progressed = Signal(int, int)
    check_progressed = Signal(str, int)
    unlocked_changed = Signal(bool)

    def __init__(self, window: QMainWindow, menu: QMenu, kdf_params=None,
                 choose_folder: FolderChooser = ask_for_folder) -> None:
        super().__init__(window)
        self.window = window
        self._kdf_params = kdf_params
        self.choose_folder = choose_folder
        self._backing_up = False
        self.backup_action = QAction("&Back up now", window)
        self.backup_action.triggered.connect(self.back_up_now)
        self.backup_to_action = QAction("Back up &to another folder or drive…", window)
        self.backup_to_action.setStatusTip("Choose where Back up now writes, and back up there")
        self.backup_to_action.triggered.connect(self.back_up_elsewhere)
        self.restore_action = QAction("&Restore from a backup…", window)
        self.restore_action.triggered.connect(self.open_restore)
        self.check_action = QAction("&Check the journal", window)
        self.check_action.setStatusTip("Run the database, page and search index checks")
        self.check_action.triggered.connect(self.check)
        self.security_action = QAction("Se&curity…", window)
        self.security_action.setStatusTip("Passphrase, recovery key, remember on this device")
        self.security_action.triggered.connect(self.open_security)
        for action in (self.backup_action, self.backup_to_action, self.restore_action,
                       self.check_action, self.security_action):
            menu.addAction(action)
        self.last_message: QMessageBox | None = None
        self.restore_offer: QPushButton | None = None  # the check's "Restore the backup of…"
        self.restore_dialog: RestoreDialog | None = None
        self.check_dialog: QProgressDialog | None = None  # while Check the journal runs
        self.backup_progressed.connect(self._show_backup_progress,
                                       Qt.ConnectionType.QueuedConnection)
        self.check_progressed.connect(self._show_check_progress,
                                      Qt.ConnectionType.QueuedConnection)
        self._describe_backup_place()
        self.set_unlocked(False)

    @property
    def _owner(self) -> _JournalWindow:
        return cast(_JournalWindow, self.window)

    @property
    def journal(self):
        return getattr(self.window, "journal", None)

    def set_unlocked(self, unlocked: bool) -> None:
        self._unlocked = unlocked
        for action in (self.backup_action, self.backup_to_action, self.check_action,
                       self.security_action):
            action.setEnabled(unlocked and not (self._backing_up and action in (
                self.backup_action, self.backup_to_action)))
        self.unlocked_changed.emit(unlocked)

    def _message(self, title: str, text: str, *, warning: bool = False) -> None:
        self.last_message = show_message(self.window, title, text, warning=warning)

    # -- backups -----------------------------------------------------------------------------
    def automatic_backup(self) -> None:
        """After unlock, at most hourly; quiet unless it fails."""
        journal = self.journal
        if journal is None:
            return
        budget_mb = self._budget_mb
        run_job(lambda _job: maintenance.automatic_backup(journal, budget_mb), name=BACKUP_JOB,
                on_success=lambda _path: None,
                on_failure=lambda exc: self.window.statusBar().showMessage(
                    f"The automatic backup failed: {exc}", 15_000),
                owner=self)

    @property
    def _budget_mb(self) -> int:
        settings = getattr(self.window, "settings", None)
        return settings.backup_budget_mb if settings is not None else 0

    def backup_space(self) -> maintenance.BackupSpace:
        """The journal's own backups now: count, total size, free space, budget."""
        return maintenance.backup_space(Path(self._owner.folder), self._budget_mb)

    @property
    def backup_folder(self) -> Path | None:
        """The folder or drive chosen for Back up now; None: the journal's own backups/."""
        settings = getattr(self.window, "settings", None)
        chosen = settings.backup_folder if settings is not None else ""
        return Path(chosen) if chosen else None

    def _describe_backup_place(self) -> None:
        place = self.backup_folder
        self.backup_action.setStatusTip(
            f"Write an encrypted, verified copy into {place}" if place is not None
            else "Write an encrypted, verified copy into the journal's backups/ folder")

    def back_up_elsewhere(self) -> None:
        """Ask for a folder or drive, remember it for Back up now, and back up there."""
        if self.journal is None:
            return
        chosen = self.choose_folder(self.window, self.backup_folder)
        if chosen is None or self.journal is None or not self._unlocked:
            return  # cancelled, or locked while the chooser was open
        settings = self._owner.settings
        settings.backup_folder = str(chosen)
        self._describe_backup_place()
        try:
            Settings.update(backup_folder=settings.backup_folder)
        except OSError as exc:
            self.window.statusBar().showMessage(
                f"Backups go to {chosen} until Reflect closes; the choice could not be saved "
                f"({exc.strerror}).", 10_000)
        self.back_up_now()

    def back_up_now(self) -> None:
        journal = self.journal
        if journal is None or self._backing_up:
            return
        place = self.backup_folder
        self.window.statusBar().showMessage(f"Backing up to {place}…" if place is not None
                                            else "Backing up…")
        self._set_backing_up(True)
        progressed = self.backup_progressed

        def copy(job: Job) -> Path:
            def step(done: int, total: int) -> None:
                progressed.emit(done, total)
                job.safe_point()

            return maintenance.back_up_to(journal, place, step,
                                          budget_mb=budget_mb if place is None else None)

        budget_mb = self._budget_mb

        def done(path: Path) -> None:
            self._set_backing_up(False)
            self.window.statusBar().showMessage(f"Backed up to {path}.", 10_000)
            space = ""
            if place is None:  # the journal's own backups: what they take now, and the budget
                own = self.backup_space()
                space = f"\n\nBackups: {own.summary()}"
                if own.over_budget:
                    space += f"\n\n{own.over_budget_advice()}"
            self._message("Backed up", f"An encrypted copy was written to:\n{path}\n\nIt opens "
                          f"with the passphrase you use today.{space}")

        def failed(exc: BaseException) -> None:
            self._set_backing_up(False)
            self.window.statusBar().showMessage("The backup failed; nothing was written.",
                                                10_000)
            hint = ("\n\nTo back up somewhere else, use File > Back up to another folder or "
                    "drive…" if place is not None else "")
            # Reflect's own errors say what and where ("…nothing was kept there…").
            text = str(exc) if isinstance(exc, ReflectError) else f"No backup was made: {exc}"
            self._message("Backup failed", text + hint, warning=True)

        run_job(copy, name=BACKUP_JOB, on_success=done, on_failure=failed, owner=self)

    def _set_backing_up(self, running: bool) -> None:
        """One backup at a time: the two backup items wait while one runs."""
        self._backing_up = running
        self.set_unlocked(self._unlocked)

    def _show_backup_progress(self, done: int, total: int) -> None:
        # Only while the backup runs (a step queued behind its end must not bring the words
        # back), and not while a lock waits: the screen says why instead.
        if self._backing_up and self._unlocked and total:
            self.window.statusBar().showMessage(f"Backing up… {100 * done // total}%")

    def check(self) -> None:
        """Check the journal off the UI thread in a progress dialog that names the part
        running; Cancel stops it at once (a check writes nothing)."""
        journal = self.journal
        if journal is None or self.check_dialog is not None:
            return
        self.window.statusBar().showMessage("Checking the journal…")
        folder = journal.folder
        dialog = QProgressDialog("Checking the journal…", "Cancel", 0, 100, self.window)
        dialog.setWindowTitle("Checking the journal")
        dialog.setWindowModality(Qt.WindowModality.WindowModal)
        dialog.setMinimumDuration(0)
        dialog.setAutoClose(False)
        dialog.setAutoReset(False)
        dialog.setMinimumWidth(420)
        dialog.setValue(0)
        self.check_dialog = dialog
        progressed = self.check_progressed

        def work(job: Job) -> list[str]:
            def step(part: str, percent: int) -> None:
                progressed.emit(part, percent)
                job.safe_point()

            return maintenance.check(journal, step)

        def close_dialog() -> None:
            if self.check_dialog is not None:
                self.check_dialog.close()
                self.check_dialog.deleteLater()
                self.check_dialog = None

        def report(problems: list[str]) -> None:
            close_dialog()
            self.window.statusBar().clearMessage()
            if not problems:
                self._message("Journal check", "The key file, the database, the search "
                              "index and the newest backup are sound.")
                return
            self._report_damage(problems, maintenance.restore_advice(folder))

        def failed(exc: BaseException) -> None:
            if isinstance(exc, JobCancelled):
                close_dialog()
                self.window.statusBar().showMessage(
                    "The check was stopped before it finished; nothing was changed.", 10_000)
                return
            report([open_failure(exc).text])

        job = run_job(work, name=CHECK_JOB, on_success=report, on_failure=failed, owner=self)
        dialog.canceled.connect(job.cancel)
        dialog.open()

    def _show_check_progress(self, part: str, percent: int) -> None:
        dialog = self.check_dialog
        if dialog is not None and not dialog.wasCanceled():
            dialog.setLabelText(part)
            dialog.setValue(percent)

    def check_after_unclean_close(self) -> None:
        """The journal was last left without a clean close: a damaged page that opening did
        not read would otherwise go unnoticed while new entries are written, so check every
        page now, off the UI thread, and speak only if something is wrong."""
        journal = self.journal
        if journal is None:
            return
        folder = journal.folder

        def work(_job: Job) -> tuple[list[str], BackupInfo | None]:
            problems = maintenance.check(journal)
            return problems, maintenance.restore_advice(folder) if problems else None

        def done(result: tuple[list[str], BackupInfo | None]) -> None:
            problems, newest = result
            if problems:
                self._report_damage(problems, newest)
            else:
                self.window.statusBar().showMessage(
                    "The journal was not closed properly last time; a check found every page "
                    "sound.", 10_000)

        def failed(exc: BaseException) -> None:
            self._report_damage([open_failure(exc).text], maintenance.restore_advice(folder))

        run_job(work, name=CHECK_JOB, on_success=done, on_failure=failed, owner=self)

    def _report_damage(self, problems: list[str], newest: BackupInfo | None) -> None:
        """Say what is wrong and offer the newest backup as one button that starts the
        restore (a command to type means nothing in a window)."""
        if newest is None:
            advice = ("There is no backup in the journal folder; restore from a copy you made "
                      "elsewhere (File > Restore from a backup…).")
        else:
            advice = (f"The newest backup was made on {newest.made_at.day} "
                      f"{newest.made_at:%B %Y at %H:%M}. Restoring it locks the journal first "
                      "and keeps the journal as it is now.")
        box = QMessageBox(self.window)
        box.setIcon(QMessageBox.Icon.Warning)
        box.setWindowTitle("Journal check found problems")
        box.setTextFormat(Qt.TextFormat.PlainText)
        box.setText("\n".join(problems) + "\n\n" + advice)
        self.restore_offer = None
        if newest is not None:
            self.restore_offer = box.addButton(restore_offer(newest),
                                               QMessageBox.ButtonRole.AcceptRole)
            self.restore_offer.clicked.connect(lambda: self.open_restore(newest.path))
        box.addButton(QMessageBox.StandardButton.Close)
        box.open()
        self.last_message = box

    def open_restore(self, chosen: Path | None = None) -> RestoreDialog:
        """File > Restore…; ``chosen`` preselects a backup (the one a check offered)."""
        folder = Path(self._owner.folder)
        dialog = RestoreDialog(maintenance.list_backups(folder), self.window,
                               space=self.backup_space())
        if chosen is not None:
            dialog.choose(chosen)
        dialog.accepted.connect(lambda: self.restore(dialog.chosen, dialog.passphrase.text()))
        dialog.open()
        self.restore_dialog = dialog
        return dialog

    def restore(self, backup: Path | None, passphrase: str) -> None:
        if backup is None:
            return
        folder = Path(self._owner.folder)

        def done(kept: Path | None) -> None:
            kept_text = f"\n\nThe journal as it was is kept in:\n{kept}" if kept else ""
            self._message("Restored", f"The journal was restored from:\n{backup}\n\nUnlock it "
                          f"with the passphrase of that backup.{kept_text}")

        def swap() -> None:
            run_in_thread(lambda: maintenance.restore(folder, backup, passphrase=passphrase),
                          on_success=done,
                          on_failure=lambda exc: self._message(
                              "Nothing was restored", open_failure(exc).text, warning=True),
                          owner=self)

        # The journal must be closed before its files are swapped: after any running job.
        if not self._owner.lock(then=swap):
            swap()

    # -- security ---------------------------------------------------------------------------
    def open_security(self) -> SecurityDialog | None:
        if self.journal is None:
            return None
        dialog = SecurityDialog(self.journal, self.window, kdf_params=self._kdf_params)
        dialog.open()
        return dialog
