"""Repeatable groups in templates: the shipped case block, user groups, and malformed
groups named with their file and line while the other files still load."""

from __future__ import annotations

import tomllib

import pytest

from reflect.content.templates import (
    duplicate_template,
    load_templates,
    parse_template,
    to_toml,
)
from reflect.content.toml_source import ContentError

HEAD = 'id = "mine"\nname = "Mine"\npurpose = ""\nkind = "supervision"\n\n'  # lines 1-5
GROUP = (  # lines 6-20 after HEAD
    '[[sections]]\nid = "cases"\ntitle = "Cases"\nguidance = ""\ntype = "group"\n'
    'item = "case"\n\n'
    '[[sections.fields]]\nid = "ref"\ntitle = "Case reference"\ntype = "case_ref"\n\n'
    '[[sections.fields]]\nid = "on_file"\ntitle = "On file"\ntype = "yesno"\n'
    'child_file = true\n'
)
GOOD = 'id = "good"\nname = "Good"\nkind = "reflection"\n\n[[sections]]\nid = "a"\n' \
       'title = "A"\ntype = "text"\n'


def test_the_three_supervision_templates_have_the_case_block():
    result = load_templates()
    assert result.errors == ()
    for template_id in ("one_to_one", "group_supervision", "complex_case_review"):
        cases = result.by_id(template_id).section("cases")
        assert cases is not None and cases.type == "group" and cases.item == "case"
        kinds = {f.id: f.type for f in cases.fields}
        assert kinds == {"case_ref": "case_ref", "update": "text", "voice": "text",
                         "risks_strengths": "text", "drift": "yesno", "drift_why": "text",
                         "decision": "text", "rationale": "text", "actions": "actions",
                         "on_file": "yesno"}
        assert [f.id for f in cases.fields if f.note] == ["decision", "rationale"]
        assert [f.id for f in cases.fields if f.child_file] == ["on_file"]
        drift = next(f for f in cases.fields if f.id == "drift")
        # Ofsted, Joining the dots, para 146, word for word.
        assert ("para 146" in drift.guidance and "that potential drift and delay in "
                "children’s lives are tackled at the earliest possible opportunity, and are "
                "appropriately managed by middle and senior managers" in drift.guidance)


def test_a_user_template_can_use_a_group_and_a_copy_keeps_it(tmp_path):
    (tmp_path / "mine.toml").write_text(HEAD + GROUP, encoding="utf-8")
    result = load_templates([tmp_path])
    assert result.errors == ()
    group = result.by_id("mine").section("cases")
    assert [f.id for f in group.fields] == ["ref", "on_file"]
    text = to_toml(result.by_id("mine"))
    again = parse_template(tomllib.loads(text), text, tmp_path / "x.toml", builtin=False)
    assert again.sections == result.by_id("mine").sections
    shipped = load_templates().by_id("one_to_one")
    copy = duplicate_template(shipped, "My one-to-one", tmp_path / "copies")
    loaded = load_templates([tmp_path / "copies"])
    assert loaded.errors == () and loaded.templates[0].section("cases") == \
        shipped.section("cases")
    assert copy.exists()


MALFORMED = [
    ("group_without_fields", HEAD + GROUP.split("\n\n[[sections.fields]]")[0] + "\n", 6,
     "type 'group' needs [[sections.fields]]"),
    ("field_unknown_type", HEAD + GROUP.replace('"case_ref"', '"supervisee"'), 16,
     "field 'ref': unknown type 'supervisee'"),
    ("field_unknown_key", HEAD + GROUP.replace('child_file = true', 'sensitive = true'), 22,
     "unknown field 'sensitive'"),
    ("field_id_twice", HEAD + GROUP.replace('id = "on_file"', 'id = "ref"'), 19,
     "field id 'ref' is used twice"),
    ("child_file_not_yesno", HEAD + GROUP.replace('"yesno"', '"text"'), 22,
     "'child_file' only applies to type 'yesno'"),
    ("child_file_without_case_ref", HEAD + GROUP.replace('"case_ref"', '"text"'), 22,
     "needs a field of type 'case_ref'"),
    ("fields_on_a_text_section", HEAD + GROUP.replace('type = "group"', 'type = "text"'), 11,
     "'item' only applies to type 'group'"),
    ("field_without_title", HEAD + GROUP.replace('title = "On file"\n', ''), 18,
     "missing field 'title'"),
]


@pytest.mark.parametrize(("case", "text", "line", "words"), MALFORMED,
                         ids=[m[0] for m in MALFORMED])
def test_a_malformed_group_is_named_with_its_file_and_line_and_the_rest_loads(
        tmp_path, case, text, line, words):
    (tmp_path / "a_good.toml").write_text(GOOD, encoding="utf-8")
    (tmp_path / f"{case}.toml").write_text(text, encoding="utf-8")
    result = load_templates([tmp_path])
    assert [t.id for t in result.templates] == ["good"]
    (error,) = result.errors
    assert isinstance(error, ContentError) and error.path == tmp_path / f"{case}.toml"
    assert words in error.message, error.message
    assert str(error).startswith(f"{case}.toml, line {line}: "), str(error)
