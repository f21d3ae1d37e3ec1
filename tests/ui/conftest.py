"""Fixtures for the window tests: real journals made cheaply, real windows, a keyring in memory."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import keyring
import pytest
from keyring.backend import KeyringBackend
from keyring.errors import PasswordDeleteError
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QPalette

from reflect.common.settings import Settings
from reflect.journal.journal import Journal
from reflect.store.envelope import KdfParams

PASSPHRASE = "harbour lantern copper meadow"
WRONG = "harbour lantern copper meadows"


class MemoryKeyring(KeyringBackend):
    """A working keyring that forgets everything when the test ends."""

    priority = 1  # type: ignore[assignment]

    def __init__(self) -> None:
        super().__init__()
        self.store: dict[tuple[str, str], str] = {}

    def get_password(self, service: str, username: str) -> str | None:
        return self.store.get((service, username))

    def set_password(self, service: str, username: str, password: str) -> None:
        self.store[(service, username)] = password

    def delete_password(self, service: str, username: str) -> None:
        if self.store.pop((service, username), None) is None:
            raise PasswordDeleteError("not stored")


@pytest.fixture
def memory_keyring() -> Iterator[MemoryKeyring]:
    previous = keyring.get_keyring()
    backend = MemoryKeyring()
    keyring.set_keyring(backend)
    try:
        yield backend
    finally:
        keyring.set_keyring(previous)


@pytest.fixture
def cheap() -> KdfParams:
    return KdfParams.cheap()


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    return tmp_path / "journal"


@pytest.fixture
def existing(folder: Path, cheap: KdfParams) -> tuple[Path, str]:
    """A closed journal with one entry; returns its folder and recovery key."""
    journal, recovery_key = Journal.create(folder, PASSPHRASE, cheap)
    with journal:
        journal.add_entry("First reflection", "Supervision went well.")
    return folder, recovery_key


@pytest.fixture
def make_window(qtbot, cheap: KdfParams) -> Callable[..., object]:
    """Build, register and show a MainWindow; qtbot closes it (and its journal) afterwards."""
    from reflect.ui.main_window import MainWindow

    def make(folder: Path, **kwargs) -> MainWindow:
        kwargs.setdefault("kdf_params", cheap)
        kwargs.setdefault("settings", Settings())
        window = MainWindow(folder, **kwargs)
        qtbot.addWidget(window)
        window.show()
        qtbot.waitExposed(window)
        qtbot.wait(10)  # let pending layout requests run, as the event loop would before paint
        return window

    return make


class Driver:
    """Drives the locked screens as a user would: type, press Return, wait for the outcome."""

    def __init__(self, qtbot) -> None:
        self.qtbot = qtbot

    def unlock(self, window, secret: str, *, recovery: bool = False,
               remember: bool = False) -> None:
        view = window.unlock_view
        view.recovery_toggle.setChecked(recovery)
        if view.remember_box.isEnabled():
            view.remember_box.setChecked(remember)
        view.secret_edit.clear()
        self.qtbot.keyClicks(view.secret_edit, secret)
        self.qtbot.keyClick(view.secret_edit, Qt.Key.Key_Return)

    def wait_unlocked(self, window) -> None:
        self.qtbot.waitUntil(lambda: window.shell is not None, timeout=30_000)

    def wait_failed(self, window) -> str:
        view = window.unlock_view
        self.qtbot.waitUntil(lambda: not view.error.isHidden() and not view.is_busy,
                             timeout=10_000)
        return view.error.text()


@pytest.fixture
def driver(qtbot) -> Driver:
    return Driver(qtbot)


@pytest.fixture
def passphrase() -> str:
    return PASSPHRASE


@pytest.fixture
def wrong_passphrase() -> str:
    return WRONG


def dark_palette() -> QPalette:
    """A dark system palette, as a user in dark mode has (with disabled colours)."""
    palette = QPalette()
    for role, colour in ((QPalette.ColorRole.Window, "#202124"),
                         (QPalette.ColorRole.WindowText, "#e8eaed"),
                         (QPalette.ColorRole.Base, "#2b2c2f"),
                         (QPalette.ColorRole.Text, "#e8eaed"),
                         (QPalette.ColorRole.Button, "#303134"),
                         (QPalette.ColorRole.ButtonText, "#e8eaed"),
                         (QPalette.ColorRole.PlaceholderText, "#9aa0a6"),
                         (QPalette.ColorRole.Highlight, "#8ab4f8"),
                         (QPalette.ColorRole.HighlightedText, "#202124")):
        palette.setColor(role, QColor(colour))
    for role in (QPalette.ColorRole.WindowText, QPalette.ColorRole.Text,
                 QPalette.ColorRole.ButtonText):
        palette.setColor(QPalette.ColorGroup.Disabled, role, QColor("#6b6f75"))
    return palette


def open_unlocked(qtbot, make_window, driver, folder: Path, passphrase: str, **kwargs):
    """A real window at 1200x800, unlocked and active, as most page tests start."""
    window = make_window(folder, **kwargs)
    window.resize(1200, 800)
    driver.unlock(window, passphrase)
    driver.wait_unlocked(window)
    window.activateWindow()
    qtbot.waitActive(window)
    return window
