"""A "File: [path] Choose…" row, as the import and export dialogs ask for a file."""

from __future__ import annotations

from collections.abc import Callable

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
