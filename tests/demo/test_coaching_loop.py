"""The demo's coaching loop (issue 15): coaching sessions with a date, what was agreed after
them and the actions agreed, followed up at the start of the leader's next own record (their
supervision or coaching preparation): done with what changed, carried forward, dropped with a
reason; and two own actions still open, one overdue, for the next review."""

from __future__ import annotations

from datetime import date, timedelta

from reflect.demo.builder import record_day
from reflect.store.actions import CARRIED, DONE, DROPPED, OPEN
from reflect.store.queries import EntryFilter
from reflect.supervision.follow_ups import follow_ups_of

TODAY = date(2026, 3, 18)  # the day conftest.py builds the demo for
OWN_TEMPLATES = ("my_supervision", "coaching_prep")


def _own_records(journal):
    """The leader's supervision and coaching preparations, oldest first."""
    entries = journal.list_entries(limit=1000)
    return sorted((e for e in entries if e.person_id is None and e.template_id in OWN_TEMPLATES),
                  key=lambda e: (e.happened_on, e.id))


def _session_day(entry) -> date:
    return date.fromisoformat(entry.sections["session_on"])


def test_each_coaching_preparation_has_its_session_and_the_past_ones_what_was_agreed(journal):
    preps = journal.list_entries(EntryFilter(kind="coaching"), limit=100)
    assert len(preps) == 4
    for prep in preps:
        assert prep.happened_on <= _session_day(prep) <= prep.happened_on + timedelta(days=14)
    past = [p for p in preps if _session_day(p) <= TODAY]
    upcoming = [p for p in preps if _session_day(p) > TODAY]
    assert len(past) == 3 and all(p.sections["after"].strip() for p in past)
    assert all("Taking away" in p.sections["after"] for p in past)
    [latest] = upcoming  # the next session: prepared, not held yet, nothing "after" it
    assert latest.happened_on == max(p.happened_on for p in preps)
    assert not latest.sections.get("after")


def test_coaching_agreements_were_followed_up_in_the_next_own_record(journal, sup):
    own = _own_records(journal)
    followed = 0
    for index, record in enumerate(own):
        if record.template_id != "coaching_prep" or _session_day(record) > TODAY:
            continue
        agreed = sup.record(record.id).actions
        assert agreed, record.title
        later = own[index + 1]  # the leader's next supervision or coaching preparation
        decided = {r.action.id: r for r in follow_ups_of(journal, later)}
        assert {a.id for a in agreed} <= set(decided), record.title
        assert all(decided[a.id].action.closed_on == later.happened_on for a in agreed)
        followed += 1
    assert followed >= 2


def test_own_actions_done_carried_and_dropped_with_what_changed(journal):
    reviewed = [r for entry in _own_records(journal) for r in follow_ups_of(journal, entry)]
    assert all(r.action.person_id is None for r in reviewed)  # no supervisee: the leader's
    by_status = {status: [r for r in reviewed if r.status == status]
                 for status in (DONE, CARRIED, DROPPED)}
    assert all(by_status.values())
    assert all(r.note.strip() for r in by_status[DONE] + by_status[DROPPED])
    rota = next(r for r in by_status[DONE] if "duty rota" in r.action.description)
    assert "changed nothing" in rota.note  # what changed in practice
    # a coaching agreement carried into the leader's own supervision, then done there
    carried_sources = {r.action.entry_title.split(" — ")[0] for r in by_status[CARRIED]}
    assert "Coaching preparation" in carried_sources


def test_two_own_actions_are_open_one_overdue_for_the_next_review(sup):
    own_open = [a for a in sup.actions(limit=None)
                if a.person_id is None and a.status == OPEN and a.entry_title
                and a.entry_title.split(" — ")[0] in ("My supervision", "Coaching preparation")]
    assert len(own_open) == 2
    overdue = [a for a in own_open if a.is_overdue(TODAY)]
    [late] = overdue
    assert late.carried_from_id is not None  # carried at the latest preparation, still late
    assert late.entry_title.startswith("Coaching preparation")
    [coming] = [a for a in own_open if a not in overdue]
    assert coming.due_on > TODAY
    assert late.entry_happened_on == record_day(TODAY, 8)
