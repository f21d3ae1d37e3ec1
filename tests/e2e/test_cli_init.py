"""``reflect init`` on a disk that fills up: exit 9 with one sentence, and nothing left, so a
second ``init`` is not told that a journal already exists."""

from __future__ import annotations

from reflect.common.errors import JournalNotFound, WriteFailed
from tests.e2e.conftest import assert_clean_error, run
from tests.store.test_vault_create import small_disk


def test_init_on_a_full_disk_exits_9_and_leaves_no_file(tmp_path):
    with small_disk(tmp_path / "disk", "64k") as disk:
        folder = disk / "journal"
        result = run(folder, "init")
        assert_clean_error(result, WriteFailed.exit_code)
        assert "disk is full" in result.stderr and str(folder) in result.stderr
        assert list(disk.iterdir()) == []
        # Not "a journal already exists", and no passphrase asked of a journal that never was.
        assert_clean_error(run(folder, "list"), JournalNotFound.exit_code)
        assert_clean_error(run(folder, "init"), WriteFailed.exit_code)
