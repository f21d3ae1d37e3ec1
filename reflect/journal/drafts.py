"""The rules every editor follows for its encrypted draft, in one place.

A draft is written when the form differs from what was last kept, dropped when the person
types and then puts the text back, and never written for an untouched form. Failing to drop
a draft is harmless (it only reopens the same text), so that is logged, not shown.
"""

from __future__ import annotations

import logging
from enum import Enum

from reflect.journal.journal import Journal

log = logging.getLogger(__name__)


class DraftStep(Enum):
    NOTHING = "nothing"  # unchanged since the last draft, or never touched
    DISCARD = "discard"  # typed, then put back as it was saved
    SAVE = "save"


def next_step(state: dict, baseline: dict | None, flushed: dict | None) -> DraftStep:
    """What to do with the draft of a form now in ``state``; ``baseline`` is the saved
    version and ``flushed`` what the draft holds (None: no draft)."""
    if state == flushed or (state == baseline and flushed is None):
        return DraftStep.NOTHING
    if state == baseline:
        return DraftStep.DISCARD
    return DraftStep.SAVE


def discard_quietly(journal: Journal, key: str) -> None:
    try:
        journal.discard_draft(key)
    except Exception as exc:  # a leftover draft only reopens the same text
        log.warning("a draft could not be discarded: %s", type(exc).__name__)
