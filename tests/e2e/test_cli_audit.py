"""``reflect audit`` as a team manager or a script runs it: the table on stdout and the JSON
shape, with the figures of the hand-worked journal of tests/supervision/test_audit.py; a
period that ends before it starts is one sentence and no passphrase asked."""

from __future__ import annotations

import json

from reflect.journal.journal import Journal
from reflect.supervision.records import Supervision
from tests.conftest import PASSPHRASE
from tests.e2e.conftest import assert_clean_error, run
from tests.supervision.test_audit import build


def _filled(journal_dir) -> None:
    from reflect.store.envelope import KdfParams

    journal, _ = Journal.create(journal_dir, PASSPHRASE, KdfParams.cheap())
    with journal:
        build(Supervision(journal))


def test_the_table_and_the_json_give_the_hand_worked_figures(journal_dir):
    _filled(journal_dir)
    table = run(journal_dir, "audit", "--from", "2026-02-01", "--to", "2026-04-30")
    assert table.returncode == 0, table.stderr
    lines = table.stdout.splitlines()
    assert lines[0] == "Supervision self-audit, 1 February 2026 to 30 April 2026"
    team = lines.index("Team (2 supervisees): 4 held; 1 cancelled")
    assert [" ".join(line.split()) for line in lines[team + 1: team + 8]] == [
        "Sessions held on schedule 2 of 5, 40%",
        "Records with challenge recorded 2 of 4, 50%",
        "Actions with an owner and a date 3 of 4, 75%",
        "Actions followed up with an outcome 2 of 3, 67%",
        "Decisions confirmed on the child's file 2 of 5, 40%",
        "Disagreements resolved 1 of 2, 50%",
        "Disagreements still open 1"]
    kestrel = lines.index("Kestrel: 2 held; 1 cancelled")
    assert " ".join(lines[kestrel + 3].split()) == "Actions with an owner and a date none to count"
    assert "Wren: 2 held" in lines and not any("Plover" in line for line in lines)

    shape = json.loads(run(journal_dir, "audit", "--from", "2026-02-01", "--to", "2026-04-30",
                           "--json").stdout)
    assert shape["period"] == {"from": "2026-02-01", "to": "2026-04-30"}
    assert shape["team"]["measures"]["on_file"] == {"count": 2, "of": 5, "percent": 40,
                                                    "text": "2 of 5, 40%"}
    assert [s["code_name"] for s in shape["supervisees"]] == ["Kestrel", "Wren"]
    assert shape["supervisees"][0]["measures"]["followed_up"]["percent"] is None


def test_a_period_that_ends_before_it_starts_is_refused_before_unlocking(journal_dir,
                                                                        cheap_journal):
    result = run(journal_dir, "audit", "--from", "2026-05-01", "--to", "2026-01-01",
                 REFLECT_PASSPHRASE=None)
    assert_clean_error(result, 1)
    assert "ends before it starts" in result.stderr
    assert result.stdout == ""
