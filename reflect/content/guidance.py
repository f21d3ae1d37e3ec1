"""Guidance quoted outside the prompt sets and templates (``resources/guidance.toml``).

Content lives in resources, not in code: each quote is taken exactly from its source, and a
broken file is named with its line, as for the other content files.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path

from reflect.common.paths import resources_dir
from reflect.content.toml_source import ContentError, read_toml

GUIDANCE_FILE = "guidance.toml"
RATING_INSTRUCTIONS = "rating_instructions_"


@dataclass(frozen=True)
class Quote:
    text: str
    source: str


def load_guidance(path: Path | None = None) -> dict[str, Quote]:
    """Every quote by its key; raises :class:`ContentError` naming the file and line."""
    path = path or resources_dir() / GUIDANCE_FILE
    data, text = read_toml(path)
    quotes: dict[str, Quote] = {}
    for key, table in data.items():
        if not isinstance(table, dict):
            raise ContentError(path, 0, f"'{key}' must be a table with 'text' and 'source'")
        for field in ("text", "source"):
            value = table.get(field)
            if not isinstance(value, str) or not value.strip():
                raise ContentError(path, _header_line(text, key),
                                   f"[{key}] needs a non-empty '{field}'")
        quotes[key] = Quote(" ".join(table["text"].split()), table["source"].strip())
    return quotes


def _header_line(text: str, key: str) -> int:
    for number, line in enumerate(text.splitlines(), start=1):
        if line.strip() == f"[{key}]":
            return number
    return 0


@cache
def quote(key: str) -> Quote:
    """One shipped quote (read once)."""
    return load_guidance()[key]


@cache
def rating_instructions() -> tuple[Quote, ...]:
    """Workbook 1's instructions for its rating questions, ``rating_instructions_1`` to ``_n``
    in number order: numbered keys, so one can be added without touching code."""
    quotes = load_guidance()
    numbered = sorted((key for key in quotes if key.startswith(RATING_INSTRUCTIONS)
                       and key.removeprefix(RATING_INSTRUCTIONS).isdigit()),
                      key=lambda key: int(key.removeprefix(RATING_INSTRUCTIONS)))
    return tuple(quotes[key] for key in numbered)
