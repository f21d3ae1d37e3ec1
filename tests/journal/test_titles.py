"""The one rule for the title of an entry written without one."""

import pytest

from reflect.journal.titles import TITLE_LENGTH, UNTITLED, derive_title


@pytest.mark.parametrize(("body", "title"), [
    ("**Short** reflection on a *long* week", "Short reflection on a long week"),
    ("# Morning pages\nThinking about the plan", "Morning pages"),
    ("\n\n  - agreed a plan\n- and another", "agreed a plan"),
    ("[The review](https://example.org) went well", "The review went well"),
    ("```text\nfirst words in a fence\n```", "first words in a fence"),
    ("---\nAfter a rule", "After a rule"),
    ("> A quoted line", "A quoted line"),
])
def test_the_first_line_with_words_without_its_markdown(body, title):
    assert derive_title(body) == title


def test_a_long_line_is_cut_at_a_word_with_an_ellipsis():
    title = derive_title("Thinking about " + "the caseload review and " * 10)
    assert title.endswith("…") and len(title) <= TITLE_LENGTH + 1
    assert not title[:-1].endswith(" ")
    assert ("Thinking about " + "the caseload review and " * 10).startswith(title[:-1])


def test_one_very_long_word_is_cut_where_it_must_be():
    assert derive_title("x" * 100) == "x" * TITLE_LENGTH + "…"


def test_an_empty_body_takes_the_fallback_then_untitled():
    assert derive_title("  \n", "What did you *notice* today?") == "What did you notice today?"
    assert derive_title("") == UNTITLED
