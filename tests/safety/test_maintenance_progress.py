"""What lock and the window rely on (issue 10, cases 10 and 12): a backup that reports its
progress between copy steps and stops cleanly when told to, and knowing, without writing
anything, that a journal was last left without a clean close."""

from __future__ import annotations

import pytest

from reflect.journal.journal import Journal
from reflect.safety import maintenance
from reflect.store.backups import list_backups, verify
from tests.conftest import PASSPHRASE
from tests.store.test_damage import crash_while_open


def test_a_backup_reports_its_progress_and_ends_complete(new_journal, journal_dir):
    for n in range(360):  # over 4 MB (the copy's step), so there are steps between
        new_journal.add_entry(f"entry {n}", f"words {n} " * 1500)
    seen: list[tuple[int, int]] = []
    path = maintenance.back_up_with_progress(new_journal, lambda d, t: seen.append((d, t)))
    assert len(seen) > 1 and seen[-1][0] == seen[-1][1] > 0
    assert [d for d, _t in seen] == sorted(d for d, _t in seen)
    verify(path, new_journal.vault.data_key)
    assert [b.path for b in list_backups(journal_dir)] == [path]


class Stop(Exception):
    pass


def test_a_backup_stopped_from_its_progress_hook_leaves_nothing(new_journal, journal_dir):
    for n in range(30):
        new_journal.add_entry(f"entry {n}", "words " * 400)

    def stop(done: int, total: int) -> None:
        raise Stop

    with pytest.raises(Stop):
        maintenance.back_up_with_progress(new_journal, stop)
    assert list_backups(journal_dir) == []
    folder = journal_dir / "backups"  # no half-made folder either, nor the folder made for it
    assert not folder.exists() or list(folder.iterdir()) == []


def test_an_unclean_close_is_known_before_opening_and_a_clean_one_is_not(new_journal,
                                                                          journal_dir):
    assert maintenance.closed_uncleanly(journal_dir)  # open right now
    new_journal.close()
    assert not maintenance.closed_uncleanly(journal_dir)
    crash_while_open(journal_dir)
    assert maintenance.closed_uncleanly(journal_dir)
    Journal.unlock(journal_dir, passphrase=PASSPHRASE).close()
    assert not maintenance.closed_uncleanly(journal_dir)
