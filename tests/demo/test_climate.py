"""The demo's team climate: four quarterly check-ins of the climate the leader creates, with
a visible trend (clarity and standards up, flexibility down), two of the climate they
experience, three team responses to the latest quarter (shown as a group), and a check-in due
on Home; a broken demo file is named with its line."""

from __future__ import annotations

from datetime import timedelta
from itertools import pairwise

import pytest

from reflect.climate import checkins
from reflect.climate.views import gaps, team_view, trend, widest
from reflect.content.toml_source import ContentError
from reflect.demo.climate_parts import CLIMATE_FILE, load_checkins
from reflect.demo.content import demo_dir
from tests.demo.conftest import TODAY


def test_four_quarterly_check_ins_with_a_visible_trend(journal):
    created = checkins.checkins(journal, "create")
    assert len(created) == 4
    days = [c.checked_on for c in created]
    assert days[0] == TODAY - timedelta(days=362) and days[-1] == TODAY - timedelta(days=92)
    assert all(85 <= (b - a).days <= 95 for a, b in pairwise(days))
    lines = {line.dimension: line for line in trend(created)}
    assert lines["clarity"].now == (2, 3, 3, 4) and lines["clarity"].change() == 2
    assert lines["standards"].change() == 2
    assert lines["flexibility"].now == (4, 3, 3, 2) and lines["flexibility"].change() == -2
    top = widest(gaps(created[-1]))
    assert top is not None and top.dimension == "flexibility"


def test_experience_check_ins_and_team_responses(journal):
    assert len(checkins.checkins(journal, "experience")) == 2
    latest = checkins.latest_checkin(journal, "create")
    assert latest is not None and len(latest.responses) == 3
    view = team_view(latest)
    assert view.shown and len(view.gaps) == 6
    assert [c for c in checkins.checkins(journal) if c.responses] == [latest]


def test_a_check_in_is_due_on_the_demos_day(journal):
    assert checkins.due(journal, TODAY)  # the last was 92 days ago


def test_a_broken_demo_check_in_is_named_with_its_line(tmp_path):
    text = (demo_dir() / CLIMATE_FILE).read_text(encoding="utf-8")
    path = tmp_path / CLIMATE_FILE
    path.write_text(text.replace("clarity = [2, 5]", "clarity = [2, 7]", 1), encoding="utf-8")
    with pytest.raises(ContentError, match=r"climate.toml, line 15: check-in 1: clarity must "
                                           r"be \[now, ideal\], each from 1 to 5"):
        load_checkins(path)
