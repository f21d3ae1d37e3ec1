"""The supervision self-audit on a real journal whose answers are worked out by hand below:
each measure's rule, per supervisee and for the team, and "none to count" where nothing was."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from reflect.store.entries import utc_now
from reflect.store.models import Action
from reflect.supervision import audit as audit_mod
from reflect.supervision.audit import AuditError, Measure, audit, challenge_recorded
from reflect.supervision.disagreements import Resolution
from reflect.supervision.records import Supervision
from reflect.supervision.sessions import CANCELLED, log_session

FROM, TO = date(2026, 2, 1), date(2026, 4, 30)
OFSTED = "001_54e362bb44fa0f98.txt"
SEED = next((shared / "seeds" / OFSTED
             for shared in (Path(__file__).resolve().parents[3] / "shared", Path("/work/shared"))
             if (shared / "seeds" / OFSTED).is_file()), Path(OFSTED))


def _record(sup: Supervision, person_id: int, day: date, actions=(), **sections):
    start = sup.start_record(person_id, "one_to_one", day)
    start.entry.sections.update(sections)
    return sup.save_record(start.entry, list(actions))


def build(sup: Supervision) -> dict[str, int]:
    """Wren (monthly, last supervised 5 Jan before Reflect) and Kestrel (fortnightly, no
    earlier session); Plover left before the period and has nothing in it."""
    wren = sup.add_supervisee("Wren", last_supervised_on=date(2026, 1, 5))
    kestrel = sup.add_supervisee("Kestrel", schedule="fortnightly")
    plover = sup.add_supervisee("Plover", last_supervised_on=date(2025, 11, 1))
    sup.deactivate(plover.id)
    made = utc_now()
    # Wren 2 Feb: due 5 Feb (a month after 5 Jan): on time. Challenge written, escalated.
    # Actions: one with owner and date (done later with an outcome), one with neither (open).
    # One case block "not on the child's file": its action is done later. The record's own
    # "Decision recorded on the child's file" is left unanswered.
    r1 = _record(sup, wren.id, date(2026, 2, 2), [
        Action(description="Chronology for C-14", owner="Wren", due_on=date(2026, 2, 20),
               created_at=made),
        Action(description="Think about the referral", created_at=made)],
        challenge="Threshold for a conference", challenge_outcome="Escalated",
        next_session="2026-03-02", cases=[{"case_ref": "C-14", "on_file": False}])
    chronology, referral = [a for a in r1.actions if a.description.startswith(("Chron", "Think"))]
    file_action = next(a for a in r1.actions if "child's file" in a.description)
    sup.complete(chronology.id, "Chronology started at allocation", date(2026, 2, 19))
    sup.complete(file_action.id, "On the file", date(2026, 2, 4))
    # Wren 20 Mar: agreed for 2 Mar, so late. No challenge; resolves 2 Feb's disagreement;
    # decision on the file: Yes. One action due after the period (not yet to follow up).
    start = sup.start_record(wren.id, "one_to_one", date(2026, 3, 20))
    start.entry.sections.update(child_file=True)
    sup.save_record(start.entry, [Action(description="Core group", owner="Sam",
                                         due_on=date(2026, 5, 15), created_at=made)],
                    resolutions=[Resolution.made(r1.entry.id, "Joint visit", "Service manager")])
    # Due 20 Apr, nothing held by 30 Apr: one more not on schedule. A record after the period
    # and one in the trash count for nothing.
    _record(sup, wren.id, date(2026, 5, 5), challenge="After the period")
    trashed = _record(sup, wren.id, date(2026, 4, 1), challenge="In the trash")
    sup.journal.delete_entry(trashed.entry.id)
    # Kestrel 2 Mar: the first session (nothing to be due from), an open disagreement.
    # 12 Mar: due 16 Mar, on time. 26 Mar cancelled; due 26 Mar and not held: late.
    _record(sup, kestrel.id, date(2026, 3, 2), challenge_outcome="Open")
    _record(sup, kestrel.id, date(2026, 3, 12))
    log_session(sup, kestrel.id, CANCELLED, date(2026, 3, 26), "Court")
    return {"wren": wren.id, "kestrel": kestrel.id, "plover": plover.id,
            "referral": referral.id}


@pytest.fixture
def sup(new_journal) -> Supervision:
    return Supervision(new_journal)


def _texts(row) -> dict[str, str]:
    return {key: row.measure(key).text for key in (m.key for m in audit_mod.MEASURES)}


def test_the_figures_per_supervisee_and_for_the_team(sup):
    build(sup)
    found = audit(sup.journal, FROM, TO)
    assert [r.code_name for r in found.rows] == ["Kestrel", "Wren"]  # Plover had nothing
    kestrel, wren = found.rows
    assert (wren.held, wren.cancelled, kestrel.held, kestrel.cancelled) == (2, 0, 2, 1)
    assert _texts(wren) == {
        "on_schedule": "1 of 3, 33%",
        "challenge": "1 of 2, 50%",
        # chronology, referral, the file action, core group: the referral has neither
        "owner_and_date": "3 of 4, 75%",
        # chronology and file action done with outcomes; the referral undated and open;
        # the core group not due until after the period
        "followed_up": "2 of 3, 67%",
        # 2 Feb: the case block (its action done) yes, the record's question unanswered;
        # 20 Mar: Yes
        "on_file": "2 of 3, 67%",
        "disagreements_resolved": "1 of 1, 100%",
    }
    assert _texts(kestrel) == {
        "on_schedule": "1 of 2, 50%", "challenge": "1 of 2, 50%",
        "owner_and_date": "none to count", "followed_up": "none to count",
        "on_file": "0 of 2, 0%", "disagreements_resolved": "0 of 1, 0%"}
    assert kestrel.disagreements_open == 1
    assert _texts(found.team) == {
        "on_schedule": "2 of 5, 40%", "challenge": "2 of 4, 50%",
        "owner_and_date": "3 of 4, 75%", "followed_up": "2 of 3, 67%",
        "on_file": "2 of 5, 40%", "disagreements_resolved": "1 of 2, 50%"}
    assert found.team.sessions_line == "4 held; 1 cancelled"


def test_a_later_follow_up_changes_the_figure_and_a_period_with_nothing_says_so(sup):
    ids = build(sup)
    sup.drop(ids["referral"], "Not needed after the joint visit", date(2026, 3, 1))
    wren = next(r for r in audit(sup.journal, FROM, TO).rows if r.code_name == "Wren")
    assert wren.measure("followed_up").text == "3 of 3, 100%"
    empty = audit(sup.journal, date(2020, 1, 1), date(2020, 12, 31))
    assert empty.rows == ()
    assert all(t == "none to count" for t in _texts(empty.team).values())


def test_the_json_shape_for_scripts(sup):
    build(sup)
    shape = audit(sup.journal, FROM, TO).as_json()
    assert shape["period"] == {"from": "2026-02-01", "to": "2026-04-30"}
    assert [m["key"] for m in shape["measures"]] == [
        "on_schedule", "challenge", "owner_and_date", "followed_up", "on_file",
        "disagreements_resolved"]
    assert shape["team"]["measures"]["on_schedule"] == {
        "count": 2, "of": 5, "percent": 40, "text": "2 of 5, 40%"}
    kestrel = shape["supervisees"][0]
    assert kestrel["measures"]["owner_and_date"] == {
        "count": 0, "of": 0, "percent": None, "text": "none to count"}
    assert kestrel["disagreements_open"] == 1


def test_percentages_round_halves_up_and_nothing_to_count_is_not_zero():
    assert Measure(2, 12).text == "2 of 12, 17%"
    assert Measure(1, 8).text == "1 of 8, 13%"
    assert Measure(0, 3).text == "0 of 3, 0%"
    assert Measure(0, 0).text == "none to count"


def test_what_counts_as_challenge_recorded():
    assert challenge_recorded({"challenge": "I disagreed"})
    assert challenge_recorded({"challenge_outcome": "Resolved"})
    assert not challenge_recorded({"challenge": "  ", "challenge_outcome": None})
    assert not challenge_recorded({"reflecting": "a challenging week"})


def test_a_period_that_ends_before_it_starts_is_refused(sup):
    with pytest.raises(AuditError, match="ends before it starts"):
        audit(sup.journal, TO, FROM)


@pytest.mark.skipif(not SEED.is_file(), reason="the Ofsted report (shared/seeds) is not here")
def test_the_quoted_paragraphs_are_word_for_word_from_the_seed():
    from reflect.supervision.audit_pdf import PARA_59, PARA_60

    text = SEED.read_text(encoding="utf-8")
    para_59 = next(line for line in text.splitlines() if line.startswith("59. "))
    para_60 = next(line for line in text.splitlines() if line.startswith("60. "))
    assert PARA_59 in para_59
    assert PARA_60 in para_60


def test_the_pdf_reads_back_with_the_period_the_tables_and_the_source(sup, tmp_path):
    from pypdf import PdfReader

    from reflect.supervision.audit_pdf import PARA_60, export_audit_pdf

    build(sup)
    path = export_audit_pdf(audit(sup.journal, FROM, TO), tmp_path / "audit.pdf",
                            made_on=date(2026, 5, 1))
    reader = PdfReader(path)
    text = " ".join(" ".join((page.extract_text() or "").split()) for page in reader.pages)
    assert "Supervision self-audit" in text
    assert "1 February 2026 to 30 April 2026 · 2 supervisees" in text
    assert "Team: all supervisees" in text
    assert "Sessions held on schedule 2 of 5, 40% 3 late or not held" in text
    assert "Kestrel" in text and "Wren" in text and "Plover" not in text
    assert "Actions with an owner and a date none to count —" in text  # Kestrel's
    assert "paragraphs 59–62" in text
    assert " ".join(PARA_60.split()) in text
    assert path.stat().st_mode & 0o077 == 0  # readable by the owner only
