"""The journal folder: which file is which, and turning a secret into the data key.

Free of SQLAlchemy so the quick command-line path can import it cheaply.
"""

from __future__ import annotations

from pathlib import Path

from reflect.common.errors import JournalNotFound
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

