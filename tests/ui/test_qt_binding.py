"""Guard against a Qt binding that corrupts the interpreter.

PySide6 6.12.0 on Python 3.11 drops a reference to ``None`` whenever a Qt call returns
nothing; after some thousands of keystrokes Python aborts ("deallocating None") and the
user loses the window. pyproject.toml excludes it; this test fails if such a build returns.
"""

import sys

from PySide6.QtWidgets import QLabel


def test_qt_calls_do_not_leak_none(qtbot):
    label = QLabel()
    qtbot.addWidget(label)
    before = sys.getrefcount(None)
    for _ in range(2000):
        label.setText("x")
    assert abs(sys.getrefcount(None) - before) < 50
