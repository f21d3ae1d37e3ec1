"""Security settings as the app offers them: change the passphrase, replace the recovery
key, remember the key on this device. The current passphrase is always asked again, so an
unlocked, unattended window is not enough to take over a journal."""

from __future__ import annotations

import hmac

from reflect.common.errors import ReflectError, WrongSecret
from reflect.journal.journal import Journal
from reflect.safety import keychain
from reflect.safety import passphrase as rules
from reflect.store.envelope import KdfParams
from reflect.store.layout import derive_data_key


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
