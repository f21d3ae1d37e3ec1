"""The Journal page through the real window: write, list, filter, drafts across a lock,
trash with undo, routing from other pages, a full disk, and how it looks."""

from __future__ import annotations

import os
import uuid
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import QDate, QPoint, Qt, Signal
from PySide6.QtGui import QColor, QImage
from PySide6.QtWidgets import QApplication, QWidget
from sqlalchemy import event

from reflect.journal.journal import Journal
from reflect.store import bulk
from reflect.store.queries import EntryFilter
from reflect.ui.journal.entry_list import PAGE_SIZE
from reflect.ui.shell import PAGES
from tests.ui.conftest import dark_palette, open_unlocked

CTRL = Qt.KeyboardModifier.ControlModifier
TODAY = date.today()


@pytest.fixture
def filled(folder: Path, cheap, passphrase) -> Path:
    """A closed journal with a few realistic entries (newest first: visits, team, drift)."""
    journal, _ = Journal.create(folder, passphrase, cheap)
    with journal:
        journal.add_entry("Supervision: drift on a long-standing plan",
                          "We looked at **why the plan had stalled**.\n\n- escalate to the IRO",
                          happened_on=TODAY - timedelta(days=20), tags=["supervision", "drift"],
                          attributes=["child_centred_decisions"], sensitive=True)
        journal.add_entry("Team meeting: how we talk about risk",
                          "People felt able to challenge the language in case notes.",
                          happened_on=TODAY - timedelta(days=10), tags=["team", "culture"],
                          attributes=["changing_practice"])
        journal.add_entry("Partnership meeting with health visitors",
                          "A clearer referral pathway was agreed.",
                          happened_on=TODAY - timedelta(days=2), tags=["partnerships"],
                          prompt_id="annexb-134")
    return folder


def _open(qtbot, make_window, driver, folder, passphrase, **kwargs):
    return open_unlocked(qtbot, make_window, driver, folder, passphrase, **kwargs)


def _journal_page(window):
    window.shell.show_page("Journal")
    return window.shell.page("Journal")


def _titles(page) -> list[str]:
    model = page.model
    return [model.summary(row).title for row in range(model.rowCount())]


def test_write_an_entry_through_the_window_and_see_it_listed(qtbot, make_window, driver,
                                                             existing, passphrase):
    window = _open(qtbot, make_window, driver, existing[0], passphrase)
    page = _journal_page(window)
    assert _titles(page) == ["First reflection"]
    assert page.count_label.text() == "1 entry"

    qtbot.keyClick(window.shell.nav, Qt.Key.Key_N, CTRL)  # Ctrl+N from the navigation
    editor = page.editor
    assert editor.entry_id is None and editor.title_edit.hasFocus()
    qtbot.keyClicks(editor.title_edit, "After the strategy day")
    qtbot.keyClicks(editor.tags_edit, "Strategy, team")
    qtbot.keyClicks(editor.body_edit, "Leaders *listened*. Next: a plan with the team.")
    assert editor.status_text() == "Not saved yet"  # no draft yet: the timer has not fired
    qtbot.keyClick(editor.body_edit, Qt.Key.Key_S, CTRL)

    assert editor.entry_id is not None
    assert editor.status_text().startswith("Saved")
    assert _titles(page) == ["After the strategy day", "First reflection"]
    assert page.list_view.current_entry_id() == editor.entry_id
    assert page.count_label.text() == "2 entries"
    saved = window.journal.get_entry(editor.entry_id)
    assert saved.body == "Leaders *listened*. Next: a plan with the team."
    assert saved.tags == ["strategy", "team"] and saved.happened_on == TODAY
    assert window.journal.drafts() == {}
    qtbot.waitUntil(lambda: editor.preview.toPlainText().startswith("Leaders listened."))


