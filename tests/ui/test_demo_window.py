"""`reflect --demo` in the real window: straight into a lived-in shell, gone on exit."""

from __future__ import annotations

import tempfile
from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QLabel

from reflect.common.settings import Settings
from reflect.demo.builder import DEMO_PASSPHRASE
from reflect.store.envelope import KdfParams
from reflect.ui import app as app_module
from reflect.ui.app import DEMO_TITLE, open_demo_window, run_app
from reflect.ui.main_window import MainWindow

TODAY = date(2026, 3, 18)


@pytest.fixture
def private_tmp(tmp_path, monkeypatch) -> Path:
    """Temporary folders of this test only, so 'the demo folder is gone' can be checked."""
    root = tmp_path / "tmp"
    root.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(root))
    return root


def test_demo_window_opens_in_the_shell_with_entries(qtbot, tmp_path, cheap):
    window = open_demo_window(tmp_path / "journal", today=TODAY, kdf_params=cheap,
                              settings=Settings())
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    assert window.windowTitle() == DEMO_TITLE
    assert "Reflect" not in DEMO_TITLE  # Qt appends " — Reflect" itself: never say it twice
    assert window.shell is not None and window.stack.currentWidget() is window.shell
    assert window.search_action.isEnabled() and window.lock_action.isEnabled()
    window.shell.show_page("Journal")
    journal_page = window.shell.page("Journal")
    qtbot.waitUntil(lambda: journal_page.model.rowCount() > 20, timeout=5_000)
    notice = next(label for label in window.statusBar().findChildren(QLabel)
                  if label.accessibleName() == "Demo journal notice")
    assert DEMO_PASSPHRASE in notice.text() and "deleted when you quit" in notice.text()
    window.close()  # a job still running (the demo's backup) finishes first, then it closes
    qtbot.waitUntil(lambda: window.journal is None and window.shell is None, timeout=10_000)


def test_a_locked_demo_opens_again_with_the_passphrase_on_screen(qtbot, tmp_path, cheap,
                                                                  driver):
    window = open_demo_window(tmp_path / "journal", today=TODAY, kdf_params=cheap,
                              settings=Settings())
    qtbot.addWidget(window)
    window.show()
    assert window.lock()
    assert window.stack.currentWidget() is window.unlock_view
    driver.unlock(window, DEMO_PASSPHRASE)
    driver.wait_unlocked(window)
    assert window.journal.count_entries() > 90
    window.close()


def _close_all_windows(seen: dict) -> None:
    windows = [w for w in QApplication.topLevelWidgets()
               if isinstance(w, MainWindow) and w.isVisible()]
    seen["titles"] = [w.windowTitle() for w in windows]
    seen["folders"] = [w.folder for w in windows]
    seen["in_shell"] = [w.shell is not None for w in windows]
    seen["existed"] = [w.folder.exists() for w in windows]
    for window in windows:
        window.close()


def test_run_app_demo_deletes_its_folder_on_exit(qapp, tmp_path, private_tmp):
    seen: dict = {}
    QTimer.singleShot(300, lambda: _close_all_windows(seen))
    code = run_app(tmp_path / "ignored", demo=True, kdf_params=KdfParams.cheap())
    assert code == 0
    assert seen["titles"] == [DEMO_TITLE] and seen["in_shell"] == [True]
    assert seen["existed"] == [True]
    assert not seen["folders"][0].exists()
    assert list(private_tmp.iterdir()) == []  # nothing of the demo is left
    assert not (tmp_path / "ignored").exists()  # the --journal folder is never touched


def test_run_app_demo_deletes_its_folder_on_error(qapp, tmp_path, private_tmp, monkeypatch):
    folders: list[Path] = []
    real = app_module.open_demo_window

    def build_then_fail(folder: Path, **kwargs):
        window = real(folder, **kwargs)
        folders.append(folder)
        window.close()
        raise RuntimeError("the window could not be shown")

    monkeypatch.setattr(app_module, "open_demo_window", build_then_fail)
    with pytest.raises(RuntimeError):
        run_app(tmp_path / "ignored", demo=True, kdf_params=KdfParams.cheap())
    assert folders and not folders[0].exists()
    assert list(private_tmp.iterdir()) == []
