"""Enter presses the focused button on every page (issue 12, item 4), and every dialog has a
default button, so Enter does what the dialog is for without reaching for the mouse."""

from __future__ import annotations

import importlib
import inspect
import pkgutil
from collections.abc import Callable
from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QDialog, QPushButton, QWidget

import reflect.ui
from reflect.common.settings import Settings
from reflect.content.library import load_attributes, load_prompt_sets
from reflect.journal.journal import Journal
from reflect.supervision.records import Supervision
from tests.ui.conftest import open_unlocked


def _press_enter(qtbot, button: QPushButton) -> None:
    button.setFocus()
    assert button.hasFocus()
    qtbot.keyClick(button, Qt.Key.Key_Return)


def test_enter_on_answer_this_on_home_starts_the_answer(qtbot, make_window, driver, existing,
                                                       passphrase):
    window = open_unlocked(qtbot, make_window, driver, existing[0], passphrase)
    home = window.shell.page("Home")
    assert window.shell.current_page_name == "Home"
    prompt = home.prompt_card.prompt
    _press_enter(qtbot, home.prompt_card.answer_button)
    qtbot.waitUntil(lambda: window.shell.current_page_name == "Journal", timeout=2_000)
    assert window.shell.page("Journal").editor.prompt_id == prompt.id


def test_enter_presses_buttons_made_after_the_page(qtbot, make_window, driver, folder, cheap,
                                                   passphrase):
    """The record form's "Add action" is built with the record, long after the shell."""
    journal, _ = Journal.create(folder, passphrase, cheap)
    with journal:
        Supervision(journal).add_supervisee("Kestrel", role="Social worker")
    window = open_unlocked(qtbot, make_window, driver, folder, passphrase)
    window.shell.show_page("Supervision")
    page = window.shell.page("Supervision")
    _press_enter(qtbot, page.view.new_button)
    qtbot.waitUntil(lambda: page.stack.currentWidget() is page.form, timeout=2_000)
    editor = page.form.body.action_editor
    before = len(editor.rows)
    _press_enter(qtbot, editor.add_button)
    qtbot.waitUntil(lambda: len(editor.rows) == before + 1, timeout=2_000)


# -- dialogs -----------------------------------------------------------------------------------
def _dialog_classes() -> set[type[QDialog]]:
    found: set[type[QDialog]] = set()
    for info in pkgutil.walk_packages(reflect.ui.__path__, "reflect.ui."):
        module = importlib.import_module(info.name)
        for _name, value in inspect.getmembers(module, inspect.isclass):
            if issubclass(value, QDialog) and value.__module__ == info.name:
                found.add(value)
    return found


#: Dialogs with no buttons at all: Enter opens the chosen search hit, Esc closes.
NO_BUTTONS = {"SearchDialog"}


@pytest.fixture
def journal(folder: Path, cheap, passphrase):
    journal, _ = Journal.create(folder, passphrase, cheap)
    yield journal
    if journal.is_open:
        journal.close()


