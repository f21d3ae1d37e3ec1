"""Many entries at once, for import and export.

Saving 10,000 entries one by one through the ORM costs a flush per entry; here the rows go in
as one multi-row INSERT (the triggers index them and count their tags), inside the caller's
transaction, so an import is all or nothing. Timestamps are written as given (a round trip
keeps ``updated_at``).
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterable, Iterator, Sequence
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import insert, text, tuple_
from sqlalchemy.exc import DBAPIError
from sqlmodel import Session, col, select

from reflect.common.errors import ReflectError, WriteFailed
from reflect.common.ids import saved_id
from reflect.store.models import Entry, Person

# Columns an import may set; ``id`` and ``deleted_at`` are the database's business.
ENTRY_COLUMNS = (
    "uid", "kind", "title", "body", "template_id", "sections", "happened_on", "created_at",
    "updated_at", "tags", "attributes", "prompt_id", "person_id", "share_with_mentor",
    "sensitive",
)

_DEFAULTS: dict[str, Any] = {
    "kind": "reflection", "title": "", "body": "", "template_id": None, "sections": {},
    "tags": [], "attributes": [], "prompt_id": None, "person_id": None,
    "share_with_mentor": False, "sensitive": False,
}

# Pages an import may keep in memory (64 MB) instead of SQLite's 2 MB: a long transaction
# that spills pages re-reads and re-encrypts them, and the index's merges touch the same ones.
_IMPORT_CACHE_KB = 65536


@contextlib.contextmanager
def import_settings(session: Session) -> Iterator[None]:
    """A larger page cache for one import's transaction, put back after it."""
    before = session.execute(text("PRAGMA cache_size")).scalar()
    session.execute(text(f"PRAGMA cache_size = -{_IMPORT_CACHE_KB}"))
    try:
        yield
    finally:
        session.execute(text(f"PRAGMA cache_size = {int(before or -2000)}"))


def existing_uids(session: Session) -> dict[str, bool]:
    """Every uid in the journal, mapped to True when that entry is in the trash."""
    # Two index reads (a few ms at 10,000 entries); one pass over the table for deleted_at
    # would read every body too. Without statistics SQLite would scan for IS NOT NULL.
    found = dict.fromkeys(session.execute(text("SELECT uid FROM entry")).scalars(), False)
    found.update(dict.fromkeys(session.execute(text(
        "SELECT uid FROM entry INDEXED BY ix_entry_deleted_at WHERE deleted_at IS NOT NULL"
    )).scalars(), True))
    return found


def person_names(session: Session) -> dict[int, str]:
    """Supervisee code names by id, so an export can name them instead of numbering them."""
    return {p.id: p.code_name for p in session.exec(select(Person)).all() if p.id is not None}


def person_ids(session: Session, code_names: Iterable[str]) -> dict[str, int]:
    """Ids for these code names; a name the journal does not know yet becomes a new person."""
    wanted = set(code_names)
    if not wanted:
        return {}
    found = {p.code_name: saved_id(p) for p in session.exec(
        select(Person).where(col(Person.code_name).in_(sorted(wanted)))).all()}
    for name in sorted(wanted - found.keys()):
        person = Person(code_name=name, created_at=datetime.now(UTC))
        session.add(person)
        session.flush()
        found[name] = saved_id(person)
    return found


def insert_entries(session: Session, rows: Sequence[dict]) -> int:
    """Insert new entries in the caller's transaction, indexed and their tags counted.

    Each row maps :data:`ENTRY_COLUMNS` to values; a missing column takes the table default.
    A database failure part-way (a full disk, a constraint) raises :class:`WriteFailed`, and
    the caller's transaction rolls back, so nothing of the batch remains.
    """
    if not rows:
        return 0
    table = Entry.metadata.tables["entry"]
    values: list[dict[str, Any]] = [
        {name: row.get(name, _DEFAULTS.get(name)) for name in ENTRY_COLUMNS} for row in rows
    ]
    try:
        trigger = _suspend_insert_trigger(session)
        ids = session.execute(
            insert(table).returning(table.c.id, sort_by_parameter_order=True), values
        ).scalars().all()
        if trigger is not None:
            _index_range(session, min(ids), max(ids))
            session.execute(text(trigger))
    except DBAPIError as exc:
        raise _write_failed(exc) from None
    return len(ids)


