"""A journal.db that is missing, empty, truncated or damaged, or a WAL that is not a WAL, is
reported as damage (never used as a new journal), and a failed unlock leaves every file, and
the folder listing, as it was. An empty journal never rotates good backups out."""

from __future__ import annotations

import os
from datetime import datetime, timedelta
from pathlib import Path

import pytest

from reflect.common.errors import DatabaseDamaged, DatabaseGone, WalMissing, WrongSecret
from reflect.journal.journal import Journal
from reflect.store import backups
from reflect.store.check import check_unopened
from reflect.store.layout import derive_data_key
from tests.conftest import PASSPHRASE
from tests.store.test_damage import crash_while_open


def listing(folder: Path) -> dict[str, bytes | None]:
    """Every path under the folder, with the bytes of each file (None for a folder)."""
    return {str(p.relative_to(folder)): None if p.is_dir() else p.read_bytes()
            for p in sorted(folder.rglob("*"))}


def filled(journal: Journal, entries: int = 30) -> None:
    for n in range(entries):
        journal.add_entry(f"entry {n}", "text " * 400)


def damage_page_2(db: Path) -> None:
    data = bytearray(db.read_bytes())
    data[4096 + 100:4096 + 132] = bytes(32)
    db.write_bytes(bytes(data))


def garble_wal_header(wal: Path) -> None:
    data = bytearray(wal.read_bytes())
    data[:32] = b"\x5a" * 32
    wal.write_bytes(bytes(data))


def _truncate(size: int):
    return lambda folder: os.truncate(folder / "journal.db", size)


def _zero(folder: Path) -> None:
    (folder / "journal.db").write_bytes(b"")


def _missing(folder: Path) -> None:
    (folder / "journal.db").unlink()


def _folder(folder: Path) -> None:
    (folder / "journal.db").unlink()
    (folder / "journal.db").mkdir()


def _page_2(folder: Path) -> None:
    damage_page_2(folder / "journal.db")


DAMAGE = {
    "truncated to one page": (_truncate(4096), DatabaseDamaged),
    "truncated mid-file": (_truncate(50_000), DatabaseDamaged),
    "truncated to 100 bytes": (_truncate(100), DatabaseDamaged),
    "a damaged second page": (_page_2, DatabaseDamaged),
    "zero length": (_zero, DatabaseGone),
    "missing": (_missing, DatabaseGone),
    "a folder in its place": (_folder, DatabaseGone),
}


@pytest.mark.parametrize("kind", DAMAGE)
def test_a_failed_unlock_of_a_damaged_database_leaves_every_file_as_it_was(
        new_journal, journal_dir, kind):
    filled(new_journal)
    new_journal.close()
    damage, error = DAMAGE[kind]
    damage(journal_dir)
    before = listing(journal_dir)
    for attempt in range(2):  # the second attempt sees exactly what the first saw
        with pytest.raises(error):
            Journal.unlock(journal_dir, passphrase=PASSPHRASE)
        assert listing(journal_dir) == before, f"attempt {attempt + 1} changed the folder"


def test_a_wal_overwritten_with_garbage_is_a_lost_wal_and_nothing_changes(new_journal,
                                                                           journal_dir):
    new_journal.close()
    crash_while_open(journal_dir)
    garble_wal_header(journal_dir / "journal.db-wal")
    before = listing(journal_dir)
    with pytest.raises(WalMissing, match=r"journal\.db-wal\) is not a valid log"):
        Journal.unlock(journal_dir, passphrase=PASSPHRASE)
    assert listing(journal_dir) == before
    # The same offer as for a lost WAL: open it as it is, without the lost changes.
    with Journal.unlock(journal_dir, passphrase=PASSPHRASE, accept_missing_wal=True) as journal:
        assert journal.search("late").total == 0


def test_an_empty_wal_is_fine(new_journal, journal_dir):
    new_journal.add_entry("kept", "in the database itself")
    new_journal.close()
    (journal_dir / "journal.db-wal").write_bytes(b"")
    with Journal.unlock(journal_dir, passphrase=PASSPHRASE) as journal:
        assert journal.count_entries() == 1


@pytest.mark.parametrize("kind", ["a lost WAL", "a garbled WAL", "a wrong passphrase"])
def test_other_failed_unlocks_leave_every_file_as_it_was(new_journal, journal_dir, kind):
    new_journal.close()
    crash_while_open(journal_dir)
    if kind == "a lost WAL":
        (journal_dir / "journal.db-wal").unlink()
    elif kind == "a garbled WAL":
        garble_wal_header(journal_dir / "journal.db-wal")
    before = listing(journal_dir)
    with pytest.raises(WrongSecret if kind == "a wrong passphrase" else WalMissing):
        Journal.unlock(journal_dir, passphrase=PASSPHRASE + (" no" if "wrong" in kind else ""))
    assert listing(journal_dir) == before


def test_the_missing_database_names_the_newest_good_backup(new_journal, journal_dir):
    new_journal.add_entry("kept", "in the backup")
    older = new_journal.vault.backup("manual")
    newest = new_journal.vault.backup("manual")
    broken = new_journal.vault.backup("manual")
    (broken / "journal.db").unlink()  # a copy without its database is never offered
    new_journal.close()
    (journal_dir / "journal.db").write_bytes(b"")
    with pytest.raises(DatabaseGone) as raised:
        Journal.unlock(journal_dir, passphrase=PASSPHRASE)
    message = str(raised.value)
    assert "journal.db is empty" in message and str(newest) in message
    assert str(older) not in message and str(broken) not in message
    assert raised.value.exit_code == 5


def test_a_check_of_a_journal_that_will_not_open_names_the_page(new_journal, journal_dir):
    filled(new_journal)
    new_journal.close()
    damage_page_2(journal_dir / "journal.db")
    key = derive_data_key(journal_dir, passphrase=PASSPHRASE)
    before = listing(journal_dir)
    problems = check_unopened(journal_dir, key)
    assert any("page 2" in p for p in problems), problems
    assert listing(journal_dir) == before


def _age_backups(folder: Path, by: timedelta) -> None:
    for info in backups.list_backups(folder):
        info.path.rename(backups.new_backup_path(info.path.parent, info.label,
                                                 info.made_at - by))


def test_an_empty_journal_never_rotates_good_backups_out(new_journal, journal_dir):
    entry = new_journal.add_entry("worth keeping", "only the backups hold this soon")
    for _ in range(3):  # three good automatic copies, weeks old
        assert new_journal.vault.automatic_backup() is not None
        _age_backups(journal_dir, timedelta(days=20))
    good = {b.path.name for b in backups.list_backups(journal_dir)}
    new_journal.delete_entry(entry.id)
    new_journal.empty_trash()
    for _ in range(4):  # hours pass with nothing in the journal
        new_journal.vault.automatic_backup()
        _age_backups(journal_dir, timedelta(hours=2))
    left = backups.list_backups(journal_dir)
    assert len(left) == len(good), [b.path.name for b in left]
    assert datetime.now() - max(b.made_at for b in left) > timedelta(days=20)
