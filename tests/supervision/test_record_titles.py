"""Record titles that tell two sessions apart: the session number among the supervisee's
records from that template, by date; other entries keep their title."""

from datetime import date

from reflect.supervision.record_titles import distinct_titles, numbered_title
from reflect.supervision.records import Supervision


def test_numbered_title():
    assert numbered_title("One-to-one reflective supervision — Sam", 2) == (
        "One-to-one reflective supervision — Sam · session 2")
    assert numbered_title("  A   reflection ", None) == "A reflection"
    assert numbered_title("", None) == "Untitled"


def test_sessions_are_numbered_per_supervisee_and_template_by_date(new_journal):
    sup = Supervision(new_journal)
    sam, kit = sup.add_supervisee("Sam"), sup.add_supervisee("Kit")

    def record(person, day, template="one_to_one"):
        return sup.save_record(sup.start_record(person.id, template, day).entry).entry

    later = record(sam, date(2026, 11, 17))
    earlier = record(sam, date(2026, 11, 3))
    same_day = record(sam, date(2026, 11, 17))
    kits = record(kit, date(2026, 11, 4))
    review = record(sam, date(2026, 11, 5), "complex_case_review")
    own = sup.save_record(sup.start_record(None, "my_supervision", date(2026, 11, 6)).entry).entry
    note = new_journal.add_entry("A reflection", "Words.")
    rows = [(e.id, e.title) for e in (later, earlier, same_day, kits, review, own, note)]
    titles = distinct_titles(new_journal, rows)
    assert earlier.title == later.title == same_day.title  # what the lists showed before
    assert [titles[e.id].rsplit(" · ", 1)[-1] for e in (earlier, later, same_day)] == [
        "session 1", "session 2", "session 3"]
    assert titles[kits.id].endswith("Kit · session 1")
    assert titles[review.id].endswith("· session 1")
    assert titles[own.id] == own.title and titles[note.id] == "A reflection"
    assert len(set(titles.values())) == len(rows)
    new_journal.delete_entry(earlier.id)  # the trash does not count
    again = distinct_titles(new_journal, rows[:1])
    assert again[later.id].endswith("session 1")
