"""Import and export stream: a JSON Lines file is read again when imported and written a batch
at a time, an export is written as it is read, so neither holds the journal in memory; a file
changed between the preview and the import is refused and changes nothing."""

from __future__ import annotations

import gc
import json

import pytest

from reflect.journal import interchange
from reflect.store import bulk
from reflect.store.models import Entry


def _alive(kind: type) -> int:
    gc.collect()
    return sum(1 for o in gc.get_objects() if type(o) is kind)


def _lines(n: int, day: str = "2025-03-01") -> str:
    return "".join(json.dumps({"title": f"Entry {i}", "body": f"body {i}", "created": day,
                               "person": "Kestrel" if i % 3 == 0 else None}) + "\n"
                   for i in range(n))


def test_import_holds_one_batch_of_the_file_at_a_time(new_journal, tmp_path, monkeypatch):
    monkeypatch.setattr(interchange, "_BATCH", 10)
    source = tmp_path / "in.jsonl"
    source.write_text(_lines(95))
    alive: list[int] = []
    parsed = interchange.read_file(source)
    report = interchange.import_parsed(new_journal, parsed,
                                       progress=lambda done, total: alive.append(
                                           _alive(interchange.Incoming)))
    assert report.imported == 95 and report.skipped == []
    assert max(alive) <= 11  # one batch (and the entry being read), never the file
    assert len(alive) == 10
    assert new_journal.count_entries() == 95
    with new_journal.vault.session() as session:
        assert bulk.person_names(session) == {1: "Kestrel"}


def test_a_file_changed_after_its_preview_is_refused_and_changes_nothing(new_journal,
                                                                         tmp_path):
    source = tmp_path / "in.jsonl"
    source.write_text(_lines(5))
    parsed = interchange.read_file(source)
    assert interchange.preview_parsed(new_journal, parsed).imported == 5
    source.write_text(_lines(4))  # edited before "Import" was pressed
    with pytest.raises(interchange.FileChanged, match="changed after it was read; nothing"):
        interchange.import_parsed(new_journal, parsed)
    assert new_journal.count_entries() == 0


def test_a_jrnl_export_on_one_line_or_many_is_still_a_jrnl_export(new_journal, tmp_path):
    document = {"tags": {}, "entries": [{"title": "From jrnl", "body": "b",
                                         "date": "2024-05-01", "time": "09:30"}]}
    for indent in (None, 2):
        source = tmp_path / f"jrnl{indent}.json"
        source.write_text(json.dumps(document, indent=indent) + "\n\n")
        parsed = interchange.read_file(source)
        assert (parsed.format, len(parsed.entries)) == (interchange.FORMAT_JRNL, 1)


def test_keyset_batches_return_every_entry_once_in_order(new_journal):
    rows = [{"uid": f"u{i}", "title": f"t{i}", "happened_on": day, "created_at": when,
             "updated_at": when}
            for i, (day, when) in enumerate(
                (e.happened_on, e.created_at) for e in
                [new_journal.add_entry(f"seed {n}", "") for n in range(7)])]
    with new_journal.vault.session() as session:
        bulk.insert_entries(session, rows)  # the same days again: ties broken by id
        expected = [e.id for e in bulk.entries_oldest_first(session)]
        for newest_first in (False, True):
            got = [e.id for e in bulk.iter_entries(session, newest_first=newest_first,
                                                   batch=3)]
            assert got == (expected[::-1] if newest_first else expected)
        assert len(expected) == 14 == bulk.count_entries(session)


def test_an_export_holds_one_batch_at_a_time(new_journal, tmp_path):
    for n in range(40):
        new_journal.add_entry(f"Entry {n}", "words")
    gc.collect()
    with new_journal.vault.session() as session:
        alive = []
        for n, _entry in enumerate(bulk.iter_entries(session, batch=10)):
            if n % 10 == 5:
                alive.append(_alive(Entry))
    assert max(alive) <= 11
