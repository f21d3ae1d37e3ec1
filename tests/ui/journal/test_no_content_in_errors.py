"""A save that fails in the window: the notice and the log say what went wrong, never what was
being saved (SQLAlchemy would put the text into its message and its log lines)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLabel

from reflect.content.library import load_attributes, load_prompt_sets
from reflect.journal.journal import Journal
from reflect.ui.journal.editor import EntryEditor
from tests.journal.test_save_entry import full_disk
from tests.store.test_engine import MARKER, debug_everywhere, logged


@pytest.fixture
def journal(folder, cheap, passphrase) -> Iterator[Journal]:
    journal, _ = Journal.create(folder, passphrase, cheap)
    journal.add_entry("Padding", "x" * 20_000)
    yield journal
    if journal.is_open:
        journal.close()


def test_a_failed_save_shows_and_logs_no_saved_text(qtbot, journal, caplog):
    attributes = load_attributes()
    editor = EntryEditor(journal, attributes, load_prompt_sets(attributes=attributes).sets)
    qtbot.addWidget(editor)
    editor.show()
    qtbot.waitExposed(editor)
    debug_everywhere(caplog)
    qtbot.keyClicks(editor.title_edit, f"Visit {MARKER}")
    editor.body_edit.setPlainText(f"We talked about {MARKER}. " * 400)
    with full_disk(journal):
        qtbot.mouseClick(editor.save_button, Qt.MouseButton.LeftButton)
        assert not editor.error.isHidden() and "not saved" in editor.error.text()
    shown = [editor.error.text(), editor.status_label.toolTip(),
             *(label.text() for label in QApplication.allWidgets()
               if isinstance(label, QLabel))]
    assert not any(MARKER in text for text in shown)
    assert MARKER not in logged(caplog)
