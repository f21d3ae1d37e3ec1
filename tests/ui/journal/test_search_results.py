"""Search results as a team manager reads them: plain words with fields apart, "Show more"
past the first fifty, and opening a hit lands on the field that matched."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QApplication

from reflect.journal.journal import Journal
from reflect.supervision.records import Supervision
from tests.ui.conftest import open_unlocked
from tests.ui.journal.search import open_dialog, type_query

FILLER = "\n\n".join(f"Paragraph {n}: routine notes about the week." for n in range(80))


def test_snippets_are_plain_words_with_fields_apart(qtbot, new_journal):
    new_journal.add_entry("Looking back", "With *hindsight* I would **ask** first.",
                          happened_on=date(2026, 2, 3))
    sup = Supervision(new_journal)
    sam = sup.add_supervisee("Sam")
    start = sup.start_record(sam.id, "one_to_one", date(2026, 2, 4))
    start.entry.sections.update(agenda="Case C-4471", experiencing="Sam felt *stuck*.")
    sup.save_record(start.entry, [])
    dialog = open_dialog(qtbot, new_journal)

    type_query(qtbot, dialog, "hindsight", 1)
    assert dialog.rows()[0].snippet_html == "With <b>hindsight</b> I would ask first."
    dialog.search_edit.clear()
    qtbot.waitUntil(lambda: dialog.search_result is None, timeout=3000)
    type_query(qtbot, dialog, "C-4471", 1)
    snippet = dialog.rows()[0].snippet_html
    assert "*" not in snippet and "4471</b> · Sam felt stuck." in snippet
    accessible = dialog.results.item(0).data(Qt.ItemDataRole.AccessibleDescriptionRole)
    assert accessible.endswith("C-4471 · Sam felt stuck.")
    assert not dialog.grab().isNull()


def test_show_more_and_down_past_the_last_load_the_rest(qtbot, new_journal):
    for n in range(120):
        new_journal.add_entry(f"Note {n}", "handover", happened_on=date(2026, 1, 1))
    dialog = open_dialog(qtbot, new_journal)
    type_query(qtbot, dialog, "handover", 50)
    assert dialog.count_label.text() == "120 entries match · showing the best 50"
    assert dialog.more_button.isVisible() and dialog.more_button.text() == "Show 50 more"
    qtbot.mouseClick(dialog.more_button, Qt.MouseButton.LeftButton)
    assert len(dialog.rows()) == 100 and dialog.results.currentRow() == 50
    assert dialog.search_edit.hasFocus()  # typing goes on where it was
    assert dialog.count_label.text() == "120 entries match · showing the best 100"
    assert dialog.more_button.text() == "Show all 120"
    qtbot.keyClick(dialog.search_edit, Qt.Key.Key_End, Qt.KeyboardModifier.ControlModifier)
    dialog.results.setCurrentRow(99)
    qtbot.keyClick(dialog.search_edit, Qt.Key.Key_Down)  # past the last: the next page
    assert len(dialog.rows()) == 120 and dialog.results.currentRow() == 100
    assert len({row.entry_id for row in dialog.rows()}) == 120  # no hit twice
    assert dialog.count_label.text() == "120 entries match"
    assert not dialog.more_button.isVisible()


# -- opening a hit in the real window ----------------------------------------------------------

@pytest.fixture
def seeded(folder: Path, cheap, passphrase) -> Path:
    journal, _ = Journal.create(folder, passphrase, cheap)
    with journal:
        journal.add_entry("Long week", FILLER + "\n\nIn hindsight the rota was the problem.")
        sup = Supervision(journal)
        kestrel = sup.add_supervisee("Kestrel")
        start = sup.start_record(kestrel.id, "one_to_one", date.today() - timedelta(days=7))
        start.entry.sections.update(agenda="Caseload.", experiencing="A hard week.",
                                    supervisee_comments="Kestrel asked about chronologies.")
        sup.save_record(start.entry, [])
    return folder


def _open_hit(qtbot, window, query: str) -> None:
    qtbot.keyClick(window.shell.nav, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: window.search_dialog is not None
                    and window.search_dialog.isVisible(), timeout=2000)
    dialog = window.search_dialog
    qtbot.keyClicks(dialog.search_edit, query)
    qtbot.waitUntil(lambda: len(dialog.rows()) == 1, timeout=3000)
    qtbot.keyClick(dialog.search_edit, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.search_dialog is None, timeout=2000)


def test_enter_on_a_record_hit_shows_and_focuses_the_matched_section(
        qtbot, make_window, driver, seeded, passphrase):
    window = open_unlocked(qtbot, make_window, driver, seeded, passphrase)
    _open_hit(qtbot, window, "chronolog")
    assert window.shell.current_page_name == "Supervision"
    form = window.shell.page("Supervision").form
    edit = form.body.fields["supervisee_comments"].edit
    qtbot.waitUntil(lambda: QApplication.focusWidget() is edit, timeout=2000)
    assert edit.textCursor().position() == len("Kestrel asked about ")
    area = form.scroll_area.viewport()
    top_left = edit.mapTo(area, QPoint(0, 0))
    assert form.scroll_area.verticalScrollBar().value() > 0  # not the top of the record
    assert top_left.y() >= 0 and top_left.y() + edit.height() <= area.height()  # on screen
    assert not window.grab().isNull()


def test_enter_on_an_entry_hit_puts_the_cursor_on_the_match(
        qtbot, make_window, driver, seeded, passphrase):
    window = open_unlocked(qtbot, make_window, driver, seeded, passphrase)
    _open_hit(qtbot, window, "hindsight")
    assert window.shell.current_page_name == "Journal"
    body = window.shell.page("Journal").editor.body_edit
    qtbot.waitUntil(lambda: QApplication.focusWidget() is body, timeout=2000)
    assert body.textCursor().position() == len(FILLER) + len("\n\nIn ")
    assert body.verticalScrollBar().value() > 0  # scrolled down to the match
    assert body.viewport().rect().contains(body.cursorRect().center())
