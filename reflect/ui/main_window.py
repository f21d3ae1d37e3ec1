"""The one window: create (first run) → unlock → shell, and back to unlock on lock.

The window owns the open Journal. Everything slow (Argon2id, opening and migrating the
database, talking to the keyring) runs on a worker thread while the current screen shows a
busy indicator, so the window never freezes. Locking (Ctrl+L, the idle timer, sleep) lets the
pages save drafts, destroys the shell with every decrypted view in it and closes the journal
(dropping the key). Work still running on the journal (a backup, a check, an export) is never
cut off: lock stops what may stop at its next safe point, shows "Finishing the backup…" while
the rest finishes, and closes the journal when the last job has reported back.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from pathlib import Path

import shiboken6
from PySide6.QtCore import QSize, QTimer, Signal
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence, QShowEvent
from PySide6.QtWidgets import QDialog, QMainWindow, QMessageBox, QWidget

from reflect.common.errors import WalMissing
from reflect.common.settings import Settings
from reflect.journal.journal import Journal
from reflect.journal.reader_level import reader_level, set_reader_level
from reflect.safety import maintenance, security
from reflect.store.envelope import KdfParams
from reflect.store.layout import journal_exists
from reflect.ui import window_fit
from reflect.ui.feedback.pdf_drop import install_pdf_drop
from reflect.ui.help.menu import HelpMenu
from reflect.ui.idle import IdleWatcher
from reflect.ui.interchange.menu import InterchangeActions
from reflect.ui.journal.search_dialog import SearchDialog
from reflect.ui.safety.journal_actions import JournalActions, ask_open_anyway
from reflect.ui.safety.preferences import PreferencesDialog
from reflect.ui.shell import PageFactory, Shell
from reflect.ui.sleep_watch import SleepWatcher
from reflect.ui.unlock.create_view import CreateView
from reflect.ui.unlock.unlock_view import UnlockView
from reflect.ui.widgets.messages import open_failure
from reflect.ui.widgets.spelling import set_spell_check
from reflect.ui.workers import Job, run_in_thread, running_jobs, wait_for_jobs, when_idle

log = logging.getLogger(__name__)

WINDOW_TITLE = "Reflect"
# A job that ends within this grace is simply waited for, so no message flashes by.
LOCK_GRACE_S = 0.5
#: Logical pixels, cut down to the screen: at 200 % a 1366×768 laptop has 683×384.
OPENING_SIZE = QSize(900, 600)
MINIMUM_SIZE = QSize(560, 420)


def _close_quietly(result: object) -> None:
    """A journal opened for a window that has gone: release its lock and key."""
    if isinstance(result, security.Unlocked):
        result = result.journal
    for journal in result if isinstance(result, tuple) else (result,):
        if isinstance(journal, Journal):  # (journal, recovery key) or (remembered, journal)
            journal.close()


def _and(names: list[str]) -> str:
    return names[0] if len(names) == 1 else f"{', '.join(names[:-1])} and {names[-1]}"


def finishing_message(jobs: Sequence[Job]) -> str:
    """What the lock screen says while lock waits: "Finishing the backup…", "Stopping the
    mentor pack export…", or both."""
    waited = list(dict.fromkeys(j.name for j in jobs if not j.cancellable))
    stopped = list(dict.fromkeys(j.name for j in jobs if j.cancellable))
    parts = ([f"finishing {_and(waited)}"] if waited else []) + (
        [f"stopping {_and(stopped)}"] if stopped else [])
    text = " and ".join(parts)
    return f"{text[:1].upper()}{text[1:]}… The journal locks as soon as that is done."


