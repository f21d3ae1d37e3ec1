"""The vault as a user relies on it: encrypted at rest, three distinct unlock failures that
change nothing on disk, passphrase changes that never rewrite the database, one process."""

from pathlib import Path

import pytest

from reflect.common import atomic
from reflect.common.errors import (
    DatabaseDamaged,
    JournalExists,
    JournalInUse,
    JournalNotFound,
    KeyFileDamaged,
    WriteFailed,
    WrongSecret,
)
from reflect.journal.journal import Journal
from reflect.store.vault import Vault, db_path, keys_path
from tests.conftest import PASSPHRASE

MARKER = "Zephyrine-Quockerwodger"


def snapshot(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in folder.rglob("*") if p.is_file()}


def test_content_is_never_on_disk_in_the_clear(new_journal, journal_dir):
    new_journal.add_entry(f"Title {MARKER}", f"Body about {MARKER} and supervision",
                          tags=[MARKER.lower()])
    open_files = snapshot(journal_dir)
    assert {"journal.db", "journal.keys"} <= set(open_files)
    assert "journal.db-wal" in open_files  # the write is in the WAL while open
    new_journal.close()
    for files in (open_files, snapshot(journal_dir)):
        for name, data in files.items():
            for needle in (MARKER, MARKER.lower(), "supervision"):
                assert needle.encode() not in data, f"{needle} found in {name}"
                assert needle.encode("utf-16-le") not in data, f"{needle} found in {name}"


def test_search_finds_it_after_unlock(new_journal, journal_dir):
    new_journal.add_entry("Reflection on challenge", f"We disagreed about {MARKER}.")
    new_journal.close()
    with Journal.unlock(journal_dir, passphrase=PASSPHRASE) as journal:
        result = journal.search(MARKER[:6])
        assert [h.title for h in result.hits] == ["Reflection on challenge"]
        assert "\x02" in result.hits[0].snippet


def test_wrong_passphrase_changes_nothing(new_journal, journal_dir):
    new_journal.add_entry("x", "y")
    new_journal.close()
    before = snapshot(journal_dir)
    with pytest.raises(WrongSecret):
        Journal.unlock(journal_dir, passphrase="not the passphrase")
    assert snapshot(journal_dir) == before


@pytest.mark.parametrize("damage", ["truncate", "garbage", "delete"])
def test_damaged_key_file_is_its_own_outcome(new_journal, journal_dir, damage):
    new_journal.close()
    keys = keys_path(journal_dir)
    if damage == "truncate":
        keys.write_bytes(keys.read_bytes()[:100])
    elif damage == "garbage":
        data = bytearray(keys.read_bytes())
        data[200:210] = b"##########"
        keys.write_bytes(bytes(data))
    else:
        keys.unlink()
    before = snapshot(journal_dir)
    with pytest.raises(KeyFileDamaged):
        Journal.unlock(journal_dir, passphrase=PASSPHRASE)
    assert snapshot(journal_dir) == before


@pytest.mark.parametrize("damage", ["header", "truncate", "zeroed"])
def test_damaged_database_is_its_own_outcome(new_journal, journal_dir, damage):
    for i in range(30):
        new_journal.add_entry(f"entry {i}", "text " * 200)
    new_journal.close()
    db = db_path(journal_dir)
    data = bytearray(db.read_bytes())
    if damage == "header":
        data[0:64] = bytes(64)
    elif damage == "truncate":
        data = data[:1000]
    else:
        data = bytearray(len(data))
    db.write_bytes(bytes(data))
    before = snapshot(journal_dir)
    with pytest.raises(DatabaseDamaged) as info:
        Journal.unlock(journal_dir, passphrase=PASSPHRASE)
    assert "backup" in str(info.value)
    assert snapshot(journal_dir) == before


def test_three_outcomes_have_three_exit_codes():
    codes = {WrongSecret.exit_code, KeyFileDamaged.exit_code, DatabaseDamaged.exit_code}
    assert len(codes) == 3 and 0 not in codes and 1 not in codes


