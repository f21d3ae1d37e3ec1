"""The subject-access export through the window: the supervisee's view, its dialog driven
by keys and clicks, the file written off the UI thread and read back."""

from __future__ import annotations

import io
import json
import os
from pathlib import Path

import pytest
from pypdf import PdfReader
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from reflect.journal.journal import Journal
from reflect.supervision.records import Supervision
from reflect.ui.privacy.subject_access_dialog import SubjectAccessDialog
from tests.privacy import sar_fixture
from tests.ui.conftest import dark_palette, open_unlocked


@pytest.fixture
def sar_folder(folder: Path, cheap, passphrase) -> Path:
    journal, _ = Journal.create(folder, passphrase, cheap)
    with journal:
        sar_fixture.build(Supervision(journal), drafts=False)  # a draft would open its form
    return folder


def _view_for(qtbot, window, code_name: str):
    window.shell.show_page("Supervision")
    page = window.shell.page("Supervision")
    page.people_list.setFocus()
    for _ in range(page.people_list.count()):
        if page.current_person() and page.current_person().code_name == code_name:
            break
        qtbot.keyClick(page.people_list, Qt.Key.Key_Down)
    assert page.current_person().code_name == code_name
    return page.view


def _open_dialog(qtbot, view, out: Path):
    view.choose_access_file = lambda _parent, _start: out
    assert view.access_button.isVisible()
    qtbot.mouseClick(view.access_button, Qt.MouseButton.LeftButton)
    dialog = view.access_dialog
    qtbot.waitUntil(dialog.isVisible, timeout=2_000)
    dialog.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is dialog, timeout=3_000)
    qtbot.mouseClick(dialog.choose_button, Qt.MouseButton.LeftButton)
    assert dialog.path == out
    return dialog


def _only_wren(text: str) -> None:
    flat = " ".join(text.split())
    assert [m for m in sar_fixture.WREN if m not in flat] == ["wrendraft"]
    assert [m for m in sar_fixture.HERON if m.lower() in flat.lower()] == []


def test_the_pdf_for_wren_from_the_window(qtbot, make_window, driver, sar_folder, passphrase,
                                          tmp_path):
    window = open_unlocked(qtbot, make_window, driver, sar_folder, passphrase)
    out = tmp_path / "wren.pdf"
    dialog = _open_dialog(qtbot, _view_for(qtbot, window, "Wren"), out)
    assert "NOT encrypted" in dialog.warning.text()
    qtbot.keyClicks(dialog.password_edit, "pw 1")
    qtbot.keyClicks(dialog.repeat_edit, "pw 1")
    assert "encrypted with AES-256" in dialog.warning.text()
    qtbot.keyClick(dialog.repeat_edit, Qt.Key.Key_Return)  # Enter: the default, Export
    qtbot.waitUntil(lambda: dialog.written == out, timeout=10_000)
    reader = PdfReader(io.BytesIO(out.read_bytes()))
    assert reader.is_encrypted and reader.decrypt("pw 1")
    _only_wren("\n".join(p.extract_text() for p in reader.pages))
    assert "1 other entries mention “Wren”" in dialog.result_message.text()
    dialog.result_message.close()


def test_json_with_mentions_and_an_existing_file_refused(qtbot, make_window, driver,
                                                         sar_folder, passphrase, tmp_path):
    window = open_unlocked(qtbot, make_window, driver, sar_folder, passphrase)
    out = tmp_path / "wren.json"
    out.write_text("an earlier export")
    dialog = _open_dialog(qtbot, _view_for(qtbot, window, "Wren"), out)
    dialog.pdf_button.setFocus()
    qtbot.keyClick(dialog.pdf_button, Qt.Key.Key_Down)  # the next format: JSON
    assert dialog.json_button.isChecked() and not dialog.password_group.isEnabled()
    dialog.mentions_box.setFocus()
    qtbot.keyClick(dialog.mentions_box, Qt.Key.Key_Space)
    assert dialog.mentions_box.isChecked()
    qtbot.mouseClick(dialog.export_button, Qt.MouseButton.LeftButton)
    assert "already exists" in dialog.error.text() and dialog.isVisible()
    assert out.read_text() == "an earlier export"
    os.remove(out)
    qtbot.mouseClick(dialog.export_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.written == out, timeout=10_000)
    text = out.read_text(encoding="utf-8")
    data = json.loads(text)
    assert data["mentions"]["included"] and sar_fixture.MENTION in text
    _only_wren(text)
    dialog.result_message.close()


def test_the_dialog_looks_right(qtbot, make_window, driver, sar_folder, passphrase, tmp_path):
    window = open_unlocked(qtbot, make_window, driver, sar_folder, passphrase)
    view = _view_for(qtbot, window, "Wren")
    dialog = _open_dialog(qtbot, view, tmp_path / "w.pdf")
    shots = Path(os.environ.get("REFLECT_SHOTS", tmp_path))
    view.window().grab().save(str(shots / "sar-view.png"))
    dialog.grab().save(str(shots / "sar-dialog.png"))
    app = QApplication.instance()
    previous = app.palette()
    app.setPalette(dark_palette())
    try:
        dark = SubjectAccessDialog(view.supervision, view.person)
        qtbot.addWidget(dark)
        dark.show()
        qtbot.waitExposed(dark)
        dark.grab().save(str(shots / "sar-dialog-dark.png"))
    finally:
        app.setPalette(previous)
    assert dialog.export_button.isDefault()
    assert dialog.sizeHint().width() <= 900
