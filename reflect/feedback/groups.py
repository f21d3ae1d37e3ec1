"""Who rates a leader in a 360 round, and the anonymity rule that keeps a small group from
naming the people in it.

The groups are the round's own list, not the profile's ``SUGGESTED_RATER_GROUPS`` (which has
"senior leader" and no "other"): issue 16 invites line manager, peers, team members, partners
and others. The names of the four they share are spelt the same, so ratings typed in by hand
and ratings read from a returned form fall in the same group.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class RaterGroup:
    """``key`` is the form's export value (a PDF name: no spaces); ``name`` is what is stored
    as a rating's ``rater_group``; ``label`` is what a rater reads."""

    key: str
    name: str
    label: str


LINE_MANAGER = "line manager"
OTHERS = "other"

RATER_GROUPS: tuple[RaterGroup, ...] = (
    RaterGroup("line_manager", LINE_MANAGER, "Line manager"),
    RaterGroup("peer", "peer", "Peer"),
    RaterGroup("team_member", "team member", "Team member"),
    RaterGroup("partner", "partner", "Partner"),
    RaterGroup("other", OTHERS, "Other"),
)
GROUPS_BY_KEY = {group.key: group for group in RATER_GROUPS}

# The anonymity rule, shared by the form (which states it) and the profile (which applies it).
MIN_GROUP_RETURNS = 3
KNOWN_ANYWAY = frozenset({LINE_MANAGER})  # one person, known to the leader whatever is shown
ANONYMITY_RULE = ("Groups with fewer than three returns are merged into “others”, except the "
                  "line manager.")


def shown_as(group: str, returns_in_group: int) -> str:
    """The group a return is shown under: its own when the group is large enough (or is the
    line manager), else "other". "other" itself is never split further."""
    if group in KNOWN_ANYWAY or returns_in_group >= MIN_GROUP_RETURNS:
        return group
    return OTHERS
