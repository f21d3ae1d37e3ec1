"""Which prompt Home offers today, and what "Another prompt" offers next.

The choice is a pure function of the loaded sets, the journal's prompt usage and the date, so
it stays the same all day (opening Home twice does not reshuffle it), changes the next day, and
can be tested without a clock or a window.

Rules, in order:

1. Freshness first. Prompts never answered come before prompts last answered more than
   :data:`RECENT_DAYS` days ago, which come before prompts answered within that window (oldest
   answer first). The window is 90 days: long enough that someone who answers a prompt most
   working days meets every one of the shipped prompts before one comes round again, short
   enough that questions worth returning to (Annex B is meant to be revisited) come back
   within a quarter.
2. Rotation across sets. Within a freshness tier the sets take turns by day, so the workbook,
   Annex B, Firstline and the Scottish questions each get their day, not whichever file
   happens to be longest.
3. Within a set, prompts follow a fixed shuffled order (by a hash of their id, stable across
   runs and machines), advancing one step each time the set's turn comes round.

When a prompt is answered it moves to the recent tier, so the next suggestion takes its place.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Mapping, Sequence
from datetime import date, timedelta
from typing import Protocol

from reflect.content.library import Prompt, PromptSet

#: A prompt answered within this many days counts as "answered recently".
RECENT_DAYS = 90


class Usage(Protocol):
    """What the choice needs from :class:`reflect.store.queries.PromptUsage`."""

    @property
    def last_answered(self) -> date: ...


def _stable_key(prompt_id: str) -> bytes:
    """Python's ``hash`` of a str changes per process; the order must not."""
    return hashlib.sha256(prompt_id.encode("utf-8")).digest()


def _rotated(prompts: Sequence[Prompt], day: date) -> list[Prompt]:
    """Interleave the sets' prompts, the day's set first, each set at the day's step."""
    by_set: dict[str, list[Prompt]] = {}
    for prompt in prompts:
        by_set.setdefault(prompt.set_id, []).append(prompt)
    if not by_set:
        return []
    set_ids = list(by_set)
    turn = day.toordinal()
    first_set = turn % len(set_ids)
    step = turn // len(set_ids)
    queues: list[list[Prompt]] = []
    for set_id in set_ids[first_set:] + set_ids[:first_set]:
        ordered = sorted(by_set[set_id], key=lambda p: _stable_key(p.id))
        start = step % len(ordered)
        queues.append(ordered[start:] + ordered[:start])
    result: list[Prompt] = []
    for index in range(max(len(q) for q in queues)):
        result.extend(q[index] for q in queues if index < len(q))
    return result


def suggestions(sets: Iterable[PromptSet], usage: Mapping[str, Usage], day: date,
                recent_days: int = RECENT_DAYS) -> list[Prompt]:
    """Every prompt once, best suggestion for ``day`` first (see the module's rules)."""
    cutoff = day - timedelta(days=recent_days)
    never: list[Prompt] = []
    rested: list[Prompt] = []
    recent: list[Prompt] = []
    for prompt_set in sets:
        for prompt in prompt_set.prompts:
            used = usage.get(prompt.id)
            if used is None:
                never.append(prompt)
            elif used.last_answered < cutoff:
                rested.append(prompt)
            else:
                recent.append(prompt)
    recent.sort(key=lambda p: (usage[p.id].last_answered, _stable_key(p.id)))
    return _rotated(never, day) + _rotated(rested, day) + recent


def prompt_for_day(sets: Iterable[PromptSet], usage: Mapping[str, Usage], day: date,
                   recent_days: int = RECENT_DAYS) -> Prompt | None:
    """Today's prompt, or None when no set is loaded."""
    found = suggestions(sets, usage, day, recent_days)
    return found[0] if found else None
