"""The record form through the real window: a widget per field type with its guidance, the
case-notes reminder and the sensitive mark, keyboard-only actions, autosave, closed actions
kept as history, Markdown and PDF export read back, and how it looks in light and dark."""

from __future__ import annotations

import os
import stat
from datetime import date, timedelta
from pathlib import Path

import pytest
from pypdf import PdfReader
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QImage
from PySide6.QtWidgets import QApplication, QComboBox, QLabel

from reflect.content.templates import CASE_NOTES_HINT
from reflect.journal.journal import Journal
from reflect.store.models import Action
from reflect.supervision.records import Supervision
from reflect.ui.supervision.record_fields import (
    ChoiceField,
    DateField,
    ScaleField,
    SuperviseeField,
    TextField,
    YesNoField,
)
from tests.ui.conftest import dark_palette, open_unlocked

CTRL = Qt.KeyboardModifier.ControlModifier
TODAY = date.today()
CHALLENGE = ("Kestrel felt the **threshold** was met; I asked for the evidence of cumulative "
             "harm. We agreed to escalate to the team manager.")


@pytest.fixture
def seeded(folder: Path, cheap, passphrase) -> Path:
    """Kestrel with one earlier record: one action done, one open and overdue."""
    journal, _ = Journal.create(folder, passphrase, cheap)
    with journal:
        sup = Supervision(journal)
        kestrel = sup.add_supervisee("Kestrel", role="Social worker")
        start = sup.start_record(kestrel.id, "one_to_one", TODAY - timedelta(days=30))
        start.entry.sections.update(challenge=CHALLENGE, supervisee_comments="Agreed.")
        record = sup.save_record(start.entry, [
            Action(description="Chronology to the school", owner="Kestrel",
                   due_on=TODAY - timedelta(days=20)),
            Action(description="Ask health for the growth charts", owner="Kestrel",
                   due_on=TODAY - timedelta(days=3))])
        sup.complete(record.actions[0].id, "The school now shares attendance weekly.")
    return folder


@pytest.fixture
def window(qtbot, make_window, driver, seeded, passphrase):
    return open_unlocked(qtbot, make_window, driver, seeded, passphrase)


def _page(window):
    window.shell.show_page("Supervision")
    return window.shell.page("Supervision")


def _first_record(window) -> int:
    return Supervision(window.journal).records_for(
        _page(window).current_person().id)[-1].id


def test_each_section_type_gets_its_widget_with_guidance(qtbot, window):
    page = _page(window)
    assert page.new_record("one_to_one")
    form = page.form
    fields = form.body.fields
    kinds = {key: type(field) for key, field in fields.items()}
    assert kinds["supervisee"] is SuperviseeField and kinds["challenge"] is TextField
    assert kinds["challenge_outcome"] is ChoiceField and kinds["child_file"] is YesNoField
    assert kinds["workload"] is ScaleField and kinds["next_session"] is DateField
    assert "way_forward" not in fields and form.body.action_editor is not None
    labels = [w.text() for w in form.body.boxes["challenge"].findChildren(QLabel)]
    assert CASE_NOTES_HINT in labels and any("differences of opinion" in t for t in labels)
    wellbeing = [w.text() for w in form.body.boxes["wellbeing"].findChildren(QLabel)]
    assert "Sensitive" in wellbeing and CASE_NOTES_HINT not in wellbeing
    assert "Required" in [w.text() for w in form.body.boxes["supervisee"].findChildren(QLabel)]
    assert all(label.textFormat() == Qt.TextFormat.PlainText
               for label in form.findChildren(QLabel) if label.text())

    # Unanswered stays unanswered: nothing claims an answer until one is given (the role on
    # case-file notes starts as the one last used, and is not content of its own; the
    # session, planned and held, is stored as none).
    assert form.form_state()["sections"] == {
        **dict.fromkeys(fields), "supervisee": "Kestrel", "_agreement": None,
        "_session": None, "_case_role": "Supervisor"}
    assert not form.has_content
    fields["child_file"].set_value(False)
    fields["workload"].slider.setValue(8)
    fields["next_session"].set_value((TODAY + timedelta(days=28)).isoformat())
    fields["challenge_outcome"].combo.setCurrentIndex(2)
    state = form.form_state()["sections"]
    assert (state["child_file"], state["workload"], state["challenge_outcome"]) == (
        False, 8, "Escalated")
    assert state["next_session"] == (TODAY + timedelta(days=28)).isoformat()
    assert isinstance(fields["supervisee"].combo, QComboBox)


