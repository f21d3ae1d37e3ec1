"""Agreeing the record in the window: the Agreement panel driven by keys and saved with
Ctrl+S; "Export for the supervisee…" writes the fillable PDF and marks the record shared; the
PDF filled in as the supervisee would (pypdf), read back through the menu with the chooser
handed in, shown, and taken in with Enter; another record's PDF refused, nothing changed."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

import pytest
from pypdf import PdfReader, PdfWriter
from PySide6.QtCore import Qt

from reflect.journal.journal import Journal
from reflect.supervision.agreement import AGREEMENT_KEY, agreement_of
from reflect.supervision.records import Supervision
from reflect.supervision.supervisee_copy import export_supervisee_pdf
from tests.ui.conftest import dark_palette, open_unlocked

CTRL = Qt.KeyboardModifier.ControlModifier
TODAY = date.today()
SESSION = TODAY - timedelta(days=10)


@pytest.fixture
def window(qtbot, make_window, driver, folder: Path, cheap, passphrase):
    journal, _ = Journal.create(folder, passphrase, cheap)
    with journal:
        sup = Supervision(journal)
        kestrel = sup.add_supervisee("Kestrel", role="Social worker")
        start = sup.start_record(kestrel.id, "one_to_one", SESSION)
        start.entry.sections.update(challenge="We disagreed about the threshold.",
                                    wellbeing="Sleeping badly.",
                                    supervisor_notes="Raise the caseload upstairs.")
        sup.save_record(start.entry, [])
    return open_unlocked(qtbot, make_window, driver, folder, passphrase)


def _open_form(window):
    window.shell.show_page("Supervision")
    page = window.shell.page("Supervision")
    person = page.current_person()
    window.shell.open_entry(Supervision(window.journal).records_for(person.id)[-1].id)
    return page.form


def _menu_action(form, text: str):
    return next(a for a in form.export_button.menu().actions() if a.text() == text)


def _stored(window, form):
    return agreement_of(Supervision(window.journal).record(form.entry_id).entry)


def _fill(path: Path, out: Path, values: dict[str, str]) -> Path:
    writer = PdfWriter(clone_from=PdfReader(str(path)))
    for page in writer.pages:
        if "/Annots" in page:
            writer.update_page_form_field_values(page, values, auto_regenerate=False)
    with open(out, "wb") as handle:
        writer.write(handle)
    return out


def test_the_panel_by_keys_dates_and_a_comment_saved_with_ctrl_s(qtbot, window, tmp_path):
    form = _open_form(window)
    panel = form.body.agreement
    assert panel is not None and panel.status.text() == "Not shared with the supervisee yet"
    shared = (SESSION + timedelta(days=1)).strftime("%d/%m/%Y")
    panel.shared_edit.setFocus()
    qtbot.keyClicks(panel.shared_edit, shared)
    qtbot.keyClick(panel.shared_edit, Qt.Key.Key_Tab)
    assert panel.agreed_edit.hasFocus()
    qtbot.keyClick(panel.agreed_edit, Qt.Key.Key_Tab)
    assert panel.comment_edit.hasFocus()
    qtbot.keyClicks(panel.comment_edit, "I'd add the school's view on attendance.")
    qtbot.keyClick(panel.comment_edit, Qt.Key.Key_Tab)
    qtbot.keyClick(window.focusWidget(), Qt.Key.Key_Tab)  # past the comment's date
    assert panel.add_button.hasFocus()
    qtbot.keyClick(panel.add_button, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: len(panel.rows) == 1, timeout=2_000)
    assert panel.comment_edit.toPlainText() == "" and panel.comment_edit.hasFocus()
    assert panel.status.text().startswith("Shared on ")
    assert form.status_text() != "Saved"
    qtbot.keyClick(panel.comment_edit, Qt.Key.Key_S, CTRL)
    qtbot.waitUntil(lambda: form.status_text().startswith("Saved at"), timeout=5_000)
    stored = _stored(window, form)
    assert stored.shared_on == SESSION + timedelta(days=1) and stored.agreed_on is None
    assert [(c.on, c.text, c.via) for c in stored.comments] == [
        (TODAY, "I'd add the school's view on attendance.", "typed")]

    # Remove, by keys, and save again: the comment is gone from the record.
    panel.rows[0].remove_button.setFocus()
    qtbot.keyClick(panel.rows[0].remove_button, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not panel.rows, timeout=2_000)
    qtbot.keyClick(window.focusWidget(), Qt.Key.Key_S, CTRL)
    qtbot.waitUntil(lambda: _stored(window, form).comments == (), timeout=5_000)


def test_an_empty_comment_is_not_added_and_says_why(qtbot, window):
    form = _open_form(window)
    panel = form.body.agreement
    panel.add_button.setFocus()
    qtbot.keyClick(panel.add_button, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not panel.problem.isHidden(), timeout=2_000)
    assert panel.problem.text() == "Write the supervisee's comment first."
    assert panel.rows == [] and panel.comment_edit.hasFocus()


def test_export_fill_and_read_back_through_the_menu(qtbot, window, tmp_path):
    form = _open_form(window)
    exporter = form.supervisee_export
    copy = tmp_path / "for-kestrel.pdf"
    exporter.choose_save = lambda parent, start: copy
    _menu_action(form, "Export for the supervisee…").trigger()
    qtbot.waitUntil(lambda: exporter.last_export == copy, timeout=15_000)
    assert _stored(window, form).shared_on == TODAY
    words = " ".join(p.extract_text() for p in PdfReader(str(copy)).pages)
    assert "threshold" in words and "Sleeping badly" not in words
    assert "caseload upstairs" not in words

    returned = _fill(copy, tmp_path / "returned.pdf", {
        "comments": "Fair record. I would add that the school raised it first.",
        "agreed": "/Yes", "signed_name": "K", "signed_date": TODAY.strftime("%d/%m/%Y")})
    exporter.choose_returned = lambda parent, start: returned
    _menu_action(form, "Read back returned PDF…").trigger()
    qtbot.waitUntil(lambda: exporter.dialog is not None and exporter.dialog.isVisible(),
                    timeout=15_000)
    dialog = exporter.dialog
    assert dialog.texts()[:2] == [
        "Comments: Fair record. I would add that the school raised it first.", "Agreed: yes"]
    assert _stored(window, form).comments == ()  # nothing taken in before the confirm
    dialog.grab().save(str(tmp_path / "read-back.png"))
    qtbot.keyClick(dialog.focusWidget() or dialog, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: _stored(window, form).agreed_on == TODAY, timeout=5_000)
    stored = _stored(window, form)
    assert [(c.text, c.via) for c in stored.comments] == [
        ("Fair record. I would add that the school raised it first.", "pdf")]
    panel = form.body.agreement
    assert panel.status.text().startswith("Agreed on ") and len(panel.rows) == 1
    assert panel.rows[0].when.text().endswith("from the returned PDF")
    assert form.status_text() in ("Read back returned.pdf: agreed, comments added", "Saved")
    assert not form.is_dirty
    qtbot.wait(50)  # the new row laid out, as the event loop would before painting
    form.body.agreement.grab().save(str(tmp_path / "panel.png"))
    form.setPalette(dark_palette())
    form.body.agreement.grab().save(str(tmp_path / "panel-dark.png"))


def test_the_pdf_of_another_record_is_refused_in_the_window(qtbot, window, tmp_path):
    form = _open_form(window)
    sup = Supervision(window.journal)
    other = sup.start_record(form.person_id, "one_to_one", TODAY - timedelta(days=2))
    other_id = sup.save_record(other.entry, []).entry.id
    copy = export_supervisee_pdf(sup.record(other_id), tmp_path / "other.pdf")
    returned = _fill(copy, tmp_path / "other-returned.pdf",
                     {"comments": "Agreed.", "agreed": "/Yes"})
    before = dict(sup.record(form.entry_id).entry.sections or {})
    form.supervisee_export.choose_returned = lambda parent, start: returned
    _menu_action(form, "Read back returned PDF…").trigger()
    qtbot.waitUntil(lambda: not form.error.isHidden(), timeout=15_000)
    assert "other-returned.pdf is the comments form of another record" in form.error.text()
    assert form.supervisee_export.dialog is None
    assert dict(sup.record(form.entry_id).entry.sections or {}) == before
    assert AGREEMENT_KEY not in before


def test_a_damaged_pdf_is_refused_in_the_window(qtbot, window, tmp_path):
    form = _open_form(window)
    bad = tmp_path / "scan.pdf"
    bad.write_bytes(b"%PDF-1.4 not really")
    form.supervisee_export.choose_returned = lambda parent, start: bad
    _menu_action(form, "Read back returned PDF…").trigger()
    qtbot.waitUntil(lambda: not form.error.isHidden(), timeout=15_000)
    assert "scan.pdf is damaged or not a PDF" in form.error.text()
    assert _stored(window, form).empty
