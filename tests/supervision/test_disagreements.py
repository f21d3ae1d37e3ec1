"""Differences of opinion followed up on a real journal: an escalated one is carried to the
next record and Home until it is resolved there, in the same transaction as that record."""

from __future__ import annotations

from datetime import date

import pytest

from reflect.supervision import disagreements
from reflect.supervision.disagreements import Resolution
from reflect.supervision.records import Supervision, SupervisionError


@pytest.fixture
def sup(new_journal) -> Supervision:
    return Supervision(new_journal)


def _record(sup: Supervision, person_id: int, day: date, **sections):
    start = sup.start_record(person_id, "one_to_one", day)
    start.entry.sections.update(sections)
    return sup.save_record(start.entry).entry


def test_an_escalated_disagreement_is_carried_until_resolved_in_a_later_record(sup):
    journal = sup.journal
    wren = sup.add_supervisee("Wren")
    first = _record(sup, wren.id, date(2026, 2, 2), challenge_outcome="Escalated",
                    challenge="Threshold for a child protection conference")
    _record(sup, wren.id, date(2026, 2, 3), challenge_outcome="Resolved")
    [row] = disagreements.open_disagreements(journal)
    assert (row.entry_id, row.outcome, row.code_name) == (first.id, "Escalated", "Wren")
    assert disagreements.summary(row) == "Threshold for a child protection conference"
    start = sup.start_record(wren.id, "one_to_one", date(2026, 3, 2))
    assert [r.entry_id for r in disagreements.for_record(journal, wren.id, None)] == [first.id]

    with pytest.raises(ValueError, match="who resolved it"):
        Resolution.made(first.id, "Joint visit agreed", " ")
    done = Resolution.made(first.id, "Joint visit agreed", "Service manager")
    later = sup.save_record(start.entry, resolutions=[done]).entry
    assert disagreements.open_disagreements(journal) == []
    [shown] = disagreements.for_record(journal, wren.id, later)
    assert shown.resolution == {"how": "Joint visit agreed", "by": "Service manager",
                                "on": "2026-03-02", "in_entry": later.id}
    assert disagreements.resolved_line(shown) == (
        "Resolved 2 Mar 2026 by Service manager: Joint visit agreed")
    disagreements.reopen(journal, first.id)
    assert [r.entry_id for r in disagreements.open_disagreements(journal)] == [first.id]


def test_a_refused_record_resolves_nothing(sup):
    wren = sup.add_supervisee("Wren")
    first = _record(sup, wren.id, date(2026, 2, 2), challenge_outcome="Open")
    start = sup.start_record(wren.id, "one_to_one", date(2026, 3, 2))
    start.entry.person_id = 999  # refused: that supervisee does not exist
    with pytest.raises(SupervisionError):
        sup.save_record(start.entry, resolutions=[Resolution.made(first.id, "Talked", "Us")])
    assert [r.entry_id for r in disagreements.open_disagreements(sup.journal)] == [first.id]
