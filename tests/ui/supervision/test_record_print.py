"""Print… in the record form: Ctrl+P or Tab to the button and Enter, the saved record on paper
with its fields, actions and signature lines, sensitive sections only when ticked, no file."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from reflect.store.models import Action
from reflect.supervision.record_export import AGREEMENT, CONFIDENTIAL
from reflect.supervision.records import Supervision
from tests.ui.conftest import open_unlocked
from tests.ui.printing import PrintToFile, cancel, empty_tmp, pages_text
from tests.ui.supervision.seed import seed_kestrel

CTRL = Qt.KeyboardModifier.ControlModifier
TODAY = date.today()


@pytest.fixture
def window(qtbot, make_window, driver, folder: Path, cheap, passphrase):
    """Kestrel with one saved record: a challenge, an action done and one open, wellbeing."""
    seed_kestrel(folder, cheap, passphrase, [
        Action(description="Chronology to the school", owner="Kestrel",
               due_on=TODAY - timedelta(days=20)),
        Action(description="Ask health for the growth charts", owner="Kestrel",
               due_on=TODAY + timedelta(days=3))], done=0,
        challenge="Kestrel felt the **threshold** was met; we agreed to escalate.",
        wellbeing="Sleeping badly since the court hearing.")
    return open_unlocked(qtbot, make_window, driver, folder, passphrase)


def _open_form(window):
    window.shell.show_page("Supervision")
    page = window.shell.page("Supervision")
    person = page.current_person()
    window.shell.open_entry(Supervision(window.journal).records_for(person.id)[-1].id)
    return page.form


def test_ctrl_p_prints_the_saved_record_with_its_fields(qtbot, window, tmp_path, monkeypatch):
    tmp = empty_tmp(tmp_path, monkeypatch)
    form = _open_form(window)
    out = tmp_path / "record.pdf"
    form.record_printer.choose_printer = choose = PrintToFile(out)
    form.exporter.include_sensitive.setChecked(False)
    field = form.body.fields["challenge"]
    field.setFocus()
    qtbot.keyClick(window.focusWidget(), Qt.Key.Key_P, CTRL)
    qtbot.waitUntil(lambda: choose.asked == 1, timeout=5_000)
    assert form.status_text() == "Sent to the printer"

    text = " ".join(pages_text(out))
    assert "Kestrel" in text and "Challenge and differences of opinion" in text
    assert "threshold was met" in text and "**" not in text
    assert "Chronology to the school" in text and "attendance weekly" in text
    assert "Ask health for the growth charts" in text
    assert "Agreement" in text and "Supervisor Signed" in text and "Supervisee (Kestrel)" in text
    assert "Sleeping badly" not in text and "sensitive" not in text  # not ticked
    assert AGREEMENT in text and CONFIDENTIAL in text
    assert list(tmp.iterdir()) == []


def test_tab_to_print_and_enter_with_sensitive_sections_ticked(qtbot, window, tmp_path):
    form = _open_form(window)
    out = tmp_path / "record.pdf"
    form.record_printer.choose_printer = choose = PrintToFile(out)
    form.exporter.include_sensitive.setChecked(True)
    form.export_button.setFocus()
    qtbot.keyClick(form.export_button, Qt.Key.Key_Tab)  # Print sits after "Export record…"
    assert form.print_button.hasFocus()
    qtbot.keyClick(form.print_button, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: choose.asked == 1, timeout=5_000)
    text = " ".join(pages_text(out))
    assert "Sleeping badly since the court hearing." in text
    assert "Wellbeing · sensitive Sleeping badly" in text  # marked as in the record PDF
    assert text.count("· sensitive") == 1  # only the sensitive section
    assert choose.doc_name == form.title_edit.text()


def test_an_unsaved_change_is_saved_before_printing_and_cancel_prints_nothing(
        qtbot, window, tmp_path):
    form = _open_form(window)
    form.record_printer.choose_printer = cancel
    form.body.fields["supervisee_comments"].set_value("Agreed, with one change.")
    assert not form.record_printer.print_record()
    assert not form.is_dirty  # saved first: a printed record is a saved one
    out = tmp_path / "record.pdf"
    form.record_printer.choose_printer = PrintToFile(out)
    assert form.record_printer.print_record()
    assert "Agreed, with one change." in " ".join(pages_text(out))
