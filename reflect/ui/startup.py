"""Before and around the QApplication: can a window open here, the app's icon, and signals.

Qt aborts the process (exit 134, its own message in Qt's words) when it finds no display or
when its xcb plugin cannot load a library, so :func:`display_problem` asks first, with no Qt
loaded, and the CLI prints one sentence and exits 2. The probe's library names can be
replaced through ``REFLECT_XCB_LIBS`` (comma-separated), which is how the test makes one go
missing on a machine that has them all.

Qt's event loop runs in C++, so a Python signal handler waits until the interpreter next
runs; :func:`install_signal_handlers` wakes it through ``signal.set_wakeup_fd`` and a
``QSocketNotifier``, and closes the window on Ctrl+C or SIGTERM as if the user had.
"""

from __future__ import annotations

import ctypes
import os
import signal
import socket
import sys
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from PySide6.QtGui import QIcon

EXIT_NO_DESKTOP = 2

# Libraries Qt's xcb plugin needs that some distributions leave out, with the package that
# brings each: (Debian and Ubuntu, Fedora).
XCB_LIBRARIES: dict[str, tuple[str, str]] = {
    "libxcb-cursor.so.0": ("libxcb-cursor0", "xcb-util-cursor"),
    "libxcb-icccm.so.4": ("libxcb-icccm4", "xcb-util-wm"),
    "libxcb-keysyms.so.1": ("libxcb-keysyms1", "xcb-util-keysyms"),
}
_XCB_OVERRIDE = "REFLECT_XCB_LIBS"
_DISPLAY_PLATFORMS = {"", "xcb", "wayland", "wayland-egl"}
ICON_SIZES = (16, 24, 32, 48, 64, 128, 256, 512)


def display_problem(environ: Mapping[str, str] | None = None,
                    platform: str | None = None) -> str | None:
    """One sentence when no window can open here (Linux only), else None."""
    env = os.environ if environ is None else environ
    if not (platform or sys.platform).startswith("linux"):
        return None
    choice = env.get("QT_QPA_PLATFORM", "").split(":")[0].strip().lower()
    names = {part.strip() for part in choice.split(";")}
    if not names <= _DISPLAY_PLATFORMS:
        return None  # offscreen, vnc, eglfs…: the person chose a platform that needs neither
    x11, wayland = env.get("DISPLAY"), env.get("WAYLAND_DISPLAY")
    if not x11 and not wayland:
        return ("Reflect needs a graphical desktop but no display was found (DISPLAY and "
                "WAYLAND_DISPLAY are unset); start it from a desktop session, or use the "
                "command line (reflect --help).")
    uses_xcb = names == {"xcb"} or (choice == "" and not wayland)
    if not uses_xcb:
        return None
    missing = missing_libraries(_probe_list(env))
    if not missing:
        return None
    apt = " ".join(XCB_LIBRARIES.get(name, (name, name))[0] for name in missing)
    dnf = " ".join(XCB_LIBRARIES.get(name, (name, name))[1] for name in missing)
    return (f"Reflect cannot open its window because the X11 libraries {', '.join(missing)} "
            f"are missing; install them (Debian or Ubuntu: sudo apt install {apt}; Fedora: "
            f"sudo dnf install {dnf}) and start Reflect again.")


def _probe_list(env: Mapping[str, str]) -> list[str]:
    override = env.get(_XCB_OVERRIDE)
    if override:
        return [name.strip() for name in override.split(",") if name.strip()]
    return list(XCB_LIBRARIES)


def missing_libraries(names: list[str]) -> list[str]:
    """The names the dynamic loader cannot load, in order (loading them is what Qt does next)."""
    missing = []
    for name in names:
        try:
            ctypes.CDLL(name)
        except OSError:
            missing.append(name)
    return missing


# -- the icon -----------------------------------------------------------------------------
def icon_files(directory: Path) -> list[Path]:
    """``reflect-<size>.png`` files present, small to large, then the SVG source if there."""
    found = [directory / f"reflect-{size}.png" for size in ICON_SIZES]
    files = [path for path in found if path.is_file()]
    svg = directory / "reflect.svg"
    return [*files, svg] if svg.is_file() and not files else files


def application_icon() -> QIcon:
    """Every size shipped in ``resources/icons``; an empty icon (Qt's default) when the files
    are not there, which is never a reason not to start."""
    from PySide6.QtGui import QIcon

    from reflect.common.paths import resources_dir

    icon = QIcon()
    for path in icon_files(resources_dir() / "icons"):
        icon.addFile(str(path))
    return icon


# -- signals ------------------------------------------------------------------------------
def install_signal_handlers(on_signal: Callable[[int], None]) -> Callable[[], None]:
    """Call ``on_signal(signum)`` on the UI thread for SIGINT and SIGTERM while the event loop
    runs; returns the function that puts the previous handlers back."""
    from PySide6.QtCore import QSocketNotifier

    receive, send = socket.socketpair()
    receive.setblocking(False)
    send.setblocking(False)
    caught: list[int] = []
    wanted = [signal.SIGINT, signal.SIGTERM]
    previous: dict[int, Any] = {}

    def handler(signum: int, _frame: object) -> None:
        caught.append(signum)  # the byte on the socket wakes Qt; the work happens below

    for signum in wanted:
        previous[signum] = signal.signal(signum, handler)
    old_fd = signal.set_wakeup_fd(send.fileno(), warn_on_full_buffer=False)
    notifier = QSocketNotifier(receive.fileno(), QSocketNotifier.Type.Read)

    def wake() -> None:
        try:
            while receive.recv(64):
                pass
        except OSError:
            pass
        while caught:
            on_signal(caught.pop(0))

    notifier.activated.connect(wake)

    def restore() -> None:
        notifier.setEnabled(False)
        signal.set_wakeup_fd(old_fd)
        for signum, old in previous.items():
            signal.signal(signum, old)
        receive.close()
        send.close()

    return restore
