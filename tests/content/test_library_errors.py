"""Broken content files: each is reported with its file name and line, and the rest still load."""

from __future__ import annotations

import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from reflect.common import paths
from reflect.content.library import (
    ContentError,
    LoadResult,
    load_attributes,
    load_prompt_sets,
)

KNOWN = ("values_driven", "child_centred_decisions", "changing_practice", "partnerships",
         "corporate_buy_in")

GOOD = """\
[set]
id = "good"
name = "A good set"
document = "A document"
source_short = "Doc"
adapted = false

[[prompts]]
id = "good-1"
text = "How do you live out your values?"
source = "Page 1"
attributes = ["values_driven"]
"""

OTHER = """\
# A second set, so a test can break one file and watch the other survive.
[set]
id = "other"
name = "Another set"
document = "Another document"
source_short = "Other"
adapted = false
notes = "Nothing to note."

[[prompts]]
id = "other-1"
text = "How do you secure buy-in from partners?"
source = "Page 2"
attributes = ["partnerships"]
group = "Partners"

[[prompts]]
id = "other-2"
text = "How do you use data and stories?"
source = "Page 3"
attributes = ["partnerships", "changing_practice"]
"""


def line_number(text: str, needle: str, occurrence: int = 1) -> int:
    """1-based line of the ``occurrence``-th line containing ``needle``."""
    hits = [n for n, line in enumerate(text.split("\n"), start=1) if needle in line]
    return hits[occurrence - 1]


def load(directory: Path) -> LoadResult:
    return load_prompt_sets([directory], attributes=KNOWN)


def load_with_broken(tmp_path: Path, broken: str, name: str = "broken.toml") -> ContentError:
    """Write ``broken`` beside a good file; the good set loads and exactly one error comes back."""
    (tmp_path / "good.toml").write_text(GOOD, encoding="utf-8")
    (tmp_path / name).write_text(broken, encoding="utf-8")
    result = load(tmp_path)
    assert [s.id for s in result.sets] == ["good"]
    assert len(result.errors) == 1
    error = result.errors[0]
    assert error.path.name == name
    assert name in str(error)
    return error


def test_good_files_load(tmp_path):
    (tmp_path / "good.toml").write_text(GOOD, encoding="utf-8")
    (tmp_path / "other.toml").write_text(OTHER, encoding="utf-8")
    result = load(tmp_path)
    assert result.errors == ()
    assert [s.id for s in result.sets] == ["good", "other"]
    other = result.sets[1]
    assert other.notes == "Nothing to note." and other.licence is None
    assert other.prompts[0].group == "Partners"
    assert other.prompts[1].attributes == ("partnerships", "changing_practice")
    assert other.path == tmp_path / "other.toml"


def test_invalid_toml_names_file_and_line(tmp_path):
    broken = OTHER.replace('text = "How do you use data and stories?"',
                           'text = "How do you use data and stories?')
    error = load_with_broken(tmp_path, broken)
    assert error.line == line_number(broken, "How do you use data")
    assert "not valid TOML" in error.message
    assert f"broken.toml, line {error.line}" in str(error)


def test_missing_text_points_at_its_prompt(tmp_path):
    broken = OTHER.replace('text = "How do you use data and stories?"\n', "")
    error = load_with_broken(tmp_path, broken)
    assert error.line == line_number(broken, "[[prompts]]", occurrence=2)
    assert '"other-2"' in error.message and '"text"' in error.message


def test_unknown_attribute_points_at_the_attribute(tmp_path):
    broken = OTHER.replace('attributes = ["partnerships", "changing_practice"]',
                           'attributes = [\n  "partnerships",\n  "changin_practice",\n]')
    error = load_with_broken(tmp_path, broken)
    assert error.line == line_number(broken, '"changin_practice"')
    assert "unknown attribute" in error.message and "changin_practice" in error.message


def test_duplicate_prompt_id_in_one_file(tmp_path):
    broken = OTHER.replace('id = "other-2"', 'id = "other-1"')
    error = load_with_broken(tmp_path, broken)
    assert error.line == line_number(broken, 'id = "other-1"', occurrence=2)
    first = line_number(broken, 'id = "other-1"')
    assert f"appears twice (first at line {first})" in error.message


def test_duplicate_prompt_id_across_files_rejects_the_later_file(tmp_path):
    broken = OTHER.replace('id = "other-2"', 'id = "good-1"')
    error = load_with_broken(tmp_path, broken, name="zz_later.toml")
    assert error.line == line_number(broken, 'id = "good-1"')
    assert "good.toml" in error.message


def test_duplicate_set_id_rejects_the_later_file(tmp_path):
    broken = OTHER.replace('id = "other"', 'id = "good"')
    error = load_with_broken(tmp_path, broken, name="zz_copy.toml")
    assert error.line == line_number(broken, 'id = "good"')
    assert "already used by good.toml" in error.message


