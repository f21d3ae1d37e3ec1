"""Print… in the mentor pack dialog (Ctrl+P): the planned pack on paper with its sections,
only the ticked entries, collected off the UI thread, no file written."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from PySide6.QtCore import Qt

from reflect.content.library import load_attributes
from reflect.profile import ratings as profile_domain
from reflect.ui.profile.mentor_export_dialog import MentorExportDialog
from tests.ui.printing import PrintToFile, empty_tmp, pages_text

TODAY = date.today()
SHARED = "Modelling curiosity in the team huddle"
PRIVATE = "Notes to self on the restructure"


@pytest.fixture
def dialog(qtbot, new_journal) -> MentorExportDialog:
    ids = [a.id for a in load_attributes()]
    profile_domain.rate(new_journal, dict(zip(ids, [4, 4, 3, 4, 2], strict=True)),
                        notes={ids[0]: "I said no to the rota change"})
    profile_domain.rate(new_journal, dict(zip(ids, [2, 3, 3, 2, 3], strict=True)),
                        kind="other", rater_group="peer")
    new_journal.add_entry(SHARED, "We tried **asking first**.\n\n- one\n- two",
                          share_with_mentor=True, happened_on=TODAY - timedelta(days=3))
    new_journal.add_entry(PRIVATE, "Not for anyone else.", happened_on=TODAY - timedelta(days=4))
    dialog = MentorExportDialog(new_journal)
    qtbot.addWidget(dialog)
    dialog.resize(1000, 700)
    dialog.show()
    qtbot.waitExposed(dialog)
    return dialog


def test_ctrl_p_prints_the_planned_pack(qtbot, dialog, tmp_path, monkeypatch):
    tmp = empty_tmp(tmp_path, monkeypatch)
    out = tmp_path / "pack.pdf"
    printer = dialog.pack_printer
    printer.choose_printer = choose = PrintToFile(out)
    dialog.name_edit.setText("Sam Okafor")
    with qtbot.waitSignal(printer.printed, timeout=30_000) as done:
        qtbot.keyClick(dialog.title_edit, Qt.Key.Key_P, Qt.KeyboardModifier.ControlModifier)
    assert done.args == [True]
    assert dialog.status.text() == "Sent to the printer."
    pages = pages_text(out)
    text = " ".join(pages)
    assert pages[0].startswith("Leadership development: mentor pack") and "Sam Okafor" in pages[0]
    for section in ("Leadership profile", "Attribute notes", "Reflections",
                    "Open development actions", "About the ratings"):
        assert section in text
    assert SHARED in text and "asking first" in text and "**" not in text
    assert "I said no to the rota change" in text
    assert PRIVATE not in text and "Not for anyone else" not in text
    assert len(pages) >= 3  # cover, profile, entries ... each on its own page
    assert list(tmp.iterdir()) == []
    assert choose.doc_name == "Leadership development: mentor pack"


def test_the_print_button_follows_the_ticks_and_refuses_a_backwards_period(qtbot, dialog,
                                                                          tmp_path):
    out = tmp_path / "pack.pdf"
    printer = dialog.pack_printer
    printer.choose_printer = choose = PrintToFile(out)
    private = next(c.entry_id for c in dialog.candidates if c.title == PRIVATE)
    dialog.set_ticked(private, True)
    dialog.include_profile.setChecked(False)
    printer.button.setFocus()
    with qtbot.waitSignal(printer.printed, timeout=30_000):
        qtbot.keyClick(printer.button, Qt.Key.Key_Return)
    text = " ".join(pages_text(out))
    assert PRIVATE in text and "Leadership profile" not in text
    dialog.from_edit.setDate(dialog.to_edit.date().addDays(1))
    assert not printer.print_pack()
    assert choose.asked == 1 and dialog.status.text() == "The period ends before it starts."
