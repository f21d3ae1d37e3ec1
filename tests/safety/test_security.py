"""Security settings through the domain layer, on a real journal."""

import pytest

from reflect.common.errors import WrongSecret
from reflect.journal.journal import Journal
from reflect.safety import security
from reflect.store.envelope import KdfParams
from tests.conftest import PASSPHRASE
from tests.safety.test_keychain import MemoryKeyring


def test_change_passphrase_needs_the_current_one(new_journal, journal_dir):
    with pytest.raises(WrongSecret):
        security.change_passphrase(new_journal, "not it at all", "a fresh long passphrase")
    with pytest.raises(security.PassphraseRejected, match="10 characters"):
        security.change_passphrase(new_journal, PASSPHRASE, "short")
    security.change_passphrase(new_journal, PASSPHRASE, "a fresh long passphrase",
                               KdfParams.cheap())
    new_journal.close()
    with pytest.raises(WrongSecret):
        Journal.unlock(journal_dir, passphrase=PASSPHRASE)
    Journal.unlock(journal_dir, passphrase="a fresh long passphrase").close()


def test_replacing_the_recovery_key_retires_the_old_one(new_journal, journal_dir):
    old = new_journal.recovery_key
    new = security.replace_recovery_key(new_journal, PASSPHRASE)
    new_journal.close()
    with pytest.raises(WrongSecret):
        Journal.unlock(journal_dir, recovery_key=old)
    Journal.unlock(journal_dir, recovery_key=new).close()


def test_remember_and_forget(new_journal):
    import keyring

    previous = keyring.get_keyring()
    keyring.set_keyring(MemoryKeyring())
    try:
        assert security.set_remembered(new_journal, True) is True
        assert security.is_remembered(new_journal)
        assert security.set_remembered(new_journal, False) is False
        assert not security.is_remembered(new_journal)
    finally:
        keyring.set_keyring(previous)
    assert security.set_remembered(new_journal, True) is False  # no backend: never stored
