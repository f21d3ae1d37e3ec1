"""Integrity checks of a journal, reported in plain words: of an open one, and read-only of
one too damaged to open (naming that damage is what a check is for)."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import text
from sqlalchemy.exc import DBAPIError

from reflect.common.errors import DatabaseDamaged
from reflect.store.damage import left_as_it_was
from reflect.store.layout import db_path
from reflect.store.lockfile import JournalLock
from reflect.store.sqlcipher import raw_connect
from reflect.store.vault import Vault

_CHECKS = (
    ("PRAGMA cipher_integrity_check", "page authentication"),
    ("PRAGMA integrity_check", "database structure"),
)


def _rows(vault: Vault, sql: str) -> list[str]:
    with vault.live_engine().connect() as conn:
        result = conn.execute(text(sql))
        return [str(r[0]) for r in result.all()] if result.returns_rows else []


def _reason(exc: Exception) -> str:
    # SQLCipher reports a page that fails authentication as "out of memory".
    if isinstance(exc, MemoryError):
        return "a page could not be decrypted"
    return str(getattr(exc, "orig", exc))


def run_checks(vault: Vault) -> list[str]:
    """Return problems found (empty when the journal is sound). Each check runs on its own,
    so one that cannot finish does not hide the others."""
    problems: list[str] = []
    for sql, label in _CHECKS:
        try:
            bad = [r for r in _rows(vault, sql) if r and r != "ok"]
        except (DBAPIError, MemoryError) as exc:
            bad = [f"it could not finish ({_reason(exc)})"]
        if bad:
            problems.append(f"The {label} check failed: {'; '.join(bad[:5])}.")
    try:
        if not vault.read_only:  # an INSERT in form, which read-only media refuse
            _rows(vault, "INSERT INTO entry_fts(entry_fts) VALUES ('integrity-check')")
        indexed = int(_rows(vault, "SELECT count(*) FROM entry_fts_docsize")[0])
        live = int(_rows(vault, "SELECT count(*) FROM entry WHERE deleted_at IS NULL")[0])
    except (DBAPIError, MemoryError) as exc:
        problems.append(f"The search index check failed ({_reason(exc)}).")
    else:
        if indexed != live:
            problems.append(
                f"The search index holds {indexed} entries but the journal has {live}."
            )
    return problems


def check_unopened(folder: Path, data_key: bytes) -> list[str]:
    """The page and structure checks on a read-only connection, for a journal that would not
    open; every file is left as it was."""
    import sqlcipher3

    lock = JournalLock(folder)
    lock.acquire()
    try:
        with left_as_it_was(folder, always=True):
            conn = raw_connect(db_path(folder), data_key, read_only=True)
            try:
                problems: list[str] = []
                for sql, label in _CHECKS:
                    try:
                        bad = [str(r[0]) for r in conn.execute(sql).fetchall()]
                        bad = [r for r in bad if r and r != "ok"]
                    except (sqlcipher3.DatabaseError, MemoryError) as exc:
                        bad = [f"it could not finish ({_reason(exc)})"]
                    if bad:
                        problems.append(f"The {label} check failed: {'; '.join(bad[:5])}.")
                return problems
            finally:
                conn.close()
    except DatabaseDamaged as exc:
        return [str(exc)]
    finally:
        lock.release()
