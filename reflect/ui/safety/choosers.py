"""The file and folder choosers of the File menu, as plain callables.

Each takes the parent widget and a starting place and returns the chosen path, or None when
the person cancels. The menu actions take them as parameters, so a test hands in a function
that returns a temporary path instead of clicking a native dialog it cannot reach; with
``native=False`` they show Qt's own dialog, which key events can drive.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtWidgets import QFileDialog, QWidget

FolderChooser = Callable[[QWidget, Path | None], Path | None]
FileChooser = Callable[[QWidget, Path | None], Path | None]


def _options(native: bool, *extra: QFileDialog.Option) -> QFileDialog.Option:
    options = QFileDialog.Option(0)
    for option in extra:
        options |= option
    if not native:
        options |= QFileDialog.Option.DontUseNativeDialog
    return options


def ask_for_folder(parent: QWidget, start: Path | None, *, native: bool = True,
                   title: str = "Choose a folder or drive for backups") -> Path | None:
    chosen = QFileDialog.getExistingDirectory(
        parent, title, str(start or Path.home()),
        _options(native, QFileDialog.Option.ShowDirsOnly))
    return Path(chosen) if chosen else None


def ask_for_import_file(parent: QWidget, start: Path | None, *,
                        native: bool = True) -> Path | None:
    chosen, _filter = QFileDialog.getOpenFileName(
        parent, "Import entries", str(start or Path.home()),
        "JSON Lines or jrnl JSON (*.jsonl *.json *.txt);;All files (*)",
        options=_options(native))
    return Path(chosen) if chosen else None


def ask_for_export_file(parent: QWidget, start: Path | None, *,
                        native: bool = True) -> Path | None:
    """``start`` carries the format's suffix (``….md``, ``….jsonl``); its filter comes first."""
    patterns = ["Markdown (*.md)", "JSON Lines (*.jsonl)"]
    if start is not None and start.suffix == ".jsonl":
        patterns.reverse()
    chosen, _filter = QFileDialog.getSaveFileName(
        parent, "Export entries to", str(start or Path.home()),
        ";;".join([*patterns, "All files (*)"]), options=_options(native))
    return Path(chosen) if chosen else None
