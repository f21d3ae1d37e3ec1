"""``reflect person delete`` as a leader runs it: without --confirm it says what would go and
changes nothing; with the code name it deletes every note about them; a legal hold refuses
in one sentence with nothing changed."""

from __future__ import annotations

from reflect.journal.journal import Journal
from reflect.privacy import retention
from reflect.store.envelope import KdfParams
from reflect.supervision.records import Supervision
from tests.conftest import PASSPHRASE
from tests.e2e.conftest import assert_clean_error, run
from tests.privacy.notes_fixture import MARKER, OTHER, fill


def _filled(journal_dir, hold: str = "") -> None:
    journal, _ = Journal.create(journal_dir, PASSPHRASE, KdfParams.cheap())
    plover, _wren = fill(journal)
    if hold:
        retention.set_retention(journal, plover, left_on=None, legal_hold=True,
                                hold_note=hold)
    journal.close()


def _names_and_hits(journal_dir) -> tuple[list[str], int, int]:
    journal = Journal.unlock(journal_dir, passphrase=PASSPHRASE)
    try:
        return ([p.code_name for p in Supervision(journal).supervisees()],
                journal.search(MARKER).total, journal.search(OTHER).total)
    finally:
        journal.close()


def test_delete_asks_then_deletes(journal_dir):
    _filled(journal_dir)
    asked = run(journal_dir, "person", "delete", "plover")
    assert asked.returncode == 0, asked.stderr
    assert "Would delete 4 records, 1 action and 2 drafts about Plover for good; there is no " \
           "undo." in asked.stderr
    assert "Run again with --confirm Plover to delete." in asked.stderr
    assert _names_and_hits(journal_dir) == (["Plover", "Wren"], 3, 1)
    wrong = run(journal_dir, "person", "delete", "plover", "--confirm", "Wren")
    assert_clean_error(wrong, 1)
    assert "Type the code name Plover exactly" in wrong.stderr
    done = run(journal_dir, "person", "delete", "plover", "--confirm", "Plover")
    assert done.returncode == 0, done.stderr
    assert "Deleted 4 records, 1 action and 2 drafts about Plover for good." in done.stderr
    assert "There are no backups in the journal's backups folder." in done.stderr
    assert _names_and_hits(journal_dir) == (["Wren"], 0, 1)


def test_legal_hold_refuses_in_one_sentence(journal_dir):
    _filled(journal_dir, hold="Subject access request SAR-88 pending")
    result = run(journal_dir, "person", "delete", "Plover", "--confirm", "Plover")
    assert_clean_error(result, 1)
    assert "legal hold (Subject access request SAR-88 pending); nothing was deleted" \
        in result.stderr
    assert _names_and_hits(journal_dir)[0] == ["Plover", "Wren"]


def test_unknown_code_name(journal_dir, cheap_journal):
    assert_clean_error(run(journal_dir, "person", "delete", "Nobody"), 1)
