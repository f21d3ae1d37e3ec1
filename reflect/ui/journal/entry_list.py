"""The entry list: a model that reads rows a page at a time when shown, and a delegate
that draws them.

A journal may hold 100,000 entries. The model counts them and reads a page of light
:class:`EntrySummary` rows (no bodies) only when one of its rows is painted, so opening the
page costs one count and one small query whatever the size, and the scroll bar is true. Rows
are drawn as plain text with the painter, so no title or tag can be read as markup.
"""

from __future__ import annotations

import logging
import re
from collections import OrderedDict

from PySide6.QtCore import (
    QAbstractListModel,
    QEvent,
    QItemSelectionModel,
    QModelIndex,
    QPersistentModelIndex,
    QRect,
    QRectF,
    QSize,
    Qt,
    Signal,
)
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontMetrics,
    QPainter,
    QPainterPath,
    QPaintEvent,
    QPalette,
    QPen,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QStyle,
    QStyledItemDelegate,
    QTableView,
    QWidget,
)

from reflect.common.dates import uk_date
from reflect.common.markdown_render import plain_text
from reflect.journal.journal import Journal
from reflect.store.queries import EntryFilter, EntrySummary
from reflect.ui.widgets.feedback import plain_tooltip

log = logging.getLogger(__name__)

SUMMARY_ROLE = Qt.ItemDataRole.UserRole + 1
ENTRY_ID_ROLE = Qt.ItemDataRole.UserRole + 2
PAGE_SIZE = 100

Index = QModelIndex | QPersistentModelIndex
_ROOT = QModelIndex()
# Heading hashes, bullets and quote marks: the row preview has its line breaks collapsed, so
# Markdown would leave them as literal "## " or " - " in the middle of the words.
_BLOCK_MARKS = re.compile(r"(?:^|(?<=\s))(?:#{1,6}|[-*+>])(?=\s)")


