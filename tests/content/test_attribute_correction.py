"""The one corrected attribute question carries what the source printed and why (issue 15), so
the app can say so wherever the question is shown; a broken correction is named with its line."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from reflect.content.library import ContentError, Correction, load_attributes

WORKBOOK = "003_6115cd821db4f535.txt"
SEED = next((shared / "seeds" / WORKBOOK
             for shared in (Path(__file__).resolve().parents[3] / "shared", Path("/work/shared"))
             if (shared / "seeds" / WORKBOOK).is_file()), Path(WORKBOOK))

ATTRIBUTE = """\
[[attributes]]
id = "values_driven"
name = "Values"
short_name = "Values"
question = "How much are you living out?"
five_sounds_like = "Like this."
source = "Workbook 1"
correction.printed = "How much are you living our?"
correction.reason = "A slip."
"""


def test_the_living_out_question_says_what_the_source_printed():
    values, *others = load_attributes()
    correction = values.correction
    assert isinstance(correction, Correction)
    assert correction.printed.replace("living our", "living out") == values.question
    assert "live out and honour my values" in values.five_sounds_like[0]
    assert "live out and honour my values" in correction.reason
    printed = f"“{correction.printed}”"
    assert correction.note().startswith(f"The source prints this question as {printed}")
    assert all(attribute.correction is None for attribute in others)


@pytest.mark.skipif(not SEED.is_file(), reason="the SFPC workbook (shared/seeds) is not here")
def test_what_the_source_printed_is_word_for_word_in_the_workbook():
    workbook = re.sub(r"\s+", " ", SEED.read_text(encoding="utf-8"))
    (values, *_) = load_attributes()
    assert values.correction is not None
    assert values.correction.printed in workbook
    assert values.question not in workbook  # it is a correction, not the printed text


def test_a_correction_loads_from_its_two_keys(tmp_path):
    path = tmp_path / "attributes.toml"
    path.write_text(ATTRIBUTE, encoding="utf-8")
    (attribute,) = load_attributes(path)
    assert attribute.correction == Correction("How much are you living our?", "A slip.")


@pytest.mark.parametrize(
    ("text", "line", "words"),
    [
        (ATTRIBUTE.replace('correction.reason = "A slip."\n', ""), 1,
         '"correction.reason" must be non-empty text'),
        (ATTRIBUTE.replace('"A slip."', '""'), 9, '"correction.reason" must be non-empty text'),
        (ATTRIBUTE.replace("correction.reason", "correction.why"), 9, 'unknown key "why"'),
        (ATTRIBUTE.replace('correction.printed = "How much are you living our?"\n'
                           'correction.reason = "A slip."\n', 'correction = "living our"\n'),
         8, '"correction" must hold "printed" and "reason"'),
    ],
)
def test_a_broken_correction_is_named_with_its_line(tmp_path, text, line, words):
    path = tmp_path / "attributes.toml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ContentError) as caught:
        load_attributes(path)
    assert caught.value.line == line
    assert words in caught.value.message


@pytest.mark.skipif(not SEED.is_file(), reason="the SFPC workbook (shared/seeds) is not here")
def test_no_shipped_prompt_needs_the_living_out_note():
    """Workbook 2 prints "living out" itself, so its prompt is the source's wording, not a
    correction, and its detail pane rightly says nothing about "living our"."""
    from reflect.common import paths
    from reflect.content.library import load_prompt_sets

    workbook = re.sub(r"\s+", " ", SEED.read_text(encoding="utf-8"))
    sets = load_prompt_sets([paths.resources_dir() / "prompts"]).sets
    living_out = [prompt for prompt_set in sets for prompt in prompt_set.prompts
                  if "living out" in prompt.text]
    assert [prompt.id for prompt in living_out] == ["sfpc2-values-01"]
    assert living_out[0].text in workbook[workbook.index("Your self-reflection workbook"):]
