"""Phrases, left-out words and OR in the search box (issue 18): a phrase in quotes finds
exactly the entries holding those words together, in that order."""

from __future__ import annotations

import random
import re

import pytest

from reflect.journal.search_text import locate
from reflect.store.search_syntax import fts_query, wanted_words

PHRASE = "agreed way forward"
# Decoys hold every word of the phrase, but not together or not in order.
TEXTS = [
    "In supervision the agreed way forward was a family group conference.",
    "We agreed the way forward only after a long discussion.",
    "The way forward, agreed by everyone, was to wait.",
    "The Agreed Way Forward: review in six weeks.",
    "An agreed way forwards for the placement.",
    "agreed way\nforward across a line break",
    "Nothing about it here at all.",
    "Forward planning; a way we agreed on.",
]


def _holds(text: str, words: str) -> bool:
    """The ground truth: the words next to each other (any case, any spacing), whole."""
    pattern = r"\b" + r"\W+".join(map(re.escape, words.split())) + r"\b"
    return re.search(pattern, text, re.IGNORECASE) is not None


@pytest.fixture
def filled(new_journal):
    rng = random.Random(18)
    for n in range(60):
        body = " ".join(rng.sample(TEXTS, 2))
        new_journal.add_entry(f"Entry {n}", body)
    return new_journal


def _titles(journal, query: str) -> set[str]:
    return {h.title for h in journal.search(query, limit=1000).hits}


def test_a_quoted_phrase_finds_exactly_the_entries_holding_it(filled):
    truth = {s.title for s in filled.list_summaries(limit=1000)
             if _holds(filled.get_entry(s.entry_id).body, PHRASE)}
    unquoted = _titles(filled, PHRASE)
    assert truth and unquoted > truth  # the words alone match decoys as well
    assert _titles(filled, f'"{PHRASE}"') == truth
    hit = filled.search(f'"{PHRASE}"').hits[0]
    assert "\x02agreed way forward\x03" in hit.snippet.casefold()  # one highlight


def test_the_last_word_of_an_unclosed_phrase_matches_as_you_type(filled):
    closed = _titles(filled, '"agreed way forward"')
    typing = _titles(filled, '"agreed way forw')
    assert typing >= closed
    assert typing == {s.title for s in filled.list_summaries(limit=1000)
                      if _holds(filled.get_entry(s.entry_id).body, "agreed way forward")
                      or _holds(filled.get_entry(s.entry_id).body, "agreed way forwards")}


def test_a_minus_leaves_out_entries_holding_a_word_or_a_phrase(filled):
    every = _titles(filled, "way")
    with_family = _titles(filled, "family")
    assert with_family and _titles(filled, "way -family") == every - with_family
    phrase = _titles(filled, f'"{PHRASE}"')
    assert _titles(filled, f'way -"{PHRASE}"') == every - phrase
    assert filled.search("-family").total == 0  # nothing wanted: nothing listed


def test_a_word_matches_the_start_of_longer_words_as_before(new_journal):
    new_journal.add_entry("One", "Planning the review")
    new_journal.add_entry("Two", "A plan for supervisions")
    new_journal.add_entry("Three", "planet")
    assert _titles(new_journal, "plan") == {"One", "Two", "Three"}
    assert _titles(new_journal, "plann revi") == {"One"}
    assert _titles(new_journal, "supervision") == {"Two"}
    assert _titles(new_journal, "plan -planet") == {"One", "Two"}


def test_or_takes_either_side_and_lower_case_or_is_a_word(new_journal):
    new_journal.add_entry("One", "drift in planning")
    new_journal.add_entry("Two", "delay in court")
    new_journal.add_entry("Three", "neither here or there")
    assert _titles(new_journal, "drift OR delay") == {"One", "Two"}
    assert _titles(new_journal, "drift OR delay -court") == {"One"}
    assert _titles(new_journal, "neither or") == {"Three"}
    assert _titles(new_journal, "OR drift OR") == {"One"}  # stray ORs do no harm


def test_a_phrase_inside_a_record_answer(new_journal):
    new_journal.add_entry("Record", "", kind="supervision",
                          sections={"agreement": "The agreed way forward is a review.",
                                    "challenge": "Forward thinking, agreed in the way."})
    new_journal.add_entry("Other", "", kind="supervision",
                          sections={"agreement": "Forward, the way we agreed."})
    assert _titles(new_journal, f'"{PHRASE}"') == {"Record"}
    entry = new_journal.get_entry(new_journal.search(f'"{PHRASE}"').hits[0].entry_id)
    assert locate(entry, f'"{PHRASE}" -court').field == "agreement"


def test_the_query_never_passes_fts_syntax_through():
    assert fts_query('"NEAR(a b)" title:x') == '"NEAR a b" AND "title"* AND "x"*'
    assert fts_query('say "hi" -"a b" OR x') == '(("say"* AND "hi") OR ("x"*)) NOT "a b"'
    spelled = fts_query("plan -review", lambda w: {"plan": ["planning"]}.get(w, []))
    assert spelled == '(("plan" OR "planning")) NOT "review"'
    assert fts_query("plan", lambda w: [f"plan{n}" for n in range(31)]) == '"plan"*'
    assert fts_query('""') is None and fts_query("- OR -") is None
    assert wanted_words('a -b "c d" OR e') == ["a", "c", "d", "e"]