@pytest.mark.parametrize(
    ("old", "new", "needle", "words"),
    [
        ("adapted = false", 'adapted = "no"', "adapted =", "true or false"),
        ('attributes = ["partnerships"]', 'attributes = "partnerships"', 'attributes = "',
         "must be a list"),
        ('text = "How do you secure buy-in from partners?"', "text = 3", "text = 3",
         "must be non-empty text"),
        ('group = "Partners"', 'grup = "Partners"', "grup =", 'unknown key "grup"'),
        ('id = "other-1"', 'id = "other 1"', 'id = "other 1"', "may use only"),
        ('name = "Another set"', 'name = ""', 'name = ""', "must be non-empty text"),
    ],
)
def test_wrong_types_name_the_line(tmp_path, old, new, needle, words):
    broken = OTHER.replace(old, new)
    assert broken != OTHER
    error = load_with_broken(tmp_path, broken)
    assert error.line == line_number(broken, needle)
    assert words in error.message


def test_missing_set_table_and_prompts(tmp_path):
    no_set = OTHER.split("[[prompts]]", 1)[1]
    assert "no [set] table" in load_with_broken(tmp_path, "[[prompts]]" + no_set).message
    no_prompts = OTHER.split("[[prompts]]", 1)[0]
    error = load_with_broken(tmp_path, no_prompts)
    assert "[[prompts]]" in error.message


def test_adapted_set_needs_the_original_wording(tmp_path):
    broken = OTHER.replace("adapted = false", "adapted = true")
    error = load_with_broken(tmp_path, broken)
    assert error.line == line_number(broken, "[[prompts]]")
    assert '"original"' in error.message
    fixed = broken.replace('group = "Partners"', 'group = "Partners"\noriginal = "Secure it."')
    fixed = fixed.replace('source = "Page 3"', 'source = "Page 3"\noriginal = "Use data."')
    (tmp_path / "broken.toml").write_text(fixed, encoding="utf-8")
    assert load(tmp_path).errors == ()


def test_unreadable_and_deeply_nested_files_are_reported(tmp_path):
    (tmp_path / "good.toml").write_text(GOOD, encoding="utf-8")
    (tmp_path / "latin1.toml").write_bytes(GOOD.replace("good", "caf\xe9").encode("latin-1"))
    (tmp_path / "nested.toml").write_text("x = " + "[" * 5000 + "]" * 5000, encoding="utf-8")
    (tmp_path / "notes.txt").write_text("not a prompt file", encoding="utf-8")
    result = load(tmp_path)
    assert [s.id for s in result.sets] == ["good"]
    assert sorted(error.path.name for error in result.errors) == ["latin1.toml", "nested.toml"]


def test_several_broken_files_each_get_their_own_error(tmp_path):
    (tmp_path / "a.toml").write_text("[set\n", encoding="utf-8")
    (tmp_path / "b.toml").write_text(GOOD.replace("values_driven", "values"), encoding="utf-8")
    (tmp_path / "c.toml").write_text(OTHER, encoding="utf-8")
    result = load(tmp_path)
    assert [s.id for s in result.sets] == ["other"]
    assert [(e.path.name, e.line) for e in result.errors] == [
        ("a.toml", 1),
        ("b.toml", line_number(GOOD, "attributes =")),
    ]


def test_user_sets_load_after_shipped_ones_and_cannot_replace_them():
    user_dir = paths.user_content_dir() / "prompts"  # under the test's own XDG_CONFIG_HOME
    user_dir.mkdir(parents=True)
    (user_dir / "mine.toml").write_text(OTHER, encoding="utf-8")
    shipped = paths.resources_dir() / "prompts" / "ofsted_annex_b.toml"
    (user_dir / "ofsted_copy.toml").write_text(shipped.read_text("utf-8"), encoding="utf-8")
    result = load_prompt_sets()
    assert [s.id for s in result.sets][-1] == "other"
    assert "ofsted_annex_b" in {s.id for s in result.sets}
    assert [e.path for e in result.errors] == [user_dir / "ofsted_copy.toml"]
    assert "already used by ofsted_annex_b.toml" in result.errors[0].message


def test_missing_directories_are_not_errors(tmp_path):
    assert load_prompt_sets([tmp_path / "absent"], attributes=KNOWN) == LoadResult((), ())


def test_broken_attributes_file_is_reported_and_prompts_still_load(tmp_path, monkeypatch):
    resources = tmp_path / "resources"
    (resources / "prompts").mkdir(parents=True)
    (resources / "attributes.toml").write_text("[[attributes]]\nid = 3\n", encoding="utf-8")
    (resources / "prompts" / "good.toml").write_text(GOOD, encoding="utf-8")
    monkeypatch.setattr(paths, "resources_dir", lambda: resources)
    result = load_prompt_sets()
    assert [s.id for s in result.sets] == ["good"]
    assert [(e.path.name, e.line) for e in result.errors] == [("attributes.toml", 2)]


# --- attributes --------------------------------------------------------------------------------

ATTRIBUTE = """\
[[attributes]]
id = "values_driven"
name = "Values"
short_name = "Values"
question = "How much?"
five_sounds_like = "Like this."
source = "Workbook 1"
"""


