"""When an editor writes, keeps or drops its draft."""

import pytest

from reflect.journal.drafts import (
    DRAFT_VERSION,
    Draft,
    DraftKeeper,
    DraftKind,
    DraftStep,
    DraftUnreadable,
    draft_key,
    next_step,
)

SAVED = {"title": "kept"}
TYPED = {"title": "kept, and more"}


def test_untouched_forms_write_nothing():
    assert next_step(SAVED, SAVED, None) is DraftStep.NOTHING


def test_new_text_is_saved_once():
    assert next_step(TYPED, SAVED, None) is DraftStep.SAVE
    assert next_step(TYPED, SAVED, TYPED) is DraftStep.NOTHING


def test_text_put_back_drops_the_draft():
    assert next_step(SAVED, SAVED, TYPED) is DraftStep.DISCARD


def test_a_new_entry_is_always_kept():
    assert next_step(TYPED, None, None) is DraftStep.SAVE


# -- the stored draft -------------------------------------------------------------------------
JOURNAL_STATE = {"title": "Half a thought", "body": "Words.", "tags": ["team"]}
RECORD_STATE = {"title": "Supervision", "sections": {"notes": "Kestrel"}, "actions": []}


def test_a_journal_draft_keeps_the_layout_reflect_has_always_written():
    draft = Draft.now(DraftKind.JOURNAL, JOURNAL_STATE, entry_id=None, uid="u1",
                      prompt_id="p1")
    payload = draft.to_payload()
    assert payload == {**JOURNAL_STATE, "v": DRAFT_VERSION, "entry_id": None, "uid": "u1",
                       "prompt_id": "p1", "saved_at": draft.saved_at}
    assert Draft.from_payload(DraftKind.JOURNAL, payload) == draft


def test_a_record_draft_keeps_its_form_under_state():
    draft = Draft.now(DraftKind.SUPERVISION, RECORD_STATE, entry_id=4, uid="u2",
                      template_id="monthly", person_id=7)
    payload = draft.to_payload()
    assert payload["state"] == RECORD_STATE and payload["v"] == 1
    assert (payload["template_id"], payload["person_id"]) == ("monthly", 7)
    assert Draft.from_payload(DraftKind.SUPERVISION, payload) == draft


def test_a_draft_without_a_version_predates_the_check_and_is_version_one():
    draft = Draft.from_payload(DraftKind.JOURNAL, {"entry_id": 3, "title": "Old"})
    assert draft.version == 1 and draft.entry_id == 3 and draft.state == {"title": "Old"}


@pytest.mark.parametrize(("payload", "words"), [
    ({"v": DRAFT_VERSION + 1, "title": "From the future"}, "newer version"),
    ({"v": 0, "title": "x"}, "does not know"),
    ({"v": "1", "title": "x"}, "does not know"),
    ({"v": True, "title": "x"}, "does not know"),
    (["not", "a", "dict"], "not in a form"),
])
def test_an_unknown_or_newer_version_is_reported_not_used(payload, words):
    with pytest.raises(DraftUnreadable, match=words):
        Draft.from_payload(DraftKind.JOURNAL, payload)


def test_a_record_draft_without_its_form_is_reported():
    with pytest.raises(DraftUnreadable, match="no record"):
        Draft.from_payload(DraftKind.SUPERVISION, {"v": 1, "state": "lost"})


def test_wrong_typed_envelope_values_are_dropped_not_trusted():
    draft = Draft.from_payload(DraftKind.JOURNAL, {"v": 1, "entry_id": "7", "uid": 5,
                                                    "saved_at": None})
    assert (draft.entry_id, draft.uid, draft.saved_at) == (None, "", "")


def test_keys_name_the_editor_and_then_the_entry_or_the_new_uid():
    assert draft_key(DraftKind.JOURNAL, None, "abc") == "journal:new:abc"
    assert draft_key(DraftKind.SUPERVISION, 12, "abc") == "supervision:entry:12"


# -- the keeper both forms share, on a real journal -------------------------------------------
def test_the_keeper_writes_once_drops_when_put_back_and_leaves_untouched_forms(new_journal):
    keeper = DraftKeeper(new_journal, DraftKind.JOURNAL)
    key = draft_key(DraftKind.JOURNAL, None, "u")
    keeper.begin(SAVED)
    assert keeper.flush(key, SAVED, entry_id=None, uid="u") is DraftStep.NOTHING
    assert new_journal.drafts() == {}
    assert keeper.flush(key, TYPED, entry_id=None, uid="u", prompt_id=None) is DraftStep.SAVE
    stored = new_journal.drafts()[key]
    assert stored["v"] == DRAFT_VERSION and stored["title"] == TYPED["title"]
    assert keeper.kept(TYPED) and keeper.is_dirty(TYPED)
    assert keeper.flush(key, TYPED, entry_id=None, uid="u") is DraftStep.NOTHING
    assert keeper.flush(key, SAVED, entry_id=None, uid="u") is DraftStep.DISCARD
    assert new_journal.drafts() == {} and keeper.flushed is None


def test_saving_drops_the_draft_under_the_key_the_form_had_before(new_journal):
    keeper = DraftKeeper(new_journal, DraftKind.JOURNAL)
    old = draft_key(DraftKind.JOURNAL, None, "u")
    keeper.begin({})
    keeper.flush(old, TYPED, entry_id=None, uid="u")
    keeper.saved(old, draft_key(DraftKind.JOURNAL, 1, "u"), TYPED)
    assert new_journal.drafts() == {}
    assert not keeper.is_dirty(TYPED) and keeper.flushed is None


def test_reading_a_newer_draft_raises_and_leaves_it_stored(new_journal):
    payload = {"v": DRAFT_VERSION + 1, "title": "From the future"}
    new_journal.save_draft("journal:new:f", payload)
    keeper = DraftKeeper(new_journal, DraftKind.JOURNAL)
    with pytest.raises(DraftUnreadable):
        keeper.read(new_journal.drafts()["journal:new:f"])
    assert keeper.read(None) is None
    assert new_journal.drafts() == {"journal:new:f": payload}
