"""Start the window: the QApplication, its identity, and the main window on a folder.

Nothing happens at import time; ``run_app`` does it all so the CLI can import this lazily.
The style and palette are left to Qt, which follows the system's light or dark scheme, and
Qt 6 scales for high DPI by itself.

``reflect --demo`` builds a sample journal in a temporary folder, opens the window straight
into it, and deletes the folder when the app exits, on error too: a newcomer sees a lived-in
app at once, and nothing of it stays on disk.
"""

from __future__ import annotations

import logging
import sys
import tempfile
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from reflect import __version__
from reflect.common import logs
from reflect.common.paths import APP_NAME
from reflect.store.envelope import KdfParams

if TYPE_CHECKING:
    from reflect.common.settings import Settings
    from reflect.ui.main_window import MainWindow

log = logging.getLogger(__name__)

# Qt adds " — Reflect" (the application display name) to every window title itself.
DEMO_TITLE = "Demo journal"


def run_app(folder: Path, demo: bool = False, recovery: bool = False,
            kdf_params: KdfParams | None = None) -> int:
    """Show the window on ``folder`` (create or unlock) and run until it closes.

    With ``demo`` the folder is ignored: see :func:`open_demo_window`. ``kdf_params`` lets
    tests and the demo create journals cheaply; normal use keeps the default Argon2id cost.
    Returns 0, 2 when no window can open here (one sentence on stderr, before Qt can abort),
    or 128 + the signal's number after Ctrl+C (130) or SIGTERM (143) closed the window.
    """
    from PySide6.QtWidgets import QApplication

    from reflect.ui import startup
    from reflect.ui.main_window import MainWindow
    from reflect.ui.workers import wait_for_workers

    existing = QApplication.instance()  # typed QCoreApplication: only ours is a QApplication
    if not isinstance(existing, QApplication):
        problem = startup.display_problem()
        if problem:
            print(f"reflect: {problem}", file=sys.stderr)
            return startup.EXIT_NO_DESKTOP
    app = existing if isinstance(existing, QApplication) else QApplication(sys.argv[:1])
    set_identity(app)
    logs.configure()
    log.info("started: version %s on %s, demo %s", logs.Known(__version__),
             logs.Known(sys.platform), demo)
    signalled: list[int] = []

    def on_signal(signum: int) -> None:
        log.info("closing on signal %s", signum)
        signalled.append(signum)
        close_all(app)

    restore_signals = startup.install_signal_handlers(on_signal)
    previous_hook = sys.excepthook
    sys.excepthook = _logging_hook(previous_hook)
    try:
        if demo:
            code = _run_demo(app, kdf_params)
        else:
            window = MainWindow(Path(folder), recovery=recovery, kdf_params=kdf_params)
            window.show()
            log.info("window shown")
            code = app.exec()
            window.close()
            wait_for_workers(30_000)  # a derivation in flight must not be cut off mid-write
    finally:
        sys.excepthook = previous_hook
        restore_signals()
    if signalled:
        code = 128 + signalled[0]
    log.info("closed: exit %s", code)
    logs.close()
    return code


def _logging_hook(previous):
    """An exception no slot caught goes to the log as its class and where (never its
    message), then on to Qt's usual printing."""
    def hook(kind, value, trace) -> None:
        log.error("unhandled exception", exc_info=(kind, value, trace))
        previous(kind, value, trace)
    return hook


def set_identity(app) -> None:
    """What the desktop shows: name, organisation, the .desktop file it belongs to, icon."""
    from reflect.ui.startup import application_icon

    app.setApplicationName(APP_NAME)
    app.setOrganizationName(APP_NAME)
    app.setOrganizationDomain("reflect.local")
    app.setApplicationDisplayName(APP_NAME)
    app.setApplicationVersion(__version__)
    app.setDesktopFileName("reflect")  # matches reflect.desktop, so docks group the window
    icon = application_icon()
    if not icon.isNull():
        app.setWindowIcon(icon)


def close_all(app) -> None:
    """Close every main window as the user would (drafts written, journal and lock released),
    then every other window, then leave the event loop even if a nested one was running."""
    from PySide6.QtWidgets import QApplication

    from reflect.ui.main_window import MainWindow

    for widget in QApplication.topLevelWidgets():
        if isinstance(widget, MainWindow):
            widget.close()
    app.closeAllWindows()
    app.quit()


def _run_demo(app, kdf_params: KdfParams | None) -> int:
    """The demo journal lives only as long as this call: the temporary folder goes when the
    window has closed the journal, whether the app ended normally or with an exception."""
    from reflect.ui.workers import wait_for_workers

    with tempfile.TemporaryDirectory(prefix="reflect-demo-", ignore_cleanup_errors=True) as tmp:
        try:
            window = open_demo_window(Path(tmp) / "journal", kdf_params=kdf_params)
            try:
                window.show()
                log.info("window shown")
                _screenshot_if_asked(app, window)
                return app.exec()
            finally:
                window.close()  # closes the journal and releases its lock
        finally:
            # Even when building the window failed: a backup still writing into the folder
            # would otherwise outlive its removal.
            wait_for_workers(30_000)


def open_demo_window(folder: Path, *, today: date | None = None,
                     kdf_params: KdfParams | None = None,
                     settings: Settings | None = None) -> MainWindow:
    """Build the demo journal in ``folder`` and a window already in its shell (not shown).

    The demo passphrase is public (it is on screen, for unlocking after a lock), so key
    stretching protects nothing: the cheap cost is the default here, for a quick start.
    """
    from reflect.demo.builder import build_demo
    from reflect.ui.main_window import MainWindow
    from reflect.ui.widgets.feedback import hint_label

    journal, passphrase = build_demo(folder, today, kdf_params or KdfParams.cheap())
    try:
        window = MainWindow(folder, settings=settings, kdf_params=kdf_params, journal=journal)
    except BaseException:
        journal.close()
        raise
    window.setWindowTitle(DEMO_TITLE)
    notice = hint_label(f"Demo journal: sample content, deleted when you quit. "
                        f"Passphrase after a lock: {passphrase}")
    notice.setWordWrap(False)
    notice.setAccessibleName("Demo journal notice")
    # Not permanent: a message ("Locked. …") takes its place for a while, never cut short by it.
    window.statusBar().addWidget(notice, 1)
    return window


def _screenshot_if_asked(app, window) -> None:
    """``REFLECT_SCREENSHOT=file.png``: once the window has settled, save it as a PNG and
    quit (exit 1 if the file could not be written), so that a frozen build can be checked
    offscreen without a test framework (scripts/smoke_frozen.py)."""
    import os

    path = os.environ.get("REFLECT_SCREENSHOT")
    if not path:
        return
    from PySide6.QtCore import QTimer

    def grab() -> None:
        app.exit(0 if window.grab().save(path, "PNG") else 1)

    QTimer.singleShot(1500, grab)
