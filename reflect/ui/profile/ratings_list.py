"""Every stored rating (self, target, 360), newest first, so a mistaken one can be corrected.

A rating typed wrong (a 2 for a 4, the wrong rater group, a self-rating that was meant as a
target) used to stay for good. Here Enter (or Edit…) reopens it in the rating form, Delete
removes it, and either can be undone from the bar that follows, or with Ctrl+Z while the bar
shows — the Journal page's trash undo, reused. The page redraws the radar on ``changed``.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from reflect.common.dates import uk_date
from reflect.common.errors import ReflectError
from reflect.content.library import Attribute
from reflect.journal.journal import Journal
from reflect.profile import ratings as profile_domain
from reflect.profile.ratings import KIND_LABELS, RatingValue, format_score
from reflect.ui.journal.page import UndoBar
from reflect.ui.widgets.feedback import hint_label, plain_tooltip

COLUMNS = ("Date", "Whose", "Attribute", "Score", "Rater group", "Note")
ID_ROLE = Qt.ItemDataRole.UserRole
VISIBLE_ROWS = 10


class RatingsTable(QTableWidget):
    """The list itself: Enter edits the selected rating, Delete removes it."""

    edit_pressed = Signal()
    delete_pressed = Signal()

    def keyPressEvent(self, event) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self.currentRow() >= 0:
            self.edit_pressed.emit()
        elif event.key() in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace) and self.currentRow() >= 0:
            self.delete_pressed.emit()
        else:
            super().keyPressEvent(event)


class RatingsList(QWidget):
    """See the module docstring. ``edit_requested(value)`` asks the page for the form."""

    edit_requested = Signal(object)  # RatingValue
    changed = Signal()

    def __init__(self, journal: Journal, attributes: Sequence[Attribute],
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.journal = journal
        self.names = {a.id: a.short_name for a in attributes}
        self.values: list[RatingValue] = []
        self.table = RatingsTable(0, len(COLUMNS))
        self.table.setAccessibleName("All ratings")
        self.table.setHorizontalHeaderLabels(list(COLUMNS))
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.verticalHeader().hide()
        self.table.setWordWrap(False)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.empty = hint_label("No ratings yet.")
        self.edit_button = QPushButton("Edit…")
        self.edit_button.setToolTip("Correct the selected rating (Enter)")
        self.delete_button = QPushButton("Delete")
        self.delete_button.setToolTip("Delete the selected rating (Delete); you can undo it")
        self.undo_bar = UndoBar()
        self._undo: Callable[[], None] | None = None
        buttons = QHBoxLayout()
        buttons.addWidget(self.edit_button)
        buttons.addWidget(self.delete_button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(6)
        layout.addWidget(hint_label("Select a rating to correct it (Enter) or delete it "
                                    "(Delete); Ctrl+Z undoes either while the notice shows."))
        layout.addWidget(self.empty)
        layout.addWidget(self.table)
        layout.addLayout(buttons)
        layout.addWidget(self.undo_bar)
        self.edit_button.clicked.connect(self.edit_selected)
        self.delete_button.clicked.connect(self.delete_selected)
        self.table.edit_pressed.connect(self.edit_selected)
        self.table.delete_pressed.connect(self.delete_selected)
        self.table.itemDoubleClicked.connect(lambda _item: self.edit_selected())
        self.table.itemSelectionChanged.connect(self._enable)
        undo = QShortcut(QKeySequence("Ctrl+Z"), self)
        undo.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        undo.activated.connect(self.undo)

    # -- showing -------------------------------------------------------------------------------
    def reload(self, select: int | None = None) -> None:
        """Re-read every rating; keep (or move to) ``select``'s row, else the same row."""
        keep = self.selected()
        row_before = self.table.currentRow()
        order = {attribute_id: n for n, attribute_id in enumerate(self.names)}
        # Newest day first; within a day, the latest round first, in the radar's order.
        self.values = sorted(profile_domain.ratings(self.journal), key=lambda v: (
            -v.rated_on.toordinal(), -(v.created_at.timestamp() if v.created_at else 0),
            order.get(v.attribute_id, len(order)), -v.id))
        self.table.setRowCount(len(self.values))
        for row, value in enumerate(self.values):
            cells = (uk_date(value.rated_on, short=True), KIND_LABELS.get(value.kind, value.kind),
                     self.names.get(value.attribute_id, value.attribute_id),
                     "not observed" if value.score is None else format_score(value.score),
                     value.rater_group or "", " ".join(value.note.split()))
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setData(ID_ROLE, value.id)
                if column == len(COLUMNS) - 1 and text:
                    item.setToolTip(plain_tooltip(value.note))  # typed text: never markup
                self.table.setItem(row, column, item)
        self.table.resizeColumnsToContents()
        self.table.horizontalHeader().setSectionResizeMode(
            len(COLUMNS) - 1, QHeaderView.ResizeMode.Stretch)  # the note takes what is left
        shown = min(len(self.values), VISIBLE_ROWS)  # more rows scroll inside the list
        self.table.setFixedHeight(self.table.horizontalHeader().height()
                                  + 2 * self.table.frameWidth() + 2
                                  + sum(self.table.rowHeight(r) for r in range(shown)))
        self.table.setVisible(bool(self.values))
        self.empty.setVisible(not self.values)
        wanted = select if select is not None else (keep.id if keep else None)
        ids = [v.id for v in self.values]
        if wanted in ids:
            self.table.selectRow(ids.index(wanted))
        elif self.values and row_before >= 0:
            self.table.selectRow(min(row_before, len(self.values) - 1))
        self._enable()

    def selected(self) -> RatingValue | None:
        row = self.table.currentRow()
        rows = {i.row() for i in self.table.selectedItems()}
        return self.values[row] if 0 <= row < len(self.values) and row in rows else None

    def row_texts(self) -> list[tuple[str, ...]]:
        """What each row shows (for tests and screen readers)."""
        return [tuple(item.text() if (item := self.table.item(r, c)) else ""
                      for c in range(len(COLUMNS)))
                for r in range(self.table.rowCount())]

    def _enable(self) -> None:
        chosen = self.selected() is not None
        self.edit_button.setEnabled(chosen)
        self.delete_button.setEnabled(chosen)

    # -- acting --------------------------------------------------------------------------------
    def edit_selected(self) -> None:
        value = self.selected()
        if value is not None:
            self.edit_requested.emit(value)

    def delete_selected(self) -> None:
        value = self.selected()
        if value is None:
            return
        try:
            gone = profile_domain.delete_rating(self.journal, value.id)
        except ReflectError as exc:
            self._tell(f"The rating was not deleted. {exc}")
            return
        self.reload()
        self.changed.emit()
        if gone is not None:
            text = profile_domain.rating_text(gone, self.names)
            self._offer(f"Deleted the rating “{text}”.", lambda: self._put_back(gone))
        self.table.setFocus()

    def corrected(self, before: RatingValue, after: RatingValue) -> None:
        """The form stored a correction: show it selected, and offer to undo it."""
        self.reload(select=after.id)
        self._offer(f"Corrected the rating “{profile_domain.rating_text(after, self.names)}”.",
                    lambda: self._revert(before))

    def undo(self) -> None:
        """Ctrl+Z: the last delete or correction, while its notice shows."""
        if self._undo is not None and not self.undo_bar.isHidden():
            self.undo_bar.trigger()

    def _offer(self, text: str, action: Callable[[], None]) -> None:
        self._undo = action
        self.undo_bar.show_message(text, "Undo", action)

    def _tell(self, text: str) -> None:
        self._undo = None
        self.undo_bar.show_message(text, "OK", lambda: None)

    def _put_back(self, value: RatingValue) -> None:
        self._undo = None
        try:
            profile_domain.restore_rating(self.journal, value)
        except ReflectError as exc:
            self._tell(f"The rating could not be put back. {exc}")
            return
        self.reload(select=value.id)
        self.changed.emit()

    def _revert(self, value: RatingValue) -> None:
        self._undo = None
        try:
            profile_domain.update_rating(
                self.journal, value.id, score=value.score, kind=value.kind,
                rated_on=value.rated_on, rater_group=value.rater_group,
                target_by=value.target_by, note=value.note)
        except ReflectError as exc:
            self._tell(f"The correction could not be undone. {exc}")
            return
        self.reload(select=value.id)
        self.changed.emit()
