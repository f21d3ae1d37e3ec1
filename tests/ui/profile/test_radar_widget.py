"""The radar: axes in the workbook's order, labels that fit at any size, toggles, values on
hover and focus, a click on an axis name asking for its prompts, colours for dark windows."""

from __future__ import annotations

import html
from datetime import date

import pytest
from PySide6.QtCore import QEvent, QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QHelpEvent, QPalette
from PySide6.QtWidgets import QApplication, QToolTip

from reflect.content.library import load_attributes
from reflect.profile.ratings import RadarSeries, RatingValue, build_profile, radar_series
from reflect.ui.profile.page import RadarWidget
from reflect.ui.profile.radar_widget import Axis, series_colour
from reflect.ui.widgets.feedback import plain_tooltip as plain_tip

DAY = date(2026, 3, 1)
LONG = "A very long attribute name that would never fit on one line beside a small chart"


def _values(kind: str, scores: dict[str, int | None], group: str | None = None,
            day: date = DAY) -> list[RatingValue]:
    return [RatingValue(n, a, kind, s, day, group) for n, (a, s) in enumerate(scores.items())]


@pytest.fixture
def series() -> tuple[list[Axis], list[RadarSeries]]:
    attributes = load_attributes()
    ids = [a.id for a in attributes]
    values = (_values("self", dict(zip(ids, [4, 4, 3, 4, 2], strict=True)))
              + _values("self", dict(zip(ids, [3, 3, 2, 3, 2], strict=True)),
                        day=date(2025, 9, 1))
              + _values("target", dict(zip(ids, [5, 5, 4, 4, 3], strict=True)))
              + _values("other", dict(zip(ids, [4, 3, 3, 2, 3], strict=True)), "peer")
              + _values("other", dict(zip(ids, [5, 4, 4, 2, 3], strict=True)), "team member"))
    profile = build_profile(values, attributes, as_of=DAY)
    axes = [Axis(a.id, a.short_name, a.name) for a in attributes]
    return axes, radar_series(profile)


@pytest.fixture
def radar(qtbot, series) -> RadarWidget:
    widget = RadarWidget()
    qtbot.addWidget(widget)
    widget.set_data(*series)
    widget.resize(700, 600)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def _inside(rect: QRectF, outer: QRectF) -> bool:
    return outer.adjusted(-0.01, -0.01, 0.01, 0.01).contains(rect)


@pytest.mark.parametrize("size", [(400, 300), (260, 200), (1400, 1000), (900, 320)])
def test_every_axis_label_fits_inside_the_chart_and_none_overlap(qtbot, radar, size):
    chart = radar.chart
    chart.resize(*size)
    qtbot.wait(5)
    rects = chart.label_rects()
    assert len(rects) == 5
    whole = QRectF(chart.rect())
    for rect in rects:
        assert _inside(rect, whole), (rect, whole)
    for i, a in enumerate(rects):
        for b in rects[i + 1:]:
            assert not a.intersects(b), (a, b)
    layout = chart.chart_layout()
    assert layout.radius >= 24


def test_fonts_grow_with_the_widget(qtbot, radar):
    radar.chart.resize(400, 300)
    small = radar.chart.chart_layout().font.pointSizeF()
    radar.chart.resize(1400, 1000)
    large = radar.chart.chart_layout().font.pointSizeF()
    assert large > small


def test_a_long_label_wraps_instead_of_being_cut(qtbot, radar, series):
    axes, values = series
    axes = [Axis(a.id, LONG if i == 1 else a.label, a.name) for i, a in enumerate(axes)]
    radar.set_data(axes, values)
    radar.chart.resize(400, 300)
    rect, lines = radar.chart.chart_layout().labels[1]
    assert len(lines) > 1
    assert _inside(rect, QRectF(radar.chart.rect()))


def test_axes_follow_the_workbook_order_and_the_first_points_up(radar, series):
    axes, _ = series
    assert [a.id for a in axes] == [a.id for a in load_attributes()]
    chart = radar.chart
    top = chart.label_rects()[0]
    centre = chart.chart_layout().centre
    assert top.bottom() < centre.y() and top.left() < centre.x() < top.right()


