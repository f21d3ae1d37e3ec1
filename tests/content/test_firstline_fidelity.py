"""Firstline questions keep the point that makes their area distinctive (issue 15): an adapted
question that drops it would ask about good leadership, not what sets the outstanding apart."""

from __future__ import annotations

from pathlib import Path

import pytest

from reflect.common import paths
from reflect.content.library import Prompt, load_prompt_sets

REPORT = "000_0d32ec07f94ab811.txt"
SEED = next((shared / "seeds" / REPORT
             for shared in (Path(__file__).resolve().parents[3] / "shared", Path("/work/shared"))
             if (shared / "seeds" / REPORT).is_file()), Path(REPORT))

# prompt id: (words the question must keep, the source sentence its original must hold)
KEPT = {
    "firstline-empowering-01": (
        "empowering rather than rescuing",
        "This focus on empowering rather than rescuing differentiated outstanding from good "
        "leaders.",
    ),
    "firstline-perspective-01": (
        "longer-term outcomes for the child and family",
        "They focus on the longer-term outcomes for the child and family and development for "
        "the individual, not just the specific issue at hand.",
    ),
    "firstline-empowering-02": (
        "extend your perceptions of where and how you can have an impact",
        "Extend their perceptions of where and how they can have an impact",
    ),
}


def _firstline() -> dict[str, Prompt]:
    result = load_prompt_sets([paths.resources_dir() / "prompts"])
    (firstline,) = [s for s in result.sets if s.id == "firstline"]
    return {prompt.id: prompt for prompt in firstline.prompts}


@pytest.mark.parametrize("prompt_id", sorted(KEPT))
def test_the_question_keeps_its_distinctive_point(prompt_id):
    prompt = _firstline()[prompt_id]
    words, sentence = KEPT[prompt_id]
    assert words in prompt.text.lower(), prompt.text
    assert prompt.original is not None and sentence in prompt.original
    assert prompt.text.endswith("?")


def test_the_key_words_each_question_keeps():
    prompts = _firstline()
    assert "rescuing" in prompts["firstline-empowering-01"].text
    assert "longer-term outcomes" in prompts["firstline-perspective-01"].text
    assert prompts["firstline-empowering-02"].text.startswith("How could you extend")


@pytest.mark.skipif(not SEED.is_file(), reason="the Firstline report (shared/seeds) is not here")
def test_each_original_is_a_whole_paragraph_or_point_of_the_report():
    """The original ends where the source's paragraph or bullet ends: nothing was cut short."""
    lines = {line.strip().removeprefix("- ") for line in SEED.read_text(encoding="utf-8")
             .splitlines()}
    prompts = _firstline()
    for prompt_id in KEPT:
        assert prompts[prompt_id].original in lines, prompt_id
