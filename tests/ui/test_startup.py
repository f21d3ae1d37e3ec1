"""Around the QApplication: the display check's rules, the icon, and a signal that closes
the real window with a draft typed (written before the journal closes)."""

from __future__ import annotations

import os
import signal
import sys

import pytest
from PySide6.QtGui import QColor, QImage
from PySide6.QtWidgets import QApplication

from reflect.journal.journal import Journal
from reflect.ui import startup
from reflect.ui.app import close_all, set_identity
from tests.ui.conftest import open_unlocked

LINUX = "linux"
ALL_LIBS = ",".join(["libc.so.6"])  # present wherever Python runs on Linux


def test_no_display_with_the_default_or_xcb_platform():
    for platform in ({}, {"QT_QPA_PLATFORM": "xcb"}, {"QT_QPA_PLATFORM": "wayland;xcb"}):
        problem = startup.display_problem(platform, LINUX)
        assert problem and "no display was found" in problem


def test_a_display_or_a_headless_platform_needs_no_desktop():
    libs = {"REFLECT_XCB_LIBS": ALL_LIBS}
    assert startup.display_problem({"DISPLAY": ":0", **libs}, LINUX) is None
    assert startup.display_problem({"WAYLAND_DISPLAY": "wayland-0"}, LINUX) is None
    assert startup.display_problem({"QT_QPA_PLATFORM": "offscreen"}, LINUX) is None
    assert startup.display_problem({}, "win32") is None
    assert startup.display_problem({}, "darwin") is None


def test_missing_xcb_libraries_are_named_with_their_packages():
    env = {"DISPLAY": ":0", "REFLECT_XCB_LIBS": "libc.so.6,libreflect-none.so.1"}
    problem = startup.display_problem(env, LINUX)
    assert problem and "libreflect-none.so.1" in problem and "libc.so.6" not in problem
    assert startup.missing_libraries(["libreflect-none.so.1"]) == ["libreflect-none.so.1"]
    assert startup.XCB_LIBRARIES["libxcb-cursor.so.0"] == ("libxcb-cursor0", "xcb-util-cursor")


def test_wayland_alone_does_not_probe_xcb():
    env = {"WAYLAND_DISPLAY": "wayland-0", "REFLECT_XCB_LIBS": "libreflect-none.so.1"}
    assert startup.display_problem(env, LINUX) is None
    forced = {**env, "DISPLAY": ":0", "QT_QPA_PLATFORM": "xcb"}
    assert startup.display_problem(forced, LINUX) is not None


def test_the_icon_has_every_size_present_and_none_is_no_reason_to_fail(qapp, tmp_path):
    assert startup.icon_files(tmp_path) == []
    for size in (16, 48, 256):
        image = QImage(size, size, QImage.Format.Format_ARGB32)
        image.fill(QColor("#3c6e71"))
        assert image.save(str(tmp_path / f"reflect-{size}.png"))
    files = startup.icon_files(tmp_path)
    assert [f.name for f in files] == ["reflect-16.png", "reflect-48.png", "reflect-256.png"]


def test_identity_on_the_application(qapp):
    set_identity(qapp)
    assert qapp.applicationName() == "Reflect"
    assert qapp.organizationName() == "Reflect"
    assert qapp.desktopFileName() == "reflect"
    assert qapp.applicationVersion()


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX signals")
def test_sigterm_closes_the_window_with_the_draft_written_and_the_lock_released(
        qtbot, make_window, driver, existing, passphrase):
    folder = existing[0]
    window = open_unlocked(qtbot, make_window, driver, folder, passphrase)
    window.shell.show_page("Journal")
    page = window.shell.page("Journal")
    qtbot.keyClicks(page.editor.body_edit, "Typed as the session ended")
    app = QApplication.instance()
    seen: list[int] = []

    def on_signal(signum: int) -> None:
        seen.append(signum)
        close_all(app)

    restore = startup.install_signal_handlers(on_signal)
    try:
        os.kill(os.getpid(), signal.SIGTERM)
        qtbot.waitUntil(lambda: window.journal is None, timeout=5_000)
    finally:
        restore()
    assert seen == [signal.SIGTERM]
    assert not window.isVisible()
    with Journal.unlock(folder, passphrase=passphrase) as journal:  # the lock was released
        bodies = [d["body"] for d in journal.drafts().values()]
    assert bodies == ["Typed as the session ended"]
    assert signal.getsignal(signal.SIGTERM) is signal.SIG_DFL  # put back as it was
