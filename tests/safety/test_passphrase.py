"""The minimum and the meter come from zxcvbn: patterns people really use are refused."""

import pytest

from reflect.safety import passphrase as rules


@pytest.mark.parametrize("weak", ["1234567890", "P@ssw0rd2024", "qwertyuiop", "aaaaaaaaaaaa",
                                  "Reflect2024!", "journaljournal"])
def test_common_patterns_are_refused_and_rated_weak(weak):
    rating = rules.rate(weak)
    assert rating.problem and "too easy to guess" in rating.problem
    assert rating.score < rules.MIN_SCORE
    assert rating.word in ("Very weak", "Weak", "Not strong enough yet")
    assert rating.advice  # the estimator says why and what to do


def test_the_two_examples_from_the_issue():
    assert rules.problem("1234567890") is not None
    assert rules.strength("P@ssw0rd2024")[0] <= 1
    assert "commonly used password" in rules.rate("P@ssw0rd2024").warning


def test_a_few_unrelated_words_are_accepted():
    rating = rules.rate("harbour lantern copper meadow")
    assert rating.problem is None and rating.score >= rules.MIN_SCORE
    assert rules.strength("harbour lantern copper meadow") == (4, "Very strong.")


def test_short_is_refused_however_random():
    rating = rules.rate("Xq#9z!k")
    assert rating.problem and "at least 10 characters" in rating.problem
    assert rating.score <= 1


def test_beyond_the_estimators_limit_is_rated_not_refused():
    long = "slate " * 30  # 180 characters; zxcvbn alone raises above 72
    assert rules.rate("harbour lantern copper meadow " * 4).problem is None
    assert rules.rate(long).score >= 0


def test_nothing_typed_names_the_rule():
    assert rules.problem("") == rules.rate("").problem
    assert "10 characters" in (rules.problem("") or "")
