"""The Leadership Profile radar as reportlab vector graphics (no Qt outside ``reflect/ui``).

It draws plain :class:`RadarLine` data (the mentor pack converts the profile's series, in the
same colours, dashes and markers the app uses), so the mentor sees the picture the leader saw
and this shared PDF machinery need not know the profile. Each series differs
in lightness, dash pattern and marker shape, so the radar still reads when printed in grey.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

from reportlab.graphics.shapes import (
    Circle,
    Drawing,
    Group,
    Line,
    Polygon,
    PolyLine,
    Rect,
    String,
)
from reportlab.lib import colors
from reportlab.pdfbase.pdfmetrics import stringWidth

from reflect.pdf.base import CONTENT_WIDTH, FONT, FONT_BOLD, MUTED, register_fonts

SCALE_MAX = 5
LABEL_SIZE = 9.5
RING_LABEL_SIZE = 7.5
LEGEND_SIZE = 9
MARKER_SIZE = 6.5
MARKER_STEP = MARKER_SIZE * 1.45  # between markers set side by side
EQUAL_NOTE = "Equal values are drawn side by side across the axis, so each one shows."
GRID = colors.HexColor("#C9CED6")
AXIS = colors.HexColor("#8A929E")


@dataclass(frozen=True)
class RadarLine:
    """One series as drawn: values in axis order (``None`` leaves a gap) and its look.
    ``filled`` shades the area, for the one series the eye should land on first."""

    label: str
    values: tuple[float | None, ...]
    colour: str
    dash: tuple[float, ...] = ()
    marker: str = "circle"
    width: float = 1.5
    filled: bool = False


def side_by_side(values: Sequence[Sequence[float | None]],
                 tolerance: float) -> list[list[float]]:
    """Where series meet on an axis (values within ``tolerance``, where their markers would
    cover each other), each marker's place across the axis in marker steps, centred on the true
    point and in series order; 0 for a marker on its own. The window and the PDF both use it,
    so equal self, target and 360 values are all visible in both."""
    offsets = [[0.0] * len(series) for series in values]
    for axis in range(max((len(series) for series in values), default=0)):
        groups: list[list[tuple[int, float]]] = []
        for index, series in enumerate(values):
            value = series[axis] if axis < len(series) else None
            if value is None:
                continue
            group = next((g for g in groups if abs(g[0][1] - value) <= tolerance), None)
            if group is None:
                groups.append([(index, value)])
            else:
                group.append((index, value))
        for group in groups:
            for place, (index, _value) in enumerate(group):
                offsets[index][axis] = place - (len(group) - 1) / 2
    return offsets


def _overlaps(a: tuple[float, ...], b: tuple[float, ...]) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


def _point(cx: float, cy: float, radius: float, index: int, count: int) -> tuple[float, float]:
    """Axis ``index`` of ``count``: the first points straight up, the rest go clockwise."""
    angle = math.pi / 2 - 2 * math.pi * index / count
    return cx + radius * math.cos(angle), cy + radius * math.sin(angle)


def marker(kind: str, x: float, y: float, size: float, colour) -> Polygon | Circle:
    """A filled marker: circle, square, triangle or diamond, ``size`` points across."""
    h = size / 2
    if kind == "square":
        points = [x - h, y - h, x + h, y - h, x + h, y + h, x - h, y + h]
    elif kind == "triangle":
        points = [x, y + h * 1.2, x + h * 1.1, y - h * 0.8, x - h * 1.1, y - h * 0.8]
    elif kind == "diamond":
        points = [x, y + h * 1.3, x + h * 1.1, y, x, y - h * 1.3, x - h * 1.1, y]
    else:
        return Circle(x, y, h, fillColor=colour, strokeColor=colors.white, strokeWidth=0.6)
    return Polygon(points, fillColor=colour, strokeColor=colors.white, strokeWidth=0.6)


def _wrap(text: str, width: float) -> list[str]:
    """Split an axis label over lines no wider than ``width`` points."""
    lines: list[str] = []
    for word in text.split():
        if lines and stringWidth(f"{lines[-1]} {word}", FONT_BOLD, LABEL_SIZE) <= width:
            lines[-1] = f"{lines[-1]} {word}"
        else:
            lines.append(word)
    return lines or [""]


def _axis_label(text: str, x: float, y: float, dx: float, dy: float,
                max_width: float) -> list[String]:
    """Lines of a label just outside the axis end at (x, y), anchored away from the chart."""
    anchor: Literal["middle", "start", "end"] = (
        "middle" if abs(dx) < 0.25 else ("start" if dx > 0 else "end"))
    lines = _wrap(text, max_width)
    leading = LABEL_SIZE * 1.2
    block = leading * len(lines)
    if dy > 0.25:  # above the chart: grow upwards
        top = y + block - LABEL_SIZE * 0.2
    elif dy < -0.25:  # below: hang down
        top = y - LABEL_SIZE * 0.3
    else:  # beside: centre on the axis end
        top = y + block / 2 - LABEL_SIZE * 0.15
    return [String(x, top - LABEL_SIZE - number * leading + LABEL_SIZE * 0.25, line,
                   fontName=FONT_BOLD, fontSize=LABEL_SIZE, fillColor=colors.black,
                   textAnchor=anchor)
            for number, line in enumerate(lines)]


def _series_shapes(group: Group, item: RadarLine, cx: float, cy: float,
                   radius: float, offsets: Sequence[float]) -> None:
    count = len(item.values)
    colour = colors.HexColor(item.colour)
    points: list[tuple[float, float] | None] = []
    for index, value in enumerate(item.values):
        if value is None:
            points.append(None)
        else:
            clamped = max(0.0, min(float(value), SCALE_MAX))
            points.append(_point(cx, cy, radius * clamped / SCALE_MAX, index, count))
    dash = list(item.dash) or None
    present = [p for p in points if p is not None]
    if len(present) == len(points):
        flat = [c for p in present for c in p]
        fill = colour if item.filled else None
        group.add(Polygon(flat, strokeColor=colour, strokeWidth=item.width,
                          strokeDashArray=dash,  # type: ignore[arg-type]  # None: solid
                          fillColor=fill,
                          fillOpacity=0.12 if fill else None,  # type: ignore[arg-type]  # None ok
                          strokeLineJoin=1))
    else:  # a gap where an attribute has no value: join only neighbours that both have one
        for index in range(count):
            a, b = points[index], points[(index + 1) % count]
            if a is not None and b is not None and count > 1:
                group.add(PolyLine([*a, *b], strokeColor=colour, strokeWidth=item.width,
                                   strokeDashArray=dash,  # type: ignore[arg-type]  # None: solid
                                   strokeLineCap=1))
    for index, p in enumerate(points):
        if p is not None:  # moved across its axis when it shares the point with others
            angle = math.pi / 2 - 2 * math.pi * index / count
            shift = offsets[index] * MARKER_STEP
            group.add(marker(item.marker, p[0] + shift * math.sin(angle),
                             p[1] - shift * math.cos(angle), MARKER_SIZE, colour))


def _legend(group: Group, series: Sequence[RadarLine], width: float, top: float,
            note: str = "") -> float:
    """Two columns of sample line + marker + label, and ``note`` under them."""
    columns = 2 if len(series) > 1 else 1
    column_width = min(width / columns, 210)
    left = (width - column_width * columns) / 2
    row_height = LEGEND_SIZE * 1.9
    for number, item in enumerate(series):
        row, column = divmod(number, columns)
        x = left + column * column_width + 8
        y = top - row * row_height - LEGEND_SIZE
        colour = colors.HexColor(item.colour)
        group.add(Line(x, y + 3, x + 34, y + 3, strokeColor=colour, strokeWidth=item.width,
                       strokeDashArray=list(item.dash) or None))  # type: ignore[arg-type]
        group.add(marker(item.marker, x + 17, y + 3, MARKER_SIZE, colour))
        group.add(String(x + 42, y, item.label, fontName=FONT, fontSize=LEGEND_SIZE,
                         fillColor=colors.black))
    rows = math.ceil(len(series) / columns)
    if note:
        group.add(String(width / 2, top - rows * row_height - LEGEND_SIZE, note, fontName=FONT,
                         fontSize=LEGEND_SIZE - 0.5, fillColor=MUTED, textAnchor="middle"))
    return rows * row_height


def radar_drawing(axes: Sequence[str], series: Sequence[RadarLine], *,
                  width: float = CONTENT_WIDTH, radius: float = 100) -> Drawing:
    """A radar of ``series`` over ``axes`` (labels in axis order), scored 0–5 from the centre,
    with rings labelled 1–5 and a legend beneath."""
    register_fonts()
    count = len(axes)
    # Lay the axis labels out around a centre at (0, 0) first: long or wrapped names then
    # get the room they need above and below, instead of being cut off at the edge.
    labels: list[String] = []
    for index, text in enumerate(axes):
        x, y = _point(0, 0, radius, index, count)
        dx, dy = x / radius, y / radius
        lx, ly = _point(0, 0, radius + 12, index, count)
        room = (width / 2 - radius - 16) if abs(dx) >= 0.25 else radius * 1.1
        labels += _axis_label(text, lx, ly, dx, dy, max(room, 60))
    top = max([radius + 4] + [s.y + LABEL_SIZE * 0.9 for s in labels])
    bottom = min([-radius - 4] + [s.y - LABEL_SIZE * 0.3 for s in labels])
    offsets = side_by_side([s.values for s in series], MARKER_SIZE * SCALE_MAX / radius)
    spread = any(o for row in offsets for o in row)
    legend_rows = math.ceil(len(series) / 2) if series else 1
    legend_height = legend_rows * LEGEND_SIZE * 1.9 + 14 + (LEGEND_SIZE * 1.6 if spread else 0)
    # initialFontName: else reportlab selects a Helvetica it never embeds
    drawing = Drawing(width, legend_height + (top - bottom) + 6, initialFontName=FONT)
    group = Group()
    cx, cy = width / 2, legend_height - bottom

    for ring in range(1, SCALE_MAX + 1):
        r = radius * ring / SCALE_MAX
        outline = [c for i in range(count) for c in _point(cx, cy, r, i, count)]
        group.add(Polygon(outline, strokeColor=GRID, strokeWidth=0.9 if ring == SCALE_MAX
                          else 0.6, fillColor=None))
    for index in range(count):
        x, y = _point(cx, cy, radius, index, count)
        group.add(Line(cx, cy, x, y, strokeColor=AXIS, strokeWidth=0.7))
    for label in labels:
        label.x += cx
        label.y += cy
        group.add(label)
    for item, item_offsets in zip(series, offsets, strict=True):
        _series_shapes(group, item, cx, cy, radius, item_offsets)
    marks = [shape.getBounds() for shape in group.contents
             if isinstance(shape, (Circle, Polygon)) and shape.strokeColor == colors.white]
    # Ring numbers left of the upright axis and below their ring, clear of every marker on
    # that axis (set side by side or not), on a pale backing so a line crossing stays legible.
    widest = max((abs(row[0]) for row in offsets if row), default=0.0)
    clear = widest * MARKER_STEP + MARKER_SIZE * 0.6 + 2.5
    for ring in range(1, SCALE_MAX + 1):
        y = cy + radius * ring / SCALE_MAX - RING_LABEL_SIZE - 0.5
        text_width = stringWidth(str(ring), FONT, RING_LABEL_SIZE)
        right = cx - clear
        for _step in range(6):  # near the centre another axis's marker may be here: move on
            box = (right - 1 - text_width, y - 1.5, right + 1, y + RING_LABEL_SIZE - 0.5)
            if not any(_overlaps(box, mark) for mark in marks):
                break
            right -= text_width + 3
        backing = Rect(right - 1 - text_width, y - 1.5, text_width + 2, RING_LABEL_SIZE + 1)
        backing.fillColor, backing.fillOpacity, backing.strokeColor = colors.white, 0.85, None
        group.add(backing)
        group.add(String(right, y, str(ring), fontName=FONT, fontSize=RING_LABEL_SIZE,
                         fillColor=MUTED, textAnchor="end"))
    if series:
        _legend(group, series, width, legend_height - 8, EQUAL_NOTE if spread else "")
    else:
        group.add(String(cx, legend_height / 2, "No ratings yet", fontName=FONT,
                         fontSize=LEGEND_SIZE, fillColor=MUTED, textAnchor="middle"))
    drawing.add(group)
    return drawing
