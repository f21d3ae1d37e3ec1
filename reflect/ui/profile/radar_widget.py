"""The Leadership Profile radar, drawn with QPainter to look like the mentor pack's PDF radar.

It only displays the series :func:`reflect.profile.ratings.radar_series` gives (the ones
:mod:`reflect.pdf.radar` draws), so the leader and the mentor see one picture; on a dark window
each colour is lightened, hue and dash kept. Fonts and margins scale with the widget, long axis
names wrap (or elide) and the chart shrinks until every label fits: nothing is clipped. Exact
values show on hover and on the keyboard-focused axis (Left/Right; Enter, or a click on an axis
name, asks for that attribute's prompts). The legend check boxes are the page's.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

from PySide6.QtCore import QEvent, QPointF, QRectF, Qt, Signal
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontMetricsF,
    QHelpEvent,
    QKeyEvent,
    QMouseEvent,
    QPainter,
    QPainterPath,
    QPalette,
    QPen,
    QPolygonF,
)
from PySide6.QtWidgets import QToolTip, QWidget

from reflect.pdf.radar import EQUAL_NOTE, side_by_side
from reflect.profile.ratings import RadarSeries, format_score
from reflect.ui.widgets.contrast import mix, muted_text
from reflect.ui.widgets.feedback import plain_tooltip

SCALE_MAX = 5
MIN_RADIUS = 24.0
MARKER = 7.5  # across, at scale 1
STEP = MARKER * 1.45  # between markers set side by side
__all__ = ["EQUAL_NOTE", "Axis", "RadarChart", "marker_path", "mix", "series_colour",
           "series_pen"]


@dataclass(frozen=True)
class Axis:
    """One spoke: the attribute id (for prompts), its short label and its full name."""

    id: str
    label: str
    name: str


@dataclass(frozen=True)
class _Layout:
    centre: QPointF
    radius: float
    scale: float
    font: QFont
    labels: tuple[tuple[QRectF, tuple[str, ...]], ...]




def series_colour(hex_colour: str, palette: QPalette) -> QColor:
    """The PDF's colour on a light window; on a dark one, the same hue made light enough."""
    colour = QColor(hex_colour)
    if palette.color(QPalette.ColorRole.Window).lightness() >= 128:
        return colour
    return QColor.fromHslF(max(colour.hslHueF(), 0.0), colour.hslSaturationF(),
                           max(colour.lightnessF(), 0.64), colour.alphaF())


def marker_path(kind: str, centre: QPointF, size: float) -> QPainterPath:
    """Circle, square, triangle or diamond ``size`` across, as the PDF draws them."""
    x, y, h = centre.x(), centre.y(), size / 2
    path = QPainterPath()
    if kind == "square":
        path.addRect(QRectF(x - h, y - h, size, size))
    elif kind in ("triangle", "diamond"):
        points = ([(x, y - h * 1.2), (x + h * 1.1, y + h * 0.8), (x - h * 1.1, y + h * 0.8)]
                  if kind == "triangle" else
                  [(x, y - h * 1.3), (x + h * 1.1, y), (x, y + h * 1.3), (x - h * 1.1, y)])
        path.addPolygon(QPolygonF([QPointF(px, py) for px, py in points]))
        path.closeSubpath()
    else:
        path.addEllipse(centre, h, h)
    return path


def series_pen(item: RadarSeries, colour: QColor, scale: float) -> QPen:
    width = item.width * scale
    pen = QPen(colour, width)
    if item.dash:  # SERIES_LOOK dashes are in points; Qt counts in pen widths
        pen.setDashPattern([max(d * scale / width, 0.1) for d in item.dash])
    pen.setJoinStyle(Qt.PenJoinStyle.RoundJoin)
    return pen


def _wrap(text: str, metrics: QFontMetricsF, width: float) -> tuple[str, ...]:
    lines: list[str] = []
    for word in text.split():
        if lines and metrics.horizontalAdvance(f"{lines[-1]} {word}") <= width:
            lines[-1] = f"{lines[-1]} {word}"
        else:
            lines.append(metrics.elidedText(word, Qt.TextElideMode.ElideRight, width))
    return tuple(lines) or ("",)


