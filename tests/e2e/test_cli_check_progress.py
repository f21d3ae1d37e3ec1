"""`reflect check` says on stderr which part runs (issue 18); `reflect backup` without a
path keeps to the budget and refuses one that cannot hold a copy."""

from __future__ import annotations

import json
import os
import pty
import subprocess
import sys

from reflect.common.errors import WriteFailed
from reflect.store.check import PARTS
from tests.conftest import PASSPHRASE
from tests.e2e.conftest import run


def test_check_names_each_part_on_stderr_when_piped(journal_dir, cheap_journal):
    result = run(journal_dir, "check")
    assert result.returncode == 0, result.stderr
    assert "sound" in result.stdout
    lines = result.stderr.splitlines()
    assert [line for line in lines if line.startswith("Checking ")] == list(PARTS)
    assert "%" not in result.stderr and "\r" not in result.stderr  # no flood in a log


def test_check_updates_one_line_on_a_terminal(journal_dir, cheap_journal):
    main, child = pty.openpty()
    environment = {**os.environ, "REFLECT_PASSPHRASE": PASSPHRASE}
    proc = subprocess.Popen([sys.executable, "-m", "reflect", "--journal", str(journal_dir),
                             "check"], stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                            stderr=child, env=environment)
    os.close(child)
    out, _ = proc.communicate(timeout=60)
    seen = b""
    while True:
        try:
            chunk = os.read(main, 4096)
        except OSError:
            break
        if not chunk:
            break
        seen += chunk
    os.close(main)
    text = seen.decode()
    assert proc.returncode == 0 and b"sound" in out
    assert "\r\x1b[KChecking the database pages… 0%" in text
    assert "100%" in text and text.endswith("\r\x1b[K")  # the line is cleared at the end
    assert "\n" not in text.replace("\r\n", "")


def test_backup_without_a_path_refuses_a_budget_too_small(journal_dir, cheap_journal,
                                                          isolated_environment):
    import secrets

    from reflect.common.settings import Settings
    from reflect.journal.journal import Journal

    Settings.update(backup_budget_mb=1)
    with Journal.unlock(journal_dir, passphrase=PASSPHRASE) as journal:
        for n in range(150):
            journal.add_entry(f"entry {n}", secrets.token_hex(4000))
    result = run(journal_dir, "backup")
    assert result.returncode == WriteFailed.exit_code, result.stderr
    assert "cannot hold even one backup" in result.stderr and "Traceback" not in result.stderr
    assert not (journal_dir / "backups").exists() or not any(
        p.name.endswith("-manual") for p in (journal_dir / "backups").iterdir())
    json.loads(Settings.path().read_text())  # the settings file is left whole
    Settings.update(backup_budget_mb=0)
    result = run(journal_dir, "backup")
    assert result.returncode == 0, result.stderr
    assert "1 backup" in result.stderr and "in all" in result.stderr and "free" in result.stderr
