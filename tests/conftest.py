"""Shared fixtures. Every test runs with its own data, config and temp dirs, and Qt offscreen."""

from __future__ import annotations

import os

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


@pytest.fixture(autouse=True)
def isolated_environment(tmp_path_factory, monkeypatch):
    """Point platform dirs, temp files and the keyring at throwaway places for each test."""
    home = tmp_path_factory.mktemp("home")
    for name in ("XDG_DATA_HOME", "XDG_CONFIG_HOME", "XDG_CACHE_HOME", "XDG_STATE_HOME"):
        path = home / name.lower()
        path.mkdir()
        monkeypatch.setenv(name, str(path))
    monkeypatch.setenv("HOME", str(home))
    for name in ("REFLECT_JOURNAL", "REFLECT_PASSPHRASE", "REFLECT_NEW_PASSPHRASE",
                 "REFLECT_RECOVERY_KEY"):
        monkeypatch.delenv(name, raising=False)
    # No real keyring backend is ever touched by tests; tests that need one install their own.
    monkeypatch.setenv("PYTHON_KEYRING_BACKEND", "keyring.backends.fail.Keyring")
    return home


PASSPHRASE = "correct horse battery staple"


@pytest.fixture
def journal_dir(tmp_path):
    return tmp_path / "journal"


@pytest.fixture
def new_journal(journal_dir):
    """A real SQLCipher journal with cheap key derivation; closed after the test."""
    from reflect.journal.journal import Journal
    from reflect.store.envelope import KdfParams

    journal, recovery_key = Journal.create(journal_dir, PASSPHRASE, KdfParams.cheap())
    journal.recovery_key = recovery_key
    yield journal
    if journal.is_open:
        journal.close()
