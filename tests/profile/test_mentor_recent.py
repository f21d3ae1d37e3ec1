"""Since last session, others' new ratings: never one rater's line in a small group."""

from __future__ import annotations

from datetime import date

from reflect.profile.mentor_brief import since_blocks
from reflect.profile.mentor_content import PackContent, PackOptions, SinceLast
from reflect.profile.mentor_recent import others_since
from reflect.profile.ratings import RatingValue

ATTRIBUTES = ("values_driven", "child_centred_decisions", "changing_practice")


def _rater(group: str, day: date, score: int, first_id: int) -> list[RatingValue]:
    return [RatingValue(first_id + i, a, "other", score, day, group)
            for i, a in enumerate(ATTRIBUTES)]


def _ratings() -> list[RatingValue]:
    """A line manager, two peers and three team members, each on their own day."""
    out = _rater("line manager", date(2026, 10, 19), 4, 100)
    out += _rater("peer", date(2026, 10, 21), 3, 200) + _rater("peer", date(2026, 10, 22), 4, 210)
    for n, day in enumerate((20, 23, 24)):
        out += _rater("team member", date(2026, 10, day), 4 + (n == 2), 300 + 10 * n)
    out += _rater("team member", date(2026, 9, 1), 1, 400)  # before the last session
    return out


def test_small_groups_are_merged_and_each_line_counts_raters_not_days():
    found = {o.group: o for o in others_since(_ratings(), since=date(2026, 10, 1))}
    assert set(found) == {"line manager", "team member", "other"}  # two peers merged
    assert found["other"].returns == 2 and found["other"].rated == 6
    assert found["other"].average is None  # two raters: no average of their own
    assert found["team member"].returns == 3 and found["team member"].rated == 9
    assert found["team member"].first_on == date(2026, 10, 20)
    assert found["line manager"].returns == 1  # known anyway: shown as itself


def test_the_brief_prints_groups_with_their_raters_and_never_a_peer_alone():
    since = SinceLast(date(2026, 10, 1), "the previous coaching session", (), (),
                      others_since(_ratings(), since=date(2026, 10, 1)))
    content = PackContent(options=PackOptions(), prepared_on=date(2026, 11, 1), profile=None,
                          history=(), coaching=(), reflections=(), actions=(),
                          since_last=since)
    lines = next(b for b in since_blocks(content) if b.heading == "New ratings by others").lines
    assert not any(line.startswith("Peer") for line in lines)
    assert "Others (smaller groups merged), 2 raters, 21 Oct 2026 to 22 Oct 2026: 6 ratings " \
           "(too few raters for an average of their own)" in lines
    assert any(line.startswith("Team member, 3 raters, 20 Oct 2026 to 24 Oct 2026: 9 ratings")
               for line in lines)
