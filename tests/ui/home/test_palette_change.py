"""Dark mode switched on while Reflect runs: Home's lists follow the new palette."""

from __future__ import annotations

from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QApplication

from reflect.ui.home.page import HomePage


def _dark() -> QPalette:
    palette = QPalette()
    for role, colour in ((QPalette.ColorRole.Window, "#202124"),
                         (QPalette.ColorRole.WindowText, "#e8eaed"),
                         (QPalette.ColorRole.Base, "#2b2c2f"),
                         (QPalette.ColorRole.Text, "#e8eaed"),
                         (QPalette.ColorRole.PlaceholderText, "#9aa0a6")):
        palette.setColor(role, QColor(colour))
    return palette


def test_the_recent_list_turns_dark_with_the_system(qtbot, new_journal):
    new_journal.add_entry("A reflection", "Words.")
    page = HomePage(new_journal)
    qtbot.addWidget(page)
    page.resize(900, 700)
    page.show()
    qtbot.waitExposed(page)
    app = QApplication.instance()
    before = app.palette()
    try:
        app.setPalette(_dark())
        qtbot.wait(50)
        image = page.recent.list.grab().toImage()
        middle = image.pixelColor(image.width() // 2, 2)
        assert middle.lightness() < 100, middle.name()  # not the white block of before
        item = page.recent.list.topLevelItem(0)
        assert item.foreground(1).color().name() == "#9aa0a6"
    finally:
        app.setPalette(before)
