"""Plain SQLCipher connections opened with the raw data key (SQLCipher's own KDF unused).

Kept free of SQLAlchemy so the quick command-line path can use it alone.
"""

from __future__ import annotations

from pathlib import Path

from reflect.common.errors import DatabaseDamaged


def raw_connect(db_path: Path, data_key: bytes, *, read_only: bool = False):
    """A DB-API connection keyed and checked: raises DatabaseDamaged if pages do not decrypt."""
    import sqlcipher3

    if read_only:
        conn = sqlcipher3.connect(f"file:{db_path}?mode=ro", uri=True, check_same_thread=False)
    else:
        conn = sqlcipher3.connect(str(db_path), check_same_thread=False)
    try:
        conn.execute("PRAGMA cipher_log_level = NONE")
        conn.execute("PRAGMA cipher_log = off")
        conn.execute(f"PRAGMA key = \"x'{data_key.hex()}'\"")
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
    except sqlcipher3.DatabaseError as exc:
        conn.close()
        raise DatabaseDamaged(
            f"The journal database cannot be read ({exc}); the key is right, so the file is "
            "damaged. Restore it from a backup."
        ) from None
    return conn


def library_versions() -> tuple[str, str]:
    """(SQLCipher, SQLite) as the loaded driver reports them, for diagnostics; a throwaway
    in-memory connection, no file and no key."""
    import sqlcipher3

    conn = sqlcipher3.connect(":memory:")
    try:
        row = conn.execute("PRAGMA cipher_version").fetchone()
        return (str(row[0]) if row else "unknown"), str(sqlcipher3.sqlite_version)
    finally:
        conn.close()
