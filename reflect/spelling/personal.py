"""The personal word list, kept in the encrypted journal.

Words added to the dictionary are often the names of children and families, so they are
stored with the journal's other small values (the ``meta`` table inside SQLCipher), never in
the plain settings file, and they go with the journal when it is locked, backed up or moved.
"""

from __future__ import annotations

import json
from collections.abc import Iterable

from reflect.journal.journal import Journal
from reflect.store import ratings as meta_store

PERSONAL_WORDS_KEY = "spelling.personal_words"
MAX_WORDS = 10_000


def personal_words(journal: Journal) -> list[str]:
    """The words, or none if the stored value is missing or unreadable."""
    with journal.vault.session() as session:
        raw = meta_store.get_meta(session, PERSONAL_WORDS_KEY)
    try:
        words = json.loads(raw) if raw else []
    except ValueError:
        return []
    return [w for w in words if isinstance(w, str)] if isinstance(words, list) else []


def save_personal_words(journal: Journal, words: Iterable[str]) -> None:
    kept = sorted({w.strip() for w in words if w.strip()}, key=str.casefold)[:MAX_WORDS]
    with journal.vault.session() as session:
        meta_store.set_meta(session, PERSONAL_WORDS_KEY, json.dumps(kept, ensure_ascii=False))
