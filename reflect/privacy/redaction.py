"""Other supervisees' code names taken out of what one supervisee is given.

A subject access export holds one person's data and nothing about anyone else, yet a record
can name a colleague (a group supervision's observers, "Heron and I…"). Every other code name
in the journal is replaced, as a whole word and in any case, by :data:`OTHER`; the subject's
own code name is protected first, so a colleague called "Jo" never breaks "Jo B". Code names
that are ordinary words ("Wren") are taken out wherever the word appears: redacting too much
is the safe side of a disclosure.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

from reflect.store.models import Action, Entry
from reflect.supervision.record_export import ReviewedLine

OTHER = "[another supervisee]"
_HOLD = "\x00SUBJECT\x00"


def _words(names: Iterable[str]) -> re.Pattern[str] | None:
    cleaned = sorted({" ".join(n.split()) for n in names if n.strip()}, key=len, reverse=True)
    if not cleaned:
        return None
    alternatives = "|".join(r"\s+".join(re.escape(w) for w in n.split()) for n in cleaned)
    return re.compile(rf"(?<!\w)(?:{alternatives})(?!\w)", re.IGNORECASE)


def mentions(text: str, code_name: str) -> bool:
    """Whether ``text`` names ``code_name`` as a whole word (any case)."""
    found = _words([code_name])
    return bool(found and found.search(text))


class Redactor:
    """Replaces the code names of everyone but the subject."""

    def __init__(self, subject: str, others: Iterable[str]) -> None:
        own = " ".join(subject.split()).casefold()
        self._subject = _words([subject])
        self._others = _words(n for n in others if " ".join(n.split()).casefold() != own)

    def text(self, text: str) -> str:
        if self._others is None or not text:
            return text
        held: list[str] = []

        def hold(match: re.Match[str]) -> str:
            held.append(match.group(0))
            return f"{_HOLD}{len(held) - 1}\x00"

        out = self._subject.sub(hold, text) if self._subject else text
        out = self._others.sub(OTHER, out)
        return re.sub(f"{re.escape(_HOLD)}(\\d+)\x00", lambda m: held[int(m.group(1))], out)

    def value(self, value: Any) -> Any:
        """Strings anywhere in a JSON-like value (section answers, case blocks)."""
        if isinstance(value, str):
            return self.text(value)
        if isinstance(value, list):
            return [self.value(v) for v in value]
        if isinstance(value, dict):
            return {k: self.value(v) for k, v in value.items()}
        return value

    def entry(self, entry: Entry) -> Entry:
        """A detached copy of ``entry`` with other code names taken out (never saved)."""
        copy = Entry(**entry.model_dump())
        copy.title, copy.body = self.text(entry.title), self.text(entry.body)
        copy.sections = self.value(dict(entry.sections or {}))
        copy.tags = self.value(list(entry.tags or []))
        return copy

    def action(self, action: Action) -> Action:
        copy = Action(**action.model_dump())
        for name in ("description", "owner", "outcome", "reason"):
            setattr(copy, name, self.text(getattr(action, name) or ""))
        return copy

    def reviewed(self, line: ReviewedLine) -> ReviewedLine:
        return ReviewedLine(*(self.text(part) for part in line))