class RadarChart(QWidget):
    """The painted chart; see the module docstring."""

    show_prompts_requested = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName("Leadership profile radar")
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setMouseTracking(True)
        self.setMinimumSize(220, 180)
        self._axes: tuple[Axis, ...] = ()
        self._series: tuple[RadarSeries, ...] = ()
        self._details: tuple[str, ...] = ()
        self._hidden: set[str] = set()
        self._layout_cache: tuple[tuple, _Layout] | None = None
        self.focused_axis = -1

    # -- data ------------------------------------------------------------------------------
    def set_data(self, axes: Sequence[Axis], series: Sequence[RadarSeries],
                 details: Sequence[str] = ()) -> None:
        """``details``: one extra line per axis for the tooltip (e.g. others' count)."""
        self._axes, self._series, self._details = tuple(axes), tuple(series), tuple(details)
        self._layout_cache = None
        self._describe()
        self.update()

    def set_series_visible(self, key: str, visible: bool) -> None:
        (self._hidden.discard if visible else self._hidden.add)(key)
        self._describe()
        self.update()

    def visible_series(self) -> list[RadarSeries]:
        return [s for s in self._series if s.key not in self._hidden]

    def series_values(self, key: str) -> tuple[float | None, ...] | None:
        """The values drawn for ``key`` (None if that series is absent or hidden)."""
        return next((s.values for s in self.visible_series() if s.key == key), None)

    def axis_summary(self, index: int) -> str:
        """Every visible value on one axis, in words: the tooltip and screen-reader text."""
        axis = self._axes[index]
        parts = [f"{s.label} {format_score(s.values[index])}" for s in self.visible_series()]
        text = f"{axis.name}: " + ("; ".join(parts) if parts else "no ratings shown")
        detail = self._details[index] if index < len(self._details) else ""
        return f"{text}. {detail}" if detail else text

    def _describe(self) -> None:
        focused = 0 <= self.focused_axis < len(self._axes)
        text = (self.axis_summary(self.focused_axis) if focused else
                " | ".join(self.axis_summary(i) for i in range(len(self._axes))))
        self.setAccessibleDescription(text)  # Qt tells assistive tools it changed

    # -- geometry --------------------------------------------------------------------------
    def _point(self, layout: _Layout, index: int, value: float) -> QPointF:
        angle = math.pi / 2 - 2 * math.pi * index / max(len(self._axes), 1)
        r = layout.radius * max(0.0, min(float(value), SCALE_MAX)) / SCALE_MAX
        return QPointF(layout.centre.x() + r * math.cos(angle),
                       layout.centre.y() - r * math.sin(angle))

    def _label_boxes(self, radius: float, metrics: QFontMetricsF, gap: float,
                     side_width: float, end_width: float) -> list[tuple[QRectF, tuple]]:
        """Label rectangles around a centre at (0, 0), anchored away from the chart."""
        boxes = []
        count = max(len(self._axes), 1)
        for index, axis in enumerate(self._axes):
            angle = math.pi / 2 - 2 * math.pi * index / count
            ux, uy = math.cos(angle), -math.sin(angle)
            lines = _wrap(axis.label, metrics, end_width if abs(ux) < 0.25 else side_width)
            width = max(metrics.horizontalAdvance(line) for line in lines) + 2
            height = metrics.lineSpacing() * len(lines)
            ax, ay = (radius + gap) * ux, (radius + gap) * uy
            x = ax - width / 2 if abs(ux) < 0.25 else (ax if ux > 0 else ax - width)
            y = ay - height if uy < -0.25 else (ay if uy > 0.25 else ay - height / 2)
            boxes.append((QRectF(x, y, width, height), lines))
        return boxes

    def chart_layout(self) -> _Layout:
        """Radius, centre and label boxes for the current size (cached until it changes)."""
        key = (self.width(), self.height(), self.font().key(), self._axes)
        if self._layout_cache and self._layout_cache[0] == key:
            return self._layout_cache[1]
        w, h = float(self.width()), float(self.height())
        scale = max(0.8, min(1.35, min(w, h) / 420))
        font = QFont(self.font())
        font.setPointSizeF(max(7.5, font.pointSizeF() * scale))
        font.setBold(True)
        metrics = QFontMetricsF(font)
        margin = max(4.0, min(w, h) * 0.02)
        gap = 8 * scale
        area = QRectF(margin, margin, w - 2 * margin, h - 2 * margin)
        side, end = max(area.width() * 0.24, 48.0), max(area.width() * 0.5, 60.0)
        radius = max(MIN_RADIUS, min(area.width(), area.height()) / 2 - gap)
        for _attempt in range(60):
            boxes = self._label_boxes(radius, metrics, gap, side, end)
            reach = radius + 6 * scale
            bound = QRectF(-reach, -reach, 2 * reach, 2 * reach)
            for rect, _lines in boxes:
                bound = bound.united(rect)
            over = max(bound.width() - area.width(), bound.height() - area.height())
            if over <= 0.5:
                break
            if radius <= MIN_RADIUS:  # too small for the words: give them less room
                side, end = max(side * 0.85, 20.0), max(end * 0.85, 20.0)
            radius = max(MIN_RADIUS, radius - max(over / 2, 1.0))
        shift = area.center() - bound.center()
        placed = []
        for rect, lines in boxes:
            moved = rect.translated(shift)
            # Last resort on a tiny widget: slide a label inside rather than cut it.
            moved.moveLeft(max(0.0, min(moved.left(), w - moved.width())))
            moved.moveTop(max(0.0, min(moved.top(), h - moved.height())))
            placed.append((moved, lines))
        layout = _Layout(shift, radius, scale, font, tuple(placed))
        self._layout_cache = (key, layout)
        return layout

    def label_rects(self) -> list[QRectF]:
        return [rect for rect, _lines in self.chart_layout().labels]

    def offsets(self, layout: _Layout | None = None) -> dict[str, list[float]]:
        """Each visible series' marker places across the axes (see ``side_by_side``)."""
        layout = layout or self.chart_layout()
        shown = self.visible_series()
        places = side_by_side([s.values for s in shown],
                              MARKER * layout.scale * SCALE_MAX / max(layout.radius, 1.0))
        return {s.key: row for s, row in zip(shown, places, strict=True)}

    def shares_points(self) -> bool:
        """Some visible values are equal, so their markers are set side by side."""
        return any(o for row in self.offsets().values() for o in row)

    def _marker_at(self, layout: _Layout, index: int, value: float, place: float) -> QPointF:
        point = self._point(layout, index, value)
        angle = math.pi / 2 - 2 * math.pi * index / max(len(self._axes), 1)
        shift = place * STEP * layout.scale
        return QPointF(point.x() + shift * math.sin(angle), point.y() + shift * math.cos(angle))

    def points(self) -> list[tuple[QPointF, str, int]]:
        """(position, series key, axis index) of every drawn marker."""
        layout = self.chart_layout()
        places = self.offsets(layout)
        return [(self._marker_at(layout, i, v, places[s.key][i]), s.key, i)
                for s in self.visible_series() for i, v in enumerate(s.values) if v is not None]

    def marker_rects(self) -> list[QRectF]:
        """The box of every drawn marker (for tests: nothing covers one)."""
        size = MARKER * self.chart_layout().scale
        shapes = {s.key: s.marker for s in self._series}
        return [marker_path(shapes[key], p, size).boundingRect()
                for p, key, _i in self.points()]

    def ring_label_rects(self) -> list[QRectF]:
        """Where the scale numbers 1–5 go: left of the upright axis, clear of its markers."""
        layout = self.chart_layout()
        metrics = QFontMetricsF(self._ring_font(layout))
        widest = max((abs(row[0]) for row in self.offsets(layout).values() if row), default=0)
        clear = (widest * STEP + MARKER * 0.7 + 3) * layout.scale
        marks = self.marker_rects()
        rects = []
        for ring in range(1, SCALE_MAX + 1):
            top = self._point(layout, 0, ring)
            width, height = metrics.horizontalAdvance(str(ring)) + 3, metrics.height()
            rect = QRectF(top.x() - clear - width, top.y() + 1, width, height)
            for _step in range(6):  # near the centre another axis's marker may be here
                if not any(rect.intersects(mark) for mark in marks):
                    break
                rect.translate(-(width + 2), 0)
            rects.append(rect)
        return rects

    def ring_label_colour(self) -> QColor:
        """The scale numbers' colour: muted, but 4.5:1 or more on this palette's window."""
        return muted_text(self.palette())

    # -- painting ----------------------------------------------------------------------------
    def paintEvent(self, _event) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        palette = self.palette()
        layout = self.chart_layout()
        ink = palette.color(QPalette.ColorRole.WindowText)
        ground = palette.color(QPalette.ColorRole.Window)
        count = len(self._axes)
        if count >= 3:
            self._paint_grid(painter, layout, mix(ground, ink, 0.22), mix(ground, ink, 0.45))
        places = self.offsets(layout)
        for item in self.visible_series():
            self._paint_series(painter, layout, item, series_colour(item.colour, palette), ground,
                               places[item.key])
        if count >= 3:
            self._paint_ring_labels(painter, layout, ground, self.ring_label_colour())
        painter.setFont(layout.font)
        painter.setPen(ink)
        for index, (rect, lines) in enumerate(layout.labels):
            painter.drawText(rect, int(Qt.AlignmentFlag.AlignCenter), "\n".join(lines))
            if index == self.focused_axis and self.hasFocus():
                painter.save()
                painter.setPen(QPen(palette.color(QPalette.ColorRole.Highlight), 2))
                painter.setBrush(Qt.BrushStyle.NoBrush)
                painter.drawRoundedRect(rect.adjusted(-3, -2, 3, 2), 4, 4)
                painter.restore()
        if not self._series:  # on a backing, so the grid does not run through the words
            text = "No ratings yet"
            box = QFontMetricsF(self.font()).boundingRect(text).adjusted(-8, -4, 8, 4)
            box.moveCenter(layout.centre)
            painter.fillRect(box, ground)
            painter.setFont(self.font())
            painter.setPen(self.ring_label_colour())
            painter.drawText(box, int(Qt.AlignmentFlag.AlignCenter), text)
        painter.end()

    def _paint_grid(self, painter: QPainter, layout: _Layout, grid: QColor, axis: QColor) -> None:
        count = len(self._axes)
        for ring in range(1, SCALE_MAX + 1):
            painter.setPen(QPen(grid, (1.3 if ring == SCALE_MAX else 0.9) * layout.scale))
            painter.drawPolygon(QPolygonF([self._point(layout, i, ring) for i in range(count)]))
        painter.setPen(QPen(axis, 1.0 * layout.scale))
        for index in range(count):
            painter.drawLine(layout.centre, self._point(layout, index, SCALE_MAX))

    def _paint_series(self, painter: QPainter, layout: _Layout, item: RadarSeries,
                      colour: QColor, ground: QColor, places: Sequence[float]) -> None:
        count = len(item.values)
        points = [None if v is None else self._point(layout, i, v)
                  for i, v in enumerate(item.values)]
        painter.setPen(series_pen(item, colour, layout.scale))
        present = [p for p in points if p is not None]
        if len(present) == len(points):
            fill = QColor(colour)
            fill.setAlphaF(0.14 if item.key == "self" else 0.0)
            painter.setBrush(fill)
            painter.drawPolygon(QPolygonF(present))
        else:  # a gap where an attribute has no value, as in the PDF
            for index in range(count):
                a, b = points[index], points[(index + 1) % count]
                if a is not None and b is not None and count > 1:
                    painter.drawLine(a, b)
        painter.setPen(QPen(ground, 1.0))
        painter.setBrush(colour)
        for index, value in enumerate(item.values):  # equal values: side by side
            if value is not None:
                painter.drawPath(marker_path(item.marker, self._marker_at(
                    layout, index, value, places[index]), MARKER * layout.scale))

    def _ring_font(self, layout: _Layout) -> QFont:
        font = QFont(self.font())
        font.setPointSizeF(max(6.5, font.pointSizeF() * 0.8 * layout.scale))
        return font

    def _paint_ring_labels(self, painter: QPainter, layout: _Layout, ground: QColor,
                           muted: QColor) -> None:
        painter.setFont(self._ring_font(layout))
        for ring, rect in enumerate(self.ring_label_rects(), start=1):
            text = str(ring)
            backing = QColor(ground)
            backing.setAlphaF(0.85)
            painter.fillRect(rect, backing)
            painter.setPen(muted)
            painter.drawText(rect, int(Qt.AlignmentFlag.AlignCenter), text)

    # -- interaction ---------------------------------------------------------------------------
    def _label_at(self, pos: QPointF) -> int:
        return next((i for i, r in enumerate(self.label_rects())
                     if r.adjusted(-3, -3, 3, 3).contains(pos)), -1)

    def _point_at(self, pos: QPointF) -> tuple[str, int] | None:
        reach = 9 * self.chart_layout().scale
        near = [(math.dist((p.x(), p.y()), (pos.x(), pos.y())), key, i)
                for p, key, i in self.points()]
        best = min(near, default=None)
        return (best[1], best[2]) if best and best[0] <= reach else None

    def point_text(self, key: str, index: int) -> str:
        item = next(s for s in self._series if s.key == key)
        head = f"{self._axes[index].label}: {item.label} {format_score(item.values[index])}"
        return f"{head}\n{self.axis_summary(index)}"

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ToolTip and isinstance(event, QHelpEvent):
            pos = QPointF(event.pos())
            hit, label = self._point_at(pos), self._label_at(pos)
            text = (self.point_text(*hit) if hit else f"{self.axis_summary(label)}\nClick for "
                    "the workbook's questions on this attribute." if label >= 0 else "")
            QToolTip.showText(event.globalPos(), plain_tooltip(text) if text else "", self)
            return True
        if event.type() in (QEvent.Type.PaletteChange, QEvent.Type.FontChange):
            self._layout_cache = None
        return super().event(event)

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        over = self._label_at(event.position()) >= 0
        self.setCursor(Qt.CursorShape.PointingHandCursor if over else Qt.CursorShape.ArrowCursor)
        super().mouseMoveEvent(event)

    def mousePressEvent(self, event: QMouseEvent) -> None:
        index = self._label_at(event.position())
        if event.button() == Qt.MouseButton.LeftButton and index >= 0:
            self.focus_axis(index)
            self.show_prompts_requested.emit(self._axes[index].id)
            return
        super().mousePressEvent(event)

    def focus_axis(self, index: int) -> None:
        """Make ``index`` the keyboard's axis: outline it, describe it, show its values."""
        if not self._axes:
            return
        self.focused_axis = index % len(self._axes)
        self._describe()
        self.update()
        if self.isVisible():
            layout = self.chart_layout()
            tip = self._point(layout, self.focused_axis, SCALE_MAX)
            QToolTip.showText(self.mapToGlobal(tip.toPoint()),
                              plain_tooltip(self.axis_summary(self.focused_axis)), self)

    def focusInEvent(self, event) -> None:
        super().focusInEvent(event)
        self.focus_axis(max(self.focused_axis, 0))

    def focusOutEvent(self, event) -> None:
        super().focusOutEvent(event)
        QToolTip.hideText()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key = event.key()
        if key in (Qt.Key.Key_Right, Qt.Key.Key_Down):
            self.focus_axis(self.focused_axis + 1)
        elif key in (Qt.Key.Key_Left, Qt.Key.Key_Up):
            self.focus_axis(self.focused_axis - 1)
        elif key in (Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Space) and self._axes:
            self.show_prompts_requested.emit(self._axes[max(self.focused_axis, 0)].id)
        else:
            super().keyPressEvent(event)
