"""Only reflect/ui imports Qt, so the domain and the command line never load it."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import reflect

QT_IMPORT = re.compile(r"^\s*(from|import)\s+(PySide6|shiboken6)\b", re.MULTILINE)


def test_nothing_outside_reflect_ui_imports_qt():
    package = Path(reflect.__file__).parent
    offenders = [
        str(path.relative_to(package))
        for path in package.rglob("*.py")
        if "ui" not in path.relative_to(package).parts[:1]
        and QT_IMPORT.search(path.read_text(encoding="utf-8"))
    ]
    assert offenders == []


def test_importing_the_ui_has_no_side_effects():
    """Importing the modules makes no QApplication (so no window) and opens nothing."""
    code = (
        "import reflect.ui.app, reflect.ui.main_window, reflect.ui.shell, reflect.ui.idle\n"
        "from PySide6.QtCore import QCoreApplication\n"
        "assert QCoreApplication.instance() is None\n"
        "print('clean')\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            timeout=60, check=False)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "clean"