class EntryListModel(QAbstractListModel):
    """Summaries matching a filter, newest first: as many rows as entries match, each page
    of rows read when first shown.

    The model knows the count, so the scroll bar covers the whole list and dragging it (or
    Ctrl+End) goes anywhere at once. A page below one already read continues from its last
    row (keyset: same cost at any depth); a page reached by a jump is read by its position in
    the live-order index. At most ``MAX_PAGES`` pages stay in memory.
    """

    MAX_PAGES = 100

    def __init__(self, journal: Journal, entry_filter: EntryFilter | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.journal = journal
        self._filter = entry_filter or EntryFilter()
        self._pages: OrderedDict[int, list[EntrySummary]] = OrderedDict()
        self._total = 0
        self._previews: dict[tuple[int, str], str] = {}  # kept across reloads

    # -- loading -------------------------------------------------------------------------------
    @property
    def entry_filter(self) -> EntryFilter:
        return self._filter

    @property
    def total(self) -> int:
        """How many entries match the filter (loaded or not)."""
        return self._total

    def set_filter(self, entry_filter: EntryFilter) -> None:
        self._filter = entry_filter
        self.reload()

    def reload(self, keep_loaded: bool = False) -> None:
        """Count again and forget the rows read; the rows shown are read again when painted.
        (``keep_loaded`` is kept for callers: every row stays reachable either way.)"""
        del keep_loaded
        self.beginResetModel()
        self._pages.clear()
        try:
            self._total = self.journal.count_entries(self._filter)
        except Exception as exc:  # a locked or failing journal shows an empty list
            log.warning("the entry list could not be read: %s", type(exc).__name__)
            self._total = 0
        self.endResetModel()

    def _page(self, number: int) -> list[EntrySummary]:
        found = self._pages.get(number)
        if found is not None:
            self._pages.move_to_end(number)
            return found
        above = self._pages.get(number - 1)
        try:
            if above and len(above) == PAGE_SIZE:
                rows = self.journal.list_summaries(self._filter, PAGE_SIZE, after=above[-1])
            else:
                rows = self.journal.list_summaries(self._filter, PAGE_SIZE, number * PAGE_SIZE)
        except Exception as exc:
            log.warning("entries could not be read: %s", type(exc).__name__)
            rows = []
        self._pages[number] = rows
        while len(self._pages) > self.MAX_PAGES:
            self._pages.popitem(last=False)
        return rows

    # -- reading -------------------------------------------------------------------------------
    def rowCount(self, parent: Index = _ROOT) -> int:
        return 0 if parent.isValid() else self._total

    def summary(self, row: int) -> EntrySummary | None:
        if not 0 <= row < self._total:
            return None
        rows = self._page(row // PAGE_SIZE)
        at = row % PAGE_SIZE
        return rows[at] if at < len(rows) else None  # None: the journal changed meanwhile

    @property
    def loaded_rows(self) -> int:
        """How many rows are held in memory now (the pages shown or passed)."""
        return sum(len(rows) for rows in self._pages.values())

    def row_of(self, entry_id: int) -> int:
        """The row showing ``entry_id``, or -1 when it is not in this list."""
        for number, rows in self._pages.items():
            for at, summary in enumerate(rows):
                if summary.entry_id == entry_id:
                    return number * PAGE_SIZE + at
        try:
            found = self.journal.entry_position(entry_id, self._filter)
        except Exception as exc:
            log.warning("the entry's place could not be read: %s", type(exc).__name__)
            return -1
        return -1 if found is None or found >= self._total else found

    def preview(self, summary: EntrySummary) -> str:
        """The first words without Markdown marks, made once per row when it is first shown."""
        key = (summary.entry_id, summary.preview)
        found = self._previews.get(key)
        if found is None:
            if len(self._previews) >= self.MAX_PAGES * PAGE_SIZE:
                self._previews.clear()
            words = _BLOCK_MARKS.sub(" ", summary.preview)
            found = self._previews[key] = plain_text(words)[:160]
        return found

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole):
        summary = self.summary(index.row()) if index.isValid() else None
        if summary is None:
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return summary.title or "Untitled"
        if role == SUMMARY_ROLE:
            return summary
        if role == ENTRY_ID_ROLE:
            return summary.entry_id
        if role == Qt.ItemDataRole.AccessibleTextRole:
            return describe(summary)
        if role == Qt.ItemDataRole.ToolTipRole:  # Qt would read tags in a title as HTML
            return plain_tooltip(describe(summary))
        return None


def describe(summary: EntrySummary) -> str:
    """One sentence a screen reader (or a tooltip) can say for a row."""
    parts = [summary.title or "Untitled", uk_date(summary.happened_on, short=True)]
    if summary.tags:
        parts.append("tags " + ", ".join(summary.tags))
    if summary.sensitive:
        parts.append("sensitive")
    if summary.share_with_mentor:
        parts.append("shared with mentor")
    return "; ".join(parts)


class EntryDelegate(QStyledItemDelegate):
    """Title and date, a preview line, then tag chips; a padlock marks sensitive entries."""

    PAD = 10

    @classmethod
    def row_height(cls, metrics: QFontMetrics) -> int:
        return cls.PAD * 2 + metrics.height() * 3 + 10

    def sizeHint(self, option, index: Index) -> QSize:
        return QSize(200, self.row_height(option.fontMetrics))

    def paint(self, painter: QPainter, option, index: Index) -> None:
        summary = index.data(SUMMARY_ROLE)
        if summary is None:
            return super().paint(painter, option, index)
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        palette: QPalette = option.palette
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        if selected:
            painter.fillRect(option.rect, palette.color(QPalette.ColorRole.Highlight))
            text = palette.color(QPalette.ColorRole.HighlightedText)
            muted = QColor(text)
            muted.setAlphaF(0.8)
        else:
            text = palette.color(QPalette.ColorRole.Text)
            muted = palette.color(QPalette.ColorRole.PlaceholderText)
            # A hairline between rows, in the muted colour so it shows on dark and light.
            rule = QColor(muted)
            rule.setAlphaF(0.25)
            painter.setPen(rule)
            painter.drawLine(option.rect.bottomLeft(), option.rect.bottomRight())
        rect = option.rect.adjusted(self.PAD + 2, self.PAD, -self.PAD - 2, -self.PAD)
        metrics = option.fontMetrics
        line = metrics.height()

        # Line 1: the title in bold, the whole width (a padlock at the end when sensitive).
        right = rect.right()
        if summary.sensitive:
            size = int(line * 0.8)
            lock = QRect(right - size, rect.top() + (line - size) // 2, size, size)
            _draw_padlock(painter, lock, muted)
            right = lock.left() - 6
        bold = QFont(option.font)
        bold.setBold(True)
        painter.setFont(bold)
        painter.setPen(text)
        title_rect = QRect(rect.left(), rect.top(), max(0, right - rect.left()), line)
        title = painter.fontMetrics().elidedText(summary.title or "Untitled",
                                                 Qt.TextElideMode.ElideRight, title_rect.width())
        painter.drawText(title_rect, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
                         title)

        # Line 2: the date it happened, then the first words of the body.
        painter.setFont(option.font)
        painter.setPen(text)
        row = QRect(rect.left(), rect.top() + line + 3, rect.width(), line)
        date_text = uk_date(summary.happened_on, short=True)
        painter.drawText(row, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
                         date_text)
        shift = metrics.horizontalAdvance(date_text + "  ")
        painter.setPen(muted)
        model = index.model()
        words = model.preview(summary) if isinstance(model, EntryListModel) else summary.preview
        words_rect = row.adjusted(shift, 0, 0, 0)
        painter.drawText(words_rect, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
                         metrics.elidedText(words, Qt.TextElideMode.ElideRight,
                                            words_rect.width()))

        # Line 3: tags as chips, as many as fit.
        if summary.tags:
            _draw_chips(painter, option, summary.tags,
                        QRect(rect.left(), rect.top() + 2 * line + 7, rect.width(), line),
                        text, selected)
        painter.restore()


def _draw_padlock(painter: QPainter, box: QRect, colour: QColor) -> None:
    """A small drawn padlock: no icon font or emoji needed, and it takes the text colour."""
    painter.save()
    pen = QPen(colour, max(1.2, box.width() / 9))
    painter.setPen(pen)
    shackle = QRectF(box.left() + box.width() * 0.25, box.top(),
                     box.width() * 0.5, box.height() * 0.7)
    path = QPainterPath()
    path.moveTo(shackle.left(), shackle.center().y())
    path.arcTo(shackle, 180, -180)
    painter.drawPath(path)
    body = QRectF(box.left() + box.width() * 0.1, box.top() + box.height() * 0.42,
                  box.width() * 0.8, box.height() * 0.58)
    painter.setBrush(colour)
    painter.drawRoundedRect(body, 1.5, 1.5)
    painter.restore()


def _draw_chips(painter: QPainter, option, tags: tuple[str, ...], area: QRect,
                text: QColor, selected: bool) -> None:
    small = QFont(option.font)
    small.setPointSizeF(max(6.0, option.font.pointSizeF() * 0.85))
    painter.setFont(small)
    metrics = painter.fontMetrics()
    fill = QColor(text if selected else option.palette.color(QPalette.ColorRole.Highlight))
    fill.setAlphaF(0.22 if selected else 0.16)
    x = area.left()
    for tag in tags:
        width = metrics.horizontalAdvance(tag) + 14
        if x + width > area.right():
            more = f"+{len(tags) - tags.index(tag)}"
            painter.setPen(text)
            painter.drawText(QRect(x, area.top(), area.right() - x, area.height()),
                             Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, more)
            break
        chip = QRect(x, area.top(), width, area.height())
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(fill)
        painter.drawRoundedRect(chip, area.height() / 2, area.height() / 2)
        painter.setPen(text)
        painter.drawText(chip, Qt.AlignmentFlag.AlignCenter, tag)
        x += width + 5


class EntryListView(QTableView):
    """A list of entries: one selection, rows of one height, keyboard first.

    A one-column table, not a QListView: a list view lays out every item again after each
    change of the model (0.4 s at 100,000 rows, after every save), where a table's rows of a
    fixed height cost nothing until painted. Home and End go to the first and last entry as in
    a list. ``entry_chosen`` fires when the user moves to another row (mouse or arrow keys),
    not when the program selects a row with :meth:`select_entry`.
    """

    entry_chosen = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setShowGrid(False)
        self.setWordWrap(False)
        self.setTabKeyNavigation(False)  # Tab leaves the list, as it did
        self.setCornerButtonEnabled(False)
        self.horizontalHeader().hide()
        self.horizontalHeader().setStretchLastSection(True)
        rows = self.verticalHeader()
        rows.hide()
        rows.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.setItemDelegate(EntryDelegate(self))
        self._fit_rows()
        self._quiet = False
        self._placeholder = ""

    def _fit_rows(self) -> None:
        self.verticalHeader().setDefaultSectionSize(EntryDelegate.row_height(self.fontMetrics()))

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.FontChange:
            self._fit_rows()

    def moveCursor(self, cursorAction: QAbstractItemView.CursorAction,
                   modifiers: Qt.KeyboardModifier) -> QModelIndex:
        """Home/End (with or without Ctrl) go to the newest/oldest entry, not along a row."""
        model = self.model()
        if model is not None and model.rowCount() and cursorAction in (
                QAbstractItemView.CursorAction.MoveHome, QAbstractItemView.CursorAction.MoveEnd):
            last = cursorAction == QAbstractItemView.CursorAction.MoveEnd
            return model.index(model.rowCount() - 1 if last else 0, 0)
        return super().moveCursor(cursorAction, modifiers)

    def set_placeholder(self, text: str) -> None:
        """What an empty list says instead of showing a blank box."""
        self._placeholder = text
        self.viewport().update()

    def paintEvent(self, event: QPaintEvent) -> None:
        super().paintEvent(event)
        model = self.model()
        if self._placeholder and model is not None and model.rowCount() == 0:
            painter = QPainter(self.viewport())
            painter.setPen(self.palette().color(QPalette.ColorRole.PlaceholderText))
            area = self.viewport().rect().adjusted(16, 24, -16, -16)
            painter.drawText(area, int(Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop
                                       | Qt.TextFlag.TextWordWrap), self._placeholder)
            painter.end()

    def currentChanged(self, current: Index, previous: Index) -> None:
        super().currentChanged(current, previous)
        if not self._quiet and current.isValid():
            self.entry_chosen.emit(int(current.data(ENTRY_ID_ROLE)))

    def current_entry_id(self) -> int | None:
        index = self.currentIndex()
        return index.data(ENTRY_ID_ROLE) if index.isValid() else None

    def select_entry(self, entry_id: int | None) -> bool:
        """Make ``entry_id`` current without emitting ``entry_chosen``; False (and nothing
        selected) when the entry is not among the loaded rows."""
        model = self.model()
        row = model.row_of(entry_id) if isinstance(model, EntryListModel) and entry_id else -1
        selection = self.selectionModel()
        self._quiet = True
        try:
            if row < 0:
                selection.clear()
                selection.setCurrentIndex(QModelIndex(),
                                          QItemSelectionModel.SelectionFlag.NoUpdate)
            else:
                index = model.index(row, 0)
                selection.setCurrentIndex(index,
                                          QItemSelectionModel.SelectionFlag.ClearAndSelect)
                self.scrollTo(index)
        finally:
            self._quiet = False
        return row >= 0
