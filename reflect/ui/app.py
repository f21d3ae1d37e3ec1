"""Start the window: the QApplication, its identity, and the main window on a folder.

Nothing happens at import time; ``run_app`` does it all so the CLI can import this lazily.
The style and palette are left to Qt, which follows the system's light or dark scheme, and
Qt 6 scales for high DPI by itself.
"""

from __future__ import annotations

import sys
from pathlib import Path

from reflect.paths import APP_NAME
from reflect.store.envelope import KdfParams


def run_app(folder: Path, demo: bool = False, recovery: bool = False,
            kdf_params: KdfParams | None = None) -> int:
    """Show the window on ``folder`` (create or unlock) and run until it closes.

    ``demo`` is accepted for the CLI and not used yet. ``kdf_params`` lets tests and the
    demo create journals cheaply; normal use keeps the default Argon2id cost.
    """
    from PySide6.QtWidgets import QApplication

    from reflect.ui.main_window import MainWindow
    from reflect.ui.workers import wait_for_workers

    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setApplicationName(APP_NAME)
    app.setOrganizationName(APP_NAME)
    app.setApplicationDisplayName(APP_NAME)
    app.setDesktopFileName("reflect")
    window = MainWindow(Path(folder), recovery=recovery, kdf_params=kdf_params)
    window.show()
    code = app.exec()
    window.close()
    wait_for_workers(30_000)  # a derivation in flight must not be cut off mid-write
    return code
