"""The import preview (the window's and ``reflect import --dry-run``) sorts lines out by the
same rules as the import itself and writes nothing; the import reports progress by batch, and
a progress callback that stops it leaves the journal as it was."""

from __future__ import annotations

import json

import pytest

from reflect.journal import interchange

GOOD = [{"title": f"Entry {n}", "body": "words", "created": f"2025-01-{n + 1:02d}"}
        for n in range(3)]


def write(path, *extra: str) -> None:
    path.write_text("".join(json.dumps(o) + "\n" for o in GOOD) + "".join(extra))


def test_the_preview_says_what_the_import_does_and_writes_nothing(new_journal, tmp_path):
    new_journal.add_entry("Already here", "")
    source = tmp_path / "in.jsonl"
    write(source, "{oops\n", json.dumps({"title": "When?", "created": "yesterday"}) + "\n")
    interchange.import_file(new_journal, source)  # the three good lines are in the journal now
    with source.open("a") as handle:
        handle.write(json.dumps({"title": "New one", "body": "b"}) + "\n")
    parsed = interchange.read_file(source)
    before = new_journal.count_entries()
    preview = interchange.preview_parsed(new_journal, parsed)
    assert new_journal.count_entries() == before
    assert preview.imported == 1
    assert preview.problems() == [
        "line 1: this entry is already in the journal",
        "line 2: this entry is already in the journal",
        "line 3: this entry is already in the journal",
        "line 4: not valid JSON (Expecting property name enclosed in double quotes, column 2)",
        "line 5: 'created' is not a date like 2026-03-31 or 2026-03-31T09:30: 'yesterday'",
    ]
    done = interchange.import_parsed(new_journal, parsed)
    assert (done.imported, done.skipped) == (preview.imported, preview.skipped)


def test_import_reports_progress_by_batch(new_journal, tmp_path, monkeypatch):
    monkeypatch.setattr(interchange, "_BATCH", 2)
    source = tmp_path / "in.jsonl"
    write(source, json.dumps({"title": "Fourth", "body": "b"}) + "\n",
          json.dumps({"title": "Fifth", "body": "b"}) + "\n")
    calls: list[tuple[int, int]] = []
    report = interchange.import_parsed(new_journal, interchange.read_file(source),
                                       progress=lambda done, total: calls.append((done, total)))
    assert report.imported == 5
    assert calls == [(2, 5), (4, 5), (5, 5)]


def test_a_progress_callback_that_stops_the_import_leaves_nothing(new_journal, tmp_path,
                                                                  monkeypatch):
    monkeypatch.setattr(interchange, "_BATCH", 2)
    source = tmp_path / "in.jsonl"
    write(source, json.dumps({"title": "Nobody", "person": "Wren"}) + "\n")

    def stop(done: int, total: int) -> None:
        if done >= 2:
            raise KeyboardInterrupt("locked")

    with pytest.raises(KeyboardInterrupt):
        interchange.import_parsed(new_journal, interchange.read_file(source), progress=stop)
    assert new_journal.count_entries() == 0
    assert new_journal.search("Entry").total == 0


def test_counts_read_as_words():
    assert interchange.counted(1, "entry") == "1 entry"
    assert interchange.counted(2, "line") == "2 lines"
    assert interchange.counted(12_000, "entry") == "12,000 entries"
    assert interchange.not_encrypted_warning("/tmp/out.md") == (
        "/tmp/out.md is not encrypted; anyone who can read the file can read these entries.")
