"""The supervision audit from the Supervision page with real keys: Audit… opens it on the
last twelve months, typed dates recount it, a backwards period is refused, and Enter saves the
PDF (written off the UI thread) where the chooser says."""

from __future__ import annotations

from datetime import date

import pytest
from pypdf import PdfReader
from PySide6.QtCore import Qt

from reflect.supervision.records import Supervision
from reflect.ui.supervision.audit_view import AuditDialog
from reflect.ui.supervision.page import SupervisionPage
from tests.supervision.test_audit import build


@pytest.fixture
def page(qtbot, new_journal) -> SupervisionPage:
    build(Supervision(new_journal))
    page = SupervisionPage(new_journal)
    qtbot.addWidget(page)
    page.show()
    return page


def _type_date(qtbot, box, text: str) -> None:
    box.setFocus()
    box.selectAll()
    qtbot.keyClicks(box, text)
    qtbot.keyClick(box, Qt.Key.Key_Tab)


def test_the_audit_from_the_supervision_page_with_keys(qtbot, page, tmp_path):
    page.audit_button.setFocus()
    qtbot.keyClick(page.audit_button, Qt.Key.Key_Space)
    dialog = page.dialog
    assert isinstance(dialog, AuditDialog) and dialog.isVisible()
    start, end = dialog.period()
    assert end == date.today() and start is not None
    assert (end - start).days in (364, 365)  # the last twelve months, both days included

    _type_date(qtbot, dialog.from_edit, "1/2/2026")
    _type_date(qtbot, dialog.to_edit, "30/04/2026")
    qtbot.waitUntil(lambda: dialog.cell(0, 2) == "2 of 5, 40%", timeout=2_000)
    assert dialog.status.text().startswith("1 February 2026 to 30 April 2026: 2 supervisees")
    assert [dialog.cell(r, 0) for r in range(dialog.table.rowCount())] == [
        "Team", "Kestrel", "Wren"]
    assert dialog.cell(1, 1) == "2 held; 1 cancelled"
    assert dialog.cell(1, 4) == "none to count"  # Kestrel has no actions
    assert dialog.cell(2, 7) == "1 of 1, 100%"  # Wren's disagreement, resolved
    head = dialog.table.horizontalHeaderItem(2)
    assert head is not None and head.toolTip().startswith("Sessions held on schedule: ")

    _type_date(qtbot, dialog.to_edit, "1/1/2026")  # before the start: refused, nothing shown
    assert "ends before it starts" in dialog.error.text()
    assert dialog.table.rowCount() == 0 and not dialog.save_button.isEnabled()
    _type_date(qtbot, dialog.to_edit, "30/4/2026")
    assert dialog.error.text() == "" and dialog.save_button.isEnabled()

    asked = []
    dialog.choose = lambda parent, start: asked.append(start) or tmp_path / start.name
    dialog.to_edit.setFocus()
    qtbot.keyClick(dialog.to_edit, Qt.Key.Key_Return)  # the default button: Save PDF…
    qtbot.waitUntil(lambda: dialog.last_saved is not None, timeout=10_000)
    assert [p.name for p in asked] == ["supervision-audit-2026-02-01-to-2026-04-30.pdf"]
    text = " ".join((PdfReader(dialog.last_saved).pages[0].extract_text() or "").split())
    assert "1 February 2026 to 30 April 2026 · 2 supervisees" in text
    assert dialog.status.text().startswith("Saved to supervision-audit-2026-02-01")
