"""Passphrase rules and a strength hint, shared by the window and the command line."""

from __future__ import annotations

import math
import string

MIN_LENGTH = 10

_COMMON = {
    "password", "passw0rd", "letmein", "welcome", "qwerty", "123456", "iloveyou",
    "admin", "monkey", "dragon", "football", "sunshine", "princess", "reflect", "journal",
}


def problem(passphrase: str) -> str | None:
    """Why this passphrase cannot be used, or None."""
    if len(passphrase) < MIN_LENGTH:
        return f"Use at least {MIN_LENGTH} characters; a few unrelated words work well."
    if passphrase.strip().lower() in _COMMON or len(set(passphrase)) < 4:
        return "That passphrase is too easy to guess; try a few unrelated words."
    return None


def estimated_bits(passphrase: str) -> float:
    """A rough guessing-entropy estimate: character pool for short strings, words for phrases."""
    if not passphrase:
        return 0.0
    words = passphrase.split()
    pool = 0
    for chars in (string.ascii_lowercase, string.ascii_uppercase, string.digits):
        if any(c in chars for c in passphrase):
            pool += len(chars)
    if any(not c.isalnum() and not c.isspace() for c in passphrase):
        pool += 33
    if any(ord(c) > 127 for c in passphrase):
        pool += 100
    by_chars = len(passphrase) * math.log2(max(pool, 2)) * 0.6  # people are not random
    by_words = len(words) * 11.0 if len(words) >= 3 else 0.0  # ~2,000 common words each
    return max(by_chars, by_words)


def strength(passphrase: str) -> tuple[int, str]:
    """0–4 and a short hint for the strength meter."""
    if problem(passphrase):
        return 0, problem(passphrase) or ""
    bits = estimated_bits(passphrase)
    if bits < 40:
        return 1, "Weak: add another word or two."
    if bits < 55:
        return 2, "Fair: one more word would make it strong."
    if bits < 70:
        return 3, "Strong."
    return 4, "Very strong."
