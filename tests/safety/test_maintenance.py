"""Which backup a failed check offers: data for the CLI and the window to word their own way."""

from datetime import datetime

from reflect.cli.backup import restore_hint
from reflect.safety import maintenance
from reflect.store.backups import new_backup_path


def test_no_backup_means_no_advice(new_journal, journal_dir):
    assert maintenance.restore_advice(journal_dir) is None
    assert "There is no backup" in restore_hint(journal_dir)


def test_the_newest_backup_with_both_files_is_offered(new_journal, journal_dir):
    older = new_journal.vault.backup("manual")
    newer = new_journal.vault.backup("auto")
    half = new_backup_path(journal_dir / "backups", "manual", datetime(2099, 1, 1))
    half.mkdir()
    (half / "journal.keys").write_bytes((newer / "journal.keys").read_bytes())  # no journal.db
    advice = maintenance.restore_advice(journal_dir)
    assert advice is not None and advice.path == newer != older
    assert isinstance(advice.made_at, datetime)
    hint = restore_hint(journal_dir)
    assert hint.startswith(f"Restore from the newest backup, made on {advice.made_at.day} ")
    assert hint.endswith(f"reflect --journal {journal_dir} restore {newer}")
