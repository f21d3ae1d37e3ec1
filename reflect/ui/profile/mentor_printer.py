""""Print…" in the mentor pack dialog (Ctrl+P): the same choices, on paper.

The PDF cannot be printed as it is without a PDF renderer, so the pack's snapshot is laid out
again from :func:`reflect.profile.mentor_markdown.pack_parts`, in memory: collected on a worker
thread, then laid out for the printer the user chose, the radar drawn into the document
(:mod:`reflect.ui.profile.radar_print`). No file is written, so the password
(which protects a file) plays no part.
"""

from __future__ import annotations

from typing import Protocol

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import QLabel, QPushButton, QWidget

from reflect.journal.journal import Journal
from reflect.profile import mentor_pack
from reflect.profile.mentor_markdown import PrintPart, pack_parts
from reflect.profile.mentor_pack import PackOptions
from reflect.ui.profile.radar_print import radar_print_figure
from reflect.ui.widgets.feedback import ErrorNotice
from reflect.ui.widgets.messages import Failure
from reflect.ui.widgets.printing import (
    ChoosePrinter,
    ask_printer,
    markdown_document,
    new_printer,
    print_document,
)
from reflect.ui.workers import run_in_thread


class PackSource(Protocol):
    """What the printer needs of the export dialog (matched by shape: no import cycle)."""

    journal: Journal
    busy: bool
    status: QLabel
    error: ErrorNotice

    def options(self) -> PackOptions: ...

    def problem(self) -> str: ...


class MentorPackPrinter(QObject):
    """The Print button; ``printed`` says whether the pages went to the printer."""

    printed = Signal(bool)

    def __init__(self, dialog: PackSource, parent: QWidget, *,
                 choose_printer: ChoosePrinter = ask_printer) -> None:
        super().__init__(parent)
        self.dialog = dialog
        self.parent_widget = parent
        self.choose_printer = choose_printer
        self.working = False
        self.button = QPushButton("Print…")
        self.button.setAccessibleName("Print mentor pack")
        self.button.setToolTip("Print the pack as it is planned (Ctrl+P)")
        self.button.clicked.connect(self.print_pack)
        shortcut = QShortcut(QKeySequence.StandardKey.Print, parent)
        shortcut.setContext(Qt.ShortcutContext.WindowShortcut)
        shortcut.activated.connect(self.print_pack)

    def print_pack(self) -> bool:
        """Ask for a printer, then collect and print; False if it did not start."""
        dialog = self.dialog
        problem = dialog.problem()
        if self.working or dialog.busy or problem:
            if problem:
                dialog.status.setText(problem)
            return False
        options, journal = dialog.options(), dialog.journal
        printer = new_printer(options.title)
        if not self.choose_printer(printer, self.parent_widget):
            return False
        self.working = True
        self.button.setEnabled(False)
        dialog.error.clear()
        dialog.status.setText("Preparing the pages…")
        run_in_thread(lambda: pack_parts(mentor_pack.collect(journal, options)),
                      on_success=lambda parts: self._print(parts, printer, options.title),
                      on_failure=self._failed, owner=self)
        return True

    def _print(self, parts: list[PrintPart], printer: QPrinter, title: str) -> None:
        try:
            figures = {i: radar_print_figure(p.figure) for i, p in enumerate(parts) if p.figure}
            print_document(markdown_document([(p.markdown, p.new_page) for p in parts], title,
                                             figures), printer)
        except OSError as exc:
            self._failed(exc)
            return
        self.working = False
        self.button.setEnabled(True)
        self.dialog.status.setText("Sent to the printer.")
        self.printed.emit(True)

    def _failed(self, exc: BaseException) -> None:
        self.working = False
        self.button.setEnabled(True)
        self.dialog.status.clear()
        self.dialog.error.show_failure(Failure("The mentor pack was not printed.",
                                               str(exc) or type(exc).__name__))
        self.printed.emit(False)
