"""run_app: the real entry point the CLI calls, started and closed as a user would."""

from __future__ import annotations

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication

from reflect.store.envelope import KdfParams
from reflect.ui.app import run_app
from reflect.ui.main_window import MainWindow


def test_run_app_shows_the_window_and_returns_when_it_closes(qapp, tmp_path):
    seen = {}

    def close_it() -> None:
        windows = [w for w in QApplication.topLevelWidgets()
                   if isinstance(w, MainWindow) and w.isVisible()]
        seen["titles"] = [w.windowTitle() for w in windows]
        seen["creating"] = [w.stack.currentWidget() is w.create_view for w in windows]
        for window in windows:
            window.close()

    QTimer.singleShot(200, close_it)
    code = run_app(tmp_path / "new-journal", kdf_params=KdfParams.cheap())
    assert code == 0
    assert seen == {"titles": ["Reflect"], "creating": [True]}
    assert qapp.applicationName() == "Reflect"
    assert not (tmp_path / "new-journal").exists()  # opening the window wrote nothing
