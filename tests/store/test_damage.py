"""Damage after a crash or on disk gets its own message, and looking changes nothing."""

import os
import signal
import subprocess
import sys
import textwrap

import pytest

from reflect.common.errors import DatabaseDamaged, WalMissing
from reflect.journal.journal import Journal
from reflect.store.check import run_checks
from tests.conftest import PASSPHRASE
from tests.store.test_vault import snapshot

WRITER = textwrap.dedent("""
    import sys
    from reflect.journal.journal import Journal
    journal = Journal.unlock(sys.argv[1], passphrase=sys.argv[2])
    for n in range(5):
        journal.add_entry(f"late entry {n}", "written just before the crash")
    print("saved", flush=True)
    sys.stdin.read()
""")


def crash_while_open(journal_dir):
    child = subprocess.Popen([sys.executable, "-c", WRITER, str(journal_dir), PASSPHRASE],
                             stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    assert child.stdout.readline().strip() == "saved"
    os.kill(child.pid, signal.SIGKILL)
    child.wait()


def test_a_crash_with_its_wal_is_recovered_in_full(new_journal, journal_dir):
    new_journal.close()
    crash_while_open(journal_dir)
    assert (journal_dir / "journal.db-wal").exists()
    with Journal.unlock(journal_dir, passphrase=PASSPHRASE) as journal:
        assert journal.search("late").total == 5


def test_a_missing_wal_after_a_crash_is_named_and_nothing_changes(new_journal, journal_dir):
    new_journal.close()
    crash_while_open(journal_dir)
    (journal_dir / "journal.db-wal").unlink()
    before = snapshot(journal_dir)
    with pytest.raises(WalMissing, match=r"journal\.db-wal"):
        Journal.unlock(journal_dir, passphrase=PASSPHRASE)
    assert snapshot(journal_dir) == before
    from reflect.store.layout import derive_data_key

    key = derive_data_key(journal_dir, passphrase=PASSPHRASE)
    with Journal.open_with_key(journal_dir, key, accept_missing_wal=True) as journal:
        assert run_checks(journal.vault) == []


def damage_a_middle_page(db) -> None:
    """Zero 32 bytes inside a page halfway through the file: page 1 still decrypts."""
    data = bytearray(db.read_bytes())
    middle = (len(data) // 4096 // 2) * 4096 + 100
    data[middle:middle + 32] = bytes(32)
    db.write_bytes(bytes(data))


def test_a_damaged_page_inside_is_found_by_check_and_no_byte_changes(new_journal,
                                                                      journal_dir):
    for n in range(60):
        new_journal.add_entry(f"entry {n}", "text " * 400)
    new_journal.close()
    damage_a_middle_page(journal_dir / "journal.db")
    before = snapshot(journal_dir)
    with Journal.unlock(journal_dir, passphrase=PASSPHRASE) as journal:
        try:
            problems = run_checks(journal.vault)
        except DatabaseDamaged:
            problems = ["damaged"]
    assert problems, "the damaged page went unnoticed"
    assert snapshot(journal_dir) == before