def test_actions_by_keyboard_and_autosave(qtbot, window):
    page = _page(window)
    page.new_record("one_to_one")
    form = page.form
    editor = form.body.action_editor
    qtbot.mouseClick(editor.add_button, Qt.MouseButton.LeftButton)
    first = editor.rows[0]
    assert first.due_edit.value() == TODAY + timedelta(days=28)
    qtbot.keyClicks(first.description_edit, "Visit with the interpreter")
    qtbot.keyClick(first.description_edit, Qt.Key.Key_Return)  # a new row, focused
    assert len(editor.rows) == 2 and editor.rows[1].description_edit.hasFocus()
    qtbot.keyClick(editor.rows[1].description_edit, Qt.Key.Key_Return)  # blank: no third
    assert len(editor.rows) == 2
    qtbot.keyClicks(editor.rows[1].description_edit, "Mistake")
    qtbot.keyClick(editor.rows[1].description_edit, Qt.Key.Key_Delete, CTRL)
    assert [r.state()["description"] for r in editor.rows] == ["Visit with the interpreter"]
    key = form.draft_key
    qtbot.waitUntil(lambda: key in window.journal.drafts(), timeout=4_000)
    draft = window.journal.drafts()[key]
    assert draft["state"]["actions"][0]["description"] == "Visit with the interpreter"
    assert "kept as an encrypted draft" in form.status_label.toolTip()


def test_an_earlier_record_keeps_closed_actions_read_only(qtbot, window):
    page = _page(window)
    assert window.shell.open_entry(_first_record(window))
    form = page.form
    assert window.shell.current_page_name == "Supervision" and form.body.review.isHidden()
    done, still_open = form.body.action_editor.rows
    assert done.description_edit.isReadOnly() and not done.remove_button.isEnabled()
    assert "attendance weekly" in done.note.text() and done.status_label.text() == "Done"
    assert not still_open.description_edit.isReadOnly()
    assert form.body.fields["challenge"].value() == CHALLENGE
    box = form.body.boxes["challenge"]
    box.preview_button.click()  # the preview shows the Markdown formatted, nothing loaded
    preview = form.body.fields["challenge"].preview
    assert form.body.fields["challenge"].previewing
    assert "threshold" in preview.toPlainText() and "**" not in preview.toPlainText()
    assert preview.resource_requests == []
    box.preview_button.click()
    assert not form.body.fields["challenge"].previewing


def test_export_markdown_and_pdf_from_the_form(qtbot, window, tmp_path):
    page = _page(window)
    window.shell.open_entry(_first_record(window))
    form = page.form
    form.body.fields["wellbeing"].set_value("Sleeping badly since the court hearing.")
    assert not form.exporter.include_sensitive.isChecked()  # sensitive sections: opt-in
    pdf = tmp_path / "record.pdf"
    assert form.exporter.export_pdf(pdf)  # saves the change first
    qtbot.waitUntil(lambda: form.exporter.last_export == pdf, timeout=20_000)
    assert form.status_text() == "Exported to record.pdf, not encrypted"
    assert not PdfReader(pdf).is_encrypted
    words = " ".join("\n".join(p.extract_text() for p in PdfReader(pdf).pages).split())
    assert "The school now shares attendance weekly." in words
    assert "cumulative harm" in words and "Agreed." in words
    assert "Sleeping badly" not in words and "Wellbeing" not in words

    form.exporter.include_sensitive.trigger()  # ticked in the menu: now they go too
    markdown = tmp_path / "record.md"
    assert form.exporter.export_markdown(markdown)
    assert form.status_text() == "Exported to record.md, not encrypted"
    text = markdown.read_text()
    assert "## Challenge and differences of opinion" in text and "**threshold**" in text
    assert "The school now shares attendance weekly." in text
    assert "Sleeping badly" in text
    assert stat.S_IMODE(os.stat(markdown).st_mode) == 0o600


