"""Enter presses the focused button on a plain page, as Space does (issue 12, item 4)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QPushButton, QVBoxLayout, QWidget

from reflect.ui.unlock.create_view import RecoveryKeyPage
from reflect.ui.widgets.buttons import press_on_enter

KEY = "RGTE-LADX-3JHV-7TES-O7QW-AUGB-QCJ6-DOU3"


def test_enter_presses_continue_on_the_recovery_key_screen(qtbot):
    page = RecoveryKeyPage()
    qtbot.addWidget(page)
    page.show_key(KEY)
    page.show()
    qtbot.waitExposed(page)
    page.saved_box.setFocus()
    qtbot.keyClick(page.saved_box, Qt.Key.Key_Space)
    assert page.saved_box.isChecked()
    page.continue_button.setFocus()
    with qtbot.waitSignal(page.finished, timeout=2_000):
        qtbot.keyClick(page.continue_button, Qt.Key.Key_Return)
    assert page.recovery_key == ""


def test_enter_on_a_disabled_or_unwatched_button_does_nothing(qtbot):
    holder = QWidget()
    qtbot.addWidget(holder)
    watched, plain = QPushButton("Watched"), QPushButton("Plain")
    layout = QVBoxLayout(holder)
    layout.addWidget(watched)
    layout.addWidget(plain)
    press_on_enter(watched)
    clicks: list[str] = []
    watched.clicked.connect(lambda: clicks.append("watched"))
    plain.clicked.connect(lambda: clicks.append("plain"))
    holder.show()
    qtbot.waitExposed(holder)
    qtbot.keyClick(plain, Qt.Key.Key_Return)
    qtbot.keyClick(watched, Qt.Key.Key_Enter, Qt.KeyboardModifier.KeypadModifier)
    qtbot.waitUntil(lambda: clicks == ["watched"], timeout=2_000)
    watched.setEnabled(False)
    qtbot.keyClick(watched, Qt.Key.Key_Return)
    qtbot.wait(200)
    assert clicks == ["watched"]
