"""The navigation follows a switch to dark mode while the app runs."""

from PySide6.QtWidgets import QApplication

from reflect.journal.journal import Journal
from reflect.ui.shell import Shell
from tests.ui.conftest import PASSPHRASE, dark_palette


def test_navigation_follows_a_live_palette_switch(qtbot, existing, folder):
    app = QApplication.instance()
    light = app.palette()
    with Journal.unlock(folder, passphrase=PASSPHRASE) as journal:
        shell = Shell(journal)
        qtbot.addWidget(shell)
        shell.resize(900, 600)
        shell.show()
        qtbot.waitExposed(shell)
        before = shell.nav.grab().toImage().pixelColor(10, 400).lightness()
        try:
            app.setPalette(dark_palette())
            qtbot.wait(20)
            after = shell.nav.grab().toImage().pixelColor(10, 400).lightness()
        finally:
            app.setPalette(light)
        shell.prepare_to_lock()
    assert before > 128 > after
