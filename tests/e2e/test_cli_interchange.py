"""``reflect import`` and ``reflect export`` as a script runs them: real processes, exit codes,
what lands on stdout and stderr, and the files left behind."""

from __future__ import annotations

import json
import stat

from sqlalchemy import text

from reflect.journal.journal import Journal
from reflect.store.envelope import KdfParams
from tests.conftest import PASSPHRASE
from tests.e2e.conftest import assert_clean_error, run

LINES = [
    {"title": "First supervision with Wren", "body": "Agreed a plan.", "created": "2025-01-10",
     "tags": ["supervision"], "kind": "supervision"},
    {"title": "Reflection on the audit", "body": "What went well.",
     "created": "2025-02-01T18:30:00Z", "tags": ["audit", "#Quality"]},
]


def make_journal(folder) -> None:
    Journal.create(folder, PASSPHRASE, KdfParams.cheap())[0].close()


def write_lines(path, *extra: str) -> None:
    path.write_text("".join(json.dumps(line) + "\n" for line in LINES) + "".join(extra))


def test_import_everything_exits_0(journal_dir, tmp_path):
    make_journal(journal_dir)
    source = tmp_path / "in.jsonl"
    write_lines(source)
    result = run(journal_dir, "import", str(source))
    assert result.returncode == 0, result.stderr
    assert result.stdout == ""
    assert result.stderr == f"Imported 2 entries from {source}.\n"
    listed = run(journal_dir, "list").stdout.splitlines()
    assert listed == ["2025-02-01  Reflection on the audit  #audit #quality",
                      "2025-01-10  First supervision with Wren  #supervision"]


def test_broken_lines_are_reported_by_number_and_exit_10(journal_dir, tmp_path):
    make_journal(journal_dir)
    source = tmp_path / "in.jsonl"
    write_lines(source, "{oops\n", '{"title": "When?", "created": "yesterday"}\n')
    result = run(journal_dir, "import", str(source))
    assert result.returncode == 10, result.stderr
    lines = result.stderr.splitlines()
    assert lines[0] == "line 3: not valid JSON (Expecting property name enclosed in double " \
                       "quotes, column 2)"
    assert lines[1].startswith("line 4: 'created' is not a date")
    assert lines[2] == f"Imported 2 entries from {source}; skipped 2 lines (listed above)."
    assert len(run(journal_dir, "list").stdout.splitlines()) == 2


def test_nothing_importable_exits_1_without_asking_for_the_passphrase(journal_dir, tmp_path):
    make_journal(journal_dir)
    source = tmp_path / "in.jsonl"
    source.write_text("not json\n\n[]\n")
    result = run(journal_dir, "import", str(source), REFLECT_PASSPHRASE=None)
    assert result.returncode == 1
    assert result.stderr.splitlines() == [
        "line 1: not valid JSON (Expecting value, column 1)",
        "line 3: not a JSON object (it is a list)",
        f"reflect: nothing was imported from {source}: all 2 lines were skipped "
        "(listed above).",
    ]
    assert_clean_error(run(journal_dir, "import", str(tmp_path / "missing.jsonl")), 1)


def test_reimporting_an_export_exits_1_and_adds_nothing(journal_dir, tmp_path):
    make_journal(journal_dir)
    source = tmp_path / "in.jsonl"
    write_lines(source)
    assert run(journal_dir, "import", str(source)).returncode == 0
    again = run(journal_dir, "import", str(source))
    assert again.returncode == 1
    assert "line 1: this entry is already in the journal" in again.stderr
    assert len(run(journal_dir, "list").stdout.splitlines()) == 2


def test_a_failed_write_exits_9_and_leaves_nothing(journal_dir, tmp_path):
    make_journal(journal_dir)
    with Journal.unlock(journal_dir, passphrase=PASSPHRASE) as journal, \
            journal.vault.session() as session:
        session.execute(text("CREATE TRIGGER refuse BEFORE INSERT ON entry "
                             "WHEN (SELECT count(*) FROM entry) >= 1 "
                             "BEGIN SELECT RAISE(ABORT, 'refused by the test'); END"))
    source = tmp_path / "in.jsonl"
    write_lines(source)
    result = run(journal_dir, "import", str(source))
    assert_clean_error(result, 9)
    assert "nothing was imported" in result.stderr
    assert run(journal_dir, "list").stdout == ""


def test_export_both_formats_privately_and_round_trip(journal_dir, tmp_path):
    make_journal(journal_dir)
    source = tmp_path / "in.jsonl"
    write_lines(source)
    run(journal_dir, "import", str(source))
    markdown = tmp_path / "journal.md"
    result = run(journal_dir, "export", "--format", "md", "--output", str(markdown))
    assert result.returncode == 0, result.stderr
    assert result.stderr.splitlines() == [
        f"Exported 2 entries to {markdown}.",
        f"reflect: warning: {markdown} is not encrypted; anyone who can read the file can "
        "read these entries.",
    ]
    text_md = markdown.read_text()
    assert "## Reflection on the audit\n\n1 February 2025\n\nTags: #audit #quality" in text_md
    assert text_md.index("Reflection on the audit") < text_md.index("First supervision")
    exported = tmp_path / "journal.jsonl"
    assert run(journal_dir, "export", "-o", str(exported)).returncode == 0  # format from name
    for path in (markdown, exported):
        assert stat.S_IMODE(path.stat().st_mode) == 0o600
    other = tmp_path / "other"
    make_journal(other)
    assert run(other, "import", str(exported)).returncode == 0
    assert run(other, "list").stdout == run(journal_dir, "list").stdout


def test_export_usage_errors(journal_dir, tmp_path):
    make_journal(journal_dir)
    assert_clean_error(run(journal_dir, "export", "-o", str(tmp_path / "out.txt")), 2)
    assert_clean_error(run(journal_dir, "export", "--format", "md", "-o",
                           str(tmp_path / "no" / "such" / "out.md")), 2)
    assert not list(tmp_path.glob("out*"))


def test_a_dry_run_says_what_would_happen_by_the_same_rules_and_writes_nothing(journal_dir,
                                                                               tmp_path):
    make_journal(journal_dir)
    source = tmp_path / "in.jsonl"
    write_lines(source, "{oops\n")
    before = (journal_dir / "journal.db").read_bytes()
    result = run(journal_dir, "import", "--dry-run", str(source))
    assert result.returncode == 10, result.stderr
    assert result.stderr.splitlines()[-1] == (
        f"Would import 2 entries from {source}; would skip 1 line (listed above).")
    assert run(journal_dir, "list").stdout == ""
    assert (journal_dir / "journal.db").read_bytes() == before
    assert run(journal_dir, "import", str(source)).returncode == 10
    again = run(journal_dir, "import", "--dry-run", str(source))
    assert again.returncode == 1
    assert again.stderr.splitlines()[-1] == (
        f"reflect: nothing would be imported from {source}: all 3 lines would be skipped "
        "(listed above).")
