"""When an editor writes, keeps or drops its draft."""

from reflect.journal.drafts import DraftStep, next_step

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
