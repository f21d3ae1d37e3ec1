"""Search snippets as plain words with fields kept apart, and where a hit matched."""

from __future__ import annotations

from reflect.journal.search_text import FIELD_SEPARATOR, Location, locate, snippet_text
from reflect.store.models import Entry
from reflect.store.queries import HIGHLIGHT_END as E
from reflect.store.queries import HIGHLIGHT_START as S


def test_markdown_is_reduced_to_its_words_and_the_match_stays_marked():
    assert snippet_text(f"With *{S}hindsight{E}* I would **ask**") == (
        f"With {S}hindsight{E} I would ask")
    assert snippet_text(f"# Plan\n- [the {S}plan{E}](https://example.org) `now`") == (
        f"Plan{FIELD_SEPARATOR}the {S}plan{E} now")


def test_marks_cut_off_by_the_snippet_do_not_show():
    assert snippet_text(f"{S}hindsight{E}* was key") == f"{S}hindsight{E} was key"
    assert snippet_text(f"…so **{S}team{E}") == f"…so {S}team{E}"


def test_literal_text_is_kept():
    assert snippet_text("meeting_notes: 5 * 3 <b>x</b>") == "meeting_notes: 5 * 3 <b>x</b>"


def test_fields_never_run_together():
    assert snippet_text(f"Case C-4471\nSam said {S}no{E}\n\n") == (
        f"Case C-4471 · Sam said {S}no{E}")


def test_locate_prefers_body_then_sections_in_order_then_title():
    entry = Entry(title="Wren plan", body="Nothing here.\nThe plan was agreed.",
                  sections={}, tags=["planning"])
    assert locate(entry, "pla") == Location("body", 18)
    record = Entry(title="One-to-one", body="", sections={
        "supervisee": 3, "agenda": "Caseload", "learning": "Next time: hindsight helps.",
        "way_forward": [{"description": "Write to hindsight school"}]}, tags=[])
    assert locate(record, "HINDSIGHT") == Location("learning", 11)
    assert locate(record, "school") == Location("way_forward", 0)
    assert locate(record, "one") == Location("title", 0)
    assert locate(record, "zebra") is None
    assert locate(record, "  ") is None
