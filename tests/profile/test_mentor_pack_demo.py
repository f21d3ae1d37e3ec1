"""The mentor pack of the demo journal, read back as a coach reads it (issue 15): each
preparation lists the actions it followed up, the rating questions carry the workbook's
instructions and the corrected question's note, and no small rater group is named."""

from __future__ import annotations

from datetime import date

import pytest
from pypdf import PdfReader

from reflect.demo.builder import build_demo
from reflect.profile import mentor_pack
from reflect.profile.mentor_markdown import pack_parts
from reflect.profile.mentor_pack import PackOptions
from reflect.store.envelope import KdfParams

TODAY = date(2026, 12, 2)


@pytest.fixture(scope="module")
def pack_text(tmp_path_factory) -> tuple[str, str]:
    folder = tmp_path_factory.mktemp("demo")
    journal, _ = build_demo(folder / "j", TODAY, KdfParams.cheap())
    try:
        found = mentor_pack.candidates(journal)
        options = PackOptions(entry_ids=mentor_pack.default_selection(found), prepared_on=TODAY)
        path = folder / "pack.pdf"
        mentor_pack.export(journal, options, path)
        content = mentor_pack.collect(journal, options)
        markdown = "\n".join(p.markdown for p in pack_parts(content))
    finally:
        journal.close()
    text = " ".join(" ".join(page.extract_text().split())
                    for page in PdfReader(str(path)).pages)
    return text, markdown


def test_preparations_list_the_actions_they_followed_up_not_an_internal_key(pack_text):
    text, markdown = pack_text
    for shown in (text, markdown):
        assert "Previous actions reviewed" in shown
        assert ("Done: Agree a re-audit of twelve supervision records with quality assurance "
                "— Re-audit") in shown.replace("**", "")
        assert "follow ups" not in shown.lower()


def test_the_rating_questions_carry_the_workbook_instructions_and_the_correction(pack_text):
    text, markdown = pack_text
    for shown in (text, markdown):
        flat = " ".join(shown.replace("_", "").split())
        assert "Do not spend too long answering any one question." in flat
        assert "reflecting on your answers with a coach or mentor" in flat
        assert "The source prints this question as “How much are you living our" in flat


def test_new_ratings_by_others_never_name_a_group_of_one_or_two(pack_text):
    text, _ = pack_text
    since = text[text.index("New ratings by others"):text.index("Development plan")]
    assert "Peer," not in since and "Team member, 1 rater" not in since


def test_the_two_rounds_show_a_group_the_merged_others_and_round_on_round(pack_text):
    """The demo's two 360 rounds (issue 16): three team members each round are a group, two
    peers and a partner are "Others", the line manager is known anyway."""
    _text, markdown = pack_text
    assert "- Team member, 3 raters, " in markdown
    assert "- Others (smaller groups merged), 3 raters, " in markdown
    assert "- Line manager, 1 rater, " in markdown
    assert "Autumn 360 (13 Oct 2026) against Spring 360 (4 May 2026); by group: Line manager, " \
           "Team member." in markdown
    assert "**Others:** Decisions are sound, but we often hear about them late." in markdown
    assert "**Peer:**" not in markdown and "**Partner:**" not in markdown
