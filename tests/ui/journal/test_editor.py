"""The entry editor on a real journal: fields, drafts (keys, restore, discard) and saving."""

from __future__ import annotations

import io
from collections.abc import Iterator
from datetime import date

import pytest
from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import QCheckBox

from reflect.cli.main import main as cli_main
from reflect.content.library import load_attributes, load_prompt_sets
from reflect.journal.drafts import DRAFT_VERSION, Draft, DraftKind
from reflect.journal.journal import Journal
from reflect.journal.titles import derive_title
from reflect.ui.journal.editor import EntryEditor, draft_key
from reflect.ui.journal.fields import TagEdit
from tests.journal.test_save_entry import commits, full_disk


@pytest.fixture
def journal(folder, cheap, passphrase) -> Iterator[Journal]:
    journal, _ = Journal.create(folder, passphrase, cheap)
    journal.add_entry("Group supervision", "We used the cycle.", tags=["supervision", "group"])
    yield journal
    if journal.is_open:
        journal.close()


@pytest.fixture
def editor(qtbot, journal) -> EntryEditor:
    attributes = load_attributes()
    widget = EntryEditor(journal, attributes, load_prompt_sets(attributes=attributes).sets)
    qtbot.addWidget(widget)
    widget.resize(900, 600)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def _first_id(journal: Journal) -> int:
    return journal.list_summaries()[0].entry_id


def test_fields_speak_uk_dates_and_name_the_five_attributes(editor):
    assert editor.date_edit.displayFormat() == "dd/MM/yyyy"
    assert editor.date_edit.calendarPopup()
    editor.date_edit.setDate(QDate(2025, 3, 4))
    assert editor.date_edit.text() == "04/03/2025"
    assert editor.form_state()["happened_on"] == "2025-03-04"
    boxes = editor.attribute_checks.findChildren(QCheckBox)
    assert [b.text() for b in boxes] == ["Values", "Decisions", "Practice && culture",
                                         "Partnerships", "Corporate buy-in"]
    assert boxes[2].toolTip() == "Changing practice and culture"
    assert boxes[2].accessibleName() == "Changing practice and culture"
    for widget in (editor.title_edit, editor.date_edit, editor.tags_edit, editor.body_edit,
                   editor.preview, editor.share_box, editor.sensitive_box, editor.save_button,
                   editor.trash_button, editor.preview_button):
        assert widget.accessibleName(), widget


def test_tags_complete_the_last_tag_and_keep_the_earlier_ones(qtbot, editor, journal):
    editor.set_known_tags(journal.tags())
    tags = editor.tags_edit
    assert isinstance(tags, TagEdit)
    editor.activateWindow()
    tags.setFocus()
    qtbot.waitUntil(tags.hasFocus)
    qtbot.keyClicks(tags, "Reflection, SUP")
    completer = tags.completer()
    assert completer.completionCount() == 1  # only the tag after the comma is completed
    popup = completer.popup()
    qtbot.waitUntil(popup.isVisible)
    assert popup.model().index(0, 0).data() == "supervision"
    qtbot.keyClick(popup, Qt.Key.Key_Down)
    qtbot.keyClick(popup, Qt.Key.Key_Return)
    assert tags.text() == "Reflection, supervision, "
    assert tags.tags() == ["reflection", "supervision"]


def test_a_new_entry_is_keyed_by_its_uid_until_saved_then_by_its_id(qtbot, editor, journal):
    uid = editor.uid
    assert editor.draft_key == draft_key(None, uid) == f"journal:new:{uid}"
    editor.title_edit.setText("Lunch with the new head of service")
    assert editor.flush_draft()
    assert set(journal.drafts()) == {f"journal:new:{uid}"}

    assert editor.save()
    assert editor.draft_key == f"journal:entry:{editor.entry_id}"
    assert journal.drafts() == {}  # saving discards the draft
    saved = journal.get_entry(editor.entry_id)
    assert saved.uid == uid  # the draft's uid became the entry's


def test_opening_an_entry_with_a_draft_shows_the_draft_as_unsaved(editor, journal):
    entry_id = _first_id(journal)
    journal.save_draft(f"journal:entry:{entry_id}", {
        "entry_id": entry_id, "title": "Group supervision (edited)", "body": "Newer words.",
        "tags": ["supervision"], "attributes": ["partnerships"], "happened_on": "2025-01-31",
        "share_with_mentor": True, "sensitive": False})
    assert editor.open_entry(entry_id)
    assert editor.title_edit.text() == "Group supervision (edited)"
    assert editor.body_edit.toPlainText() == "Newer words."
    assert editor.date_edit.text() == "31/01/2025"
    assert editor.attribute_checks.checked() == ["partnerships"]
    assert editor.share_box.isChecked()
    assert editor.is_dirty and editor.status_text() == "Draft kept, not saved yet"
    assert journal.get_entry(entry_id).body == "We used the cycle."

    assert editor.save()
    entry = journal.get_entry(entry_id)
    assert entry.body == "Newer words." and entry.happened_on == date(2025, 1, 31)
    assert journal.drafts() == {}


