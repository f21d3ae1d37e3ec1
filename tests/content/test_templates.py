"""Templates: shipped ones load, bad files are named with their line, copies round-trip."""

from __future__ import annotations

import dataclasses
import hashlib
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from reflect.content.templates import (
    FIELD_TYPES,
    Section,
    Template,
    builtin_templates_dir,
    duplicate_template,
    load_templates,
    save_template,
    section_text,
    user_templates_dir,
)
from reflect.content.toml_source import ContentError

SHIPPED = {
    "one_to_one", "group_supervision", "complex_case_review", "my_supervision", "gibbs",
    "coaching_prep", "personal_review", "learning_review", "my_role", "action_learning",
    "incident_learning",
}

GOOD = """\
id = "good"
name = "Good template"
purpose = "Loads fine."
kind = "reflection"

[[sections]]
id = "notes"
title = "Notes"
guidance = "Anything."
type = "text"
"""


def shipped_digest() -> dict[str, str]:
    return {
        p.name: hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(builtin_templates_dir().glob("*.toml"))
    }


def by_id(templates, template_id):
    return next(t for t in templates if t.id == template_id)


# --- shipped content ----------------------------------------------------------------------


def test_every_shipped_template_loads_without_errors():
    result = load_templates()
    assert result.errors == ()
    assert {t.id for t in result.templates} >= SHIPPED
    for template in result.templates:
        assert template.builtin
        assert template.name and template.purpose
        assert template.path.parent == builtin_templates_dir()
        for section in template.sections:
            assert section.type in (*FIELD_TYPES, "group")
            assert section.guidance, f"{template.id}.{section.id} has no guidance"


def test_shipped_kinds():
    templates = load_templates().templates
    assert by_id(templates, "gibbs").kind == "reflection"
    assert by_id(templates, "coaching_prep").kind == "coaching"
    # The leader's own reviews that start and close a development plan: reflections, so the
    # mentor pack never takes one for this session's preparation.
    assert by_id(templates, "personal_review").kind == "reflection"
    assert by_id(templates, "learning_review").kind == "reflection"
    for template_id in ("one_to_one", "group_supervision", "complex_case_review",
                        "my_supervision"):
        assert by_id(templates, template_id).kind == "supervision"


def test_one_to_one_has_the_supervision_cycle_and_the_sections_the_issue_names():
    template = by_id(load_templates().templates, "one_to_one")
    types = {s.id: s.type for s in template.sections}
    assert types["supervisee"] == "supervisee"
    assert template.sections[0].id == "supervisee"
    order = [s.id for s in template.sections]
    cycle = ["experiencing", "reflecting", "analysing", "way_forward"]
    assert [order.index(s) for s in cycle] == sorted(order.index(s) for s in cycle)
    assert types["agenda"] == "text"
    assert types["previous_actions"] == "text"
    assert types["challenge"] == "text"
    assert template.section("challenge_outcome").choices == ("Resolved", "Escalated", "Open")
    assert types["decisions"] == "text"
    assert types["way_forward"] == "actions"
    assert types["child_file"] == "yesno"
    assert "child's file" in template.section("child_file").title
    assert types["workload"] == "scale"
    assert template.section("wellbeing").type == "text"
    assert template.section("wellbeing").sensitive
    assert types["learning"] == "text"
    assert types["supervisee_comments"] == "text"
    assert types["next_session"] == "date"
    assert template.section("challenge").case_notes
    assert "evidence" in template.section("challenge").guidance
    assert not template.section("agenda").sensitive


def test_other_shipped_templates_have_their_key_sections():
    templates = load_templates().templates
    group = {s.id: s for s in by_id(templates, "group_supervision").sections}
    assert {"presenter", "facilitator", "question", "hypotheses", "themes", "values",
            "learning", "actions"} <= set(group)
    assert group["actions"].type == "actions"
    assert "Redbridge" in by_id(templates, "group_supervision").purpose

    review = by_id(templates, "complex_case_review")
    assert {"perspectives", "impact", "way_forward"} <= {s.id for s in review.sections}
    assert review.section("way_forward").type == "actions"
    assert "Hartlepool" in review.purpose and "Hampshire" in review.purpose

    mine = by_id(templates, "my_supervision")
    assert mine.section("resilience").sensitive
    assert "learning culture" in mine.purpose

    gibbs = [s.id for s in by_id(templates, "gibbs").sections]
    assert gibbs == ["description", "feelings", "evaluation", "analysis", "conclusion",
                     "action_plan"]

    coaching = {s.id for s in by_id(templates, "coaching_prep").sections}
    assert {"accomplished", "not_accomplished", "challenges", "goals",
            "development_plan"} <= coaching
    # issue 15: the session's date, what was agreed after it, and actions to follow up
    coaching_prep = by_id(templates, "coaching_prep")
    assert coaching_prep.section("session_on").type == "date"
    assert coaching_prep.section("after").type == "text"
    assert coaching_prep.section("agreed").type == "actions"


