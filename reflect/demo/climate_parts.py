"""The demo's team climate check-ins (``resources/demo/climate.toml``), recorded through the
climate domain on the days they happened, so the Profile page shows a trend across four
quarters, Home a check-in due, "My supervision" the widest gaps and the mentor pack (when
ticked) its climate section."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any

from reflect.climate import checkins
from reflect.climate.views import CREATE, PERSPECTIVES, SCORES
from reflect.content.climate import DIMENSION_IDS
from reflect.demo.toml_data import TomlFile, TomlTable

if TYPE_CHECKING:
    from reflect.journal.journal import Journal

CLIMATE_FILE = "climate.toml"
CHECKIN_KEYS = ("days_ago", "perspective", "note", "scores", "responses")

Scores = dict[str, tuple[int, int]]


@dataclass(frozen=True)
class DemoCheckIn:
    days_ago: int
    perspective: str
    note: str
    scores: Scores
    responses: tuple[Scores, ...]


def _scores(t: TomlTable, key: str, value: Any) -> Scores:
    if not isinstance(value, dict) or not value:
        t.fail(key, f"'{key}' must be a table of dimension = [now, ideal]")
    found: Scores = {}
    for dimension, pair in value.items():
        if dimension not in DIMENSION_IDS:
            t.fail(key, f"'{dimension}' is not a climate dimension")
        if (not isinstance(pair, list) or len(pair) != 2
                or not all(isinstance(v, int) and not isinstance(v, bool) and v in SCORES
                           for v in pair)):
            t.fail(key, f"{dimension} must be [now, ideal], each from 1 to 5")
        found[dimension] = (pair[0], pair[1])
    return found


def load_checkins(path: Path) -> tuple[DemoCheckIn, ...]:
    """The check-ins in ``path``; raises ContentError naming the line of a mistake."""
    if not path.exists():
        return ()
    file = TomlFile(path)
    found = []
    for i, raw in enumerate(file.data.get("checkins", [])):
        t = TomlTable(file, raw, file.span("checkins", i), f"check-in {i + 1}", CHECKIN_KEYS)
        perspective = t.get("perspective", str, CREATE)
        if perspective not in PERSPECTIVES:
            t.fail("perspective", f"'perspective' must be one of {', '.join(PERSPECTIVES)}")
        responses = t.get("responses", list, [])
        found.append(DemoCheckIn(t.days("days_ago"), perspective, t.get("note", str, ""),
                                 _scores(t, "scores", t.get("scores", dict)),
                                 tuple(_scores(t, "responses", r) for r in responses)))
    return tuple(found)


def add_checkins(journal: Journal, today: date, directory: Path) -> None:
    """Record the demo's check-ins, oldest first, with their team responses."""
    for item in sorted(load_checkins(directory / CLIMATE_FILE), key=lambda c: -c.days_ago):
        checkin_id = checkins.record(journal, item.scores, perspective=item.perspective,
                                     checked_on=today - timedelta(days=item.days_ago),
                                     note=item.note)
        for response in item.responses:
            checkins.add_response(journal, checkin_id, response)