def test_a_draft_whose_entry_is_gone_comes_back_as_a_new_entry(editor, journal):
    key = "journal:entry:999"
    journal.save_draft(key, {"entry_id": 999, "uid": "x", "title": "Orphan",
                             "body": "Words that must not be lost."})
    editor.open_draft(key, journal.drafts()[key])
    assert editor.entry_id is None
    assert editor.body_edit.toPlainText() == "Words that must not be lost."
    drafts = journal.drafts()
    assert key not in drafts and drafts[editor.draft_key]["title"] == "Orphan"


def test_a_malformed_draft_never_breaks_the_editor(editor, journal):
    editor.open_draft("journal:new:abc", {"uid": "abc", "title": 42, "body": None,
                                          "happened_on": "not a date", "tags": "x",
                                          "attributes": [1, "values_driven"]})
    assert editor.title_edit.text() == ""
    assert editor.attribute_checks.checked() == ["values_driven"]


def test_typing_back_to_the_saved_text_discards_the_draft(qtbot, editor, journal):
    entry_id = _first_id(journal)
    editor.open_entry(entry_id)
    editor.title_edit.setText("Group supervision!")
    assert editor.flush_draft()
    assert f"journal:entry:{entry_id}" in journal.drafts()
    editor.title_edit.setText("Group supervision")
    assert not editor.is_dirty
    assert editor.flush_draft()
    assert journal.drafts() == {}
    assert editor.status_text() == "Saved"


def test_an_untitled_entry_takes_its_first_words_as_title(editor, journal):
    editor.body_edit.setPlainText("**Short** reflection on a *long* week")
    assert editor.save()
    assert journal.get_entry(editor.entry_id).title == "Short reflection on a long week"
    assert editor.title_edit.text() == "Short reflection on a long week"


def test_nothing_typed_means_nothing_saved(editor, journal):
    assert editor.save()
    assert editor.entry_id is None and editor.status_text() == "Nothing to save yet"
    assert journal.count_entries() == 1
    assert editor.leave()


def test_a_prompt_prefills_attributes_without_counting_as_a_change(editor):
    editor.new_entry("sfpc2-values-01")
    assert editor.attribute_checks.checked() == ["values_driven"]
    assert not editor.is_dirty
    assert editor.prompt_banner.isVisible()
    assert "SFPC Workbook 2" in editor.prompt_banner.text()
    editor.new_entry("no-such-prompt")
    assert "not in the loaded prompt sets" in editor.prompt_banner.text()
    editor.new_entry()
    assert editor.prompt_banner.isHidden()


def test_the_preview_follows_the_text_and_can_be_hidden(qtbot, editor):
    qtbot.keyClicks(editor.body_edit, "# Heading")
    qtbot.waitUntil(lambda: editor.preview.toPlainText() == "Heading")
    qtbot.mouseClick(editor.preview_button, Qt.MouseButton.LeftButton)
    assert editor.preview.isHidden() and editor.preview_button.text() == "Show preview"
    qtbot.keyClicks(editor.body_edit, " two")
    qtbot.wait(300)
    assert editor.preview.toPlainText() == "Heading"  # a hidden preview does no work
    qtbot.mouseClick(editor.preview_button, Qt.MouseButton.LeftButton)
    assert editor.preview.toPlainText() == "Heading two"


def test_a_new_draft_left_behind_by_a_saved_entry_does_not_clash_with_it(editor, journal):
    saved_uid = journal.list_entries()[0].uid
    key = f"journal:new:{saved_uid}"
    journal.save_draft(key, {"entry_id": None, "uid": saved_uid, "title": "Second copy",
                             "body": "Kept twice rather than lost."})
    editor.open_draft(key, journal.drafts()[key])
    assert editor.uid != saved_uid and key not in journal.drafts()
    assert editor.save()
    assert journal.count_entries() == 2 and journal.drafts() == {}


def test_the_cli_and_the_editor_give_an_untitled_entry_the_same_title(
        qtbot, editor, journal, tmp_path, monkeypatch, cheap, passphrase):
    first = ("## A **hard** conversation with the [virtual school](https://example.org) "
             "head about exclusions and what comes next")
    body = first + "\nMore words."
    cli_folder = tmp_path / "cli-journal"
    Journal.create(cli_folder, passphrase, cheap)[0].close()
    monkeypatch.setenv("REFLECT_PASSPHRASE", passphrase)
    monkeypatch.setattr("sys.stdin", io.StringIO(body))
    assert cli_main(["--journal", str(cli_folder), "add"]) == 0
    with Journal.unlock(cli_folder, passphrase=passphrase) as cli_journal:
        cli_title = cli_journal.list_entries()[0].title

    editor.body_edit.setFocus()
    qtbot.keyClicks(editor.body_edit, first)
    qtbot.keyClick(editor.body_edit, Qt.Key.Key_Return)
    qtbot.keyClicks(editor.body_edit, "More words.")
    assert editor.body_edit.toPlainText() == body
    qtbot.mouseClick(editor.save_button, Qt.MouseButton.LeftButton)  # Ctrl+S is the page's
    assert journal.get_entry(editor.entry_id).title == cli_title == derive_title(body)
    assert cli_title == "A hard conversation with the virtual school head about…"


