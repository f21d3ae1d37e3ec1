"""SQLAlchemy engines over SQLCipher 4, opened with the raw data key (no SQLCipher KDF)."""

from __future__ import annotations

import logging
from pathlib import Path

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.pool import QueuePool

from reflect.store.sqlcipher import raw_connect

# Applied to every connection. temp_store keeps sort and index spills in memory, never in
# a plaintext temp file; WAL + synchronous=FULL make a reported save survive power loss.
_PRAGMAS = (
    "PRAGMA temp_store = MEMORY",
    "PRAGMA journal_mode = WAL",
    "PRAGMA synchronous = FULL",
    "PRAGMA foreign_keys = ON",
    "PRAGMA busy_timeout = 5000",
)


def _silent_logger() -> logging.Logger:
    """A logger that never emits: SQLAlchemy logs statement parameters at INFO and result
    rows at DEBUG, and both are journal text. It belongs to no hierarchy, so no logging
    configuration (a DEBUG root logger included) can switch it on."""
    silent = logging.Logger("reflect.store.engine.sql", level=logging.CRITICAL + 1)
    silent.propagate = False
    return silent


def make_engine(db_path: Path, data_key: bytes) -> Engine:
    """An engine whose errors and logs never hold content: ``hide_parameters`` keeps the
    saved text out of every exception message (``[SQL parameters hidden ...]``), and its
    logger is silent, so no log line can hold a parameter or a row."""
    def creator():
        conn = raw_connect(db_path, data_key)
        for pragma in _PRAGMAS:
            conn.execute(pragma)
        return conn

    from sqlcipher3 import dbapi2

    # module=: SQLAlchemy must know sqlcipher3's exception classes to wrap them.
    engine = create_engine(
        "sqlite+pysqlite://", module=dbapi2, creator=creator, poolclass=QueuePool,
        pool_size=2, max_overflow=4, hide_parameters=True,
    )
    engine.logger = _silent_logger()

    @event.listens_for(engine, "connect")
    def _no_implicit_transactions(dbapi_conn, _record):
        # Let SQLAlchemy emit BEGIN itself so transactions and savepoints behave.
        dbapi_conn.isolation_level = None

    @event.listens_for(engine, "begin")
    def _begin(conn):
        conn.exec_driver_sql("BEGIN")

    return engine


def stamp_journal_id(engine: Engine, journal_id: str) -> None:
    """Keep the journal id in the database too, so a key file from another journal is named
    as such. Journals made before it was kept get it at their next writable unlock; on
    read-only media or a full disk it waits for a later one (it is a check, not data)."""
    from sqlalchemy import text
    from sqlalchemy.exc import DBAPIError

    from reflect.common.errors import WriteFailed, translate_sqlite_error
    from reflect.store.sqlcipher import JOURNAL_ID_KEY

    try:
        with engine.begin() as conn:
            known = conn.execute(text("SELECT 1 FROM meta WHERE key = :k"),
                                 {"k": JOURNAL_ID_KEY}).first()
            if known is None:
                conn.execute(text("INSERT INTO meta (key, value) VALUES (:k, :v)"),
                             {"k": JOURNAL_ID_KEY, "v": journal_id})
    except DBAPIError as exc:
        translated = translate_sqlite_error(exc)
        if not isinstance(translated, WriteFailed):
            raise translated from None
