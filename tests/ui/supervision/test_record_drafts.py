"""The record form's draft goes through the same keeper as the entry editor's: written as a
versioned :class:`Draft`, read back, and a draft from a newer Reflect reported, never used."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from reflect.journal.drafts import DRAFT_VERSION, Draft, DraftKind
from reflect.journal.journal import Journal
from reflect.supervision.records import Supervision
from reflect.ui.supervision.record_form import RecordForm


@pytest.fixture
def journal(folder, cheap, passphrase) -> Iterator[Journal]:
    journal, _ = Journal.create(folder, passphrase, cheap)
    yield journal
    if journal.is_open:
        journal.close()


@pytest.fixture
def form(qtbot, journal) -> RecordForm:
    supervision = Supervision(journal)
    supervision.add_supervisee("Kestrel", role="Social worker")
    widget = RecordForm(supervision)
    qtbot.addWidget(widget)
    widget.resize(900, 700)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def test_typing_keeps_a_versioned_draft_that_opens_again(qtbot, form, journal):
    person = form.supervision.supervisees()[0]
    assert form.start_new(person.id, "one_to_one")
    form.title_edit.selectAll()
    qtbot.keyClicks(form.title_edit, "Kestrel, March")
    assert form.flush_draft()
    key = form.draft_key
    stored = journal.drafts()[key]
    assert stored["v"] == DRAFT_VERSION and stored["template_id"] == "one_to_one"
    draft = Draft.from_payload(DraftKind.SUPERVISION, stored)
    assert draft.state["title"] == "Kestrel, March" and draft.meta["person_id"] == person.id

    other = RecordForm(form.supervision)
    qtbot.addWidget(other)
    assert other.open_draft(key, stored)
    assert other.title_edit.text() == "Kestrel, March" and other.is_dirty


def test_a_draft_from_a_newer_reflect_is_reported_and_left_stored(form, journal):
    key = "supervision:new:future"
    payload = {"v": DRAFT_VERSION + 1, "uid": "future", "template_id": "one_to_one",
               "state": {"title": "Written by a later version"}}
    journal.save_draft(key, payload)
    assert not form.open_draft(key, journal.drafts()[key])
    assert not form.error.isHidden() and "newer version" in form.error.text()
    assert journal.drafts() == {key: payload}
