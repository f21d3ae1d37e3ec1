"""Template-level switches beyond the basic fields, checked against the sections they need.

``reviews_own_actions``: a new record from the template starts by reviewing the leader's own
open actions (from their own supervision, coaching preparations and reflections), as a record
with a supervisee starts with the supervisee's. Which templates do so is content, so a user's
copy of "My supervision" keeps it and a new template can take part.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Set
from typing import Any

from reflect.content.toml_source import ContentError

REVIEWS_OWN = "reviews_own_actions"


def reviews_own(data: Mapping[str, Any], types: Set[str], line: Callable[[str], int],
                fail: Callable[[int, str], ContentError]) -> bool:
    """The flag: for the leader's own records (no supervisee section), with an actions
    section to carry the reviewed actions into; anything else is a mistake in the file."""
    value = data.get(REVIEWS_OWN, False)
    if not isinstance(value, bool):
        raise fail(line(REVIEWS_OWN), f"'{REVIEWS_OWN}' must be true or false")
    if value and "supervisee" in types:
        raise fail(line(REVIEWS_OWN), f"'{REVIEWS_OWN}' is for the leader's own records: "
                   "remove it or the supervisee section")
    if value and "actions" not in types:
        raise fail(line(REVIEWS_OWN), f"'{REVIEWS_OWN}' needs an actions section to carry "
                   "the actions forward into")
    return value