def test_user_copies_load_from_the_user_folder_as_not_builtin():
    folder = user_templates_dir()
    folder.mkdir(parents=True)
    (folder / "good.toml").write_text(GOOD, encoding="utf-8")
    result = load_templates()
    assert result.errors == ()
    good = by_id(result.templates, "good")
    assert not good.builtin
    assert good.path == folder / "good.toml"
    assert by_id(result.templates, "one_to_one").builtin


def test_missing_directories_are_fine(tmp_path):
    assert load_templates([tmp_path / "nowhere"]) == load_templates([])


# --- malformed files ----------------------------------------------------------------------

SECTION = '[[sections]]\nid = "a"\ntitle = "A"\nguidance = ""\ntype = "text"\n'
HEAD = 'id = "bad"\nname = "Bad"\npurpose = ""\nkind = "reflection"\n\n'  # lines 1-5

MALFORMED = [
    # (case, file text, expected line, words in the message)
    ("broken_toml", 'id = "bad"\nname = "Bad\nkind = "reflection"\n', 2, "not valid TOML"),
    ("missing_name", 'id = "bad"\nkind = "reflection"\n\n' + SECTION, 1, "missing field 'name'"),
    ("missing_title", HEAD + SECTION + '\n[[sections]]\nid = "b"\ntype = "text"\n', 12,
     "missing field 'title'"),
    ("unknown_type", HEAD + SECTION.replace('"text"', '"bogus"'), 10, "unknown type 'bogus'"),
    ("duplicate_section", HEAD + SECTION + "\n" + SECTION, 13, "'a' is used twice"),
    ("choice_without_choices", HEAD + SECTION.replace('"text"', '"choice"'), 10,
     "needs a non-empty 'choices'"),
    ("empty_choices", HEAD + SECTION.replace('"text"', '"choice"') + "choices = []\n", 11,
     "needs a non-empty 'choices'"),
    ("choices_on_text", HEAD + SECTION + 'choices = ["x"]\n', 11, "only applies to type"),
    ("unknown_field", HEAD + SECTION + "sensitve = true\n", 11, "unknown field 'sensitve'"),
    ("flag_not_bool", HEAD + SECTION + 'sensitive = "yes"\n', 11, "true or false"),
    ("unknown_kind", HEAD.replace('"reflection"', '"diary"') + SECTION, 4, "unknown kind"),
    ("bad_version", HEAD + 'version = "2"\n\n' + SECTION, 6, "'version'"),
    ("no_sections", HEAD, 1, "missing [[sections]]"),
    ("sections_not_list", HEAD + '[sections]\nid = "a"\n', 6, "must be a list"),
    ("bad_section_id", HEAD + SECTION.replace('id = "a"', 'id = "a b"'), 7, "may contain only"),
    ("title_not_text", HEAD + SECTION.replace('title = "A"', "title = 3"), 8, "must be text"),
]


@pytest.mark.parametrize(("case", "text", "line", "words"), MALFORMED,
                         ids=[m[0] for m in MALFORMED])
def test_a_malformed_file_is_named_with_its_line_and_the_others_still_load(
        tmp_path, case, text, line, words):
    (tmp_path / "a_good.toml").write_text(GOOD, encoding="utf-8")
    (tmp_path / f"{case}.toml").write_text(text, encoding="utf-8")
    (tmp_path / "z_good.toml").write_text(GOOD.replace('"good"', '"z_good"', 1),
                                          encoding="utf-8")
    result = load_templates([tmp_path])
    assert [t.id for t in result.templates] == ["good", "z_good"]
    assert len(result.errors) == 1
    error = result.errors[0]
    assert isinstance(error, ContentError)
    assert error.path == tmp_path / f"{case}.toml"
    assert error.line == line, str(error)
    assert words in error.message
    assert str(error).startswith(f"{case}.toml, line {line}: ")


