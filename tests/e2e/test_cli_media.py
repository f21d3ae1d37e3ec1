"""Read-only media and full disks through the real command (issue 10, case 9).

Root ignores file modes, so read-only media are a tmpfs remounted read-only and a full disk
is a tiny tmpfs. Both need ``mount``: where it is not permitted the tests skip.
"""

import json
import secrets
import subprocess
from pathlib import Path

import pytest

from reflect.journal.journal import Journal
from reflect.store.envelope import KdfParams
from tests.conftest import PASSPHRASE
from tests.e2e.conftest import assert_clean_error, run


def _mount(*args: str) -> bool:
    try:
        done = subprocess.run(["mount", *args], capture_output=True, timeout=30)
    except (OSError, subprocess.TimeoutExpired):
        return False
    return done.returncode == 0


@pytest.fixture
def tmpfs(tmp_path):
    """Mount a tmpfs of the given size on a fresh folder; unmounted after the test."""
    mounted: list[Path] = []

    def make(size: str = "16m") -> Path:
        point = tmp_path / f"mnt{len(mounted)}"
        point.mkdir()
        if not _mount("-t", "tmpfs", "-o", f"size={size},mode=0700", "tmpfs", str(point)):
            pytest.skip("mounting a tmpfs is not permitted here")
        mounted.append(point)
        return point

    yield make
    for point in reversed(mounted):
        subprocess.run(["umount", str(point)], capture_output=True, timeout=30)


def snapshot(folder):
    return {str(p.relative_to(folder)): p.read_bytes() for p in folder.rglob("*") if p.is_file()}


def test_a_journal_on_read_only_media_can_be_read_and_refuses_writes(tmpfs, tmp_path):
    media = tmpfs()
    folder = media / "journal"
    journal, _ = Journal.create(folder, PASSPHRASE, KdfParams.cheap())
    journal.add_entry("Written before the stick was locked", "about the rota")
    journal.close()
    if not _mount("-o", "remount,ro", str(media)):
        pytest.skip("remounting read-only is not permitted here")
    before = snapshot(folder)

    listed = run(folder, "list")
    assert listed.returncode == 0, listed.stderr
    assert "Written before the stick was locked" in listed.stdout
    found = run(folder, "search", "rota")
    assert found.returncode == 0 and "Written before" in found.stdout, found.stderr
    checked = run(folder, "check")
    assert checked.returncode == 0, checked.stderr
    exported = run(folder, "export", "-o", str(tmp_path / "out.jsonl"))
    assert exported.returncode == 0, exported.stderr
    assert json.loads((tmp_path / "out.jsonl").read_text())["title"].startswith("Written")

    (tmp_path / "in.jsonl").write_text('{"title": "new", "body": "b"}\n')
    writes = [("add", "--title", "x"), ("rate", "values_driven=4"),
              ("import", str(tmp_path / "in.jsonl")), ("passwd",),
              ("backup", str(folder / "backups" / "copy"))]
    for command in writes:
        result = run(folder, *command, stdin="body", REFLECT_NEW_PASSPHRASE="a brand new one ok")
        assert_clean_error(result, 9)
        assert "read-only" in result.stderr, (command, result.stderr)
    assert snapshot(folder) == before


@pytest.fixture
def sizeable_journal(journal_dir):
    """About 2 MB of incompressible entries, bigger than the full disk below."""
    journal, _ = Journal.create(journal_dir, PASSPHRASE, KdfParams.cheap())
    for n in range(60):
        journal.add_entry(f"entry {n}", secrets.token_hex(4000))
    journal.close()
    return journal_dir


def test_a_backup_onto_a_full_disk_is_all_or_nothing(tmpfs, sizeable_journal):
    disk = tmpfs("1m")
    empty = disk / "empty"
    empty.mkdir()
    for target in (disk / "copy", disk / "deeper" / "copy", empty):
        result = run(sizeable_journal, "backup", str(target))
        assert_clean_error(result, 9)
        assert "disk is full" in result.stderr and str(target) in result.stderr
    assert [p.name for p in disk.iterdir()] == ["empty"]  # the person's empty folder stays
    assert list(empty.iterdir()) == []


def test_an_export_onto_a_full_disk_names_the_output_file(tmpfs, sizeable_journal):
    disk = tmpfs("256k")
    for name in ("out.md", "out.jsonl"):
        result = run(sizeable_journal, "export", "-o", str(disk / name))
        assert_clean_error(result, 9)
        assert str(disk / name) in result.stderr and "disk is full" in result.stderr
        assert f"({sizeable_journal})" not in result.stderr
    assert list(disk.iterdir()) == []
