"""The subject-access export's content: everything about Wren, nothing about Heron, on a real
journal."""

from __future__ import annotations

import dataclasses
import json

import pytest

from reflect.privacy import subject_access
from reflect.privacy.redaction import OTHER, Redactor
from reflect.supervision.records import Supervision
from tests.privacy import sar_fixture


@pytest.fixture
def sup(new_journal) -> Supervision:
    sup = Supervision(new_journal)
    sar_fixture.build(sup)
    return sup


def _all_text(found: subject_access.SubjectAccess) -> str:
    return json.dumps(dataclasses.asdict(found), default=str)


def test_wren_gets_every_wren_marker_and_no_heron_marker(sup):
    found = subject_access.collect(sup, "wren")
    text = _all_text(found)
    for marker in sar_fixture.WREN:
        assert marker in text, marker
    for marker in sar_fixture.HERON:
        assert marker.lower() not in text.lower(), marker
    assert sar_fixture.MENTION not in text  # a reflection naming Wren: counted, not given
    assert found.mention_count == 1
    assert OTHER in text  # Heron's name, taken out where a Wren record named Heron


def test_the_records_come_in_date_order_with_the_trash_and_every_section(sup):
    found = subject_access.collect(sup, "Wren")
    assert [r.happened_on.isoformat() for r in found.records] == [
        "2026-01-12", "2026-01-26", "2026-02-02"]
    assert [r.in_trash for r in found.records] == [False, True, False]
    first = {p.heading: p for p in found.records[0].parts}
    wellbeing = next(p for p in first.values() if "wrenwellbeing" in p.text)
    notes = next(p for p in first.values() if "wrensupervisornote" in p.text)
    assert wellbeing.sensitive and notes.supervisor_only
    assert found.actions[0][1] == "wrenaction: read the chronology"
    assert found.disagreements[0][1] == "Escalated"
    assert [c[1] for c in found.cases] == ["wren-case-77"]
    assert found.comments[0][3] == "wrencomment: I see the visit differently"


def test_someone_elses_group_record_gives_only_the_sections_naming_wren(sup):
    [group] = subject_access.collect(sup, "Wren").group_records
    assert group.named_only and group.title == "Group supervision where Wren took part"
    assert [p.heading for p in group.parts] == ["Observers"]
    assert group.parts[0].text == f"Wren (wrenobserver notes), {OTHER}'s buddy"
    assert dict(group.meta).keys() == {"Date", "Record"}


def test_heron_gets_heron_and_not_wren(sup):
    text = _all_text(subject_access.collect(sup, "Heron"))
    assert "heronselfpractice" in text and "herongroupquestion" in text
    # Heron presented the group where Wren observed: Heron's record, whole, with Wren's
    # code name taken out (the words written about the observer stay: the cover says the
    # leader reads the export before sending it).
    assert f"{OTHER} (wrenobserver notes)" in text
    for marker in set(sar_fixture.WREN) - {"wrenobserver"}:
        assert marker not in text, marker
    assert "Wren" not in text


def test_mentions_come_only_when_asked_as_their_own_section(sup):
    found = subject_access.collect(sup, "Wren", include_mentions=True)
    [mention] = found.mentions
    assert mention.paragraphs == (f"Wren: {sar_fixture.MENTION}.",)
    assert "heronreflection" not in _all_text(found)


def test_an_unknown_code_name_lists_the_known_ones(sup):
    with pytest.raises(subject_access.UnknownPerson) as caught:
        subject_access.collect(sup, "Kestrel")
    assert caught.value.known == ("Heron", "Wren")


@pytest.mark.parametrize(("subject", "others", "text", "expected"), [
    ("Jo B", ["Jo"], "Jo B met Jo", f"Jo B met {OTHER}"),
    ("Wren", ["Heron"], "heron, HERON and herons", f"{OTHER}, {OTHER} and herons"),
    ("Wren", ["Ann Lee"], "Ann  Lee said", f"{OTHER} said"),
])
def test_redaction_takes_out_whole_code_names_in_any_case(subject, others, text, expected):
    assert Redactor(subject, others).text(text) == expected
