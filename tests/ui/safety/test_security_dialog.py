"""File > Security… on a real journal: passphrase change, new recovery key, remember."""

import pytest
from PySide6.QtWidgets import QDialogButtonBox

from reflect.common.errors import WrongSecret
from reflect.journal.journal import Journal
from reflect.ui.safety.security_dialog import SecurityDialog
from tests.ui.conftest import PASSPHRASE


@pytest.fixture
def open_journal(existing, folder):
    journal = Journal.unlock(folder, passphrase=PASSPHRASE)
    yield journal
    if journal.is_open:
        journal.close()


def make_dialog(qtbot, journal, cheap):
    dialog = SecurityDialog(journal, kdf_params=cheap)
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def test_change_passphrase(qtbot, open_journal, folder, cheap):
    dialog = make_dialog(qtbot, open_journal, cheap)
    assert not dialog.change_button.isEnabled()
    qtbot.keyClicks(dialog.current, PASSPHRASE)
    qtbot.keyClicks(dialog.new, "short")
    assert not dialog.change_button.isEnabled()
    assert "10 characters" in dialog.strength.text()
    dialog.new.clear()
    qtbot.keyClicks(dialog.new, "quiet river granite lamp")
    qtbot.keyClicks(dialog.repeat, "quiet river granite lamp")
    assert dialog.change_button.isEnabled()
    dialog.change_button.click()
    qtbot.waitUntil(lambda: "changed" in dialog.done_label.text(), timeout=10_000)
    assert dialog.current.text() == ""
    open_journal.close()
    with pytest.raises(WrongSecret):
        Journal.unlock(folder, passphrase=PASSPHRASE)
    Journal.unlock(folder, passphrase="quiet river granite lamp").close()


def test_wrong_current_passphrase_changes_nothing(qtbot, open_journal, folder, cheap):
    keys_before = (folder / "journal.keys").read_bytes()
    dialog = make_dialog(qtbot, open_journal, cheap)
    qtbot.keyClicks(dialog.current, "not the passphrase")
    qtbot.keyClicks(dialog.new, "quiet river granite lamp")
    qtbot.keyClicks(dialog.repeat, "quiet river granite lamp")
    dialog.change_button.click()
    qtbot.waitUntil(lambda: not dialog.error.isHidden(), timeout=10_000)
    assert "not correct" in dialog.error.text()
    assert (folder / "journal.keys").read_bytes() == keys_before


def test_new_recovery_key_is_shown_once_and_must_be_saved(qtbot, open_journal, folder,
                                                          existing, cheap):
    _folder, old_key = existing
    dialog = make_dialog(qtbot, open_journal, cheap)
    qtbot.keyClicks(dialog.current, PASSPHRASE)
    dialog.recovery_button.click()
    qtbot.waitUntil(lambda: dialog.key_label.isVisible() and bool(dialog.key_label.text()),
                    timeout=10_000)
    new_key = dialog.key_label.text()
    close = dialog.buttons.button(QDialogButtonBox.StandardButton.Close)
    assert not close.isEnabled()
    dialog.reject()
    assert dialog.isVisible()  # not before "I have saved it"
    dialog.saved_box.setChecked(True)
    assert close.isEnabled()
    close.click()
    assert not dialog.isVisible() and dialog.key_label.text() == ""
    open_journal.close()
    with pytest.raises(WrongSecret):
        Journal.unlock(folder, recovery_key=old_key)
    Journal.unlock(folder, recovery_key=new_key).close()


def test_remember_with_and_without_a_keyring(qtbot, open_journal, cheap, memory_keyring):
    dialog = make_dialog(qtbot, open_journal, cheap)
    assert dialog.remember_box.isEnabled()
    dialog.remember_box.setChecked(True)
    qtbot.waitUntil(lambda: "Remembered" in dialog.done_label.text(), timeout=10_000)
    assert memory_keyring.store
    dialog.remember_box.setChecked(False)
    qtbot.waitUntil(lambda: "Forgotten" in dialog.done_label.text(), timeout=10_000)
    assert not memory_keyring.store


def test_no_keyring_disables_remember_with_a_reason(qtbot, open_journal, cheap):
    dialog = make_dialog(qtbot, open_journal, cheap)
    assert not dialog.remember_box.isEnabled()
    assert "keyring" in dialog.remember_reason.text()


def test_a_common_new_passphrase_is_refused_with_the_estimators_advice(qtbot, open_journal,
                                                                       cheap):
    dialog = make_dialog(qtbot, open_journal, cheap)
    qtbot.keyClicks(dialog.current, PASSPHRASE)
    qtbot.keyClicks(dialog.new, "P@ssw0rd2024")
    qtbot.keyClicks(dialog.repeat, "P@ssw0rd2024")
    assert not dialog.change_button.isEnabled()
    assert "too easy to guess" in dialog.strength.text()
    assert "commonly used password" in dialog.strength.text()


def test_a_new_recovery_key_can_be_printed_on_one_sheet(qtbot, open_journal, folder, cheap,
                                                         tmp_path):
    from PySide6.QtCore import Qt

    from tests.ui.printing import PrintToFile, compact, pages_text

    out = tmp_path / "printed.pdf"
    dialog = SecurityDialog(open_journal, kdf_params=cheap, choose_printer=PrintToFile(out))
    qtbot.addWidget(dialog)
    dialog.show()
    assert not dialog.print_button.isVisible()  # nothing to print before a key is made
    qtbot.keyClicks(dialog.current, PASSPHRASE)
    dialog.recovery_button.click()
    qtbot.waitUntil(lambda: dialog.print_button.isVisible(), timeout=10_000)
    new_key = dialog.key_label.text()
    dialog.print_button.setFocus()
    qtbot.keyClick(dialog.print_button, Qt.Key.Key_Space)
    assert dialog.done_label.text().startswith("Sent to the printer")
    pages = pages_text(out)
    assert len(pages) == 1
    assert new_key[:19] in compact(pages[0]) and new_key[20:] in compact(pages[0])
    assert PASSPHRASE not in pages[0]
