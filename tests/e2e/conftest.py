"""Running the real ``reflect`` program in a child process, as a script or cron job would."""

import os
import subprocess
import sys

import pytest

from reflect.journal.journal import Journal
from reflect.store.envelope import KdfParams
from tests.conftest import PASSPHRASE


def run(journal_dir, *args, stdin="", **env):
    environment = {**os.environ, "REFLECT_PASSPHRASE": PASSPHRASE, **env}
    environment = {k: v for k, v in environment.items() if v is not None}
    return subprocess.run(
        [sys.executable, "-m", "reflect", "--journal", str(journal_dir), *args],
        input=stdin, capture_output=True, text=True, env=environment, timeout=60,
        start_new_session=True,  # no controlling terminal, as in CI or cron
    )


@pytest.fixture
def cheap_journal(journal_dir):
    journal, recovery_key = Journal.create(journal_dir, PASSPHRASE, KdfParams.cheap())
    journal.close()
    return recovery_key


def assert_clean_error(result, code):
    assert result.returncode == code, result.stderr
    assert "Traceback" not in result.stderr
    assert result.stderr.startswith("reflect: ")
    assert len(result.stderr.strip().splitlines()) == 1
