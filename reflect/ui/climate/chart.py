"""Now versus ideal on the six climate dimensions, one row each: a filled circle for now, a
hollow diamond for ideal, the line between them the gap, and the gap's size written at the
end of the row, the widest on a shaded band. Team members' averages (when there are enough)
are a thinner green line under the leader's, with a triangle for now and a square for ideal.

Shapes as well as colours tell the series apart (blue and vermilion, the profile radar's
colour-blind-safe pair, lightened on a dark window), so it reads in grey print and in dark
mode; the numbers are in the accessible description and in each row's tooltip.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QEvent, QPointF, QRectF, QSize, Qt
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontMetricsF,
    QHelpEvent,
    QPainter,
    QPainterPath,
    QPalette,
    QPen,
)
from PySide6.QtWidgets import QSizePolicy, QToolTip, QWidget

from reflect.climate.views import Gap, format_gap
from reflect.content.climate import climate_content
from reflect.ui.profile.radar_widget import marker_path, series_colour
from reflect.ui.widgets.contrast import mix, muted_text
from reflect.ui.widgets.feedback import plain_tooltip

NOW_COLOUR, IDEAL_COLOUR, TEAM_COLOUR = "#0B4F8A", "#D55E00", "#009E73"
POINTS = 5


def _fmt(value: float) -> str:
    return f"{value:.1f}".removesuffix(".0")


class ClimateChart(QWidget):
    """See the module docstring. ``set_data(names, gaps, team, widest)``."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName("Team climate: now and ideal")
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.names: tuple[tuple[str, str], ...] = ()  # (id, name) of every dimension
        self.gaps: dict[str, Gap] = {}
        self.team: dict[str, Gap] = {}
        self.team_count = 0
        self.widest: str | None = None

    def set_data(self, names: Sequence[tuple[str, str]], gaps: Sequence[Gap],
                 team: Sequence[Gap] = (), widest: str | None = None,
                 team_count: int = 0) -> None:
        self.names = tuple(names)
        self.gaps = {g.dimension: g for g in gaps}
        self.team = {g.dimension: g for g in team}
        self.team_count = team_count
        self.widest = widest
        self.setAccessibleDescription(" | ".join(self.row_text(i) for i in range(len(names))))
        self.updateGeometry()
        self.update()

    def row_text(self, index: int) -> str:
        dimension, name = self.names[index]
        gap = self.gaps.get(dimension)
        text = (f"{name}: not rated" if gap is None else
                f"{name}: now {_fmt(gap.now)}, ideal {_fmt(gap.ideal)}, gap "
                f"{format_gap(gap.gap)}" + (" (the widest)" if dimension == self.widest else ""))
        team = self.team.get(dimension)
        if team is not None:
            text += (f"; team now {_fmt(team.now)}, ideal {_fmt(team.ideal)}, gap "
                     f"{format_gap(team.gap)}")
        return text

    # -- geometry --------------------------------------------------------------------------
    def _row_height(self) -> float:
        return self.fontMetrics().lineSpacing() * (2.7 if self.team else 2.1)

    def _legend_height(self) -> float:
        return self.fontMetrics().lineSpacing() * 1.8

    def sizeHint(self) -> QSize:
        lines = self.fontMetrics().lineSpacing()
        height = (self._legend_height() + self._row_height() * max(len(self.names), 1)
                  + lines * 2 + 10)
        return QSize(self.fontMetrics().horizontalAdvance("M") * 40, round(height))

    def minimumSizeHint(self) -> QSize:
        return QSize(self.fontMetrics().horizontalAdvance("M") * 24, self.sizeHint().height())

    def _columns(self) -> tuple[float, float, float]:
        """Where the names end, and the x of scores 1 and 5."""
        bold = QFont(self.font())
        bold.setBold(True)
        metrics = QFontMetricsF(bold)
        names = max((metrics.horizontalAdvance(n) for _i, n in self.names), default=60.0)
        gap_width = metrics.horizontalAdvance("+4 widest") + metrics.height() * 1.3 + 8
        left = min(names + 16, self.width() * 0.38)
        pad = metrics.height() * 0.8
        return left, left + pad, max(left + pad + 40, self.width() - gap_width - pad)

    def x_of(self, value: float) -> float:
        _left, one, five = self._columns()
        return one + (five - one) * (max(1.0, min(float(value), POINTS)) - 1) / (POINTS - 1)

    def row_rect(self, index: int) -> QRectF:
        height = self._row_height()
        return QRectF(0, self._legend_height() + index * height, self.width(), height)

    # -- painting ----------------------------------------------------------------------------
    def paintEvent(self, _event) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        palette = self.palette()
        ground = palette.color(QPalette.ColorRole.Base)
        ink = palette.color(QPalette.ColorRole.Text)
        muted = muted_text(palette, QPalette.ColorRole.Base)
        colours = {key: series_colour(value, palette) for key, value in (
            ("now", NOW_COLOUR), ("ideal", IDEAL_COLOUR), ("team", TEAM_COLOUR))}
        left, one, five = self._columns()
        size = self.fontMetrics().height() * 0.72
        self._paint_legend(painter, colours, ink, size)
        grid = mix(ground, ink, 0.18)
        for index, (dimension, name) in enumerate(self.names):
            rect = self.row_rect(index)
            middle = rect.top() + rect.height() * (0.42 if self.team else 0.5)
            if dimension == self.widest:
                painter.fillRect(rect.adjusted(0, 2, 0, -2), mix(ground, colours["ideal"], 0.14))
            painter.setPen(QPen(grid, 1))
            for point in range(1, POINTS + 1):
                x = self.x_of(point)
                painter.drawLine(QPointF(x, rect.top() + 4), QPointF(x, rect.bottom() - 4))
            bold = QFont(self.font())
            bold.setBold(True)
            painter.setFont(bold)
            painter.setPen(ink)
            painter.drawText(QRectF(0, rect.top(), left - 8, rect.height()),
                             int(Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignRight),
                             name)
            gap = self.gaps.get(dimension)
            team = self.team.get(dimension)
            if gap is not None:
                self._dumbbell(painter, gap, middle, colours["now"], colours["ideal"], size,
                               ("circle", "diamond"), ink, ground, 3.0)
            if team is not None:
                team_y = middle + rect.height() * 0.3
                self._dumbbell(painter, team, team_y, colours["team"], colours["team"],
                               size * 0.85, ("triangle", "square"), colours["team"], ground,
                               1.6)
            text = "not rated" if gap is None else format_gap(gap.gap) + (
                " widest" if dimension == self.widest else "")
            painter.setFont(bold if gap is not None and gap.gap else self.font())
            painter.setPen(ink if gap is not None else muted)
            painter.drawText(QRectF(five + size * 1.3, rect.top(),
                                    self.width() - five - size * 1.3, rect.height()),
                             int(Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft),
                             text)
        self._paint_scale(painter, muted, one, five)
        painter.end()

    def _dumbbell(self, painter: QPainter, gap: Gap, y: float, now_colour: QColor,
                  ideal_colour: QColor, size: float, shapes: tuple[str, str], line: QColor,
                  ground: QColor, width: float) -> None:
        start, end = QPointF(self.x_of(gap.now), y), QPointF(self.x_of(gap.ideal), y)
        stop = QPointF(end)
        if shapes[1] == "diamond" and abs(end.x() - start.x()) > size:  # at the hollow diamond
            stop.setX(end.x() - size * 0.75 * (1 if end.x() > start.x() else -1))
        painter.setPen(QPen(mix(ground, line, 0.7), width, Qt.PenStyle.SolidLine,
                            Qt.PenCapStyle.RoundCap))
        painter.drawLine(start, stop)
        painter.setPen(QPen(ground, 1))
        painter.setBrush(now_colour)
        painter.drawPath(marker_path(shapes[0], start, size))
        ideal: QPainterPath = marker_path(shapes[1], end, size * 1.35)
        if shapes[1] == "diamond":  # hollow, so an equal now shows inside it
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.setPen(QPen(ideal_colour, max(2.0, size * 0.22)))
        else:
            painter.setBrush(ideal_colour)
        painter.drawPath(ideal)

    def _paint_legend(self, painter: QPainter, colours: dict[str, QColor], ink: QColor,
                      size: float) -> None:
        metrics = self.fontMetrics()
        y = self._legend_height() / 2
        x = 4.0
        items = [("circle", colours["now"], "Now", True),
                 ("diamond", colours["ideal"], "Ideal", False)]
        if self.team:
            items += [("triangle", colours["team"], "Team now", True),
                      ("square", colours["team"], f"Team ideal (average of {self.team_count})",
                       True)]
        painter.setFont(self.font())
        for shape, colour, label, filled in items:
            path = marker_path(shape, QPointF(x + size, y), size * (1 if filled else 1.35))
            if filled:
                painter.setPen(Qt.PenStyle.NoPen)
                painter.setBrush(colour)
            else:
                painter.setBrush(Qt.BrushStyle.NoBrush)
                painter.setPen(QPen(colour, max(2.0, size * 0.22)))
            painter.drawPath(path)
            painter.setPen(ink)
            text_x = x + size * 2 + 6
            painter.drawText(QPointF(text_x, y + metrics.ascent() / 2 - 1), label)
            x = text_x + metrics.horizontalAdvance(label) + 18
        five = self._columns()[2] + size * 1.3
        if x < five:  # the right-hand column's heading, where there is room for it
            painter.setPen(muted_text(self.palette(), QPalette.ColorRole.Base))
            painter.drawText(QPointF(five, y + metrics.ascent() / 2 - 1), "Gap")

    def _paint_scale(self, painter: QPainter, muted: QColor, one: float, five: float) -> None:
        scale = climate_content().scale
        top = self._legend_height() + self._row_height() * len(self.names)
        painter.setFont(self.font())
        painter.setPen(muted)
        metrics = self.fontMetrics()
        for point in range(1, POINTS + 1):
            x = self.x_of(point)
            painter.drawText(QRectF(x - 20, top + 2, 40, metrics.lineSpacing()),
                             int(Qt.AlignmentFlag.AlignCenter), str(point))
        painter.drawText(QRectF(one, top + metrics.lineSpacing() + 2, five - one,
                                metrics.lineSpacing()), int(Qt.AlignmentFlag.AlignCenter),
                         f"1 {scale[0].lower()} · 5 {scale[-1].lower()}")

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ToolTip and isinstance(event, QHelpEvent):
            pos = QPointF(event.pos())
            index = next((i for i in range(len(self.names)) if self.row_rect(i).contains(pos)),
                         -1)
            if index >= 0:
                QToolTip.showText(event.globalPos(), plain_tooltip(self.row_text(index)), self)
            else:
                QToolTip.hideText()
            return True
        return super().event(event)
