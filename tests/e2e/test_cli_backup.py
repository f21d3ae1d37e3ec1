"""reflect backup / restore / check as a script runs them."""

from pathlib import Path

from tests.e2e.conftest import assert_clean_error, run
from tests.store.test_damage import damage_a_middle_page


def test_backup_restore_round_trip(journal_dir, cheap_journal, tmp_path):
    run(journal_dir, "add", "--title", "Before the backup", stdin="kept")
    made = run(journal_dir, "backup", str(tmp_path / "usb"))
    assert made.returncode == 0, made.stderr
    backup = Path(made.stdout.strip())
    assert (backup / "journal.db").exists() and (backup / "journal.keys").exists()
    run(journal_dir, "add", "--title", "After the backup", stdin="lost on restore")
    restored = run(journal_dir, "restore", str(backup))
    assert restored.returncode == 0, restored.stderr
    assert "kept in" in restored.stderr
    listed = run(journal_dir, "list").stdout
    assert "Before the backup" in listed and "After the backup" not in listed
    # A second backup into the same folder goes into a dated sub-folder.
    again = run(journal_dir, "backup", str(tmp_path / "usb"))
    assert Path(again.stdout.strip()).parent == backup


def test_restore_with_the_wrong_passphrase_changes_nothing(journal_dir, cheap_journal,
                                                           tmp_path):
    backup = Path(run(journal_dir, "backup", str(tmp_path / "b")).stdout.strip())
    before = (journal_dir / "journal.db").read_bytes()
    result = run(journal_dir, "restore", str(backup), REFLECT_PASSPHRASE="wrong passphrase!")
    assert_clean_error(result, 3)
    assert (journal_dir / "journal.db").read_bytes() == before


def test_check_names_the_newest_backup_when_a_page_is_damaged(journal_dir,
                                                              cheap_journal):
    from reflect.journal.journal import Journal
    from tests.conftest import PASSPHRASE

    with Journal.unlock(journal_dir, passphrase=PASSPHRASE) as journal:
        for n in range(40):
            journal.add_entry(f"bulk {n}", "words " * 300)
        journal.vault.backup("manual")
    damage_a_middle_page(journal_dir / "journal.db")
    result = run(journal_dir, "check")
    assert result.returncode == 5, result.stderr
    assert "Restore from the newest backup, made on" in result.stderr
    assert "Traceback" not in result.stderr
