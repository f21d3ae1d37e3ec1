"""The command line starts lean and ends quietly: a command imports only its own module, and
output piped into a reader that stops early (``reflect list | head``) ends with no message."""

import json
import os
import subprocess
import sys

import pytest

from reflect.cli import main as cli
from reflect.journal import interchange
from reflect.journal.journal import Journal
from tests.conftest import PASSPHRASE

NOT_FOR_SEARCH = ("reflect.store.backups", "reflect.cli.backup", "reflect.cli.interchange",
                  "reflect.cli.profile", "reflect.content.library", "sqlalchemy", "PySide6",
                  "reportlab")


def test_search_imports_no_other_commands_module(journal_dir, cheap_journal):
    probe = ("import json, sys; from reflect.cli.main import main; "
             "code = main(['--journal', sys.argv[1], 'search', 'word']); "
             "print(json.dumps([code, sorted(sys.modules)]))")
    result = subprocess.run([sys.executable, "-c", probe, str(journal_dir)],
                            capture_output=True, text=True, timeout=60,
                            env={**os.environ, "REFLECT_PASSPHRASE": PASSPHRASE})
    code, modules = json.loads(result.stdout.splitlines()[-1])
    assert code == 0, result.stderr
    loaded = [name for name in NOT_FOR_SEARCH
              if any(m == name or m.startswith(name + ".") for m in modules)]
    assert loaded == []


def test_every_command_module_is_found_by_its_commands():
    """The lazy table and the full list agree, so no command is lost from help or dispatch."""
    for module in cli._command_modules():
        for name in module.COMMANDS:
            assert cli.command_module(name) is module, name
    parser_commands = cli.build_parser()._subparsers._group_actions[0].choices  # type: ignore
    for name in parser_commands:
        assert name in cli.COMMANDS or cli.command_module(name) is not None, name


@pytest.mark.parametrize("argv, command", [
    (["--journal", "/j", "search", "--limit", "5", "word"], "search"),
    (["--journal=/j", "--recovery", "import", "x.jsonl"], "import"),
    (["backup", "--to", "/media"], "backup"),
    (["search", "-h"], None),  # help: the full parser answers
    (["--version"], None),
    (["--journal"], None),  # the full parser reports the mistake
    ([], None),
])
def test_the_command_is_found_before_any_module_is_imported(argv, command):
    assert cli.command_named(argv) == command


@pytest.fixture
def long_journal(journal_dir):
    """Enough entries that ``list`` and ``search`` write more than a pipe holds (64 KB)."""
    from reflect.store.envelope import KdfParams

    journal, _ = Journal.create(journal_dir, PASSPHRASE, KdfParams.cheap())
    lines = [json.dumps({"title": f"Team meeting number {n} about the rota and the plan",
                         "body": "team", "created": "2026-01-05"}) for n in range(3000)]
    with journal:
        assert interchange.import_parsed(journal, interchange.parse_jsonl(lines)).imported == 3000
    return journal_dir


@pytest.mark.parametrize("command", [["list", "--limit", "3000"],
                                     ["search", "team", "--limit", "3000"]])
def test_a_reader_that_stops_early_ends_the_command_quietly(long_journal, command):
    """``reflect list | head -1``: the pipe is closed after one line, as head does."""
    child = subprocess.Popen(
        [sys.executable, "-m", "reflect", "--journal", str(long_journal), *command],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE,
        env={**os.environ, "REFLECT_PASSPHRASE": PASSPHRASE})
    assert child.stdout is not None and child.stderr is not None
    first = child.stdout.readline()
    child.stdout.close()
    errors = child.stderr.read().decode()
    assert child.wait(timeout=60) == 0, errors
    assert first.startswith(b"2026-01-05  Team meeting")
    assert errors == ""