def test_a_user_copy_may_not_reuse_a_shipped_id(tmp_path):
    text = "# my copy\n\n" + GOOD.replace('"good"', '"one_to_one"', 1)
    (tmp_path / "mine.toml").write_text(text, encoding="utf-8")
    result = load_templates([builtin_templates_dir(), tmp_path])
    assert len(result.errors) == 1
    error = result.errors[0]
    assert (error.path.name, error.line) == ("mine.toml", 3)
    assert "already used by one_to_one.toml" in error.message
    assert by_id(result.templates, "one_to_one").builtin  # the shipped one wins


def test_the_second_file_with_an_id_is_the_one_reported(tmp_path):
    (tmp_path / "a.toml").write_text(GOOD, encoding="utf-8")
    (tmp_path / "b.toml").write_text(GOOD, encoding="utf-8")
    result = load_templates([tmp_path])
    assert [t.path.name for t in result.templates] == ["a.toml"]
    assert [(e.path.name, e.line) for e in result.errors] == [("b.toml", 1)]


def test_files_that_are_not_text_or_nest_too_deeply_are_errors_not_crashes(tmp_path):
    (tmp_path / "binary.toml").write_bytes(b"\xff\xfe\x00id = 1")
    (tmp_path / "deep.toml").write_text("a = " + "[" * 50_000, encoding="utf-8")
    (tmp_path / "good.toml").write_text(GOOD, encoding="utf-8")
    result = load_templates([tmp_path])
    assert [t.id for t in result.templates] == ["good"]
    assert sorted(e.path.name for e in result.errors) == ["binary.toml", "deep.toml"]


def test_files_load_in_a_stable_order(tmp_path):
    for name in ("c", "a", "b"):
        (tmp_path / f"{name}.toml").write_text(GOOD.replace('"good"', f'"{name}"', 1),
                                               encoding="utf-8")
    assert [t.id for t in load_templates([tmp_path]).templates] == ["a", "b", "c"]


# --- duplicate, edit, save ----------------------------------------------------------------


def test_duplicate_edit_save_reload_round_trip_leaves_the_shipped_file_alone():
    before = shipped_digest()
    original = by_id(load_templates().templates, "one_to_one")

    path = duplicate_template(original, "My one-to-one")
    assert path.parent == user_templates_dir()
    result = load_templates()
    assert result.errors == ()
    copy = next(t for t in result.templates if t.path == path)
    assert copy.id == "my_one_to_one"
    assert copy.name == "My one-to-one"
    assert not copy.builtin
    assert copy.sections == original.sections
    assert (copy.kind, copy.purpose) == (original.kind, original.purpose)

    extra = Section(id="reflective_tool", title="Tool used \"today\"",
                    guidance="Genogram?\nEcomap?\tOther — say which.", type="choice",
                    choices=("Genogram", "Ecomap", "Other"), required=True)
    edited = dataclasses.replace(
        copy,
        name="My one-to-one (short)",
        sections=(*copy.sections[:3], extra, *copy.sections[-2:]),
    )
    save_template(edited, path)
    reloaded = load_templates()
    assert reloaded.errors == ()
    assert next(t for t in reloaded.templates if t.path == path) == edited
    assert by_id(reloaded.templates, "one_to_one") == original
    assert shipped_digest() == before


def test_duplicating_twice_gives_two_distinct_copies(tmp_path):
    original = by_id(load_templates().templates, "gibbs")
    first = duplicate_template(original, "Gibbs", tmp_path)
    second = duplicate_template(original, "Gibbs", tmp_path)
    assert first != second
    result = load_templates([builtin_templates_dir(), tmp_path])
    assert result.errors == ()
    ids = [t.id for t in result.templates if not t.builtin]
    assert ids == ["gibbs_2", "gibbs_3"]  # "gibbs" itself is taken by the shipped one


def test_a_name_with_no_letters_still_gets_an_id(tmp_path):
    original = by_id(load_templates().templates, "gibbs")
    path = duplicate_template(original, "  ★★ ", tmp_path)
    copy = load_templates([tmp_path]).templates[0]
    assert (path.name, copy.id, copy.name) == ("template.toml", "template", "★★")


def test_duplicate_needs_a_name_and_never_writes_into_the_shipped_folder():
    before = shipped_digest()
    original = by_id(load_templates().templates, "gibbs")
    with pytest.raises(ValueError):
        duplicate_template(original, "   ")
    with pytest.raises(ValueError):
        duplicate_template(original, "Copy", builtin_templates_dir())
    assert shipped_digest() == before


