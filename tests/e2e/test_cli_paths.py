"""Journal folders with names that mean something in a URI (issue 10, case 5): ``%41`` once
opened ``A``, and ``#`` or ``?`` cut the path short, so SQLite made empty files outside the
journal folder and the read-only check opened one of those instead of the journal."""

import pytest

from tests.e2e.conftest import run

NAMES = ["a%41b", "x#y", "q?z  Журнал ü"]  # escapes, fragment, query, spaces, Cyrillic


@pytest.mark.parametrize("name", NAMES)
def test_every_command_works_in_a_folder_with_a_uri_like_name(tmp_path, name):
    parent = tmp_path / "parent"
    parent.mkdir()
    journal = parent / name
    steps = [("init",), ("add", "--title", "First words"), ("list",), ("search", "words"),
             ("backup", str(journal / "backups" / "copy")), ("check",)]
    for step in steps:
        result = run(journal, *step, stdin="some words to find")
        assert result.returncode == 0, (step, result.stderr)
        if step[0] in ("list", "search"):
            assert "First words" in result.stdout
    assert [p.name for p in parent.iterdir()] == [name]  # nothing made beside the journal
    assert sorted(p.name for p in journal.iterdir()) == [
        "backups", "journal.db", "journal.keys", "journal.lock"]
    assert sorted(p.name for p in (journal / "backups" / "copy").iterdir()) == [
        "journal.db", "journal.keys"]
    assert run(journal / "backups" / "copy", "list").stdout.strip().endswith("First words")


@pytest.mark.parametrize(("path", "uri"), [
    ("/tmp/a%41b/journal.db", "file:///tmp/a%2541b/journal.db"),
    ("/tmp/x#y/q?z/journal.db", "file:///tmp/x%23y/q%3Fz/journal.db"),
    ("/tmp/Журнал ü/journal.db",
     "file:///tmp/%D0%96%D1%83%D1%80%D0%BD%D0%B0%D0%BB%20%C3%BC/journal.db"),
])
def test_file_uris_escape_every_special_character(path, uri):
    from reflect.store.sqlcipher import file_uri

    assert file_uri(path, mode="ro") == uri + "?mode=ro"
