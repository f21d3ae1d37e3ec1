"""Security settings as the app offers them: unlock (remembering the key on this device or
not), change the passphrase, replace the recovery key. The current passphrase is always asked
again for a change, so an unlocked, unattended window is not enough to take over a journal.

Everything here is slow (Argon2id, opening the database, the keyring), so the window calls
these functions from a worker thread; none of them touches Qt.
"""

from __future__ import annotations

import hmac
from dataclasses import dataclass
from pathlib import Path

from reflect.common.errors import ReflectError, WrongSecret
from reflect.journal.journal import Journal
from reflect.safety import keychain
from reflect.safety import passphrase as rules
from reflect.store.envelope import KdfParams
from reflect.store.layout import derive_data_key, read_envelope


class PassphraseRejected(ReflectError):
    exit_code = 2


def confirm_passphrase(journal: Journal, current: str) -> None:
    """Raise WrongSecret unless ``current`` opens this journal (slow: Argon2id)."""
    key = derive_data_key(journal.folder, passphrase=current)
    if not hmac.compare_digest(key, journal.vault.data_key):
        raise WrongSecret("The current passphrase is not correct.")


def change_passphrase(journal: Journal, current: str, new: str,
                      params: KdfParams | None = None) -> None:
    problem = rules.problem(new)
    if problem:
        raise PassphraseRejected(problem)
    if new == current:
        raise PassphraseRejected("The new passphrase is the same as the current one.")
    confirm_passphrase(journal, current)
    journal.vault.change_passphrase(new, params)


def replace_recovery_key(journal: Journal, current: str) -> str:
    """A new recovery key (show it once); the old one stops working."""
    confirm_passphrase(journal, current)
    return journal.vault.new_recovery_key()


def set_remembered(journal: Journal, remember: bool) -> bool:
    """Store or forget the key in the OS keyring; returns whether it is remembered now."""
    if remember:
        return keychain.remember(journal.vault.journal_id, journal.vault.data_key)
    keychain.forget(journal.vault.journal_id)
    return False


def is_remembered(journal: Journal) -> bool:
    return keychain.recall(journal.vault.journal_id) is not None


def can_remember() -> tuple[bool, str]:
    """Whether 'remember on this device' can be offered here, and if not, why."""
    return keychain.availability()


@dataclass(frozen=True)
class Unlocked:
    """An opened journal and whether its key is in the keyring now (for the window to say
    so when remembering was asked for but the keyring would not keep it)."""

    journal: Journal
    remembered: bool


def unlock(folder: Path, secret: str, *, recovery: bool = False, remember: bool | None = None,
           accept_missing_wal: bool = False) -> Unlocked:
    """Open with the passphrase (or the recovery key), then store the key in the keyring
    (``remember=True``), forget it (``False``) or leave the keyring alone (``None``)."""
    if recovery:
        journal = Journal.unlock(folder, recovery_key=secret,
                                 accept_missing_wal=accept_missing_wal)
    else:
        journal = Journal.unlock(folder, passphrase=secret,
                                 accept_missing_wal=accept_missing_wal)
    try:
        remembered = (is_remembered(journal) if remember is None
                      else set_remembered(journal, remember))
    except BaseException:
        journal.close()  # nobody else holds it yet: release the lock and the key
        raise
    return Unlocked(journal, remembered)


def _remembered_key(folder: Path) -> bytes | None:
    if not keychain.availability()[0]:
        return None
    return keychain.recall(read_envelope(folder).journal_id)


def has_remembered_key(folder: Path) -> bool:
    """Whether this device keeps a key for the journal in ``folder`` (without opening it)."""
    return _remembered_key(folder) is not None


def open_remembered(folder: Path) -> Journal | None:
    """Open with the key remembered on this device; None when there is none. A key that no
    longer opens the journal, or a journal open elsewhere, raises as unlocking would."""
    key = _remembered_key(folder)
    return None if key is None else Journal.open_with_key(folder, key)
