"""Dark (and light) palettes: the rating form's radio rings and the radar's scale numbers are
measured, in the pixels drawn, against WCAG's 3:1 (controls) and 4.5:1 (text); equal values
and scale numbers never hide one another on the window's radar."""

from __future__ import annotations

from itertools import combinations

import pytest
from PySide6.QtCore import QRect
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QApplication, QStyle, QStyleOptionButton

from reflect.profile.ratings import SERIES_LOOK, RadarSeries
from reflect.ui.profile.page import RadarWidget
from reflect.ui.profile.radar_widget import Axis
from reflect.ui.profile.rating_dialog import ScoreChoice
from reflect.ui.widgets.contrast import contrast_ratio
from tests.ui.conftest import dark_palette


def _dim_dark() -> QPalette:
    """A dark palette whose muted text is dim, as some systems' are."""
    palette = dark_palette()
    palette.setColor(QPalette.ColorRole.PlaceholderText, QColor("#5f6368"))
    return palette


PALETTES = {"light": QPalette, "dark": dark_palette, "dim dark": _dim_dark}


@pytest.fixture(params=list(PALETTES))
def palette(request, qapp):
    app = QApplication.instance()
    before = app.palette()
    app.setPalette(PALETTES[request.param]())
    yield app.palette()
    app.setPalette(before)


def _best_contrast(image, rect: QRect, ground: QColor) -> float:
    return max(contrast_ratio(image.pixelColor(x, y), ground)
               for x in range(max(rect.left(), 0), min(rect.right() + 1, image.width()))
               for y in range(max(rect.top(), 0), min(rect.bottom() + 1, image.height())))


def test_radio_rings_reach_three_to_one(qtbot, palette):
    choice = ScoreChoice("Values")
    qtbot.addWidget(choice)
    choice.show()
    qtbot.waitExposed(choice)
    button = choice.buttons[3]  # unchecked: only its ring shows it is there
    option = QStyleOptionButton()
    option.initFrom(button)
    ring = button.style().subElementRect(QStyle.SubElement.SE_RadioButtonIndicator, option,
                                         button)
    image = button.grab().toImage()
    ground = palette.color(QPalette.ColorRole.Window)
    assert _best_contrast(image, ring, ground) >= 3.0
    label = button.rect().adjusted(ring.right() + 2, 0, 0, 0)
    assert _best_contrast(image, label, ground) >= 4.5


def _radar(qtbot, values: dict[str, tuple]) -> RadarWidget:
    axes = [Axis(f"a{i}", f"Axis {i}", f"Axis {i}") for i in range(5)]
    series = [RadarSeries(key, look[0], values[key], *look[1:])
              for key, look in SERIES_LOOK.items() if key in values]
    widget = RadarWidget()
    qtbot.addWidget(widget)
    widget.set_data(axes, series)
    widget.resize(600, 560)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def test_scale_numbers_reach_four_and_a_half_to_one(qtbot, palette):
    radar = _radar(qtbot, {"self": (4, 3, 4, 3, 2)})
    chart = radar.chart
    ground = palette.color(QPalette.ColorRole.Window)
    assert contrast_ratio(chart.ring_label_colour(), ground) >= 4.5
    image = chart.grab().toImage()
    ratio = image.devicePixelRatio()
    for rect in chart.ring_label_rects():
        pixels = QRect(round(rect.left() * ratio), round(rect.top() * ratio),
                       round(rect.width() * ratio), round(rect.height() * ratio))
        assert _best_contrast(image, pixels, ground) >= 4.5


def test_equal_values_all_show_and_no_marker_is_on_a_scale_number(qtbot):
    equal = (5, 3, 3, 1, 2)
    radar = _radar(qtbot, {"self": equal, "target": equal, "previous": equal,
                           "others": (5, 3, 3.5, 1, 4)})
    chart = radar.chart
    markers = chart.marker_rects()
    assert len(markers) == 20
    for a, b in combinations(markers, 2):
        assert not a.intersects(b), (a, b)
    for marker in markers:
        for label in chart.ring_label_rects():
            assert not marker.intersects(label), (marker, label)
    assert radar.equal_note.isVisibleTo(radar) and "side by side" in radar.equal_note.text()
    radar.checkboxes["target"].click()
    radar.checkboxes["previous"].click()
    radar.checkboxes["others"].click()
    assert not radar.equal_note.isVisibleTo(radar)  # one series left: nothing to explain


def test_the_export_dialogs_radio_rings_reach_three_to_one(qtbot, palette, tmp_path, cheap):
    from reflect.journal.journal import Journal
    from reflect.ui.interchange.export_dialog import ExportDialog

    journal, _key = Journal.create(tmp_path / "journal", "a long test passphrase", cheap)
    try:
        dialog = ExportDialog(journal)
        qtbot.addWidget(dialog)
        dialog.show()
        qtbot.waitExposed(dialog)
        button = dialog.jsonl_button  # unchecked at first: only its ring shows
        option = QStyleOptionButton()
        option.initFrom(button)
        ring = button.style().subElementRect(QStyle.SubElement.SE_RadioButtonIndicator,
                                             option, button)
        image = button.grab().toImage()
        assert _best_contrast(image, ring, palette.color(QPalette.ColorRole.Window)) >= 3.0
        dialog.close()
    finally:
        journal.close()
