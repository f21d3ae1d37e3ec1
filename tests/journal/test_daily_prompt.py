"""The prompt for today: fresh prompts first, stable within a day, moving on the next."""

from __future__ import annotations

from datetime import date, timedelta
from itertools import pairwise
from pathlib import Path

import pytest

from reflect.content.library import Prompt, PromptSet, load_prompt_sets
from reflect.journal.daily_prompt import RECENT_DAYS, prompt_for_day, suggestions
from reflect.store.queries import PromptUsage

DAY = date(2026, 3, 5)


@pytest.fixture(scope="module")
def shipped() -> tuple[PromptSet, ...]:
    result = load_prompt_sets()
    assert result.errors == ()
    return result.sets


def _usage(day: date, *ids: str) -> dict[str, PromptUsage]:
    return {i: PromptUsage(i, 1, day) for i in ids}


def _all_ids(sets) -> list[str]:
    return [p.id for s in sets for p in s.prompts]


def _small_set(set_id: str, count: int) -> PromptSet:
    prompts = tuple(Prompt(f"{set_id}-{n}", set_id, f"Question {n}?", "here", ())
                    for n in range(count))
    return PromptSet(set_id, set_id, "doc", "doc", False, "", Path("x.toml"), prompts)


def test_stable_for_a_date(shipped):
    first = prompt_for_day(shipped, {}, DAY)
    assert first is not None
    assert all(prompt_for_day(shipped, {}, DAY) == first for _ in range(5))
    usage = _usage(DAY - timedelta(days=2), "annexb-134", "sfpc2-values-01")
    assert suggestions(shipped, usage, DAY) == suggestions(shipped, dict(usage), DAY)


def test_changes_the_next_day(shipped):
    picks = [prompt_for_day(shipped, {}, DAY + timedelta(days=n)) for n in range(8)]
    assert all(a != b for a, b in pairwise(picks))


def test_changes_the_next_day_with_a_single_set():
    one = (_small_set("solo", 5),)
    picks = [prompt_for_day(one, {}, DAY + timedelta(days=n)).id for n in range(5)]
    assert len(set(picks)) == 5  # one step a day walks through every prompt


def test_rotates_across_sets(shipped):
    week = {prompt_for_day(shipped, {}, DAY + timedelta(days=n)).set_id
            for n in range(len(shipped))}
    assert week == {s.id for s in shipped}


def test_never_answered_preferred(shipped):
    every = _all_ids(shipped)
    fresh = "annexb-140"
    usage = _usage(DAY - timedelta(days=RECENT_DAYS * 3), *[i for i in every if i != fresh])
    for n in range(10):
        assert prompt_for_day(shipped, usage, DAY + timedelta(days=n)).id == fresh


def test_not_answered_recently_preferred_over_recent(shipped):
    every = _all_ids(shipped)
    rested = ["sfpc2-values-02", "firstline-perspective-02"]
    usage = _usage(DAY - timedelta(days=3), *every)
    usage.update(_usage(DAY - timedelta(days=RECENT_DAYS + 1), *rested))
    picks = {prompt_for_day(shipped, usage, DAY + timedelta(days=n)).id for n in range(4)}
    assert picks == set(rested)


def test_when_everything_is_recent_the_oldest_answer_comes_first(shipped):
    every = _all_ids(shipped)
    usage = _usage(DAY - timedelta(days=1), *every)
    usage["slf-8.9-03"] = PromptUsage("slf-8.9-03", 4, DAY - timedelta(days=40))
    assert prompt_for_day(shipped, usage, DAY).id == "slf-8.9-03"


def test_answering_today_moves_on(shipped):
    today = prompt_for_day(shipped, {}, DAY)
    after = prompt_for_day(shipped, _usage(DAY, today.id), DAY)
    assert after is not None and after.id != today.id


def test_suggestions_offer_every_prompt_once(shipped):
    found = suggestions(shipped, _usage(DAY, "annexb-134"), DAY)
    assert sorted(p.id for p in found) == sorted(_all_ids(shipped))
    assert found[-1].id == "annexb-134"
    # "Another prompt" moves to a different set, not the next question of the same one.
    assert found[0].set_id != found[1].set_id


def test_no_sets_no_prompt():
    assert prompt_for_day((), {}, DAY) is None
    assert suggestions((), {}, DAY) == []


def test_same_choice_in_every_process():
    """No dependence on Python's per-process string hashing."""
    import os
    import subprocess
    import sys

    code = ("from datetime import date; from reflect.content.library import load_prompt_sets; "
            "from reflect.journal.daily_prompt import suggestions; "
            "print([p.id for p in suggestions(load_prompt_sets().sets, {}, date(2026, 3, 5))])")
    outputs = {
        subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True,
                       env={**os.environ, "PYTHONHASHSEED": seed}).stdout
        for seed in ("1", "2")
    }
    assert len(outputs) == 1
