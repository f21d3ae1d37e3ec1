"""The trend across check-ins of one perspective: a row per dimension, a column per check-in
(oldest on the left, the latest six), each cell "now / ideal", and the change in "now" from
the first to the latest with an arrow. Numbers in a table rather than lines on a chart: six
small series read more exactly this way, and a screen reader reads them cell by cell.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableWidget, QTableWidgetItem

from reflect.climate.views import TrendLine
from reflect.common.dates import uk_numeric

SHOWN = 6


def change_text(change: int | None) -> str:
    if change is None:
        return "–"
    if change == 0:
        return "no change"
    return f"{'↑' if change > 0 else '↓'} {change:+d}".replace("-", "−")


class TrendTable(QTableWidget):
    """See the module docstring."""

    def __init__(self) -> None:
        super().__init__(0, 0)
        self.setAccessibleName("Team climate across check-ins")
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.verticalHeader().hide()
        self.setWordWrap(False)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)

    def show_trend(self, lines: Sequence[TrendLine]) -> None:
        days = lines[0].days[-SHOWN:] if lines else ()
        first = len(lines[0].days) - len(days) if lines else 0
        self.clear()
        self.setColumnCount(len(days) + 2)
        self.setRowCount(len(lines))
        self.setHorizontalHeaderLabels(["Dimension (now / ideal)",
                                        *(uk_numeric(d) for d in days), "Change in now"])
        for row, line in enumerate(lines):
            self.setItem(row, 0, QTableWidgetItem(line.name))
            for column, (now, ideal) in enumerate(zip(line.now[first:], line.ideal[first:],
                                                      strict=True), start=1):
                cell = QTableWidgetItem("–" if now is None else f"{now} / {ideal}")
                cell.setTextAlignment(Qt.AlignmentFlag.AlignCenter)
                self.setItem(row, column, cell)
            change = QTableWidgetItem(change_text(line.change()))
            change.setTextAlignment(Qt.AlignmentFlag.AlignCenter)
            self.setItem(row, len(days) + 1, change)
        self.resizeColumnsToContents()
        self.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        height = self.horizontalHeader().height() + 2 * self.frameWidth()
        height += sum(self.rowHeight(r) for r in range(self.rowCount()))
        self.setFixedHeight(height)
        self.setMaximumWidth(self.horizontalHeader().length() + 2 * self.frameWidth() + 2)

    def cell_text(self, row: int, column: int) -> str:
        item = self.item(row, column)
        return item.text() if item is not None else ""
