"""The reader's role as a list: first line, middle or senior leader (first run, Preferences)."""

from __future__ import annotations

from PySide6.QtWidgets import QComboBox, QWidget

from reflect.journal.reader_level import DEFAULT_LEVEL, LEVEL_LABELS


def level_box(level: str = DEFAULT_LEVEL, parent: QWidget | None = None) -> QComboBox:
    """The three roles in order, ``level`` chosen; each item's data is the level's id."""
    box = QComboBox(parent)
    box.setAccessibleName("Your role")
    for value, label in LEVEL_LABELS.items():
        box.addItem(label, value)
    box.setCurrentIndex(max(0, box.findData(level)))
    return box
