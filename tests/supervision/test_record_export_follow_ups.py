"""The record's exports list the earlier actions reviewed in it ("Previous actions
reviewed": each action, the decision, the outcome or reason), and only when there are any:
Markdown read as text, PDF read back with pypdf."""

from pypdf import PdfReader

from reflect.supervision.record_pdf import export_record_pdf
from tests.supervision.test_record_trash import OUTCOME, april, sup  # noqa: F401

PART = "## Previous actions reviewed"


def _words(path) -> str:
    return " ".join(" ".join(p.extract_text() for p in PdfReader(str(path)).pages).split())


def test_markdown_lists_them_before_the_sections(sup, april):  # noqa: F811
    _actions, record_id = april
    text = sup.record_markdown(record_id)
    part = text.split(PART, 1)[1].split("\n## ", 1)[0]
    assert part.strip().splitlines() == [
        "| Action | Decision | Outcome or reason |", "|---|---|---|",
        f"| Book the strategy meeting | Done | {OUTCOME} |",
        "| Ask the IRO for a view | Dropped | The IRO changed |",
        "| Chronology to the school | Carried forward | Continued in this record's actions, "
        "due 6 May 2026. |"]
    assert text.index(PART) < text.index("## Agenda agreed")
    assert "follow ups" not in text.lower()  # the reserved link key is no section


def test_the_pdf_lists_them(sup, april, tmp_path):  # noqa: F811
    _actions, record_id = april
    words = _words(export_record_pdf(sup.record(record_id), tmp_path / "april.pdf"))
    assert "Previous actions reviewed" in words
    assert "Book the strategy meeting Done " + OUTCOME in words
    assert "Ask the IRO for a view Dropped The IRO changed" in words
    assert "Chronology to the school Carried forward" in words


def test_no_part_without_follow_ups_and_back_with_a_restored_record(sup, april, tmp_path):  # noqa: F811
    actions, record_id = april
    march_id = actions[0].entry_id
    assert PART not in sup.record_markdown(march_id)
    assert "Previous actions reviewed" not in _words(
        export_record_pdf(sup.record(march_id), tmp_path / "march.pdf"))
    sup.journal.delete_entry(record_id)
    sup.journal.restore_entry(record_id)
    assert PART in sup.record_markdown(record_id)  # restored: they count again


def test_the_printed_record_lists_them_too(sup, april):  # noqa: F811
    from reflect.supervision.record_print import record_print_markdown

    _actions, record_id = april
    text = record_print_markdown(sup, record_id)
    assert PART in text and f"| Book the strategy meeting | Done | {OUTCOME} |" in text
