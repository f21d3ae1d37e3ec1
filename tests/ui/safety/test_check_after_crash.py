"""After the journal was left without a clean close, its pages are checked once the window has
opened it (issue 10, case 10): a damaged page that opening does not read is found at once and
the newest good backup is offered as a button, instead of going unnoticed while entries are
written. After a clean close nothing extra runs."""

from __future__ import annotations

import os
import signal
import subprocess
import sys

from reflect.journal.journal import Journal
from reflect.store.backups import list_backups
from reflect.ui.safety.journal_actions import CHECK_JOB
from reflect.ui.safety.restore_dialog import restore_offer
from reflect.ui.workers import running_jobs
from tests.store.test_damage import WRITER, damage_a_middle_page
from tests.ui.conftest import PASSPHRASE


def _crash_while_open(folder) -> None:
    """A real unclean close: another process writes, then is killed (-wal and -shm stay)."""
    child = subprocess.Popen([sys.executable, "-c", WRITER, str(folder), PASSPHRASE],
                             stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    assert child.stdout.readline().strip() == "saved"
    os.kill(child.pid, signal.SIGKILL)
    child.wait()


def _jobs_at_unlock(window) -> list[str]:
    """The names of the jobs running when the shell appears (they start in the same call)."""
    seen: list[str] = []
    window.unlocked.connect(lambda: seen.extend(job.name for job in running_jobs()))
    return seen


def test_after_a_crash_a_damaged_page_is_found_at_open_and_the_newest_backup_offered(
        qtbot, make_window, driver, existing, folder):
    with Journal.unlock(folder, passphrase=PASSPHRASE) as journal:
        for n in range(40):
            journal.add_entry(f"bulk {n}", "words " * 300)
        made = journal.vault.backup("auto")  # the good backup (and none is due at unlock)
    _crash_while_open(folder)
    assert (folder / "journal.db-wal").exists()
    damage_a_middle_page(folder / "journal.db")

    window = make_window(folder, pages=[])  # pages would read the damaged page themselves
    seen = _jobs_at_unlock(window)
    driver.unlock(window, PASSPHRASE)
    driver.wait_unlocked(window)
    assert CHECK_JOB in seen  # started at open, on a worker thread
    actions = window.journal_actions
    qtbot.waitUntil(lambda: actions.restore_offer is not None, timeout=20_000)
    backup = next(b for b in list_backups(folder) if b.path == made)
    assert actions.restore_offer.text() == restore_offer(backup)
    assert "check failed" in actions.last_message.text()
    actions.restore_offer.click()
    qtbot.waitUntil(lambda: actions.restore_dialog is not None
                    and actions.restore_dialog.isVisible(), timeout=5_000)
    assert actions.restore_dialog.chosen == made


def test_after_a_crash_a_sound_journal_is_checked_quietly(qtbot, make_window, driver,
                                                          existing, folder):
    _crash_while_open(folder)
    window = make_window(folder)
    seen = _jobs_at_unlock(window)
    driver.unlock(window, PASSPHRASE)
    driver.wait_unlocked(window)
    assert CHECK_JOB in seen
    qtbot.waitUntil(lambda: "every page sound" in window.statusBar().currentMessage(),
                    timeout=20_000)
    assert window.journal_actions.last_message is None


def test_after_a_clean_close_no_check_runs_at_open(qtbot, make_window, driver, existing,
                                                   folder):
    assert not (folder / "journal.db-wal").exists()
    window = make_window(folder)
    seen = _jobs_at_unlock(window)
    driver.unlock(window, PASSPHRASE)
    driver.wait_unlocked(window)
    assert seen and CHECK_JOB not in seen  # the automatic backup only
    qtbot.waitUntil(lambda: not running_jobs(), timeout=10_000)
    assert window.journal_actions.last_message is None
    # Locked and opened again in the same window: still a clean close, still no check.
    window.lock()
    seen.clear()
    driver.unlock(window, PASSPHRASE)
    driver.wait_unlocked(window)
    assert CHECK_JOB not in seen
