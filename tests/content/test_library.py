"""The shipped prompt library: every file loads, counts match the sources, wording is verbatim."""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import pytest

from reflect.common import paths
from reflect.content.library import (
    Attribute,
    PromptSet,
    find_prompt,
    load_attributes,
    load_prompt_sets,
    prompts_for_attribute,
)

ATTRIBUTE_IDS = (
    "values_driven",
    "child_centred_decisions",
    "changing_practice",
    "partnerships",
    "corporate_buy_in",
)
SEEDS = {
    "firstline": "000_0d32ec07f94ab811.txt",
    "ofsted_annex_b": "001_54e362bb44fa0f98.txt",
    "scottish_leadership": "002_3298c569e8731a07.txt",
    "sfpc": "003_6115cd821db4f535.txt",
}
SHIPPED_SETS = {"sfpc_workbook2", "ofsted_annex_b", "firstline", "scottish_leadership",
                "practice_leadership"}


def _seed_dir() -> Path | None:
    """The source texts sit in ``shared/seeds`` beside the clone (locally and on CI)."""
    here = Path(__file__).resolve()
    for shared in (here.parents[3] / "shared", Path("/work/shared")):
        if (shared / "seeds").is_dir():
            return shared / "seeds"
    return None


def _flat(text: str) -> str:
    """Line breaks and runs of spaces in the extracted text are layout, not wording."""
    return re.sub(r"\s+", " ", text)


@pytest.fixture(scope="module")
def seed_text():
    seeds = _seed_dir()
    if seeds is None:
        pytest.skip("the source texts (shared/seeds) are not beside this checkout")

    def read(key: str) -> str:
        return _flat((seeds / SEEDS[key]).read_text(encoding="utf-8"))

    return read


@pytest.fixture(scope="module")
def attributes() -> tuple[Attribute, ...]:
    return load_attributes()


@pytest.fixture(scope="module")
def library() -> dict[str, PromptSet]:
    result = load_prompt_sets([paths.resources_dir() / "prompts"])
    assert result.errors == ()
    return {prompt_set.id: prompt_set for prompt_set in result.sets}


# --- attributes -------------------------------------------------------------------------------


def test_five_attributes_in_the_workbooks_order(attributes):
    assert tuple(a.id for a in attributes) == ATTRIBUTE_IDS
    assert [a.name for a in attributes] == [
        "Leadership and change which is driven by values",
        "Making decisions in the interests of children, young people and families",
        "Changing practice and culture",
        "Creating successful partnerships",
        "Securing buy in from corporate and political leaders",
    ]


def test_every_attribute_is_complete(attributes):
    for attribute in attributes:
        assert attribute.question.endswith("?")
        assert 1 <= len(attribute.short_name.split()) <= 3  # "Practice & culture"
        assert len(attribute.short_name) <= 20  # fits a radar axis label
        assert attribute.five_sounds_like
        assert "Developing leaders" in attribute.source
    decisions = next(a for a in attributes if a.id == "child_centred_decisions")
    assert len(decisions.five_sounds_like) == 2  # the source offers two examples joined by "or"


def test_attribute_wording_is_the_workbooks(attributes, seed_text):
    source = seed_text("sfpc")
    for attribute in attributes:
        assert attribute.name in source
        for example in attribute.five_sounds_like:
            assert example in source, example
        if attribute.id == "values_driven":
            # The one fix, listed in the file's notes: "living our" is a slip for "living out".
            assert attribute.question.replace("living out", "living our") in source
        else:
            assert attribute.question in source, attribute.question


def test_attributes_file_lists_its_fix():
    import tomllib

    data = tomllib.loads((paths.resources_dir() / "attributes.toml").read_text("utf-8"))
    assert '"our"' in data["notes"] and '"out"' in data["notes"]


# --- every shipped set --------------------------------------------------------------------------


def test_every_shipped_file_loads_without_errors():
    result = load_prompt_sets()  # default directories: shipped, then the (absent) user dir
    assert result.errors == ()
    assert {prompt_set.id for prompt_set in result.sets} == SHIPPED_SETS
    for prompt_set in result.sets:
        assert prompt_set.path.name == f"{prompt_set.id}.toml"


def test_counts_per_set(library):
    counts = {set_id: len(prompt_set.prompts) for set_id, prompt_set in library.items()}
    assert counts == {
        "sfpc_workbook2": 22,
        "ofsted_annex_b": 26,
        "firstline": 12,
        "scottish_leadership": 6,
        "practice_leadership": 18,
    }


def test_ids_are_unique_and_attributes_known(library):
    ids = [p.id for prompt_set in library.values() for p in prompt_set.prompts]
    assert len(ids) == len(set(ids))
    for prompt_set in library.values():
        assert prompt_set.document and prompt_set.source_short and prompt_set.name
        for prompt in prompt_set.prompts:
            assert prompt.set_id == prompt_set.id
            assert 1 <= len(prompt.attributes) <= 2, prompt.id
            assert set(prompt.attributes) <= set(ATTRIBUTE_IDS), prompt.id
            assert prompt.text.strip() == prompt.text and prompt.text.endswith("?"), prompt.id


