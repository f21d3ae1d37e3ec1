"""What a rater form needs to know about its round: the round's storage comes later, and this
small value is all the form and the reader share with it."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

# A round's uid travels in a PDF (a hidden field and the properties): keep it plain.
ROUND_UID = re.compile(r"[A-Za-z0-9][A-Za-z0-9._:-]{0,63}")


@dataclass(frozen=True)
class RoundInfo:
    round_uid: str
    name: str
    opened_on: date

    def __post_init__(self) -> None:
        if not ROUND_UID.fullmatch(self.round_uid):
            raise ValueError(f"not a round uid: {self.round_uid!r}")
