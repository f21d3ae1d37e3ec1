"""Import and export against real SQLCipher journals: round trips, jrnl, broken lines, a write
that fails part-way, and Markdown a person can read."""

from __future__ import annotations

import json
import stat
from datetime import UTC, date, datetime

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import event, text

from reflect.common.errors import WriteFailed
from reflect.journal import interchange
from reflect.journal.journal import Journal
from reflect.store import bulk
from reflect.store.envelope import KdfParams
from reflect.store.queries import EntryFilter
from tests.conftest import PASSPHRASE

FIELDS = ("uid", "kind", "title", "body", "template_id", "sections", "happened_on",
          "created_at", "updated_at", "tags", "attributes", "prompt_id", "share_with_mentor",
          "sensitive", "deleted_at")

JRNL_EXPORT = {
    "tags": {"@team": 2, "@kestrel": 1},
    "entries": [
        {"title": "Hard conversation with the service manager.",
         "body": "I raised the threshold decision again with @team in mind.\n\nWe disagreed.",
         "date": "2024-11-05", "time": "17:42", "tags": ["@team"], "starred": True},
        {"title": "Supervision with @kestrel went well.", "body": "",
         "date": "2024-11-07", "time": "09:05", "tags": ["@kestrel", "@Team"],
         "starred": False},
        {"title": "", "body": "", "date": "2024-11-08", "time": "10:00", "tags": [],
         "starred": False},
        {"title": "No date here", "body": "x", "tags": [], "starred": False},
    ],
}


def make_journal(folder) -> Journal:
    journal, _ = Journal.create(folder, PASSPHRASE, KdfParams.cheap())
    return journal


def fill(journal: Journal) -> None:
    with journal.vault.session() as session:
        kestrel = bulk.person_ids(session, ["Kestrel"])["Kestrel"]
    journal.add_entry("Oldest thoughts", "Plain *Markdown*.", happened_on=date(2023, 1, 9))
    journal.add_entry("Supervision with Kestrel", "", kind="supervision",
                      happened_on=date(2025, 6, 2), template_id="one_to_one",
                      person_id=kestrel, sensitive=True, share_with_mentor=True,
                      tags=["Team", "#threshold"], attributes=["values_driven"],
                      prompt_id="annexb-134",
                      sections={"agenda": "Caseload and the strategy meeting",
                                "wellbeing": "Tired but steady",
                                "way_forward": [{"description": "Book the strategy meeting",
                                                 "owner": "Kestrel", "due_on": "2025-06-16",
                                                 "status": "open", "outcome": ""}],
                                "scale": 7, "recorded_on_file": True})
    for title in ("Same day A", "Same day B", "Same day C"):  # ties keep their order
        journal.add_entry(title, f"Body of {title} – café, naïve, 😊", happened_on=date(2025, 6, 2))
    trashed = journal.add_entry("In the trash", "gone", happened_on=date(2024, 2, 2))
    journal.delete_entry(trashed.id)


def snapshot(journal: Journal) -> list[dict]:
    with journal.vault.session() as session:
        people = bulk.person_names(session)
    return [{**{f: getattr(e, f) for f in FIELDS}, "person": people.get(e.person_id)}
            for e in journal.list_entries(limit=1000)]


def test_jsonl_round_trip_gives_the_same_entries(new_journal, tmp_path):
    fill(new_journal)
    exported = tmp_path / "out.jsonl"
    assert interchange.export_jsonl(new_journal, exported) == 5  # not the one in the trash
    assert stat.S_IMODE(exported.stat().st_mode) == 0o600
    with make_journal(tmp_path / "other") as other:
        report = interchange.import_file(other, exported)
        assert (report.imported, report.skipped) == (5, [])
        assert snapshot(other) == snapshot(new_journal)  # field by field, in list order
        assert [h.title for h in other.search("strategy").hits] == ["Supervision with Kestrel"]
        assert other.search("naive").total == 3
        again = tmp_path / "again.jsonl"
        interchange.export_jsonl(other, again)
    assert again.read_bytes() == exported.read_bytes()


def test_reimporting_an_export_adds_nothing_twice(new_journal, tmp_path):
    fill(new_journal)
    exported = tmp_path / "out.jsonl"
    interchange.export_jsonl(new_journal, exported)
    trashed = new_journal.list_entries(EntryFilter(deleted=True))[0]
    with exported.open("a") as handle:
        handle.write(json.dumps({"uid": trashed.uid, "title": "back?"}) + "\n")
    report = interchange.import_file(new_journal, exported)
    assert report.imported == 0
    assert report.problems()[:5] == [f"line {n}: this entry is already in the journal"
                                     for n in range(1, 6)]
    assert report.problems()[5] == "line 6: this entry is already in the journal's trash"
    assert new_journal.count_entries() == 5


