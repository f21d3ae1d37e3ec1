"""An open journal: a locked folder, a verified data key and an engine over ``journal.db``.

Unlocking goes key file → key derivation → GCM check → process lock → database read. Until
the last step succeeds nothing is written, so a failed unlock leaves every file as it was.
"""

from __future__ import annotations

import contextlib
import os
import secrets
from collections.abc import Iterator
from pathlib import Path

from sqlalchemy import Engine
from sqlalchemy.exc import DBAPIError
from sqlmodel import Session

from reflect.common.errors import (
    DatabaseDamaged,
    JournalExists,
    translate_sqlite_error,
)
from reflect.store import envelope as env
from reflect.store.backups import BackupProgress
from reflect.store.changes import ChangeTracker
from reflect.store.damage import check_database_file, check_wal, left_as_it_was
from reflect.store.engine import make_engine, stamp_journal_id
from reflect.store.layout import (
    BACKUP_DIR,
    creation_failure,
    db_path,
    derive_data_key,
    journal_exists,
    keys_path,
    missing_parents,
    read_envelope,
    remove_partial_journal,
)
from reflect.store.lockfile import JournalLock
from reflect.store.queries import schema_revision
from reflect.store.ratings import READER_LEVEL_KEY
from reflect.store.sqlcipher import JOURNAL_ID_KEY, raw_connect

__all__ = ["Vault", "derive_data_key", "journal_exists", "read_envelope"]


def _is_sqlite_error(exc: BaseException) -> bool:
    import sqlcipher3

    return isinstance(exc, sqlcipher3.DatabaseError)

