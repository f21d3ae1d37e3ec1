"""Render each screen to PNG at 900x600 so its look can be checked by eye.

Set REFLECT_SHOTS_DIR to keep the images (e.g. /tmp/reflect-shots); otherwise they go to the
test's temporary folder. The test itself checks each image is the right size and not blank.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QImage
from PySide6.QtWidgets import QApplication

from tests.ui.conftest import dark_palette


@pytest.fixture
def shots(tmp_path: Path) -> Path:
    target = Path(os.environ.get("REFLECT_SHOTS_DIR") or tmp_path / "shots")
    target.mkdir(parents=True, exist_ok=True)
    return target


def _save(window, path: Path) -> None:
    assert window.grab().save(str(path))
    image = QImage(str(path))
    assert image.width() == round(900 * window.devicePixelRatio())
    colours = {image.pixel(x, y) for x in range(0, image.width(), 7)
               for y in range(0, image.height(), 7)}
    assert len(colours) > 8, f"{path.name} looks blank"


def test_render_every_screen(qtbot, make_window, driver, folder, passphrase, wrong_passphrase,
                             shots):
    window = make_window(folder)
    window.resize(900, 600)
    page = window.create_view.passphrase_page
    qtbot.keyClicks(page.passphrase_edit, passphrase)
    qtbot.keyClicks(page.repeat_edit, passphrase[:-3])
    qtbot.wait(20)
    _save(window, shots / "1-create.png")

    qtbot.keyClicks(page.repeat_edit, passphrase[-3:])
    qtbot.keyClick(page.repeat_edit, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.create_view.showing_recovery_key, timeout=10_000)
    qtbot.wait(20)
    _save(window, shots / "2-recovery-key.png")

    window.create_view.recovery_page.saved_box.setChecked(True)
    window.create_view.recovery_page.continue_button.click()
    qtbot.wait(20)
    _save(window, shots / "4-shell.png")

    window.lock()
    driver.unlock(window, wrong_passphrase)
    driver.wait_failed(window)
    qtbot.wait(20)
    _save(window, shots / "3-unlock-error.png")




def test_render_dark_and_busy(qtbot, make_window, driver, existing, passphrase, shots):
    """A dark system palette is followed (nothing hard-coded light), and the busy state."""
    app = QApplication.instance()
    previous = app.palette()
    app.setPalette(dark_palette())
    try:
        window = make_window(existing[0])
        window.resize(900, 600)
        driver.unlock(window, "not the passphrase at all")
        driver.wait_failed(window)
        qtbot.wait(20)
        _save(window, shots / "5-unlock-error-dark.png")
        image = QImage(str(shots / "5-unlock-error-dark.png"))
        assert QColor(image.pixel(450, 560)).lightness() < 80  # the window stayed dark

        window.unlock_view.recovery_toggle.setChecked(True)
        qtbot.keyClicks(window.unlock_view.secret_edit, "ABCD-EFGH")
        window.unlock_view.set_busy("Checking your recovery key and opening the journal…")
        qtbot.wait(20)
        _save(window, shots / "6-unlock-recovery-busy-dark.png")
        window.unlock_view.set_busy(None)
    finally:
        app.setPalette(previous)
