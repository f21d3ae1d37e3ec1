"""Showing a place in a form: the field scrolled into view, focused, the cursor at the match.

Opening a search hit uses it, so the user lands on the words that matched rather than the top
of a long entry or record.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import QLineEdit, QPlainTextEdit, QScrollArea, QTextEdit, QWidget


def reveal_widget(widget: QWidget, offset: int = 0, area: QScrollArea | None = None) -> bool:
    """Focus ``widget`` with its cursor ``offset`` characters in (clamped to its text), and
    scroll ``area`` (if any) and the widget itself so that the cursor is on screen."""
    if isinstance(widget, QPlainTextEdit | QTextEdit):
        cursor = widget.textCursor()
        end = len(widget.toPlainText())
        cursor.setPosition(max(0, min(offset, end)), QTextCursor.MoveMode.MoveAnchor)
        widget.setTextCursor(cursor)
    elif isinstance(widget, QLineEdit):
        widget.setCursorPosition(max(0, min(offset, len(widget.text()))))
    _scroll_to_cursor(widget, area)
    # Once more after the page settles: a bar shown as the page opens (a restored draft, a
    # status line) can shrink the view and push the line back out of sight.
    QTimer.singleShot(0, widget, lambda: _scroll_to_cursor(widget, area))
    widget.window().activateWindow()  # a dialog (search) may just have closed over it
    widget.setFocus(Qt.FocusReason.OtherFocusReason)
    return True


def _scroll_to_cursor(widget: QWidget, area: QScrollArea | None) -> None:
    inner = area.widget() if area is not None else None
    if area is not None and inner is not None and inner.isAncestorOf(widget):
        area.ensureWidgetVisible(widget, 0, 40)
        if isinstance(widget, QPlainTextEdit | QTextEdit):  # the cursor's line, not the top
            point = widget.viewport().mapTo(inner, widget.cursorRect().center())
            area.ensureVisible(point.x(), point.y(), 0, 60)
    if isinstance(widget, QPlainTextEdit | QTextEdit):
        widget.ensureCursorVisible()
