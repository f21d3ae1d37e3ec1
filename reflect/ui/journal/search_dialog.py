"""Ctrl+F: find any entry as you type, from the encrypted full-text index.

Results come from :meth:`Journal.search` (titles, bodies, template sections and tags), which
returns light rows and a snippet, never a whole body, so typing stays instant at 10,000
entries. Rows are painted by a delegate rather than built from widgets: fifty rows of labels
cost more than the search itself.

The snippet is the only rich text here, and it is built by :func:`snippet_html`: the
Markdown is reduced to its words and a record's fields are kept apart by " · "
(:func:`reflect.journal.search_text.snippet_text`), then everything the user wrote is
HTML-escaped and only then are the index's match markers turned into ``<b>``, so no text in an
entry can make Qt load an image or follow a link. Titles and the kind/date line are drawn as
plain text.

Fifty hits come at a time; "Show more" (or Down past the last) fetches the next fifty, in the
same order. Opening a hit also says which field matched, so the page can show it.
"""

from __future__ import annotations

import html
from dataclasses import dataclass

from PySide6.QtCore import (
    QEvent,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QRect,
    QSize,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import (
    QAbstractTextDocumentLayout,
    QFont,
    QFontMetrics,
    QKeyEvent,
    QPainter,
    QPalette,
    QTextDocument,
)
from PySide6.QtWidgets import (
    QDialog,
    QLineEdit,
    QListView,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QVBoxLayout,
    QWidget,
)

from reflect.common.dates import uk_date
from reflect.journal.journal import Journal, SearchResult
from reflect.journal.kinds import kind_label
from reflect.journal.search_text import locate, snippet_text, strip_markers
from reflect.store.queries import HIGHLIGHT_END, HIGHLIGHT_START, SearchHit
from reflect.supervision.record_titles import distinct_titles
from reflect.ui.widgets.feedback import hint_label

#: Typing pauses this long before a search runs: a word typed at speed still makes one
#: search, and the results follow the last key within 80 ms (a search costs 5-35 ms).
DEBOUNCE_MS = 40
RESULT_LIMIT = 50
#: A one-letter prefix matches nearly every word in the index (about 0.1 s at 10,000
#: entries, for results nobody wants), so search waits for a word of two letters.
MIN_WORD = 2
ENTRY_ID_ROLE = Qt.ItemDataRole.UserRole
TITLE_ROLE = Qt.ItemDataRole.UserRole + 1
META_ROLE = Qt.ItemDataRole.UserRole + 2
SNIPPET_ROLE = Qt.ItemDataRole.UserRole + 3  # escaped HTML, see snippet_html

def snippet_html(snippet: str) -> str:
    """Plain words, escaped, then (and only then) the matched words marked bold."""
    escaped = html.escape(snippet_text(snippet), quote=True)
    return escaped.replace(HIGHLIGHT_START, "<b>").replace(HIGHLIGHT_END, "</b>")


def count_text(result: SearchResult) -> str:
    if result.total == 0:
        return "No entries match"
    if result.capped:
        matches = f"More than {result.total:,} entries match"
    else:
        matches = "1 entry matches" if result.total == 1 else f"{result.total:,} entries match"
    if result.total > len(result.hits) or result.capped:
        which = "best" if result.ranked else "most recently written"
        return f"{matches} · showing the {which} {len(result.hits)}"
    return matches


@dataclass(frozen=True)
class ResultRow:
    """What one result shows (for tests and screen readers): plain title and meta, and the
    snippet as the escaped HTML that is painted."""

    entry_id: int
    title: str
    meta: str
    snippet_html: str


class ResultDelegate(QStyledItemDelegate):
    """Paints title and kind · date on one line, the snippet wrapped below it."""

    PAD_X, PAD_Y, GAP, META_GAP = 10, 8, 3, 16

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._heights: dict[tuple[str, int, str], int] = {}

    def _fonts(self, option: QStyleOptionViewItem) -> tuple[QFont, QFont]:
        bold = QFont(option.font)
        bold.setBold(True)
        return bold, QFont(option.font)

    def _document(self, index: QModelIndex | QPersistentModelIndex, font: QFont,
                  width: int) -> QTextDocument:
        document = QTextDocument()
        document.setDefaultFont(font)
        document.setDocumentMargin(0)
        document.setHtml(index.data(SNIPPET_ROLE) or "")  # escaped: only <b> can be in it
        document.setTextWidth(max(40, width))
        return document

    def _width(self, option: QStyleOptionViewItem) -> int:
        view = self.parent()
        width = view.viewport().width() if isinstance(view, QListView) else option.rect.width()
        return width - 2 * self.PAD_X

    def sizeHint(self, option: QStyleOptionViewItem,
                 index: QModelIndex | QPersistentModelIndex) -> QSize:
        """Laid out once per snippet, width and font: the list asks several times a row."""
        bold, normal = self._fonts(option)
        width = self._width(option)
        key = (index.data(SNIPPET_ROLE) or "", width, normal.key())
        height = self._heights.get(key)
        if height is None:
            if len(self._heights) > 2_000:
                self._heights.clear()
            document = self._document(index, normal, width)
            height = self._heights[key] = (2 * self.PAD_Y + QFontMetrics(bold).height()
                                           + self.GAP + round(document.size().height()))
        return QSize(width + 2 * self.PAD_X, height)

    def paint(self, painter: QPainter, option: QStyleOptionViewItem,
              index: QModelIndex | QPersistentModelIndex) -> None:
        self.initStyleOption(option, index)
        option.text = ""  # the style draws the background and selection, we draw the text
        style = option.widget.style() if option.widget else QStyle()
        style.drawControl(QStyle.ControlElement.CE_ItemViewItem, option, painter, option.widget)
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        role = QPalette.ColorRole
        text_colour = option.palette.color(role.HighlightedText if selected else role.Text)
        muted = option.palette.color(role.HighlightedText if selected else role.PlaceholderText)
        bold, normal = self._fonts(option)
        area = option.rect.adjusted(self.PAD_X, self.PAD_Y, -self.PAD_X, -self.PAD_Y)
        title_height = QFontMetrics(bold).height()

        painter.save()
        meta = index.data(META_ROLE) or ""
        painter.setFont(normal)
        painter.setPen(muted)
        meta_width = QFontMetrics(normal).horizontalAdvance(meta)
        painter.drawText(QRect(area.right() - meta_width, area.top(), meta_width, title_height),
                         int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter), meta)
        title_room = max(0, area.width() - meta_width - self.META_GAP)
        title = QFontMetrics(bold).elidedText(index.data(TITLE_ROLE) or "",
                                              Qt.TextElideMode.ElideRight, title_room)
        painter.setFont(bold)
        painter.setPen(text_colour)
        painter.drawText(QRect(area.left(), area.top(), title_room, title_height),
                         int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter), title)

        document = self._document(index, normal, area.width())
        painter.translate(area.left(), area.top() + title_height + self.GAP)
        context = QAbstractTextDocumentLayout.PaintContext()
        context.palette.setColor(role.Text, text_colour)
        document.documentLayout().draw(painter, context)
        painter.restore()


