"""Unlocking, with or without 'remember on this device', as one domain call (no window)."""

import keyring
import pytest

from reflect.common.errors import JournalInUse, WrongSecret
from reflect.journal.journal import Journal
from reflect.safety import keychain, security
from reflect.store.envelope import KdfParams
from reflect.store.layout import read_envelope
from tests.conftest import PASSPHRASE
from tests.safety.test_keychain import ForgetfulKeyring, MemoryKeyring


@pytest.fixture
def closed_journal(journal_dir):
    """A real journal on disk, closed; returns its folder and recovery key."""
    journal, recovery_key = Journal.create(journal_dir, PASSPHRASE, KdfParams.cheap())
    with journal:
        journal.add_entry("Kept", "on disk")
    return journal_dir, recovery_key


@pytest.fixture
def memory_keyring():
    previous = keyring.get_keyring()
    backend = MemoryKeyring()
    keyring.set_keyring(backend)
    yield backend
    keyring.set_keyring(previous)


def test_unlock_with_remember_stores_the_key_and_open_remembered_uses_it(closed_journal,
                                                                         memory_keyring):
    folder, _ = closed_journal
    assert not security.has_remembered_key(folder)
    assert security.open_remembered(folder) is None
    opened = security.unlock(folder, PASSPHRASE, remember=True)
    with opened.journal as journal:
        assert opened.remembered
        data_key = journal.vault.data_key
    journal_id = read_envelope(folder).journal_id
    assert bytes.fromhex(memory_keyring.store[(keychain.SERVICE, journal_id)]) == data_key
    assert security.has_remembered_key(folder)
    again = security.open_remembered(folder)
    assert again is not None
    with again:
        assert again.count_entries() == 1


def test_unlock_without_remember_forgets_and_none_leaves_the_keyring_alone(closed_journal,
                                                                           memory_keyring):
    folder, recovery_key = closed_journal
    security.unlock(folder, PASSPHRASE, remember=True).journal.close()
    kept = security.unlock(folder, recovery_key, recovery=True, remember=None)
    kept.journal.close()
    assert kept.remembered and security.has_remembered_key(folder)
    forgotten = security.unlock(folder, PASSPHRASE, remember=False)
    forgotten.journal.close()
    assert not forgotten.remembered
    assert memory_keyring.store == {}
    assert security.open_remembered(folder) is None


def test_a_keyring_that_loses_the_key_is_reported_not_remembered(closed_journal):
    folder, _ = closed_journal
    previous = keyring.get_keyring()
    keyring.set_keyring(ForgetfulKeyring())
    try:
        opened = security.unlock(folder, PASSPHRASE, remember=True)
        opened.journal.close()
    finally:
        keyring.set_keyring(previous)
    assert not opened.remembered


def test_without_a_keyring_unlock_still_opens_and_nothing_is_remembered(closed_journal):
    folder, _ = closed_journal
    assert security.can_remember()[0] is False
    opened = security.unlock(folder, PASSPHRASE, remember=True)
    opened.journal.close()
    assert not opened.remembered
    assert not security.has_remembered_key(folder)
    assert security.open_remembered(folder) is None


def test_a_wrong_secret_raises_and_leaves_the_journal_closed(closed_journal, memory_keyring):
    folder, _ = closed_journal
    with pytest.raises(WrongSecret):
        security.unlock(folder, "not the passphrase at all", remember=True)
    assert memory_keyring.store == {}
    Journal.unlock(folder, passphrase=PASSPHRASE).close()  # no lock was left behind


def test_open_remembered_reports_a_journal_open_elsewhere(closed_journal, memory_keyring):
    folder, _ = closed_journal
    security.unlock(folder, PASSPHRASE, remember=True).journal.close()
    other = Journal.unlock(folder, passphrase=PASSPHRASE)
    try:
        with pytest.raises(JournalInUse):
            security.open_remembered(folder)
    finally:
        other.close()
