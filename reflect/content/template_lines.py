"""Where a key sits in a template file, so a mistake is reported on its own line.

A key such as ``id`` occurs once per section and once per field of a group, so a plain text
search would point at the wrong one: these find a key within the top level, one section
(its own keys, before any ``[[sections.fields]]``), or one field of a group.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence

_SECTION_HEADER = re.compile(r"^[ \t]*\[\[[ \t]*sections[ \t]*\]\]", re.M)
_ANY_HEADER = re.compile(r"^[ \t]*\[", re.M)
_FIELD_HEADER = re.compile(r"^[ \t]*\[\[[ \t]*sections[ \t]*\.[ \t]*fields[ \t]*\]\]")
_SUB_HEADER = re.compile(r"^[ \t]*\[\[?[ \t]*sections[ \t]*\.")


class Locator:
    """Finds the line of a key in the raw text, scoped to the top level or one section.

    A key such as ``id`` occurs once per section, so a plain text search would point at the
    wrong one; scoping to the n-th ``[[sections]]`` header points at the one that is wrong.
    """

    def __init__(self, text: str) -> None:
        self.lines = text.split("\n")  # as TOML counts lines: by line feeds only
        self.headers = [text.count("\n", 0, m.start()) + 1 for m in _SECTION_HEADER.finditer(text)]
        first_table = _ANY_HEADER.search(text)
        self.top_end = (
            text.count("\n", 0, first_table.start()) + 1 if first_table else len(self.lines) + 1
        )

    def _find(self, key: str, start: int, end: int) -> int:
        pattern = re.compile(rf"^\s*(?:{re.escape(key)}|\"{re.escape(key)}\"|'{re.escape(key)}')"
                             r"\s*[=.]")
        for number in range(max(start, 1), min(end, len(self.lines) + 1)):
            if pattern.match(self.lines[number - 1]):
                return number
        return 0

    def top(self, key: str) -> int:
        """A top-level key sits before the first table header, or is itself a header."""
        found = self._find(key, 1, self.top_end)
        if found:
            return found
        header = re.compile(rf"^\s*\[\[?\s*{re.escape(key)}\s*\]")
        return next((n for n, line in enumerate(self.lines, 1) if header.match(line)), 0)

    def section_header(self, index: int) -> int:
        return self.headers[index] if index < len(self.headers) else 0

    def in_section(self, index: int, key: str) -> int:
        start = self.section_header(index)
        if not start:
            return 0
        end = self.headers[index + 1] if index + 1 < len(self.headers) else len(self.lines) + 1
        end = own_keys_end(self.lines, start + 1, end)
        return self._find(key, start + 1, end) or start


class FieldLines:
    """Line numbers inside one group section: its ``[[sections.fields]]`` headers, and a
    key's line within one field (or the field's header when the key is not written)."""

    def __init__(self, lines: Sequence[str], start: int, end: int,
                 find: Callable[[str, int, int], int]) -> None:
        self.headers = [n for n in range(max(start, 1), min(end, len(lines) + 1))
                        if _FIELD_HEADER.match(lines[n - 1])]
        self.start, self.end, self._find = start, end, find

    def header(self, index: int) -> int:
        return self.headers[index] if index < len(self.headers) else self.start

    def key(self, index: int, key: str) -> int:
        if index >= len(self.headers):
            return self.start
        end = self.headers[index + 1] if index + 1 < len(self.headers) else self.end
        return self._find(key, self.headers[index] + 1, end) or self.headers[index]


def own_keys_end(lines: Sequence[str], start: int, end: int) -> int:
    """Where a section's own keys stop: at its first sub-table header (a field's ``id``
    must never be taken for the section's)."""
    for number in range(max(start, 1), min(end, len(lines) + 1)):
        if _SUB_HEADER.match(lines[number - 1]):
            return number
    return end

