"""Saving an entry from the editor's values: one call, one transaction, all or nothing."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date

import pytest
from sqlalchemy import event

from reflect.common.errors import WriteFailed
from reflect.journal.journal import EntryFields, EntryGone, Journal
from reflect.journal.kinds import EntryKind

FIELDS = EntryFields("", "# Morning pages\nThinking about the plan", date(2026, 3, 2),
                     ("#Team", "team", "Plan"), ("values_driven",), True, False)


@contextmanager
def commits(journal: Journal) -> Iterator[list[object]]:
    """Every transaction the journal commits while the block runs."""
    seen: list[object] = []

    def count(conn) -> None:
        seen.append(conn)

    event.listen(journal.vault.engine, "commit", count)
    try:
        yield seen
    finally:
        event.remove(journal.vault.engine, "commit", count)


@contextmanager
def full_disk(journal: Journal) -> Iterator[None]:
    """SQLite's own limit on the file's size: every write that needs a new page fails."""
    engine = journal.vault.engine

    def tiny(dbapi_conn, _record, _proxy) -> None:
        pages = dbapi_conn.execute("PRAGMA page_count").fetchone()[0]
        dbapi_conn.execute(f"PRAGMA max_page_count = {pages}")

    event.listen(engine, "checkout", tiny)
    engine.dispose()
    try:
        yield
    finally:
        event.remove(engine, "checkout", tiny)
        engine.dispose()


def test_a_new_entry_is_created_titled_and_its_draft_dropped_in_one_transaction(new_journal):
    new_journal.save_draft("journal:new:u1", {"v": 1, "title": ""})
    with commits(new_journal) as seen:
        entry = new_journal.save_entry_fields(None, FIELDS, uid="u1", prompt_id="p1",
                                              discard_draft="journal:new:u1")
    assert len(seen) == 1
    again = new_journal.get_entry(entry.id)
    assert (again.uid, again.prompt_id, again.kind) == ("u1", "p1", EntryKind.REFLECTION)
    assert again.title == "Morning pages" and again.tags == ["team", "plan"]
    assert again.share_with_mentor and again.happened_on == date(2026, 3, 2)
    assert new_journal.drafts() == {}


def test_an_existing_entry_is_updated_in_place(new_journal):
    first = new_journal.add_entry("Kept title", "Old words.")
    changed = EntryFields("Kept title ", "New words.", date(2026, 1, 5))
    with commits(new_journal) as seen:
        saved = new_journal.save_entry_fields(first.id, changed, uid="ignored")
    assert len(seen) == 1 and saved.id == first.id
    again = new_journal.get_entry(first.id)
    assert (again.uid, again.title, again.body) == (first.uid, "Kept title", "New words.")
    assert new_journal.count_entries() == 1


def test_an_empty_body_takes_the_prompt_as_title(new_journal):
    fields = EntryFields("", "", date(2026, 1, 5))
    saved = new_journal.save_entry_fields(None, fields, title_fallback="What *surprised* you?")
    assert saved.title == "What surprised you?"


def test_a_missing_entry_is_refused(new_journal):
    with pytest.raises(EntryGone):
        new_journal.save_entry_fields(999, FIELDS)
    assert new_journal.count_entries() == 0


def test_a_full_disk_changes_nothing_entry_nor_draft(new_journal):
    first = new_journal.add_entry("Kept", "Old words.")
    key = f"journal:entry:{first.id}"
    new_journal.save_draft(key, {"v": 1, "body": "typed"})
    big = EntryFields("Kept", "A long reflection on the week. " * 800, date(2026, 1, 5))
    with full_disk(new_journal), pytest.raises(WriteFailed, match="disk is full"):
        new_journal.save_entry_fields(first.id, big, discard_draft=key)
    assert new_journal.get_entry(first.id).body == "Old words."
    assert new_journal.drafts() == {key: {"v": 1, "body": "typed"}}


def test_form_state_becomes_fields():
    state = {"title": "t", "body": "b", "happened_on": "2026-02-01", "tags": ["a"],
             "attributes": ["values_driven"], "share_with_mentor": False, "sensitive": True}
    assert EntryFields.from_state(state) == EntryFields("t", "b", date(2026, 2, 1), ("a",),
                                                        ("values_driven",), False, True)
