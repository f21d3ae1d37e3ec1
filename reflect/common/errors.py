"""Failures the vault can report. Each has its own exit code so scripts can tell them apart."""

from __future__ import annotations

import errno


class ReflectError(Exception):
    """A failure with a one-sentence message meant for the user."""

    exit_code = 1


class JournalNotFound(ReflectError):
    exit_code = 7


class JournalExists(ReflectError):
    exit_code = 8


class WrongSecret(ReflectError):
    """Wrong passphrase or recovery key. The key file and database are fine."""

    exit_code = 3


class KeyFileDamaged(ReflectError):
    """``journal.keys`` is missing, unreadable or not a key envelope."""

    exit_code = 4


class DatabaseDamaged(ReflectError):
    """The key is right but ``journal.db`` cannot be read."""

    exit_code = 5


class DatabaseGone(DatabaseDamaged):
    """``journal.db`` is missing, empty or not a file: damage, never a new journal. The
    message already names the backup to restore."""


class JournalInUse(ReflectError):
    """Another Reflect process holds this journal open."""

    exit_code = 6


class WriteFailed(ReflectError):
    """A save could not be written (full disk, read-only folder); nothing was changed."""

    exit_code = 9


class WalMissing(ReflectError):
    """The journal was not closed cleanly and its write-ahead log is gone (or ``damaged``:
    there, but with a header that is not a log's)."""

    exit_code = 11
    damaged = False


def translate_sqlite_error(exc: BaseException) -> BaseException:
    """Turn SQLite's words into ours: a full disk is not a damaged journal, and neither is a
    bug. Anything unrecognised is returned unchanged."""
    if isinstance(exc, MemoryError):  # SQLCipher: a page failed authentication
        return DatabaseDamaged("Part of the journal database could not be decrypted; run "
                               "'reflect check' and restore from a backup.")
    message = str(getattr(exc, "orig", None) or exc).lower()
    if "full" in message:
        return WriteFailed("The journal could not be saved because the disk is full; nothing "
                           "was changed. Free some space and save again.")
    if "readonly" in message or "read-only" in message:
        return WriteFailed("The journal could not be saved because its folder is read-only; "
                           "nothing was changed. Copy the journal somewhere writable first.")
    if "disk i/o" in message:
        return WriteFailed("The journal could not be saved because its folder cannot be "
                           f"written ({message}); nothing was changed.")
    if "malformed" in message or "not a database" in message or "corrupt" in message:
        return DatabaseDamaged("Part of the journal database is damaged; run 'reflect check' "
                               "and restore from a backup.")
    if "unable to open" in message:
        return DatabaseDamaged("The journal database journal.db could not be opened "
                               f"({message}); check that it is a file you may read and write, "
                               "or restore it from a backup.")
    return exc


def write_problem(exc: OSError) -> str:
    """Why a write failed, as the end of a sentence: read-only media and a full disk by name."""
    if exc.errno in (errno.EROFS, errno.EACCES, errno.EPERM):
        return "its folder is read-only"
    if exc.errno in (errno.ENOSPC, errno.EDQUOT):
        return "the disk is full"
    return f"of an error ({exc.strerror or exc})"
