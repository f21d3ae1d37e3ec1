"""The lasting demo journal (``reflect init --demo``): the same content under its own
passphrase, and nothing left behind when building it fails part-way."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest

from reflect.demo.builder import create_demo, demo_counts
from reflect.journal.journal import Journal
from reflect.store.envelope import KdfParams
from tests.conftest import PASSPHRASE

TODAY = date(2026, 3, 18)


def test_the_lasting_demo_holds_what_the_throwaway_one_holds(tmp_path, journal):
    folder = tmp_path / "kept"
    made, recovery_key = create_demo(folder, PASSPHRASE, TODAY, KdfParams.cheap())
    made.close()
    with Journal.unlock(folder, passphrase=PASSPHRASE) as again:
        assert demo_counts(again) == demo_counts(journal)
    Journal.unlock(folder, recovery_key=recovery_key).close()


def test_a_build_that_fails_part_way_leaves_nothing(tmp_path, content):
    folder = tmp_path / "new" / "journal"
    broken = replace(content, people=())  # its records name supervisees that are not there
    with pytest.raises(KeyError):
        create_demo(folder, PASSPHRASE, TODAY, KdfParams.cheap(), broken)
    assert not (tmp_path / "new").exists()
