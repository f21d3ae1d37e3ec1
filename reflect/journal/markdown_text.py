"""Text for the Markdown export: the writer's headings pushed below the entry's, and section
values nested without limit (an imported file may hold objects in objects a thousand deep)
written out without recursion, so no export can fail on one entry's shape."""

from __future__ import annotations

import re
from typing import Any

__all__ = ["MAX_SECTION_DEPTH", "demote_headings", "flat_text", "nests_deeper"]

_HEADING = re.compile(r"^( {0,3})(#{1,6})(?=[ \t]|$)")
_FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})")


def demote_headings(markdown: str, levels: int) -> str:
    """Push the writer's own headings below the entry's (never past level 6), outside code
    blocks, so the file's outline stays one heading per entry."""
    out: list[str] = []
    fence: str | None = None
    for line in markdown.split("\n"):
        found = _FENCE.match(line)
        if found:
            mark = found.group(1)
            if fence is None:
                fence = mark
            elif mark[0] == fence[0] and len(mark) >= len(fence):
                fence = None
        elif fence is None:
            line = _HEADING.sub(
                lambda m: m.group(1) + "#" * min(6, len(m.group(2)) + levels), line)
        out.append(line)
    return "\n".join(out)


# Imported sections may nest lists and objects without limit; past this depth the rest of a
# value is written as its words in order, so the export neither recurses nor loses any.
MAX_SECTION_DEPTH = 8


def flat_text(value: Any) -> str:
    """Every key and value under ``value`` in order, on one line; iterative, for any depth."""
    words: list[str] = []
    todo: list[Any] = [value]
    while todo:
        item = todo.pop()
        if isinstance(item, dict):
            pairs = [(k, v) for k, v in item.items() if k != "action_id"]
            for key, inner in reversed(pairs):
                todo += [inner, f"{key}:"]
        elif isinstance(item, list | tuple):
            todo += reversed(item)
        elif item not in ("", None):
            words.append(" ".join(str(item).split()))
    return " ".join(words)


def nests_deeper(value: Any, limit: int) -> bool:
    """Whether lists and objects nest more than ``limit`` levels under ``value``."""
    todo = [(value, 0)]
    while todo:
        item, level = todo.pop()
        if isinstance(item, dict | list | tuple):
            if level >= limit:
                return True
            inner = item.values() if isinstance(item, dict) else item
            todo += [(v, level + 1) for v in inner]
    return False