def test_adapted_sets_keep_the_original_wording(library):
    for prompt_set in library.values():
        if prompt_set.adapted:
            assert "adapted" in prompt_set.notes.lower()
            assert all(prompt.original for prompt in prompt_set.prompts)
    assert library["firstline"].adapted
    assert not library["ofsted_annex_b"].adapted
    assert not library["sfpc_workbook2"].adapted


def test_crown_copyright_sets_name_their_licence(library):
    assert "Open Government Licence v3" in (library["ofsted_annex_b"].licence or "")
    assert "Open Government Licence v3" in (library["firstline"].licence or "")


# --- SFPC Workbook 2 ----------------------------------------------------------------------------


def test_workbook2_is_grouped_by_attribute(library):
    prompts = library["sfpc_workbook2"].prompts
    per_attribute = Counter(prompt.attributes for prompt in prompts)
    assert per_attribute == {
        ("values_driven",): 4,
        ("child_centred_decisions",): 7,
        ("changing_practice",): 5,
        ("partnerships",): 4,
        ("corporate_buy_in",): 2,
    }
    groups = list(dict.fromkeys(prompt.group for prompt in prompts))
    assert groups == [
        "Leadership and change that is driven by values",
        "Making decisions in the interest of children, young people and families",
        "Changing practice and culture",
        "Creating successful partnerships",
        "Securing buy in from corporate leaders and politicians",
    ]


def test_workbook2_is_verbatim(library, seed_text):
    source = seed_text("sfpc")
    workbook = source[source.index("Your self-reflection workbook ###"):]
    for prompt in library["sfpc_workbook2"].prompts:
        assert prompt.text in workbook, prompt.id
        assert prompt.group in workbook
        assert prompt.original is None


def test_workbook2_has_every_question_in_the_source(library, seed_text):
    """Count the source's questions independently, so a dropped question fails the test."""
    source = seed_text("sfpc")
    workbook = source[source.index("Your self-reflection workbook ###"):
                      source.index("### Literature Review")]
    questions = re.findall(r"How [^?|#]*\?", workbook)
    texts = " ".join(prompt.text for prompt in library["sfpc_workbook2"].prompts)
    assert len(questions) == 24  # two prompts hold two questions each, as in the source
    for question in questions:
        assert question in texts


# --- Ofsted Annex B -----------------------------------------------------------------------------


def test_annex_b_has_paragraphs_134_to_159_once_each(library):
    prompts = library["ofsted_annex_b"].prompts
    assert len(prompts) == 26
    numbers = [int(prompt.source.removeprefix("Annex B, paragraph ")) for prompt in prompts]
    assert numbers == list(range(134, 160))
    assert [prompt.id for prompt in prompts] == [f"annexb-{n}" for n in range(134, 160)]


def test_annex_b_is_verbatim(library, seed_text):
    source = seed_text("ofsted_annex_b")
    annex = source[source.index("Annex B. Reflective questions for senior managers"):]
    for prompt in library["ofsted_annex_b"].prompts:
        number = prompt.id.removeprefix("annexb-")
        assert f"{number}. {prompt.text}" in annex, prompt.id
    spot = find_prompt(library.values(), "annexb-145")
    assert spot is not None
    assert spot.text == (
        "How can you improve the frequency and quality of reflective supervision and ensure that "
        "this is recorded to give an accurate account of discussions and decisions?"
    )


# --- Firstline and the Scottish study -----------------------------------------------------------


def test_firstline_four_areas_with_originals_from_the_source(library, seed_text):
    source = seed_text("firstline")
    prompts = library["firstline"].prompts
    assert Counter(prompt.group for prompt in prompts) == {
        "Embracing leadership": 3,
        "Empowering and influencing": 3,
        "Taking a broader perspective": 3,
        "Combining intellect and emotional intelligence to base decisions on best practice": 3,
    }
    for prompt in prompts:
        assert prompt.original and prompt.original in source, prompt.id
        assert prompt.group in source
    assert "Stretching good to outstanding" in source


def test_scottish_questions_are_section_8_9(library, seed_text):
    source = seed_text("scottish_leadership")
    section = source[source.index("8.9 Specific issues"):source.index("8.10 ")]
    prompts = library["scottish_leadership"].prompts
    assert len(prompts) == 6
    for prompt in prompts:
        assert prompt.original and f"• {prompt.original}" in section, prompt.id
        # Only the capital letter and the list's joining "and" differ from the source.
        original = prompt.original.removesuffix(" and")
        assert prompt.text == original[0].upper() + original[1:]
    assert section.count("•") == 6


# --- look-ups ------------------------------------------------------------------------------------


def test_find_prompt_and_prompts_for_attribute(library):
    sets = list(library.values())
    assert find_prompt(sets, "sfpc2-values-01").text == (
        "How are you living out and honouring your values through your work?"
    )
    assert find_prompt(sets, "no-such-prompt") is None
    for attribute_id in ATTRIBUTE_IDS:
        related = prompts_for_attribute(sets, attribute_id)
        assert related, attribute_id
        assert all(attribute_id in prompt.attributes for prompt in related)
    corporate = [p.id for p in prompts_for_attribute(sets, "corporate_buy_in")]
    assert "annexb-158" in corporate and "sfpc2-corporate-02" in corporate
    assert prompts_for_attribute(sets, "unknown") == []
