"""A journal written by the first driver (sqlcipher3-binary 0.6.0, SQLCipher 4.12) opens with
the driver the project installs now (sqlcipher3 0.6.4+), reads back whole, passes every
check and takes new writes. ``tests/store/data/make_old_driver_journal.py`` made it."""

from __future__ import annotations

import json
import shutil
from datetime import date
from importlib import metadata
from pathlib import Path

import pytest

from reflect.journal.journal import Journal
from reflect.profile.ratings import ratings
from reflect.store.check import run_checks
from reflect.store.sqlcipher import raw_connect
from reflect.store.vault import db_path
from reflect.supervision.records import Supervision

DATA = Path(__file__).resolve().parent / "data"
FACTS = json.loads((DATA / "old_driver_journal.json").read_text())


@pytest.fixture
def old_journal(tmp_path) -> Path:
    """A copy: opening takes the lock and may write the WAL, and the test data stays as made."""
    folder = tmp_path / "journal"
    shutil.copytree(DATA / "old_driver_journal", folder)
    return folder


def test_the_installed_driver_is_the_one_pyproject_names():
    """sqlcipher3-binary has Linux x86_64 wheels only; the import name is the same, so this
    is the one place that tells which distribution answered ``import sqlcipher3``."""
    with pytest.raises(metadata.PackageNotFoundError):
        metadata.distribution("sqlcipher3-binary")
    major, minor, patch = (int(p) for p in metadata.version("sqlcipher3").split(".")[:3])
    assert (major, minor, patch) >= (0, 6, 4)


def test_old_journal_opens_and_reads_back_everything(old_journal):
    journal = Journal.unlock(old_journal, passphrase=FACTS["passphrase"])
    try:
        titles = {e.title: e for e in journal.list_entries()}
        assert {"Team meeting", "A hard visit"} <= set(titles)
        assert titles["A hard visit"].tags == ["practice", "wellbeing"]
        assert titles["Team meeting"].happened_on == date(2026, 3, 2)
        assert "**caseloads**" in titles["Team meeting"].body
        assert [h.title for h in journal.search("debrief").hits] == ["A hard visit"]

        scores = {(r.attribute_id, r.score) for r in ratings(journal, kind="self")}
        assert scores == {("values_driven", 3), ("partnerships", 4)}

        sup = Supervision(journal)
        (wren,) = sup.supervisees()
        assert (wren.code_name, wren.role, wren.schedule) == ("Wren", "Social worker", "monthly")
        (record,) = sup.records_for(wren.id)
        assert record.sections["challenge"] == "Is the threshold met?"
        (action,) = sup.actions()
        assert (action.description, action.owner, action.due_on) == (
            "Book the strategy meeting", "Wren", date(2026, 3, 16))

        assert run_checks(journal.vault) == []
        journal.add_entry("Written by the new driver", "Still the same journal.")
    finally:
        journal.close()
    again = Journal.unlock(old_journal, recovery_key=FACTS["recovery_key"])
    try:
        assert again.count_entries() == 4  # two entries, the record, the new one
    finally:
        again.close()


def test_old_journal_is_sqlcipher_4_and_sound_at_the_page_level(old_journal):
    from reflect.store.layout import derive_data_key

    key = derive_data_key(old_journal, passphrase=FACTS["passphrase"])
    conn = raw_connect(db_path(old_journal), key, read_only=True)
    try:
        version = conn.execute("PRAGMA cipher_version").fetchone()[0]
        assert FACTS["cipher_version"].startswith("4.") and version.startswith("4."), version
        assert conn.execute("PRAGMA cipher_integrity_check").fetchall() == []
        assert conn.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
    finally:
        conn.close()
