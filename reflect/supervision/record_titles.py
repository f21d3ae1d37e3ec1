"""How a supervision record is named in lists, so two one-to-ones with the same supervisee
never look the same: the supervision list, Home's recent entries, search results and the
mentor-pack picker all ask here.

A record made from a template is called "One-to-one supervision — Sam" until its writer
renames it, so every session with Sam had that one title. The number of the session (its
place among Sam's records from that template, by date) tells them apart even when two fall
on the same day; the lists already show the date beside it.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from reflect.journal.journal import Journal
from reflect.store import people as people_store

UNTITLED = "Untitled"


def numbered_title(title: str, number: int | None) -> str:
    """"One-to-one supervision — Sam · session 2"; other entries keep their title."""
    base = " ".join((title or "").split()) or UNTITLED
    return f"{base} · session {number}" if number else base


def record_numbers(journal: Journal, entry_ids: Iterable[int]) -> dict[int, int]:
    """The session number of each supervision record among ``entry_ids``, by entry id."""
    with journal.vault.session() as session:
        return people_store.record_numbers(session, entry_ids)


def distinct_titles(journal: Journal, rows: Iterable[tuple[int, str]]) -> dict[int, str]:
    """The title to show for each ``(entry_id, title)``: supervision records numbered."""
    rows = list(rows)
    numbers = record_numbers(journal, (entry_id for entry_id, _ in rows))
    return {entry_id: numbered_title(title, numbers.get(entry_id)) for entry_id, title in rows}


def shown_title(titles: Mapping[int, str], entry_id: int, title: str) -> str:
    """The distinct title when one was worked out, else the stored one (or "Untitled")."""
    return titles.get(entry_id) or numbered_title(title, None)
