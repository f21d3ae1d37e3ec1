"""Every shipped prompt says who it is written for, so Home can favour the reader's level."""

from __future__ import annotations

import pytest

from reflect.content.library import AUDIENCES, FIRST_LINE, SENIOR, load_prompt_sets

# Sets shipped before issue 17, tagged by this change; a set added since brings its own tags.
TAGGED = ("firstline", "ofsted_annex_b", "scottish_leadership", "sfpc_workbook2")


@pytest.fixture(scope="module")
def shipped():
    result = load_prompt_sets()
    assert result.errors == ()
    return {s.id: s for s in result.sets}


def test_every_shipped_prompt_has_an_audience(shipped):
    untagged = [p.id for s in shipped.values() for p in s.prompts if not p.audience]
    assert untagged == []
    assert all(level in AUDIENCES for s in shipped.values() for p in s.prompts
               for level in p.audience)


def test_every_set_has_prompts_for_first_line_leaders(shipped):
    """Most readers are team managers: no set may leave them only questions for directors.
    (Annex B is written for senior managers and leaders, yet some of its questions are about
    the leader's own team, such as reflective supervision.)"""
    for set_id in TAGGED:
        assert any(FIRST_LINE in p.audience for p in shipped[set_id].prompts), set_id


@pytest.mark.parametrize(("prompt_id", "audience"), [
    ("firstline-embracing-01", (FIRST_LINE,)),
    ("annexb-145", (FIRST_LINE, "middle")),      # reflective supervision
    ("annexb-148", ("middle", SENIOR)),          # the workforce development plan
    ("annexb-158", (SENIOR,)),                   # elected members
    ("sfpc2-decisions-04", (FIRST_LINE, "middle")),
    ("sfpc2-corporate-01", (SENIOR,)),
    ("slf-8.9-01", AUDIENCES),
])
def test_tags_read_from_the_question(shipped, prompt_id, audience):
    prompt = next(p for s in shipped.values() for p in s.prompts if p.id == prompt_id)
    assert prompt.audience == audience


@pytest.mark.parametrize("set_id", TAGGED)
def test_notes_say_the_tags_are_reflects_reading(shipped, set_id):
    assert "audience tags are Reflect's reading" in shipped[set_id].notes