class MainWindow(QMainWindow):
    """Create / unlock / shell in a stack, with File > Lock and idle auto-lock.

    Public surface for later work:
    ``journal`` (the open Journal or None), ``shell`` (the Shell or None), ``lock()``,
    ``is_locked``, ``lock_pending`` (the screen is cleared, the journal closes once the work
    running on it is done), signals ``unlocked`` and ``locked``, ``set_auto_lock_ms()``; pages come
    from ``pages`` (default :data:`reflect.ui.shell.PAGES`).
    """

    unlocked = Signal()
    locked = Signal()

    def __init__(self, folder: Path, *, recovery: bool = False,
                 kdf_params: KdfParams | None = None, settings: Settings | None = None,
                 pages: Sequence[tuple[str, PageFactory]] | None = None,
                 journal: Journal | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.folder = Path(folder)
        self.settings = settings if settings is not None else Settings.load()
        set_spell_check(self.settings.spell_check)
        self._kdf_params = kdf_params
        self._pages = pages
        self._remembered = False
        self._closing = False
        self._lock_pending = False
        self._after_lock: list[Callable[[], object]] = []
        self._lock_note: str | None = None
        self._unclean_close = False  # found before opening: check the pages once it is open
        self.journal: Journal | None = None
        self.shell: Shell | None = None
        self.wal_question: QMessageBox | None = None

        self.setWindowTitle(WINDOW_TITLE)
        # Within the screen it opens on, at any scaling; the last size if it still fits.
        window_fit.place(self, OPENING_SIZE, MINIMUM_SIZE, window_fit.load_placement())
        self._placed = False

        self.stack = window_fit.CurrentPageStack()
        self.setCentralWidget(window_fit.scrolling(self.stack, "windowScroll"))
        self.create_view = CreateView(self.folder)
        self.unlock_view = UnlockView(self.folder)
        self.stack.addWidget(self.create_view)
        self.stack.addWidget(self.unlock_view)
        self.create_view.create_requested.connect(self._create)
        self.create_view.finished.connect(self._created)
        self.unlock_view.unlock_requested.connect(self._unlock)

        self.idle = IdleWatcher(IdleWatcher.minutes_to_ms(self.settings.auto_lock_minutes), self)
        self.idle.idle.connect(self._idle_lock)
        self.sleep_watch = SleepWatcher(self)
        self.sleep_watch.sleeping.connect(self._sleep_lock)
        self._build_menus()
        self.pdf_drop = install_pdf_drop(self)  # returned 360 forms dropped on the window
        self.statusBar().setSizeGripEnabled(False)

        if journal is not None:  # opened elsewhere (the demo): straight into the shell
            self.open_journal(journal)
        elif journal_exists(self.folder):
            self._show_unlock(recovery=recovery)
            self._try_remembered_key(open_it=not recovery)
        else:
            self.stack.setCurrentWidget(self.create_view)
            self.create_view.passphrase_page.passphrase_edit.setFocus()

    # -- menus -------------------------------------------------------------------------------
    def _build_menus(self) -> None:
        file_menu = self.menuBar().addMenu("&File")
        self.lock_action = QAction("&Lock", self)
        self.lock_action.setShortcut(QKeySequence("Ctrl+L"))
        self.lock_action.setStatusTip("Close the journal and clear the screen")
        self.lock_action.triggered.connect(lambda: self.lock())
        self.lock_action.setEnabled(False)
        file_menu.addAction(self.lock_action)
        file_menu.addSeparator()
        self.journal_actions = JournalActions(self, file_menu, self._kdf_params)
        self.interchange_actions = InterchangeActions(self, file_menu, self.journal_actions)
        file_menu.addSeparator()
        self.quit_action = QAction("&Quit", self)
        self.quit_action.setShortcut(QKeySequence("Ctrl+Q"))
        self.quit_action.setMenuRole(QAction.MenuRole.QuitRole)
        self.quit_action.triggered.connect(self.close)
        file_menu.addAction(self.quit_action)

        edit_menu = self.menuBar().addMenu("&Edit")
        self.search_action = QAction("&Search…", self)
        self.search_action.setShortcut(QKeySequence("Ctrl+F"))
        self.search_action.setStatusTip("Find any entry as you type")
        self.search_action.triggered.connect(self.open_search)
        self.search_action.setEnabled(False)
        edit_menu.addAction(self.search_action)
        edit_menu.addSeparator()
        self.search_dialog: SearchDialog | None = None
        self.preferences_action = QAction("&Preferences…", self)
        preferences_keys = QKeySequence(QKeySequence.StandardKey.Preferences)
        self.preferences_action.setShortcut(
            preferences_keys if not preferences_keys.isEmpty() else QKeySequence("Ctrl+,"))
        self.preferences_action.setMenuRole(QAction.MenuRole.PreferencesRole)
        self.preferences_action.triggered.connect(self.open_preferences)
        edit_menu.addAction(self.preferences_action)
        self.preferences_dialog: PreferencesDialog | None = None
        self.help_menu = HelpMenu(self, self.menuBar().addMenu("&Help"), self.folder)

    # -- state ---------------------------------------------------------------------------------
    @property
    def is_locked(self) -> bool:
        """The journal is closed (or was never open) and the shell is gone."""
        return self.shell is None and not self._lock_pending

    @property
    def lock_pending(self) -> bool:
        """Lock was asked for: the screen is cleared, the journal still open for a job."""
        return self._lock_pending

    def set_auto_lock_ms(self, ms: int) -> None:
        """Idle delay in milliseconds (tests use tiny values; 0 = never)."""
        self.idle.set_timeout_ms(ms)

    def _accept_journal(self, journal: Journal) -> bool:
        """False (and the journal closed) if the window is closing and cannot take it."""
        if self._closing:
            journal.close()
            return False
        return True

    # -- first run -------------------------------------------------------------------------------
    def _create(self, passphrase: str) -> None:
        self.create_view.set_busy("Creating your journal… this takes a moment.")
        folder, params = self.folder, self._kdf_params
        run_in_thread(lambda: Journal.create(folder, passphrase, params),
                      on_success=self._create_done, on_failure=self._create_failed,
                      owner=self, discard=_close_quietly)

    def _create_done(self, result: tuple[Journal, str]) -> None:
        journal, recovery_key = result
        if not self._accept_journal(journal):
            return
        self.journal = journal  # open, but no shell until the recovery key is confirmed
        set_reader_level(journal, self.create_view.reader_level)  # one small row
        self.create_view.show_recovery_key(recovery_key)

    def _create_failed(self, exc: BaseException) -> None:
        self.create_view.show_failure(open_failure(exc))

    def _created(self) -> None:
        if self.journal is not None:
            self._enter_shell(self.journal)

    # -- unlocking -------------------------------------------------------------------------------
    def _show_unlock(self, *, recovery: bool = False) -> None:
        available, reason = security.can_remember()
        view = self.unlock_view
        view.set_remember_available(available, reason)
        view.set_remembered(self._remembered)
        view.set_recovery_mode(recovery)
        view.reset()
        self.stack.setCurrentWidget(view)
        view.secret_edit.setFocus()

    def _try_remembered_key(self, *, open_it: bool) -> None:
        """At startup only: a key remembered on this device opens the journal unasked (in
        recovery mode it only ticks the box, so the person sees it is remembered)."""
        if not security.can_remember()[0]:
            return
        folder = self.folder

        def find_and_open() -> tuple[bool, Journal | None]:
            if not open_it:
                return security.has_remembered_key(folder), None
            journal = security.open_remembered(folder)
            return journal is not None, journal

        if open_it:
            self._unclean_close = maintenance.closed_uncleanly(folder)
            self.unlock_view.set_busy("Opening with the key remembered on this device…")
        run_in_thread(find_and_open, on_success=self._remembered_done,
                      on_failure=self._remembered_failed, owner=self, discard=_close_quietly)

    def _remembered_done(self, result: tuple[bool, Journal | None]) -> None:
        remembered, journal = result
        self._remembered = remembered
        self.unlock_view.set_busy(None)
        self.unlock_view.set_remembered(remembered)
        if journal is not None and self._accept_journal(journal):
            self._enter_shell(journal)

    def _remembered_failed(self, exc: BaseException) -> None:
        self.unlock_view.show_failure(open_failure(exc))

    def _unlock(self, secret: str, use_recovery: bool, remember: bool,
                accept_missing_wal: bool = False) -> None:
        what = "recovery key" if use_recovery else "passphrase"
        self.unlock_view.set_busy(f"Checking your {what} and opening the journal…")
        folder = self.folder
        self._unclean_close = maintenance.closed_uncleanly(folder)
        run_in_thread(lambda: security.unlock(folder, secret, recovery=use_recovery,
                                              remember=remember,
                                              accept_missing_wal=accept_missing_wal),
                      on_success=lambda opened: self._unlock_done(opened, wanted=remember),
                      on_failure=lambda exc: self._unlock_failed(
                          exc, use_recovery, retry=lambda: self._unlock(
                              secret, use_recovery, remember, accept_missing_wal=True)),
                      owner=self, discard=_close_quietly)

    def _unlock_done(self, opened: security.Unlocked, *, wanted: bool) -> None:
        journal = opened.journal
        if not self._accept_journal(journal):
            return
        self._remembered = opened.remembered
        self.unlock_view.reset()
        self._enter_shell(journal)
        if wanted and not opened.remembered:
            self.statusBar().showMessage(
                "The key could not be kept in the system keyring; you will be asked for the "
                "passphrase next time.", 10_000)

    def _unlock_failed(self, exc: BaseException, use_recovery: bool, retry=None) -> None:
        self.unlock_view.show_failure(open_failure(exc, recovery=use_recovery))
        if isinstance(exc, WalMissing) and retry is not None:
            self.wal_question = ask_open_anyway(self, retry)

    # -- the open journal ----------------------------------------------------------------------
    def open_journal(self, journal: Journal) -> None:
        """Enter the shell with a journal opened elsewhere (``reflect --demo`` builds one).
        The window owns it from now on: lock and close close it."""
        if self.journal is not None:
            self._close_journal()
        if self._accept_journal(journal):
            self._enter_shell(journal)

    def _enter_shell(self, journal: Journal) -> None:
        self.journal = journal
        self.shell = Shell(journal, self._pages)
        self.shell.message.connect(lambda text: self.statusBar().showMessage(text, 5_000))
        self.stack.addWidget(self.shell)
        self.stack.setCurrentWidget(self.shell)
        self.lock_action.setEnabled(True)
        self.search_action.setEnabled(True)
        self.journal_actions.set_unlocked(True)
        self.journal_actions.automatic_backup()
        if self._unclean_close:
            self._unclean_close = False
            self.journal_actions.check_after_unclean_close()
        self.statusBar().clearMessage()
        self.idle.start()
        self.shell.nav.setFocus()
        self.unlocked.emit()

    def _clear_screen(self) -> None:
        """Flush pages, close every dialog, destroy the shell; the journal stays open."""
        self.idle.stop()
        shell, self.shell = self.shell, None
        if shell is None:  # already cleared: what a job said since (its result) may stay
            return
        shell.prepare_to_lock()
        for dialog in self.findChildren(QDialog):
            dialog.reject()
        self.stack.removeWidget(shell)
        shell.hide()
        shell.deleteLater()
        self.lock_action.setEnabled(False)
        self.search_action.setEnabled(False)
        self.journal_actions.set_unlocked(False)

    def _close_journal(self) -> None:
        """Clear the screen and close the journal. Safe to call twice."""
        self._clear_screen()
        journal, self.journal = self.journal, None
        if journal is not None:
            try:
                journal.close()
            except Exception:  # the key is dropped regardless; say so in the log only
                log.exception("closing the journal failed")

    def lock(self, then: Callable[[], object] | None = None) -> bool:
        """Close the journal and show the unlock screen; False if nothing was open.

        The decrypted views go at once. A job still running on the journal is first asked
        to stop (an export) or let finish (a backup, a check) while the lock screen says so;
        the journal closes, ``locked`` is emitted and ``then()`` runs once the last job has
        reported back.
        """
        if self.shell is None and not self._lock_pending:
            return False
        if then is not None:
            self._after_lock.append(then)
        if self._lock_pending:
            return True
        self._clear_screen()  # the decrypted views go before any waiting
        jobs = self._stop_jobs()
        if not jobs:
            self._finish_lock()
            return True
        self._lock_pending = True
        message = finishing_message(jobs)
        self.stack.setCurrentWidget(self.unlock_view)
        self.unlock_view.set_busy(message)
        self.statusBar().showMessage(message)
        journal = self.journal

        def finished() -> None:
            if shiboken6.isValid(self):
                self._finish_lock()
            else:  # the window went first: the key must go all the same
                _close_quietly(journal)

        when_idle(finished)
        return True

    @staticmethod
    def _stop_jobs() -> list[Job]:
        """Cancel the jobs that may stop, give all a brief grace; those still working."""
        jobs = [job for job in running_jobs() if job.working]
        for job in jobs:
            if job.cancellable:
                job.cancel()
        return wait_for_jobs(jobs, LOCK_GRACE_S)

    def _finish_lock(self) -> None:
        self._lock_pending = False
        self._close_journal()
        self._show_unlock()
        self.statusBar().showMessage(self._lock_note or "Locked. Your journal is closed.",
                                     0 if self._lock_note else 5_000)
        self._lock_note = None
        self.locked.emit()
        after, self._after_lock = self._after_lock, []
        for then in after:
            then()

    def _lock_saying(self, note: str) -> None:
        if self.shell is not None or self._lock_pending:
            self._lock_note = note
            self.lock()

    def _sleep_lock(self) -> None:
        if self.settings.lock_on_sleep:
            self._lock_saying("Locked when the computer went to sleep.")

    def _idle_lock(self) -> None:
        self._lock_saying("Locked after a period without activity.")

    # -- search ------------------------------------------------------------------------------------
    def open_search(self) -> SearchDialog | None:
        """Ctrl+F from any page while unlocked; one dialog at a time, gone on lock."""
        if self.journal is None or self.shell is None:
            return None
        if self.search_dialog is None:
            dialog = SearchDialog(self.journal, self)
            dialog.open_entry_requested.connect(self._open_entry)
            dialog.reveal_requested.connect(self.shell.reveal)
            dialog.finished.connect(dialog.deleteLater)
            dialog.finished.connect(self._search_closed)
            self.search_dialog = dialog
            dialog.open()
        self.search_dialog.raise_()
        self.search_dialog.activateWindow()
        self.search_dialog.search_edit.setFocus()
        return self.search_dialog

    def _search_closed(self) -> None:
        self.search_dialog = None

    def _open_entry(self, entry_id: int) -> None:
        if self.shell is not None:
            self.shell.open_entry(entry_id)

    # -- preferences -----------------------------------------------------------------------------
    def open_preferences(self) -> PreferencesDialog:
        """Window-modal, not blocking: the idle timer keeps running behind it."""
        open_journal = self.journal if self.shell is not None else None
        space = (self.journal_actions.backup_space() if open_journal is not None else None)
        dialog = PreferencesDialog(self.settings, self, reader_level=reader_level(open_journal)
                                   if open_journal is not None else None, journal=open_journal,
                                   backup_space=space)
        dialog.accepted.connect(lambda: self._apply_preferences(dialog))
        dialog.finished.connect(dialog.deleteLater)
        self.preferences_dialog = dialog
        dialog.open()
        return dialog

    def _apply_preferences(self, dialog: PreferencesDialog) -> None:
        dialog.apply_to(self.settings)
        journal, level = self.journal, dialog.reader_level
        if level is not None and self.shell is not None and journal is not None:
            set_reader_level(journal, level)  # Home follows the change
            dialog.apply_to_journal(journal)  # the retention period
        self.idle.set_timeout_minutes(self.settings.auto_lock_minutes)
        set_spell_check(self.settings.spell_check)
        try:
            Settings.update(auto_lock_minutes=self.settings.auto_lock_minutes,
                            lock_on_sleep=self.settings.lock_on_sleep,
                            spell_check=self.settings.spell_check,
                            agree_within_days=self.settings.agree_within_days,
                            backup_budget_mb=self.settings.backup_budget_mb)
        except OSError as exc:
            self.statusBar().showMessage(
                f"The preferences apply now but could not be saved ({exc.strerror}).", 10_000)

    # -- on the screen --------------------------------------------------------------------------
    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if not self._placed:  # the frame is known now: make sure the title bar is on screen
            self._placed = True
            QTimer.singleShot(0, self, lambda: window_fit.keep_on_screen(self))

    # -- closing -----------------------------------------------------------------------------------
    def closeEvent(self, event: QCloseEvent) -> None:
        if (self.shell is not None or self._lock_pending) and self._stop_jobs():
            event.ignore()  # a backup must not be cut off: lock as usual, then close
            if not self._lock_pending:  # (from the event loop: not inside this event)
                self.lock(then=lambda: QTimer.singleShot(0, self, self.close))  # not once gone
            return
        self._closing = True
        self._close_journal()
        if self._placed:
            window_fit.save_placement(self)
        super().closeEvent(event)
