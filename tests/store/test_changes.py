"""The vault counts committed writes (ORM or text SQL), not drafts and not rollbacks, so the
window can follow every save, delete, restore and import (issue 12, item 5)."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import text

from reflect.journal.journal import Journal
from reflect.store.envelope import KdfParams


def test_writes_are_counted_and_told_drafts_and_rollbacks_are_not(tmp_path: Path) -> None:
    journal, _ = Journal.create(tmp_path / "j", "harbour lantern copper", KdfParams.cheap())
    told: list[int] = []
    with journal:
        journal.add_change_listener(lambda: told.append(journal.change_count))
        entry = journal.add_entry("One", "Text.")
        journal.save_draft("journal:new", {"body": "typing"})
        journal.discard_draft("journal:new")
        journal.delete_entry(int(entry.id))  # text SQL as well as ORM
        journal.restore_entry(int(entry.id))
        with pytest.raises(RuntimeError), journal.vault.session() as session:
            session.execute(text("UPDATE entry SET title = 'x'"))
            raise RuntimeError("rolled back")
        assert journal.get_entry(int(entry.id)).title == "One"
        assert told == [1, 2, 3]
