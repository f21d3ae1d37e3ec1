"""Query plans that keep search, lists and counts fast at 10,000 entries.

A plain JOIN let SQLite walk every live entry and run the full-text MATCH once per entry
(0.4 s for a rare word, tens of seconds for a common one), and the almost unselective
deleted_at index made lists and counts read every body. These tests pin the plans, on a
journal without ANALYZE statistics, as every real journal is.
"""

from __future__ import annotations

from datetime import date

import pytest

from reflect.journal.journal import EntryFilter
from reflect.store import queries


@pytest.fixture
def conn_journal(new_journal):
    for n in range(30):
        new_journal.add_entry(f"Note {n}", "supervision and planning", prompt_id="annexb-140",
                              happened_on=date(2026, 1, 1 + n % 28))
    new_journal.delete_entry(1)
    return new_journal


def _plan(journal, sql: str, params: dict) -> list[str]:
    with journal.vault.session() as session:
        conn = session.connection().connection.driver_connection
        return [row[3] for row in conn.execute("EXPLAIN QUERY PLAN " + sql, params)]


def test_search_ranks_in_the_index_first(conn_journal):
    plan = _plan(conn_journal, queries._SEARCH_SQL,
                 {"q": queries.fts_query("supervision"), "limit": 50, "offset": 50})
    assert plan[0].startswith("SCAN entry_fts VIRTUAL TABLE"), plan
    assert not any("TEMP B-TREE" in step for step in plan), plan  # FTS5 sorts by rank itself
    result = conn_journal.search("supervision")
    assert result.total == 29 and len(result.hits) == 29  # the trashed entry is not counted


def test_lists_counts_and_usage_do_not_walk_the_deleted_at_index(conn_journal):
    month = EntryFilter(date_from=date(2026, 1, 1), date_to=date(2026, 1, 31))
    with conn_journal.vault.session() as session:
        conn = session.connection().connection.driver_connection
        executed: list[str] = []
        conn.set_trace_callback(executed.append)  # the SQL as run, values filled in
        queries.list_summaries(conn, limit=5)
        queries.count(conn, month)
        queries.prompt_usage(conn)
        conn.set_trace_callback(None)
        for sql in executed:
            plan = [row[3] for row in conn.execute("EXPLAIN QUERY PLAN " + sql)]
            assert not any("ix_entry_deleted_at" in step for step in plan), (sql, plan)
    assert len(executed) == 3
    assert conn_journal.prompt_usage()["annexb-140"].times == 29
    assert conn_journal.count_entries(month) == 29
    assert conn_journal.count_entries(EntryFilter(deleted=True)) == 1


def test_snippet_prefers_the_body_to_the_title_shown_beside_it(new_journal):
    new_journal.add_entry("Supervision with Wren", "We talked about how supervision felt.")
    new_journal.add_entry("Supervision alone", "Caseload, leave and the rota.")
    new_journal.add_entry("Supervision, no body", "")
    hits = {h.title: h.snippet for h in new_journal.search("supervision").hits}
    assert hits["Supervision with Wren"] == "We talked about how \x02supervision\x03 felt."
    assert hits["Supervision alone"] == "Caseload, leave and the rota."  # the body's opening
    assert hits["Supervision, no body"] == "\x02Supervision\x03, no body"


def test_records_of_any_supervisee_are_read_through_their_index(conn_journal):
    """Home's "awaiting agreement" reads records with a supervisee; walking the kind's date
    index instead read every record to test its supervisee (0.24 s at 100,000, twice at
    unlock)."""
    seen: list[str] = []
    with conn_journal.vault.session() as session:
        conn = session.connection().connection.driver_connection
        conn.set_trace_callback(seen.append)
        queries.list_summaries(conn, EntryFilter(kind="supervision", with_person=True,
                                                 date_to=date(2026, 1, 20)), limit=10)
        conn.set_trace_callback(None)
        (sql,) = [s for s in seen if s.lstrip().upper().startswith("SELECT")]
        plan = [row[3] for row in conn.execute("EXPLAIN QUERY PLAN " + sql)]
    assert any("ix_entry_supervisee" in step for step in plan), plan
