"""The search index reads its words from the entries (no second copy in the file) and, with
the tag counts, is kept by triggers whoever writes (issue 18)."""

from __future__ import annotations

import json

from reflect.journal import interchange
from reflect.store.check import run_checks
from reflect.store.sqlcipher import raw_connect
from reflect.store.vault import db_path


def _conn(journal):
    return raw_connect(db_path(journal.folder), journal.vault.data_key)


def _tag_counts(journal) -> dict[str, int]:
    conn = _conn(journal)
    try:
        return dict(conn.execute("SELECT tag, entries FROM entry_tag ORDER BY tag").fetchall())
    finally:
        conn.close()


def test_the_index_keeps_no_copy_of_the_words(new_journal):
    new_journal.add_entry("Quokka", "A body with the word zanzibar in it.")
    conn = _conn(new_journal)
    try:
        tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master")}
        assert "entry_fts_content" not in tables
        stored = [bytes(r[0]) for r in conn.execute("SELECT block FROM entry_fts_data")]
    finally:
        conn.close()
    # The index holds the term once, not the sentence around it.
    assert any(b"zanzibar" in block for block in stored)
    assert not any(b"with the word" in block for block in stored)
    assert [h.title for h in new_journal.search("zanzibar").hits] == ["Quokka"]


def test_tags_are_counted_through_every_change(new_journal):
    first = new_journal.add_entry("One", tags=["team", "drift"])
    second = new_journal.add_entry("Two", tags=["team"])
    assert new_journal.tags() == ["drift", "team"]
    assert _tag_counts(new_journal) == {"drift": 1, "team": 2}
    first.tags = ["delay"]
    new_journal.save_entry(first)
    assert new_journal.tags() == ["delay", "team"]
    new_journal.delete_entry(second.id)  # the trash does not count
    assert _tag_counts(new_journal) == {"delay": 1}
    new_journal.restore_entry(second.id)
    assert _tag_counts(new_journal) == {"delay": 1, "team": 1}
    new_journal.delete_entry(second.id)
    assert new_journal.empty_trash() == 1
    assert new_journal.tags() == ["delay"]
    assert run_checks(new_journal.vault) == []


def test_an_import_is_indexed_and_counted_by_the_triggers(new_journal, tmp_path):
    source = tmp_path / "in.jsonl"
    source.write_text("".join(json.dumps({
        "title": f"Imported {n}", "body": f"number {n} says hippocampus",
        "happened_on": f"2025-01-0{n + 1}", "tags": ["imported", f"n{n}"]}) + "\n"
        for n in range(3)))
    report = interchange.import_file(new_journal, source)
    assert report.imported == 3
    assert new_journal.search("hippocampus").total == 3
    assert _tag_counts(new_journal) == {"imported": 3, "n0": 1, "n1": 1, "n2": 1}


def test_check_finds_an_index_that_lost_its_rows(new_journal):
    new_journal.add_entry("Kept", "words")
    new_journal.add_entry("Also", "words")
    conn = _conn(new_journal)
    try:
        conn.execute("INSERT INTO entry_fts(entry_fts) VALUES ('delete-all')")
        conn.commit()
    finally:
        conn.close()
    assert run_checks(new_journal.vault) == [
        "The search index holds 0 entries but the journal has 2."]


def test_an_import_puts_the_insert_trigger_back(new_journal, tmp_path):
    """The bulk path indexes a batch in one statement with the trigger set aside; afterwards
    an entry saved the ordinary way is indexed and counted again."""
    source = tmp_path / "in.jsonl"
    source.write_text(json.dumps({"title": "Imported", "body": "quagga", "tags": ["x"],
                                  "happened_on": "2025-02-01"}) + "\n")
    assert interchange.import_file(new_journal, source).imported == 1
    new_journal.add_entry("Saved", "quagga again", tags=["x"])
    assert new_journal.search("quagga").total == 2
    assert _tag_counts(new_journal) == {"x": 2}
    conn = _conn(new_journal)
    try:
        triggers = {r[0] for r in conn.execute(
            "SELECT name FROM sqlite_master WHERE type = 'trigger'")}
    finally:
        conn.close()
    assert "entry_search_insert" in triggers
