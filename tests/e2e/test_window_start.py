"""Starting the window as a person does, in a child process: where no window can open, one
sentence and exit 2 instead of Qt's abort (134); Ctrl+C and SIGTERM close it cleanly."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from reflect.store.lockfile import JournalLock
from tests.e2e.conftest import assert_clean_error, run

pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux"),
                                reason="DISPLAY, xcb and POSIX signals are Linux matters")


def test_no_display_is_one_sentence_and_exit_2(journal_dir):
    result = run(journal_dir, QT_QPA_PLATFORM=None, DISPLAY=None, WAYLAND_DISPLAY=None)
    assert_clean_error(result, 2)
    assert "needs a graphical desktop" in result.stderr
    assert "DISPLAY and WAYLAND_DISPLAY are unset" in result.stderr
    assert "reflect --help" in result.stderr
    assert not journal_dir.exists()


def test_xcb_named_but_no_display_is_the_same_sentence(journal_dir):
    result = run(journal_dir, QT_QPA_PLATFORM="xcb", DISPLAY=None, WAYLAND_DISPLAY=None)
    assert_clean_error(result, 2)
    assert "no display was found" in result.stderr


def test_a_missing_xcb_library_is_named_with_its_package(journal_dir):
    result = run(journal_dir, QT_QPA_PLATFORM=None, DISPLAY=":99", WAYLAND_DISPLAY=None,
                 REFLECT_XCB_LIBS="libxcb-cursor.so.0,libreflect-no-such-library.so.7")
    assert_clean_error(result, 2)
    assert "libreflect-no-such-library.so.7" in result.stderr
    assert "sudo apt install" in result.stderr and "sudo dnf install" in result.stderr
    # The probe named only what is missing; libxcb-cursor is there when Qt runs at all.
    if "libxcb-cursor.so.0" not in result.stderr:
        assert "libxcb-cursor0" not in result.stderr


def _start_demo(tmp_path: Path) -> subprocess.Popen:
    temp = tmp_path / "tmp"
    temp.mkdir()
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "TMPDIR": str(temp),
           "REFLECT_LOG_DIR": str(tmp_path / "logs")}
    return subprocess.Popen([sys.executable, "-m", "reflect", "--demo"], env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                            start_new_session=True)


def _wait_for_window(tmp_path: Path, process: subprocess.Popen) -> Path:
    """The demo journal is open (its key file written and the log saying the window's event
    loop runs) within a minute on a slow machine."""
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        assert process.poll() is None, process.communicate()
        folders = list((tmp_path / "tmp").glob("reflect-demo-*/journal/journal.keys"))
        log = tmp_path / "logs" / "reflect.log"
        if folders and log.exists() and "window shown" in log.read_text():
            return folders[0].parent
        time.sleep(0.2)
    process.kill()
    raise AssertionError("the demo window did not come up")


@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGINT])
def test_a_signal_closes_the_demo_and_removes_its_folder(tmp_path, signum):
    process = _start_demo(tmp_path)
    folder = _wait_for_window(tmp_path, process)
    with pytest.raises(Exception, match="already open"):  # the window holds the lock
        JournalLock(folder).acquire()
    process.send_signal(signum)
    _out, err = process.communicate(timeout=30)
    assert process.returncode == 128 + signum, err
    assert "Traceback" not in err
    assert list((tmp_path / "tmp").iterdir()) == []  # the demo folder and all in it are gone
    log = (tmp_path / "logs" / "reflect.log").read_text()
    assert f"closing on signal {int(signum)}" in log
    assert f"closed: exit {128 + signum}" in log
