"""Passphrase rules and the strength meter, shared by the window and the command line.

The estimate is zxcvbn's (Dropbox's estimator: dictionaries of common passwords, names and
words, keyboard patterns, dates, repeats and l33t substitutions), not a count of character
classes, which rated ``P@ssw0rd2024`` "Fair" and let ``1234567890`` through. The minimum is
a length and a zxcvbn score: both must hold.
"""

from __future__ import annotations

from dataclasses import dataclass, field

MIN_LENGTH = 10
MIN_SCORE = 3  # zxcvbn: 3 = "safely unguessable", about 10^8 guesses or more
_RATED_CHARS = 72  # zxcvbn refuses longer input; the rest only adds strength
_APP_WORDS = ["reflect", "journal", "supervision", "passphrase"]

WORDS = ("Very weak", "Weak", "Not strong enough yet", "Strong", "Very strong")


@dataclass(frozen=True)
class Rating:
    """What the meter shows: a score 0–4, whether the passphrase may be used, and advice."""

    score: int
    problem: str | None
    warning: str = ""
    suggestions: tuple[str, ...] = field(default=())

    @property
    def word(self) -> str:
        return WORDS[self.score]

    @property
    def advice(self) -> str:
        """zxcvbn's warning and suggestions as one paragraph, for under the field."""
        return " ".join(part for part in (self.warning, *self.suggestions) if part)


def rate(passphrase: str) -> Rating:
    """zxcvbn's score and feedback, capped below the minimum for a short passphrase."""
    from zxcvbn import zxcvbn

    if not passphrase:
        return Rating(0, _too_short())
    result = zxcvbn(passphrase[:_RATED_CHARS], user_inputs=_APP_WORDS)
    score = int(result["score"])
    feedback = result.get("feedback") or {}
    warning = str(feedback.get("warning") or "")
    suggestions = tuple(str(s) for s in feedback.get("suggestions") or ())
    if len(passphrase) < MIN_LENGTH:
        return Rating(min(score, MIN_SCORE - 2), _too_short(), warning, suggestions)
    if score < MIN_SCORE:
        return Rating(score, "That passphrase is too easy to guess; a few unrelated words "
                      "work well.", warning, suggestions)
    return Rating(score, None, warning, suggestions)


def _too_short() -> str:
    return f"Use at least {MIN_LENGTH} characters; a few unrelated words work well."


def problem(passphrase: str) -> str | None:
    """Why this passphrase cannot be used, or None."""
    return rate(passphrase).problem


def strength(passphrase: str) -> tuple[int, str]:
    """0–4 and a one-line hint: the rule when unusable, else the verdict."""
    rating = rate(passphrase)
    if rating.problem:
        return rating.score, rating.problem
    return rating.score, f"{rating.word}."
