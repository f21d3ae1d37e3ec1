"""The radar drawing: every label present, inside the drawing, not overlapping, and series
that stay apart in greyscale."""

import io
from datetime import date
from itertools import combinations

from pypdf import PdfReader
from reportlab.graphics import renderPDF
from reportlab.graphics.shapes import Group, Polygon, PolyLine, String
from reportlab.lib import colors
from reportlab.pdfbase.pdfmetrics import stringWidth

from reflect.pdf.radar import RadarLine, radar_drawing
from reflect.profile import ratings as profile
from reflect.profile.mentor_layout import radar_lines
from reflect.profile.ratings import SERIES_LOOK, RatingValue, build_profile

ATTRS = profile.attributes()
SHORTS = [a.short_name for a in ATTRS]


def walk(node):
    for child in getattr(node, "contents", []):
        if isinstance(child, Group):
            yield from walk(child)
        else:
            yield child


def box(s: String) -> tuple[float, float, float, float]:
    width = stringWidth(s.text, s.fontName, s.fontSize)
    left = {"start": s.x, "middle": s.x - width / 2, "end": s.x - width}[s.textAnchor]
    return left, s.y - s.fontSize * 0.25, left + width, s.y + s.fontSize * 0.8


def overlap(a, b) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


def full_profile():
    day = date(2026, 3, 1)
    values, n = [], 0
    for i, attribute in enumerate(ATTRS):
        for kind, score, on, group in (("self", 2 + i % 3, date(2025, 9, 1), None),
                                       ("self", 3 + i % 3, day, None),
                                       ("target", 5, day, None),
                                       ("other", 3, day, "peer"), ("other", 4, day, "peer")):
            n += 1
            values.append(RatingValue(n, attribute.id, kind, score, on, group))
    return build_profile(values, ATTRS, as_of=day)


def test_axes_rings_and_legend_are_labelled_inside_the_drawing():
    assert [s.key for s in profile.radar_series(full_profile())] == [
        "self", "target", "previous", "others"]
    series = radar_lines(full_profile())
    assert [s.filled for s in series] == [True, False, False, False]
    drawing = radar_drawing(SHORTS, series)
    strings = [s for s in walk(drawing) if isinstance(s, String)]
    texts = [s.text for s in strings]
    for name in SHORTS:
        assert name in texts or all(word in " ".join(texts) for word in name.split())
    for ring in "12345":
        assert ring in texts
    for item in series:
        assert item.label in texts
    for s in strings:
        left, bottom, right, top = box(s)
        assert left >= 0 and right <= drawing.width, s.text
        assert bottom >= 0 and top <= drawing.height, s.text


def test_labels_do_not_overlap_each_other():
    drawing = radar_drawing(SHORTS, radar_lines(full_profile()))
    boxes = [(s.text, box(s)) for s in walk(drawing) if isinstance(s, String)]
    clashes = [(a, b) for (a, ba), (b, bb) in combinations(boxes, 2) if overlap(ba, bb)]
    assert clashes == []


def test_long_axis_names_wrap_instead_of_running_off_the_page():
    names = [a.name for a in ATTRS]  # the full, long names
    drawing = radar_drawing(names, [])
    strings = [s for s in walk(drawing) if isinstance(s, String)]
    assert len([s for s in strings if s.text not in "12345"]) > len(names)  # wrapped lines
    for s in strings:
        left, bottom, right, top = box(s)
        assert left >= 0 and right <= drawing.width, s.text
        assert bottom >= 0 and top <= drawing.height, s.text
    boxes = [(s.text, box(s)) for s in strings]
    assert [(a, b) for (a, ba), (b, bb) in combinations(boxes, 2) if overlap(ba, bb)] == []


def test_series_differ_in_dash_and_marker_not_only_colour():
    dashes = {look[2] for look in SERIES_LOOK.values()}
    markers = {look[3] for look in SERIES_LOOK.values()}
    assert len(dashes) == len(markers) == len(SERIES_LOOK) == 4

    def grey(hex_colour: str) -> float:
        r, g, b = (int(hex_colour[i:i + 2], 16) for i in (1, 3, 5))
        return 0.299 * r + 0.587 * g + 0.114 * b

    assert grey(SERIES_LOOK["self"][1]) < min(grey(v[1]) for k, v in SERIES_LOOK.items()
                                              if k != "self")  # darkest line is "you now"


