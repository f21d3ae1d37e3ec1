"""Returned forms dropped on the real window (a real QDropEvent carrying real QMimeData): a
filled form is imported and the Profile page's table follows; the same form dropped again
is skipped with its reason; a text file is refused with a message and nothing changes."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QMimeData, QPoint, QPointF, Qt, QUrl
from PySide6.QtGui import QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import QApplication

from reflect.feedback import form_fields as ff
from reflect.feedback import returns
from reflect.feedback.forms import write_forms
from reflect.feedback.rounds import create_round
from reflect.journal.journal import Journal
from reflect.ui.feedback.pdf_drop import LOCKED
from tests.feedback.conftest import fill_form
from tests.ui.conftest import open_unlocked

ANSWERS = {ff.GROUP_FIELD: "/team_member", ff.score_field("values_driven"): "/5",
           ff.score_field("partnerships"): "/3",
           ff.comment_field("values_driven"): "Names the values in every team meeting."}


@pytest.fixture
def returned(folder: Path, cheap, passphrase, tmp_path) -> Path:
    """A journal with an open round, and one of its forms filled in by a rater."""
    journal, _ = Journal.create(folder, passphrase, cheap)
    with journal:
        made = create_round(journal, "Autumn 360", {"team member": 3, "peer": 2})
        out = tmp_path / "out"
        out.mkdir()
        blank = write_forms(journal, made, out)[0]
    path = tmp_path / "from a team member.pdf"
    path.write_bytes(fill_form(blank.read_bytes(), ANSWERS))
    return path


def drop(window, *paths: Path, urls: list[QUrl] | None = None) -> bool:
    """Drag over the window and drop, as the system's drag and drop delivers it."""
    mime = QMimeData()
    mime.setUrls(urls if urls is not None else [QUrl.fromLocalFile(str(p)) for p in paths])
    where = window.rect().center()
    enter = QDragEnterEvent(where, Qt.DropAction.CopyAction, mime, Qt.MouseButton.NoButton,
                            Qt.KeyboardModifier.NoModifier)
    QApplication.sendEvent(window, enter)
    if not enter.isAccepted():
        return False
    event = QDropEvent(QPointF(QPoint(where)), Qt.DropAction.CopyAction, mime,
                       Qt.MouseButton.NoButton, Qt.KeyboardModifier.NoModifier)
    QApplication.sendEvent(window, event)
    return event.isAccepted()


def test_a_dropped_form_is_imported_then_skipped_the_second_time(
        qtbot, make_window, driver, folder, passphrase, returned):
    window = open_unlocked(qtbot, make_window, driver, folder, passphrase)
    window.shell.show_page("Profile")
    page = window.shell.page("Profile")
    assert page.table_text("values_driven", "Others (n)") == "–"
    assert drop(window, returned)
    report = window.pdf_drop.report
    qtbot.waitUntil(lambda: report.report is not None, timeout=20_000)
    assert report.row_texts() == [
        "from a team member.pdf: Imported — Autumn 360, team member, 2 ratings"]
    assert report.summary.text() == "Imported 1 of 1 file."
    qtbot.waitUntil(lambda: page.table_text("values_driven", "Others (n)") == "5 (1)",
                    timeout=5_000)
    assert page.rounds.row_text("Autumn 360")[3] == "1 of 5"
    qtbot.keyClick(report.close_button, Qt.Key.Key_Return)

    assert drop(window, returned)
    again = window.pdf_drop.report
    assert again is not report
    qtbot.waitUntil(lambda: again.report is not None, timeout=20_000)
    [line] = again.row_texts()
    assert line.startswith("from a team member.pdf: Skipped — This form was imported on ")
    assert line.endswith(", so it was not counted again.")
    assert again.summary.text() == "Imported 0 of 1 file; 1 skipped, for the reason below."
    assert len(returns.returns(window.journal)) == 1


def test_a_text_file_dropped_is_refused_with_a_message(qtbot, make_window, driver, folder,
                                                       passphrase, returned, tmp_path):
    notes = tmp_path / "notes.txt"
    notes.write_text("not a form")
    window = open_unlocked(qtbot, make_window, driver, folder, passphrase)
    assert drop(window, notes)
    box = window.pdf_drop.message
    assert box is not None and box.isVisible()
    assert box.text() == ("notes.txt was not imported: only returned 360 rater forms, saved "
                          "as PDF files on this computer, can be dropped on the window.")
    assert window.pdf_drop.report is None
    assert returns.returns(window.journal) == []
    box.close()
    assert drop(window, urls=[QUrl("https://example.org/form.pdf")])
    assert window.pdf_drop.message.text().startswith("https://example.org/form.pdf was not")
    assert window.pdf_drop.report is None


def test_a_form_dropped_on_the_locked_window_is_not_imported(qtbot, make_window, folder,
                                                             returned):
    window = make_window(folder)
    assert drop(window, returned)
    assert window.pdf_drop.message.text() == LOCKED
    assert window.pdf_drop.report is None
