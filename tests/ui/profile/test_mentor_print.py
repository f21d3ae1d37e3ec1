"""Print… in the mentor pack dialog (Ctrl+P): the planned pack on paper with its sections,
only the ticked entries, collected off the UI thread, no file written."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from pypdf import PdfReader
from PySide6.QtCore import Qt

from reflect.content.library import load_attributes
from reflect.profile import ratings as profile_domain
from reflect.ui.profile.mentor_export_dialog import MentorExportDialog
from tests.ui.conftest import dark_palette
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


def _print_pack(qtbot, dialog, out):
    printer = dialog.pack_printer
    printer.choose_printer = PrintToFile(out)
    dialog.title_edit.setFocus()
    with qtbot.waitSignal(printer.printed, timeout=30_000):
        qtbot.keyClick(dialog.title_edit, Qt.Key.Key_P, Qt.KeyboardModifier.ControlModifier)


def test_the_scores_table_breaks_no_attribute_name_mid_word(qtbot, dialog, tmp_path):
    out = tmp_path / "pack.pdf"
    _print_pack(qtbot, dialog, out)
    profile_page = next(p for p in pages_text(out) if "Self − others" in p or "Finding" in p)
    table = profile_page.split("Finding", 1)[1]
    for attribute in load_attributes():
        assert attribute.short_name in table, attribute.short_name


def test_the_printed_profile_has_the_radar_as_an_image_with_its_scores_in_words(
        qtbot, qapp, dialog, tmp_path):
    """Drawn on white in the PDF's colours even in a dark palette: paper is white."""
    out = tmp_path / "pack.pdf"
    previous = qapp.palette()
    qapp.setPalette(dark_palette())
    try:
        _print_pack(qtbot, dialog, out)
    finally:
        qapp.setPalette(previous)
    reader = PdfReader(out)
    pages = pages_text(out)
    index = next(i for i, p in enumerate(pages) if p.startswith("Leadership profile"))
    images = reader.pages[index].images
    assert len(images) == 1
    assert all(not page.images for i, page in enumerate(reader.pages) if i != index)
    chart = images[0].image.convert("RGB")
    assert chart.width >= 1700  # 15 cm at 300 dpi: crisp on paper
    assert chart.getpixel((5, 5)) == (255, 255, 255)
    colours = {colour for _count, colour in chart.getcolors(maxcolors=1 << 20)}
    assert any(abs(r - 0x0B) + abs(g - 0x4F) + abs(b - 0x8A) < 40 for r, g, b in colours)
    text = pages[index].replace("- ", "-")  # a line may end after "self-"
    assert "Radar chart of the scores in the table below" in text
    for words in ("Values: current self-rating 4, others' average 2.",
                  "Corporate buy-in: current self-rating 2, others' average 3."):
        assert words in text
    assert text.index("Radar chart of") < text.index("Attribute Self now")