def test_missing_values_leave_gaps_rather_than_zeroes():
    gappy = RadarLine("Others' average", (4, None, 3, 3.5, None), "#009E73", (6, 2),
                      "diamond", 1.5)
    whole = RadarLine("Current self-rating", (4, 4, 3, 2, 5), "#0B4F8A", (), "circle", 2,
                      filled=True)
    shapes = list(walk(radar_drawing(SHORTS, [gappy])))
    lines = [s for s in shapes if isinstance(s, PolyLine)]
    assert len(lines) == 1  # only axes 3 and 4 are neighbours with values
    markers = [s for s in shapes if isinstance(s, Polygon) and s.strokeColor == colors.white]
    assert len(markers) == 3 + 1  # three data points and the legend's sample
    two_gaps = RadarLine("Previous", (4, 4, None, 3, 3), "#8C8C8C", (1, 2), "triangle", 1.5)
    lines = [s for s in walk(radar_drawing(SHORTS, [two_gaps])) if isinstance(s, PolyLine)]
    assert len(lines) == 3  # 1–2, 4–5 and 5–1; nothing through the missing axis
    shapes = list(walk(radar_drawing(SHORTS, [whole])))
    filled = [s for s in shapes if isinstance(s, Polygon) and s.fillColor is not None
              and s.strokeColor is not None and s.strokeWidth == 2]
    assert len(filled) == 1


def test_radar_draws_into_a_pdf_with_readable_labels():
    drawing = radar_drawing(SHORTS, radar_lines(full_profile()))
    pdf = renderPDF.drawToString(drawing)
    text = PdfReader(io.BytesIO(pdf)).pages[0].extract_text()
    for name in ("Values", "Decisions", "Partnerships", "Current self-rating", "Target",
                 "Others' average"):
        assert name in text


def test_an_empty_radar_says_so():
    strings = [s.text for s in walk(radar_drawing(SHORTS, [])) if isinstance(s, String)]
    assert "No ratings yet" in strings


def _markers_and_ring_labels(drawing):
    shapes = list(walk(drawing))
    markers = [s.getBounds() for s in shapes if getattr(s, "strokeWidth", None) == 0.6
               and getattr(s, "strokeColor", None) == colors.white]
    backings = [s.getBounds() for s in shapes if type(s).__name__ == "Rect"
                and getattr(s, "fillOpacity", None) == 0.85]
    return markers, backings


def test_equal_values_are_all_visible_and_no_marker_sits_on_a_scale_number():
    """Self, target, previous and others all 5 on Values (and all 1 on the last axis): four
    markers side by side across the axis, none on another or on a ring number."""
    same = [RadarLine(f"s{n}", (5, 3, 4, 2, 1), colour, marker=shape)
            for n, (colour, shape) in enumerate((("#0B4F8A", "circle"), ("#D55E00", "square"),
                                                 ("#8C8C8C", "triangle"),
                                                 ("#009E73", "diamond")))]
    drawing = radar_drawing(SHORTS, same)
    markers, backings = _markers_and_ring_labels(drawing)
    plotted = markers[:4 * 5]  # the legend's samples come after the chart's markers
    assert len(backings) == 5
    for a, b in combinations(plotted, 2):
        assert not overlap(a, b), (a, b)
    for marker_box in plotted:
        for backing in backings:
            assert not overlap(marker_box, backing), (marker_box, backing)
    texts = [s.text for s in walk(drawing) if isinstance(s, String)]
    assert any("side by side" in t for t in texts)  # the legend says so
    apart = radar_drawing(SHORTS, [RadarLine("a", (5, 3, 4, 2, 1), "#0B4F8A"),
                                   RadarLine("b", (1, 2, 3, 4, 5), "#D55E00")])
    assert not any("side by side" in s.text for s in walk(apart) if isinstance(s, String))
