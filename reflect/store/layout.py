"""The journal folder: which file is which, and turning a secret into the data key.

Free of SQLAlchemy so the quick command-line path can import it cheaply.
"""

from __future__ import annotations

import contextlib
import errno
from pathlib import Path

from reflect.common.errors import JournalNotFound, WriteFailed
from reflect.store import envelope as env

DB_NAME = "journal.db"
KEYS_NAME = "journal.keys"
BACKUP_DIR = "backups"


def db_path(folder: Path) -> Path:
    return Path(folder) / DB_NAME


def keys_path(folder: Path) -> Path:
    return Path(folder) / KEYS_NAME


def journal_exists(folder: Path) -> bool:
    return keys_path(folder).exists() or db_path(folder).exists()


def missing_parents(folder: Path) -> list[Path]:
    """The folders ``mkdir(parents=True)`` would make, deepest first, so a failed create can
    remove exactly what it made and nothing that was there before."""
    made = []
    for path in (Path(folder), *Path(folder).parents):
        if path.exists():
            break
        made.append(path)
    return made


def remove_partial_journal(folder: Path, made_folders: list[Path]) -> None:
    """Undo a create that failed part-way: the journal's own files, then the folders it made
    (only while empty). Anything else in the folder was not ours and stays."""
    folder = Path(folder)
    names = [DB_NAME, DB_NAME + "-wal", DB_NAME + "-shm", DB_NAME + "-journal", KEYS_NAME,
             "journal.lock"]
    for name in names:
        with contextlib.suppress(FileNotFoundError):
            (folder / name).unlink()
    for path in made_folders:
        with contextlib.suppress(OSError):
            path.rmdir()


def creation_failure(folder: Path, exc: BaseException) -> BaseException | None:
    """A full disk or an unwritable folder while creating, as the one sentence a person
    needs (exit 9); None for anything else, which is raised as it was."""
    from_sqlite = type(exc).__module__.split(".")[0] in ("sqlalchemy", "sqlcipher3", "sqlite3")
    reason = str(getattr(exc, "orig", None) or exc).lower() if from_sqlite else ""
    if (isinstance(exc, OSError) and exc.errno in (errno.ENOSPC, errno.EDQUOT)) or (
            "full" in reason):
        return WriteFailed(f"The journal could not be created at {folder} because the disk is "
                           "full; nothing was left behind. Free some space and try again.")
    if "disk i/o" in reason or "readonly" in reason:
        return WriteFailed(f"The journal could not be created at {folder} because the disk "
                           f"refused the write ({reason}); nothing was left behind. Free some "
                           "space or choose another folder.")
    return None


def read_envelope(folder: Path) -> env.Envelope:
    folder = Path(folder)
    if not journal_exists(folder):
        raise JournalNotFound(f"There is no journal at {folder}; create one with 'reflect init'.")
    return env.read(keys_path(folder))


def derive_data_key(folder: Path, *, passphrase: str | None = None,
                    recovery_key: str | None = None) -> bytes:
    """The slow step (Argon2id). Safe to run on a worker thread; writes nothing."""
    envelope = read_envelope(folder)
    if recovery_key is not None:
        return env.unwrap(envelope, "recovery", env.parse_recovery_key(recovery_key))
    if passphrase is None:
        raise ValueError("a passphrase or a recovery key is needed")
    return env.unwrap(envelope, "passphrase", env.normalise_passphrase(passphrase))

