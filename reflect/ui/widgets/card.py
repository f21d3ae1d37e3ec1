"""Cards: the centred column the locked screens share (create, recovery key, unlock), and
the titled sections that Home is made of.

A narrow column keeps the few controls together on a wide window and leaves room to breathe
at 900x600; the page scrolls rather than clips when the window is small or the font large.
"""

from __future__ import annotations

from PySide6.QtGui import QPalette, QResizeEvent
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QScrollArea, QVBoxLayout, QWidget

from reflect.ui.widgets.feedback import plain_label

CARD_WIDTH = 460
MIN_WIDTH = 280
MARGIN = 24
TOP_MARGIN = 56


class CardPage(QScrollArea):
    """A scrollable page with a centred column; add widgets to ``self.column``."""

    def __init__(self, parent: QWidget | None = None, width: int = CARD_WIDTH) -> None:
        super().__init__(parent)
        self.setWidgetResizable(True)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self._width = width
        inner = QWidget()
        self.card = QWidget()
        self.card.setFixedWidth(width)
        self.column = QVBoxLayout(self.card)
        self.column.setContentsMargins(0, 0, 0, 0)
        self.column.setSpacing(10)
        outer = QVBoxLayout(inner)
        # A fixed top margin rather than vertical centring: when a busy bar or an error
        # appears below the button, the fields the user is typing in do not move.
        outer.setContentsMargins(MARGIN, TOP_MARGIN, MARGIN, MARGIN)
        # A row with stretches, not an alignment flag: an aligned item is asked for its
        # height at the full row width, so wrapped labels would come up a line short.
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(self.card)
        row.addStretch(1)
        outer.addLayout(row)
        outer.addStretch(1)
        self.setWidget(inner)

    def resizeEvent(self, event: QResizeEvent) -> None:
        """A fixed column width (narrower only when the window is) lets wrapped labels get
        the height they need at that width; a free width leaves them clipped."""
        room = self.viewport().width() - 2 * MARGIN
        self.card.setFixedWidth(max(MIN_WIDTH, min(self._width, room)))
        super().resizeEvent(event)


def heading(text: str, scale: float = 1.6) -> QLabel:
    """A large bold plain-text title, scaled from the user's font (high-DPI and a11y safe)."""
    label = plain_label(text)
    font = label.font()
    font.setPointSizeF(font.pointSizeF() * scale)
    font.setBold(True)
    label.setFont(font)
    label.setAccessibleName(text)
    return label


class Section(QFrame):
    """A titled card on the palette's base colour; put its content in ``self.body``."""

    def __init__(self, title: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setBackgroundRole(QPalette.ColorRole.Base)
        self.setAutoFillBackground(True)
        self.setAccessibleName(title)
        self.title = heading(title, scale=1.1)
        self.body = QVBoxLayout()
        self.body.setSpacing(8)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(18, 14, 18, 16)
        layout.setSpacing(10)
        layout.addWidget(self.title)
        layout.addLayout(self.body)
