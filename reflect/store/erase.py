"""Deleting one supervisee for good: the SQL behind ``reflect.privacy.deletion``.

A supervisee's notes live in these places: their ``person`` row; every record with their
``person_id`` (in the trash or not), which holds inside its sections the session, the
agreement and the supervisee's comments, the cases discussed, disagreements and their
resolutions; those records' rows in the full-text index (``entry_fts`` and its shadow
tables); the actions agreed in those records or naming them; the drafts of those records
and of new records started for them. :func:`footprint` finds them all, :func:`erase` removes
them inside the caller's transaction, and :func:`scrub` then makes sure no copy of the
removed text stays in the file: SQLite's ``secure_delete`` (freed space is overwritten with
zeros), the index merged into new segments (``optimize``) so the old ones are freed too, and
the write-ahead log checkpointed and truncated.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from datetime import date

from sqlalchemy import Engine, text
from sqlmodel import Session

from reflect.store.actions import FOLLOW_UPS_KEY
from reflect.store.entries import sections_text
from reflect.store.queries import _as_date
from reflect.store.record_follow_ups import SET_ASIDE_KEY

#: The editor kinds whose drafts are keyed ``<kind>:entry:<id>`` (``reflect.journal.drafts``).
DRAFT_KINDS = ("supervision", "journal")


@dataclass(frozen=True)
class Mention:
    """A record about someone else (or the leader's own) whose text names the supervisee."""

    entry_id: int
    happened_on: date
    title: str


@dataclass(frozen=True)
class Footprint:
    """Everything stored about one supervisee."""

    person_id: int
    entry_ids: tuple[int, ...]
    action_ids: tuple[int, ...]
    draft_keys: tuple[str, ...]
    mentions: tuple[Mention, ...]


def secure_delete_on(session: Session) -> None:
    """Freed space in this connection is overwritten with zeros, not left for reuse."""
    session.execute(text("PRAGMA secure_delete = ON"))


def footprint(session: Session, person_id: int, code_name: str) -> Footprint:
    """What :func:`erase` would remove, and the other records that name ``code_name``."""
    entry_ids = tuple(int(r[0]) for r in session.execute(text(
        "SELECT id FROM entry WHERE person_id = :p ORDER BY id"), {"p": person_id}))
    marks = _marks(entry_ids)
    action_ids = tuple(int(r[0]) for r in session.execute(text(
        f"SELECT id FROM action WHERE person_id = :p OR entry_id IN ({marks}) ORDER BY id"),
        {"p": person_id, **_values(entry_ids)}))
    keys = {f"{kind}:entry:{i}" for kind in DRAFT_KINDS for i in entry_ids}
    draft_keys = tuple(str(r[0]) for r in session.execute(text(
        "SELECT key FROM draft WHERE json_valid(payload) AND "
        "json_extract(payload, '$.person_id') = :p ORDER BY key"), {"p": person_id}))
    found = {str(r[0]) for r in session.execute(text("SELECT key FROM draft"))} & keys
    return Footprint(person_id, entry_ids, action_ids, tuple(sorted(set(draft_keys) | found)),
                     _mentions(session, entry_ids, code_name))


def _mentions(session: Session, own: tuple[int, ...], code_name: str) -> tuple[Mention, ...]:
    """Other records whose title, text or answers name the supervisee as a whole word (so
    "Wren" is not found in "Wrenfield"), the trash included."""
    name = " ".join(code_name.split()).lower()
    if not name:
        return ()
    word = re.compile(r"(?<!\w)" + r"\s+".join(map(re.escape, name.split())) + r"(?!\w)",
                      re.IGNORECASE)
    rows = session.execute(text(
        f"SELECT id, happened_on, title, body, sections FROM entry WHERE id NOT IN "
        f"({_marks(own)}) AND instr(lower(title || ' ' || body || ' ' || sections), :n) > 0 "
        "ORDER BY happened_on, id"), {"n": name.split()[0], **_values(own)})
    found = []
    for entry_id, day, title, body, sections in rows:
        try:
            answers = sections_text(json.loads(sections)) if sections else ""
        except ValueError:
            answers = str(sections)
        if word.search("\n".join((str(title), str(body), answers))):
            found.append(Mention(int(entry_id), _as_date(day), str(title)))
    return tuple(found)


def erase(session: Session, found: Footprint) -> None:
    """Remove everything in ``found`` for good (inside the caller's transaction, which
    should have called :func:`secure_delete_on` first)."""
    entries, actions = _values(found.entry_ids), _values(found.action_ids, "a")
    entry_marks, action_marks = _marks(found.entry_ids), _marks(found.action_ids, "a")
    _unlink_elsewhere(session, found)
    session.execute(text(f"UPDATE action SET carried_from_id = NULL WHERE carried_from_id IN "
                         f"({action_marks}) AND id NOT IN ({action_marks})"), actions)
    session.execute(text(f"DELETE FROM plan_evidence WHERE entry_id IN ({entry_marks}) "
                         f"OR action_id IN ({action_marks})"), {**entries, **actions})
    # Carried chains point inside the set: unhook them before the rows go.
    session.execute(text(f"UPDATE action SET carried_from_id = NULL WHERE id IN "
                         f"({action_marks})"), actions)
    session.execute(text(f"DELETE FROM action WHERE id IN ({action_marks})"), actions)
    session.execute(text(f"DELETE FROM entry WHERE id IN ({entry_marks})"), entries)
    session.execute(text(f"DELETE FROM draft WHERE key IN ({_marks(found.draft_keys, 'd')})"),
                    _values(found.draft_keys, "d"))
    session.execute(text("DELETE FROM person WHERE id = :p"), {"p": found.person_id})


def _unlink_elsewhere(session: Session, found: Footprint) -> None:
    """Records that stay may link to the removed actions (a follow-up, a decision set aside
    in the trash): those links go, so nothing points at a row that no longer exists."""
    gone = set(found.action_ids)
    if not gone:
        return
    rows = session.execute(text(
        f"SELECT id, sections FROM entry WHERE id NOT IN ({_marks(found.entry_ids)}) AND "
        f"json_valid(sections) AND (json_extract(sections, '$.{FOLLOW_UPS_KEY}') IS NOT NULL "
        f"OR json_extract(sections, '$.{SET_ASIDE_KEY}') IS NOT NULL)"),
        _values(found.entry_ids))
    for entry_id, raw in rows.all():
        sections = json.loads(raw)
        changed = False
        for key, field in ((FOLLOW_UPS_KEY, "followed_up"), (SET_ASIDE_KEY, "action")):
            links = sections.get(key)
            if isinstance(links, list):
                kept = [link for link in links
                        if not (isinstance(link, dict) and link.get(field) in gone)]
                if len(kept) != len(links):
                    changed = True
                    if kept:
                        sections[key] = kept
                    else:
                        del sections[key]
        if changed:
            session.execute(text("UPDATE entry SET sections = :s WHERE id = :id"),
                            {"s": json.dumps(sections, ensure_ascii=False), "id": entry_id})


def scrub(engine: Engine) -> tuple[int, int, int]:
    """After the deletion is committed: merge the search index so the freed segments go,
    with ``secure_delete`` on, then checkpoint the write-ahead log into the file and
    truncate it. Returns the checkpoint's (busy, log pages, pages checkpointed)."""
    conn = engine.raw_connection()  # its own statements, outside SQLAlchemy's transactions
    try:
        cursor = conn.cursor()
        cursor.execute("PRAGMA secure_delete = ON")
        cursor.execute("BEGIN")
        cursor.execute("INSERT INTO entry_fts(entry_fts) VALUES ('optimize')")
        cursor.execute("COMMIT")
        row = cursor.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()
        cursor.close()
    finally:
        conn.close()
    return (int(row[0]), int(row[1]), int(row[2])) if row is not None else (0, 0, 0)


def _marks(values: tuple, prefix: str = "e") -> str:
    """Bound placeholders for ``IN (...)``; ``-1`` for none (no row has that id, so ``IN``
    matches nothing and ``NOT IN`` everything, where ``NULL`` would match nothing either way)."""
    return ", ".join(f":{prefix}{n}" for n in range(len(values))) or "-1"


def _values(values: tuple, prefix: str = "e") -> dict:
    return {f"{prefix}{n}": value for n, value in enumerate(values)}