def test_lines_without_uid_are_not_imported_twice(new_journal, tmp_path):
    source = tmp_path / "notes.jsonl"
    source.write_text('{"title": "Team day", "body": "Good", "created": "2025-03-01"}\n'
                      '{"title": "Team day", "body": "Good", "created": "2025-03-02"}\n'
                      '{"title": "Undated", "created": null}\n'
                      '{"title": "Undated", "happened_on": "2025-03-02"}\n')
    assert interchange.import_file(new_journal, source).imported == 4
    assert interchange.import_file(new_journal, source).imported == 0
    assert new_journal.count_entries() == 4


def test_a_jrnl_export_imports(new_journal, tmp_path):
    source = tmp_path / "jrnl.json"
    source.write_text(json.dumps(JRNL_EXPORT, indent=2))
    report = interchange.import_file(new_journal, source)
    assert report.format == "jrnl" and report.imported == 2
    assert report.problems() == [
        "entry 3: it has neither a title nor a body",
        "entry 4: 'date' is not a date like 2026-03-31: null",
    ]
    first, second = new_journal.list_entries()[::-1]
    assert first.title == "Hard conversation with the service manager."
    assert first.body.endswith("We disagreed.")
    assert first.tags == ["team", "starred"]
    assert first.happened_on == date(2024, 11, 5)
    assert first.created_at == datetime(2024, 11, 5, 17, 42).astimezone(UTC)
    assert second.tags == ["kestrel", "team"]
    assert interchange.import_file(new_journal, source).imported == 0


def test_broken_lines_are_reported_and_the_good_ones_imported(new_journal, tmp_path):
    existing = new_journal.add_entry("Already here", "x")
    lines = [
        b'{"title": "Good one", "body": "Reflecting on practice", "tags": ["a"]}',
        b'{"title": "Broken", ',
        b"",
        b'["a", "list"]',
        b'{"tags": ["only tags"]}',
        b'{"title": "Bad date", "created": "31/03/2026"}',
        b'{"title": "Bad tags", "tags": "team"}',
        b'{"title": "Unknown kind", "kind": "diary"}',
        json.dumps({"uid": existing.uid, "title": "Clash"}).encode(),
        b'{"title": "Latin-1 \xe9"}',
        b'{"title": "Good two", "created": "2025-02-03T08:15:00+01:00", "kind": "coaching"}',
        b'{"title": "Good one", "body": "Reflecting on practice", "tags": ["a"]}',
        b'{"title": "Lone \\ud800 surrogate"}',
        b'{"title": "Flag", "sensitive": "yes"}',
    ]
    source = tmp_path / "in.jsonl"
    source.write_bytes(b"\n".join(lines) + b"\n")
    report = interchange.import_file(new_journal, source)
    assert report.imported == 2
    assert [(s.line, s.reason.split(" (")[0]) for s in report.skipped] == [
        (2, "not valid JSON"),
        (4, "not a JSON object"),
        (5, "it has neither a title nor a body"),
        (6, "'created' is not a date like 2026-03-31 or 2026-03-31T09:30: '31/03/2026'"),
        (7, "'tags' must be a list of words, not text"),
        (8, "unknown kind 'diary'"),
        (9, "this entry is already in the journal"),
        (10, "not UTF-8 text"),
        (12, "the same entry as line 1"),
        (13, "it contains text that is not valid Unicode"),
        (14, "'sensitive' must be true or false, not text"),
    ]
    two = new_journal.list_entries(EntryFilter(kind="coaching"))[0]
    assert two.happened_on == date(2025, 2, 3)  # the day as written, not the UTC day
    assert two.created_at == datetime(2025, 2, 3, 7, 15, tzinfo=UTC)
    assert new_journal.count_entries() == 3


def _good_lines(n: int) -> str:
    return "".join(json.dumps({"title": f"Entry {i}", "body": "words " * 300}) + "\n"
                   for i in range(n))


def test_a_write_failing_part_way_imports_nothing(new_journal, tmp_path):
    with new_journal.vault.session() as session:  # the database refuses the third row
        session.execute(text(
            "CREATE TRIGGER refuse_third BEFORE INSERT ON entry "
            "WHEN (SELECT count(*) FROM entry) >= 2 "
            "BEGIN SELECT RAISE(ABORT, 'refused by the test'); END"))
    source = tmp_path / "in.jsonl"
    source.write_text(_good_lines(5) + json.dumps({"title": "t", "person": "Osprey"}) + "\n")
    with pytest.raises(WriteFailed, match="nothing was imported"):
        interchange.import_file(new_journal, source)
    assert new_journal.count_entries() == 0
    assert new_journal.search("words").total == 0
    with new_journal.vault.session() as session:
        assert bulk.person_names(session) == {}
        session.execute(text("DROP TRIGGER refuse_third"))
    assert interchange.import_file(new_journal, source).imported == 6


