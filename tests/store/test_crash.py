"""Kill a writing process at random moments; every save it reported must survive, and the
journal must pass every integrity check afterwards."""

import os
import random
import signal
import subprocess
import sys
import textwrap
import time

import pytest

from reflect.journal.journal import Journal
from reflect.store.check import run_checks
from reflect.store.queries import COUNT_CAP, EntryFilter
from tests.conftest import PASSPHRASE

WRITER = textwrap.dedent("""
    import sys, time
    from reflect.journal.journal import Journal
    journal = Journal.unlock(sys.argv[1], passphrase=sys.argv[2])
    n = 0
    while True:
        n += 1
        entry = journal.add_entry(f"round {sys.argv[3]} entry {n}", "words " * 300,
                                  tags=["crash"])
        if n % 3 == 0:
            entry.body += " edited"
            journal.save_entry(entry)
        print(entry.uid, flush=True)
""")

ROUNDS = 20


@pytest.mark.slow
@pytest.mark.timeout(300)
def test_sigkill_at_random_points_loses_no_reported_save(new_journal, journal_dir):
    new_journal.close()
    rng = random.Random(20261122)
    reported: list[str] = []
    for round_no in range(ROUNDS):
        child = subprocess.Popen(
            [sys.executable, "-c", WRITER, str(journal_dir), PASSPHRASE, str(round_no)],
            stdout=subprocess.PIPE, text=True)
        # Wait for the first save so every round kills a process in the middle of writing.
        first = child.stdout.readline().strip()
        if first:
            reported.append(first)
        time.sleep(rng.uniform(0.0, 0.4))
        os.kill(child.pid, signal.SIGKILL)
        rest, _ = child.communicate()
        reported.extend(line for line in rest.split() if line)
    assert len(reported) > ROUNDS
    with Journal.unlock(journal_dir, passphrase=PASSPHRASE) as journal:
        assert run_checks(journal.vault) == []
        found = {e.uid for e in journal.list_entries(EntryFilter(tag="crash"), limit=100_000)}
        assert set(reported) <= found
        print(f"{ROUNDS} SIGKILL rounds: {len(reported)} saves reported, all among "
              f"{len(found)} entries found")
        hits = journal.search("words", limit=100_000)
        assert (hits.total, hits.capped) == (min(len(found), COUNT_CAP), len(found) > COUNT_CAP)
        assert {h.entry_id for h in hits.hits} == {
            e.id for e in journal.list_entries(EntryFilter(tag="crash"), limit=100_000)}
