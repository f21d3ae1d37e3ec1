"""The demo's supervision self-audit shows gaps and improvement: the earlier half-year has
actions without a date and a decision not confirmed on the child's file, the latest half-year
has every action with an owner and a date and more sessions on schedule, and the last twelve
months still show gaps (sessions off schedule, actions not yet followed up)."""

from __future__ import annotations

from datetime import timedelta

from reflect.supervision.audit import audit, default_period
from tests.demo.conftest import TODAY


def test_the_demo_audit_shows_gaps_and_improvement(journal):
    year = audit(journal, *default_period(TODAY))
    earlier = audit(journal, TODAY - timedelta(days=365), TODAY - timedelta(days=183))
    later = audit(journal, TODAY - timedelta(days=182), TODAY)
    team = {key: year.team.measure(key) for key in ("on_schedule", "followed_up")}
    assert all(m.of and m.count < m.of for m in team.values())  # gaps over the year
    assert earlier.team.measure("owner_and_date").text == "12 of 14, 86%"
    assert later.team.measure("owner_and_date").text == "31 of 31, 100%"
    assert earlier.team.measure("on_file").text == "4 of 5, 80%"
    assert (later.team.measure("on_schedule").percent or 0) > (
        earlier.team.measure("on_schedule").percent or 0)
    assert {"Heron", "Kestrel", "Osprey", "Plover", "Wren"} <= {r.code_name for r in year.rows}
