"""Entries and the full-text index kept in step with them."""

from datetime import date

from reflect.store.queries import EntryFilter, fts_query


def test_index_follows_every_change(new_journal):
    entry = new_journal.add_entry("Supervision with Kestrel", "We talked about the plan.")
    assert new_journal.search("kestrel").total == 1
    entry.title = "Supervision with Osprey"
    new_journal.save_entry(entry)
    assert new_journal.search("kestrel").total == 0
    assert new_journal.search("osprey").total == 1
    new_journal.delete_entry(entry.id)
    assert new_journal.search("osprey").total == 0
    assert new_journal.count_entries() == 0
    assert new_journal.count_entries(EntryFilter(deleted=True)) == 1
    new_journal.restore_entry(entry.id)
    assert new_journal.search("osprey").total == 1


def test_search_covers_titles_bodies_sections_and_tags(new_journal):
    new_journal.add_entry("Alpha", "plain body")
    new_journal.add_entry("Beta", "", kind="supervision",
                          sections={"challenge": "I disagreed with the threshold decision",
                                    "actions": [{"description": "Book a strategy meeting",
                                                 "outcome": ""}]})
    new_journal.add_entry("Gamma", "", tags=["Resilience", "#team"])
    assert [h.title for h in new_journal.search("threshold").hits] == ["Beta"]
    assert [h.title for h in new_journal.search("strategy meet").hits] == ["Beta"]
    assert [h.title for h in new_journal.search("resilience").hits] == ["Gamma"]
    assert new_journal.get_entry(new_journal.search("gamma").hits[0].entry_id).tags == [
        "resilience", "team"]


def test_search_as_you_type_and_hostile_syntax(new_journal):
    new_journal.add_entry("Reflective practice", "Curiosity about families")
    assert new_journal.search("refl").total == 1
    assert new_journal.search("curios fam").total == 1
    for hostile in ['"', "NEAR(", "title:x", "*", "AND OR NOT", "(((", "-x", "'; DROP"]:
        result = new_journal.search(hostile)  # never an FTS syntax error
        assert result.total >= 0
    assert fts_query("   ") is None
    assert fts_query('say "hi"') == '"say"* AND "hi"'


def test_diacritics_do_not_matter(new_journal):
    new_journal.add_entry("Café conversation", "naïve assumptions")
    assert new_journal.search("cafe").total == 1
    assert new_journal.search("naive").total == 1


def test_list_is_newest_first_and_filters(new_journal):
    new_journal.add_entry("old", happened_on=date(2025, 1, 5), tags=["a"])
    new_journal.add_entry("new", happened_on=date(2026, 3, 1), tags=["b"],
                          attributes=["values_driven"])
    new_journal.add_entry("middle", happened_on=date(2025, 6, 1), tags=["a", "b"],
                          prompt_id="annexb-134")
    titles = [e.title for e in new_journal.list_entries()]
    assert titles == ["new", "middle", "old"]
    assert [e.title for e in new_journal.list_entries(EntryFilter(tag="a"))] == ["middle", "old"]
    assert [e.title for e in new_journal.list_entries(
        EntryFilter(attribute="values_driven"))] == ["new"]
    assert [e.title for e in new_journal.list_entries(
        EntryFilter(prompt_prefix="annexb-"))] == ["middle"]
    assert [e.title for e in new_journal.list_entries(EntryFilter(
        date_from=date(2025, 2, 1), date_to=date(2025, 12, 31)))] == ["middle"]
    assert new_journal.tags() == ["a", "b"]


def test_drafts_survive_close_and_reopen(new_journal, journal_dir):
    from reflect.journal.journal import Journal
    from tests.conftest import PASSPHRASE

    new_journal.save_draft("new:1", {"title": "half", "body": "written"})
    new_journal.close()
    with Journal.unlock(journal_dir, passphrase=PASSPHRASE) as journal:
        assert journal.drafts() == {"new:1": {"title": "half", "body": "written"}}
        journal.discard_draft("new:1")
        assert journal.drafts() == {}


