"""Backups, rotation and restore: a restore never drops the journal it replaces."""

from datetime import datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import event

from reflect.common.errors import JournalInUse, WriteFailed
from reflect.journal.journal import Journal
from reflect.store import backups
from reflect.store.layout import derive_data_key
from tests.conftest import PASSPHRASE


def test_backup_then_restore_brings_back_the_old_state(new_journal, journal_dir):
    new_journal.add_entry("before", "kept in the backup")
    made = new_journal.vault.backup("manual")
    new_journal.add_entry("after", "only in the current journal")
    new_journal.close()
    key = derive_data_key(made, passphrase=PASSPHRASE)
    kept = backups.restore(journal_dir, made, key)
    with Journal.unlock(journal_dir, passphrase=PASSPHRASE) as journal:
        assert [e.title for e in journal.list_entries()] == ["before"]
    # The replaced journal is kept and can itself be restored.
    assert kept is not None and (kept / "journal.db").exists()
    backups.restore(journal_dir, kept, derive_data_key(kept, passphrase=PASSPHRASE))
    with Journal.unlock(journal_dir, passphrase=PASSPHRASE) as journal:
        assert sorted(e.title for e in journal.list_entries()) == ["after", "before"]


def test_restore_is_refused_while_the_journal_is_open(new_journal, journal_dir):
    made = new_journal.vault.backup()
    with pytest.raises(JournalInUse):
        backups.restore(journal_dir, made, new_journal.vault.data_key)


def test_automatic_backup_at_most_hourly(new_journal, journal_dir):
    new_journal.add_entry("something to keep", "an automatic copy protects it")
    first = new_journal.vault.automatic_backup()
    assert first is not None and first.name.endswith("-auto")
    assert new_journal.vault.automatic_backup() is None
    assert [b.path for b in backups.list_backups(journal_dir)] == [first]


def info(days_ago: float, label: str = "auto", now=datetime(2026, 11, 22, 12)):
    made = now - timedelta(days=days_ago)
    return backups.BackupInfo(Path(f"/b/{made:%Y%m%d-%H%M%S}-{label}"), made, label)


def test_rotation_keeps_recent_daily_and_weekly_copies():
    now = datetime(2026, 11, 22, 12)
    every_six_hours = [info(i / 4) for i in range(0, 4 * 60)]  # 60 days of copies
    manual = info(90, "manual")
    doomed = backups.to_prune([*every_six_hours, manual], now)
    kept = [b for b in every_six_hours if b not in doomed]
    assert manual not in doomed
    assert every_six_hours[:3] == kept[:3]  # the newest three
    assert len({b.made_at.date() for b in kept if now - b.made_at <= timedelta(days=7)}) >= 7
    assert max(now - b.made_at for b in kept) <= timedelta(weeks=5)
    assert len(kept) <= 3 + 8 + 6


def test_a_full_disk_is_reported_and_nothing_is_half_written(new_journal):
    new_journal.add_entry("fits", "small")

    @event.listens_for(new_journal.vault.engine, "checkout")
    def tiny_disk(dbapi_conn, _record, _proxy):
        pages = dbapi_conn.execute("PRAGMA page_count").fetchone()[0]
        dbapi_conn.execute(f"PRAGMA max_page_count = {pages}")

    new_journal.vault.engine.dispose()
    with pytest.raises(WriteFailed, match="disk is full"):
        new_journal.add_entry("too big", "x" * 500_000)
    event.remove(new_journal.vault.engine, "checkout", tiny_disk)
    new_journal.vault.engine.dispose()
    assert [e.title for e in new_journal.list_entries()] == ["fits"]
    assert new_journal.search("big").total == 0


def test_a_copy_that_fails_is_removed_so_it_is_never_offered(new_journal, journal_dir):
    from tests.store.test_damage import damage_a_middle_page

    for n in range(40):
        new_journal.add_entry(f"bulk {n}", "words " * 300)
    new_journal.close()
    damage_a_middle_page(journal_dir / "journal.db")
    with (Journal.unlock(journal_dir, passphrase=PASSPHRASE) as journal,
          pytest.raises(Exception)):  # noqa: B017 - SQLCipher's own error or DatabaseDamaged
        journal.vault.backup("manual")
    assert backups.list_backups(journal_dir) == []
    assert not (journal_dir / "backups").exists()  # not even the folder it would have made
