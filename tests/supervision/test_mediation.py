"""Mediation: what supervisees need taken up the organisation reaches the leader's own
supervision as items to take, from the one-to-ones since the last own-supervision record."""

from datetime import date

from reflect.supervision.mediation import (
    BRING,
    bring_text,
    is_own_supervision,
    items_in,
    offer,
    open_items,
)
from reflect.supervision.records import Supervision

MARCH = date(2026, 3, 2)


def _one_to_one(sup, person, day, mediation):
    start = sup.start_record(person.id, "one_to_one", day)
    start.entry.sections["mediation"] = mediation
    return sup.save_record(start.entry).entry


def _own(sup, day, bring=""):
    start = sup.start_record(None, "my_supervision", day)
    if bring:
        start.entry.sections[BRING] = bring
    return sup.save_record(start.entry).entry


def test_items_are_one_a_line_with_list_marks_taken_off():
    text = ("- A second family-time room\n* Cover for the duty week\n\n"
            "3. Mileage policy for\n   rural visits\nCaseload: 24 is too many")
    assert items_in(text) == ["A second family-time room", "Cover for the duty week",
                              "Mileage policy for rural visits", "Caseload: 24 is too many"]
    assert items_in(None) == items_in("  \n") == items_in(["a list"]) == []


def test_which_templates_take_the_items(new_journal):
    sup = Supervision(new_journal)
    assert is_own_supervision(sup.template("my_supervision"))
    for other in ("one_to_one", "group_supervision", "gibbs", None):
        assert not is_own_supervision(sup.template(other))


def test_open_items_come_from_one_to_ones_since_the_last_own_supervision(new_journal):
    sup = Supervision(new_journal)
    kestrel, wren = sup.add_supervisee("Kestrel"), sup.add_supervisee("Wren")
    _one_to_one(sup, kestrel, date(2026, 2, 2), "- Taken already")
    _own(sup, date(2026, 2, 9))
    _one_to_one(sup, kestrel, date(2026, 2, 16), "- A second family-time room\n- Mileage")
    _one_to_one(sup, wren, date(2026, 2, 23), "")
    trashed = _one_to_one(sup, wren, date(2026, 2, 24), "- In the trash")
    new_journal.delete_entry(trashed.id)
    _one_to_one(sup, wren, date(2026, 2, 25), "Cover for the duty week")
    items = open_items(sup, MARCH)
    assert [(i.text, i.code_name, i.happened_on) for i in items] == [
        ("A second family-time room", "Kestrel", date(2026, 2, 16)),
        ("Mileage", "Kestrel", date(2026, 2, 16)),
        ("Cover for the duty week", "Wren", date(2026, 2, 25))]
    assert [i.text for i in open_items(sup, date(2026, 2, 20))] == [
        "A second family-time room", "Mileage"]  # a back-dated record: none from later


def test_a_new_own_supervision_record_starts_with_the_items_and_then_they_are_taken(
        new_journal):
    sup = Supervision(new_journal)
    kestrel = sup.add_supervisee("Kestrel")
    _own(sup, date(2026, 2, 9))
    _one_to_one(sup, kestrel, date(2026, 2, 16), "- A second family-time room")
    start = sup.start_record(None, "my_supervision", MARCH)
    sections = dict(start.entry.sections)
    offered = offer(sup, start.template, sections, MARCH)
    assert [i.text for i in offered] == ["A second family-time room"]
    assert sections[BRING] == (
        "To take up from my supervisees' one-to-ones since my last supervision "
        "(9 February 2026):\n\n- A second family-time room (Kestrel, 16 February 2026)\n")
    start.entry.sections = sections
    sup.save_record(start.entry)
    again = sup.start_record(None, "my_supervision", date(2026, 3, 30))
    assert offer(sup, again.template, dict(again.entry.sections), date(2026, 3, 30)) == []


def test_words_already_in_the_field_stay_first_and_other_templates_are_left_alone(
        new_journal):
    sup = Supervision(new_journal)
    kestrel = sup.add_supervisee("Kestrel")
    _one_to_one(sup, kestrel, date(2026, 2, 16), "Mileage")
    sections = {BRING: "Time to plan the audit."}
    offer(sup, sup.template("my_supervision"), sections, MARCH)
    assert sections[BRING] == ("Time to plan the audit.\n\nTo take up from my supervisees' "
                               "one-to-ones:\n\n- Mileage (Kestrel, 16 February 2026)\n")
    untouched: dict = {}
    assert offer(sup, sup.template("one_to_one"), untouched, MARCH) == []
    assert untouched == {}
    assert bring_text([]) == ""
