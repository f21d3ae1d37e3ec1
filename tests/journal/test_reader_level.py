"""The reader's level, kept in the journal: first line until chosen, changed, checked."""

from __future__ import annotations

import pytest

from reflect.content.library import AUDIENCES, FIRST_LINE, SENIOR
from reflect.journal.journal import Journal
from reflect.journal.reader_level import (
    LEVEL_LABELS,
    audience_text,
    reader_level,
    set_reader_level,
)
from reflect.store import ratings as meta_store
from reflect.store.envelope import KdfParams


def test_first_line_until_chosen_then_kept_in_the_journal(journal_dir):
    journal, _key = Journal.create(journal_dir, "harbour lantern copper meadow",
                                   KdfParams.cheap())
    with journal:
        assert reader_level(journal) == FIRST_LINE
        set_reader_level(journal, SENIOR)
        assert reader_level(journal) == SENIOR
    with Journal.unlock(journal_dir, passphrase="harbour lantern copper meadow") as reopened:
        assert reader_level(reopened) == SENIOR


def test_an_unknown_level_is_refused_and_nothing_is_written(new_journal):
    changes = new_journal.vault.changes.count
    with pytest.raises(ValueError, match="director"):
        set_reader_level(new_journal, "director")
    assert new_journal.vault.changes.count == changes
    with new_journal.vault.session() as session:
        assert meta_store.get_meta(session, "reader_level") is None
    set_reader_level(new_journal, FIRST_LINE)  # chosen: stored, though it is the default
    set_reader_level(new_journal, FIRST_LINE)  # the same again: no write, no change
    assert new_journal.vault.changes.count == changes + 1


def test_a_level_from_a_later_version_reads_as_the_default(new_journal):
    with new_journal.vault.session() as session:
        meta_store.set_meta(session, "reader_level", "chief_executive")
    assert reader_level(new_journal) == FIRST_LINE


def test_labels_and_audience_text():
    assert list(LEVEL_LABELS) == list(AUDIENCES)
    assert LEVEL_LABELS[FIRST_LINE] == "Team manager or practice supervisor (first line)"
    assert audience_text(("first_line",)) == "First line leaders"
    assert audience_text(("middle", "senior")) == "Middle and senior leaders"
    assert audience_text(("senior", "first_line")) == "First line and senior leaders"
    assert audience_text(AUDIENCES) == audience_text(()) == "Leaders at every level"


def test_a_journal_holding_only_a_level_makes_no_backup(new_journal):
    """A level chosen at first run is a preference, not content: a copy of it must never
    rotate good backups out (see tests/store/test_failed_open.py)."""
    set_reader_level(new_journal, SENIOR)
    assert new_journal.vault.holds_nothing()
    assert new_journal.vault.automatic_backup() is None
    new_journal.add_entry("kept", "worth a copy")
    assert not new_journal.vault.holds_nothing()
