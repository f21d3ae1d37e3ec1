"""The climate check-in's content file: it loads, every kind of mistake is named with its file
and line, the six names are the report's, and no description is copied from it (the report's
"What is climate?" box is © Hay Group, outside the Open Government Licence)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from reflect.common import paths
from reflect.content.climate import CLIMATE_FILE, ContentError, load_climate

REPORT = "000_0d32ec07f94ab811.txt"
SEED = next((shared / "seeds" / REPORT
             for shared in (Path(__file__).resolve().parents[3] / "shared", Path("/work/shared"))
             if (shared / "seeds" / REPORT).is_file()), Path(REPORT))
SHIPPED = paths.resources_dir() / CLIMATE_FILE
NAMES = ["Clarity", "Standards", "Rewards", "Responsibility", "Flexibility", "Team commitment"]
RUN = 8  # words in a row shared with the report that would count as copying


def _words(text: str) -> list[str]:
    return re.findall(r"[a-z0-9']+", text.lower().replace("’", "'"))


def _runs(text: str) -> set[tuple[str, ...]]:
    words = _words(text)
    return {tuple(words[i:i + RUN]) for i in range(len(words) - RUN + 1)}


def test_the_shipped_file_loads_with_six_dimensions_two_perspectives_and_a_scale():
    content = load_climate()
    assert [d.name for d in content.dimensions] == NAMES
    assert [p.id for p in content.perspectives] == ["create", "experience"]
    assert content.perspective("create").label == "The climate I create for my team"
    assert content.perspective("experience").label == "The climate I experience from my manager"
    assert len(content.scale) == 5 and content.scale_word(5) == "Fully"
    assert all(d.description and d.prompt.endswith("?") for d in content.dimensions)
    assert "standards" in content.dimension("standards").prompt.lower()


def test_the_file_states_its_licence_position():
    licence = load_climate().licence
    for words in ("Frontline / Hay Group", "What makes great first line leadership?", "2015",
                  "Reflect's own", "What is climate?", "© Hay Group", "not used",
                  "Open Government Licence", "norms"):
        assert words in licence, words


@pytest.mark.skipif(not SEED.is_file(), reason="the Firstline report (shared/seeds) is not here")
def test_the_six_names_are_the_reports():
    seed = SEED.read_text(encoding="utf-8")
    box = seed[seed.index("What is climate?"):seed.index("Climate predicts outcomes")]
    for name in NAMES:
        assert re.search(rf"^- {name} they feel", box, re.M), name


@pytest.mark.skipif(not SEED.is_file(), reason="the Firstline report (shared/seeds) is not here")
def test_no_description_prompt_or_scale_word_is_copied_from_the_report():
    seed_runs = _runs(SEED.read_text(encoding="utf-8"))
    content = load_climate()
    texts = [t for d in content.dimensions for t in (d.description, d.prompt)]
    texts += [" ".join(content.scale), content.notes, content.question_now,
              content.question_ideal, *(p.label + " " + p.hint for p in content.perspectives)]
    copied = [t for t in texts if _runs(t) & seed_runs]
    assert copied == []


@pytest.mark.skipif(not SEED.is_file(), reason="the Firstline report (shared/seeds) is not here")
def test_the_copy_check_can_fail():
    """The box's own line would be caught (shorter words would not: hence eight)."""
    seed_runs = _runs(SEED.read_text(encoding="utf-8"))
    assert _runs("Climate is a measure of conditions that predict high performance") & seed_runs


def _broken(tmp_path: Path, old: str, new: str) -> Path:
    text = SHIPPED.read_text(encoding="utf-8")
    assert old in text
    path = tmp_path / CLIMATE_FILE
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return path


def _line_of(path: Path, needle: str) -> int:
    """The last line holding ``needle`` (a repeated id is named where it repeats)."""
    lines = path.read_text(encoding="utf-8").split("\n")
    return max(i for i, line in enumerate(lines, start=1) if needle in line)


@pytest.mark.parametrize(("old", "new", "needle", "message"), [
    ('id = "rewards"', 'id = "recognition"', 'id = "recognition"', "is not one of"),
    ('id = "flexibility"', 'id = "clarity"', 'id = "clarity"', "listed twice"),
    ('name = "Standards"', 'name = ""', 'name = ""', '"name" must be non-empty text'),
    ('prompt = "Whose', 'promt = "Whose', "promt =", 'unknown key "promt"'),
    ('scale = ["Hardly at all", ', 'scale = [', "scale = [", "must name the 5 points"),
    ('notes = "The gap', 'note = "The gap', "note = ", 'unknown key "note"'),
    ('label = "The climate I create for my team"', 'label = 3', "label = 3",
     '"label" must be non-empty text'),
])
def test_each_kind_of_mistake_names_the_file_and_line(tmp_path, old, new, needle, message):
    path = _broken(tmp_path, old, new)
    with pytest.raises(ContentError) as caught:
        load_climate(path)
    line = _line_of(path, needle)
    assert str(caught.value).startswith(f"{CLIMATE_FILE}, line {line}: "), str(caught.value)
    assert message in str(caught.value)


def test_not_toml_and_a_missing_dimension_are_named(tmp_path):
    path = _broken(tmp_path, 'id = "clarity"', 'id = "clarity')
    with pytest.raises(ContentError, match=rf"{CLIMATE_FILE}, line \d+: is not valid TOML"):
        load_climate(path)
    text = SHIPPED.read_text(encoding="utf-8")
    start = text.index('[[dimensions]]\nid = "team_commitment"')
    path.write_text(text[:start], encoding="utf-8")
    with pytest.raises(ContentError, match="team_commitment is missing"):
        load_climate(path)
