"""Typed reads from a content TOML file, failing with the file and the line of the bad value.

Tables in an array (``[[records]]``) carry no line numbers once parsed, so the raw text's
``[[...]]`` headers are kept to find the n-th table and a key inside it.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from pathlib import Path
from typing import Any, NoReturn

from reflect.content.toml_source import ContentError, read_toml

MAX_DAYS_AGO = 365
_ARRAY = re.compile(r"^\s*\[\[\s*([A-Za-z_.]+)\s*\]\]")


class TomlFile:
    """One parsed file and the lines of its ``[[...]]`` headers, to name a bad line."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.data, text = read_toml(path)
        self.lines = text.split("\n")
        self.headers = [(n, m.group(1)) for n, line in enumerate(self.lines, 1)
                        if (m := _ARRAY.match(line))]

    def fail(self, line: int, message: str) -> NoReturn:
        raise ContentError(self.path, line, message)

    def span(self, name: str, index: int, within: tuple[int, int] | None = None) -> tuple[int, int]:
        """First and last line of the ``index``-th ``[[name]]`` table (inside ``within``)."""
        low, high = within or (1, len(self.lines))
        starts = [n for n, h in self.headers if h == name and low <= n <= high]
        if index >= len(starts):
            return (low if within else 0, high)
        start = starts[index]
        ends = [n for n, h in self.headers  # the next table that is not inside this one
                if n > start and (h == name or not h.startswith(name + "."))]
        return start, min([high, *(n - 1 for n in ends)])

    def line(self, span: tuple[int, int], key: str) -> int:
        pattern = re.compile(rf"^\s*[\"']?{re.escape(key)}[\"']?\s*=")
        for number in range(max(span[0], 1), min(span[1], len(self.lines)) + 1):
            if pattern.match(self.lines[number - 1]):
                return number
        return span[0]


class TomlTable:
    """Typed reads from one table, failing with the file and the line of the key."""

    def __init__(self, file: TomlFile, table: Any, span: tuple[int, int], what: str,
                 allowed: Iterable[str]) -> None:
        self.file, self.span, self.what = file, span, what
        if not isinstance(table, dict):
            file.fail(span[0], f"{what} must be a table")
        self.table: dict[str, Any] = table
        for key in table:
            if key not in allowed:
                self.fail(key, f"unknown key '{key}'")

    def fail(self, key: str, message: str) -> NoReturn:
        self.file.fail(self.file.line(self.span, key), f"{self.what}: {message}")

    def get(self, key: str, kind: type | tuple[type, ...], default: Any = ...) -> Any:
        if key not in self.table:
            if default is ...:
                self.fail(key, f"'{key}' is missing")
            return default
        value = self.table[key]
        if (isinstance(value, bool) and kind is int) or not isinstance(value, kind):
            self.fail(key, f"'{key}' has the wrong type")
        if isinstance(value, str) and not value.strip():
            self.fail(key, f"'{key}' is empty")
        return value

    def days(self, key: str, default: Any = ..., low: int = 0,
             high: int = MAX_DAYS_AGO) -> Any:
        """A whole number from ``low`` to ``high`` (days, or a 0–10 scale)."""
        value = self.get(key, int, default)
        if key in self.table and not low <= value <= high:
            self.fail(key, f"'{key}' must be from {low} to {high}")
        return value

    def strings(self, key: str) -> tuple[str, ...]:
        value = self.get(key, list, [])
        if not all(isinstance(v, str) and v.strip() for v in value):
            self.fail(key, f"'{key}' must be a list of text")
        return tuple(value)