def test_the_list_filters_by_tag_attribute_prompt_set_and_dates(qtbot, make_window, driver,
                                                                filled, passphrase):
    window = _open(qtbot, make_window, driver, filled, passphrase)
    page = _journal_page(window)
    bar = page.filter_bar
    assert _titles(page)[0] == "Partnership meeting with health visitors"  # newest first
    assert page.count_label.text() == "3 entries"
    drift = page.model.summary(2)
    assert drift.sensitive and page.model.preview(drift) == (
        "We looked at why the plan had stalled. escalate to the IRO")  # no Markdown marks

    bar.tag_combo.setCurrentIndex(bar.tag_combo.findData("drift"))
    assert _titles(page) == ["Supervision: drift on a long-standing plan"]
    assert page.count_label.text() == "1 of 3 entries"
    bar.clear()
    bar.attribute_combo.setCurrentIndex(bar.attribute_combo.findData("changing_practice"))
    assert _titles(page) == ["Team meeting: how we talk about risk"]
    bar.clear()
    bar.prompt_combo.setCurrentIndex(bar.prompt_combo.findData("annexb-"))
    assert _titles(page) == ["Partnership meeting with health visitors"]
    bar.clear()
    day = TODAY - timedelta(days=15)
    bar.from_edit.setDate(QDate(day.year, day.month, day.day))
    assert _titles(page) == ["Partnership meeting with health visitors",
                             "Team meeting: how we talk about risk"]
    bar.clear()
    bar.tag_combo.setCurrentIndex(bar.tag_combo.findData("team"))
    bar.attribute_combo.setCurrentIndex(bar.attribute_combo.findData("partnerships"))
    assert _titles(page) == []
    assert page.count_label.text() == "0 of 3 entries"
    bar.clear()
    assert page.count_label.text() == "3 entries"

    edit = bar.from_edit  # "Any" opens its calendar on this month, not in 1900
    qtbot.mouseClick(edit, Qt.MouseButton.LeftButton, pos=QPoint(edit.width() - 6,
                                                                 edit.height() // 2))
    calendar = edit.calendarWidget()
    qtbot.waitUntil(calendar.isVisible)
    assert (calendar.yearShown(), calendar.monthShown()) == (TODAY.year, TODAY.month)
    assert edit.text() == "" and edit.placeholderText() == "Any"  # still empty: nothing picked
    assert page.count_label.text() == "3 entries"
    calendar.parentWidget().hide()


def test_arrow_keys_open_entries_and_leaving_an_entry_saves_it(qtbot, make_window, driver,
                                                               filled, passphrase):
    window = _open(qtbot, make_window, driver, filled, passphrase)
    page = _journal_page(window)
    view, editor = page.list_view, page.editor
    view.setFocus()  # the list takes focus on its first (newest) row, which opens
    assert editor.title_edit.text() == "Partnership meeting with health visitors"
    first = editor.entry_id
    qtbot.keyClick(view, Qt.Key.Key_Return)  # Enter goes to the text
    assert editor.body_edit.hasFocus()
    editor.body_edit.moveCursor(editor.body_edit.textCursor().MoveOperation.End)
    qtbot.keyClicks(editor.body_edit, " Review in March.")

    view.setFocus()
    qtbot.keyClick(view, Qt.Key.Key_Down)  # no question asked: the edit is saved
    assert editor.title_edit.text() == "Team meeting: how we talk about risk"
    assert window.journal.get_entry(first).body.endswith("agreed. Review in March.")
    assert editor.status_text() == "Saved"
    assert window.journal.drafts() == {}


def test_typing_is_autosaved_as_a_draft_soon_after_typing_stops(qtbot, make_window, driver,
                                                                existing, passphrase):
    window = _open(qtbot, make_window, driver, existing[0], passphrase)
    page = _journal_page(window)
    editor = page.editor
    qtbot.keyClicks(editor.title_edit, "Half a thought")
    qtbot.keyClicks(editor.body_edit, "about Tuesday's supervision")
    key = editor.draft_key
    assert key.startswith("journal:new:")
    qtbot.waitUntil(lambda: key in window.journal.drafts(), timeout=4_000)
    draft = window.journal.drafts()[key]
    assert draft["title"] == "Half a thought"
    assert draft["body"] == "about Tuesday's supervision"
    assert draft["entry_id"] is None and draft["uid"] == editor.uid


def test_a_new_entry_in_progress_survives_lock_and_unlock(qtbot, make_window, driver, existing,
                                                          passphrase):
    window = _open(qtbot, make_window, driver, existing[0], passphrase)
    page = _journal_page(window)
    qtbot.keyClicks(page.editor.title_edit, "Before the panel")
    qtbot.keyClicks(page.editor.body_edit, "What I want the panel to hear is")
    with qtbot.waitSignal(window.locked, timeout=5_000):
        qtbot.keyClick(page.editor.body_edit, Qt.Key.Key_L, CTRL)  # lock before autosave
    assert window.is_locked

    driver.unlock(window, passphrase)
    driver.wait_unlocked(window)
    assert window.shell.current_page_name == "Journal"  # the restored text is shown at once
    editor = window.shell.page("Journal").editor
    assert editor.title_edit.text() == "Before the panel"
    assert editor.body_edit.toPlainText() == "What I want the panel to hear is"
    assert editor.entry_id is None and editor.status_text() == "Draft kept, not saved yet"

    assert editor.save()
    assert window.journal.drafts() == {}
    assert window.journal.get_entry(editor.entry_id).title == "Before the panel"


def test_closing_the_window_keeps_what_was_typed(qtbot, make_window, driver, existing,
                                                passphrase):
    window = _open(qtbot, make_window, driver, existing[0], passphrase)
    page = _journal_page(window)
    qtbot.keyClicks(page.editor.body_edit, "Typed just before closing")
    window.close()
    assert window.journal is None
    with Journal.unlock(existing[0], passphrase=passphrase) as journal:
        bodies = [d["body"] for d in journal.drafts().values()]
    assert bodies == ["Typed just before closing"]


def test_an_edited_entry_comes_back_with_its_newer_text_after_a_lock(qtbot, make_window, driver,
                                                                     filled, passphrase):
    window = _open(qtbot, make_window, driver, filled, passphrase)
    page = _journal_page(window)
    entry_id = page.model.summary(1).entry_id
    assert window.shell.open_entry(entry_id)
    page.editor.body_edit.moveCursor(page.editor.body_edit.textCursor().MoveOperation.End)
    qtbot.keyClicks(page.editor.body_edit, " And then the chair changed her mind.")
    window.lock()

    driver.unlock(window, passphrase)
    driver.wait_unlocked(window)
    page = window.shell.page("Journal")
    assert page.editor.entry_id == entry_id
    assert page.editor.body_edit.toPlainText().endswith("the chair changed her mind.")
    assert page.editor.status_text() == "Draft kept, not saved yet"
    assert page.list_view.current_entry_id() == entry_id
    # The saved entry is untouched until the user saves.
    assert window.journal.get_entry(entry_id).body.endswith("case notes.")


def test_every_draft_left_at_lock_is_offered_back_one_by_one(qtbot, make_window, driver,
                                                              filled, passphrase):
    journal = Journal.unlock(filled, passphrase=passphrase)
    with journal:
        older = journal.list_summaries()[2]
        journal.save_draft(f"journal:entry:{older.entry_id}", {
            "entry_id": older.entry_id, "title": older.title, "body": "Edited before a crash.",
            "saved_at": "2025-01-01T09:00:00+00:00"})
        journal.save_draft("journal:new:abc", {
            "entry_id": None, "uid": "abc", "title": "Unsaved new thought", "body": "Fresh.",
            "saved_at": "2025-01-02T09:00:00+00:00"})
        journal.save_draft("supervision:other", {"body": "not the journal's to restore"})
    window = _open(qtbot, make_window, driver, filled, passphrase)
    page = window.shell.page("Journal")
    assert window.shell.current_page_name == "Journal"
    assert page.editor.title_edit.text() == "Unsaved new thought"  # the newest first
    assert page.draft_bar.isVisible()
    assert page.draft_bar.text().startswith("Restored your unsaved draft from 2 January 2025, ")
    assert page.draft_bar.text().endswith("1 more unsaved draft is kept.")

    page.draft_bar.next_button.click()  # "Open next draft": the new one is saved first
    assert page.editor.entry_id == older.entry_id
    assert page.editor.body_edit.toPlainText() == "Edited before a crash."
    assert page.editor.status_text() == "Draft kept, not saved yet"
    assert page.draft_bar.next_button.isHidden()
    assert "Unsaved new thought" in _titles(page)
    assert set(window.journal.drafts()) == {f"journal:entry:{older.entry_id}",
                                            "supervision:other"}


def test_delete_moves_to_trash_and_undo_brings_it_back(qtbot, make_window, driver, filled,
                                                       passphrase):
    window = _open(qtbot, make_window, driver, filled, passphrase)
    page = _journal_page(window)
    view = page.list_view
    view.setFocus()
    doomed = page.editor.entry_id
    assert doomed == page.model.summary(0).entry_id
    qtbot.keyClick(view, Qt.Key.Key_Delete)

    assert "Partnership meeting with health visitors" not in _titles(page)
    assert page.count_label.text() == "2 entries"
    assert page.undo_bar.isVisible() and "to the trash" in page.undo_bar.label.text()
    assert page.editor.title_edit.text() == "Team meeting: how we talk about risk"
    assert window.journal.count_entries() == 2

    qtbot.keyClick(view, Qt.Key.Key_Z, CTRL)  # Ctrl+Z while the bar shows
    assert window.journal.count_entries() == 3
    assert page.editor.entry_id == doomed and view.current_entry_id() == doomed
    assert page.undo_bar.isHidden()

    page.editor.trash_button.click()  # the editor's button, then the bar's Undo
    assert window.journal.count_entries() == 2
    page.undo_bar.action_button.click()
    assert window.journal.count_entries() == 3


def test_trash_restores_and_empties_after_asking(qtbot, make_window, driver, filled, passphrase):
    window = _open(qtbot, make_window, driver, filled, passphrase)
    page = _journal_page(window)
    ids = [page.model.summary(row).entry_id for row in range(2)]
    for entry_id in ids:
        window.shell.open_entry(entry_id)
        page.delete_current()
    assert window.journal.count_entries() == 1

    page.trash_button.click()
    trash = page.trash_view
    assert trash.isVisible() and trash.model.total == 2
    trash.list_view.setCurrentIndex(trash.model.index(0))
    trash.restore_button.click()
    assert window.journal.count_entries() == 2 and trash.model.total == 1

    trash.empty_button.click()
    dialog = trash.confirm_dialog
    assert dialog is not None and "Delete 1 entry for good?" in dialog.text()
    cancel = dialog.button(dialog.StandardButton.Cancel)
    cancel.click()
    assert trash.model.total == 1
    trash.empty_button.click()
    delete = next(b for b in trash.confirm_dialog.buttons() if b.text() == "Delete for good")
    delete.click()
    assert trash.model.total == 0
    assert window.journal.count_entries() == 2
    assert window.journal.count_entries(EntryFilter(deleted=True)) == 0

    trash.back_button.click()
    assert page.list_view.isVisible() and len(_titles(page)) == 2


def test_shell_routes_open_entry_and_answer_prompt(qtbot, make_window, driver, filled,
                                                   passphrase):
    window = _open(qtbot, make_window, driver, filled, passphrase)
    shell = window.shell
    page = shell.page("Journal")
    target = page.model.summary(2).entry_id
    assert shell.current_page_name == "Home"
    assert shell.open_entry(target)
    assert shell.current_page_name == "Journal"
    assert page.editor.title_edit.text() == "Supervision: drift on a long-standing plan"
    assert page.list_view.current_entry_id() == target

    shell.show_page("Home")
    assert shell.answer_prompt("annexb-136")
    assert shell.current_page_name == "Journal"
    editor = page.editor
    banner = editor.prompt_banner
    assert banner.isVisible()
    assert "How clearly do you model the behaviour you expect" in banner.text()
    assert "Annex B, paragraph 136" in banner.text()
    assert editor.attribute_checks.checked() == ["values_driven", "changing_practice"]
    assert editor.body_edit.hasFocus()
    qtbot.keyClicks(editor.body_edit, "I cancel supervision first when the week gets busy.")
    qtbot.keyClick(editor.body_edit, Qt.Key.Key_S, CTRL)
    saved = window.journal.get_entry(editor.entry_id)
    assert saved.prompt_id == "annexb-136"
    assert saved.title == "I cancel supervision first when the week gets busy."  # < 60
    assert saved.attributes == ["values_driven", "changing_practice"]
    assert banner.isVisible()  # the link stays visible with the saved entry


class ProbePage(QWidget):
    """Another page, as Home, Prompts and Search are: it asks by signal only."""

    open_entry_requested = Signal(int)
    answer_prompt_requested = Signal(str)

    def __init__(self, _journal) -> None:
        super().__init__()


def test_page_signals_are_routed_to_the_journal_page(qtbot, make_window, driver, filled,
                                                     passphrase):
    window = _open(qtbot, make_window, driver, filled, passphrase,
                   pages=[*PAGES, ("Probe", ProbePage)])
    shell = window.shell
    probe, page = shell.page("Probe"), shell.page("Journal")
    entry_id = page.model.summary(0).entry_id
    shell.show_page("Probe")
    probe.open_entry_requested.emit(entry_id)
    assert shell.current_page_name == "Journal" and page.editor.entry_id == entry_id
    shell.show_page("Probe")
    probe.answer_prompt_requested.emit("firstline-embracing-01")
    assert shell.current_page_name == "Journal"
    assert page.editor.entry_id is None and page.editor.prompt_id == "firstline-embracing-01"


def test_a_full_disk_keeps_the_text_and_says_why(qtbot, make_window, driver, existing,
                                                 passphrase):
    window = _open(qtbot, make_window, driver, existing[0], passphrase)
    page = _journal_page(window)
    editor, journal = page.editor, window.journal
    body = "A long reflection on the week. " * 800
    qtbot.keyClicks(editor.title_edit, "Too big for the disk")
    editor.body_edit.setPlainText(body)
    editor.body_edit.setFocus()
    qtbot.waitUntil(lambda: editor.draft_key in journal.drafts(), timeout=4_000)

    engine = journal.vault.engine

    def tiny_disk(dbapi_conn, _record, _proxy):
        pages = dbapi_conn.execute("PRAGMA page_count").fetchone()[0]
        dbapi_conn.execute(f"PRAGMA max_page_count = {pages}")

    event.listen(engine, "checkout", tiny_disk)
    engine.dispose()
    try:
        qtbot.keyClick(editor.body_edit, Qt.Key.Key_S, CTRL)
        assert editor.entry_id is None
        assert editor.error.isVisible()
        assert "not saved" in editor.error.text() and "disk is full" in editor.error.text()
        assert editor.body_edit.toPlainText() == body
        assert editor.title_edit.text() == "Too big for the disk"
        assert editor.status_text() == "Draft kept, not saved yet"
    finally:
        event.remove(engine, "checkout", tiny_disk)
        engine.dispose()
    assert journal.drafts()[editor.draft_key]["body"] == body
    assert journal.count_entries() == 1

    assert editor.save()  # space again: the same text saves, the draft goes
    assert editor.error.isHidden()
    assert journal.get_entry(editor.entry_id).body == body
    assert journal.drafts() == {}


def test_the_list_pages_in_thousands_of_entries(qtbot, make_window, driver, folder, cheap,
                                                passphrase):
    journal, _ = Journal.create(folder, passphrase, cheap)
    now = datetime.now(UTC)
    rows = [{"uid": uuid.uuid4().hex, "title": f"Reflection {n}", "body": "Week notes. " * 20,
             "happened_on": TODAY - timedelta(days=n % 700), "created_at": now,
             "updated_at": now, "tags": ["weekly"] if n % 3 else ["supervision"]}
            for n in range(3_000)]
    with journal, journal.vault.session() as session:
        bulk.insert_entries(session, rows)
    window = _open(qtbot, make_window, driver, folder, passphrase)
    page = _journal_page(window)
    assert page.model.total == 3_000
    assert page.model.loaded_rows <= PAGE_SIZE  # one page read, not three thousand rows
    assert page.count_label.text() == "3,000 entries"
    # The scroll bar covers every entry (not the first hundred), and Ctrl+End goes to the
    # oldest at once, reading one page there instead of the twenty-nine above it.
    view = page.list_view
    assert page.model.rowCount() == 3_000
    row_height = view.sizeHintForRow(0)
    assert view.verticalScrollBar().maximum() >= 2_900 * row_height
    view.setFocus()
    qtbot.keyClick(view, Qt.Key.Key_End, CTRL)
    oldest = min(TODAY - timedelta(days=n % 700) for n in range(3_000))
    qtbot.waitUntil(lambda: view.currentIndex().row() == 2_999, timeout=5_000)
    assert page.model.summary(2_999).happened_on == oldest
    assert page.model.loaded_rows <= 3 * PAGE_SIZE
    assert page.editor.title_edit.text() == page.model.summary(2_999).title
    qtbot.keyClick(view, Qt.Key.Key_Home, CTRL)
    dates = [page.model.summary(r).happened_on for r in range(page.model.rowCount())]
    assert dates == sorted(dates, reverse=True)
    page.filter_bar.tag_combo.setCurrentIndex(page.filter_bar.tag_combo.findData("supervision"))
    assert page.model.total == 1_000 and page.model.rowCount() == 1_000
    assert page.model.loaded_rows <= PAGE_SIZE


def _combo_tags(page) -> list[str]:
    combo = page.filter_bar.tag_combo
    return [combo.itemText(n) for n in range(1, combo.count())]


def test_saving_without_a_new_tag_leaves_the_tag_filter_alone(qtbot, make_window, driver,
                                                             filled, passphrase):
    window = _open(qtbot, make_window, driver, filled, passphrase)
    page = _journal_page(window)
    assert _combo_tags(page) == ["culture", "drift", "partnerships", "supervision", "team"]
    rebuilt: list[int] = []
    page.filter_bar.tag_combo.model().rowsRemoved.connect(lambda *_: rebuilt.append(1))
    page.list_view.setFocus()
    qtbot.keyClick(page.list_view, Qt.Key.Key_Home)  # the newest: "Partnership meeting…"
    qtbot.keyClick(page.list_view, Qt.Key.Key_Return)
    qtbot.keyClicks(page.editor.body_edit, " More words.")
    qtbot.keyClick(page.editor.body_edit, Qt.Key.Key_S, CTRL)
    qtbot.wait(50)  # the journal_changed the save causes comes queued
    assert "More words." in page.journal.get_entry(page.editor.entry_id).body
    assert rebuilt == []  # the tags were not read and refilled: nothing about them changed
    # A tag no entry had comes into the filter at once; one that went goes.
    tags = page.editor.tags_edit
    tags.setFocus()
    tags.selectAll()
    qtbot.keyClicks(tags, "partnerships, health")
    qtbot.keyClick(tags, Qt.Key.Key_S, CTRL)
    qtbot.waitUntil(lambda: "health" in _combo_tags(page), timeout=3_000)
    tags.selectAll()
    qtbot.keyClicks(tags, "health")
    qtbot.keyClick(tags, Qt.Key.Key_S, CTRL)
    qtbot.waitUntil(lambda: "partnerships" not in _combo_tags(page), timeout=3_000)


# -- how it looks ------------------------------------------------------------------------------


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_render_the_journal_page(qtbot, make_window, driver, filled, passphrase, tmp_path,
                                 scheme):
    """Set REFLECT_SHOTS_DIR (e.g. /tmp/reflect-shots) to keep the PNGs and look at them."""
    shots = Path(os.environ.get("REFLECT_SHOTS_DIR") or tmp_path)
    shots.mkdir(parents=True, exist_ok=True)
    app = QApplication.instance()
    previous = app.palette()
    if scheme == "dark":
        app.setPalette(dark_palette())
    try:
        window = _open(qtbot, make_window, driver, filled, passphrase)
        page = _journal_page(window)
        window.shell.open_entry(page.model.summary(2).entry_id)
        qtbot.wait(200)
        path = shots / f"journal-{scheme}.png"
        assert window.grab().save(str(path))
        window.shell.answer_prompt("annexb-136")
        qtbot.keyClicks(page.editor.title_edit, "Modelling the behaviour I expect")
        page.editor.body_edit.setPlainText(
            "I *say* we value reflection, but I cancel supervision first.\n\n## What I will do"
            "\n\n1. Protect supervision time\n2. Ask the team\n\nSee [the guidance]"
            "(https://www.gov.uk/) and ![photo](/etc/passwd).")
        qtbot.wait(300)
        prompt_path = shots / f"journal-prompt-{scheme}.png"
        assert window.grab().save(str(prompt_path))
        image = QImage(str(prompt_path))
        assert image.width() == round(1200 * window.devicePixelRatio())
        background = QColor(image.pixel(image.width() - 30, image.height() // 2)).lightness()
        assert (background < 100) if scheme == "dark" else (background > 150)
        assert "[image: photo]" in page.editor.preview.toPlainText()
    finally:
        app.setPalette(previous)
