"""Small widgets that tell the user what is happening: an error notice and a busy indicator.

Both show plain text only (Qt's rich text would follow ``<img src>`` to local files) and take
their colours from the palette, so they read well in light and dark mode alike.

``plain_label`` and ``plain_tooltip`` are the one way user text reaches a label or a tooltip
(item tooltips included: ``setItemData(..., plain_tooltip(text), ToolTipRole)``).
``tests/ui/test_hostile_text.py`` walks every widget and model of the demo window with
hostile titles, tags, code names, template purposes and set names to keep it so.
"""

from __future__ import annotations

import html

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QLabel,
    QProgressBar,
    QSizePolicy,
    QStyle,
    QVBoxLayout,
    QWidget,
)

from reflect.ui.widgets.messages import Failure


def error_colour(palette: QPalette) -> QColor:
    """A red that keeps its contrast on the current window colour (light or dark)."""
    dark = palette.color(QPalette.ColorRole.Window).lightness() < 128
    return QColor("#ff8a80") if dark else QColor("#b3261e")


def plain_label(text: str = "", *, wrap: bool = True, selectable: bool = False) -> QLabel:
    """A label that never interprets its text as HTML."""
    label = QLabel(text)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setWordWrap(wrap)
    if selectable:
        label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse
                                      | Qt.TextInteractionFlag.TextSelectableByKeyboard)
    return label


def plain_tooltip(text: str) -> str:
    """Tooltip text shown exactly as written. Qt guesses whether a tooltip is rich text, and
    would render tags in typed text (even ``<img src>``, which reads local files)."""
    if not text:
        return ""
    return f"<p style='white-space:pre-wrap'>{html.escape(text)}</p>"


def hint_label(text: str = "") -> QLabel:
    """Secondary text (reasons, hints) in the palette's muted colour."""
    label = plain_label(text)
    label.setForegroundRole(QPalette.ColorRole.PlaceholderText)
    return label


class ErrorNotice(QFrame):
    """A warning icon, a bold headline and a detail sentence; hidden while there is nothing."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("errorNotice")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setAccessibleName("Error")
        icon = self.style().standardIcon(QStyle.StandardPixmap.SP_MessageBoxWarning)
        self._icon = QLabel()
        self._icon.setPixmap(icon.pixmap(24, 24))
        self._icon.setAlignment(Qt.AlignmentFlag.AlignTop)
        self._headline = plain_label(selectable=True)
        font = self._headline.font()
        font.setBold(True)
        self._headline.setFont(font)
        self._detail = plain_label(selectable=True)
        grid = QGridLayout(self)  # a grid, unlike nested boxes, wraps the text to its height
        grid.setContentsMargins(10, 8, 10, 8)
        grid.setHorizontalSpacing(8)
        grid.setVerticalSpacing(2)
        grid.addWidget(self._icon, 0, 0, 2, 1, Qt.AlignmentFlag.AlignTop)
        grid.addWidget(self._headline, 0, 1)
        grid.addWidget(self._detail, 1, 1)
        grid.setColumnStretch(1, 1)
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Minimum)
        self._recolour()
        self.hide()

    def show_failure(self, failure: Failure) -> None:
        self._headline.setText(failure.headline)
        self._detail.setText(failure.detail)
        self._detail.setVisible(bool(failure.detail))
        self.setAccessibleDescription(failure.text)
        self.show()

    def clear(self) -> None:
        self._headline.clear()
        self._detail.clear()
        self.setAccessibleDescription("")
        self.hide()

    def text(self) -> str:
        """Everything the notice says, for tests and screen readers."""
        parts = [self._headline.text(), self._detail.text()]
        return "\n".join(p for p in parts if p)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() in (QEvent.Type.PaletteChange, QEvent.Type.ApplicationPaletteChange):
            self._recolour()
        super().changeEvent(event)

    def _recolour(self) -> None:
        palette = self._headline.palette()
        palette.setColor(QPalette.ColorRole.WindowText, error_colour(self.palette()))
        self._headline.setPalette(palette)


class BusyIndicator(QWidget):
    """An indeterminate bar and a sentence saying what is being waited for."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.bar = QProgressBar()
        self.bar.setRange(0, 0)
        self.bar.setTextVisible(False)
        self.bar.setMaximumHeight(8)
        self.bar.setAccessibleName("Working")
        self.label = hint_label()
        self.label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(4)
        layout.addWidget(self.bar)
        layout.addWidget(self.label)
        # Keep the space when hidden so the form does not jump when work starts.
        policy = self.sizePolicy()
        policy.setRetainSizeWhenHidden(True)
        self.setSizePolicy(policy)
        self.hide()

    def start(self, message: str) -> None:
        self.label.setText(message)
        self.bar.setAccessibleDescription(message)
        self.show()

    def stop(self) -> None:
        self.label.clear()
        self.hide()
