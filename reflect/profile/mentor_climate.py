"""The mentor pack's "Team climate" section, only when the leader ticks it
(``PackOptions.include_climate``): the latest check-in of each perspective as a now-versus-
ideal chart with the gaps marked (the app's shapes and colours: a filled circle for now, a
hollow diamond for ideal, the widest gap on a shaded band), the same numbers in a table, the
widest gap's question, and the team's responses only when three or more came in.

The names are Firstline's; the descriptions and scale are Reflect's own, and the section says
it is not the Hay Group survey, whose numbers it must not be compared with.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import TYPE_CHECKING

from reportlab.graphics.shapes import Drawing, Line, Polygon, Rect, String
from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import CondPageBreak, Flowable, KeepTogether, Paragraph, Spacer

from reflect.climate import checkins
from reflect.climate.views import (
    PERSPECTIVES,
    CheckIn,
    ClimateSnapshot,
    Gap,
    format_gap,
    gaps,
    prompt_for,
    team_view,
    widest,
)
from reflect.common.dates import uk_date
from reflect.content.climate import climate_content
from reflect.pdf.base import CONTENT_WIDTH, FONT, FONT_BOLD, MUTED, Bookmark, Styles
from reflect.pdf.radar import marker
from reflect.pdf.richtext import escape
from reflect.profile.mentor_content import PackContent
from reflect.profile.mentor_entries import cell, ruled_table

if TYPE_CHECKING:
    from reflect.journal.journal import Journal

NOW, IDEAL, TEAM = "#0B4F8A", "#D55E00", "#009E73"
BAND = colors.HexColor("#FBE6DA")
ROW = 19.0
SIZE = 6.5
NOT_THE_SURVEY = ("Reflect's own 1–5 check-in on the six climate dimensions named in Frontline "
                  "/ Hay Group, What makes great first line leadership? (2015): how far each is "
                  "true now, and how far the leader would want it. It is not the Hay Group "
                  "climate survey and is not comparable with its scores or norms.")


def snapshot(journal: Journal, as_of: date) -> ClimateSnapshot:
    """The latest check-in of each perspective on or before ``as_of``."""
    found = [c for c in checkins.checkins(journal) if c.checked_on <= as_of]
    latest = []
    for perspective in PERSPECTIVES:
        mine = [c for c in found if c.perspective == perspective]
        if mine:
            latest.append(mine[-1])
    return ClimateSnapshot(tuple(latest), len(found))


def plan_text(content: PackContent) -> str:
    """The export dialog's line for this section."""
    shot = content.climate
    if shot is None or not shot.latest:
        return "no climate check-ins yet"
    return "; ".join(f"{c.perspective} {uk_date(c.checked_on)}" for c in shot.latest)


def _x(value: float, one: float, five: float) -> float:
    return one + (five - one) * (max(1.0, min(value, 5.0)) - 1) / 4


def chart(found: tuple[Gap, ...], team: tuple[Gap, ...], top: str | None,
          width: float = CONTENT_WIDTH) -> Drawing:
    """One row per dimension: now (circle) to ideal (hollow diamond), the gap at the end."""
    names = [d for d in climate_content().dimensions]
    by_id = {g.dimension: g for g in found}
    team_by_id = {g.dimension: g for g in team}
    row = ROW + (6 if team else 0)
    label_width = max(stringWidth(d.name, FONT_BOLD, 9) for d in names) + 10
    one, five = label_width + 14, width - 70
    height = 22 + row * len(names) + 16
    drawing = Drawing(width, height, initialFontName=FONT)
    y_top = height - 22
    legend = [("circle", NOW, "Now"), ("diamond", IDEAL, "Ideal")]
    if team:
        legend += [("triangle", TEAM, "Team now"), ("square", TEAM, "Team ideal (average)")]
    x = 0.0
    for shape, colour, label in legend:
        drawing.add(_marker(shape, x + 6, height - 9, colour,
                            SIZE * (1.3 if shape == "diamond" else 1)))
        drawing.add(String(x + 16, height - 12, label, fontName=FONT, fontSize=8.5))
        x += 16 + stringWidth(label, FONT, 8.5) + 16
    drawing.add(String(five + 12, height - 12, "Gap", fontName=FONT, fontSize=8.5,
                       fillColor=MUTED))
    for index, dimension in enumerate(names):
        y = y_top - (index + 0.5) * row
        if dimension.id == top:
            band = Rect(0, y - row / 2 + 1, width, row - 2)
            band.fillColor, band.strokeColor = BAND, None  # as the radar's backing is set
            drawing.add(band)
        for point in range(1, 6):
            px = _x(point, one, five)
            drawing.add(Line(px, y - row / 2 + 3, px, y + row / 2 - 3,
                             strokeColor=colors.HexColor("#D5D9DF"), strokeWidth=0.6))
        drawing.add(String(label_width, y - 3, dimension.name, fontName=FONT_BOLD, fontSize=9,
                           textAnchor="end"))
        gap = by_id.get(dimension.id)
        mine_y = y + (3 if team else 0)
        if gap is not None:
            _dumbbell(drawing, gap, mine_y, one, five, NOW, IDEAL, 2.4, ("circle", "diamond"))
        else:
            drawing.add(String(five + 12, y - 3, "not rated", fontName=FONT, fontSize=8.5,
                               fillColor=MUTED))
        mate = team_by_id.get(dimension.id)
        if mate is not None:
            _dumbbell(drawing, mate, y - 5, one, five, TEAM, TEAM, 1.2, ("triangle", "square"))
        if gap is not None:
            text = format_gap(gap.gap) + (" widest" if dimension.id == top else "")
            drawing.add(String(five + 12, y - 3, text, fontName=FONT_BOLD, fontSize=9))
    for point in range(1, 6):
        drawing.add(String(_x(point, one, five), 3, str(point), fontName=FONT, fontSize=8,
                           fillColor=MUTED, textAnchor="middle"))
    return drawing


