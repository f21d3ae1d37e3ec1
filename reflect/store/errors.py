"""Failures the vault can report. Each has its own exit code so scripts can tell them apart."""

from __future__ import annotations


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


class JournalInUse(ReflectError):
    """Another Reflect process holds this journal open."""

    exit_code = 6


class WriteFailed(ReflectError):
    """A save could not be written (full disk, read-only folder); nothing was changed."""

    exit_code = 9
