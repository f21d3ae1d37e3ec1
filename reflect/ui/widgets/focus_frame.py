"""A focus frame that can be seen: a 2-pixel ring in the palette's highlight colour.

Some widgets show no focus of their own in some styles: a flat toggle button (a section's
"Preview") or a selectable label (the recovery key). A keyboard user then cannot tell where
Tab went. :func:`show_focus_frame` lays a ring over the widget while it has the keyboard
focus; it takes the highlight colour of the current palette, so it reads in light and dark
mode alike, and it lets every click through.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QRectF, Qt
from PySide6.QtGui import QPainter, QPaintEvent, QPalette, QPen
from PySide6.QtWidgets import QWidget

RING = 2


class _Ring(QWidget):
    """Drawn over its parent, never taking a click or the focus."""

    def __init__(self, target: QWidget) -> None:
        super().__init__(target)
        self.setObjectName("focusFrame")
        self.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.hide()

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        pen = QPen(self.palette().color(QPalette.ColorRole.Highlight), RING)
        painter.setPen(pen)
        half = RING / 2
        painter.drawRoundedRect(QRectF(self.rect()).adjusted(half, half, -half, -half), 3, 3)


class _Follower(QObject):
    def __init__(self, target: QWidget, ring: _Ring) -> None:
        super().__init__(target)
        self.target, self.ring = target, ring

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()
        if kind == QEvent.Type.FocusIn:
            self.ring.setGeometry(self.target.rect())
            self.ring.raise_()
            self.ring.show()
        elif kind == QEvent.Type.FocusOut:
            self.ring.hide()
        elif kind == QEvent.Type.Resize:
            self.ring.setGeometry(self.target.rect())
        return False


def show_focus_frame(widget: QWidget) -> QWidget:
    """Draw a visible ring round ``widget`` while it has the keyboard focus; the ring."""
    ring = _Ring(widget)
    widget.installEventFilter(_Follower(widget, ring))
    return ring


def focus_frame_of(widget: QWidget) -> QWidget | None:
    """The ring :func:`show_focus_frame` put on ``widget``, if any (for tests)."""
    return widget.findChild(QWidget, "focusFrame", Qt.FindChildOption.FindDirectChildrenOnly)
