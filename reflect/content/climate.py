"""The team climate check-in's words (``resources/climate.toml``): the six dimensions with
Reflect's own one-line descriptions and prompts, the 1–5 scale, the two perspectives, and the
file's licence position.

The names come from the Firstline report; the report's "What is climate?" box, the Hay Group
survey and its norms are © Hay Group and outside the Open Government Licence, so nothing of
theirs is here but the names (the file says so in ``licence``). A broken file raises
:class:`ContentError` naming the file and line: check-ins cannot be shown without it.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from reflect.common import paths
from reflect.content.library import _Checker, _read
from reflect.content.toml_source import ContentError

__all__ = ["CLIMATE_FILE", "ClimateContent", "ContentError", "Dimension", "Perspective",
           "climate_content", "load_climate"]

CLIMATE_FILE = "climate.toml"
PERSPECTIVE_IDS = ("create", "experience")
DIMENSION_IDS = ("clarity", "standards", "rewards", "responsibility", "flexibility",
                 "team_commitment")
SCALE_POINTS = 5
_TOP_KEYS = ("source", "licence", "notes", "question_now", "question_ideal", "scale",
             "perspectives", "dimensions")
_PERSPECTIVE_KEYS = ("id", "label", "short", "hint")
_DIMENSION_KEYS = ("id", "name", "description", "prompt")


@dataclass(frozen=True)
class Dimension:
    """One climate dimension: the report's name, Reflect's description and the prompt asked
    when it has the widest gap."""

    id: str
    name: str
    description: str
    prompt: str


@dataclass(frozen=True)
class Perspective:
    id: str  # "create" or "experience"
    label: str  # "The climate I create for my team"
    short: str  # "I create"
    hint: str


@dataclass(frozen=True)
class ClimateContent:
    source: str
    licence: str
    notes: str
    question_now: str
    question_ideal: str
    scale: tuple[str, ...]  # the words for 1 to 5
    perspectives: tuple[Perspective, ...]
    dimensions: tuple[Dimension, ...]

    def dimension(self, dimension_id: str) -> Dimension:
        return next(d for d in self.dimensions if d.id == dimension_id)

    def perspective(self, perspective_id: str) -> Perspective:
        return next(p for p in self.perspectives if p.id == perspective_id)

    def scale_word(self, score: int) -> str:
        return self.scale[score - 1] if 1 <= score <= len(self.scale) else ""


def _texts(check: _Checker, table: dict[str, Any], keys: tuple[str, ...],
           span: tuple[int, int], what: str) -> dict[str, str]:
    return {key: " ".join((check.text(table, key, span, what) or "").split()) for key in keys}


def _entries(check: _Checker, data: dict[str, Any], key: str, keys: tuple[str, ...],
             wanted: tuple[str, ...]) -> list[dict[str, str]]:
    """The ``[[key]]`` tables, each checked, exactly the ``wanted`` ids in that order."""
    header = f"[[{key}]]"
    found: list[dict[str, str]] = []
    for index, entry in enumerate(check.table_list(data, key, header)):
        span = check.layout.table(header, index)
        what = f"{key[:-1]} {index + 1}"
        check.no_unknown_keys(entry, keys, span, what)
        values = _texts(check, entry, keys, span, what)
        if values["id"] not in wanted:
            check.fail(check.layout.key_line(span, "id"),
                       f'{what}: id "{values["id"]}" is not one of {", ".join(wanted)}')
        if any(f["id"] == values["id"] for f in found):
            check.fail(check.layout.key_line(span, "id"),
                       f'{what}: id "{values["id"]}" is listed twice')
        found.append(values)
    ids = tuple(f["id"] for f in found)
    if ids != wanted:
        missing = [i for i in wanted if i not in ids]
        line = check.layout.table(header, 0)[0]
        check.fail(line, f"{header} must list {', '.join(wanted)} in that order"
                   + (f"; {missing[0]} is missing" if missing else ""))
    return found


def load_climate(path: Path | None = None) -> ClimateContent:
    """The check-in's words, checked; raises :class:`ContentError` naming file and line."""
    path = Path(path) if path is not None else paths.resources_dir() / CLIMATE_FILE
    data, text = _read(path)
    check = _Checker(path, text)
    top = check.layout.top()
    for key in data:
        if key not in _TOP_KEYS:
            line = check.layout.table(f"[{key}]")[0] or check.layout.table(f"[[{key}]]")[0]
            check.fail(line or check.layout.key_line(top, key),
                       f'the file has an unknown key "{key}"')
    texts = _texts(check, data, ("source", "licence", "notes", "question_now",
                                 "question_ideal"), top, "the file")
    scale = check.text_list(data, "scale", top, "the file")
    if len(scale) != SCALE_POINTS:
        check.fail(check.layout.key_line(top, "scale"),
                   f'"scale" must name the {SCALE_POINTS} points from 1 to {SCALE_POINTS}, '
                   f"not {len(scale)}")
    perspectives = _entries(check, data, "perspectives", _PERSPECTIVE_KEYS, PERSPECTIVE_IDS)
    dimensions = _entries(check, data, "dimensions", _DIMENSION_KEYS, DIMENSION_IDS)
    return ClimateContent(
        scale=tuple(" ".join(s.split()) for s in scale),
        perspectives=tuple(Perspective(**p) for p in perspectives),
        dimensions=tuple(Dimension(**d) for d in dimensions), **texts)


@cache
def climate_content() -> ClimateContent:
    """The shipped file (read once)."""
    return load_climate()
