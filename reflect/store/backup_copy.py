"""Copying an open SQLCipher database for a backup, as fast as copying its file.

SQLite's backup API decrypts and re-encrypts every page (8.5 s for the 650 MB journal of
100,000 entries, against 3.3 s for copying the file). The pages are already encrypted with
the key the backup keeps, so the copy takes the file's bytes as they are, under a read
transaction that pins a snapshot wholly inside the file:

1. a read transaction starts on the source;
2. a passive checkpoint from a second connection moves what the write-ahead log
   (``journal.db-wal``) holds, up to that snapshot, into the file, and tells whether every
   frame of the log is in it (``log == checkpointed``). It never waits for other readers.
   While the read transaction lasts, no checkpoint
   may write a frame newer than its snapshot into the file, so the file stays that snapshot
   while it is copied, whatever another connection writes meanwhile (into the log).

When the snapshot is not wholly in the file (a writer got in between) or the source cannot be
checkpointed (read-only media), the copy falls back to the backup API. Either way the copy is
then switched to a rollback journal, one self-contained file.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

from reflect.store.sqlcipher import raw_connect

PAGE_SIZE = 4096  # SQLCipher 4's default, which Reflect keeps
_CHUNK = 4 * 1024 * 1024  # bytes copied between two progress calls
_STEP_PAGES = 1024  # pages of the backup API between two progress calls
_TRIES = 3  # snapshots tried before falling back to the backup API

Progress = Callable[[int, int], None]


def copy_database(source_db: Path, data_key: bytes, target_db: Path,
                  progress: Progress | None = None) -> None:
    """Copy the database at ``source_db`` into ``target_db`` (an empty file), consistent
    against concurrent writers. ``progress(pages_done, pages_total)`` is called between
    chunks; an exception it raises stops the copy (the caller removes the file)."""
    import sqlcipher3

    source = raw_connect(source_db, data_key)
    try:
        copied = False
        for _try in range(_TRIES):
            try:
                copied = _copy_snapshot(source, source_db, data_key, target_db, progress)
            except sqlcipher3.OperationalError as exc:
                if "readonly" not in str(exc).lower() and "read-only" not in str(exc).lower():
                    raise
                break  # read-only media: the backup API reads without checkpointing
            if copied:
                break
        if not copied:
            _backup_api(source, target_db, data_key, progress)
    finally:
        source.close()
    copy = raw_connect(target_db, data_key)
    try:
        copy.execute("PRAGMA journal_mode = DELETE")  # one self-contained file
    finally:
        copy.close()


def _copy_snapshot(source, source_db: Path, data_key: bytes, target_db: Path,
                   progress: Progress | None) -> bool:
    """Copy the file under a read transaction whose snapshot is wholly in it; False (nothing
    copied) when it is not."""
    source.commit()  # no transaction of the driver's own may be open around ours
    source.execute("BEGIN")
    try:
        source.execute("SELECT count(*) FROM sqlite_master").fetchone()  # the snapshot
        if not _snapshot_in_file(source_db, data_key):
            return False
        _copy_file(source_db, target_db, progress)
        return True
    finally:
        source.execute("COMMIT")


def _snapshot_in_file(source_db: Path, data_key: bytes) -> bool:
    probe = raw_connect(source_db, data_key)
    try:
        _busy, log, checkpointed = probe.execute("PRAGMA wal_checkpoint(PASSIVE)").fetchone()
    finally:
        probe.close()
    return log == checkpointed  # -1 and -1 outside WAL mode, where a reader blocks writers


def _copy_file(source_db: Path, target_db: Path, progress: Progress | None) -> None:
    total = os.path.getsize(source_db)
    done = 0
    with open(source_db, "rb") as src, open(target_db, "r+b") as dst:
        while done < total:
            chunk = src.read(min(_CHUNK, total - done))
            if not chunk:
                raise OSError(f"{source_db} ended early")
            dst.write(chunk)
            done += len(chunk)
            if progress is not None:
                progress(done // PAGE_SIZE, total // PAGE_SIZE)
        dst.truncate(done)
        dst.flush()
        os.fsync(dst.fileno())


def _backup_api(source, target_db: Path, data_key: bytes, progress: Progress | None) -> None:
    copy = raw_connect(target_db, data_key)
    try:
        if progress is None:
            source.backup(copy)
        else:
            def report(_status: int, remaining: int, total: int) -> None:
                progress(total - remaining, total)

            source.backup(copy, pages=_STEP_PAGES, progress=report)
    finally:
        copy.close()
