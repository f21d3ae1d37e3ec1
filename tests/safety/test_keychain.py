"""'Remember on this device' with a working keyring, and without one."""

import keyring
import pytest
from keyring.backend import KeyringBackend

from reflect.safety import keychain


class MemoryKeyring(KeyringBackend):
    priority = 1

    def __init__(self):
        super().__init__()
        self.store: dict[tuple[str, str], str] = {}

    def get_password(self, service, username):
        return self.store.get((service, username))

    def set_password(self, service, username, password):
        self.store[(service, username)] = password

    def delete_password(self, service, username):
        self.store.pop((service, username), None)


class ForgetfulKeyring(MemoryKeyring):
    """Accepts the key and loses it: the read-back must catch this."""

    def set_password(self, service, username, password):
        pass


@pytest.fixture
def use_keyring():
    previous = keyring.get_keyring()

    def install(backend):
        keyring.set_keyring(backend)
        return backend

    yield install
    keyring.set_keyring(previous)


def test_remember_recall_forget(use_keyring):
    backend = use_keyring(MemoryKeyring())
    assert keychain.availability() == (True, "")
    assert keychain.remember("journal-1", b"\x01" * 32)
    assert keychain.recall("journal-1") == b"\x01" * 32
    keychain.forget("journal-1")
    assert keychain.recall("journal-1") is None
    assert backend.store == {}


def test_a_keyring_that_does_not_keep_the_key_is_not_trusted(use_keyring):
    use_keyring(ForgetfulKeyring())
    assert keychain.remember("journal-1", b"\x01" * 32) is False


def test_no_backend_means_the_option_is_off_with_a_reason():
    available, reason = keychain.availability()
    assert available is False and "keyring" in reason
    assert keychain.remember("journal-1", b"\x01" * 32) is False
    assert keychain.recall("journal-1") is None
