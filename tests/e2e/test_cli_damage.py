"""Damage through the real ``reflect`` command: a missing, empty or unreadable journal.db and a
WAL that is not a WAL each get exit 5 or 11 and one sentence, never "unexpected …", and looking
changes nothing; ``check`` names the very damage it exists for."""

from __future__ import annotations

import pytest

from reflect.journal.journal import Journal
from reflect.store.envelope import KdfParams
from tests.conftest import PASSPHRASE
from tests.e2e.conftest import assert_clean_error, run
from tests.store.test_damage import crash_while_open
from tests.store.test_failed_open import damage_page_2, garble_wal_header, listing

COMMANDS = (("list",), ("search", "text"), ("add", "--title", "new"), ("check",))


@pytest.fixture
def backed_up(journal_dir):
    """A closed journal with entries and one manual backup; returns the backup's folder."""
    journal, _ = Journal.create(journal_dir, PASSPHRASE, KdfParams.cheap())
    with journal:
        for n in range(30):
            journal.add_entry(f"entry {n}", "text " * 400)
        return journal.vault.backup("manual")


@pytest.mark.parametrize("state", ["empty", "missing"])
@pytest.mark.parametrize("command", COMMANDS, ids=lambda c: c[0])
def test_an_empty_or_missing_database_is_damage_and_nothing_is_written(
        journal_dir, backed_up, state, command):
    db = journal_dir / "journal.db"
    if state == "empty":
        db.write_bytes(b"")
    else:
        db.unlink()
    before = listing(journal_dir)
    result = run(journal_dir, *command, stdin="a body")
    assert_clean_error(result, 5)
    assert f"journal.db is {state}" in result.stderr
    assert str(backed_up) in result.stderr  # which backup to restore
    assert listing(journal_dir) == before  # no byte written, no file created
    if state == "empty":
        assert db.stat().st_size == 0


@pytest.mark.parametrize("command", COMMANDS, ids=lambda c: c[0])
def test_a_folder_in_place_of_the_database_is_damage(journal_dir, backed_up, command):
    (journal_dir / "journal.db").unlink()
    (journal_dir / "journal.db").mkdir()
    before = listing(journal_dir)
    result = run(journal_dir, *command, stdin="a body")
    assert_clean_error(result, 5)
    assert "not a file" in result.stderr and "unexpected" not in result.stderr
    assert listing(journal_dir) == before


@pytest.mark.parametrize("command", COMMANDS[:3], ids=lambda c: c[0])
def test_a_damaged_second_page_is_reported_as_damage(journal_dir, backed_up, command):
    damage_page_2(journal_dir / "journal.db")
    before = listing(journal_dir)
    result = run(journal_dir, *command, stdin="a body")
    assert_clean_error(result, 5)
    assert "damaged" in result.stderr and "unexpected" not in result.stderr
    assert listing(journal_dir) == before


def test_check_names_a_damaged_second_page_and_the_backup(journal_dir, backed_up):
    damage_page_2(journal_dir / "journal.db")
    before = listing(journal_dir)
    result = run(journal_dir, "check")
    assert result.returncode == 5, result.stderr
    assert "Traceback" not in result.stderr and "unexpected" not in result.stderr
    assert "page 2" in result.stderr
    assert f"restore {backed_up}" in result.stderr
    assert listing(journal_dir) == before


def test_a_wal_overwritten_with_garbage_is_a_lost_wal(journal_dir, backed_up):
    crash_while_open(journal_dir)
    garble_wal_header(journal_dir / "journal.db-wal")
    before = listing(journal_dir)
    for command in COMMANDS:
        result = run(journal_dir, *command, stdin="a body")
        assert_clean_error(result, 11)
        assert "journal.db-wal" in result.stderr and "--accept-missing-wal" in result.stderr
    assert listing(journal_dir) == before
    accepted = run(journal_dir, "--accept-missing-wal", "list", "--limit", "100")
    assert accepted.returncode == 0, accepted.stderr
    assert "late entry" not in accepted.stdout and "entry 29" in accepted.stdout