def test_record_form_light_and_dark(qtbot, window, tmp_path):
    """Render the form with realistic content: the review, text, the actions table."""
    target = Path(os.environ.get("REFLECT_SHOTS_DIR") or tmp_path)
    target.mkdir(parents=True, exist_ok=True)
    app = QApplication.instance()
    previous = app.palette()
    page = _page(window)
    page.new_record("one_to_one")
    form = page.form
    fields = form.body.fields
    fields["agenda"].set_value("The H. family (case 4471); caseload; training.")
    fields["experiencing"].set_value("Two visits.\n\n- late visit on Tuesday\n- school "
                                     "meeting\n\nMum was **more open** this time.")
    fields["challenge"].set_value(CHALLENGE)
    fields["challenge_outcome"].set_value("Escalated")
    review = form.body.review.rows[0]
    review.ask_carry()
    editor = form.body.action_editor
    editor.add_row(focus=False).description_edit.setText("Strategy discussion with police")
    editor.rows[-1].owner_edit.setText("Kestrel")
    try:
        for mode in ("light", "dark"):
            app.setPalette(dark_palette() if mode == "dark" else previous)
            for size in ((1200, 800), (900, 600)):
                window.resize(*size)
                for part, section in (("top", None), ("actions", "way_forward")):
                    if section:
                        form.scroll_area.ensureWidgetVisible(form.body.boxes[section], 0, 40)
                    else:
                        form.scroll_area.verticalScrollBar().setValue(0)
                    qtbot.wait(30)
                    path = target / f"record-form-{part}-{mode}-{size[0]}.png"
                    assert window.grab().save(str(path))
                    image = QImage(str(path))
                    corner = QColor(image.pixel(image.width() - 40, image.height() - 60))
                    assert (corner.lightness() < 90) == (mode == "dark")
    finally:
        app.setPalette(previous)


def test_a_renamed_supervisee_keeps_their_records(qtbot, window):
    sup = Supervision(window.journal)
    entry_id = _first_record(window)
    kestrel = sup.record(entry_id).person
    sup.rename_supervisee(kestrel.id, "Kestrel B")
    assert window.shell.open_entry(entry_id)
    form = _page(window).form
    assert form.form_state()["sections"]["supervisee"] == "Kestrel B"
    form.body.fields["learning"].set_value("Reading on cumulative harm.")
    assert form.save()
    saved = sup.record(entry_id).entry
    assert saved.person_id == kestrel.id and saved.sections["supervisee"] == "Kestrel B"


def test_a_record_whose_template_is_gone_still_opens_and_loses_nothing(qtbot, window):
    from reflect.content.templates import duplicate_template, load_templates

    sup = Supervision(window.journal)
    gibbs = load_templates().by_id("gibbs")
    path = duplicate_template(gibbs, "Gibbs, my way")
    sup.templates(reload=True)
    copy = sup.template(path.stem)
    start = sup.start_record(None, copy.id)
    start.entry.sections.update(description="The panel meeting.", feelings="Anxious.",
                                confidence=6)
    record = sup.save_record(start.entry)
    path.unlink()
    page = _page(window)
    page.supervision.templates(reload=True)
    assert window.shell.open_entry(record.entry.id)
    form = page.form
    assert form.template.name == "Record (template missing)"
    assert form.body.fields["description"].value() == "The panel meeting."
    form.body.fields["feelings"].set_value("Anxious, then steadier.")
    assert form.save()
    sections = sup.record(record.entry.id).entry.sections
    assert sections["feelings"] == "Anxious, then steadier." and sections["confidence"] == 6
