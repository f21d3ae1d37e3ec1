"""Tags are normalised in linear time and capped per entry with a clear refusal (issue 10,
case 7): nothing the writer typed is cut off silently."""

from __future__ import annotations

import json

import pytest

from reflect.journal import interchange
from reflect.journal.journal import MAX_TAGS, TooManyTags, normalise_tags, unique_tags


def test_tags_are_unique_lower_case_in_order_even_in_bulk():
    many = [f"#Tag{i % 1000}" for i in range(200_000)]
    assert unique_tags(many) == [f"tag{i}" for i in range(1000)]
    assert normalise_tags([" #A", "a", "B ", "", "#", "b"]) == ["a", "b"]


def test_more_than_the_cap_is_refused_when_saving(new_journal):
    tags = [f"t{i}" for i in range(MAX_TAGS)]
    assert new_journal.add_entry("Fifty", tags=tags).tags == tags
    with pytest.raises(TooManyTags, match=f"too many tags \\({MAX_TAGS + 1}; at most "
                                          f"{MAX_TAGS} per entry\\)"):
        new_journal.add_entry("Fifty-one", tags=[*tags, "one more"])
    assert [s.title for s in new_journal.list_summaries()] == ["Fifty"]


def test_an_import_line_with_too_many_tags_is_skipped_not_cut():
    many = json.dumps([f"t{i}" for i in range(200_000)])
    lines = ['{"title": "Many", "tags": ' + many + "}",
             '{"title": "Fine", "tags": ["a", "A", "#a"]}']
    parsed = interchange.parse_jsonl(lines)
    assert parsed.skipped == [interchange.Skipped(1, "too many tags (200,000; at most 50 per "
                                                     "entry)")]
    assert [i.values["tags"] for i in parsed.entries] == [["a"]]
