"""Returned rater forms dropped on the window are imported.

An event filter on the main window (installed by :func:`install_pdf_drop`, one line in
:mod:`reflect.ui.main_window`): it takes drops of local ``.pdf`` files while the journal is
unlocked and imports them with :func:`reflect.ui.feedback.import_report.import_pdfs`, the
report over the window. Anything else dropped (a text file, a web link, a folder) is refused
with a message naming it; nothing is imported from it.
"""

from __future__ import annotations

from pathlib import Path
from typing import Protocol

from PySide6.QtCore import QEvent, QObject
from PySide6.QtGui import QDropEvent
from PySide6.QtWidgets import QMainWindow, QMessageBox, QWidget

from reflect.journal.journal import Journal
from reflect.ui.feedback.import_report import ImportReportDialog, import_pdfs
from reflect.ui.safety.journal_actions import show_message

LOCKED = "The journal is locked: unlock it, then drop the returned forms again."


class _Shell(Protocol):
    def page(self, name: str) -> QWidget: ...
    def show_page(self, name: str) -> None: ...


def refusal(refused: list[str]) -> str:
    """One sentence naming what was not taken and what to do."""
    first = refused[0]
    what = (f"{first} was" if len(refused) == 1
            else f"{first} and {len(refused) - 1} more were")
    return (f"{what} not imported: only returned 360 rater forms, saved as PDF files on this "
            "computer, can be dropped on the window.")


def split_drop(event: QDropEvent) -> tuple[list[Path], list[str]]:
    """The local PDF files dropped, and the names of everything else."""
    pdfs: list[Path] = []
    refused: list[str] = []
    for url in event.mimeData().urls():
        if not url.isLocalFile():
            refused.append(url.toDisplayString())
            continue
        path = Path(url.toLocalFile())
        if path.suffix.lower() == ".pdf" and not path.is_dir():
            pdfs.append(path)
        else:
            refused.append(path.name or str(path))
    return pdfs, refused


class PdfDrop(QObject):
    """See the module docstring. ``report`` and ``message`` are the last shown (for tests)."""

    def __init__(self, window: QMainWindow) -> None:
        super().__init__(window)
        self.window = window
        self.report: ImportReportDialog | None = None
        self.message: QMessageBox | None = None

    def _journal(self) -> Journal | None:
        journal = getattr(self.window, "journal", None)
        shell = getattr(self.window, "shell", None)
        if isinstance(journal, Journal) and journal.is_open and shell is not None:
            return journal
        return None

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is not self.window:
            return False
        kind = event.type()
        if kind in (QEvent.Type.DragEnter, QEvent.Type.DragMove):
            if isinstance(event, QDropEvent) and event.mimeData().hasUrls():
                event.acceptProposedAction()
                return True
            return False
        if kind == QEvent.Type.Drop and isinstance(event, QDropEvent):
            if not event.mimeData().hasUrls():
                return False
            event.acceptProposedAction()
            self.dropped(*split_drop(event))
            return True
        return False

    def dropped(self, pdfs: list[Path], refused: list[str]) -> None:
        journal = self._journal()
        if journal is None:
            self.message = show_message(self.window, "Not imported", LOCKED, warning=True)
            return
        if refused:
            self.message = show_message(self.window, "Not imported", refusal(refused),
                                        warning=True)
        if pdfs:
            self.report = import_pdfs(self.window, journal, pdfs, type_in=self._type_in)

    def _type_in(self) -> None:
        """The Profile page's rating form, for someone else's ratings."""
        shell: _Shell | None = getattr(self.window, "shell", None)
        if shell is None or "Profile" not in getattr(shell, "page_names", ()):
            return
        shell.show_page("Profile")
        opener = getattr(shell.page("Profile"), "open_rating_form", None)
        if callable(opener):
            opener("other")


def install_pdf_drop(window: QMainWindow) -> PdfDrop:
    """Let returned forms be dropped anywhere on ``window``."""
    window.setAcceptDrops(True)
    drop = PdfDrop(window)
    window.installEventFilter(drop)
    return drop
