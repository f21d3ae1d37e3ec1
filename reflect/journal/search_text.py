"""What a search hit shows and where it points, without Qt.

The full-text index keeps what the user typed: Markdown, and a record's fields one per line.
A snippet cut from it would show ``*hindsight*`` and run two fields together ("C-4471 Sam"),
so :func:`snippet_text` turns it into the words the preview shows, fields (lines) joined by
:data:`FIELD_SEPARATOR`, the index's match markers kept. :func:`locate` finds where in an
entry the words matched, so opening a hit can show that field rather than the top of it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from reflect.common.markdown_render import plain_text
from reflect.store.models import Entry
from reflect.store.queries import HIGHLIGHT_END, HIGHLIGHT_START
from reflect.store.search_syntax import fts_query, wanted_words

FIELD_SEPARATOR = " · "
#: Field names of :class:`Location` that are not a template section's id.
TITLE, BODY, TAGS = "title", "body", "tags"

# The Markdown pass drops control characters, so the markers travel as private-use ones.
_START, _END = "\ue000", "\ue001"
# Emphasis or code marks left at a word's edge where the snippet cut off their partner.
_STRAY_MARKS = re.compile(r"(?<![\w*_`])[*_`]+(?=[\w\ue000])|(?<=[\w\ue001…])[*_`]+(?![\w*_`])")
_WORD = re.compile(r"\w+", re.UNICODE)
# What can make a line Markdown (emphasis, code, links, images, headings, quotes, HTML and
# entities, escapes, tables, list markers); a line with none of it skips the Markdown pass,
# which costs ~0.2 ms a line, so fifty hits stay well under a keystroke's time.
_MARKUP = re.compile(r"[*_`\[\]#>!<&~\\|]|^\s*(?:[-+=]|\d+[.)])(?:\s|$)")


def _plain_line(line: str) -> str:
    if not _MARKUP.search(line):
        return " ".join(line.split())
    text = plain_text(line.replace(HIGHLIGHT_START, _START).replace(HIGHLIGHT_END, _END))
    text = _STRAY_MARKS.sub("", text)
    return text.replace(_START, HIGHLIGHT_START).replace(_END, HIGHLIGHT_END)


def snippet_text(snippet: str) -> str:
    """Plain words of a snippet, its lines (a record's fields) joined by " · "."""
    lines = (_plain_line(line) for line in snippet.splitlines())
    return FIELD_SEPARATOR.join(line for line in lines if line.strip(HIGHLIGHT_START
                                                                     + HIGHLIGHT_END + " "))


def strip_markers(text: str) -> str:
    return text.replace(HIGHLIGHT_START, "").replace(HIGHLIGHT_END, "")


@dataclass(frozen=True)
class Location:
    """Where the first matched word is: ``field`` is "title", "body", "tags" or a template
    section's id; ``offset`` counts characters into that field's text (0 for a non-text
    field such as a list of actions)."""

    field: str
    offset: int


def _first_match(text: str, prefixes: list[str]) -> int | None:
    for word in _WORD.finditer(text):
        if any(word.group().casefold().startswith(p) for p in prefixes):
            return word.start()
    return None


def _text_of(value: Any) -> str:
    if isinstance(value, str):
        return value
    if isinstance(value, dict):
        return "\n".join(_text_of(v) for v in value.values())
    if isinstance(value, list | tuple):
        return "\n".join(_text_of(v) for v in value)
    return ""


def locate(entry: Entry, query: str) -> Location | None:
    """The field a search for ``query`` matched, in the order the snippet prefers (body,
    then sections in their order, then title and tags); None when nothing matches."""
    if fts_query(query) is None:
        return None
    prefixes = [w.casefold() for w in wanted_words(query)]
    fields: list[tuple[str, Any]] = [(BODY, entry.body)]
    fields += list((entry.sections or {}).items())
    fields += [(TITLE, entry.title), (TAGS, " ".join(entry.tags or []))]
    for name, value in fields:
        offset = _first_match(_text_of(value), prefixes)
        if offset is not None:
            return Location(name, offset if isinstance(value, str) else 0)
    return None
