"""The command line as a script uses it: real processes, real journals, exit codes."""

import re

from reflect.journal.journal import Journal
from tests.conftest import PASSPHRASE
from tests.e2e.conftest import assert_clean_error, run


def test_init_prints_the_recovery_key_once_on_stdout(journal_dir):
    result = run(journal_dir, "init")
    assert result.returncode == 0, result.stderr
    assert re.fullmatch(r"([A-Z2-7]{4}-){7}[A-Z2-7]{4}\n", result.stdout)
    assert "recovery key" in result.stderr
    Journal.unlock(journal_dir, recovery_key=result.stdout.strip()).close()
    assert_clean_error(run(journal_dir, "init"), 8)


def test_init_refuses_a_short_passphrase(journal_dir):
    result = run(journal_dir, "init", REFLECT_PASSPHRASE="short")
    assert_clean_error(result, 2)
    assert not journal_dir.exists()


def test_add_list_search(journal_dir, cheap_journal):
    body = "We talked about **Kestrel's** caseload.\n\n- agreed a plan\n"
    assert run(journal_dir, "add", "--title", "Supervision notes", "--tag", "team",
               "--date", "2026-01-15", stdin=body).returncode == 0
    assert run(journal_dir, "add", stdin="# Morning pages\nThinking about the plan").returncode == 0
    listed = run(journal_dir, "list")
    assert listed.returncode == 0
    lines = listed.stdout.splitlines()
    assert len(lines) == 2
    assert lines[1] == "2026-01-15  Supervision notes  #team"
    assert lines[0].endswith("Morning pages")
    hits = run(journal_dir, "search", "plan")
    assert hits.returncode == 0
    assert len(hits.stdout.splitlines()) == 2  # exactly one line per hit
    assert "2 entries match" in hits.stderr
    one = run(journal_dir, "search", "kestrel")
    assert one.stdout == "2026-01-15  Supervision notes\n"
    none = run(journal_dir, "search", "nothing-like-this")
    assert none.stdout == "" and "0 entries match" in none.stderr


def test_empty_add_is_refused(journal_dir, cheap_journal):
    result = run(journal_dir, "add", stdin="   \n")
    assert result.returncode == 1 and "empty" in result.stderr


def test_bad_date_is_a_usage_error(journal_dir, cheap_journal):
    result = run(journal_dir, "add", "--date", "31/03/2026", stdin="x")
    assert result.returncode == 2 and "not a date" in result.stderr


def test_each_failure_has_its_own_exit_code(journal_dir, cheap_journal, tmp_path):
    assert_clean_error(run(tmp_path / "none", "list"), 7)
    assert_clean_error(run(journal_dir, "list", REFLECT_PASSPHRASE="wrong passphrase!"), 3)
    holder = Journal.unlock(journal_dir, passphrase=PASSPHRASE)
    try:
        assert_clean_error(run(journal_dir, "list"), 6)
    finally:
        holder.close()
    db = journal_dir / "journal.db"
    original = db.read_bytes()
    db.write_bytes(bytes(64) + original[64:])
    assert_clean_error(run(journal_dir, "list"), 5)
    db.write_bytes(original)
    (journal_dir / "journal.keys").write_text("{ broken")
    assert_clean_error(run(journal_dir, "list"), 4)


def test_missing_passphrase_without_terminal(journal_dir, cheap_journal):
    result = run(journal_dir, "list", REFLECT_PASSPHRASE=None)
    assert_clean_error(result, 2)
    assert "REFLECT_PASSPHRASE" in result.stderr or "environment" in result.stderr


def test_passwd_and_recovery(journal_dir, cheap_journal):
    result = run(journal_dir, "passwd", REFLECT_NEW_PASSPHRASE="another long passphrase")
    assert result.returncode == 0, result.stderr
    assert run(journal_dir, "list").returncode == 3
    assert run(journal_dir, "list", REFLECT_PASSPHRASE="another long passphrase").returncode == 0
    by_recovery = run(journal_dir, "--recovery", "list", REFLECT_PASSPHRASE=None,
                      REFLECT_RECOVERY_KEY=cheap_journal)
    assert by_recovery.returncode == 0, by_recovery.stderr
    # Forgot the passphrase: set a new one with the recovery key.
    reset = run(journal_dir, "--recovery", "passwd", REFLECT_RECOVERY_KEY=cheap_journal,
                REFLECT_NEW_PASSPHRASE="third long passphrase")
    assert reset.returncode == 0
    assert run(journal_dir, "list", REFLECT_PASSPHRASE="third long passphrase").returncode == 0


def test_check_reports_a_sound_journal(journal_dir, cheap_journal):
    run(journal_dir, "add", "--title", "t", stdin="body")
    result = run(journal_dir, "check")
    assert result.returncode == 0 and "sound" in result.stdout


def test_search_and_list_never_load_sqlalchemy(journal_dir, cheap_journal):
    """The quick read path is what keeps a whole ``reflect search`` well under a second."""
    import os
    import subprocess
    import sys

    probe = ("import sys; from reflect.cli.main import main; "
             "codes = [main(['--journal', sys.argv[1], c, *a]) for c, a in "
             "(('search', ['x']), ('list', []))]; "
             "print(codes, 'sqlalchemy' in sys.modules)")
    result = subprocess.run([sys.executable, "-c", probe, str(journal_dir)],
                            capture_output=True, text=True, timeout=60,
                            env={**os.environ, "REFLECT_PASSPHRASE": PASSPHRASE})
    assert result.stdout.strip().endswith("[0, 0] False"), result.stdout + result.stderr
