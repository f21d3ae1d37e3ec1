"""Quick read-only access for one-shot commands (``reflect search``, ``reflect list``).

It opens the database with a plain SQLCipher connection and never imports SQLAlchemy, which
would cost more than the search itself. If the schema is not current it returns None and
the caller opens the full vault, which migrates.
"""

from __future__ import annotations

from pathlib import Path

from reflect.common.errors import translate_sqlite_error
from reflect.store import queries
from reflect.store.damage import check_database_file, check_wal, left_as_it_was
from reflect.store.layout import db_path
from reflect.store.lockfile import JournalLock
from reflect.store.migrate import HEAD_REVISION
from reflect.store.queries import EntryFilter, EntrySummary, SearchHit
from reflect.store.sqlcipher import raw_connect


def _is_sqlite_error(exc: BaseException) -> bool:
    import sqlcipher3

    return isinstance(exc, sqlcipher3.DatabaseError)


class Reader:
    def __init__(self, conn, lock: JournalLock) -> None:
        self._conn = conn
        self._lock = lock

    @classmethod
    def open(cls, folder: Path, data_key: bytes, *,
             accept_missing_wal: bool = False) -> Reader | None:
        lock = JournalLock(folder)
        lock.acquire()
        try:
            with left_as_it_was(folder):
                conn = cls._connect(folder, data_key, accept_missing_wal)
        except BaseException as exc:
            lock.release()
            if isinstance(exc, MemoryError) or _is_sqlite_error(exc):
                raise translate_sqlite_error(exc) from None
            raise
        if conn is None:
            lock.release()
            return None
        return cls(conn, lock)

    @staticmethod
    def _connect(folder: Path, data_key: bytes, accept_missing_wal: bool):
        """A query-only connection to a current schema; None when it needs migrating."""
        check_database_file(folder)
        check_wal(folder, accept_missing_wal)
        conn = raw_connect(db_path(folder), data_key)
        try:
            conn.execute("PRAGMA temp_store = MEMORY")
            conn.execute("PRAGMA query_only = ON")
            current = queries.schema_revision(conn) == HEAD_REVISION
        except BaseException:
            conn.close()
            raise
        if not current:
            conn.close()
            return None
        return conn

    def search(self, text: str, limit: int = 50) -> tuple[list[SearchHit], int]:
        return self._run(queries.search, text, limit)

    def list_summaries(self, f: EntryFilter | None = None, limit: int = 100,
                       offset: int = 0) -> list[EntrySummary]:
        return self._run(queries.list_summaries, f, limit, offset)

    def count(self, f: EntryFilter | None = None) -> int:
        return self._run(queries.count, f)

    def _run(self, query, *args):
        import sqlcipher3

        try:
            return query(self._conn, *args)
        except (sqlcipher3.DatabaseError, MemoryError) as exc:
            raise translate_sqlite_error(exc) from None

    def close(self) -> None:
        self._conn.close()
        self._lock.release()

    def __enter__(self) -> Reader:
        return self

    def __exit__(self, *exc) -> None:
        self.close()
