"""The print step for tests: the printer the app set up, sent to a PDF file of the test's
own instead of through the modal print dialog (a real QPrinter, not a stand-in)."""

from __future__ import annotations

import tempfile
import unicodedata
from pathlib import Path

import pytest
from pypdf import PdfReader
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import QWidget


class PrintToFile:
    """A ChoosePrinter that accepts, printing to ``path``; remembers the printer it was given."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.asked = 0
        self.doc_name = ""

    def __call__(self, printer: QPrinter, parent: QWidget | None) -> bool:
        self.asked += 1
        self.doc_name = printer.docName()
        printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        printer.setOutputFileName(str(self.path))
        return True


def cancel(printer: QPrinter, parent: QWidget | None) -> bool:
    """The user pressed Cancel in the print dialog."""
    return False


def pages_text(path: Path) -> list[str]:
    """Each page's words on one line; ligatures (ﬁ, ﬂ) read as their letters."""
    return [" ".join(unicodedata.normalize("NFKC", page.extract_text()).split())
            for page in PdfReader(path).pages]


def compact(text: str) -> str:
    """Without any spaces: pypdf splits a monospace word where Qt kerned it ("456 7")."""
    return "".join(text.split())


def empty_tmp(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """TMPDIR (for Qt and Python) pointed at an empty folder, to see that printing leaves
    nothing there."""
    folder = tmp_path / "tmpdir"
    folder.mkdir()
    monkeypatch.setenv("TMPDIR", str(folder))
    monkeypatch.setattr(tempfile, "tempdir", str(folder))
    return folder
