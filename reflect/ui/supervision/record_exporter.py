""""Export record…" in the record form: the saved record as Markdown or as a tidy PDF, for the
supervisee to read and agree. Exports are the only plaintext Reflect writes, so they go only
where the user chooses, readable by the owner only, and the status says they are not
encrypted; the PDF is built off the UI thread.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, Protocol

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QFileDialog, QLineEdit, QMenu, QPushButton, QWidget

from reflect.common.atomic import atomic_write_text
from reflect.common.errors import ReflectError
from reflect.content.templates import slugify
from reflect.supervision.record_pdf import export_record_pdf
from reflect.supervision.records import Supervision
from reflect.ui.widgets.feedback import BusyIndicator, ErrorNotice
from reflect.ui.widgets.messages import Failure
from reflect.ui.workers import run_in_thread


class ExportSource(Protocol):
    """What the exporter needs of the record form. The form matches it by shape, so the
    exporter need not import the form that builds it (no import cycle)."""

    supervision: Supervision
    entry_id: int | None
    title_edit: QLineEdit
    busy: BusyIndicator
    error: ErrorNotice

    def ready_to_export(self) -> bool: ...

    def form_state(self) -> dict[str, Any]: ...

    def show_status(self, text: str | None = None) -> None: ...


def _reason(exc: BaseException) -> str:
    return str(exc) if isinstance(exc, ReflectError | OSError | ValueError) else (
        f"Something unexpected went wrong ({type(exc).__name__}).")


class RecordExporter(QObject):
    """The export button and its menu; ``last_export`` is the last file written."""

    def __init__(self, form: ExportSource, parent: QWidget) -> None:
        super().__init__(parent)
        self.form = form
        self.parent_widget = parent  # the save dialog sits over it
        self.last_export: Path | None = None
        self.button = QPushButton("Export record…")
        self.button.setAccessibleName("Export record")
        self.button.setToolTip("Save the record as Markdown or PDF for the supervisee")
        menu = QMenu(self.button)
        menu.addAction("As Markdown…", lambda: self.choose("md"))
        menu.addAction("As PDF…", lambda: self.choose("pdf"))
        menu.addSeparator()
        self.include_sensitive = menu.addAction("Include sensitive sections")
        self.include_sensitive.setCheckable(True)
        # Opt-in, as everywhere else: personal sections (wellbeing) leave only when ticked.
        self.include_sensitive.setChecked(False)
        self.button.setMenu(menu)

    def choose(self, kind: str) -> None:
        """Ask where (the only file dialog), then export."""
        form = self.form
        if not form.ready_to_export():
            return
        name = f"{slugify(form.title_edit.text())}-{form.form_state()['happened_on']}.{kind}"
        label = "Markdown (*.md)" if kind == "md" else "PDF (*.pdf)"
        path, _ = QFileDialog.getSaveFileName(self.parent_widget, "Export record",
                                              str(Path.home() / name), label)
        if path:
            (self.export_markdown if kind == "md" else self.export_pdf)(Path(path))

    def export_markdown(self, path: Path) -> bool:
        """Write the saved record as Markdown to ``path`` (readable by the owner only)."""
        form = self.form
        if not form.ready_to_export() or form.entry_id is None:
            return False
        try:
            text = form.supervision.record_markdown(
                form.entry_id, include_sensitive=self.include_sensitive.isChecked())
            atomic_write_text(Path(path), text, mode=0o600)
        except (OSError, ReflectError, ValueError) as exc:
            self._failed(exc)
            return False
        self._done(Path(path))
        return True

    def export_pdf(self, path: Path) -> bool:
        """Build and write the PDF off the UI thread; ``last_export`` is set when done."""
        form = self.form
        if not form.ready_to_export() or form.entry_id is None:
            return False
        try:
            record = form.supervision.record(form.entry_id)
        except (ReflectError, ValueError) as exc:
            self._failed(exc)
            return False
        include = self.include_sensitive.isChecked()
        form.busy.start("Writing the PDF…")
        self.button.setEnabled(False)
        run_in_thread(lambda: export_record_pdf(record, Path(path), include_sensitive=include),
                      on_success=self._done, on_failure=self._failed, owner=self)
        return True

    def _done(self, path: Path) -> None:
        self.form.busy.stop()
        self.button.setEnabled(True)
        self.last_export = Path(path)
        self.form.error.clear()
        # Markdown and this PDF are plaintext on disk: say so, as every other export does.
        self.form.show_status(f"Exported to {Path(path).name}, not encrypted")

    def _failed(self, exc: BaseException) -> None:
        self.form.busy.stop()
        self.button.setEnabled(True)
        self.form.error.show_failure(Failure("The record was not exported.", _reason(exc)))
