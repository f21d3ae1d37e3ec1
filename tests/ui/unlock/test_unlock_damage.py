"""The window takes the same path as the command line: an empty or missing journal.db is damage
with the same sentence (and the backup to restore), and a WAL that is not a WAL is a lost WAL,
with the same offer to open the journal as it is. Nothing on disk changes."""

from __future__ import annotations

import os
import signal
import subprocess
import sys

import pytest

from reflect.common.errors import DatabaseGone
from reflect.journal.journal import Journal
from tests.store.test_damage import WRITER
from tests.store.test_failed_open import garble_wal_header, listing
from tests.ui.conftest import PASSPHRASE


@pytest.mark.parametrize("state", ["empty", "missing"])
def test_an_empty_or_missing_database_says_so_and_names_the_backup(
        make_window, driver, existing, state):
    folder, _ = existing
    with Journal.unlock(folder, passphrase=PASSPHRASE) as journal:
        backup = journal.vault.backup("manual")
    db = folder / "journal.db"
    if state == "empty":
        db.write_bytes(b"")
    else:
        db.unlink()
    with pytest.raises(DatabaseGone) as raised:  # the sentence the command line prints
        Journal.unlock(folder, passphrase=PASSPHRASE)
    before = listing(folder)
    window = make_window(folder)
    assert window.stack.currentWidget() is window.unlock_view  # never offered as a new journal
    driver.unlock(window, PASSPHRASE)
    message = driver.wait_failed(window)
    assert str(raised.value) in message
    assert f"journal.db is {state}" in message and str(backup) in message
    assert window.shell is None
    assert listing(folder) == before


def test_a_garbled_wal_is_a_lost_wal_with_the_same_offer(qtbot, make_window, driver, existing):
    from PySide6.QtWidgets import QMessageBox

    folder, _ = existing
    child = subprocess.Popen([sys.executable, "-c", WRITER, str(folder), PASSPHRASE],
                             stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    assert child.stdout.readline().strip() == "saved"
    os.kill(child.pid, signal.SIGKILL)
    child.wait()
    garble_wal_header(folder / "journal.db-wal")
    before = listing(folder)
    window = make_window(folder)
    driver.unlock(window, PASSPHRASE)
    assert "recent changes" in driver.wait_failed(window)
    assert listing(folder) == before
    qtbot.waitUntil(lambda: window.wal_question is not None, timeout=5_000)
    assert "journal.db-wal is damaged" in window.wal_question.informativeText() + \
        window.wal_question.text() + window.wal_question.detailedText() + \
        window.unlock_view.error.text()
    window.wal_question.button(QMessageBox.StandardButton.Open).click()
    driver.wait_unlocked(window)
    assert window.journal.search("late").total == 0
