"""The shared printing: Markdown parts laid out with page breaks and ruled tables, the painted
recovery sheet on one page, and a cancelled print dialog printing nothing."""

from __future__ import annotations

from pypdf import PdfReader

from reflect.safety.recovery_sheet import recovery_sheet
from reflect.ui.widgets.printing import print_markdown, print_recovery_sheet
from tests.ui.printing import PrintToFile, cancel, compact, empty_tmp, pages_text

KEY = "ABCD-EFGH-IJKL-MNOP-QRST-UVWX-YZ23-4567"


def test_markdown_parts_print_with_a_page_break_where_asked(qapp, tmp_path, monkeypatch):
    tmp = empty_tmp(tmp_path, monkeypatch)
    out = tmp_path / "out.pdf"
    parts = [("# First\n\n| Action | Owner |\n|---|---|\n| Call *school* | Sam |", False),
             ("# Second\n\nOn its own page.", True), ("## Third\n\nSame page.", False)]
    choose = PrintToFile(out)
    assert print_markdown(parts, "A title", None, choose)
    assert choose.doc_name == "A title"
    pages = pages_text(out)
    assert len(pages) == 2
    assert "First" in pages[0] and "Call school Sam" in pages[0] and "*" not in pages[0]
    assert "Second" in pages[1] and "Third" in pages[1]
    assert list(tmp.iterdir()) == []


def test_a_cancelled_print_dialog_prints_nothing(qapp, tmp_path):
    assert not print_markdown([("# Hello", False)], "T", None, cancel)
    assert not print_recovery_sheet(recovery_sheet(KEY, tmp_path), None, cancel)
    assert list(tmp_path.iterdir()) == []


def test_the_recovery_sheet_is_one_page_with_the_key_large(qapp, tmp_path, monkeypatch):
    tmp = empty_tmp(tmp_path, monkeypatch)
    out = tmp_path / "key.pdf"
    assert print_recovery_sheet(recovery_sheet(KEY, tmp_path / "My journal"), None,
                                PrintToFile(out))
    reader = PdfReader(out)
    assert len(reader.pages) == 1
    text = pages_text(out)[0]
    assert "ABCD-EFGH-IJKL-MNOP" in compact(text) and "QRST-UVWX-YZ23-4567" in compact(text)
    assert "Journal: My journal" in text and "away from the laptop" in text
    assert list(tmp.iterdir()) == []


ATTRIBUTES = ("Values", "Partnerships", "Practice\u00a0&\u00a0culture", "Corporate\u00a0buy-in")
NINE_COLUMNS = ("| Attribute | Self now | Previous | Change | Target | To target | Others' average "
                "| Self − others | Finding |\n|" + "---|" * 9 + "\n"
                + "".join(f"| {name} | 4 | 3 | +1 | 5 | +1 | 2.5 (n=9) | +1.5 | Hidden strength |\n"
                          for name in ATTRIBUTES))


def test_table_columns_keep_every_word_whole_when_the_page_has_room(qapp, tmp_path):
    out = tmp_path / "out.pdf"
    assert print_markdown([(NINE_COLUMNS, False)], "T", None, PrintToFile(out))
    text = pages_text(out)[0]
    for name in ("Partnerships", "Practice & culture", "Corporate buy-in", "Hidden strength",
                 "Others' average", "Self − others"):
        assert name in text, name


def test_a_word_too_long_for_any_column_is_broken_not_cut_off(qapp, tmp_path):
    out = tmp_path / "out.pdf"
    address = "https://example.org/" + "a-very-long-path" * 10
    table = f"| Action | Owner |\n|---|---|\n| See {address} | Sam |"
    assert print_markdown([(table, False)], "T", None, PrintToFile(out))
    assert address in compact(pages_text(out)[0])
