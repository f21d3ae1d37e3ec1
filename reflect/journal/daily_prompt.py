"""Which prompt Home offers today, and what "Another prompt" offers next.

The choice is a pure function of the loaded sets, the journal's prompt usage, the date, the
reader's level and the attribute to focus on, so it stays the same all day (opening Home twice
does not reshuffle it), changes the next day, and can be tested without a clock or a window.

Rules, in order:

1. The reader's level first. Prompts written for the reader's level (``Prompt.audience``; a
   prompt with no audience is for everyone) come before the others while any of them is
   fresh, that is not answered within :data:`RECENT_DAYS`: a team manager is offered a
   question written for directors only once every fresh first line question has been
   answered. Without a level every prompt counts as the reader's.
2. Freshness. Within the reader's prompts and within the others, prompts never answered come
   before prompts last answered more than :data:`RECENT_DAYS` days ago. Prompts answered
   within that window come last, whoever they are for (oldest answer first). The window is
   90 days: long enough that someone who answers a prompt most working days meets every one
   of the shipped prompts before one comes round again, short enough that questions worth
   returning to (Annex B is meant to be revisited) come back within a quarter.
3. Rotation across sets. Within each of those groups the sets take turns by day, so the
   workbook, Annex B, Firstline and the Scottish questions each get their day, not whichever
   file happens to be longest.
4. Within a set, prompts follow a fixed shuffled order (by a hash of their id, stable across
   runs and machines), advancing one step each time the set's turn comes round.
5. A focus day. Every :data:`FOCUS_EVERY` days (by the date's ordinal, so the same days on
   every machine), when an attribute to focus on is given (the Profile's widest blind spot,
   else the largest distance to target: :func:`reflect.profile.ratings.focus_attribute`),
   the first fresh prompt of the reader's level tied to that attribute comes first, skipping
   the ordinary choice of the day before and after, so the prompt still changes each day. If
   the attribute has no such prompt the day is an ordinary one. "Another prompt" then goes on
   in the ordinary order.

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
#: One day in this many is a focus day (rule 5).
FOCUS_EVERY = 3


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


def for_level(prompt: Prompt, level: str | None) -> bool:
    """Written for ``level``: tagged with it, or for everyone (no audience, or no level)."""
    return level is None or not prompt.audience or level in prompt.audience


def is_focus_day(day: date) -> bool:
    return day.toordinal() % FOCUS_EVERY == 0


def _ordinary(sets: Iterable[PromptSet], usage: Mapping[str, Usage], day: date,
              recent_days: int, level: str | None) -> tuple[list[Prompt], int]:
    """Rules 1 to 4; also how many leading prompts are the reader's own fresh ones."""
    cutoff = day - timedelta(days=recent_days)
    tiers: dict[tuple[bool, str], list[Prompt]] = {
        (mine, tier): [] for mine in (True, False) for tier in ("never", "rested")}
    recent: list[Prompt] = []
    for prompt_set in sets:
        for prompt in prompt_set.prompts:
            used = usage.get(prompt.id)
            if used is not None and used.last_answered >= cutoff:
                recent.append(prompt)
                continue
            tier = "never" if used is None else "rested"
            tiers[(for_level(prompt, level), tier)].append(prompt)
    recent.sort(key=lambda p: (usage[p.id].last_answered, _stable_key(p.id)))
    ordered: list[Prompt] = []
    for mine in (True, False):
        for tier in ("never", "rested"):
            ordered += _rotated(tiers[(mine, tier)], day)
    own = len(tiers[(True, "never")]) + len(tiers[(True, "rested")])
    return ordered + recent, own


def suggestions(sets: Iterable[PromptSet], usage: Mapping[str, Usage], day: date,
                recent_days: int = RECENT_DAYS, *, level: str | None = None,
                focus: str | None = None) -> list[Prompt]:
    """Every prompt once, best suggestion for ``day`` first (see the module's rules).

    ``level``: the reader's (:data:`reflect.content.library.AUDIENCES`), None for no
    preference; ``focus``: the attribute id a focus day turns to, None for none.
    """
    sets = tuple(sets)
    ordered, own = _ordinary(sets, usage, day, recent_days, level)
    if focus is None or not is_focus_day(day):
        return ordered
    neighbours = {found[0].id for other in (day - timedelta(days=1), day + timedelta(days=1))
                  if (found := _ordinary(sets, usage, other, recent_days, level)[0])}
    tied = [p for p in ordered[:own] if focus in p.attributes]
    pick = next((p for p in tied if p.id not in neighbours), tied[0] if tied else None)
    if pick is None:
        return ordered
    return [pick] + [p for p in ordered if p is not pick]


def prompt_for_day(sets: Iterable[PromptSet], usage: Mapping[str, Usage], day: date,
                   recent_days: int = RECENT_DAYS, *, level: str | None = None,
                   focus: str | None = None) -> Prompt | None:
    """Today's prompt, or None when no set is loaded."""
    found = suggestions(sets, usage, day, recent_days, level=level, focus=focus)
    return found[0] if found else None
