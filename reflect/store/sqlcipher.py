"""Plain SQLCipher connections opened with the raw data key (SQLCipher's own KDF unused).

Kept free of SQLAlchemy so the quick command-line path can use it alone.

Read-only connections go through a ``file:`` URI, so the path is percent-escaped: a folder
named ``a%41``, ``x#y`` or ``q?z`` must open that folder, not ``aA`` or ``x``. On read-only
media (a locked USB stick, a mounted backup) every connection is read-only, and ``immutable``
lets SQLite read a WAL-mode file it cannot make a ``-shm`` index for.
"""

from __future__ import annotations

import os
from pathlib import Path
from urllib.parse import quote_from_bytes

from reflect.common.errors import DatabaseDamaged, KeyFileDamaged

JOURNAL_ID_KEY = "journal_id"  # the meta row that ties the database to its key file
_PAGE_SIZE = 4096  # SQLCipher 4's default, which Reflect keeps


def file_uri(path: Path, **query: str) -> str:
    """An escaped ``file:`` URI for SQLite. Windows paths become ``file:///C:/…`` (and UNC
    paths ``file:////server/share/…``), as SQLite's Windows VFS expects."""
    posix = Path(path).absolute().as_posix()
    if not posix.startswith("/"):
        posix = "/" + posix
    uri = "file://" + quote_from_bytes(os.fsencode(posix), safe="/:")
    if query:
        uri += "?" + "&".join(f"{k}={v}" for k, v in query.items())
    return uri


def read_only_media(db_path: Path) -> bool:
    """True where the journal's folder cannot be written: read-only media, or no permission.
    ``os.access`` reports a read-only mount even to root."""
    return not os.access(Path(db_path).parent, os.W_OK)


def _connect(db_path: Path, read_only: bool):
    import sqlcipher3

    frozen = read_only_media(db_path)
    if not (read_only or frozen):
        return sqlcipher3.connect(str(db_path), check_same_thread=False)
    query = {"mode": "ro"}
    if frozen and not Path(f"{db_path}-wal").exists():
        # Nobody can change a file on read-only media; without this SQLite refuses a WAL-mode
        # file whose -shm it cannot create. With a -wal left by a crash, read that too.
        query["immutable"] = "1"
    return sqlcipher3.connect(file_uri(db_path, **query), uri=True, check_same_thread=False)


def _key(conn, data_key: bytes) -> None:
    conn.execute("PRAGMA cipher_log_level = NONE")
    conn.execute("PRAGMA cipher_log = off")
    conn.execute(f"PRAGMA key = \"x'{data_key.hex()}'\"")


def raw_connect(db_path: Path, data_key: bytes, *, read_only: bool = False,
                journal_id: str | None = None):
    """A DB-API connection keyed and checked: raises DatabaseDamaged if pages do not decrypt,
    KeyFileDamaged if the key opens another journal's database (``journal_id`` given, and
    the database knows its own) or no page at all."""
    import sqlcipher3

    conn = _connect(db_path, read_only)
    try:
        _key(conn, data_key)
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
        if journal_id is not None:
            check_journal_id(conn, journal_id, db_path)
    except sqlcipher3.DatabaseError as exc:
        conn.close()
        if "not a database" in str(exc) and _no_page_opens(db_path, data_key):
            foreign = _foreign_key_file(db_path, data_key)
            if foreign is not None:
                raise KeyFileDamaged(foreign) from None
        raise DatabaseDamaged(
            f"The journal database cannot be read ({exc}); the key is right, so the file is "
            "damaged. Restore it from a backup."
        ) from None
    except BaseException:
        conn.close()
        raise
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


def _opens(db_path: Path, data_key: bytes) -> bool:
    import sqlcipher3

    try:
        conn = _connect(db_path, read_only=True)
    except sqlcipher3.Error:
        return False
    try:
        _key(conn, data_key)
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
        return True
    except sqlcipher3.Error:
        return False
    finally:
        conn.close()


def _no_page_opens(db_path: Path, data_key: bytes) -> bool:
    """True when the key authenticates not one page of a file of several whose first page is
    not blanked: the mark of a key from another journal, as damage spares some pages.
    Read-only, one pass of HMACs, run only after the database failed to open."""
    import sqlcipher3

    try:
        pages = Path(db_path).stat().st_size // _PAGE_SIZE
        with open(db_path, "rb") as handle:
            first = handle.read(_PAGE_SIZE)
        if pages < 2 or _blanked(first[:16]) or _blanked(first[-80:]):
            return False
        conn = _connect(db_path, read_only=True)
    except (OSError, sqlcipher3.Error):
        return False
    try:
        _key(conn, data_key)
        failed = conn.execute("PRAGMA cipher_integrity_check").fetchall()
    except sqlcipher3.Error:
        return False
    finally:
        conn.close()
    return len(failed) >= pages and all("HMAC" in str(row[0]) for row in failed)


def _blanked(random_bytes: bytes) -> bool:
    """True for bytes that should be random but repeat a few values (zeros, a fill pattern):
    page 1's salt and its IV and HMAC. Sixteen or more random bytes have that chance ~1e-10."""
    return len(set(random_bytes)) < len(random_bytes) // 2


def _backups(folder: Path) -> list[Path]:
    """The journal's own backups, newest first (their names start with the time)."""
    try:
        found = [p for p in (folder / "backups").iterdir()
                 if (p / "journal.keys").is_file() and not p.name.startswith(".")]
    except OSError:
        return []
    return sorted(found, reverse=True)


def _foreign_key_file(db_path: Path, data_key: bytes) -> str | None:
    """What to say when the key opens no page; None when it opens one of the journal's own
    backups, so the key file is this journal's and the database is what is damaged."""
    folder = Path(db_path).parent
    keys = folder / "journal.keys"
    found = _backups(folder)
    if any(_opens(backup / "journal.db", data_key) for backup in found[:3]):
        return None
    if found:
        return (f"The key file {keys} belongs to another journal: it opens neither {db_path} "
                f"nor this journal's backups; put back this journal's own key file (the newest "
                f"backup, {found[0]}, holds a copy) or restore that backup.")
    return (f"The key file {keys} does not open {db_path}: it may belong to another journal, "
            "or the database is damaged; put back this journal's own key file from a copy of "
            "this journal, or restore a backup made elsewhere.")


def stored_journal_id(conn) -> str | None:
    """The journal id kept in the database, or None for a journal made before it was kept."""
    import sqlcipher3

    try:
        row = conn.execute("SELECT value FROM meta WHERE key = ?", (JOURNAL_ID_KEY,)).fetchone()
    except sqlcipher3.OperationalError:  # no meta table yet: a database not migrated
        return None
    return str(row[0]) if row is not None else None


def check_journal_id(conn, journal_id: str, db_path: Path) -> None:
    stored = stored_journal_id(conn)
    if stored is not None and stored != journal_id:
        folder = Path(db_path).parent
        raise KeyFileDamaged(
            f"The key file {folder / 'journal.keys'} belongs to another journal than "
            f"{db_path}; put back this journal's own key file (each of its backups holds one)."
        )
