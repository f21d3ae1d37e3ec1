"""The mentor pack's team climate section: absent unless chosen; when chosen, the latest
check-in of each perspective with its chart, its gaps and the widest gap's question, team
responses only from three, and the statement that it is not the Hay Group survey."""

from __future__ import annotations

from datetime import date, timedelta

from pypdf import PdfReader

from reflect.climate import checkins
from reflect.content.climate import climate_content
from reflect.profile import mentor_pack
from reflect.profile.mentor_climate import NOT_THE_SURVEY
from reflect.profile.mentor_pack import PackOptions

TODAY = date.today()


def _text(path) -> str:
    return " ".join("\n".join(p.extract_text() for p in PdfReader(str(path)).pages).split())


def _journal(j):
    first = checkins.record(j, {"clarity": (2, 5), "flexibility": (4, 4)},
                            checked_on=TODAY - timedelta(days=200))
    latest = checkins.record(j, {"clarity": (4, 5), "standards": (3, 4), "flexibility": (2, 5)},
                             checked_on=TODAY - timedelta(days=10), note="After the move")
    checkins.record(j, {"responsibility": (2, 4)}, perspective="experience",
                    checked_on=TODAY - timedelta(days=9))
    for now in (2, 3):
        checkins.add_response(j, latest, {"flexibility": (now, 5)})
    return first, latest


def test_absent_by_default(new_journal, tmp_path):
    _journal(new_journal)
    assert PackOptions().include_climate is False
    result = mentor_pack.export(new_journal, PackOptions(), tmp_path / "pack.pdf")
    text = _text(result.path)
    assert "Team climate" not in text and "Flexibility" not in text
    assert all(item.part != "Team climate" for item in result.plan.items)


def test_the_section_when_chosen(new_journal, tmp_path):
    _, latest = _journal(new_journal)
    result = mentor_pack.export(new_journal, PackOptions(include_climate=True),
                                tmp_path / "pack.pdf")
    text = _text(result.path)
    assert "Team climate: now and ideal, the gaps" in text  # in the brief's contents
    assert " ".join(NOT_THE_SURVEY.split()) in text
    created = text.index("The climate I create for my team, ")
    experienced = text.index("The climate I experience from my manager, ")
    assert created < experienced
    mine = text[created:experienced]
    prompt = climate_content().dimension("flexibility").prompt
    assert f"Widest gap: Flexibility (+3). {prompt}" in mine
    assert "+3 widest" in mine  # the chart marks it
    assert "Note: After the move" in mine
    assert "2 team responses: fewer than three responses: not shown as a group." in mine
    assert "Team ideal" not in mine
    assert "Responsibility (+2)" in text[experienced:]
    (item,) = [i for i in result.plan.items if i.part == "Team climate"]
    assert item.text.startswith("create ")

    checkins.add_response(new_journal, latest, {"flexibility": (4, 5)})
    again = mentor_pack.export(new_journal, PackOptions(include_climate=True),
                               tmp_path / "again.pdf")
    text = _text(again.path)
    assert "3 team responses, averaged." in text and "Team ideal (average)" in text


def test_chosen_with_no_check_ins(new_journal, tmp_path):
    result = mentor_pack.export(new_journal, PackOptions(include_climate=True),
                                tmp_path / "pack.pdf")
    assert "No climate check-ins yet." in _text(result.path)


def test_the_printed_pack_has_the_same_section_only_when_chosen(new_journal):
    from reflect.profile.mentor_markdown import pack_parts

    _journal(new_journal)
    checkins.record(new_journal, {"rewards": (2, 4)}, checked_on=TODAY - timedelta(days=1),
                    note="*not* <b>markup</b>")
    default = mentor_pack.collect(new_journal, PackOptions())
    assert all(p.heading != "Team climate" for p in pack_parts(default))
    chosen = mentor_pack.collect(new_journal, PackOptions(include_climate=True))
    (part,) = [p for p in pack_parts(chosen) if p.heading == "Team climate"]
    assert "| Rewards | 2 | 4 | +2 |" in part.markdown
    assert "**Widest gap:** Rewards (+2)." in part.markdown
    assert "\\*not\\*" in part.markdown  # typed text reads literally
