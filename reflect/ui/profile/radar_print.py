"""The profile's radar drawn for paper: the window's own painter, on a white image in memory.

The printed mentor pack cannot use the PDF's vector radar (that is reportlab), so it draws the
same series with :class:`~reflect.ui.profile.radar_widget.RadarChart` onto a
:class:`QImage` at print resolution, with a legend under it as the PDF has. Paper is white, so
the chart is drawn in a light palette whatever the screen's is, in the PDF's colours. Nothing
is written to disk: the image becomes a resource of the printed document.
"""

from __future__ import annotations

from PySide6.QtCore import QPoint, QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QFontDatabase, QFontMetricsF, QImage, QPainter, QPalette

from reflect.profile.mentor_markdown import RadarFigure
from reflect.ui.profile.radar_widget import (
    EQUAL_NOTE,
    MARKER,
    Axis,
    RadarChart,
    marker_path,
    series_pen,
)
from reflect.ui.widgets.printing import Figure

PRINT_DPI = 300
WIDTH_MM = 150.0
CSS_DPI = 96  # the image's logical pixels: what Qt's painter and fonts count in
CHART_HEIGHT = 0.66  # of the width
PAPER, INK, MUTED_INK = QColor("#ffffff"), QColor("#000000"), QColor("#5a5a5a")


def paper_palette() -> QPalette:
    """Black on white, whatever the window's palette is."""
    palette = QPalette()
    for group in (QPalette.ColorGroup.Active, QPalette.ColorGroup.Inactive,
                  QPalette.ColorGroup.Disabled):
        for role, colour in ((QPalette.ColorRole.Window, PAPER),
                             (QPalette.ColorRole.Base, PAPER),
                             (QPalette.ColorRole.WindowText, INK),
                             (QPalette.ColorRole.Text, INK)):
            palette.setColor(group, role, colour)
    return palette


def _font(point_size: float) -> QFont:
    font = QFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.GeneralFont))
    font.setPointSizeF(point_size)
    return font


def radar_image(figure: RadarFigure, *, width_mm: float = WIDTH_MM,
                dpi: int = PRINT_DPI) -> QImage:
    """The chart with its legend, ``width_mm`` wide at ``dpi``."""
    width = round(width_mm / 25.4 * CSS_DPI)
    chart = RadarChart()
    chart.setPalette(paper_palette())
    chart.setFont(_font(10))
    chart.resize(width, round(width * CHART_HEIGHT))
    chart.set_data([Axis(*axis) for axis in figure.axes], figure.series)
    legend_font = _font(9)
    metrics = QFontMetricsF(legend_font)
    row = metrics.height() * 1.6
    rows = (len(figure.series) + 1) // 2
    note = EQUAL_NOTE if chart.shares_points() else ""
    height = chart.height() + rows * row + (metrics.height() * 1.5 if note else 0) + 8
    ratio = dpi / CSS_DPI
    image = QImage(round(width * ratio), round(height * ratio), QImage.Format.Format_RGB32)
    image.setDevicePixelRatio(ratio)
    image.fill(PAPER)
    painter = QPainter(image)
    try:
        chart.render(painter, QPoint(0, 0))
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setFont(legend_font)
        column_width = min(width / 2, 260.0)
        left = (width - column_width * min(len(figure.series), 2)) / 2
        for number, item in enumerate(figure.series):
            line, column = divmod(number, 2)
            x = left + column * column_width + 8
            y = chart.height() + line * row + row / 2
            colour = QColor(item.colour)
            painter.setPen(series_pen(item, colour, 1.0))
            painter.drawLine(QPointF(x, y), QPointF(x + 40, y))
            painter.setPen(PAPER)
            painter.setBrush(colour)
            painter.drawPath(marker_path(item.marker, QPointF(x + 20, y), MARKER))
            painter.setPen(INK)
            painter.drawText(QRectF(x + 50, y - row / 2, column_width - 60, row),
                             int(Qt.AlignmentFlag.AlignVCenter), item.label)
        if note:
            painter.setPen(MUTED_INK)
            painter.drawText(QRectF(0, chart.height() + rows * row, width, metrics.height() * 1.5),
                             int(Qt.AlignmentFlag.AlignCenter), note)
    finally:
        painter.end()
    chart.deleteLater()
    return image


def radar_print_figure(figure: RadarFigure) -> Figure:
    """The radar as the printed document takes it: image, width on paper, caption."""
    return Figure(radar_image(figure), WIDTH_MM, figure.caption)
