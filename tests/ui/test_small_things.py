"""Issue 12, item 18, the small things: no stray '&' in labels, "Show passphrase" on the unlock
screen (never remembered), a focus frame that can be seen on the sections' Preview toggles and
on the recovery key, and no placeholder cut off at the window's default size."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import (
    QAbstractSpinBox,
    QApplication,
    QLabel,
    QLineEdit,
    QPushButton,
    QWidget,
)

from reflect.common.settings import Settings
from reflect.journal.journal import Journal
from reflect.supervision.records import Supervision
from reflect.ui.app import open_demo_window
from reflect.ui.supervision.record_form import RecordForm
from reflect.ui.supervision.supervisee_dialog import SuperviseeDialog
from reflect.ui.unlock.create_view import RecoveryKeyPage
from reflect.ui.unlock.unlock_view import UnlockView
from reflect.ui.widgets.focus_frame import focus_frame_of
from tests.ui.conftest import dark_palette

ALT = Qt.KeyboardModifier.AltModifier
KEY = "RGTE-LADX-3JHV-7TES-O7QW-AUGB-QCJ6-DOU3"


@pytest.fixture
def supervision(folder: Path, cheap, passphrase):
    journal, _ = Journal.create(folder, passphrase, cheap)
    supervision = Supervision(journal)
    supervision.add_supervisee("Kestrel", role="Social worker")
    yield supervision
    journal.close()


def _shown(qtbot, widget: QWidget, size: tuple[int, int] | None = None) -> QWidget:
    qtbot.addWidget(widget)
    if size:
        widget.resize(*size)
    widget.show()
    qtbot.waitExposed(widget)
    with qtbot.waitActive(widget):
        widget.activateWindow()
    return widget


def test_started_on_shows_no_ampersand_and_alt_t_reaches_the_date(qtbot, supervision):
    dialog = _shown(qtbot, SuperviseeDialog(supervision))
    for label in dialog.findChildren(QLabel):
        if "&" in label.text() and label.isVisible():  # shown as it is without a buddy
            assert label.buddy() is not None, label.text()
    qtbot.keyClick(dialog.code_edit, Qt.Key.Key_T, ALT)
    assert dialog.started_edit.hasFocus()


def test_show_passphrase_is_keyboard_reachable_and_forgotten_on_lock(qtbot, folder):
    view = _shown(qtbot, UnlockView(folder), (600, 520))
    view.secret_edit.setFocus()
    qtbot.keyClicks(view.secret_edit, "harbour lantern")
    assert view.secret_edit.echoMode() == QLineEdit.EchoMode.Password
    qtbot.keyClick(view.secret_edit, Qt.Key.Key_Tab)
    assert view.show_box.hasFocus()
    qtbot.keyClick(view.show_box, Qt.Key.Key_Space)
    assert view.secret_edit.echoMode() == QLineEdit.EchoMode.Normal
    view.reset()  # as after a lock: hidden again, and nothing kept in the settings
    assert not view.show_box.isChecked()
    assert view.secret_edit.echoMode() == QLineEdit.EchoMode.Password
    assert not UnlockView(folder).show_box.isChecked()
    stored = Settings.path()
    assert not stored.exists() or "show" not in stored.read_text().lower()

    view.recovery_toggle.setChecked(True)  # the recovery key is shown anyway
    assert view.show_box.isHidden()
    assert view.secret_edit.echoMode() == QLineEdit.EchoMode.Normal


def _ring_is_drawn(widget: QWidget) -> None:
    """The ring shows, in the palette's highlight, which differs clearly from the window."""
    ring = focus_frame_of(widget)
    assert ring is not None and ring.isVisible()
    assert ring.geometry() == widget.rect()
    image = widget.grab().toImage()
    highlight = widget.palette().color(QPalette.ColorRole.Highlight)
    edge = QColor(image.pixel(image.width() // 2, 1))
    assert abs(edge.lightness() - highlight.lightness()) < 40
    window = widget.palette().color(QPalette.ColorRole.Window)
    assert abs(highlight.lightness() - window.lightness()) > 40


@pytest.mark.parametrize("mode", ["light", "dark"])
def test_a_sections_preview_toggle_shows_its_focus(qtbot, supervision, mode):
    app = QApplication.instance()
    previous = app.palette()
    if mode == "dark":
        app.setPalette(dark_palette())
    try:
        form = RecordForm(supervision)
        _shown(qtbot, form, (900, 600))
        assert form.start_new(supervision.supervisees()[0].id, "one_to_one")
        button = next(b for b in form.body.findChildren(QPushButton) if b.text() == "Preview")
        assert focus_frame_of(button) is not None and focus_frame_of(button).isHidden()
        button.setFocus(Qt.FocusReason.TabFocusReason)
        _ring_is_drawn(button)
        qtbot.keyClick(button, Qt.Key.Key_Space)  # the keyboard toggles it
        assert button.text() == "Edit"
        form.title_edit.setFocus()
        assert focus_frame_of(button).isHidden()
    finally:
        app.setPalette(previous)


@pytest.mark.parametrize("mode", ["light", "dark"])
def test_the_recovery_key_box_shows_its_focus(qtbot, mode):
    app = QApplication.instance()
    previous = app.palette()
    if mode == "dark":
        app.setPalette(dark_palette())
    try:
        page = RecoveryKeyPage()
        page.show_key(KEY)
        _shown(qtbot, page, (600, 500))
        page.copy_button.setFocus()
        qtbot.keyClick(page.copy_button, Qt.Key.Key_Backtab, Qt.KeyboardModifier.ShiftModifier)
        assert page.key_label.hasFocus()
        _ring_is_drawn(page.key_label)
    finally:
        app.setPalette(previous)


def _clipped(root: QWidget) -> list[str]:
    found = []
    for edit in root.findChildren(QLineEdit):
        text = edit.placeholderText()
        if not text or not edit.isVisible() or isinstance(edit.parent(), QAbstractSpinBox):
            continue
        margins = edit.textMargins()
        room = edit.contentsRect().width() - margins.left() - margins.right() - 8
        if edit.fontMetrics().horizontalAdvance(text) > room:
            found.append(f"{edit.accessibleName()}: {text}")
    return found


def test_no_placeholder_is_cut_off_at_the_default_size(qtbot, tmp_path, cheap):
    window = open_demo_window(tmp_path / "journal", today=date(2026, 3, 18), kdf_params=cheap,
                              settings=Settings())
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    clipped = []
    for name in ("Home", "Journal", "Prompts", "Supervision", "Actions", "Profile", "Plan"):
        window.shell.show_page(name)
        qtbot.wait(20)
        clipped += [f"{name}: {c}" for c in _clipped(window.shell.page(name))]
    supervision = window.shell.page("Supervision")
    supervision.new_record("one_to_one")
    qtbot.wait(20)
    clipped += _clipped(supervision)
    assert clipped == []
    window.close()
