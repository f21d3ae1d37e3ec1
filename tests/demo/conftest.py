"""One demo journal (a real SQLCipher file, cheap key derivation) built for all the demo
tests, and its shipped content."""

from __future__ import annotations

from datetime import date

import pytest

from reflect.demo.builder import build_demo
from reflect.demo.content import load_demo
from reflect.journal.journal import Journal
from reflect.store.envelope import KdfParams
from reflect.supervision.records import Supervision

TODAY = date(2026, 3, 18)  # a Wednesday


@pytest.fixture(scope="package")
def content():
    return load_demo()


@pytest.fixture(scope="package")
def built(tmp_path_factory):
    folder = tmp_path_factory.mktemp("demo") / "journal"
    journal, passphrase = build_demo(folder, TODAY, KdfParams.cheap())
    yield journal, passphrase
    journal.close()


@pytest.fixture
def journal(built) -> Journal:
    return built[0]


@pytest.fixture
def sup(journal) -> Supervision:
    return Supervision(journal)
