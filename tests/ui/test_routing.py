"""Records chosen in the journal list open in the record form; Ctrl+Shift+N from anywhere."""

from PySide6.QtCore import Qt

from reflect.journal.journal import Journal
from reflect.supervision.records import Supervision
from tests.ui.conftest import PASSPHRASE


def test_a_record_chosen_in_the_journal_list_opens_in_the_record_form(
        qtbot, make_window, driver, existing, folder):
    with Journal.unlock(folder, passphrase=PASSPHRASE) as journal:
        supervision = Supervision(journal)
        person = supervision.add_supervisee("Kestrel")
        start = supervision.start_record(person.id, "one_to_one")
        start.entry.sections["challenge"] = "We disagreed about the threshold."
        record = supervision.save_record(start.entry)
    window = make_window(folder)
    driver.unlock(window, PASSPHRASE)
    driver.wait_unlocked(window)
    window.shell.show_page("Journal")
    page = window.shell.page("Journal")
    qtbot.waitUntil(lambda: page.model.rowCount() >= 2, timeout=5_000)
    row = page.model.row_of(record.entry.id)
    page.list_view.setFocus()
    page.list_view.setCurrentIndex(page.model.index(row, 0))
    qtbot.waitUntil(lambda: window.shell.current_page_name == "Supervision", timeout=5_000)
    supervision_page = window.shell.page("Supervision")
    assert supervision_page.form.isVisible()


def test_ctrl_shift_n_starts_a_supervision_record_from_any_page(
        qtbot, make_window, driver, existing, folder):
    window = make_window(folder)
    driver.unlock(window, PASSPHRASE)
    driver.wait_unlocked(window)
    window.shell.show_page("Prompts")
    qtbot.keyClick(window.shell.page("Prompts"), Qt.Key.Key_N,
                   Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    qtbot.waitUntil(lambda: window.shell.current_page_name == "Supervision", timeout=5_000)
    assert window.shell.page("Supervision").form.isVisible()