def test_save_refuses_builtin_templates_and_shipped_ids(tmp_path):
    before = shipped_digest()
    original = by_id(load_templates().templates, "one_to_one")
    with pytest.raises(ValueError, match="shipped"):
        save_template(original, original.path)
    with pytest.raises(ValueError, match="shipped"):
        save_template(dataclasses.replace(original, builtin=False), original.path)
    with pytest.raises(ValueError, match="already used"):
        save_template(dataclasses.replace(original, builtin=False), tmp_path / "x.toml")
    assert not (tmp_path / "x.toml").exists()
    assert shipped_digest() == before


def test_save_refuses_a_template_that_would_not_load(tmp_path):
    path = duplicate_template(by_id(load_templates().templates, "gibbs"), "Mine", tmp_path)
    before = path.read_bytes()
    copy = load_templates([tmp_path]).templates[0]
    broken = dataclasses.replace(
        copy, sections=(Section(id="pick", title="Pick", type="choice"),))
    with pytest.raises(ContentError, match="choices"):
        save_template(broken, path)
    assert path.read_bytes() == before


# --- search text --------------------------------------------------------------------------


def test_section_text_flattens_text_choices_and_actions():
    template = by_id(load_templates().templates, "one_to_one")
    values = {
        "supervisee": "JS",
        "experiencing": "Home visit to A.B.",
        "challenge_outcome": "Escalated",
        "way_forward": [
            {"description": "Book a family group conference", "owner": "JS",
             "due": "2025-03-01", "outcome": "Grandparents now involved"},
            {"description": "Chase school report", "outcome": None},
        ],
        "child_file": True,
        "workload": 7,
        "next_session": "2025-03-14",
        "removed_section": "Words from an older version",
        "empty": "   ",
    }
    text = section_text(template, values)
    for words in ("JS", "Home visit to A.B.", "Escalated", "family group conference",
                  "Grandparents now involved", "Chase school report",
                  "Words from an older version"):
        assert words in text
    assert "True" not in text and "7" not in text and "2025-03-14" not in text
    assert text.index("Home visit") < text.index("Escalated") < text.index("Chase")
    assert section_text(template, {}) == ""
    assert section_text(template, {"way_forward": "not a list", "agenda": 5}) == "not a list"


# --- property tests -----------------------------------------------------------------------

_FRAGMENTS = st.sampled_from([
    'id = "x"', 'name = "X"', 'purpose = ""', 'kind = "reflection"', 'kind = "other"',
    "version = 2", "version = true", "[[sections]]", "[sections]", 'id = "a"', 'title = "T"',
    'guidance = "g"', 'type = "text"', 'type = "choice"', 'type = "bogus"',
    'choices = ["a", "b"]', "choices = []", "sensitive = true", "required = 1",
    "case_notes = false", "extra = 1", "[other]", 'id = 3', "= broken", '"""', "[[", "",
])
_TOML_ISH = st.lists(_FRAGMENTS, max_size=25).map("\n".join)


def _check_never_raises(content: str | bytes) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "t.toml"
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8")
        result = load_templates([Path(folder)])
        assert len(result.templates) + len(result.errors) == 1
        for error in result.errors:
            assert isinstance(error, ContentError)
            assert error.path == path
            assert 0 <= error.line <= max(1, len(content.splitlines()) + 1)


@settings(max_examples=200, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.one_of(st.text(), _TOML_ISH, st.binary()))
def test_any_file_gives_a_template_or_a_content_error(content):
    _check_never_raises(content)


_TEXT = st.text(st.characters(blacklist_categories=("Cs",)), max_size=40)


@settings(max_examples=60, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    name=_TEXT.filter(lambda s: s.strip()),
    purpose=_TEXT,
    guidance=_TEXT,
    title=_TEXT.filter(lambda s: s.strip()),
    choices=st.lists(_TEXT.filter(lambda s: s.strip()), min_size=1, max_size=4, unique=True),
    flags=st.tuples(st.booleans(), st.booleans(), st.booleans()),
)
def test_any_saved_copy_loads_back_identically(name, purpose, guidance, title, choices, flags):
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "copy.toml"
        template = Template(
            id="copy", name=name, purpose=purpose, kind="coaching", version=3,
            sections=(
                Section(id="one", title=title, guidance=guidance, type="text",
                        sensitive=flags[0], case_notes=flags[1], required=flags[2]),
                Section(id="two", title=title, guidance=guidance, type="choice",
                        choices=tuple(choices)),
            ),
            path=path, builtin=False,
        )
        save_template(template, path)
        result = load_templates([Path(folder)])
        assert result.errors == ()
        assert result.templates == (template,)
