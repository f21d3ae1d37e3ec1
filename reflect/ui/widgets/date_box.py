"""The one date box of the app: a line you type a whole date into, day first, with a calendar.

Qt's QDateEdit edits a date section by section, so typing "1/2/2027" over a date it already
holds gives 02/02/2027 or 28/02/2027, and in a box showing "No date" typing does nothing; its
Alt+Down steps the date rather than opening the calendar. This box reads what was typed as a
whole (1/2/2027, 01/02/2027, 1.2.27 all mean 1 February 2027), opens its calendar on Alt+Down
or F4 (or the calendar button), and says calmly why a date it cannot use was not taken,
keeping the date it had. It answers the QDateEdit calls the pages make (``date``,
``setDate``, ``dateChanged``, ``setMaximumDate``, ``calendarWidget``), so pages did not change.

A box made with ``empty_text`` may hold no date: it shows that text greyed until a date is
chosen, and emptying the line leaves it empty again. ``date()`` then gives ``NO_DATE``.
"""

from __future__ import annotations

from datetime import date, timedelta

from PySide6.QtCore import QDate, QEvent, QObject, QPoint, QRect, QSize, Qt, Signal
from PySide6.QtGui import (
    QAction,
    QHideEvent,
    QIcon,
    QKeyEvent,
    QMouseEvent,
    QPainter,
    QPalette,
    QPixmap,
)
from PySide6.QtWidgets import (
    QCalendarWidget,
    QFrame,
    QLineEdit,
    QToolTip,
    QVBoxLayout,
    QWidget,
)

from reflect.common.dates import (
    DATE_EXAMPLE,
    NotADate,
    read_typed_date,
    typed_date_if_complete,
    uk_date,
    uk_numeric,
)
from reflect.ui.widgets.feedback import plain_tooltip

#: ``date`` is also a QDateEdit method name the box keeps, so annotations say ``Day``.
Day = date
UK_DATE = "dd/MM/yyyy"
#: What ``date()`` gives for a box holding no date (the "Any" and "No date" boxes).
NO_DATE = QDate(1900, 1, 1)
#: How long a "that is not a date" note stays up, long enough to read twice.
NOTE_MS = 10_000
#: How far in from the right a click opens the calendar: the button and its margin.
CALENDAR_ZONE = 28


def _py(day: QDate) -> date:
    return date(day.year(), day.month(), day.day())


def _qt(day: date) -> QDate:
    return QDate(day.year, day.month, day.day)


class _CalendarPopup(QFrame):
    """The calendar under a box: arrows move, Enter or a click picks, Escape leaves the date."""

    def __init__(self, box: DateBox) -> None:
        super().__init__(box, Qt.WindowType.Popup)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.box = box
        self.calendar = QCalendarWidget(self)
        self.calendar.setFirstDayOfWeek(Qt.DayOfWeek.Monday)
        self.calendar.setAccessibleName(f"Calendar for {box.accessibleName()}")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(1, 1, 1, 1)
        layout.addWidget(self.calendar)
        self.calendar.clicked.connect(self._pick)
        self.calendar.activated.connect(self._pick)
        self.calendar.installEventFilter(self)

    def _pick(self, day: QDate) -> None:
        self.hide()
        self.box.choose(_py(day))

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent)
                and event.key() == Qt.Key.Key_Escape):
            self.hide()
            return True
        return super().eventFilter(watched, event)

    def hideEvent(self, event: QHideEvent) -> None:
        super().hideEvent(event)
        self.box.setFocus(Qt.FocusReason.PopupFocusReason)


def _calendar_icon(palette: QPalette) -> QIcon:
    """A small calendar drawn in the text colour, so it reads in light and dark palettes."""
    pixmap = QPixmap(32, 32)
    pixmap.setDevicePixelRatio(2.0)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    colour = palette.color(QPalette.ColorRole.Text)
    painter.setPen(colour)
    painter.drawRoundedRect(2, 3, 12, 11, 1.5, 1.5)
    painter.fillRect(2, 3, 12, 3, colour)
    for row in (8, 11):
        for column in (4, 7, 10):
            painter.fillRect(column, row, 2, 2, colour)
    painter.end()
    return QIcon(pixmap)


