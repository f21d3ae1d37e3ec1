"""Tampered and foreign key files through the real command: damage at once, never a hang, and
a key file from another journal named as such (issue 10, case 3)."""

import json
import os
import subprocess
import sys
import time

import pytest

from reflect.journal.journal import Journal
from reflect.store import envelope as env
from reflect.store.envelope import KdfParams
from reflect.store.layout import derive_data_key, keys_path
from tests.conftest import PASSPHRASE
from tests.e2e.conftest import assert_clean_error, run


def snapshot(folder):
    return {str(p.relative_to(folder)): p.read_bytes() for p in folder.rglob("*") if p.is_file()}


def reseal(folder, **kdf):
    """Change the passphrase slot's costs and recompute the checksum, as anyone can."""
    path = keys_path(folder)
    body = json.loads(path.read_text())
    body.pop("checksum")
    next(s for s in body["slots"] if s["kind"] == "passphrase")["kdf"].update(kdf)
    path.write_text(json.dumps({**body, "checksum": env._checksum(body)}))


def quick_run(folder, *args, timeout=30):
    environment = {**os.environ, "REFLECT_PASSPHRASE": PASSPHRASE}
    started = time.monotonic()
    result = subprocess.run(
        [sys.executable, "-m", "reflect", "--journal", str(folder), *args],
        capture_output=True, text=True, env=environment, timeout=timeout,
        start_new_session=True)
    return result, time.monotonic() - started


@pytest.mark.parametrize("kdf", [
    {"time_cost": 2**31},  # the old code never came back
    {"memory_kib": 2**32 - 1},  # HashingError
    {"parallelism": 0},  # HashingError
    {"time_cost": -1},  # OverflowError
    {"memory_kib": "65536"},
    {"parallelism": True},
], ids=lambda kdf: "-".join(f"{k}={v}" for k, v in kdf.items()))
def test_a_resealed_key_file_with_hostile_costs_is_damage_at_once(journal_dir, cheap_journal,
                                                                    kdf):
    reseal(journal_dir, **kdf)
    before = snapshot(journal_dir)
    result, seconds = quick_run(journal_dir, "list")
    assert_clean_error(result, 4)
    assert "The key file is damaged" in result.stderr
    assert seconds < 20  # a process start and a JSON check; no hashing at all
    assert snapshot(journal_dir) == before


def two_journals(tmp_path):
    """Two journals with the same passphrase: the one to open and the other one."""
    ours, theirs = tmp_path / "ours", tmp_path / "theirs"
    for folder in (ours, theirs):
        journal, _ = Journal.create(folder, PASSPHRASE, KdfParams.cheap())
        journal.add_entry(f"in {folder.name}", "words " * 500)
        journal.close()
    return ours, theirs


def test_a_key_file_from_another_journal_is_named_and_the_backup_to_use(tmp_path):
    ours, theirs = two_journals(tmp_path)
    with Journal.unlock(ours, passphrase=PASSPHRASE) as journal:
        backup = journal.vault.backup("manual")
    keys_path(ours).write_bytes(keys_path(theirs).read_bytes())
    before = snapshot(ours)
    for command in (("list",), ("add", "--title", "x"), ("check",)):
        result = run(ours, *command, stdin="body")
        assert_clean_error(result, 4)
        assert "belongs to another journal" in result.stderr
        assert str(backup) in result.stderr
    assert snapshot(ours) == before


def test_a_foreign_key_file_without_backups_is_told_apart_from_plain_damage(tmp_path):
    ours, theirs = two_journals(tmp_path)
    keys_path(ours).write_bytes(keys_path(theirs).read_bytes())
    result = run(ours, "list")
    assert_clean_error(result, 4)
    assert "may belong to another journal, or the database is damaged" in result.stderr


def test_a_damaged_database_with_a_backup_the_key_opens_is_still_database_damage(tmp_path):
    ours, _ = two_journals(tmp_path)
    with Journal.unlock(ours, passphrase=PASSPHRASE) as journal:
        journal.vault.backup("manual")
    db = ours / "journal.db"
    data = bytearray(db.read_bytes())
    data[0:16] = os.urandom(16)  # the salt: no page authenticates any more
    db.write_bytes(bytes(data))
    result = run(ours, "list")
    assert_clean_error(result, 5)


def test_the_database_keeps_its_journal_id_and_refuses_a_key_file_of_another_id(
        journal_dir, cheap_journal):
    """A key file that wraps this very data key under another journal's id (crafted, or a
    mix-up of copies) opened the database silently on the old code."""
    data_key = derive_data_key(journal_dir, passphrase=PASSPHRASE)
    other = env.create(data_key, PASSPHRASE, env.generate_recovery_key(), KdfParams.cheap())
    env.write(keys_path(journal_dir), other)
    result = run(journal_dir, "add", "--title", "x", stdin="body")
    assert_clean_error(result, 4)
    assert "belongs to another journal" in result.stderr


def test_a_journal_made_before_the_id_was_kept_gets_it_at_the_next_writable_unlock(
        journal_dir, cheap_journal):
    from sqlalchemy import text

    from reflect.store.sqlcipher import raw_connect, stored_journal_id

    data_key = derive_data_key(journal_dir, passphrase=PASSPHRASE)
    journal_id = env.read(keys_path(journal_dir)).journal_id
    with Journal.open_with_key(journal_dir, data_key) as journal:
        assert journal.vault.live_engine().connect().execute(
            text("SELECT value FROM meta WHERE key = 'journal_id'")).scalar() == journal_id
        with journal.vault.live_engine().begin() as conn:
            conn.execute(text("DELETE FROM meta WHERE key = 'journal_id'"))
    assert run(journal_dir, "list").returncode == 0  # read-only: missing is fine, not written
    conn = raw_connect(journal_dir / "journal.db", data_key)
    assert stored_journal_id(conn) is None
    conn.close()
    assert run(journal_dir, "add", "--title", "t", stdin="b").returncode == 0
    conn = raw_connect(journal_dir / "journal.db", data_key)
    assert stored_journal_id(conn) == journal_id
    conn.close()
