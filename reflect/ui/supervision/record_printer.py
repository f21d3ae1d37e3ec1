""""Print…" in the record form (Ctrl+P): the saved record on paper, to read and sign.

The record is laid out in memory and goes straight to the printer; no file is written. It
prints what "Export record…" would export, sensitive sections included only when that menu's
"Include sensitive sections" is ticked.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QPushButton, QWidget

from reflect.common.errors import ReflectError
from reflect.supervision.record_print import record_print_markdown
from reflect.ui.supervision.record_exporter import ExportSource
from reflect.ui.widgets.buttons import press_on_enter
from reflect.ui.widgets.messages import Failure
from reflect.ui.widgets.printing import ChoosePrinter, ask_printer, print_markdown


class RecordPrinter(QObject):
    """The Print button and its shortcut; ``choose_printer`` is the print dialog step."""

    def __init__(self, form: ExportSource, include_sensitive: Callable[[], bool],
                 parent: QWidget, *, choose_printer: ChoosePrinter = ask_printer) -> None:
        super().__init__(parent)
        self.form = form
        self.include_sensitive = include_sensitive
        self.parent_widget = parent
        self.choose_printer = choose_printer
        self.button = QPushButton("Print…")
        self.button.setAccessibleName("Print record")
        self.button.setToolTip("Print the saved record to read and sign (Ctrl+P)")
        self.button.clicked.connect(self.print_record)
        press_on_enter(self.button)
        shortcut = QShortcut(QKeySequence.StandardKey.Print, parent)
        shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        shortcut.activated.connect(self.print_record)

    def print_record(self) -> bool:
        """Save first if needed (a printed record is a saved one), then print it."""
        form = self.form
        if not form.ready_to_export() or form.entry_id is None:
            return False
        try:
            text = record_print_markdown(form.supervision, form.entry_id,
                                         include_sensitive=self.include_sensitive())
        except (ReflectError, ValueError) as exc:
            form.error.show_failure(Failure("The record was not printed.", str(exc)))
            return False
        title = form.title_edit.text().strip() or "Supervision record"
        try:
            printed = print_markdown([(text, False)], title, self.parent_widget,
                                     self.choose_printer)
        except OSError as exc:
            form.error.show_failure(Failure("The record was not printed.", str(exc)))
            return False
        if printed:
            form.error.clear()
            form.show_status("Sent to the printer")
        return printed
