"""A record form's state as plain data: what a save keeps, drops and names, with no window."""

from datetime import date
from pathlib import Path

from reflect.common.errors import WriteFailed
from reflect.content.templates import Section, Template
from reflect.store.models import Entry
from reflect.supervision.record_state import (
    DRAFT_PREFIX,
    actions_to_save,
    draft_key,
    fallback_template,
    fill_entry,
    has_content,
    iso,
    reason,
)

TEMPLATE = Template(id="one_to_one", name="One-to-one", purpose="", kind="supervision", version=1,
                    sections=(Section(id="who", title="Supervisee", type="supervisee"),
                              Section(id="discussed", title="Discussed", type="text")),
                    path=Path(), builtin=True)


def state(**sections) -> dict:
    return {"title": "  One-to-one   with  A  ", "happened_on": "2026-11-03", "person_id": 4,
            "sections": {"who": 4, **sections}, "actions": []}


def action(description: str = "", owner: str = "", action_id: int | None = None) -> dict:
    return {"id": action_id, "description": description, "owner": owner, "due_on": "2026-12-01",
            "person_id": 4, "carried_from_id": None}


def test_draft_keys_follow_the_journal_rule_and_share_the_prefix():
    assert draft_key(None, "abc") == "supervision:new:abc"
    assert draft_key(12, "abc") == "supervision:entry:12"
    assert draft_key(12, "abc").startswith(DRAFT_PREFIX)


def test_only_typed_words_count_as_content():
    assert not has_content(state(), TEMPLATE)  # the supervisee alone is how a record starts
    assert has_content(state(discussed="Caseload"), TEMPLATE)
    blank = state()
    blank["actions"] = [action(owner="Sam")]
    assert has_content(blank, TEMPLATE)


def test_fill_entry_tidies_the_title_drops_emptied_answers_and_keeps_the_rest():
    entry = Entry(uid="u", kind="supervision", title="", body="", happened_on=date(2026, 1, 1),
                  sections={"discussed": "old", "hidden_copy": "kept"})
    fill_entry(entry, state(discussed=""), TEMPLATE)
    assert entry.title == "One-to-one with A"
    assert entry.happened_on == date(2026, 11, 3)
    assert entry.sections == {"hidden_copy": "kept", "who": 4}


def test_blank_new_action_rows_are_not_saved_but_stored_ones_are():
    form = state()
    form["actions"] = [action(), action("Read the plan", "Sam"), action(action_id=7)]
    saved = actions_to_save(form)
    assert [(a.id, a.description) for a in saved] == [(None, "Read the plan"), (7, "")]
    assert saved[0].due_on == date(2026, 12, 1)


def test_a_record_whose_template_is_gone_still_opens_with_its_answers():
    entry = Entry(uid="u", kind="supervision", title="t", body="", happened_on=date(2026, 1, 1),
                  template_id="deleted", sections={"notes": "words", "actions": [{"action_id": 1}],
                                                   "score": 7})
    template = fallback_template(entry)
    assert [(s.id, s.type) for s in template.sections] == [("notes", "text"),
                                                           ("actions", "actions")]


def test_dates_and_reasons_never_raise():
    assert iso("2026-03-31T10:00") == date(2026, 3, 31)
    assert iso("not a date") is None and iso(None) is None
    assert reason(WriteFailed("The disk is full.")) == "The disk is full."
    assert "KeyError" in reason(KeyError("x"))
