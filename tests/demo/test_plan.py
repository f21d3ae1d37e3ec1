"""The demo's development plan: three goals linked to attributes (one with the profile's
target), milestones in every state with their reasons, one open milestone overdue, and demo
reflections linked as evidence."""

from __future__ import annotations

from datetime import timedelta

import pytest

from reflect.coaching import plan
from reflect.coaching.pack_view import milestone_changes, plan_goals
from reflect.coaching.views import MET, MISSED, MOVED, OPEN
from reflect.content.toml_source import ContentError
from reflect.demo.content import demo_dir
from reflect.demo.plan_parts import load_plan
from reflect.profile import ratings as profile
from tests.demo.conftest import TODAY


def test_three_goals_with_milestones_in_every_state(journal):
    goals = plan.goals(journal)
    assert len(goals) == 3 and all(g.attributes for g in goals)
    states = [m.status for g in goals for m in g.milestones]
    assert {OPEN, MET, MOVED, MISSED} <= set(states)
    for milestone in (m for g in goals for m in g.milestones):
        if milestone.status in (MOVED, MISSED):
            assert milestone.why, milestone.text
    moved = next(m for g in goals for m in g.milestones if m.status == MOVED)
    assert moved.moved_from is not None and moved.due_on > moved.moved_from
    overdue = [m for g in goals for m in g.milestones
               if m.status == OPEN and m.due_on < TODAY]
    assert len(overdue) == 1


def test_one_goal_aims_at_the_profiles_target(journal):
    [aimed] = [g for g in plan.goals(journal) if g.target is not None]
    assert aimed.attributes == ("changing_practice",)
    [target] = profile.ratings(journal, kind="target", attribute_id="changing_practice")
    assert target.score == aimed.target == 4


def test_evidence_is_linked_to_demo_reflections(journal):
    titles = {e.label for e in plan.evidence(journal)}
    assert {"After the panel", "Reading my 360 feedback",
            "First group supervision session"} <= titles
    assert all(g.evidence for g in plan_goals(journal, TODAY))


def test_the_pack_sees_the_plan_and_what_changed(journal):
    goals = plan_goals(journal, TODAY)
    assert [g.status for g in goals] == ["active"] * 3
    changes = milestone_changes(journal, TODAY - timedelta(days=200), TODAY)
    assert {c.change for c in changes} == {MET, MOVED, MISSED}
    history = plan.history(journal, goals[0].goal_id)
    assert history[0].text == "Goal set" and any(h.change == MOVED for h in history)
    assert all(h.on <= TODAY and h.on >= TODAY - timedelta(days=365) for h in history)


def test_a_mistake_in_plan_toml_names_its_line(tmp_path):
    text = (demo_dir() / "plan.toml").read_text(encoding="utf-8")
    broken = tmp_path / "plan.toml"
    broken.write_text(text.replace('fate = "missed"', 'fate = "forgotten"'), encoding="utf-8")
    with pytest.raises(ContentError, match="fate") as caught:
        load_plan(broken)
    line = next(n for n, row in enumerate(broken.read_text().splitlines(), 1)
                if "forgotten" in row)
    assert str(line) in str(caught.value)
