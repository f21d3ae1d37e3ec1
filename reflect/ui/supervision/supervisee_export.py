"""The supervisee's copy, from the record's Export menu: "Export for the supervisee…" (a
fillable PDF), "Print for the supervisee…" and "Read back returned PDF…".

The copy leaves out sensitive sections and the supervisor's own notes (see
:mod:`reflect.supervision.supervisee_copy`). Giving it out marks the record shared today when
no date was set. A returned PDF is read off the UI thread, shown, and taken into the
Agreement panel only when the person confirms; then the record is saved. A refused file
changes nothing. The file choosers and the print dialog are parameters, so tests hand in
their own.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any, Protocol

from PySide6.QtCore import QObject
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QLineEdit,
    QMenu,
    QVBoxLayout,
    QWidget,
)

from reflect.common.errors import ReflectError
from reflect.content.templates import slugify
from reflect.supervision.records import Supervision
from reflect.supervision.supervisee_copy import (
    Returned,
    export_supervisee_pdf,
    read_returned,
    supervisee_print_markdown,
    take_in,
)
from reflect.ui.supervision.agreement_panel import AgreementPanel
from reflect.ui.supervision.record_body import RecordBody
from reflect.ui.widgets.feedback import BusyIndicator, ErrorNotice, hint_label, plain_label
from reflect.ui.widgets.messages import Failure
from reflect.ui.widgets.printing import ChoosePrinter, ask_printer, print_markdown
from reflect.ui.workers import run_in_thread

#: (parent, suggested path) -> the chosen path, or None when cancelled.
Chooser = Callable[[QWidget, Path], Path | None]


def ask_where_to_save(parent: QWidget, start: Path) -> Path | None:
    path, _ = QFileDialog.getSaveFileName(parent, "Export for the supervisee", str(start),
                                          "PDF (*.pdf)")
    return Path(path) if path else None


def ask_for_returned(parent: QWidget, start: Path) -> Path | None:
    path, _ = QFileDialog.getOpenFileName(parent, "Read back the returned PDF",
                                          str(start.parent), "PDF (*.pdf);;All files (*)")
    return Path(path) if path else None


class SuperviseeSource(Protocol):
    """What this needs of the record form (matched by shape: no import of the form)."""

    supervision: Supervision
    entry_id: int | None
    uid: str
    title_edit: QLineEdit
    busy: BusyIndicator
    error: ErrorNotice
    body: RecordBody | None

    def ready_to_export(self) -> bool: ...

    def form_state(self) -> dict[str, Any]: ...

    def show_status(self, text: str | None = None) -> None: ...

    def save(self) -> bool: ...


class ReadBackDialog(QDialog):
    """What the returned PDF says; "Take it in" stores it, Cancel changes nothing."""

    def __init__(self, returned: Returned, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Read back the returned PDF")
        self.returned = returned
        layout = QVBoxLayout(self)
        layout.addWidget(plain_label(f"{returned.path.name} says:"))
        self.lines = [plain_label(line, selectable=True) for line in returned.summary()]
        for label in self.lines:
            layout.addWidget(label)
        layout.addWidget(hint_label("Take it in adds the comments to this record, dated, and "
                                    "sets “Agreed on” when the box is ticked; the record is "
                                    "then saved."))
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                        | QDialogButtonBox.StandardButton.Cancel)
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setText("Take it in")
        ok.setDefault(True)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(420)

    def texts(self) -> list[str]:
        return [label.text() for label in self.lines]


class SuperviseeExport(QObject):
    """The three menu entries; ``last_export`` and ``dialog`` are for tests and callers."""

    def __init__(self, form: SuperviseeSource, parent: QWidget, *,
                 choose_save: Chooser = ask_where_to_save,
                 choose_returned: Chooser = ask_for_returned,
                 choose_printer: ChoosePrinter = ask_printer) -> None:
        super().__init__(parent)
        self.form = form
        self.parent_widget = parent
        self.choose_save = choose_save
        self.choose_returned = choose_returned
        self.choose_printer = choose_printer
        self.last_export: Path | None = None
        self.dialog: ReadBackDialog | None = None

    def add_to(self, menu: QMenu) -> None:
        menu.addSeparator()
        menu.addAction("Export for the supervisee…", self.export_pdf)
        menu.addAction("Print for the supervisee…", self.print_copy)
        menu.addAction("Read back returned PDF…", self.read_back)

    def _panel(self) -> AgreementPanel | None:
        body = self.form.body
        return body.agreement if body is not None else None

    def _suggested(self) -> Path:
        form = self.form
        return Path.home() / (f"{slugify(form.title_edit.text())}-"
                              f"{form.form_state()['happened_on']}-for-the-supervisee.pdf")

    # -- giving it out ---------------------------------------------------------------------
    def export_pdf(self, path: Path | None = None) -> bool:
        """Save first if needed, ask where, then write the fillable copy off the UI thread."""
        form = self.form
        if not form.ready_to_export() or form.entry_id is None:
            return False
        path = path or self.choose_save(self.parent_widget, self._suggested())
        if path is None:
            return False
        try:
            record = form.supervision.record(form.entry_id)
        except (ReflectError, ValueError) as exc:
            return self._failed("The supervisee's copy was not exported.", exc)
        form.busy.start("Writing the supervisee's copy…")
        run_in_thread(lambda: export_supervisee_pdf(record, Path(path)),
                      on_success=self._exported, on_failure=self._export_failed, owner=self)
        return True

    def _exported(self, path: Path) -> None:
        self.form.busy.stop()
        self.last_export = Path(path)
        self.form.error.clear()
        marked = self._mark_shared()
        self.form.show_status(f"Exported the supervisee's copy to {Path(path).name}, not "
                              f"encrypted{marked}")

    def print_copy(self) -> bool:
        form = self.form
        if not form.ready_to_export() or form.entry_id is None:
            return False
        try:
            text = supervisee_print_markdown(form.supervision, form.entry_id)
            title = form.title_edit.text().strip() or "Supervision record"
            printed = print_markdown([(text, False)], title, self.parent_widget,
                                     self.choose_printer)
        except (ReflectError, ValueError, OSError) as exc:
            return self._failed("The supervisee's copy was not printed.", exc)
        if printed:
            form.error.clear()
            form.show_status(f"Sent the supervisee's copy to the printer{self._mark_shared()}")
        return printed

    def _mark_shared(self) -> str:
        """Shared today, unless a date was already given; saved at once."""
        panel = self._panel()
        if panel is None or panel.agreement().shared_on is not None:
            return ""
        panel.shared_edit.set_value(date.today())
        return "; marked shared today" if self.form.save() else ""

    # -- reading it back -----------------------------------------------------------------
    def read_back(self, path: Path | None = None) -> bool:
        """Ask for the returned PDF, read it off the UI thread, then ask to take it in."""
        form = self.form
        if self._panel() is None:
            form.error.show_failure(Failure("Nothing was read in.", "Only supervision "
                                            "records are agreed with the supervisee."))
            return False
        if not form.ready_to_export() or form.entry_id is None:
            return False
        path = path or self.choose_returned(self.parent_widget, self._suggested())
        if path is None:
            return False
        uid, title = form.uid, form.title_edit.text().strip()
        form.busy.start("Reading the returned PDF…")
        run_in_thread(lambda: read_returned(Path(path), uid, title), on_success=self._read,
                      on_failure=self._read_failed, owner=self)
        return True

    def _read(self, returned: Returned) -> None:
        self.form.busy.stop()
        self.form.error.clear()
        dialog = ReadBackDialog(returned, self.parent_widget)
        dialog.accepted.connect(lambda: self._take_in(returned))
        dialog.finished.connect(dialog.deleteLater)
        self.dialog = dialog
        dialog.open()

    def _take_in(self, returned: Returned) -> None:
        panel = self._panel()
        if panel is None:
            return
        try:
            agreement = take_in(panel.agreement(), returned)
        except ReflectError as exc:
            self._failed("Nothing was read in.", exc)
            return
        panel.set_value(agreement)
        panel.changed.emit()
        if self.form.save():
            said = "agreed" if returned.agreed else "not agreed"
            self.form.show_status(f"Read back {returned.path.name}: {said}"
                                  f"{', comments added' if returned.comments else ''}")

    def _export_failed(self, exc: BaseException) -> None:
        self._failed("The supervisee's copy was not exported.", exc)

    def _read_failed(self, exc: BaseException) -> None:
        self._failed("Nothing was read in.", exc)

    def _failed(self, what: str, exc: BaseException) -> bool:
        self.form.busy.stop()
        reason = str(exc) if isinstance(exc, ReflectError | OSError | ValueError) else (
            f"Something unexpected went wrong ({type(exc).__name__}).")
        self.form.error.show_failure(Failure(what, reason))
        return False