def _makers(journal: Journal, folder: Path) -> dict[str, Callable[[], QWidget]]:
    from reflect.coaching import plan
    from reflect.feedback.rounds import create_round
    from reflect.supervision.supervisee_copy import Returned
    from reflect.ui.climate.checkin_dialog import ClimateDialog
    from reflect.ui.coaching.evidence_chooser import EvidenceChooser
    from reflect.ui.coaching.goal_dialog import GoalDialog
    from reflect.ui.feedback.forms_dialog import MakeFormsDialog
    from reflect.ui.feedback.import_report import ImportReportDialog
    from reflect.ui.feedback.round_dialog import NewRoundDialog
    from reflect.ui.help.dialogs import AboutDialog, HelpDialog, TextDialog
    from reflect.ui.interchange.export_dialog import ExportDialog
    from reflect.ui.interchange.import_dialog import ImportDialog
    from reflect.ui.privacy.delete_dialog import DeleteSuperviseeDialog
    from reflect.ui.privacy.subject_access_dialog import SubjectAccessDialog
    from reflect.ui.profile.attribute_prompts import AttributePrompts
    from reflect.ui.profile.mentor_export_dialog import MentorExportDialog
    from reflect.ui.profile.rating_dialog import RatingDialog
    from reflect.ui.safety.preferences import PreferencesDialog
    from reflect.ui.safety.restore_dialog import RestoreDialog
    from reflect.ui.safety.security_dialog import SecurityDialog
    from reflect.ui.supervision.audit_view import AuditDialog
    from reflect.ui.supervision.supervisee_dialog import SuperviseeDialog
    from reflect.ui.supervision.supervisee_export import ReadBackDialog
    from reflect.ui.supervision.template_editor import TemplateEditor

    attributes = load_attributes()
    prompts = list(load_prompt_sets(attributes=attributes).sets[0].prompts[:3])
    supervision = Supervision(journal)
    journal.add_entry("After the panel", "It went well.")
    goal_id = plan.add_goal(journal, "Present to the panel")
    autumn = create_round(journal, "Autumn 360", {"peer": 3})
    curlew = supervision.add_supervisee("Curlew").id
    return {
        "DeleteSuperviseeDialog": lambda: DeleteSuperviseeDialog(journal, curlew),
        "GoalDialog": lambda: GoalDialog(journal),
        "ClimateDialog": lambda: ClimateDialog(journal),
        "EvidenceChooser": lambda: EvidenceChooser(journal, goal_id, "Present to the panel"),
        "TextDialog": lambda: TextDialog("Licence", "Some text"),
        "AboutDialog": lambda: AboutDialog(folder),
        "HelpDialog": lambda: HelpDialog(),
        "PreferencesDialog": lambda: PreferencesDialog(Settings.load()),
        "RestoreDialog": lambda: RestoreDialog([]),
        "SecurityDialog": lambda: SecurityDialog(journal),
        "SuperviseeDialog": lambda: SuperviseeDialog(supervision),
        "TemplateEditor": lambda: TemplateEditor(supervision),
        "MentorExportDialog": lambda: MentorExportDialog(journal),
        "RatingDialog": lambda: RatingDialog(journal, attributes),
        "AttributePrompts": lambda: AttributePrompts("Partnerships", "How well?", prompts),
        "ExportDialog": lambda: ExportDialog(journal),
        "SubjectAccessDialog": lambda: SubjectAccessDialog(
            supervision, supervision.add_supervisee("Wren")),
        "ImportDialog": lambda: ImportDialog(journal),
        "NewRoundDialog": lambda: NewRoundDialog(journal),
        "MakeFormsDialog": lambda: MakeFormsDialog(journal, autumn),
        "ImportReportDialog": lambda: ImportReportDialog(journal, [folder / "form.pdf"]),
        "AuditDialog": lambda: AuditDialog(journal),
        "ReadBackDialog": lambda: ReadBackDialog(Returned(
            folder / "returned.pdf", "Agreed, thank you.", True, date.today(), True, "K")),
    }


#: The button Enter presses in each dialog while the focus is in a field or list.
DEFAULTS = {"TextDialog": "Close", "AboutDialog": "Close", "HelpDialog": "Close",
            "PreferencesDialog": "OK", "RestoreDialog": "Lock and restore",
            "SecurityDialog": "Change passphrase", "SuperviseeDialog": "Save",
            "TemplateEditor": "Save copy", "MentorExportDialog": "Save PDF…",
            "RatingDialog": "Save", "AttributePrompts": "Answer this",
            "ExportDialog": "&Export", "ImportDialog": "&Preview",
            "SubjectAccessDialog": "&Export",
            "ReadBackDialog": "Take it in", "GoalDialog": "Save", "EvidenceChooser": "Link",
            "ClimateDialog": "Save", "NewRoundDialog": "Save", "MakeFormsDialog": "Make forms",
            "ImportReportDialog": "Close", "AuditDialog": "Save PDF…",
            "DeleteSuperviseeDialog": "Delete for good"}


def _focus_off_buttons(dialog: QDialog) -> None:
    """Where the user types or chooses: a focused button would be the default by itself."""
    for widget in dialog.findChildren(QWidget):
        if (not isinstance(widget, QPushButton) and widget.isVisible() and widget.isEnabled()
                and widget.focusPolicy() & Qt.FocusPolicy.TabFocus):
            widget.setFocus()
            return


def test_every_dialog_has_the_right_default_button(qtbot, journal, folder):
    makers = _makers(journal, folder)
    classes = {cls.__name__ for cls in _dialog_classes()}
    assert classes - NO_BUTTONS == set(makers) == set(DEFAULTS)  # a new dialog joins this test
    found = {}
    for name, make in makers.items():
        dialog = make()
        qtbot.addWidget(dialog)
        dialog.show()
        qtbot.waitExposed(dialog)
        _focus_off_buttons(dialog)
        assert not isinstance(QApplication.focusWidget(), QPushButton)
        found[name] = next((b.text() for b in dialog.findChildren(QPushButton)
                            if b.isDefault()), None)
        dialog.close()
    assert found == DEFAULTS


def test_enter_closes_the_help_dialog(qtbot):
    from reflect.ui.help.dialogs import HelpDialog

    dialog = HelpDialog()
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    dialog.view.setFocus()
    with qtbot.waitSignal(dialog.finished, timeout=2_000):
        qtbot.keyClick(dialog.view, Qt.Key.Key_Return)


def test_message_boxes_have_a_default_button(qtbot, tmp_path):
    from reflect.ui.safety.journal_actions import ask_open_anyway, show_message

    holder = QWidget()
    qtbot.addWidget(holder)
    holder.show()
    for box in (show_message(holder, "Backed up", "Done."),
                ask_open_anyway(holder, lambda: None)):
        qtbot.waitExposed(box)
        assert any(b.isDefault() for b in box.findChildren(QPushButton)), box.text()
        box.close()
