"""List and tree widgets shared by several pages."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QSize, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTreeWidget,
    QTreeWidgetItem,
)


class EnterTree(QTreeWidget):
    """A tree that reports Enter on the current item as its own signal. (``itemActivated``
    also fires on a double-click, or a single click on some desktops, so handlers that also
    listen to clicks would run twice.)"""

    enter_pressed = Signal(QTreeWidgetItem)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if (event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
                and self.currentIndex().isValid()):
            self.enter_pressed.emit(self.currentItem())
            return
        super().keyPressEvent(event)


class RoomyDelegate(QStyledItemDelegate):
    """Rows a little taller than the style's, for lists read at a glance. (A style sheet
    would do it too, but a widget with one stops following palette changes: dark mode.)"""

    def sizeHint(self, option: QStyleOptionViewItem,
                 index: QModelIndex | QPersistentModelIndex) -> QSize:
        return super().sizeHint(option, index) + QSize(0, 8)


def top_level_items(tree: QTreeWidget) -> list[QTreeWidgetItem]:
    """The tree's top-level items in order (``topLevelItem`` may return None; these don't)."""
    items = (tree.topLevelItem(i) for i in range(tree.topLevelItemCount()))
    return [item for item in items if item is not None]