class Vault:
    """The open journal. Close it (or use it as a context manager) to drop the key."""

    def __init__(self, folder: Path, data_key: bytes, envelope: env.Envelope,
                 lock: JournalLock, engine: Engine) -> None:
        self.folder = Path(folder)
        self._data_key: bytes | None = data_key
        self.envelope = envelope
        self._lock = lock
        self.engine: Engine | None = engine
        self.changes = ChangeTracker()

    # -- opening -------------------------------------------------------------------------
    @classmethod
    def create(cls, folder: Path, passphrase: str,
               params: env.KdfParams | None = None) -> tuple[Vault, str]:
        """Make a new journal; returns the open vault and the recovery key (show it once)."""
        folder = Path(folder)
        if journal_exists(folder):
            raise JournalExists(f"A journal already exists at {folder}.")
        made = missing_parents(folder)  # all or nothing: a failure removes what was made
        folder.mkdir(parents=True, exist_ok=True, mode=0o700)
        data_key = secrets.token_bytes(env.DATA_KEY_BYTES)
        recovery_key = env.generate_recovery_key()
        envelope = env.create(data_key, passphrase, recovery_key, params)
        lock = JournalLock(folder)
        lock.acquire()
        engine = None
        try:
            # An empty 0600 file first: SQLite copies its mode to -wal and -shm.
            os.close(os.open(db_path(folder), os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600))
            engine = make_engine(db_path(folder), data_key)
            from reflect.store.migrate import upgrade

            upgrade(engine)
            stamp_journal_id(engine, envelope.journal_id)
            env.write(keys_path(folder), envelope)
        except BaseException as exc:
            if engine is not None:
                engine.dispose()
            lock.release()
            remove_partial_journal(folder, made)
            raise (creation_failure(folder, exc) or exc) from None
        return cls(folder, data_key, envelope, lock, engine), recovery_key

    @classmethod
    def open(cls, folder: Path, data_key: bytes, *, accept_missing_wal: bool = False) -> Vault:
        """Open with a data key from :func:`derive_data_key` or the keyring. Every failure
        is one of ours (DatabaseDamaged, WalMissing, …) and leaves the files as they were."""
        folder = Path(folder)
        envelope = read_envelope(folder)
        lock = JournalLock(folder)
        lock.acquire()
        try:
            with left_as_it_was(folder):
                vault = cls._open_locked(folder, data_key, envelope, lock, accept_missing_wal)
        except BaseException as exc:
            lock.release()
            if isinstance(exc, DBAPIError | MemoryError) or _is_sqlite_error(exc):
                raise translate_sqlite_error(exc) from None
            raise
        return vault

    @classmethod
    def _open_locked(cls, folder: Path, data_key: bytes, envelope: env.Envelope,
                     lock: JournalLock, accept_missing_wal: bool) -> Vault:
        check_database_file(folder)
        check_wal(folder, accept_missing_wal)
        # Read-only first, schema row included: damage is reported before SQLite may write.
        probe = raw_connect(db_path(folder), data_key, read_only=True,
                            journal_id=envelope.journal_id)
        try:
            schema_revision(probe)
        finally:
            probe.close()
        engine = make_engine(db_path(folder), data_key)
        try:
            vault = cls(folder, data_key, envelope, lock, engine)
            from reflect.store.migrate import upgrade

            upgrade(engine, before_change=lambda rev: vault.backup(f"before-migration-{rev}"))
            stamp_journal_id(engine, envelope.journal_id)
        except BaseException:
            engine.dispose()  # closes the connections, so SQLite removes the -wal it made
            raise
        return vault

    @classmethod
    def unlock(cls, folder: Path, *, passphrase: str | None = None,
               recovery_key: str | None = None, accept_missing_wal: bool = False) -> Vault:
        key = derive_data_key(folder, passphrase=passphrase, recovery_key=recovery_key)
        return cls.open(folder, key, accept_missing_wal=accept_missing_wal)

    # -- using ---------------------------------------------------------------------------
    @property
    def is_open(self) -> bool:
        return self.engine is not None

    def live_engine(self) -> Engine:
        """The engine of an open journal; RuntimeError once it is locked."""
        if self.engine is None:
            raise RuntimeError("the journal is locked")
        return self.engine

    @property
    def read_only(self) -> bool:
        """On read-only media: reading works, every write is WriteFailed."""
        return self._lock.read_only

    @property
    def data_key(self) -> bytes:
        if self._data_key is None:
            raise RuntimeError("the journal is locked")
        return self._data_key

    @property
    def journal_id(self) -> str:
        return self.envelope.journal_id

    @contextlib.contextmanager
    def session(self) -> Iterator[Session]:
        """A transaction: committed when the block ends, rolled back if it raises."""
        if self.engine is None:
            raise RuntimeError("the journal is locked")
        try:
            with Session(self.engine, expire_on_commit=False) as session:
                wrote = self.changes.watch(session)
                with session.begin():
                    yield session
        except DBAPIError as exc:
            raise translate_sqlite_error(exc) from None
        except MemoryError:
            # SQLCipher reports a page that fails authentication as SQLITE_NOMEM.
            raise DatabaseDamaged("Part of the journal database could not be decrypted; run "
                                  "'reflect check' and restore from a backup.") from None
        if wrote():
            self.changes.changed()

    def close(self) -> None:
        """Checkpoint the WAL, dispose every connection and forget the key."""
        if self.engine is not None:
            with contextlib.suppress(Exception), self.engine.connect() as conn:
                # SQLite's advice: let it refresh planner statistics at close when needed.
                conn.exec_driver_sql("PRAGMA optimize")
                conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
            self.engine.dispose()
            self.engine = None
        self._data_key = None
        self._lock.release()

    def __enter__(self) -> Vault:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    # -- keys ----------------------------------------------------------------------------
    def change_passphrase(self, new_passphrase: str, params: env.KdfParams | None = None) -> None:
        """Re-wrap the data key; ``journal.db`` is not touched. The old passphrase stops working."""
        slot = env.make_slot("passphrase", env.normalise_passphrase(new_passphrase),
                             self.data_key, self.journal_id, params)
        self._write_envelope(env.replace_slot(self.envelope, slot))

    def new_recovery_key(self) -> str:
        """Replace the recovery slot; the old recovery key stops working."""
        recovery_key = env.generate_recovery_key()
        slot = env.make_slot("recovery", env.parse_recovery_key(recovery_key),
                             self.data_key, self.journal_id)
        self._write_envelope(env.replace_slot(self.envelope, slot))
        return recovery_key

    def _write_envelope(self, envelope: env.Envelope) -> None:
        env.write(keys_path(self.folder), envelope)
        self.envelope = envelope

    # -- backups -------------------------------------------------------------------------
    def backup(self, label: str = "manual", directory: Path | None = None,
               progress: BackupProgress | None = None, budget_mb: int | None = None) -> Path:
        """An encrypted, verified copy with the current key file (see backups.py);
        ``progress`` is called between copy steps (how a lock waits for it or stops it).
        Into the journal's own backups/ with ``budget_mb`` (0: the default budget), a budget
        that cannot hold one copy refuses it, and the oldest automatic ones go to fit it."""
        from reflect.store import backup_space, backups

        own = directory is None
        if own and budget_mb is not None:
            backup_space.ensure_budget(budget_mb, db_path(self.folder))
        parent = Path(directory or self.folder / BACKUP_DIR)  # make_backup makes it if need be
        path = self.copy_to(backups.new_backup_path(parent, label), progress)
        if own and budget_mb is not None:
            backups.prune(self.folder, budget_mb=budget_mb, keep=path)
        return path

    def copy_to(self, target: Path, progress: BackupProgress | None = None) -> Path:
        """Back up into ``target``, a folder that must not exist yet."""
        from reflect.store import backups

        return backups.make_backup(db_path(self.folder), self.data_key, self.envelope, target,
                                   progress=progress)

    def automatic_backup(self, budget_mb: int | None = None) -> Path | None:
        """At most one an hour, then prune older automatic copies (and, with ``budget_mb``,
        keep them within the budget); None when not due, and None for a journal that holds
        nothing: a copy of nothing must never rotate the good copies out."""
        from reflect.store import backups

        if not backups.due_for_automatic(self.folder) or self.holds_nothing():
            return None
        path = self.backup(backups.AUTO, budget_mb=budget_mb)
        if budget_mb is None:
            backups.prune(self.folder)
        return path

    def holds_nothing(self) -> bool:
        """True when no table holds a row of the person's own (the schema's bookkeeping and
        the search index aside)."""
        with self.live_engine().connect() as conn:
            tables = [row[0] for row in conn.exec_driver_sql(
                "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE "
                "'sqlite\\_%' ESCAPE '\\' AND name NOT LIKE 'entry\\_fts%' ESCAPE '\\' "
                "AND name != 'alembic_version'")]
            # The journal id kept beside the data is bookkeeping, and the reader's level (chosen
            # at first run) a preference: neither is the person's own.
            return not any(conn.exec_driver_sql(
                f'SELECT EXISTS (SELECT 1 FROM "{name}" WHERE key NOT IN (?, ?))'
                if name == "meta" else f'SELECT EXISTS (SELECT 1 FROM "{name}")',
                (JOURNAL_ID_KEY, READER_LEVEL_KEY) if name == "meta" else ()).scalar()
                for name in tables)
