"""`reflect check` at scale (issue 18): the check says which part runs, in order, and how far
the whole is, up to 100%; a progress hook that raises stops it."""

from __future__ import annotations

import pytest

from reflect.safety import maintenance
from reflect.store.check import BACKUPS, PAGES, PARTS, SEARCH_INDEX, STRUCTURE


def test_progress_names_each_part_in_order_and_reaches_100(new_journal):
    for n in range(30):
        new_journal.add_entry(f"entry {n}", "words " * 300)
    new_journal.vault.backup("manual")
    seen: list[tuple[str, int]] = []
    assert maintenance.check(new_journal, lambda part, pct: seen.append((part, pct))) == []
    parts = [part for part, _pct in seen]
    assert list(dict.fromkeys(parts)) == [PAGES, STRUCTURE, SEARCH_INDEX, BACKUPS] == list(PARTS)
    percents = [pct for _part, pct in seen]
    assert percents == sorted(percents) and percents[0] == 0 and percents[-1] == 100
    assert all(part.startswith("Checking ") and part.endswith("…") for part in parts)


class Stop(Exception):
    pass


def test_a_hook_that_raises_stops_the_check(new_journal):
    for n in range(30):
        new_journal.add_entry(f"entry {n}", "words " * 300)
    calls: list[str] = []

    def stop_in_structure(part: str, pct: int) -> None:
        calls.append(part)
        if part == STRUCTURE and pct > 11:
            raise Stop

    with pytest.raises(Stop):
        maintenance.check(new_journal, stop_in_structure)
    assert SEARCH_INDEX not in calls
    assert maintenance.check(new_journal) == []  # nothing was left half-done


def test_a_damaged_newest_backup_is_named(new_journal, journal_dir):
    from tests.store.test_damage import damage_a_middle_page

    for n in range(60):
        new_journal.add_entry(f"entry {n}", "text " * 400)
    made = new_journal.vault.backup("manual")
    damage_a_middle_page(made / "journal.db")
    problems = maintenance.check(new_journal)
    assert len(problems) == 1 and str(made) in problems[0] and "page check" in problems[0]