def test_checkboxes_hide_and_show_each_series(qtbot, radar):
    chart = radar.chart
    assert [s.key for s in chart.visible_series()] == ["self", "target", "previous", "others"]
    assert chart.series_values("self") == (4, 4, 3, 4, 2)
    target = QColor(series_colour("#D55E00", radar.palette()))

    def target_pixels() -> int:
        image = chart.grab().toImage()
        return sum(1 for x in range(0, image.width(), 2) for y in range(0, image.height(), 2)
                   if QColor(image.pixel(x, y)) == target)

    assert target_pixels() > 0
    radar.checkboxes["target"].click()
    assert chart.series_values("target") is None
    assert [s.key for s in chart.visible_series()] == ["self", "previous", "others"]
    assert target_pixels() == 0
    assert "Target" not in chart.accessibleDescription()
    radar.checkboxes["target"].click()
    assert chart.series_values("target") == (5, 5, 4, 4, 3)


def test_missing_series_are_disabled_in_the_legend(qtbot, series):
    axes, values = series
    widget = RadarWidget()
    qtbot.addWidget(widget)
    widget.set_data(axes, [s for s in values if s.key == "self"])
    assert widget.checkboxes["self"].isEnabled()
    assert not widget.checkboxes["target"].isEnabled()


def test_keyboard_focus_describes_each_axis_and_enter_asks_for_prompts(qtbot, radar):
    chart = radar.chart
    chart.setFocus()
    qtbot.waitUntil(chart.hasFocus)
    assert chart.focused_axis == 0
    assert chart.accessibleDescription().startswith(
        "Leadership and change which is driven by values: Current self-rating 4; Target 5; "
        "Previous self-rating 3; Others' average 4.5")
    qtbot.keyClick(chart, Qt.Key.Key_Right)
    assert chart.focused_axis == 1
    assert "Making decisions" in chart.accessibleDescription()
    assert "Others' average 3.5" in chart.accessibleDescription()
    qtbot.keyClick(chart, Qt.Key.Key_Left)
    qtbot.keyClick(chart, Qt.Key.Key_Left)
    assert chart.focused_axis == 4
    with qtbot.waitSignal(radar.show_prompts_requested, timeout=1000) as signal:
        qtbot.keyClick(chart, Qt.Key.Key_Return)
    assert signal.args == ["corporate_buy_in"]


def test_a_point_under_the_mouse_gives_its_exact_value(qtbot, radar):
    chart = radar.chart
    position = next(p for p, key, index in chart.points() if key == "others" and index == 1)
    near = (position + QPointF(2, 1)).toPoint()
    QApplication.sendEvent(chart, QHelpEvent(QEvent.Type.ToolTip, near, chart.mapToGlobal(near)))
    qtbot.waitUntil(QToolTip.isVisible, timeout=2000)
    shown = QToolTip.text()  # escaped rich text, so a tag in a name is shown, not rendered
    assert html.unescape(shown).startswith(
        "<p style='white-space:pre-wrap'>Decisions: Others' average 3.5\nMaking decisions")


def test_tooltips_show_tags_as_text():
    assert plain_tip('<img src="/dev/zero">') == (
        "<p style='white-space:pre-wrap'>&lt;img src=&quot;/dev/zero&quot;&gt;</p>")


def test_clicking_an_axis_name_asks_for_that_attributes_prompts(qtbot, radar):
    chart = radar.chart
    rect = chart.label_rects()[2]
    with qtbot.waitSignal(radar.show_prompts_requested, timeout=1000) as signal:
        qtbot.mouseClick(chart, Qt.MouseButton.LeftButton, pos=rect.center().toPoint())
    assert signal.args == ["changing_practice"]
    with qtbot.assertNotEmitted(radar.show_prompts_requested):
        qtbot.mouseClick(chart, Qt.MouseButton.LeftButton,
                         pos=chart.chart_layout().centre.toPoint())


def test_colours_keep_their_hue_but_lighten_on_a_dark_window():
    light, dark = QPalette(), QPalette()
    light.setColor(QPalette.ColorRole.Window, QColor("#f5f5f5"))
    dark.setColor(QPalette.ColorRole.Window, QColor("#202124"))
    assert series_colour("#0B4F8A", light) == QColor("#0B4F8A")
    on_dark = series_colour("#0B4F8A", dark)
    assert on_dark.lightness() > 150
    assert abs(on_dark.hslHue() - QColor("#0B4F8A").hslHue()) <= 2