def _marker(shape: str, x: float, y: float, colour: str, size: float = SIZE):
    if shape != "diamond":
        return marker(shape, x, y, size, colors.HexColor(colour))
    h = size * 0.7  # hollow, so an equal "now" shows inside it
    return Polygon([x, y + h * 1.3, x + h * 1.1, y, x, y - h * 1.3, x - h * 1.1, y],
                   fillColor=None, strokeColor=colors.HexColor(colour), strokeWidth=1.6)


def _dumbbell(drawing: Drawing, gap: Gap, y: float, one: float, five: float, now: str,
              ideal: str, width: float, shapes: tuple[str, str]) -> None:
    start, end = _x(gap.now, one, five), _x(gap.ideal, one, five)
    if shapes[1] == "diamond" and abs(end - start) > SIZE:  # stop at the hollow diamond
        end -= SIZE * 1.0 * (1 if end > start else -1)
    drawing.add(Line(start, y, end, y, strokeColor=colors.HexColor("#6B7079"),
                     strokeWidth=width, strokeLineCap=1))
    drawing.add(_marker(shapes[0], start, y, now))
    size = SIZE * (1.3 if shapes[1] == "diamond" else 0.9)
    drawing.add(_marker(shapes[1], _x(gap.ideal, one, five), y, ideal, size))


def _number(value: float) -> str:
    return f"{value:.1f}".removesuffix(".0")


def _table(found: tuple[Gap, ...], s: Styles):
    rows: list[list] = [[cell(h, s, head=True, centre=i > 0) for i, h in
                         enumerate(("Dimension", "Now", "Ideal", "Gap"))]]
    for gap in found:
        rows.append([cell(escape(gap.name), s), cell(_number(gap.now), s, centre=True),
                     cell(_number(gap.ideal), s, centre=True),
                     cell(format_gap(gap.gap), s, centre=True)])
    return ruled_table(rows, [150, 60, 60, 60], numeric_from=1)


def _checkin(checkin: CheckIn, s: Styles, head: tuple[Flowable, ...] = ()) -> list[Flowable]:
    """One check-in kept on one page; ``head`` (the section's title) goes with the first."""
    content = climate_content()
    found = gaps(checkin)
    top = widest(found)
    team = team_view(checkin)
    story: list[Flowable] = [
        *head, Paragraph(f"{escape(content.perspective(checkin.perspective).label)}, "
                  f"{uk_date(checkin.checked_on)}", s.h3),
        chart(found, team.gaps, top.dimension if top else None), Spacer(1, 2 * mm),
        _table(found, s), Spacer(1, 2 * mm),
        Paragraph(f"<b>Widest gap:</b> {escape(top.name)} ({format_gap(top.gap)}). "
                  f"<i>{escape(prompt_for(top))}</i>" if top else
                  "No gaps: now meets the ideal on every dimension rated.", s.body)]
    if checkin.perspective == "create":
        story.append(Paragraph(escape(team.summary()), s.small))
    if checkin.note:
        story.append(Paragraph(f"<b>Note:</b> {escape(checkin.note)}", s.body))
    return [KeepTogether(story)]


def section(content: PackContent, s: Styles) -> list[Flowable]:
    """The section's flowables; none unless the leader chose it."""
    if not content.options.include_climate:
        return []
    head = (Bookmark("Team climate"), Paragraph("Team climate", s.h1),
            Paragraph(NOT_THE_SURVEY, s.meta))
    start: list[Flowable] = [CondPageBreak(60 * mm), Spacer(1, 6 * mm)]
    shot = content.climate
    if shot is None or not shot.latest:
        return [*start, *head, Paragraph("No climate check-ins yet.", s.body)]
    story = start
    for number, checkin in enumerate(shot.latest):
        story += _checkin(checkin, s, head if number == 0 else ())
    return story


def markdown(content: PackContent, plain: Callable[[object], str]) -> str:
    """The section for the printed pack: the same numbers and question, as a table.
    ``plain`` makes typed text read literally (the printed pack's own, passed in so this
    module need not import the one that imports it)."""
    out = ["# Team climate", "", NOT_THE_SURVEY, ""]
    shot = content.climate
    if shot is None or not shot.latest:
        return "\n".join([*out, "No climate check-ins yet."])
    labels = climate_content()
    for checkin in shot.latest:
        found = gaps(checkin)
        top = widest(found)
        out += [f"## {labels.perspective(checkin.perspective).label}, "
                f"{uk_date(checkin.checked_on)}", "", "| Dimension | Now | Ideal | Gap |",
                "|---|---|---|---|"]
        out += [f"| {g.name} | {_number(g.now)} | {_number(g.ideal)} | {format_gap(g.gap)} |"
                for g in found]
        out += ["", f"**Widest gap:** {top.name} ({format_gap(top.gap)}). _{prompt_for(top)}_"
                if top else "No gaps: now meets the ideal on every dimension rated.", ""]
        if checkin.perspective == "create":
            out += [team_view(checkin).summary(), ""]
        if checkin.note:
            out += [f"**Note:** {plain(checkin.note)}", ""]
    return "\n".join(out)