def test_a_full_disk_part_way_imports_nothing(new_journal, tmp_path):
    new_journal.add_entry("Before", "kept")
    engine = new_journal.vault.engine

    def full_disk(dbapi_conn, *_):  # SQLite stops growing the file: SQLITE_FULL
        pages = dbapi_conn.execute("PRAGMA page_count").fetchone()[0]
        dbapi_conn.execute(f"PRAGMA max_page_count = {pages + 8}")

    event.listen(engine, "checkout", full_disk)
    source = tmp_path / "in.jsonl"
    source.write_text(_good_lines(200))
    try:
        with pytest.raises(WriteFailed, match="disk is full"):
            interchange.import_file(new_journal, source)
    finally:
        event.remove(engine, "checkout", full_disk)
        engine.dispose()  # fresh connections, without the limit
    assert [e.title for e in new_journal.list_entries()] == ["Before"]
    assert new_journal.search("words").total == 0
    assert interchange.import_file(new_journal, source).imported == 200


def test_markdown_export_reads_well(new_journal, tmp_path):
    fill(new_journal)
    new_journal.add_entry("With headings", "# My heading\n\n```\n# not a heading\n```\n",
                          happened_on=date(2026, 3, 3))
    path = tmp_path / "journal.md"
    assert interchange.export_markdown(new_journal, path, today=date(2026, 3, 4)) == 6
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    markdown = path.read_text()
    assert markdown.startswith("# Reflect journal\n\nExported on 4 March 2026: 6 entries")
    titles = [line[3:] for line in markdown.splitlines() if line.startswith("## ")]
    assert titles == ["With headings", "Same day C", "Same day B", "Same day A",
                      "Supervision with Kestrel", "Oldest thoughts"]
    assert "In the trash" not in markdown
    assert "3 March 2026\n\n### My heading\n\n```\n# not a heading\n```" in markdown
    assert "Plain *Markdown*." in markdown and "Body of Same day A – café" in markdown
    record = markdown.split("## Supervision with Kestrel")[1].split("\n## ")[0]
    assert ("2 June 2025 · Supervision · Supervisee: Kestrel · Sensitive · Shared with mentor"
            in record)
    assert "Tags: #team #threshold" in record
    assert "### Agenda agreed\n\nCaseload and the strategy meeting" in record
    assert "- Book the strategy meeting (Kestrel, due 16 June 2025, open)" in record
    assert "### Scale\n\n7" in record and "### Recorded on file\n\nYes" in record


def test_uk_dates_and_heading_demotion():
    from reflect.common.dates import uk_date
    from reflect.journal.markdown_text import demote_headings

    assert uk_date(date(2026, 3, 3)) == "3 March 2026"
    assert demote_headings("## a\n~~~\n# b\n~~~\n###### c", 2) == (
        "#### a\n~~~\n# b\n~~~\n###### c")


@settings(max_examples=300, deadline=None)
@given(st.lists(st.text(), max_size=8))
def test_any_text_lines_give_entries_or_reasons(lines):
    result = interchange.parse_jsonl(lines)
    numbers = [i.line for i in result.entries] + [s.line for s in result.skipped]
    assert len(numbers) == len(set(numbers))
    assert set(numbers) == {n for n, line in enumerate(lines, 1)  # a BOM only opens a file
                            if (line.removeprefix("\ufeff") if n == 1 else line).strip()}
    assert all(isinstance(s.reason, str) and s.reason for s in result.skipped)


@settings(max_examples=200, deadline=None)
@given(st.binary(max_size=300))
def test_any_bytes_give_entries_or_reasons(data):
    result = interchange.parse_bytes(data)
    assert all(s.reason for s in result.skipped)


JSON = st.recursive(st.none() | st.booleans() | st.integers() | st.text(max_size=20),
                    lambda inner: st.lists(inner, max_size=3)
                    | st.dictionaries(st.text(max_size=8), inner, max_size=3), max_leaves=8)
FIELD = st.sampled_from(["uid", "kind", "title", "body", "created", "updated", "happened_on",
                         "tags", "attributes", "sections", "person", "prompt_id", "sensitive"])
OBJECTS = st.dictionaries(FIELD, JSON | st.sampled_from(
    ["2025-01-02", "2025-01-02T03:04:05Z", "supervision", "x" * 37, "\ud800"]), max_size=8)


@pytest.fixture(scope="module")
def shared_journal(tmp_path_factory):
    journal = make_journal(tmp_path_factory.mktemp("shared") / "journal")
    yield journal
    journal.close()


@settings(max_examples=100, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(OBJECTS, max_size=4))
def test_whatever_parses_also_imports(shared_journal, objects):
    lines = [json.dumps(o) for o in objects]
    parsed = interchange.parse_jsonl(lines)
    before = shared_journal.count_entries()
    report = interchange.import_parsed(shared_journal, parsed)
    assert shared_journal.count_entries() == before + report.imported
    assert report.imported + len(report.skipped) == len([o for o in objects])
