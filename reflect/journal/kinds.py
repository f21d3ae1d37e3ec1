"""What an entry is, and what each kind is called on screen and in exports: one place.

The database column stays plain text; :class:`EntryKind` is a ``StrEnum``, so its members
compare equal to the stored strings and need no conversion on the way in or out. The store
and the template loader sit below this layer and keep their own tuples of the same values
(tests check they agree).
"""

from __future__ import annotations

from enum import StrEnum


class EntryKind(StrEnum):
    REFLECTION = "reflection"
    SUPERVISION = "supervision"
    COACHING = "coaching"

    @property
    def label(self) -> str:
        """The name people see: lists, search results, the mentor pack."""
        return _LABELS[self]


_LABELS = {
    EntryKind.REFLECTION: "Reflection",
    EntryKind.SUPERVISION: "Supervision record",
    EntryKind.COACHING: "Coaching preparation",
}


def kind_label(kind: str) -> str:
    """The label of a stored kind; one this version does not know still reads sensibly."""
    try:
        return EntryKind(kind).label
    except ValueError:
        return kind.replace("_", " ").capitalize()
