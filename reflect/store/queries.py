"""Read queries written against the plain DB-API connection.

They serve both the app (through a SQLAlchemy session's connection) and the quick read-only
path of the command line, which must not pay for importing SQLAlchemy on every
``reflect search``. One SQL text, two callers.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import date

from reflect.store.search_syntax import MAX_COMPLETIONS, fts_query

HIGHLIGHT_START = "\x02"
HIGHLIGHT_END = "\x03"


@dataclass(frozen=True)
class SearchHit:
    entry_id: int
    title: str
    happened_on: date
    kind: str
    snippet: str  # matched words wrapped in HIGHLIGHT_START / HIGHLIGHT_END


@dataclass(frozen=True)
class EntrySummary:
    """What a list row shows; the body stays in the database until the entry is opened."""

    entry_id: int
    title: str
    happened_on: date
    kind: str
    tags: tuple[str, ...] = field(default_factory=tuple)
    preview: str = ""
    sensitive: bool = False
    share_with_mentor: bool = False


@dataclass(frozen=True)
class EntryFilter:
    kind: str | None = None
    tag: str | None = None
    attribute: str | None = None
    prompt_prefix: str | None = None
    person_id: int | None = None
    with_person: bool = False  # records of a supervisee only (any supervisee)
    date_from: date | None = None
    date_to: date | None = None
    deleted: bool = False


def _as_date(value) -> date:
    return value if isinstance(value, date) else date.fromisoformat(str(value)[:10])


def _snippet(column: int) -> str:
    return f"snippet(entry_fts, {column}, '{HIGHLIGHT_START}', '{HIGHLIGHT_END}', '…', 16)"


# The title is shown beside every hit, so the snippet prefers the words around a match in the
# body, then in the record's sections; a hit on the title (or tags) alone shows the body's
# opening words; an entry with no body falls back to the best column. Each snippet is cut
# once (SQL's CASE would cut the body's up to three times) and :func:`_best` chooses.
_HITS = (
    f"SELECT e.id, e.title, e.happened_on, e.kind, {_snippet(1)}, {_snippet(2)}, "
    f"CASE WHEN e.body = '' THEN {_snippet(-1)} ELSE '' END "
    "FROM entry_fts CROSS JOIN entry e ON e.id = entry_fts.rowid "
    "WHERE entry_fts MATCH :q AND e.deleted_at IS NULL "
)


def _best(body: str, sections: str, any_column: str) -> str:
    if HIGHLIGHT_START in body:
        return body
    if HIGHLIGHT_START in sections:
        return sections
    return body or any_column
_SEARCH_SQL = (_HITS + "AND entry_fts.rank MATCH 'bm25(6.0, 1.0, 1.0, 3.0)' "
               "ORDER BY entry_fts.rank LIMIT :limit OFFSET :offset")
_NEWEST_SQL = _HITS + "ORDER BY entry_fts.rowid DESC LIMIT :limit OFFSET :offset"

#: Up to this many matches, hits are ranked by relevance. Beyond it the words are so common
#: that bm25 says little and costs ~3 µs a match (40 ms for "team" in 10,000 entries), so the
#: most recently written matches come first instead (~4 ms).
RANKED_UP_TO = 2000

#: Counting stops after this many matches (the total then reads "more than 2,000"): counting
#: every entry that holds a common word cost 12 ms at 100,000 entries, for a figure nobody
#: reads. It equals RANKED_UP_TO, so the count still decides the order.
COUNT_CAP = RANKED_UP_TO


def ranked(total: int) -> bool:
    """Whether a search with ``total`` matches lists them by relevance (else newest first)."""
    return total <= RANKED_UP_TO


def completions(conn, word: str) -> list[str]:
    """Indexed terms that start with ``word`` and are longer (see ``search_syntax``)."""
    rows = conn.execute(
        # From ``word`` + "\x01", not ``term > word``: fts5vocab would count the word's own
        # entries first (6 ms for "team" at 100,000 entries) before skipping it.
        "SELECT term FROM entry_fts_terms WHERE term >= :after AND term < :end LIMIT :n",
        {"after": word + "\x01", "end": word + "\U0010ffff", "n": MAX_COMPLETIONS + 1}
    ).fetchall()
    return [r[0] for r in rows]


def search(conn, user_text: str, limit: int = 50,
           offset: int = 0) -> tuple[list[SearchHit], int]:
    """Best matches first (title weighs most); the hits and the number of matches, counted up
    to ``COUNT_CAP + 1`` (a figure above COUNT_CAP means "more than COUNT_CAP").
    ``offset`` skips that many hits in the same order ("Show more" pages through them).

    Written for speed at 10,000 entries: CROSS JOIN keeps the full-text index as the outer
    loop (a plain JOIN let SQLite walk every live entry and run the MATCH once per entry:
    0.4 s for a rare word, tens of seconds for a common one); past RANKED_UP_TO matches the
    newest come first (see there); ``ORDER BY rank`` lets FTS5 sort
    by itself, so the snippet and the entry row are read for the top ``limit`` hits only; and
    the total is counted in the index alone, which holds exactly the entries not in the trash
    (``entries._index`` keeps it so, and ``reflect check`` verifies it)."""
    query = fts_query(user_text, lambda word: completions(conn, word))
    if query is None:
        return [], 0
    total = conn.execute(
        "SELECT count(*) FROM (SELECT 1 FROM entry_fts WHERE entry_fts MATCH :q LIMIT :cap)",
        {"q": query, "cap": COUNT_CAP + 1}).fetchone()[0]
    if total == 0:  # a phrase nobody wrote costs a whole pass of the index; not two
        return [], 0
    sql = _SEARCH_SQL if ranked(total) else _NEWEST_SQL
    rows = conn.execute(sql, {"q": query, "limit": limit, "offset": max(0, offset)}).fetchall()
    return [SearchHit(r[0], r[1], _as_date(r[2]), r[3], _best(r[4] or '', r[5] or '', r[6] or ''))
            for r in rows], int(total)


def _where(f: EntryFilter) -> tuple[str, dict]:
    # Live rows walk ix_entry_live_order / ix_entry_live_kind (migration 0008), which hold
    # them in list order: ix_entry_deleted_at alone, which every live row shares, made a list
    # read and sort every entry (60-80 ms at 10,000, 0.9 s a page a third down 100,000).
    clauses = ["e.deleted_at IS NOT NULL" if f.deleted else "e.deleted_at IS NULL"]
    params: dict = {}
    if f.kind:
        clauses.append("e.kind = :kind")
        params["kind"] = f.kind
    if f.person_id is not None:
        clauses.append("e.person_id = :person_id")
        params["person_id"] = f.person_id
    if f.with_person:
        clauses.append("e.person_id IS NOT NULL")
    if f.date_from:
        clauses.append("e.happened_on >= :date_from")
        params["date_from"] = f.date_from.isoformat()
    if f.date_to:
        clauses.append("e.happened_on <= :date_to")
        params["date_to"] = f.date_to.isoformat()
    if f.prompt_prefix:
        clauses.append("substr(e.prompt_id, 1, length(:prefix)) = :prefix")
        params["prefix"] = f.prompt_prefix
    if f.tag:
        clauses.append("EXISTS (SELECT 1 FROM json_each(e.tags) WHERE value = :tag)")
        params["tag"] = f.tag
    if f.attribute:
        clauses.append("EXISTS (SELECT 1 FROM json_each(e.attributes) WHERE value = :attr)")
        params["attr"] = f.attribute
    return " AND ".join(clauses), params


def _index_for(f: EntryFilter) -> str:
    """Records of any supervisee, of one kind, read through ix_entry_supervisee: left to
    itself SQLite (which keeps no statistics here) walks ix_entry_live_kind in date order and
    reads every record to test its supervisee (0.24 s at 100,000 entries, twice at unlock)."""
    if f.with_person and f.kind and not f.deleted and f.person_id is None:
        return " INDEXED BY ix_entry_supervisee"
    return ""


#: Where a page starts: the (happened_on, id) of the row just above it, in list order.
Keyset = tuple[date, int]


def list_summaries(conn, f: EntryFilter | None = None, limit: int = 100,
                   offset: int = 0, after: Keyset | None = None) -> list[EntrySummary]:
    """Newest first, by the date it happened and then by creation (the id).

    ``after`` (the last row's :func:`keyset`) gives the page that follows it; it costs the same
    at any depth, where ``offset`` steps over every row above (cheap in the live-order index,
    so a jump to any row of the list stays quick, but a keyset is cheaper still)."""
    f = f or EntryFilter()
    where, params = _where(f)
    if after is not None:
        where += " AND (e.happened_on, e.id) < (:after_day, :after_id)"
        params.update(after_day=after[0].isoformat(), after_id=int(after[1]))
        offset = 0
    rows = conn.execute(
        # Records keep their words in template sections, not the body: preview those.
        "SELECT e.id, e.title, e.happened_on, e.kind, e.tags, "
        "CASE WHEN e.body != '' THEN substr(e.body, 1, 200) ELSE "
        "(SELECT substr(f.sections, 1, 200) FROM entry_fts f WHERE f.rowid = e.id) END, "
        f"e.sensitive, e.share_with_mentor FROM entry e{_index_for(f)} WHERE {where} "
        "ORDER BY e.happened_on DESC, e.id DESC LIMIT :limit OFFSET :offset",
        {**params, "limit": limit, "offset": max(0, offset)},
    ).fetchall()
    return [
        EntrySummary(r[0], r[1], _as_date(r[2]), r[3], tuple(json.loads(r[4] or "[]")),
                     " ".join((r[5] or "").split()), bool(r[6]), bool(r[7]))
        for r in rows
    ]


def keyset(summary: EntrySummary) -> Keyset:
    """What ``list_summaries(after=...)`` takes to continue below ``summary``."""
    return summary.happened_on, summary.entry_id


def count(conn, f: EntryFilter | None = None) -> int:
    f = f or EntryFilter()
    where, params = _where(f)
    return int(conn.execute(f"SELECT count(*) FROM entry e WHERE {where}",
                            params).fetchone()[0])


def position(conn, f: EntryFilter | None, entry_id: int) -> int | None:
    """The row ``entry_id`` has in ``list_summaries(f)`` (0 for the newest), or None when it
    is not in that list: how the window shows an entry it has not loaded yet."""
    f = f or EntryFilter()
    where, params = _where(f)
    params["pos_id"] = int(entry_id)
    found = conn.execute(f"SELECT e.happened_on FROM entry e WHERE {where} "
                         "AND e.id = :pos_id", params).fetchone()
    if found is None:
        return None
    params["pos_day"] = found[0]
    return int(conn.execute(
        f"SELECT count(*) FROM entry e WHERE {where} "
        "AND (e.happened_on, e.id) > (:pos_day, :pos_id)", params).fetchone()[0])


def schema_revision(conn) -> str | None:
    row = conn.execute(
        "SELECT 1 FROM sqlite_master WHERE type='table' AND name='alembic_version'"
    ).fetchone()
    if not row:
        return None
    row = conn.execute("SELECT version_num FROM alembic_version").fetchone()
    return row[0] if row else None


@dataclass(frozen=True)
class PromptUsage:
    prompt_id: str
    times: int
    last_answered: date


def prompt_usage(conn) -> dict[str, PromptUsage]:
    """How often and when each prompt was last answered (entries in the trash not counted)."""
    rows = conn.execute(
        "SELECT prompt_id, count(*), max(happened_on) FROM entry "
        "WHERE prompt_id IS NOT NULL AND +deleted_at IS NULL GROUP BY prompt_id"
    ).fetchall()
    return {r[0]: PromptUsage(r[0], int(r[1]), _as_date(r[2])) for r in rows}
