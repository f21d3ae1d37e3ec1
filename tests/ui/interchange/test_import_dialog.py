"""File > Import… (issue 12, item 13): a preview of how many entries would go in and which
lines would be skipped and why, by the same code as ``reflect import``; then the import with
progress; a damaged, hostile or empty file says so and writes nothing.

Driven from the keyboard: Alt+F, I opens the dialog, the path is typed, Enter previews and
Enter again imports."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from reflect.journal import interchange
from reflect.journal.journal import Journal
from reflect.ui.interchange.import_dialog import MAX_LISTED, ImportDialog
from tests.ui.conftest import PASSPHRASE, open_unlocked
from tests.ui.menus import file_menu

GOOD = [
    {"title": "Supervision with Wren", "body": "Agreed a plan.", "created": "2025-01-10",
     "kind": "supervision", "person": "Wren"},
    {"title": "After the audit", "body": "What went well.", "created": "2025-02-01T18:30:00Z",
     "tags": ["audit"]},
]
BAD = ["{oops", json.dumps({"title": "When?", "created": "yesterday"}), "[1, 2]"]


@pytest.fixture
def window(qtbot, make_window, driver, existing, folder):
    return open_unlocked(qtbot, make_window, driver, folder, PASSPHRASE)


def write_mixed(path: Path) -> Path:
    lines = [json.dumps(GOOD[0]), BAD[0], json.dumps(GOOD[1]), BAD[1], "", BAD[2]]
    path.write_text("\n".join(lines) + "\n")
    return path


def open_by_keys(qtbot, window) -> ImportDialog:
    file_menu(qtbot, window, Qt.Key.Key_I)
    dialog = window.interchange_actions.import_dialog
    assert dialog is not None
    qtbot.waitUntil(dialog.isVisible, timeout=3_000)
    dialog.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is dialog, timeout=3_000)
    return dialog


def type_and_preview(qtbot, dialog: ImportDialog, path: Path) -> None:
    qtbot.keyClicks(dialog.path_edit, str(path))
    qtbot.keyClick(dialog.path_edit, Qt.Key.Key_Return)  # Preview is the default button
    qtbot.waitUntil(lambda: not dialog.busy and dialog.summary.text()
                    and not dialog.summary.text().startswith("Reading"), timeout=10_000)


def test_preview_then_import_good_and_bad_lines(qtbot, window, tmp_path):
    source = write_mixed(tmp_path / "notes.jsonl")
    dialog = open_by_keys(qtbot, window)
    type_and_preview(qtbot, dialog, source)
    assert dialog.summary.text() == (f"2 entries would be imported from {source}. 3 lines "
                                     "would be skipped, for the reasons below.")
    assert dialog.skipped_lines() == [
        "line 2: not valid JSON (Expecting property name enclosed in double quotes, column 2)",
        "line 4: 'created' is not a date like 2026-03-31 or 2026-03-31T09:30: 'yesterday'",
        "line 6: not a JSON object (it is a list)",
    ]
    assert dialog.skipped_lines() == interchange.preview_parsed(
        window.journal, interchange.read_file(source)).problems()  # the CLI's own rules
    assert window.journal.count_entries() == 1  # the preview wrote nothing
    assert dialog.import_button.text() == "&Import 2 entries" and dialog.import_button.isDefault()

    qtbot.keyClick(dialog.path_edit, Qt.Key.Key_Return)  # now Enter imports what was shown
    qtbot.waitUntil(lambda: dialog.imported is not None, timeout=10_000)
    assert dialog.summary.text() == (f"Imported 2 entries from {source}. Skipped 3 lines "
                                     "(listed below).")
    assert dialog.progress.value() == dialog.progress.maximum() == 2
    titles = {e.title for e in window.journal.list_entries()}
    assert titles == {"First reflection", "Supervision with Wren", "After the audit"}
    assert not dialog.import_button.isEnabled()  # once: a second press adds nothing
    close = dialog.buttons.button(dialog.buttons.StandardButton.Cancel)
    assert close.text() == "Close" and close.hasFocus()
    qtbot.keyClick(close, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=3_000)


def test_importing_the_same_file_again_previews_nothing_to_import(qtbot, window, tmp_path):
    source = write_mixed(tmp_path / "notes.jsonl")
    interchange.import_file(window.journal, source)
    dialog = open_by_keys(qtbot, window)
    type_and_preview(qtbot, dialog, source)
    assert dialog.summary.text().startswith(f"Nothing in {source} can be imported: all 5 "
                                            "lines would be skipped")
    assert "line 1: this entry is already in the journal" in dialog.skipped_lines()
    assert not dialog.import_button.isEnabled()


def test_a_new_path_needs_a_new_preview(qtbot, window, tmp_path):
    source = write_mixed(tmp_path / "notes.jsonl")
    dialog = open_by_keys(qtbot, window)
    type_and_preview(qtbot, dialog, source)
    assert dialog.import_button.isEnabled()
    qtbot.keyClick(dialog.path_edit, Qt.Key.Key_Backspace)
    assert not dialog.import_button.isEnabled() and dialog.summary.text() == ""
    assert dialog.preview_button.isDefault()
    dialog.choose_button.setFocus()
    qtbot.keyClick(dialog.choose_button, Qt.Key.Key_F, Qt.KeyboardModifier.AltModifier)
    assert dialog.path_edit.hasFocus()  # &File: takes one back to the box


@pytest.mark.parametrize(("content", "expected"), [
    (b"", "{path} is empty; there is nothing to import."),
    (b"\n\n   \n", "{path} is empty; there is nothing to import."),
    (b"%PDF-1.7\n\xff\xfe\x00binary\x00\n", "Nothing in {path} can be imported: all 2 lines "
                                             "would be skipped, for the reasons below."),
    ("[" * 100_000, "Nothing in {path} can be imported: all 1 line would be skipped, "
                    "for the reasons below."),
])
def test_an_empty_damaged_or_hostile_file_says_so_and_writes_nothing(qtbot, window, tmp_path,
                                                                     content, expected):
    source = tmp_path / "odd.jsonl"
    source.write_bytes(content if isinstance(content, bytes) else content.encode())
    before = (window.folder / "journal.db").stat().st_mtime_ns, window.journal.count_entries()
    dialog = open_by_keys(qtbot, window)
    type_and_preview(qtbot, dialog, source)
    assert dialog.summary.text() == expected.format(path=source)
    assert not dialog.import_button.isEnabled()
    qtbot.keyClick(dialog.path_edit, Qt.Key.Key_Return)  # Enter previews again, no more
    qtbot.wait(200)
    assert dialog.imported is None
    assert ((window.folder / "journal.db").stat().st_mtime_ns,
            window.journal.count_entries()) == before


def test_a_missing_file_or_a_folder_is_named(qtbot, window, tmp_path):
    dialog = open_by_keys(qtbot, window)
    type_and_preview(qtbot, dialog, tmp_path / "nowhere.jsonl")
    assert dialog.summary.text() == (f"{tmp_path / 'nowhere.jsonl'} could not be read (No such "
                                     "file or directory); nothing was imported. Choose another "
                                     "file.")
    dialog.path_edit.clear()
    type_and_preview(qtbot, dialog, tmp_path)
    assert dialog.summary.text() == (f"{tmp_path} is a folder; choose a JSON Lines or jrnl "
                                     "JSON file.")
    assert not dialog.import_button.isEnabled()


def test_reasons_that_quote_the_file_cannot_reorder_the_list(qtbot, window, tmp_path):
    source = tmp_path / "tricky.jsonl"
    source.write_text(json.dumps({"title": "x", "kind": ["\u202eevil"]}, ensure_ascii=False)
                      + "\n" + "{bad\n" * (MAX_LISTED + 5))
    dialog = open_by_keys(qtbot, window)
    type_and_preview(qtbot, dialog, source)
    lines = dialog.skipped_lines()
    assert "\u202e" not in "".join(lines) and "\\u202e" in lines[0]
    assert len(lines) == MAX_LISTED + 1 and lines[-1] == "… and 6 lines more"


def test_the_chooser_is_a_parameter_and_choosing_previews(qtbot, window, tmp_path):
    source = write_mixed(tmp_path / "notes.jsonl")
    window.interchange_actions.choose_import = lambda parent, start: source
    dialog = open_by_keys(qtbot, window)
    qtbot.keyClick(dialog.path_edit, Qt.Key.Key_H, Qt.KeyboardModifier.AltModifier)  # C&hoose…
    qtbot.waitUntil(lambda: dialog.import_button.isEnabled(), timeout=10_000)
    assert dialog.path_edit.text() == str(source)


def test_cancel_imports_nothing(qtbot, window, tmp_path):
    source = write_mixed(tmp_path / "notes.jsonl")
    dialog = open_by_keys(qtbot, window)
    type_and_preview(qtbot, dialog, source)
    qtbot.keyClick(dialog.path_edit, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=3_000)
    qtbot.wait(100)
    assert window.journal.count_entries() == 1


def test_locking_during_the_import_stops_it_and_leaves_the_journal_as_it_was(
        qtbot, window, tmp_path, folder, monkeypatch):
    monkeypatch.setattr(interchange, "_BATCH", 1)  # many safe points
    source = tmp_path / "many.jsonl"
    source.write_text("".join(json.dumps({"title": f"Line {n}", "body": "b"}) + "\n"
                              for n in range(2_000)))
    dialog = open_by_keys(qtbot, window)
    type_and_preview(qtbot, dialog, source)
    qtbot.keyClick(dialog.path_edit, Qt.Key.Key_Return)  # Import 2,000 entries
    assert dialog.busy
    window.lock()
    qtbot.waitUntil(lambda: window.is_locked, timeout=30_000)
    with Journal.unlock(folder, passphrase=PASSPHRASE) as journal:
        assert journal.count_entries() == 1
