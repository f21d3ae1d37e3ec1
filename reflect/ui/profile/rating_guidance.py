"""Workbook 1's instructions beside its rating questions ("How to answer"), and the note on a
question Reflect corrected, shared by the rating form and an attribute's prompts.

The words are the workbook's (``resources/guidance.toml``), each with its source, so a leader
can tell them from Reflect's own hints. Folded, they take one line and the questions stay in
view; the rating form opens them for a leader's first rating.
"""

from __future__ import annotations

from collections.abc import Sequence
from itertools import groupby

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QGridLayout, QLabel, QToolButton, QVBoxLayout, QWidget

from reflect.content.guidance import Quote, rating_instructions
from reflect.content.library import Correction
from reflect.ui.widgets.feedback import hint_label, plain_label

TITLE = "How to answer: the workbook's instructions"


class _Body(QWidget):
    """Never shorter than its wrapped text needs at its width: a layout short of room would
    otherwise squeeze the quotes into one another instead of shrinking the list below."""

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        layout = self.layout()
        if layout is not None and layout.hasHeightForWidth():
            needed = layout.totalHeightForWidth(self.width())
            if needed != self.minimumHeight():
                self.setMinimumHeight(needed)


class HowToAnswer(QWidget):
    """A fold-out list of the workbook's instructions; each run of quotes from one place in the
    source is followed by that source."""

    def __init__(self, quotes: Sequence[Quote] | None = None, *, expanded: bool = False,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.quotes = tuple(rating_instructions() if quotes is None else quotes)
        self.toggle = QToolButton()
        self.toggle.setText(TITLE)
        self.toggle.setAccessibleName("How to answer")
        self.toggle.setToolTip("Show or hide the workbook's instructions (Space)")
        self.toggle.setCheckable(True)
        self.toggle.setAutoRaise(True)
        self.toggle.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.body = _Body()
        grid = QGridLayout(self.body)
        grid.setContentsMargins(22, 0, 0, 4)
        grid.setHorizontalSpacing(6)
        grid.setVerticalSpacing(4)
        grid.setColumnStretch(1, 1)
        self.labels: list[QLabel] = []
        row = 0
        for source, group in groupby(self.quotes, key=lambda quote: quote.source):
            if row:  # a little air between one source's quotes and the next
                grid.setRowMinimumHeight(row, 6)
                row += 1
            for quote in group:
                bullet = plain_label("•", wrap=False)
                text = plain_label(f"“{quote.text}”")
                # Mouse only: keyboard selection would put every quote in the Tab chain.
                text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
                grid.addWidget(bullet, row, 0, Qt.AlignmentFlag.AlignTop)
                grid.addWidget(text, row, 1)
                self.labels.append(text)
                row += 1
            cite = hint_label(source)
            cite.setAccessibleName("Source")
            grid.addWidget(cite, row, 1)
            self.labels.append(cite)
            row += 1
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addWidget(self.toggle, 0, Qt.AlignmentFlag.AlignLeft)
        layout.addWidget(self.body)
        self.toggle.toggled.connect(self._show_body)
        self.set_expanded(expanded)
        self._show_body(expanded)

    def set_expanded(self, expanded: bool) -> None:
        self.toggle.setChecked(expanded)

    def is_expanded(self) -> bool:
        return self.toggle.isChecked()

    def _show_body(self, expanded: bool) -> None:
        self.body.setVisible(expanded)
        self.toggle.setArrowType(Qt.ArrowType.DownArrow if expanded else Qt.ArrowType.RightArrow)
        if expanded and self.isVisible():
            QTimer.singleShot(0, self._grow_window)

    def _grow_window(self) -> None:
        """Make the dialog tall enough for the opened text (within the screen): a layout
        squeezes wrapped labels into one another rather than ask for the height they need."""
        window = self.window()
        layout = window.layout()
        if layout is None or not window.isVisible():
            return
        needed = layout.totalHeightForWidth(window.width())
        if needed < 0:
            needed = layout.totalSizeHint().height()
        screen = window.screen().availableGeometry().height() if window.screen() else needed
        window.resize(window.width(), min(max(window.height(), needed), round(screen * 0.95)))

    def shown_text(self) -> str:
        """What the leader reads when it is open (for tests and screen readers)."""
        return "\n".join(label.text() for label in self.labels)


def correction_label(correction: Correction | None) -> QLabel | None:
    """What the source printed, under a question Reflect corrected; None if it was not."""
    if correction is None:
        return None
    label = hint_label(correction.note())
    label.setAccessibleName("What the source printed")
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    return label
