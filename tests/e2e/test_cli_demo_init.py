"""``reflect init --demo``: the demo's sample content in a lasting journal that the other
commands open like any other (list, search, the mentor pack), and its refusals."""

from __future__ import annotations

import re

from pypdf import PdfReader

from reflect.common.errors import JournalExists
from reflect.journal.journal import Journal
from reflect.store.envelope import KdfParams
from tests.e2e.conftest import assert_clean_error, run


def _files(folder):
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir())}


def test_init_demo_writes_a_lasting_journal_the_commands_open(journal_dir, tmp_path):
    made = run(journal_dir, "init", "--demo")
    assert made.returncode == 0, made.stderr
    assert re.fullmatch(r"([A-Z2-7]{4}-){7}[A-Z2-7]{4}\n", made.stdout)  # the recovery key
    said = re.search(r"Created a demo journal at (.+) with sample content: (\d+) entries "
                     r"\((\d+) of them records from templates\), (\d+) actions and (\d+) "
                     r"ratings\.", made.stderr)
    assert said, made.stderr
    assert said.group(1) == str(journal_dir)
    entries, records, actions, ratings = map(int, said.groups()[1:])
    assert entries > 90 and records > 20 and actions > 40 and ratings >= 40
    # A real journal: the normal key-derivation cost, and the recovery key opens it.
    keys = (journal_dir / "journal.keys").read_text()
    assert f'"memory_kib": {KdfParams().memory_kib}' in keys
    with Journal.unlock(journal_dir, recovery_key=made.stdout.strip()) as journal:
        assert journal.count_entries() == entries

    listed = run(journal_dir, "list", "--limit", "500")
    assert listed.returncode == 0, listed.stderr
    assert len(listed.stdout.splitlines()) == entries
    assert f"{entries} of {entries} entries shown." in listed.stderr
    found = run(journal_dir, "search", "C-2291")
    assert found.returncode == 0 and "Complex case review — C-2291" in found.stdout

    pack = tmp_path / "pack.pdf"
    exported = run(journal_dir, "export", "--format", "pdf", "--include-shared",
                   "--output", str(pack))
    assert exported.returncode == 0, exported.stderr
    text = "".join(page.extract_text() for page in PdfReader(str(pack)).pages)
    assert "Sam Okafor" in text and "Coaching preparation" in text
    assert "Wrote the mentor pack" in exported.stderr


def test_init_demo_refuses_a_folder_that_holds_a_journal(journal_dir, cheap_journal):
    before = _files(journal_dir)
    result = run(journal_dir, "init", "--demo")
    assert_clean_error(result, JournalExists.exit_code)
    assert str(journal_dir) in result.stderr and "nothing was changed" in result.stderr
    assert _files(journal_dir) == before  # not a byte changed, nothing added


def test_init_demo_without_a_passphrase_and_no_terminal(journal_dir):
    result = run(journal_dir, "init", "--demo", REFLECT_PASSPHRASE=None)
    assert_clean_error(result, 2)
    assert "REFLECT_PASSPHRASE" in result.stderr and str(journal_dir) in result.stderr
    assert not journal_dir.exists()


def test_init_demo_refuses_a_weak_passphrase(journal_dir):
    result = run(journal_dir, "init", "--demo", REFLECT_PASSPHRASE="short")
    assert_clean_error(result, 2)
    assert not journal_dir.exists()