def test_no_journal_and_existing_journal(tmp_path, new_journal, journal_dir):
    with pytest.raises(JournalNotFound):
        Journal.unlock(tmp_path / "nowhere", passphrase=PASSPHRASE)
    with pytest.raises(JournalExists):
        Journal.create(journal_dir, PASSPHRASE)


def test_passphrase_change_rewraps_without_touching_the_database(new_journal, journal_dir):
    new_journal.add_entry("kept", "still here")
    db_before = db_path(journal_dir).read_bytes()
    wal_before = (journal_dir / "journal.db-wal").read_bytes()
    keys_before = keys_path(journal_dir).read_bytes()
    new_journal.vault.change_passphrase("a brand new passphrase")
    assert db_path(journal_dir).read_bytes() == db_before
    assert (journal_dir / "journal.db-wal").read_bytes() == wal_before
    assert keys_path(journal_dir).read_bytes() != keys_before
    new_journal.close()
    with pytest.raises(WrongSecret):
        Journal.unlock(journal_dir, passphrase=PASSPHRASE)
    with Journal.unlock(journal_dir, passphrase="a brand new passphrase") as journal:
        assert journal.search("kept").total == 1


def test_crash_during_key_file_write_leaves_old_passphrase_working(
        new_journal, journal_dir, monkeypatch):
    def power_cut(*_args):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(atomic.os, "replace", power_cut)
    with pytest.raises(WriteFailed, match="disk is full"):
        new_journal.vault.change_passphrase("a brand new passphrase")
    monkeypatch.undo()
    new_journal.close()
    assert [p.name for p in journal_dir.iterdir() if p.name.endswith(".tmp")] == []
    Journal.unlock(journal_dir, passphrase=PASSPHRASE).close()


def test_recovery_key_opens_and_a_new_one_replaces_it(new_journal, journal_dir):
    old_key = new_journal.recovery_key
    new_journal.close()
    with Journal.unlock(journal_dir, recovery_key=old_key) as journal:
        new_key = journal.vault.new_recovery_key()
    with pytest.raises(WrongSecret):
        Journal.unlock(journal_dir, recovery_key=old_key)
    Journal.unlock(journal_dir, recovery_key=new_key).close()
    Journal.unlock(journal_dir, passphrase=PASSPHRASE).close()


def test_second_open_is_refused_until_the_first_closes(new_journal, journal_dir):
    with pytest.raises(JournalInUse, match="already open"):
        Journal.unlock(journal_dir, passphrase=PASSPHRASE)
    new_journal.close()
    Journal.unlock(journal_dir, passphrase=PASSPHRASE).close()


def test_close_drops_the_key_and_the_database(new_journal):
    vault = new_journal.vault
    new_journal.close()
    assert not vault.is_open
    with pytest.raises(RuntimeError, match="locked"):
        _ = vault.data_key
    with pytest.raises(RuntimeError, match="locked"), vault.session():
        pass


def test_files_are_private_and_journal_is_in_wal_mode(new_journal, journal_dir):
    assert journal_dir.stat().st_mode & 0o077 == 0
    for name in ("journal.db", "journal.keys"):
        assert (journal_dir / name).stat().st_mode & 0o077 == 0
    with new_journal.vault.session() as session:
        conn = session.connection().connection.driver_connection
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        assert conn.execute("PRAGMA synchronous").fetchone()[0] == 2  # FULL
        assert conn.execute("PRAGMA temp_store").fetchone()[0] == 2  # MEMORY
        assert conn.execute("PRAGMA cipher_version").fetchone()[0].startswith("4.")


def test_backup_is_encrypted_and_opens_with_the_same_passphrase(new_journal, journal_dir):
    new_journal.add_entry(MARKER, "backed up")
    target = new_journal.vault.backup("test")
    new_journal.close()
    assert MARKER.encode() not in (target / "journal.db").read_bytes()
    with Journal.unlock(target, passphrase=PASSPHRASE) as copy:
        assert copy.search(MARKER).total == 1


def test_opening_via_vault_directly_matches_journal(new_journal, journal_dir):
    new_journal.close()
    with Vault.unlock(journal_dir, passphrase=PASSPHRASE) as vault:
        assert vault.journal_id == vault.envelope.journal_id