class SearchDialog(QDialog):
    """Type, move with Up/Down, Enter opens (emits ``open_entry_requested``), Esc closes."""

    open_entry_requested = Signal(int)
    #: After ``open_entry_requested``: the field that matched and the offset in it (see
    #: :func:`reflect.journal.search_text.locate`), for ``Shell.reveal``.
    reveal_requested = Signal(str, int)

    def __init__(self, journal: Journal, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.journal = journal
        self.search_result: SearchResult | None = None
        self._query = ""
        self._opened = False
        self.setWindowTitle("Search")
        self.setAccessibleName("Search the journal")

        self.search_edit = QLineEdit()
        self.search_edit.setPlaceholderText('Words, "a phrase", -leave out, this OR that')
        self.search_edit.setToolTip(
            "Searches titles, text, records and tags. Every word matches the start of a "
            'word; "agreed way forward" in quotes finds those words together; -agency or '
            '-"way forward" leaves out entries that hold it; drift OR delay takes either.')
        self.search_edit.setAccessibleName("Search")
        self.search_edit.setClearButtonEnabled(True)
        font = self.search_edit.font()
        font.setPointSizeF(font.pointSizeF() * 1.15)
        self.search_edit.setFont(font)
        self.search_edit.setMinimumHeight(self.search_edit.sizeHint().height() + 6)
        self.count_label = hint_label()
        self.count_label.setAccessibleName("Number of matches")
        self.results = QListWidget()
        self.results.setAccessibleName("Results")
        self.results.setItemDelegate(ResultDelegate(self.results))
        self.results.setVerticalScrollMode(QListWidget.ScrollMode.ScrollPerPixel)
        self.results.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.results.setResizeMode(QListView.ResizeMode.Adjust)  # re-wrap snippets on resize
        self.results.setUniformItemSizes(False)
        self.results.setSpacing(1)
        self.more_button = QPushButton("Show more")
        self.more_button.setAccessibleName("Show more results")
        self.more_button.setAutoDefault(False)
        self.more_button.hide()
        help_line = hint_label("↑ ↓ to choose · Enter to open · Esc to close")

        layout = QVBoxLayout(self)
        layout.setContentsMargins(14, 14, 14, 10)
        layout.setSpacing(8)
        layout.addWidget(self.search_edit)
        layout.addWidget(self.count_label)
        layout.addWidget(self.results, 1)
        layout.addWidget(self.more_button, 0, Qt.AlignmentFlag.AlignLeft)
        layout.addWidget(help_line)

        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(DEBOUNCE_MS)
        self._timer.timeout.connect(self.run_search)
        self.search_edit.textChanged.connect(self._timer.start)
        self.search_edit.returnPressed.connect(self.open_selected)
        self.search_edit.installEventFilter(self)
        self.results.itemActivated.connect(self.open_selected)
        self.results.itemClicked.connect(self.open_selected)
        self.more_button.clicked.connect(self._more_clicked)
        self.finished.connect(self._timer.stop)
        self._show_count()
        self.resize(self.sizeHint())

    def sizeHint(self) -> QSize:
        return QSize(680, 520)

    # -- searching -----------------------------------------------------------------------------
    def run_search(self) -> None:
        """Query now (the debounce timer calls this; Enter calls it if typing is pending)."""
        self._timer.stop()
        if self.journal is None or not self.journal.is_open:
            return
        query = self.search_edit.text()
        searchable = any(len(word) >= MIN_WORD for word in query.split())
        self._query = query
        self.search_result = self.journal.search(query, RESULT_LIMIT) if searchable else None
        self.results.clear()
        self._add_rows(self.search_result.hits if self.search_result else [])

    def show_more(self) -> None:
        """The next fifty hits of the same search, below those shown; the first is chosen."""
        shown = self.search_result
        if shown is None or not self.journal.is_open or (
                len(shown.hits) >= shown.total and not shown.capped):
            return
        more = self.journal.search(self._query, RESULT_LIMIT, offset=len(shown.hits))
        if not more.hits:  # past the last match (a capped count does not say where it is)
            self.search_result = SearchResult(shown.hits, len(shown.hits))
            self._show_count()
            return
        self.search_result = SearchResult(shown.hits + more.hits, shown.total, shown.capped)
        self._add_rows(more.hits)

    def _more_clicked(self) -> None:
        self.show_more()
        self.search_edit.setFocus()  # typing and Up/Down go on from the search box

    def _add_rows(self, hits: list[SearchHit]) -> None:
        first_new = self.results.count()
        titles = distinct_titles(self.journal, ((h.entry_id, h.title) for h in hits))
        for hit in hits:
            title = titles[hit.entry_id]
            meta = f"{kind_label(hit.kind)} · {uk_date(hit.happened_on, short=True)}"
            plain = strip_markers(snippet_text(hit.snippet))
            item = QListWidgetItem()
            item.setData(ENTRY_ID_ROLE, hit.entry_id)
            item.setData(TITLE_ROLE, title)
            item.setData(META_ROLE, meta)
            item.setData(SNIPPET_ROLE, snippet_html(hit.snippet))
            item.setData(Qt.ItemDataRole.AccessibleTextRole, title)
            item.setData(Qt.ItemDataRole.AccessibleDescriptionRole, f"{meta}. {plain}")
            self.results.addItem(item)
        if self.results.count() > first_new:
            self.results.setCurrentRow(first_new)
        self._show_count()

    def _show_count(self) -> None:
        if self.search_result is None:
            self.count_label.setText("Keep typing…" if self.search_edit.text().strip() else
                                     "Type to search everything you have written.")
        else:
            self.count_label.setText(count_text(self.search_result))
        result = self.search_result
        remaining = 0 if result is None else result.total - len(result.hits)
        capped = result is not None and result.capped
        self.more_button.setVisible(remaining > 0 or capped)
        self.more_button.setText(f"Show all {result.total:,}" if result and not capped
                                 and remaining <= RESULT_LIMIT else f"Show {RESULT_LIMIT} more")

    # -- choosing ----------------------------------------------------------------------------------
    def rows(self) -> list[ResultRow]:
        """The results, top to bottom, as they are shown."""
        items = (self.results.item(i) for i in range(self.results.count()))
        return [ResultRow(int(item.data(ENTRY_ID_ROLE)), item.data(TITLE_ROLE),
                          item.data(META_ROLE), item.data(SNIPPET_ROLE)) for item in items]

    def row_rect(self, row: int) -> QRect:
        """Where a result is drawn, in the list's viewport (for clicks in tests)."""
        return self.results.visualItemRect(self.results.item(row))

    def selected_entry_id(self) -> int | None:
        row = self.results.currentRow()
        return None if row < 0 else int(self.results.item(row).data(ENTRY_ID_ROLE))

    def move_selection(self, step: int) -> None:
        count = self.results.count()
        if count:
            row = self.results.currentRow()
            if row + step >= count and self.more_button.isVisible():
                self.show_more()  # Down past the last row fetches the next page
                count = self.results.count()
            self.results.setCurrentRow(min(count - 1, max(0, row + step)))

    def open_selected(self, *_args: object) -> None:
        """Emit the chosen entry and close; with typing still pending, search first."""
        if self._opened:
            return
        if self._timer.isActive():
            self.run_search()
        entry_id = self.selected_entry_id()
        if entry_id is None:
            return
        self._opened = True
        self.open_entry_requested.emit(entry_id)
        self.accept()
        entry = self.journal.get_entry(entry_id) if self.journal.is_open else None
        where = locate(entry, self._query) if entry is not None else None
        if where is not None:  # after accept(): focus goes back to the window first
            self.reveal_requested.emit(where.field, where.offset)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.search_edit and event.type() == QEvent.Type.KeyPress:
            assert isinstance(event, QKeyEvent)
            steps = {Qt.Key.Key_Down: 1, Qt.Key.Key_Up: -1,
                     Qt.Key.Key_PageDown: 5, Qt.Key.Key_PageUp: -5}
            step = steps.get(Qt.Key(event.key()))
            if step is not None:
                self.move_selection(step)
                return True
        return super().eventFilter(watched, event)
