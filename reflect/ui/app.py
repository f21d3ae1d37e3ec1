"""Start the window: the QApplication, its identity, and the main window on a folder.

Nothing happens at import time; ``run_app`` does it all so the CLI can import this lazily.
The style and palette are left to Qt, which follows the system's light or dark scheme, and
Qt 6 scales for high DPI by itself.

``reflect --demo`` builds a sample journal in a temporary folder, opens the window straight
into it, and deletes the folder when the app exits, on error too: a newcomer sees a lived-in
app at once, and nothing of it stays on disk.
"""

from __future__ import annotations

import sys
import tempfile
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from reflect.common.paths import APP_NAME
from reflect.store.envelope import KdfParams

if TYPE_CHECKING:
    from reflect.common.settings import Settings
    from reflect.ui.main_window import MainWindow

DEMO_TITLE = "Reflect — demo journal"


def run_app(folder: Path, demo: bool = False, recovery: bool = False,
            kdf_params: KdfParams | None = None) -> int:
    """Show the window on ``folder`` (create or unlock) and run until it closes.

    With ``demo`` the folder is ignored: see :func:`open_demo_window`. ``kdf_params`` lets
    tests and the demo create journals cheaply; normal use keeps the default Argon2id cost.
    """
    from PySide6.QtWidgets import QApplication

    from reflect.ui.main_window import MainWindow
    from reflect.ui.workers import wait_for_workers

    existing = QApplication.instance()  # typed QCoreApplication: only ours is a QApplication
    app = existing if isinstance(existing, QApplication) else QApplication(sys.argv[:1])
    app.setApplicationName(APP_NAME)
    app.setOrganizationName(APP_NAME)
    app.setApplicationDisplayName(APP_NAME)
    app.setDesktopFileName("reflect")
    if demo:
        return _run_demo(app, kdf_params)
    window = MainWindow(Path(folder), recovery=recovery, kdf_params=kdf_params)
    window.show()
    code = app.exec()
    window.close()
    wait_for_workers(30_000)  # a derivation in flight must not be cut off mid-write
    return code


def _run_demo(app, kdf_params: KdfParams | None) -> int:
    """The demo journal lives only as long as this call: the temporary folder goes when the
    window has closed the journal, whether the app ended normally or with an exception."""
    from reflect.ui.workers import wait_for_workers

    with tempfile.TemporaryDirectory(prefix="reflect-demo-", ignore_cleanup_errors=True) as tmp:
        try:
            window = open_demo_window(Path(tmp) / "journal", kdf_params=kdf_params)
            try:
                window.show()
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
    window.statusBar().addPermanentWidget(notice)
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