def test_prompt_usage_counts_answers_and_the_latest_date(new_journal):
    new_journal.add_entry("a", prompt_id="annexb-134", happened_on=date(2026, 1, 1))
    new_journal.add_entry("b", prompt_id="annexb-134", happened_on=date(2026, 2, 1))
    gone = new_journal.add_entry("c", prompt_id="annexb-135")
    new_journal.delete_entry(gone.id)
    usage = new_journal.prompt_usage()
    assert set(usage) == {"annexb-134"}
    assert usage["annexb-134"].times == 2
    assert usage["annexb-134"].last_answered == date(2026, 2, 1)
    summaries = new_journal.list_summaries()
    assert [s.title for s in summaries] == ["b", "a"]


def test_a_record_without_body_previews_its_sections(new_journal):
    new_journal.add_entry("Record", "", kind="supervision",
                          sections={"experiencing": "Talked through the visit."})
    assert new_journal.list_summaries()[0].preview.startswith("Talked through the visit.")


def test_very_common_words_list_the_newest_matches_first(new_journal, monkeypatch):
    from reflect.store import queries

    for n in range(6):
        new_journal.add_entry(f"note {n}", "the team met" + " again" * n)
    assert new_journal.search("team").ranked
    monkeypatch.setattr(queries, "RANKED_UP_TO", 3)
    result = new_journal.search("team")
    assert result.total == 6 and not result.ranked
    assert [h.title for h in result.hits] == [f"note {n}" for n in range(5, -1, -1)]


def _many(journal, count: int, days: int) -> None:
    """``count`` entries on ``days`` dates only, so most share their date with others."""
    from datetime import UTC, datetime, timedelta

    from reflect.store import bulk

    now = datetime.now(UTC)
    rows = [{"uid": f"u{n:05d}", "title": f"Entry {n}", "body": "notes",
             "kind": "supervision" if n % 4 == 0 else "reflection",
             "happened_on": date(2026, 1, 1) + timedelta(days=n % days), "created_at": now,
             "updated_at": now, "tags": ["weekly"] if n % 3 else []} for n in range(count)]
    with journal.vault.session() as session:
        bulk.insert_entries(session, rows)


def test_keyset_pages_give_the_rows_offset_pages_give_ties_included(new_journal):
    _many(new_journal, 530, days=7)  # about 75 entries a day: every page boundary is a tie
    new_journal.delete_entry(new_journal.list_summaries(limit=1, offset=40)[0].entry_id)
    for f in (None, EntryFilter(kind="supervision"), EntryFilter(tag="weekly"),
              EntryFilter(date_from=date(2026, 1, 3), date_to=date(2026, 1, 5))):
        by_offset, offset = [], 0
        while page := new_journal.list_summaries(f, 60, offset):
            by_offset += page
            offset += 60
        by_keyset, page = [], new_journal.list_summaries(f, 60)
        while page:
            by_keyset += page
            page = new_journal.list_summaries(f, 60, after=page[-1])
        assert [s.entry_id for s in by_keyset] == [s.entry_id for s in by_offset]
        assert len(by_keyset) == new_journal.count_entries(f)
        keys = [(s.happened_on, s.entry_id) for s in by_keyset]
        assert keys == sorted(keys, reverse=True)
        for row in (0, 59, 60, len(by_keyset) - 1):  # where the window finds an entry
            assert new_journal.entry_position(by_keyset[row].entry_id, f) == row


def test_an_entry_outside_the_list_has_no_position(new_journal):
    _many(new_journal, 20, days=3)
    gone = new_journal.list_summaries(limit=1)[0].entry_id
    new_journal.delete_entry(gone)
    assert new_journal.entry_position(gone) is None
    assert new_journal.entry_position(gone, EntryFilter(deleted=True)) == 0
    assert new_journal.entry_position(10_000) is None