class DateBox(QLineEdit):
    """``value()`` is the date or None; ``problem`` is the last note shown, '' when none."""

    dateChanged = Signal(QDate)

    def __init__(self, accessible_name: str, *, empty_text: str | None = None,
                 day: Day | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName(accessible_name)
        self.empty_text = empty_text
        self.problem = ""
        self._value: Day | None = None if empty_text is not None else (day or date.today())
        self._minimum = date(1900, 1, 2)
        self._maximum = date(9999, 12, 31)
        self._popup: _CalendarPopup | None = None
        if empty_text is not None:
            self.setPlaceholderText(empty_text)
        self.setToolTip(plain_tooltip(
            f"{accessible_name}: {DATE_EXAMPLE}, or press Alt+Down for a calendar."
            + (" Empty the box to leave it unset." if empty_text is not None else "")))
        self._calendar_action = QAction(_calendar_icon(self.palette()), "Open the calendar", self)
        self._calendar_action.setToolTip("Open the calendar (Alt+Down)")
        self._calendar_action.triggered.connect(self.open_calendar)
        self.addAction(self._calendar_action, QLineEdit.ActionPosition.TrailingPosition)
        self.textEdited.connect(self._follow_typing)
        self.editingFinished.connect(self.commit)
        self._show_value()

    # -- the QDateEdit calls the pages make ----------------------------------------------------
    def date(self) -> QDate:
        return NO_DATE if self._value is None else _qt(self._value)

    def setDate(self, day: QDate) -> None:
        if not day.isValid() or day <= NO_DATE:
            if self.empty_text is not None:
                self._set(None)
            return
        self._set(min(max(_py(day), self._minimum), self._maximum))

    def setMinimumDate(self, day: QDate) -> None:
        self._minimum = max(_py(day), date(1900, 1, 2))
        if self._value is not None and self._value < self._minimum:
            self._set(self._minimum)

    def setMaximumDate(self, day: QDate) -> None:
        self._maximum = _py(day)
        if self._value is not None and self._value > self._maximum:
            self._set(self._maximum)

    def minimumDate(self) -> QDate:
        return _qt(self._minimum)

    def maximumDate(self) -> QDate:
        return _qt(self._maximum)

    def displayFormat(self) -> str:
        return UK_DATE

    def calendarPopup(self) -> bool:
        return True

    def calendarWidget(self) -> QCalendarWidget:
        return self._calendar_popup().calendar

    # -- plain dates ---------------------------------------------------------------------------
    def value(self) -> Day | None:
        return self._value

    def set_value(self, day: Day | None) -> None:
        self.setDate(NO_DATE if day is None else _qt(day))

    def iso(self) -> str | None:
        return self._value.isoformat() if self._value else None

    def choose(self, day: Day) -> None:
        """A date picked in the calendar (or stepped to): taken if it is in range."""
        self.problem = ""
        if not self._say_if_out_of_range(day):
            self._set(day)

    # -- the calendar --------------------------------------------------------------------------
    def _calendar_popup(self) -> _CalendarPopup:
        if self._popup is None:
            self._popup = _CalendarPopup(self)
        return self._popup

    def open_calendar(self) -> None:
        """Show the calendar on the box's date, or on today for an empty box (not in 1900);
        nothing changes until a day is picked."""
        if self.isReadOnly():
            return
        popup = self._calendar_popup()
        calendar = popup.calendar
        calendar.setDateRange(_qt(self._minimum), _qt(self._maximum))
        shown = self._value or min(max(date.today(), self._minimum), self._maximum)
        calendar.setSelectedDate(_qt(shown))
        calendar.setCurrentPage(shown.year, shown.month)
        popup.adjustSize()
        below = self.mapToGlobal(QPoint(0, self.height()))
        screen = self.screen().availableGeometry()
        x = min(below.x(), screen.right() - popup.width())
        y = below.y() if below.y() + popup.height() <= screen.bottom() else (
            self.mapToGlobal(QPoint(0, 0)).y() - popup.height())
        popup.move(max(screen.left(), x), max(screen.top(), y))
        popup.show()
        calendar.setFocus(Qt.FocusReason.PopupFocusReason)

    def mousePressEvent(self, event: QMouseEvent) -> None:
        """A click at the box's right end opens the calendar, as on any date box, even where
        it misses the small button itself."""
        if (event.button() == Qt.MouseButton.LeftButton
                and event.position().x() >= self.width() - CALENDAR_ZONE):
            self.open_calendar()
            return
        super().mousePressEvent(event)

    # -- typing --------------------------------------------------------------------------------
    def keyPressEvent(self, event: QKeyEvent) -> None:
        key, mods = event.key(), event.modifiers()
        alt = mods & Qt.KeyboardModifier.AltModifier
        if (key == Qt.Key.Key_F4 and not mods) or (alt and key in (Qt.Key.Key_Down,
                                                                    Qt.Key.Key_Up)):
            self.open_calendar()
            return
        steps = {Qt.Key.Key_Up: 1, Qt.Key.Key_Down: -1,
                 Qt.Key.Key_PageUp: 31, Qt.Key.Key_PageDown: -31}
        if key in steps and not mods and not self.isReadOnly():
            self._step(steps[Qt.Key(key)])
            return
        if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and not self._readable():
            self.commit()  # says why, and keeps the dialog open so the note is read
            return
        super().keyPressEvent(event)

    def _step(self, days: int) -> None:
        """Up/Down a day, Page Up/Down a month, from today when the box is empty."""
        start = self._value or date.today()
        if self._value is None:
            day = start
        elif abs(days) == 31:
            day = _py(_qt(start).addMonths(1 if days > 0 else -1))
        else:
            day = start + timedelta(days=days)
        self._set(min(max(day, self._minimum), self._maximum))

    def _readable(self) -> bool:
        text = self.text().strip()
        if not text:
            return self.empty_text is not None
        try:
            day = read_typed_date(text)
        except NotADate:
            return False
        return self._minimum <= day <= self._maximum

    def _follow_typing(self, text: str) -> None:
        """Take a whole, real date as soon as it is typed (so Ctrl+S saves what is shown),
        and an emptied optional box at once; a half-typed date changes nothing yet."""
        if not text.strip():
            if self.empty_text is not None:
                self._set(None, retext=False)
            return
        day = typed_date_if_complete(text)
        if day is not None and self._minimum <= day <= self._maximum:
            self._set(day, retext=False)

    def commit(self) -> None:
        """Read the typed text when editing ends: a date is taken and shown as dd/mm/yyyy;
        anything else puts the last date back and says why."""
        text = self.text().strip()
        if not text:
            if self.empty_text is not None:
                self.problem = ""
                self._set(None)
            else:
                self._say("This date cannot be left empty.")
            return
        try:
            day = read_typed_date(text)
        except NotADate as exc:
            self._say(str(exc))
            return
        if not self._say_if_out_of_range(day):
            self.problem = ""
            self._set(day)

    def _say_if_out_of_range(self, day: Day) -> bool:
        if day > self._maximum:
            latest = "today" if self._maximum == date.today() else uk_date(self._maximum)
            self._say(f"{uk_date(day)} is too late here: the latest date is {latest}.")
        elif day < self._minimum:
            self._say(f"{uk_date(day)} is too early here: the earliest date is "
                      f"{uk_date(self._minimum)}.")
        else:
            return False
        return True

    def _say(self, why: str) -> None:
        """Put the date that stands back in the box and show, next to it, why."""
        kept = (f"It still says {uk_numeric(self._value)}." if self._value is not None
                else "It is still empty.")
        self.problem = f"{why} {kept}"
        self._show_value()
        self.setAccessibleDescription(self.problem)
        if self.hasFocus():
            self.selectAll()  # so the date can be typed again straight away
        if self.isVisible():
            QToolTip.showText(self.mapToGlobal(QPoint(0, self.height())),
                              plain_tooltip(self.problem), self, QRect(), NOTE_MS)

    # -- state ---------------------------------------------------------------------------------
    def _set(self, day: Day | None, *, retext: bool = True) -> None:
        changed = day != self._value
        self._value = day
        if retext:
            self._show_value()
        if changed:
            self.dateChanged.emit(self.date())

    def _show_value(self) -> None:
        self.setText(uk_numeric(self._value))

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.PaletteChange:  # light to dark: redraw the calendar
            self._calendar_action.setIcon(_calendar_icon(self.palette()))

    def sizeHint(self) -> QSize:
        """Room for dd/mm/yyyy (or the empty text) and the calendar button, no more."""
        hint = super().sizeHint()
        metrics = self.fontMetrics()
        text = max(metrics.horizontalAdvance("00/00/0000 "),
                   metrics.horizontalAdvance((self.empty_text or "") + " "))
        return QSize(text + 16 + 2 * metrics.height(), hint.height())

    def minimumSizeHint(self) -> QSize:
        return self.sizeHint()
