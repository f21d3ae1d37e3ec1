"""The practice leadership prompts (issue 17): adapted from Ofsted's practice leadership
commentary, each question with the passage it comes from kept word for word, its theme, its
attributes and who it is written for."""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import pytest

from reflect.common import paths
from reflect.content.library import AUDIENCES, PromptSet, load_prompt_sets

COMMENTARY = "004_1a35c7c6c84f1076.txt"
SEED = next((shared / "seeds" / COMMENTARY
             for shared in (Path(__file__).resolve().parents[3] / "shared", Path("/work/shared"))
             if (shared / "seeds" / COMMENTARY).is_file()), Path(COMMENTARY))
ATTRIBUTE_IDS = {"values_driven", "child_centred_decisions", "changing_practice",
                 "partnerships", "corporate_buy_in"}
THEMES = {
    "Understanding good social work": 4,
    "Passionate and courageous": 3,
    "Workforce development": 4,
    "Culture": 5,
    "Structure": 2,
}


@pytest.fixture(scope="module")
def practice() -> PromptSet:
    result = load_prompt_sets([paths.resources_dir() / "prompts"])
    assert result.errors == ()
    (found,) = [s for s in result.sets if s.id == "practice_leadership"]
    return found


@pytest.fixture(scope="module")
def commentary() -> str:
    if not SEED.is_file():
        pytest.skip("the practice leadership commentary (shared/seeds) is not here")
    return re.sub(r"\s+", " ", SEED.read_text(encoding="utf-8"))


def test_the_set_loads_adapted_with_its_document_and_licence_position(practice):
    assert practice.path.name == "practice_leadership.toml"
    assert practice.adapted and "adapted" in practice.notes.lower()
    assert "Eleanor Schooling" in practice.document and "Ofsted" in practice.source_short
    # The seed states no licence: the file says so rather than claiming one.
    assert "Crown copyright" in (practice.licence or "")
    assert "no licence statement" in (practice.licence or "")
    assert "no licence or copyright statement" in " ".join(practice.notes.split())


def test_counts_per_theme_and_ids(practice):
    assert Counter(p.group for p in practice.prompts) == THEMES
    assert len(practice.prompts) == 18
    assert [p.id for p in practice.prompts if p.group == "Culture"] == [
        f"practice-culture-0{n}" for n in range(1, 6)]


def test_every_prompt_has_a_source_attributes_and_an_audience(practice):
    for prompt in practice.prompts:
        assert prompt.source == f"Practice leadership, {prompt.group}", prompt.id
        assert 1 <= len(prompt.attributes) <= 2 and set(prompt.attributes) <= ATTRIBUTE_IDS
        assert prompt.audience and set(prompt.audience) <= set(AUDIENCES), prompt.id
        assert prompt.text.endswith("?") and prompt.text != prompt.original


def test_audience_follows_whom_the_commentary_addresses(practice):
    """Most points are written for senior leaders; only those a first line manager does in
    their own team are tagged first_line, and no question is for first line leaders only."""
    by_id = {p.id: p.audience for p in practice.prompts}
    assert all("senior" in a or "middle" in a for a in by_id.values())
    assert by_id["practice-courageous-03"] == ("senior",)  # beyond their own organisation
    assert "first_line" not in by_id["practice-structure-01"]  # distributed leadership
    assert "first_line" in by_id["practice-culture-03"]  # high challenge and high trust
    first_line = sum("first_line" in a for a in by_id.values())
    assert first_line == 10 and len(by_id) - first_line == 8


def test_every_original_is_in_the_commentary_word_for_word(practice, commentary):
    for prompt in practice.prompts:
        assert prompt.original and prompt.original in commentary, prompt.id
        assert f"{prompt.group} " in commentary  # the theme's heading
        # A whole sentence or more: starts a sentence and ends one.
        assert prompt.original[0].isupper() and prompt.original.endswith("."), prompt.id
        before = commentary[:commentary.index(prompt.original)]
        assert before.endswith((". ", '." ', '". ', '!" ', f"{prompt.group} ")), prompt.id


def test_the_themes_named_by_the_issue_are_covered(practice, commentary):
    originals = " ".join(p.original or "" for p in practice.prompts)
    assert "high challenge and high trust" in originals
    assert "Distributed leadership" in originals
    for theme in THEMES:
        assert theme in commentary
