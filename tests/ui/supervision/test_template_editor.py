"""Templates through the real window: malformed user files are named by file and line while
the others load; a shipped template is read-only; a copy is duplicated, edited, saved, and
a record is then started from it."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from reflect.content.templates import builtin_templates_dir, load_templates, user_templates_dir
from reflect.ui.supervision.record_fields import ScaleField
from tests.ui.supervision.test_page import journal_folder, open_window, supervision_page  # noqa: F401

BROKEN_TOML = 'id = "broken"\nname = "Broken\nkind = "supervision"\n'
UNKNOWN_TYPE = """id = "odd_type"
name = "Odd type"
kind = "supervision"

[[sections]]
id = "notes"
title = "Notes"
type = "text"

[[sections]]
id = "clip"
title = "A video"
type = "video"
"""
DUPLICATE_ID = """id = "twice"
name = "Twice"
kind = "reflection"

[[sections]]
id = "agenda"
title = "Agenda"
type = "text"

[[sections]]
id = "agenda"
title = "Agenda again"
type = "text"
"""
GOOD = """id = "team_huddle"
name = "Team huddle"
kind = "reflection"

[[sections]]
id = "notes"
title = "What came up"
type = "text"
"""


def _select(dialog, name: str) -> None:
    index = next(i for i, t in enumerate(dialog.templates) if t.name == name)
    dialog.list.setCurrentRow(index)
    assert dialog.template.name == name


def _section(dialog, title: str) -> None:
    index = next(i for i, r in enumerate(dialog.rows) if r["title"] == title)
    dialog.sections.setCurrentRow(index)


@pytest.fixture
def user_files() -> Path:
    folder = user_templates_dir()
    folder.mkdir(parents=True, exist_ok=True)
    for name, text in (("broken.toml", BROKEN_TOML), ("odd_type.toml", UNKNOWN_TYPE),
                       ("twice.toml", DUPLICATE_ID), ("team_huddle.toml", GOOD)):
        (folder / name).write_text(text, encoding="utf-8")
    return folder


def test_malformed_templates_are_named_by_file_and_line_and_the_rest_load(
        qtbot, make_window, driver, journal_folder, passphrase, user_files):  # noqa: F811
    window = open_window(qtbot, make_window, driver, journal_folder, passphrase)
    page = supervision_page(window)
    assert page.view.template_note.text() == "3 template files were not loaded: Templates… " \
                                             "says why."
    combo = page.view.template_combo
    names = [combo.itemText(i) for i in range(combo.count())]
    assert "Team huddle (your copy)" in names and "One-to-one reflective supervision" in names
    qtbot.mouseClick(page.templates_button, Qt.MouseButton.LeftButton)
    dialog = page.dialog
    notice = dialog.load_errors.text()
    assert notice.startswith("3 template files could not be loaded and were skipped.")
    assert "broken.toml, line 2: is not valid TOML" in notice
    assert "odd_type.toml, line 13: section 'clip': unknown type 'video'" in notice
    assert "twice.toml, line 11: section id 'agenda' is used twice" in notice
    assert not dialog.load_errors.isHidden()
    assert {t.name for t in dialog.templates} >= {"Team huddle", "Gibbs reflection",
                                                 "One-to-one reflective supervision"}


def test_duplicate_a_shipped_template_edit_the_copy_and_use_it(
        qtbot, make_window, driver, journal_folder, passphrase):  # noqa: F811
    shipped = builtin_templates_dir() / "one_to_one.toml"
    before = hashlib.sha256(shipped.read_bytes()).hexdigest()
    window = open_window(qtbot, make_window, driver, journal_folder, passphrase)
    page = supervision_page(window)
    dialog = page.edit_templates()
    assert dialog.load_errors.isHidden()
    _select(dialog, "One-to-one reflective supervision")
    assert dialog.name_edit.isReadOnly() and not dialog.save_button.isEnabled()
    assert not dialog.read_only.isHidden()

    qtbot.mouseClick(dialog.duplicate_button, Qt.MouseButton.LeftButton)
    assert dialog.template.name == "One-to-one reflective supervision (my copy)"
    assert not dialog.template.builtin and dialog.save_button.isEnabled()
    assert dialog.name_edit.selectedText() == dialog.template.name  # ready to retype
    dialog.name_edit.setText("Quick one-to-one")
    dialog.purpose_edit.setPlainText("For a short check-in between full sessions.")
    _section(dialog, "Challenge and differences of opinion")
    qtbot.mouseClick(dialog.up_button, Qt.MouseButton.LeftButton)
    dialog.guidance_edit.setPlainText("Where did we disagree, and what happened next?")
    _section(dialog, "Learning and development")
    qtbot.mouseClick(dialog.remove_button, Qt.MouseButton.LeftButton)
    _section(dialog, "Challenge: where it stands")
    dialog.choices_edit.setPlainText("Resolved\nEscalated\nOpen\nParked")
    qtbot.mouseClick(dialog.add_button, Qt.MouseButton.LeftButton)
    assert dialog.title_edit.selectedText() == "New section"
    dialog.title_edit.setText("Confidence today")
    dialog.type_combo.setCurrentIndex(dialog.type_combo.findData("scale"))
    dialog.sensitive_box.setChecked(True)

    # An empty title is refused by the same checks as loading, and nothing is written.
    _section(dialog, "Agenda agreed")
    dialog.title_edit.clear()
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert "'title' is empty" in dialog.error.text()
    dialog.title_edit.setText("Agenda")
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert dialog.error.isHidden()
    assert hashlib.sha256(shipped.read_bytes()).hexdigest() == before

    saved = next(t for t in load_templates().templates if t.name == "Quick one-to-one")
    assert saved.path.parent == user_templates_dir() and saved.version == 2
    titles = [s.title for s in saved.sections]
    assert titles.index("Challenge and differences of opinion") < titles.index(
        "Analysing: hypotheses, risk and strengths")
    assert "Learning and development" not in titles and "Agenda" in titles
    assert saved.section("challenge").guidance == "Where did we disagree, and what happened next?"
    assert saved.section("challenge_outcome").choices[-1] == "Parked"
    added = saved.section("confidence_today")
    assert (added.type, added.sensitive) == ("scale", True)
    dialog.accept()

    # The copy is offered for a new record, and the form is built from it.
    combo = page.view.template_combo
    combo.setCurrentIndex(combo.findData(saved.id))
    assert combo.currentText() == "Quick one-to-one (your copy)"
    assert page.new_record()
    form = page.form
    assert form.template.id == saved.id
    assert isinstance(form.body.fields["confidence_today"], ScaleField)
    assert "learning" not in form.body.fields
    assert form.body.boxes["challenge_outcome"].field.combo.findText("Parked") > 0


def test_closing_saves_a_changed_copy(qtbot, make_window, driver, journal_folder,  # noqa: F811
                                      passphrase, user_files):
    window = open_window(qtbot, make_window, driver, journal_folder, passphrase)
    dialog = supervision_page(window).edit_templates()
    _select(dialog, "Team huddle")
    dialog.name_edit.setText("Team huddle (Fridays)")
    dialog.close_button.click()
    assert not dialog.isVisible()
    assert 'name = "Team huddle (Fridays)"' in (user_files / "team_huddle.toml").read_text()
