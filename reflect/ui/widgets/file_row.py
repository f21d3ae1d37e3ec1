"""A "File: [path] Choose…" row, as the import and export dialogs ask for a file."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtWidgets import QHBoxLayout, QLineEdit, QPushButton

from reflect.ui.widgets.feedback import plain_label


def file_row(edit: QLineEdit, choose: Callable[[], object]) -> tuple[QHBoxLayout, QPushButton]:
    """The row around ``edit`` (Alt+F reaches it) and its Choose… button (Alt+H), which never
    takes Enter from the dialog's default button."""
    button = QPushButton("C&hoose…")
    button.setAutoDefault(False)
    button.clicked.connect(choose)
    label = plain_label("&File:", wrap=False)
    label.setBuddy(edit)
    row = QHBoxLayout()
    row.addWidget(label)
    row.addWidget(edit, 1)
    row.addWidget(button)
    return row, button


def target_problem(path: Path | None) -> str:
    """Why an export cannot go to ``path``, before any work starts; empty when it can. The
    export dialogs say the same thing about the same mistake."""
    if path is None:
        return "Type or choose the file to export to."
    if path.is_dir():
        return f"{path} is a folder; give a file name for the export."
    if not path.parent.is_dir():
        return f"The folder {path.parent} does not exist; choose another place."
    return ""
