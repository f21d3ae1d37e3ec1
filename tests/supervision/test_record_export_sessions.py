"""A record's Markdown and PDF say how its session went (held, moved or cancelled, planned or
ad hoc, how long, why) and how a difference of opinion left open in it was resolved later;
the PDF read back with pypdf from a real encrypted journal."""

from __future__ import annotations

from datetime import date

from pypdf import PdfReader

from reflect.supervision.disagreements import Resolution
from reflect.supervision.record_pdf import export_record_pdf
from reflect.supervision.records import Supervision
from reflect.supervision.sessions import CANCELLED, SESSION_KEY, SessionInfo, log_session

MARCH = date(2026, 3, 3)
RESOLVED_HEADING = "How the difference of opinion was resolved"  # as the export says
HOW = "The service manager chose a child in need plan with a date to reconsider."


def _words(path) -> str:
    return " ".join(" ".join(p.extract_text() for p in PdfReader(str(path)).pages).split())


def _escalated_then_resolved(journal):
    sup = Supervision(journal)
    wren = sup.add_supervisee("Wren", role="Social worker")
    start = sup.start_record(wren.id, "one_to_one", happened_on=MARCH)
    start.entry.sections.update(
        challenge="Wren wanted a conference; I did not.", challenge_outcome="Escalated")
    start.entry.sections[SESSION_KEY] = SessionInfo.made("held", planned=False,
                                                         minutes=50).as_value()
    first = sup.save_record(start.entry, [])
    later = sup.start_record(wren.id, "one_to_one", happened_on=date(2026, 4, 1))
    sup.save_record(later.entry, [], resolutions=[
        Resolution.made(first.entry.id, HOW, "the service manager")])
    return sup, wren, sup.record(first.entry.id)


def test_the_markdown_says_the_session_and_the_resolution(new_journal):
    sup, _wren, record = _escalated_then_resolved(new_journal)
    text = sup.record_markdown(record.entry.id)
    assert "**Session:** Held · ad hoc · 50 minutes" in text
    part = text.split(f"## {RESOLVED_HEADING}")[1]
    assert part.split("##")[0].strip() == (
        f"Resolved on 1 April 2026 by the service manager, in a later record: {HOW}")
    # the resolution follows the outcome it closes
    assert text.index("Escalated") < text.index(RESOLVED_HEADING)


def test_the_pdf_reads_back_the_session_and_the_resolution(new_journal, tmp_path):
    _sup, _wren, record = _escalated_then_resolved(new_journal)
    words = _words(export_record_pdf(record, tmp_path / "record.pdf"))
    assert "Held · ad hoc · 50 minutes" in words
    assert RESOLVED_HEADING in words
    assert "Resolved on 1 April 2026 by the service manager" in words
    assert "date to reconsider" in words


def test_a_cancelled_session_says_why_and_an_open_one_has_no_resolution(new_journal,
                                                                        tmp_path):
    sup = Supervision(new_journal)
    wren = sup.add_supervisee("Wren")
    entry = log_session(sup, wren.id, CANCELLED, MARCH, "Wren was in court all day.")
    text = sup.record_markdown(entry.id)
    assert "**Session:** Cancelled · planned · reason: Wren was in court all day." in text
    assert "Not recorded" not in text and "No actions agreed" not in text  # nothing to say
    words = _words(export_record_pdf(sup.record(entry.id), tmp_path / "cancelled.pdf"))
    assert "Cancelled · planned · reason: Wren was in court all day." in words
    start = sup.start_record(wren.id, "one_to_one", happened_on=MARCH)
    start.entry.sections.update(challenge="We differ.", challenge_outcome="Open")
    still_open = sup.save_record(start.entry, [])
    plain = sup.record_markdown(still_open.entry.id)
    assert RESOLVED_HEADING not in plain and "**Session:**" not in plain  # a planned, held one