def test_a_draft_from_a_newer_reflect_is_reported_and_never_overwritten(editor, journal):
    entry_id = _first_id(journal)
    key = f"journal:entry:{entry_id}"
    future = {"v": DRAFT_VERSION + 1, "entry_id": entry_id, "title": "From a later Reflect"}
    journal.save_draft(key, future)
    assert editor.open_entry(entry_id)
    assert editor.title_edit.text() == "Group supervision"  # the saved text, not the guess
    assert not editor.error.isHidden() and "newer version" in editor.error.text()
    assert editor.status_text() == "Saved"

    new_key = "journal:new:future"
    journal.save_draft(new_key, {**future, "entry_id": None})
    editor.open_draft(new_key, journal.drafts()[new_key])
    assert editor.entry_id is None and editor.body_edit.toPlainText() == ""
    assert "newer version" in editor.error.text()
    assert journal.drafts() == {key: future, new_key: {**future, "entry_id": None}}


def test_typing_keeps_a_versioned_draft(qtbot, editor, journal):
    qtbot.keyClicks(editor.title_edit, "Half a thought")
    assert editor.flush_draft()
    stored = journal.drafts()[editor.draft_key]
    assert stored["v"] == DRAFT_VERSION and stored["uid"] == editor.uid
    assert Draft.from_payload(DraftKind.JOURNAL, stored).state == editor.form_state()


def test_a_save_is_one_transaction_for_a_new_entry_and_an_edit(qtbot, editor, journal):
    qtbot.keyClicks(editor.title_edit, "Panel prep")
    assert editor.flush_draft() and editor.draft_key in journal.drafts()
    with commits(journal) as seen:
        qtbot.mouseClick(editor.save_button, Qt.MouseButton.LeftButton)
    assert len(seen) == 1  # the entry written and its draft dropped together
    assert editor.status_text().startswith("Saved at") and journal.drafts() == {}

    editor.body_edit.setFocus()
    qtbot.keyClicks(editor.body_edit, "Agenda first.")
    with commits(journal) as seen:
        qtbot.mouseClick(editor.save_button, Qt.MouseButton.LeftButton)
    assert len(seen) == 1
    assert journal.get_entry(editor.entry_id).body == "Agenda first."
    assert journal.count_entries() == 2


def test_a_failed_save_keeps_the_text_on_screen_and_in_the_draft(qtbot, editor, journal):
    entry_id = _first_id(journal)
    assert editor.open_entry(entry_id)
    body = "A long reflection on the week. " * 800
    editor.body_edit.selectAll()
    editor.body_edit.insertPlainText(body)
    qtbot.keyClick(editor.title_edit, Qt.Key.Key_End)
    qtbot.keyClicks(editor.title_edit, " (longer)")
    assert editor.flush_draft()
    with full_disk(journal):
        qtbot.mouseClick(editor.save_button, Qt.MouseButton.LeftButton)
        assert not editor.error.isHidden()
        assert "not saved" in editor.error.text() and "disk is full" in editor.error.text()
    assert editor.body_edit.toPlainText() == body
    assert editor.title_edit.text() == "Group supervision (longer)"
    assert editor.status_text() == "Draft kept, not saved yet"
    stored = journal.drafts()[f"journal:entry:{entry_id}"]
    assert stored["body"] == body and stored["title"] == "Group supervision (longer)"
    assert journal.get_entry(entry_id).body == "We used the cycle."

    assert editor.save()  # room again: the same text saves and the draft goes
    assert journal.get_entry(entry_id).body == body and journal.drafts() == {}


def test_the_tag_field_refuses_more_than_the_cap_with_a_message(qtbot, editor):
    """Issue 10, case 7: the 51st tag is refused as it is typed, nothing already there is cut
    off, and the entry saves with its fifty."""
    from reflect.journal.journal import MAX_TAGS

    fifty = [f"t{i}" for i in range(MAX_TAGS)]
    editor.new_entry()
    editor.tags_edit.set_tags(fifty)
    assert editor.error.isHidden()
    qtbot.keyClicks(editor.tags_edit, ", one")
    assert editor.tags_edit.tags() == fifty
    assert not editor.error.isHidden()
    assert f"at most {MAX_TAGS} tags" in editor.error.text()
    qtbot.keyClicks(editor.title_edit, "Fifty tags")
    qtbot.mouseClick(editor.save_button, Qt.MouseButton.LeftButton)
    assert editor.entry_id is not None
    assert editor.journal.get_entry(editor.entry_id).tags == fifty