# The insert trigger indexes one entry per statement (1.8 s for 10,000 entries); the same
# rows indexed in one statement take 0.6 s. Inside the import's transaction the trigger is
# dropped, the batch indexed and counted at once, and the trigger put back as it was written
# (its SQL read from the schema), so a failure anywhere rolls all of it back together.
_INSERT_TRIGGER = "entry_search_insert"


def _suspend_insert_trigger(session: Session) -> str | None:
    sql = session.execute(text("SELECT sql FROM sqlite_master WHERE type = 'trigger' "
                               "AND name = :n"), {"n": _INSERT_TRIGGER}).scalar()
    if sql is not None:
        session.execute(text(f"DROP TRIGGER {_INSERT_TRIGGER}"))
    return sql


def _index_range(session: Session, first: int, last: int) -> None:
    """What the insert trigger does, for the new entries with ids ``first``..``last``."""
    span = {"first": first, "last": last}
    session.execute(text(
        "INSERT INTO entry_fts(rowid, title, body, sections, tags) "
        "SELECT id, title, body, sections, tags FROM entry_search "
        "WHERE id BETWEEN :first AND :last"), span)
    session.execute(text(
        "INSERT INTO entry_tag(tag, entries) SELECT t.value, count(DISTINCT e.id) "
        "FROM entry e, json_each(CASE WHEN json_valid(e.tags) THEN e.tags ELSE '[]' END) t "
        "WHERE e.id BETWEEN :first AND :last AND e.deleted_at IS NULL AND t.type = 'text' "
        "GROUP BY t.value ON CONFLICT(tag) DO UPDATE SET entries = entries + excluded.entries"),
        span)


def _write_failed(exc: DBAPIError) -> ReflectError:
    reason = str(exc.orig).strip() or type(exc.orig).__name__
    if "full" in reason.lower():
        return WriteFailed("The disk is full; nothing was imported. Free some space and "
                           "import again.")
    if "readonly" in reason.lower():
        return WriteFailed("The journal's folder is read-only; nothing was imported. Copy the "
                           "journal somewhere writable first.")
    return WriteFailed(f"The entries could not be written ({reason}); nothing was imported.")


def entries_oldest_first(session: Session, include_deleted: bool = False) -> list[Entry]:
    """Whole entries in the order they were written into the journal's history: by the
    date they happened, then by creation. Importing them in this order keeps list order."""
    return list(iter_entries(session, include_deleted=include_deleted))


def iter_entries(session: Session, *, newest_first: bool = False, include_deleted: bool = False,
                 batch: int = 500) -> Iterator[Entry]:
    """Every entry in history order (or newest first), read ``batch`` at a time by keyset
    on (happened_on, id), so an export of any size holds one batch in memory. Within the
    caller's transaction every batch sees the same journal."""
    after: tuple | None = None
    day, key = col(Entry.happened_on), col(Entry.id)
    while True:
        query = select(Entry)
        if not include_deleted:
            # "+" keeps SQLite off the trash's index, which would sort the whole table for
            # every batch; the date's index gives the order instead.
            query = query.where(text("+entry.deleted_at IS NULL"))
        if after is not None:
            query = query.where(tuple_(day, key) < after if newest_first
                                else tuple_(day, key) > after)
        order = (day.desc(), key.desc()) if newest_first else (day, key)
        rows = list(session.exec(query.order_by(*order).limit(batch)).all())
        for row in rows:
            session.expunge(row)  # done with: nothing keeps it once the caller has written it
        yield from rows
        if len(rows) < batch:
            return
        after = (rows[-1].happened_on, rows[-1].id)


def count_entries(session: Session) -> int:
    """Entries not in the trash: the number an export writes."""
    return int(session.execute(text("SELECT count(*) FROM entry WHERE deleted_at IS NULL"))
               .scalar() or 0)
