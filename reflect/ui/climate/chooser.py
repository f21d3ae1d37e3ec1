"""A 1–5 chooser that is one stop for Tab: Left/Right (or Up/Down) move the choice, a digit
chooses, 0, Delete or Backspace clears it (a dimension left empty is skipped), a click chooses
a box. Painted from the palette, so it reads in light and dark alike; the focus shows as a
frame round the whole row and the chosen box is filled with the highlight colour.
"""

from __future__ import annotations

from PySide6.QtCore import QRectF, QSize, Qt, Signal
from PySide6.QtGui import QKeyEvent, QMouseEvent, QPainter, QPalette, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget

from reflect.ui.widgets.contrast import mix

POINTS = 5


class ScoreChooser(QWidget):
    """``value()`` is 1–5 or None; ``changed(value or 0)`` on every change."""

    changed = Signal(int)

    def __init__(self, name: str, words: tuple[str, ...] = (),
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.name = name
        self.words = words
        self._value: int | None = None
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
        self._describe()

    def sizeHint(self) -> QSize:
        metrics = self.fontMetrics()
        box = max(metrics.height() + 10, metrics.horizontalAdvance("5") + 18)
        return QSize(box * POINTS + 4, metrics.height() + 12)

    def minimumSizeHint(self) -> QSize:
        return self.sizeHint()

    def value(self) -> int | None:
        return self._value

    def set_value(self, value: int | None) -> None:
        value = value if value in range(1, POINTS + 1) else None
        if value != self._value:
            self._value = value
            self._describe()
            self.update()
            self.changed.emit(value or 0)

    def _describe(self) -> None:
        if self._value is None:
            text = "not chosen"
        else:
            word = self.words[self._value - 1] if len(self.words) >= self._value else ""
            text = f"{self._value} out of 5" + (f", {word}" if word else "")
        self.setAccessibleName(f"{self.name}: {text}")
        self.setToolTip(f"{self.name}: {text}. Left and Right change it; 0 clears it.")

    def _boxes(self) -> list[QRectF]:
        width = (self.width() - 4) / POINTS
        return [QRectF(2 + i * width, 2, width, self.height() - 4) for i in range(POINTS)]

    def paintEvent(self, _event) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        palette = self.palette()
        base = palette.color(QPalette.ColorRole.Base)
        ink = palette.color(QPalette.ColorRole.Text)
        line = mix(base, ink, 0.45)
        highlight = palette.color(QPalette.ColorRole.Highlight)
        for index, box in enumerate(self._boxes()):
            chosen = self._value == index + 1
            painter.setPen(QPen(line, 1))
            painter.setBrush(highlight if chosen else base)
            painter.drawRect(box.adjusted(0.5, 0.5, -0.5, -0.5))
            font = self.font()
            font.setBold(chosen)
            painter.setFont(font)
            painter.setPen(palette.color(QPalette.ColorRole.HighlightedText) if chosen else ink)
            painter.drawText(box, int(Qt.AlignmentFlag.AlignCenter), str(index + 1))
        if self.hasFocus():
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.setPen(QPen(highlight, 2))
            painter.drawRoundedRect(QRectF(self.rect()).adjusted(1, 1, -1, -1), 3, 3)
        painter.end()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key = event.key()
        current = self._value or 0
        if key in (Qt.Key.Key_Right, Qt.Key.Key_Up):
            self.set_value(min(POINTS, current + 1))
        elif key in (Qt.Key.Key_Left, Qt.Key.Key_Down):
            self.set_value(max(1, current - 1) if current else 1)
        elif key in (Qt.Key.Key_Home, Qt.Key.Key_End):
            self.set_value(1 if key == Qt.Key.Key_Home else POINTS)
        elif key in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace) or event.text() == "0":
            self.set_value(None)
        elif event.text() in ("1", "2", "3", "4", "5"):
            self.set_value(int(event.text()))
        else:
            super().keyPressEvent(event)

    def mousePressEvent(self, event: QMouseEvent) -> None:
        if event.button() == Qt.MouseButton.LeftButton:
            hit = next((i for i, box in enumerate(self._boxes())
                        if box.contains(event.position())), None)
            if hit is not None:
                self.setFocus(Qt.FocusReason.MouseFocusReason)
                self.set_value(hit + 1)
                return
        super().mousePressEvent(event)

    def focusInEvent(self, event) -> None:
        super().focusInEvent(event)
        self.update()

    def focusOutEvent(self, event) -> None:
        super().focusOutEvent(event)
        self.update()
