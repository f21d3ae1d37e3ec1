"""Creating a journal is all or nothing: a create that fails part-way (here a real, tiny tmpfs
that fills up) leaves no file behind, so the next start does not ask for the passphrase of a
journal that never existed."""

from __future__ import annotations

import contextlib
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

from reflect.common.errors import WriteFailed
from reflect.journal.journal import Journal
from reflect.store.envelope import KdfParams
from reflect.store.layout import journal_exists
from tests.conftest import PASSPHRASE


@contextlib.contextmanager
def small_disk(path: Path, size: str) -> Iterator[Path]:
    """A real filesystem of ``size`` at ``path``; the test is skipped where mounting is not
    allowed (not root, or no tmpfs in this container)."""
    path.mkdir(parents=True, exist_ok=True)
    mounted = subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={size}", "tmpfs", str(path)],
                             capture_output=True, check=False)
    if mounted.returncode != 0:
        pytest.skip("mounting a small tmpfs is not permitted here")
    try:
        yield path
    finally:
        subprocess.run(["umount", "-l", str(path)], capture_output=True, check=False)


@pytest.mark.parametrize("size", ["16k", "64k", "160k"])
def test_a_create_on_a_full_disk_is_write_failed_and_leaves_nothing(tmp_path, size):
    with small_disk(tmp_path / "disk", size) as disk:
        folder = disk / "new" / "journal"
        with pytest.raises(WriteFailed, match="disk"):
            Journal.create(folder, PASSPHRASE, KdfParams.cheap())
        assert list(disk.iterdir()) == []  # the folders it made went too
        assert not journal_exists(folder)


def test_a_failed_create_keeps_what_was_already_in_the_folder(tmp_path):
    with small_disk(tmp_path / "disk", "64k") as disk:
        folder = disk / "journal"
        folder.mkdir()
        (folder / "notes.txt").write_text("mine")
        with pytest.raises(WriteFailed):
            Journal.create(folder, PASSPHRASE, KdfParams.cheap())
        assert sorted(p.name for p in folder.iterdir()) == ["notes.txt"]


def test_a_create_with_room_enough_gives_a_journal_that_opens(tmp_path):
    with small_disk(tmp_path / "disk", "1m") as disk:
        journal, _key = Journal.create(disk / "journal", PASSPHRASE, KdfParams.cheap())
        journal.close()
        Journal.unlock(disk / "journal", passphrase=PASSPHRASE).close()
