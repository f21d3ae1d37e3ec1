"""Colours that stay readable in any palette, light or dark, by measuring rather than guessing.

WCAG 2 asks for a contrast ratio of at least 4.5:1 for text and 3:1 for the parts of a control
that show its state (a radio button's ring). A style's own radio ring is a shade of the window
colour (Fusion's is 2:1 on a light window and 1.1:1 on a dark one), and a palette's muted
text may be only half-opaque, so the colours here are worked out from the palette's roles:
the least blend of the text colour over the background that reaches the ratio asked for.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QWidget

TEXT_CONTRAST = 4.5
CONTROL_CONTRAST = 3.0


def mix(a: QColor, b: QColor, amount: float) -> QColor:
    """``amount`` of ``b`` over ``a`` (opaque)."""
    return QColor.fromRgbF(*(x + (y - x) * amount for x, y in zip(
        (a.redF(), a.greenF(), a.blueF()), (b.redF(), b.greenF(), b.blueF()), strict=True)))


def flatten(colour: QColor, ground: QColor) -> QColor:
    """A translucent colour as it shows over ``ground``."""
    return mix(ground, QColor(colour.red(), colour.green(), colour.blue()), colour.alphaF())


def luminance(colour: QColor) -> float:
    """WCAG 2 relative luminance."""
    def channel(value: float) -> float:
        return value / 12.92 if value <= 0.04045 else ((value + 0.055) / 1.055) ** 2.4

    return (0.2126 * channel(colour.redF()) + 0.7152 * channel(colour.greenF())
            + 0.0722 * channel(colour.blueF()))


def contrast_ratio(a: QColor, b: QColor) -> float:
    """WCAG 2 contrast ratio, 1 to 21."""
    light, dark = sorted((luminance(a), luminance(b)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def readable_on(ground: QColor, ink: QColor, minimum: float, start: float = 0.55) -> QColor:
    """The softest blend of ``ink`` over ``ground`` (at least ``start`` of it) whose contrast
    with ``ground`` is ``minimum`` or more; ``ink`` itself if no softer blend is enough."""
    ink = flatten(ink, ground)
    steps = 20
    for step in range(steps + 1):
        amount = start + (1 - start) * step / steps
        colour = mix(ground, ink, amount)
        if contrast_ratio(colour, ground) >= minimum:
            return colour
    return ink


def muted_text(palette: QPalette, ground_role: QPalette.ColorRole = QPalette.ColorRole.Window
               ) -> QColor:
    """Secondary text (the radar's scale numbers) that still reads at 4.5:1."""
    ground = palette.color(ground_role)
    return readable_on(ground, palette.color(QPalette.ColorRole.WindowText), TEXT_CONTRAST)


def radio_style(palette: QPalette) -> str:
    """A radio indicator drawn from the palette: a ring at 3:1 or more against the window, and
    a dot at 3:1 or more against the ring's fill."""
    window, base = (palette.color(QPalette.ColorRole.Window),
                    palette.color(QPalette.ColorRole.Base))
    ink = palette.color(QPalette.ColorRole.WindowText)
    ring = readable_on(window, ink, CONTROL_CONTRAST + 0.5)
    if contrast_ratio(ring, base) < CONTROL_CONTRAST:  # a fill like the ring: use the window
        base = window
    highlight = palette.color(QPalette.ColorRole.Highlight)
    dot = (highlight if contrast_ratio(highlight, base) >= CONTROL_CONTRAST
           else readable_on(base, palette.color(QPalette.ColorRole.Text), CONTROL_CONTRAST))
    disabled = readable_on(window, palette.color(QPalette.ColorGroup.Disabled,
                                                 QPalette.ColorRole.WindowText), 1.8, 0.4)
    hover = highlight if contrast_ratio(highlight, window) >= CONTROL_CONTRAST else ink
    b, r, d, o, h = (c.name() for c in (base, ring, dot, disabled, hover))
    return (
        f"QRadioButton::indicator {{ width: 12px; height: 12px; border-radius: 8px;"
        f" border: 2px solid {r}; background: {b}; }}"
        f"QRadioButton::indicator:hover {{ border-color: {h}; }}"
        f"QRadioButton::indicator:checked {{ background: qradialgradient(cx:0.5, cy:0.5,"
        f" radius:0.5, fx:0.5, fy:0.5, stop:0 {d}, stop:0.5 {d}, stop:0.56 {b}, stop:1 {b}); }}"
        f"QRadioButton::indicator:disabled {{ border-color: {o}; }}"
    )


class _Restyle(QObject):
    """Re-applies :func:`radio_style` when the palette changes (a switch to dark mode)."""

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if isinstance(watched, QWidget) and event.type() in (
                QEvent.Type.PaletteChange, QEvent.Type.ApplicationPaletteChange):
            style = radio_style(watched.palette())
            if watched.styleSheet() != style:
                watched.setStyleSheet(style)
        return False


def readable_radios(widget: QWidget) -> None:
    """Give the radio buttons in ``widget`` indicators that read in this palette and the next."""
    widget.setStyleSheet(radio_style(widget.palette()))
    restyle = _Restyle(widget)
    widget.installEventFilter(restyle)
