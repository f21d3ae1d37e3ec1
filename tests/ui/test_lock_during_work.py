"""Lock while work runs on the open journal (issue 10, case 12): a backup is let finish while the
lock screen says "Finishing the backup…", an export is stopped and leaves no file, and only
then is the journal closed. The work is held mid-way through its own progress hook (called on
the worker thread, where the domain is at a safe point), so the timing is deterministic."""

from __future__ import annotations

import threading
from collections.abc import Iterator

import pytest
import shiboken6
from PySide6.QtCore import Qt

from reflect.store.backups import list_backups, verify
from reflect.store.layout import db_path, derive_data_key
from reflect.store.sqlcipher import raw_connect
from reflect.ui.workers import running_jobs


def _open_idle(qtbot, make_window, driver, folder, passphrase, **kwargs):
    """An unlocked window whose automatic backup (started at unlock) has reported back."""
    window = make_window(folder, **kwargs)
    driver.unlock(window, passphrase)
    driver.wait_unlocked(window)
    qtbot.waitUntil(lambda: not running_jobs(), timeout=10_000)
    return window


class Hold:
    """A progress hook that parks the worker thread until released."""

    def __init__(self) -> None:
        self.reached = threading.Event()
        self.release = threading.Event()

    def __call__(self, *_progress) -> None:
        self.reached.set()
        self.release.wait(30)


@pytest.fixture
def hold() -> Iterator[Hold]:
    """Released at the end whatever happens, so a failing test leaves no job parked."""
    parked = Hold()
    yield parked
    parked.release.set()


def test_ctrl_l_during_a_backup_says_so_and_locks_once_the_backup_is_complete(
        qtbot, make_window, driver, existing, passphrase, hold):
    folder = existing[0]
    window = _open_idle(qtbot, make_window, driver, folder, passphrase)
    journal, actions = window.journal, window.journal_actions
    actions.backup_progressed.connect(hold, Qt.ConnectionType.DirectConnection)
    locked: list[bool] = []
    window.locked.connect(lambda: locked.append(journal.is_open))

    actions.backup_action.trigger()
    assert hold.reached.wait(10)  # the copy is under way and parked between two steps
    window.activateWindow()
    qtbot.waitActive(window)
    qtbot.keyClick(window.shell.nav, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)

    # The screen is cleared at once, but the journal stays open for the backup, and says so.
    assert window.shell is None and window.lock_pending and not window.is_locked
    assert journal.is_open and locked == []
    view = window.unlock_view
    assert window.stack.currentWidget() is view and view.is_busy
    assert view.busy.label.text().startswith("Finishing the backup…")
    assert view.busy.label.isVisible() and not view.secret_edit.isEnabled()
    assert window.statusBar().currentMessage().startswith("Finishing the backup…")
    assert not any(b.label == "manual" for b in list_backups(folder))  # not done yet

    with qtbot.waitSignal(window.locked, timeout=10_000):
        hold.release.set()
    assert locked == [False]  # locked was announced after the journal had closed
    assert window.is_locked and not journal.is_open and not window.lock_pending
    assert view.secret_edit.isEnabled() and not view.is_busy

    backup = next(b for b in list_backups(folder) if b.label == "manual")
    key = derive_data_key(backup.path, passphrase=passphrase)
    verify(backup.path, key)  # complete: opens and passes SQLite's quick check
    copy = raw_connect(db_path(backup.path), key, read_only=True)
    try:
        assert copy.execute("SELECT count(*) FROM entry").fetchone()[0] == 1
    finally:
        copy.close()


def test_idle_lock_during_a_mentor_pack_export_stops_it_and_leaves_no_file(
        qtbot, make_window, driver, existing, passphrase, tmp_path, hold):
    folder = existing[0]
    window = _open_idle(qtbot, make_window, driver, folder, passphrase)
    journal = window.journal
    window.shell.show_page("Profile")
    dialog = window.shell.page("Profile").open_export_dialog()
    dialog.relay.progressed.connect(hold, Qt.ConnectionType.DirectConnection)
    out = tmp_path / "exports"
    out.mkdir()

    assert dialog.export_to(out / "mentor-pack.pdf")
    assert hold.reached.wait(30)  # laying out pages, nothing written yet
    window.set_auto_lock_ms(200)
    qtbot.waitUntil(lambda: window.lock_pending, timeout=5_000)
    message = window.unlock_view.busy.label.text()
    assert message.startswith("Stopping the mentor pack export…")
    assert journal.is_open  # still open for the export to reach its safe point
    assert not shiboken6.isValid(dialog) or not dialog.isVisible()  # gone with the shell

    with qtbot.waitSignal(window.locked, timeout=10_000):
        hold.release.set()
    assert window.is_locked and not journal.is_open
    assert list(out.iterdir()) == []  # no pack, no half-written temporary file
    assert "without activity" in window.statusBar().currentMessage()


def test_a_lock_with_nothing_running_is_immediate(qtbot, make_window, driver, existing,
                                                  passphrase):
    window = _open_idle(qtbot, make_window, driver, existing[0], passphrase)
    journal = window.journal
    assert window.lock()
    assert window.is_locked and not window.lock_pending and not journal.is_open


def test_quit_during_a_backup_locks_after_it_then_closes(qtbot, make_window, driver, existing,
                                                         passphrase, hold):
    folder = existing[0]
    window = _open_idle(qtbot, make_window, driver, folder, passphrase)
    journal, actions = window.journal, window.journal_actions
    actions.backup_progressed.connect(hold, Qt.ConnectionType.DirectConnection)
    actions.backup_action.trigger()
    assert hold.reached.wait(10)
    window.quit_action.trigger()
    assert window.isVisible() and window.lock_pending and journal.is_open
    hold.release.set()
    qtbot.waitUntil(lambda: not window.isVisible(), timeout=10_000)
    assert not journal.is_open
    backup = next(b for b in list_backups(folder) if b.label == "manual")
    verify(backup.path, derive_data_key(backup.path, passphrase=passphrase))
