"""Titles that would drive the terminal: an imported file can hold ESC, OSC and NUL in a title
or a tag; `reflect list` and `reflect search` show them as visible escapes, never raw."""

import json
import unicodedata

from tests.e2e.conftest import run

HOSTILE = [
    # Clear the screen, then set the window title by OSC and hide the rest of the line.
    {"title": "kestrel \x1b[2J\x1b]0;owned\x07 \x1b[8mhidden", "body": "kestrel one",
     "created": "2026-01-10", "tags": ["kestrel\x1b[31m"]},
    {"title": "kestrel nul\x00 bell\x07 csi\x9b2J back\x08\x7f", "body": "kestrel two",
     "created": "2026-01-11"},
    {"title": "kestrel \u202etxt.exe", "body": "kestrel three", "created": "2026-01-12"},
]


def _controls(text: str) -> list[str]:
    return [c for c in text if c != "\n" and (unicodedata.category(c) == "Cc" or c == "\u202e")]


def test_list_and_search_show_control_characters_as_escapes(journal_dir, cheap_journal,
                                                              tmp_path):
    source = tmp_path / "hostile.jsonl"
    source.write_text("".join(json.dumps(line) + "\n" for line in HOSTILE))
    imported = run(journal_dir, "import", str(source))
    assert imported.returncode == 0, imported.stderr
    listed = run(journal_dir, "list")
    found = run(journal_dir, "search", "kestrel")
    for result in (listed, found):
        assert result.returncode == 0, result.stderr
        assert _controls(result.stdout) == [] and _controls(result.stderr) == []
        assert len(result.stdout.splitlines()) == 3  # one line per entry, nothing hidden
    lines = listed.stdout.splitlines()
    assert lines[2] == ("2026-01-10  kestrel \\x1b[2J\\x1b]0;owned\\x07 \\x1b[8mhidden"
                        "  #kestrel\\x1b[31m")
    assert lines[1] == "2026-01-11  kestrel nul\\x00 bell\\x07 csi\\x9b2J back\\x08\\x7f"
    assert lines[0] == "2026-01-12  kestrel \\u202etxt.exe"
    assert sorted(found.stdout.splitlines()) == sorted(line.split("  #")[0] for line in lines)


def test_add_echoes_a_hostile_title_as_escapes(journal_dir, cheap_journal):
    added = run(journal_dir, "add", "--title", "plan \x1b]52;c;aGk=\x07 done", stdin="text")
    assert added.returncode == 0, added.stderr
    assert _controls(added.stderr) == []
    assert "plan \\x1b]52;c;aGk=\\x07 done" in added.stderr
