"""File > Export… (issue 12, item 13): Markdown and JSON Lines written atomically, read back;
the not-encrypted warning before, and after it in the CLI's words about the very file;
cancelling or a refused place leaves no file. Driven from the keyboard (Alt+F, E)."""

from __future__ import annotations

import json
import stat
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from reflect.journal import interchange
from reflect.ui.interchange.export_dialog import BEFORE_WARNING, ExportDialog
from tests.e2e.test_cli_media import _mount, tmpfs  # noqa: F401 - the fixture
from tests.ui.conftest import PASSPHRASE, open_unlocked
from tests.ui.menus import file_menu


@pytest.fixture
def out(tmp_path) -> Path:
    """An empty folder for the exports (the journal's folder is beside it)."""
    place = tmp_path / "out"
    place.mkdir()
    return place


@pytest.fixture
def window(qtbot, make_window, driver, existing, folder):
    window = open_unlocked(qtbot, make_window, driver, folder, PASSPHRASE)
    window.journal.add_entry("Second thoughts", "On *hindsight*.", tags=["team"])
    return window


def open_by_keys(qtbot, window) -> ExportDialog:
    file_menu(qtbot, window, Qt.Key.Key_E)
    dialog = window.interchange_actions.export_dialog
    assert dialog is not None
    qtbot.waitUntil(dialog.isVisible, timeout=3_000)
    dialog.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is dialog, timeout=3_000)
    return dialog


def export_to(qtbot, window, path: Path, *, jsonl: bool = False):
    dialog = open_by_keys(qtbot, window)
    assert dialog.warning.text() == BEFORE_WARNING
    if jsonl:
        qtbot.keyClick(dialog.markdown_button, Qt.Key.Key_Down)  # the next radio button
        assert dialog.jsonl_button.isChecked() and dialog.path_edit.text().endswith(".jsonl")
    dialog.path_edit.selectAll()
    qtbot.keyClicks(dialog.path_edit, str(path))
    qtbot.keyClick(dialog.path_edit, Qt.Key.Key_Return)  # Export is the default button
    return dialog


def wait_exported(qtbot, window):
    actions = window.interchange_actions
    qtbot.waitUntil(lambda: actions.last_message is not None, timeout=10_000)
    return actions.last_message


def test_markdown_export_reads_back_with_the_warning_about_that_file(qtbot, window, out):
    target = out / "journal.md"
    export_to(qtbot, window, target)
    box = wait_exported(qtbot, window)
    assert box.text() == (f"Exported 2 entries to:\n{target}\n\n{target} is not encrypted; "
                          "anyone who can read the file can read these entries.")
    assert interchange.not_encrypted_warning(target) in box.text()  # the CLI's words
    text = target.read_text(encoding="utf-8")
    assert text.startswith("# Reflect journal\n")
    assert "## Second thoughts" in text and "## First reflection" in text
    assert text.index("Second thoughts") < text.index("First reflection")  # newest first
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    assert [p.name for p in out.iterdir()] == ["journal.md"]  # no temporary file left


def test_json_lines_export_reads_back_and_imports_again(qtbot, window, out):
    target = out / "journal.jsonl"
    export_to(qtbot, window, target, jsonl=True)
    box = wait_exported(qtbot, window)
    assert str(target) in box.text() and "is not encrypted" in box.text()
    rows = [json.loads(line) for line in target.read_text(encoding="utf-8").splitlines()]
    assert [r["title"] for r in rows] == ["First reflection", "Second thoughts"]
    assert rows[1]["tags"] == ["team"] and rows[1]["body"] == "On *hindsight*."
    parsed = interchange.read_file(target)
    assert parsed.skipped == [] and len(parsed.entries) == 2
    assert stat.S_IMODE(target.stat().st_mode) == 0o600


def test_cancel_leaves_no_file(qtbot, window, out):
    target = out / "journal.md"
    dialog = open_by_keys(qtbot, window)
    dialog.path_edit.selectAll()
    qtbot.keyClicks(dialog.path_edit, str(target))
    qtbot.keyClick(dialog.path_edit, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=3_000)
    qtbot.wait(200)
    assert list(out.iterdir()) == []
    assert window.interchange_actions.last_message is None


def test_a_cancelled_chooser_changes_nothing_and_a_chosen_file_is_used(qtbot, window, out):
    answers: list[Path | None] = [None, out / "picked.md"]
    asked: list[Path | None] = []

    def choose(parent, start):
        asked.append(start)
        return answers[len(asked) - 1]

    window.interchange_actions.choose_export = choose
    dialog = open_by_keys(qtbot, window)
    before = dialog.path_edit.text()
    qtbot.keyClick(dialog.path_edit, Qt.Key.Key_H, Qt.KeyboardModifier.AltModifier)  # C&hoose…
    qtbot.waitUntil(lambda: len(asked) == 1, timeout=3_000)
    assert asked == [Path(before)]
    assert dialog.path_edit.text() == before and list(out.iterdir()) == []
    qtbot.keyClick(dialog.path_edit, Qt.Key.Key_H, Qt.KeyboardModifier.AltModifier)
    qtbot.waitUntil(lambda: len(asked) == 2, timeout=3_000)
    assert dialog.path_edit.text() == str(out / "picked.md")
    qtbot.keyClick(dialog.path_edit, Qt.Key.Key_Return)
    wait_exported(qtbot, window)
    assert (out / "picked.md").read_text(encoding="utf-8").startswith("# Reflect")


def test_a_missing_folder_is_named_and_nothing_is_made(qtbot, window, out):
    target = out / "gone" / "journal.md"
    dialog = export_to(qtbot, window, target)
    assert dialog.isVisible()
    assert dialog.error.text() == (f"Nothing was exported.\nThe folder {target.parent} does "
                                   "not exist; choose another place.")
    assert list(out.iterdir()) == []


def test_a_read_only_place_is_named_and_no_file_is_left(qtbot, tmpfs, window):  # noqa: F811
    media = tmpfs()
    if not _mount("-o", "remount,ro", str(media)):
        pytest.skip("remounting read-only is not permitted here")
    target = media / "journal.md"
    dialog = export_to(qtbot, window, target)
    qtbot.waitUntil(lambda: not dialog.busy and bool(dialog.error.text()), timeout=10_000)
    assert dialog.error.text() == (f"Nothing was exported.\nThe export could not be written to "
                                   f"{target} because its folder is read-only; nothing was "
                                   "written there.")
    assert list(media.iterdir()) == []
    assert dialog.export_button.isEnabled()  # another place may be tried
