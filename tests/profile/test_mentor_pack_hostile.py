"""One entry can never block the mentor pack (issue 10, case 6): deep quotes, deep lists,
thousands of nested ``*`` and a 300-column table are laid out, read back with pypdf; an
entry that still cannot be laid out is left out with a note naming it and a warning."""

from __future__ import annotations

import io
from datetime import date, timedelta

from pypdf import PdfReader

from reflect.profile import mentor_pack
from reflect.profile.mentor_content import PackContent, PackEntry, PackOptions, PackSection
from tests.common.test_markdown_nesting import HOSTILE

TODAY = date.today()


def flat(text: str) -> str:
    return " ".join(text.split())


def pdf_words(data_or_path) -> str:
    source = io.BytesIO(data_or_path) if isinstance(data_or_path, bytes) else str(data_or_path)
    return flat(" ".join(page.extract_text() for page in PdfReader(source).pages))


def test_hostile_shared_entries_all_go_into_the_pack(new_journal, tmp_path):
    ids = [new_journal.add_entry(f"Hostile {name}", body, share_with_mentor=True,
                                 happened_on=TODAY - timedelta(days=n)).id
           for n, (name, body) in enumerate(HOSTILE.items())]
    ids.append(new_journal.add_entry("A calm entry", "Nothing odd here.", share_with_mentor=True,
                                     happened_on=TODAY).id)
    options = PackOptions(date_from=TODAY - timedelta(days=30), date_to=TODAY,
                          entry_ids=tuple(ids), include_profile=False)
    result = mentor_pack.export(new_journal, options, tmp_path / "pack.pdf")
    assert result.warnings == ()
    text = pdf_words(tmp_path / "pack.pdf")
    for name in HOSTILE:
        assert f"Hostile {name}" in text
    for word in ("deepest quote", "item399", "core", "h299", "v299", "Nothing odd here."):
        assert word in text, word


def test_deeply_nested_section_values_go_into_the_pack(new_journal, tmp_path):
    deep: object = "leaf words"
    for _ in range(400):
        deep = {"inner": deep}
    entry = new_journal.add_entry("Deep sections", "Body.", share_with_mentor=True,
                                  sections={"notes": deep, "quote": "> " * 40 + "quoted"})
    options = PackOptions(entry_ids=(entry.id,), include_profile=False)
    mentor_pack.export(new_journal, options, tmp_path / "pack.pdf")
    text = pdf_words(tmp_path / "pack.pdf")
    assert "leaf words" in text and "quoted" in text


def _entry(entry_id: int, title: str, **fields) -> PackEntry:
    return PackEntry(entry_id, title, date(2026, 3, entry_id), "reflection",
                     fields.pop("body", "Body."), **fields)


def test_an_entry_that_cannot_be_laid_out_is_left_out_with_a_note_and_a_warning():
    # A snapshot from a caller other than collect(): an actions row without its columns, which
    # the layout cannot draw. It stands for any entry reportlab fails on.
    broken = _entry(2, "The broken one", sections=(
        PackSection("Actions", actions=({"description": "Only this"},)),))
    content = PackContent(
        options=PackOptions(include_profile=False, include_notes=False, include_actions=False),
        prepared_on=date(2026, 3, 31), profile=None, history=(), coaching=(),
        reflections=(_entry(1, "Before it", body="First words."), broken,
                     _entry(3, "After it", body="Last words.")), actions=())
    pdf, warnings = mentor_pack.render_with_warnings(content)
    text = pdf_words(pdf)
    assert "First words." in text and "Last words." in text
    assert ("“The broken one” of 2 March 2026 could not be laid out in the PDF, so it is left "
            "out of this pack" in text)
    assert warnings == (mentor_pack.left_out_text(broken),)
    assert "The broken one" in warnings[0]
