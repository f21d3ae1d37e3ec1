"""Backups at scale (issue 18): a size budget the rotation keeps to, oldest automatic copy
first and never the one just written; a budget too small for one copy refused before any
file is made; and the page check that verifies a copy."""

from __future__ import annotations

import secrets
from datetime import datetime, timedelta

import pytest

from reflect.store import backups
from reflect.store.backup_space import MB, BudgetTooSmall, human_size
from reflect.store.layout import BACKUP_DIR


def _fill(journal, entries: int = 40) -> None:
    for n in range(entries):
        journal.add_entry(f"entry {n}", secrets.token_hex(4000))  # incompressible, ~8 kB


def _old_automatic(journal, days_ago: int):
    own = journal.vault.folder / BACKUP_DIR
    when = datetime.now() - timedelta(days=days_ago)
    return journal.vault.copy_to(backups.new_backup_path(own, backups.AUTO, now=when))


def test_the_budget_deletes_the_oldest_automatic_backups_and_keeps_the_newest(new_journal,
                                                                            journal_dir):
    _fill(new_journal)
    made = [_old_automatic(new_journal, days) for days in (5, 4, 3, 2, 1)]  # kept by count
    one = backups.backup_space(journal_dir).total // 5
    budget_mb = max(1, (3 * one) // MB + 1)  # room for about three
    newest = new_journal.vault.backup(backups.AUTO, budget_mb=budget_mb)
    left = [b.path for b in backups.list_backups(journal_dir)]
    assert left[0] == newest
    assert made[0] not in left and made[1] not in left  # the oldest went first
    assert made[-1] in left
    space = backups.backup_space(journal_dir, budget_mb)
    assert space.total <= budget_mb * MB and not space.over_budget
    assert space.count == len(left)


def test_a_budget_that_cannot_hold_one_backup_is_refused_and_nothing_is_written(new_journal,
                                                                              journal_dir):
    _fill(new_journal, 200)  # over 1 MB
    with pytest.raises(BudgetTooSmall, match="cannot hold even one backup") as refused:
        new_journal.vault.backup("manual", budget_mb=1)
    assert "Preferences" in str(refused.value) and "1 MB" in str(refused.value)
    assert not (journal_dir / BACKUP_DIR).exists()


def test_the_default_budget_never_holds_fewer_than_two_backups(new_journal, journal_dir):
    _fill(new_journal)
    for days in (3, 2, 1):
        _old_automatic(new_journal, days)
    space = backups.backup_space(journal_dir, 0)
    assert space.automatic_budget and space.budget >= 2 * (space.total // 3)
    assert "3 backups" in space.summary() and human_size(space.total) in space.summary()
    assert "free on that disk" in space.summary()


def test_a_copy_is_verified_page_by_page(new_journal, journal_dir):
    from tests.store.test_damage import damage_a_middle_page

    _fill(new_journal)
    made = new_journal.vault.backup("manual")
    backups.verify(made, new_journal.vault.data_key)
    damage_a_middle_page(made / "journal.db")
    with pytest.raises(Exception, match="did not verify"):
        backups.verify(made, new_journal.vault.data_key)


def test_a_copy_made_while_another_connection_writes_holds_a_whole_snapshot(new_journal,
                                                                           journal_dir):
    """The file copy runs under a read transaction: an entry written meanwhile goes to the
    log, and the copy opens whole, with every entry committed before it began."""
    from reflect.journal.journal import Journal
    from tests.conftest import PASSPHRASE

    _fill(new_journal, 60)
    written: list[int] = []

    def write_between_chunks(done: int, total: int) -> None:
        if not written:
            written.append(new_journal.add_entry("during the copy", "in the log").id)

    made = new_journal.vault.backup("manual", progress=write_between_chunks)
    assert written
    new_journal.close()
    with Journal.unlock(made, passphrase=PASSPHRASE) as copy:
        titles = [e.title for e in copy.list_entries(limit=1000)]
    assert len(titles) == 60
