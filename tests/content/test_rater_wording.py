"""resources/rater_wording.toml: the questions raters answer, adapted from Workbook 1 with the
source wording kept beside them (word for word the workbook's and attributes.toml's), and a
broken file named with its line, one test per kind of mistake."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from reflect.common import paths
from reflect.content.library import load_attributes
from reflect.content.rater_wording import (
    LEADER_FALLBACK,
    ContentError,
    load_rater_wording,
    wording_for,
)

SHIPPED = paths.resources_dir() / "rater_wording.toml"
SEED = Path("/work/shared/seeds/003_6115cd821db4f535.txt")
_LOCAL_SEED = Path(__file__).resolve().parents[3] / "shared" / "seeds" / SEED.name


def _seed() -> str:
    for path in (_LOCAL_SEED, SEED):
        if path.is_file():
            return re.sub(r"\s+", " ", path.read_text(encoding="utf-8"))
    pytest.skip("the source texts (shared/seeds) are not beside this checkout")


def test_every_attribute_has_a_third_person_question_in_the_attributes_order():
    wording = load_rater_wording()
    attributes = load_attributes()
    assert [q.attribute_id for q in wording.questions] == [a.id for a in attributes]
    assert wording.adapted_from == "Adapted from SFPC Workbook 1"
    for question in wording.questions:
        about_sam = question.question_for("Sam")
        assert about_sam.endswith("?") and "Sam" in about_sam
        assert not re.search(r"\b(you|your)\b", about_sam), about_sam
        for reading in question.five_for("Sam"):
            assert not re.search(r"\b(I|my|me|I've)\b", reading), reading
    values = wording.question("values_driven")
    assert values.question_for("Sam") == ("How much is Sam living out and honouring their "
                                          "values through their work?")


def test_without_a_name_it_says_this_leader_capitalised_at_a_sentence_start():
    decisions = load_rater_wording().question("child_centred_decisions")
    assert LEADER_FALLBACK == "this leader"
    assert "has this leader changed" in decisions.question_for("  ")
    assert all(text.startswith("This leader ") for text in decisions.five_for(""))
    rows = wording_for(load_rater_wording(), "sam")
    assert rows[2][2][0].startswith("Sam uses all their change skills")


def test_the_source_wording_is_attributes_toml_and_the_workbooks_word_for_word():
    seed = _seed()
    by_id = {a.id: a for a in load_attributes()}
    for question in load_rater_wording().questions:
        attribute = by_id[question.attribute_id]
        assert question.source_question == attribute.question
        assert question.source_five_sounds_like == attribute.five_sounds_like
        for example in question.source_five_sounds_like:
            assert example in seed
        # attributes.toml's one listed fix: "living our" is a slip for "living out".
        assert question.source_question.replace("living out", "living our") in seed


def test_the_workbooks_own_360_sentence_is_quoted_exactly_with_its_source():
    workbook = load_rater_wording().workbook
    assert workbook.text.startswith("You might also choose to use these questions as a 360 "
                                    "degree feedback tool, by slightly adapting each question")
    assert workbook.text in _seed()
    assert "Workbook 1" in workbook.source and "Developing leaders" in workbook.source


# --- one test per kind of mistake --------------------------------------------------------


def _broken(tmp_path: Path, old: str, new: str, count: int = 1) -> ContentError:
    text = SHIPPED.read_text(encoding="utf-8")
    assert old in text, old
    path = tmp_path / "rater_wording.toml"
    path.write_text(text.replace(old, new, count), encoding="utf-8")
    with pytest.raises(ContentError) as caught:
        load_rater_wording(path)
    return caught.value


def _line(tmp_path: Path, needle: str, occurrence: int = 1) -> int:
    text = (tmp_path / "rater_wording.toml").read_text(encoding="utf-8")
    hits = [n for n, line in enumerate(text.split("\n"), start=1)
            if needle in line and not line.startswith("#")
            and not (needle[0].isalpha() and line.startswith(f"source_{needle}"))]
    return hits[occurrence - 1]


def test_not_toml(tmp_path):
    error = _broken(tmp_path, 'adapted_from = "Adapted', 'adapted_from = Adapted')
    assert str(error).startswith(f"rater_wording.toml, line {error.line}: is not valid TOML")
    assert error.line == _line(tmp_path, "adapted_from = Adapted")


def test_an_unknown_key(tmp_path):
    error = _broken(tmp_path, 'attribute = "partnerships"\n',
                    'attribute = "partnerships"\nquestoin = "typo"\n')
    assert error.line == _line(tmp_path, "questoin")
    assert 'has an unknown key "questoin"' in error.message


def test_an_unknown_attribute(tmp_path):
    error = _broken(tmp_path, 'attribute = "partnerships"', 'attribute = "partnership"')
    assert error.line == _line(tmp_path, '"partnership"')
    assert 'unknown attribute "partnership"' in error.message


def test_an_attribute_asked_twice_and_one_missing(tmp_path):
    error = _broken(tmp_path, 'attribute = "partnerships"', 'attribute = "values_driven"')
    assert error.line == _line(tmp_path, 'attribute = "values_driven"', 2)
    assert "second question (first at line" in error.message
    text = SHIPPED.read_text(encoding="utf-8")
    start = text.index('[[questions]]\nattribute = "partnerships"')
    end = text.index("[[questions]]", start + 1)
    path = tmp_path / "rater_wording.toml"
    path.write_text(text[:start] + text[end:], encoding="utf-8")
    with pytest.raises(ContentError) as caught:
        load_rater_wording(path)
    assert str(caught.value) == ('rater_wording.toml: has no question on "partnerships": '
                                 "every attribute needs one")


def test_a_missing_question(tmp_path):
    error = _broken(tmp_path, 'question = "How much buy-in has {name} secured from partners?"\n',
                    "")
    assert error.line == _line(tmp_path, 'attribute = "partnerships"') - 1
    assert error.message == 'the question on "partnerships" has no "question"'


def test_a_question_that_does_not_name_the_leader_or_a_stray_placeholder(tmp_path):
    error = _broken(tmp_path, "has {name} secured", "has the leader secured")
    assert error.line == _line(tmp_path, "has the leader secured")
    assert "must name the leader as {name}" in error.message
    error = _broken(tmp_path, "has {name} secured", "has {leader} secured")
    assert error.line == _line(tmp_path, "{leader}")
    assert "has {leader}; only {name} and {Name}" in error.message
    error = _broken(tmp_path, "{Name} knows what drives", "{Name knows what drives")
    assert "a stray brace" in error.message


def test_source_wording_that_is_not_attributes_toml(tmp_path):
    error = _broken(tmp_path, 'source_question = "How much buy-in have you',
                    'source_question = "How much buy in have you')
    assert error.line == _line(tmp_path, "How much buy in have you")
    assert '"source_question" is not the question in attributes.toml' in error.message
    error = _broken(tmp_path, "the progress we're making.\",", "the progress we make.\",")
    assert error.line == _line(tmp_path, "source_five_sounds_like = [", 4)
    assert "is not the guidance in attributes.toml" in error.message


def test_a_reading_missing_for_one_of_two_source_examples(tmp_path):
    text = SHIPPED.read_text(encoding="utf-8")
    start = text.index('    "{Name} always lets the team know')
    end = text.index("\n", start) + 1
    path = tmp_path / "rater_wording.toml"
    path.write_text(text[:start] + text[end:], encoding="utf-8")
    with pytest.raises(ContentError) as caught:
        load_rater_wording(path)
    assert caught.value.line == _line(tmp_path, "five_sounds_like = [", 2)
    assert "needs one reading per source example (2)" in caught.value.message


def test_no_workbook_sentence(tmp_path):
    error = _broken(tmp_path, "[workbook]\ntext = ", "[workbook]\ntxt = ")
    assert error.line == _line(tmp_path, "txt = ")
    assert error.message == '[workbook] has an unknown key "txt"'
    error = _broken(tmp_path, "[workbook]\n", "[elsewhere]\n")
    assert error.line == _line(tmp_path, "[elsewhere]")
    assert error.message == 'the file has an unknown key "elsewhere"'
