"""Follow-ups of a saved record, through the real window: reopened, the record's review panel
shows what it decided (done, carried forward, dropped, with the words) as it did right after
deciding, with an Undo that reopens the action in the file at once; a record restored from the
trash closes them again; its Markdown export lists them; and a decided row takes no more
height than what it shows. What is stored is read back from the reopened journal file."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from reflect.journal.journal import Journal
from reflect.supervision.records import Supervision
from tests.ui.supervision.test_record_follow_ups import (  # noqa: F401
    CTRL,
    OUTCOME,
    _done_by_keyboard,
    _drop_by_keyboard,
    _new_record,
    seeded,
    window,
)

REASON = "The school closed the referral"


def _stored(folder: Path, passphrase: str) -> dict[str, tuple[str, str]]:
    """Each action's status and outcome or reason, read from the journal file itself."""
    with Journal.unlock(folder, passphrase=passphrase) as journal:
        return {a.description: (a.status, a.outcome or a.reason)
                for a in Supervision(journal).actions()}


def _slack(row) -> int:
    """Height of the row below its last visible child and bottom margin."""
    kids = [*row.findChildren(type(row.description)), row.undo_button, row.ask, row.done_button]
    shown = [w for w in kids if w.isVisible() and w.parentWidget() is row]
    bottom = max(w.geometry().bottom() + 1 for w in shown)
    return row.height() - bottom - row.layout().contentsMargins().bottom()


def _decide_and_save(qtbot, form) -> tuple[list[str], int]:
    """Done and dropped by keyboard, then Ctrl+S; the rows' words and the record's id."""
    qtbot.keyClicks(form.body.fields["challenge"].edit, "None this time.")
    charts, school = form.body.review.rows
    _done_by_keyboard(qtbot, charts, OUTCOME)
    _drop_by_keyboard(qtbot, school, REASON)
    qtbot.keyClick(form.title_edit, Qt.Key.Key_S, CTRL)
    assert form.status_text().startswith("Saved at"), form.error.text()
    return [charts.result.text(), school.result.text()], form.entry_id


def test_return_does_not_press_undo_too(qtbot, window):  # noqa: F811
    _page, form = _new_record(window)
    charts, _school = form.body.review.rows
    _done_by_keyboard(qtbot, charts, OUTCOME)  # Return confirms; the focus moves to Undo
    assert charts.undo_button.hasFocus()
    qtbot.wait(400)  # the Return that went on up used to press Undo after its 100 ms flash
    assert charts.state == "done" and charts.follow_up is not None
    for width in (1200, 800):  # the question box is hidden and takes no room
        window.resize(width, 800)
        qtbot.wait(100)
        assert charts.ask.isHidden() and _slack(charts) == 0


def test_reopened_record_shows_decisions(qtbot, window, seeded, passphrase, tmp_path):  # noqa: F811
    page, form = _new_record(window)
    words_then, record_id = _decide_and_save(qtbot, form)
    qtbot.mouseClick(form.back_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: page.stack.currentWidget() is page.view)
    assert window.shell.open_entry(record_id)
    charts, school = form.body.review.rows
    assert (charts.state, school.state) == ("done", "dropped")
    assert [charts.result.text(), school.result.text()] == words_then
    assert words_then == [f"Done. What changed: {OUTCOME}", f"Dropped: {REASON}"]
    assert charts.undo_button.isVisible() and charts.done_button.isHidden()
    assert form.body.review.title.text() == "Review previous actions (2)"
    qtbot.wait(50)
    assert [_slack(r) for r in (charts, school)] == [0, 0]
    form.body.review.grab().save(str(tmp_path / "reopened.png"))

    markdown = tmp_path / "record.md"  # the export lists them too
    assert form.exporter.export_markdown(markdown)
    text = markdown.read_text()
    assert "## Previous actions reviewed" in text and f"| Done | {OUTCOME} |" in text

    qtbot.mouseClick(charts.undo_button, Qt.MouseButton.LeftButton)  # reopens at once
    assert charts.state == "pending" and charts.done_button.hasFocus()
    window.lock()
    assert _stored(seeded, passphrase) == {
        "Ask health for the growth charts": ("open", ""),
        "Chronology to the school": ("dropped", REASON)}


def test_saved_carry_shows_and_undoes(qtbot, window, seeded, passphrase):  # noqa: F811
    page, form = _new_record(window)
    qtbot.keyClicks(form.body.fields["challenge"].edit, "None this time.")
    _charts, school = form.body.review.rows
    school.carry_button.setFocus()
    qtbot.keyClick(school.carry_button, Qt.Key.Key_Space)
    school.ask.confirm_button.setFocus()
    qtbot.keyClick(school.ask.confirm_button, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: school.state == "carried")
    said = school.result.text()
    qtbot.keyClick(form.title_edit, Qt.Key.Key_S, CTRL)
    record_id = form.entry_id
    qtbot.mouseClick(form.back_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: page.stack.currentWidget() is page.view)
    assert window.shell.open_entry(record_id)
    school = form.body.review.rows[1]
    assert school.state == "carried" and school.result.text() == said
    assert [r["description"] for r in form.body.action_editor.action_states()] == [
        "Chronology to the school"]

    school.undo_button.setFocus()
    qtbot.keyClick(school.undo_button, Qt.Key.Key_Space)
    assert school.state == "pending" and form.body.action_editor.action_states() == []
    window.lock()
    assert _stored(seeded, passphrase) == {"Ask health for the growth charts": ("open", ""),
                                           "Chronology to the school": ("open", "")}


def test_restored_record_closes_them(qtbot, window, seeded, passphrase):  # noqa: F811
    page, form = _new_record(window)
    _words, record_id = _decide_and_save(qtbot, form)
    qtbot.mouseClick(form.back_button, Qt.MouseButton.LeftButton)
    window.journal.delete_entry(record_id)  # the window has no way to bin a record yet
    assert page.new_record("one_to_one")  # binned: its decisions do not count
    assert [r.state for r in page.form.body.review.rows] == ["pending", "pending"]
    qtbot.mouseClick(page.form.back_button, Qt.MouseButton.LeftButton)

    window.shell.show_page("Journal")
    journal_page = window.shell.page("Journal")
    qtbot.mouseClick(journal_page.trash_button, Qt.MouseButton.LeftButton)
    trash = journal_page.trash_view
    assert trash.model.total == 1
    trash.list_view.setFocus()
    qtbot.keyClick(trash.list_view, Qt.Key.Key_Return)  # Enter restores the highlighted
    qtbot.waitUntil(lambda: trash.model.total == 0)
    assert QApplication.focusWidget() is not None
    window.lock()
    assert _stored(seeded, passphrase) == {
        "Ask health for the growth charts": ("done", OUTCOME),
        "Chronology to the school": ("dropped", REASON)}
