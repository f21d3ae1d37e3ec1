"""Damage seen before SQLite is let near the journal, the backup to restore instead, and a
guard that removes what a failed open made, so that a failed unlock leaves every file as it was.

SQLite treats a missing or zero-length file as a new, empty database and writes a schema into
it; a WAL whose header is not a WAL header is ignored, dropping the changes it held. Neither
may pass for a journal, so both are caught here, with the journal lock held.
"""

from __future__ import annotations

import contextlib
import stat
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

from reflect.common.errors import DatabaseGone, WalMissing
from reflect.store.layout import DB_NAME, db_path, keys_path

if TYPE_CHECKING:
    from reflect.store.backups import BackupInfo

# The first four bytes of a WAL file, big-endian (the last bit names the checksum order).
WAL_MAGIC = (bytes.fromhex("377f0682"), bytes.fromhex("377f0683"))


def wal_path(folder: Path) -> Path:
    return Path(folder) / (DB_NAME + "-wal")


def shm_path(folder: Path) -> Path:
    return Path(folder) / (DB_NAME + "-shm")


def newest_backup(folder: Path) -> BackupInfo | None:
    """The newest backup in the journal folder that has both its files (a failed copy is
    removed when it is made), or None. Backups are imported only here, when damage is found,
    so a quick ``reflect search`` does not load them."""
    from reflect.store.backups import list_backups

    return next((b for b in list_backups(folder)
                 if db_path(b.path).is_file() and keys_path(b.path).is_file()), None)


def restore_sentence(folder: Path) -> str:
    """Which backup to restore, worded for the window and the command line alike."""
    newest = newest_backup(folder)
    if newest is None:
        return "there is no backup in the journal folder, so restore a copy you made elsewhere"
    made = newest.made_at
    return (f"restore the newest backup, made on {made.day} {made:%B %Y at %H:%M}, "
            f"from {newest.path}")


def check_database_file(folder: Path) -> None:
    """Raise DatabaseGone unless ``journal.db`` is a regular file with something in it."""
    db = db_path(folder)
    try:
        info = db.stat()
    except FileNotFoundError:
        state = "is missing"
    else:
        if not stat.S_ISREG(info.st_mode):
            state = "is not a file (a folder or device is in its place)"
        elif info.st_size == 0:
            state = "is empty (0 bytes), as after a failed copy or sync"
        else:
            return
    raise DatabaseGone(f"The journal database {db} {state}, so the journal was not opened and "
                       f"nothing was changed; {restore_sentence(folder)}.")


def _wal_is_damaged(wal: Path) -> bool:
    """A zero-length WAL is an empty log; anything else must start with the WAL magic."""
    try:
        with open(wal, "rb") as handle:
            head = handle.read(4)
    except FileNotFoundError:
        return False
    return bool(head) and head not in WAL_MAGIC


def check_wal(folder: Path, accept_missing: bool = False) -> None:
    """After a crash SQLite leaves ``journal.db-wal`` and ``-shm``; a clean close removes
    both. An index (-shm) without its log (-wal), or a log whose header is not a WAL header,
    means the latest changes were lost, and the person should hear that before anything is
    written. Call with the journal lock held."""
    wal, shm = wal_path(folder), shm_path(folder)
    if _wal_is_damaged(wal):
        what = "is not a valid log (its header is damaged)"
    elif shm.exists() and not wal.exists():
        what = "is missing"
    else:
        return
    if not accept_missing:
        error = WalMissing(
            "The journal was not closed properly and its file of recent changes "
            f"(journal.db-wal) {what}, so the latest changes may be lost; put the file "
            "back, restore a backup, or open the journal as it is with --accept-missing-wal."
        )
        error.damaged = wal.exists()
        raise error
    with contextlib.suppress(FileNotFoundError):
        shm.unlink()  # a stale index; SQLite rebuilds it and ignores a log it cannot read


@contextlib.contextmanager
def left_as_it_was(folder: Path, *, always: bool = False) -> Iterator[None]:
    """On failure (or ``always``), remove the ``-wal`` and ``-shm`` that opening created: a
    read-only connection makes both and cannot remove them. Close every connection before the
    block ends; hold the journal lock. A log that holds changes is never removed."""
    made_here = [p for p in (wal_path(folder), shm_path(folder)) if not p.exists()]
    try:
        yield
    except BaseException:
        _remove_empty(made_here, wal_path(folder))
        raise
    if always:
        _remove_empty(made_here, wal_path(folder))


def _remove_empty(paths: list[Path], wal: Path) -> None:
    for path in paths:
        with contextlib.suppress(FileNotFoundError):
            if path != wal or path.stat().st_size == 0:
                path.unlink()