def test_attributes_load_and_accept_a_single_example(tmp_path):
    path = tmp_path / "attributes.toml"
    path.write_text(ATTRIBUTE, encoding="utf-8")
    (attribute,) = load_attributes(path)
    assert attribute.five_sounds_like == ("Like this.",)


@pytest.mark.parametrize(
    ("text", "line", "words"),
    [
        (ATTRIBUTE.replace('question = "How much?"\n', ""), 1, '"question"'),
        (ATTRIBUTE + ATTRIBUTE, 9, "appears twice"),
        (ATTRIBUTE.replace('"Like this."', "[]"), 6, "must not be empty"),
        (ATTRIBUTE.replace("Workbook 1", "Workbook 1\n"), 7, "not valid TOML"),
        ("notes = 'no attributes'\n", 0, "[[attributes]]"),
    ],
)
def test_broken_attributes_raise_with_file_and_line(tmp_path, text, line, words):
    path = tmp_path / "attributes.toml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ContentError) as caught:
        load_attributes(path)
    assert caught.value.path == path
    assert caught.value.line == line
    assert words in caught.value.message


# --- never anything but sets or ContentErrors --------------------------------------------------

GOOD_LINES = (GOOD + OTHER.split("\n", 8)[-1]).split("\n")


def _check_arbitrary_file(content: str | bytes) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        directory = Path(tmp)
        path = directory / "arbitrary.toml"
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8")
        result = load(directory)
        assert isinstance(result, LoadResult)
        assert len(result.sets) + len(result.errors) == 1
        for error in result.errors:
            assert isinstance(error, ContentError)
            assert error.path == path
            raw = content.decode("utf-8", "replace") if isinstance(content, bytes) else content
            # Reading uses universal newlines, so a lone "\r" also starts a line.
            assert 0 <= error.line <= raw.count("\n") + raw.count("\r") + 1
            assert str(error).startswith("arbitrary.toml")


lenient = settings(max_examples=300, deadline=None,
                   suppress_health_check=[HealthCheck.function_scoped_fixture])


@lenient
@given(st.text(alphabet=st.characters(blacklist_categories=("Cs",))))
def test_arbitrary_text_gives_sets_or_content_errors(content):
    _check_arbitrary_file(content)


@lenient
@given(st.binary())
def test_arbitrary_bytes_give_sets_or_content_errors(content):
    _check_arbitrary_file(content)


REPLACEMENTS = st.sampled_from([
    "", "[set]", "[[prompts]]", "[prompts]", "[[set]]", "adapted = 1", "adapted = true",
    "attributes = []", "attributes = [1]", "attributes = ['values_driven', 'values_driven']",
    'attributes = ["nope"]', "id = 'x y'", 'id = "good-1"', 'id = "other-1"', "text = ''",
    "set = 1", "prompts = [1, 2]", "prompts = []", "original = 2", 'original = "o"',
    "[set.inner]", "group = []", "licence = 1", "notes = 1", "extra = 1",
])


@st.composite
def mangled_prompt_files(draw) -> str:
    """A valid file with a few lines dropped, duplicated or replaced: reaches the deep checks."""
    lines = list(GOOD_LINES)
    for _ in range(draw(st.integers(1, 4))):
        index = draw(st.integers(0, len(lines) - 1))
        action = draw(st.sampled_from(["drop", "duplicate", "replace", "insert"]))
        if action == "drop":
            del lines[index]
        elif action == "duplicate":
            lines.insert(index, lines[index])
        else:
            new = draw(st.one_of(REPLACEMENTS, st.sampled_from(GOOD_LINES), st.text(max_size=20)))
            if action == "replace":
                lines[index] = new
            else:
                lines.insert(index, new)
        if not lines:
            break
    return "\n".join(lines)


def test_the_unmangled_file_is_valid(tmp_path):
    (tmp_path / "all.toml").write_text("\n".join(GOOD_LINES), encoding="utf-8")
    result = load(tmp_path)
    assert result.errors == () and len(result.sets[0].prompts) == 3


@lenient
@given(mangled_prompt_files())
def test_mangled_prompt_files_give_sets_or_content_errors(content):
    _check_arbitrary_file(content)


def test_a_prompt_says_who_it_is_written_for(tmp_path):
    tagged = OTHER.replace('group = "Partners"', 'group = "Partners"\naudience = ["first_line"]')
    (tmp_path / "other.toml").write_text(tagged, encoding="utf-8")
    result = load(tmp_path)
    assert result.errors == ()
    first, second = result.sets[0].prompts
    assert first.audience == ("first_line",) and second.audience == ()


@pytest.mark.parametrize(("audience", "words"), [
    ('["team_leader"]', '"team_leader" is not an audience'),
    ("[]", '"audience" must not be empty'),
    ('"senior"', '"audience" must be a list'),
])
def test_an_unknown_audience_names_its_line(tmp_path, audience, words):
    broken = OTHER.replace('group = "Partners"', f'group = "Partners"\naudience = {audience}')
    error = load_with_broken(tmp_path, broken)
    assert error.line == line_number(broken, "audience")
    assert words in error.message
