"""Deleting a supervisee really removes their notes: no marker word left in any table, in the
search index's shadow tables, in the decrypted pages (free ones included) or in the raw file
once the WAL is checkpointed; the legal hold, a wrong code name and records naming them
elsewhere refuse with nothing changed; the other supervisee's notes are untouched."""

from __future__ import annotations

import hashlib

import pytest

from reflect.journal.journal import Journal
from reflect.privacy import deletion, retention
from reflect.privacy.deletion import DeletionRefused
from reflect.store.backups import list_backups
from reflect.store.layout import db_path
from reflect.store.sqlcipher import raw_connect
from reflect.supervision.records import Supervision
from tests.conftest import PASSPHRASE
from tests.privacy.notes_fixture import MARKER, OTHER, decrypted_pages, fill


def _tables(conn) -> list[str]:
    return [r[0] for r in conn.execute(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")]


def rows_with(journal: Journal, word: str) -> dict[str, int]:
    """Rows holding ``word`` in any column of any table, the FTS shadow tables included
    (their blobs read as bytes), through a fresh decrypted connection."""
    conn = raw_connect(db_path(journal.folder), journal.vault.data_key)
    try:
        found: dict[str, int] = {}
        for table in _tables(conn):
            for row in conn.execute(f'SELECT * FROM "{table}"'):
                blob = b"".join(v if isinstance(v, bytes) else str(v).encode() for v in row)
                if word.encode() in blob.lower():
                    found[table] = found.get(table, 0) + 1
        return found
    finally:
        conn.close()


def index_terms(journal: Journal, word: str) -> int:
    """The FTS5 vocabulary's count of documents holding ``word`` (read from the index)."""
    conn = raw_connect(db_path(journal.folder), journal.vault.data_key)
    try:
        conn.execute("CREATE VIRTUAL TABLE temp.v USING fts5vocab(main, entry_fts, row)")
        row = conn.execute("SELECT doc FROM temp.v WHERE term = ?", (word,)).fetchone()
        return int(row[0]) if row else 0
    finally:
        conn.close()


def db_digest(journal: Journal) -> str:
    conn = raw_connect(db_path(journal.folder), journal.vault.data_key)
    try:
        digest = hashlib.sha256()
        for table in sorted(_tables(conn)):
            for row in sorted(repr(r) for r in conn.execute(f'SELECT * FROM "{table}"')):
                digest.update(row.encode())
        return digest.hexdigest()
    finally:
        conn.close()


@pytest.fixture
def filled(new_journal):
    plover, wren = fill(new_journal)
    return new_journal, plover, wren


def test_deletion_leaves_no_trace_of_the_marker(filled):
    journal, plover, _wren = filled
    assert set(rows_with(journal, MARKER)) >= {"entry", "action", "draft"}
    assert index_terms(journal, MARKER) >= 1
    before_other = rows_with(journal, OTHER)
    plan = deletion.plan(journal, plover)
    assert (plan.records, plan.actions, plan.drafts, plan.blocked) == (4, 1, 2, "")

    done = deletion.delete_supervisee(journal, plover, " plover ")

    assert (done.code_name, done.records, done.actions, done.drafts) == ("Plover", 4, 1, 2)
    assert rows_with(journal, MARKER) == {}
    assert rows_with(journal, "plover") == {}  # the person row and the owner field too
    assert index_terms(journal, MARKER) == 0
    wal = db_path(journal.folder).with_name("journal.db-wal")
    assert not wal.exists() or wal.stat().st_size == 0  # checkpointed and truncated
    pages = decrypted_pages(db_path(journal.folder), journal.vault.data_key)
    assert pages[:2] == b"\x10\x00"  # page 1 decrypted: the header's page size, 4096
    assert OTHER.encode() in pages  # the decryption reads real pages ...
    assert MARKER.encode() not in pages.lower()  # ... and the marker is in none of them
    assert MARKER.encode() not in db_path(journal.folder).read_bytes()
    # Wren's notes are untouched, and still found by search.
    # (The index's own blocks are merged afresh, so their count may change; the rows do not.)
    kept = {t: n for t, n in rows_with(journal, OTHER).items() if not t.startswith("entry_fts")}
    assert kept == {t: n for t, n in before_other.items() if not t.startswith("entry_fts")}
    assert index_terms(journal, OTHER) == 1
    assert [p.code_name for p in Supervision(journal).supervisees()] == ["Wren"]
    assert journal.search(OTHER).total == 1
    assert journal.search(MARKER).total == 0


def test_the_old_way_of_forgetting_leaves_the_marker_in_the_pages(filled):
    """Why secure_delete and optimize matter: trashing and emptying the trash alone (the old
    code path) leaves the words in the index segments or freed pages."""
    journal, plover, _wren = filled
    ids = [e.id for e in Supervision(journal).records_for(plover)]
    for entry_id in ids:
        journal.delete_entry(entry_id)
    journal.empty_trash()
    with journal.vault.live_engine().connect() as conn:
        conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    pages = decrypted_pages(db_path(journal.folder), journal.vault.data_key)
    assert MARKER.encode() in pages.lower()


def test_legal_hold_blocks_deletion_with_nothing_changed(filled):
    journal, plover, _wren = filled
    retention.set_retention(journal, plover, left_on=None, legal_hold=True,
                            hold_note="Employment tribunal claim ET/1234")
    before = db_digest(journal)
    with pytest.raises(DeletionRefused, match=r"legal hold \(Employment tribunal claim "
                                              r"ET/1234\); nothing was deleted"):
        deletion.delete_supervisee(journal, plover, "Plover")
    assert db_digest(journal) == before
    assert "legal hold" in deletion.plan(journal, plover).blocked


def test_wrong_code_name_refuses(filled):
    journal, plover, _wren = filled
    before = db_digest(journal)
    with pytest.raises(DeletionRefused, match="Type the code name Plover exactly"):
        deletion.delete_supervisee(journal, plover, "Plove")
    assert db_digest(journal) == before


def test_records_about_others_that_name_them_refuse_and_are_listed(filled):
    journal, plover, wren = filled
    sup = Supervision(journal)
    group = sup.start_record(wren, "group_supervision").entry
    group.title = "Group supervision"
    group.sections.update(observers="Plover and Osprey", question="Drift?")
    group_id = sup.save_record(group).entry.id
    plan = deletion.plan(journal, plover)
    assert [m.entry_id for m in plan.mentions] == [group_id]
    assert "1 other record names Plover: Group supervision" in plan.blocked
    before = db_digest(journal)
    with pytest.raises(DeletionRefused, match="Edit the name out of it first"):
        deletion.delete_supervisee(journal, plover, "Plover")
    assert db_digest(journal) == before
    # A word that only starts with the code name is not a mention.
    edited = sup.record(group_id).entry
    edited.sections["observers"] = "Ploverfield team and Osprey"
    sup.save_record(edited)
    assert deletion.plan(journal, plover).mentions == ()


def test_backups_statement_counts_the_journals_backups(filled):
    journal, plover, _wren = filled
    assert "no backups in the journal's backups folder" in deletion.backups_statement(
        deletion.plan(journal, plover).backups)
    journal.vault.backup("manual")
    journal.vault.backup("auto")
    held = deletion.plan(journal, plover).backups
    oldest = min(b.made_at for b in list_backups(journal.folder))
    text = deletion.backups_statement(held)
    assert text.startswith("Backups made before this deletion still hold copies until they "
                           "rotate out (2 backups, the oldest from ")
    assert oldest.strftime("%Y") in text
    assert "1 of them is not automatic and stays until you delete it" in text


def test_reopened_journal_has_no_trace(filled, journal_dir):
    journal, plover, _wren = filled
    deletion.delete_supervisee(journal, plover, "Plover")
    journal.close()
    again = Journal.unlock(journal_dir, passphrase=PASSPHRASE)
    try:
        assert rows_with(again, MARKER) == {}
        assert MARKER.encode() not in decrypted_pages(db_path(journal_dir),
                                                      again.vault.data_key).lower()
    finally:
        again.close()
