"""The Profile page's "Team climate" section: the latest check-in of the chosen perspective as
a now-versus-ideal chart with the gaps marked, the widest gap and the question it raises, the
team's paper responses (as a group only from three), the trend across check-ins, and every
check-in listed to correct, add a team response to, or delete (with Undo).

It lives on the Profile page rather than a page of its own: a first line manager checks in
once a quarter, so it sits beside the leadership profile it complements instead of adding a
ninth stop to the navigation they pass every day; Home's reminder opens the check-in directly.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QPushButton,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from reflect.climate import checkins
from reflect.climate.errors import ClimateError
from reflect.climate.views import CREATE, CheckIn, format_gap, gaps, prompt_for, team_view
from reflect.climate.views import trend as trend_of
from reflect.climate.views import widest as widest_of
from reflect.common.dates import uk_date
from reflect.content.climate import climate_content
from reflect.journal.journal import Journal
from reflect.ui.climate.chart import ClimateChart
from reflect.ui.climate.checkin_dialog import ClimateDialog
from reflect.ui.climate.trend import TrendTable
from reflect.ui.journal.page import UndoBar
from reflect.ui.widgets.card import heading
from reflect.ui.widgets.feedback import hint_label, plain_label, plain_tooltip
from reflect.ui.widgets.lists import EnterTree, top_level_items

ID_ROLE = Qt.ItemDataRole.UserRole


def widest_line(checkin: CheckIn) -> str:
    """"Widest gap: Clarity, now 2 and ideal 5 (+3)." or that there is none."""
    top = widest_of(gaps(checkin))
    if top is None:
        return "No gaps: now meets the ideal on every dimension rated."
    return (f"Widest gap: {top.name}, now {top.now:g} and ideal {top.ideal:g} "
            f"({format_gap(top.gap)}).")


class ClimateSection(QWidget):
    """See the module docstring. ``changed`` after any write from here."""

    changed = Signal()

    def __init__(self, journal: Journal, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName("Team climate")
        self.journal = journal
        self.content = climate_content()
        self.dialog: ClimateDialog | None = None
        self.shown: tuple[CheckIn, ...] = ()
        self.check_in_button = QPushButton("Check in…")
        self.check_in_button.setToolTip("Rate the six dimensions now and ideal")
        self.check_in_button.clicked.connect(lambda: self.open_check_in())
        self.perspective_box = QComboBox()
        self.perspective_box.setAccessibleName("Perspective shown")
        for item in self.content.perspectives:
            self.perspective_box.addItem(item.label, item.id)
        self.perspective_box.currentIndexChanged.connect(lambda _i: self.refresh())
        self.empty = hint_label()
        self.latest = plain_label()
        self.prompt = plain_label()
        font = self.prompt.font()
        font.setItalic(True)
        self.prompt.setFont(font)
        self.chart = ClimateChart()
        self.team = hint_label()
        self.trend_title = heading("Across check-ins", scale=1.0)
        self.trend = TrendTable()
        self.list = EnterTree()
        self.list.setAccessibleName("Climate check-ins")
        self.list.setHeaderLabels(["Day", "Widest gap", "Team responses", "Note"])
        self.list.setRootIsDecorated(False)
        self.list.setUniformRowHeights(True)
        self.correct_button = QPushButton("Correct…")
        self.correct_button.setToolTip("Correct the selected check-in's scores and note (Enter)")
        self.response_button = QPushButton("Add team response…")
        self.response_button.setToolTip("Type in one team member's answers on paper (no name)")
        self.delete_button = QPushButton("Delete")
        self.delete_button.setToolTip("Delete the selected check-in; you can undo it")
        self.undo_bar = UndoBar()
        tools = QHBoxLayout()
        tools.addWidget(self.check_in_button)
        tools.addWidget(plain_label("Showing:", wrap=False))
        tools.addWidget(self.perspective_box)
        tools.addStretch(1)
        row = QHBoxLayout()
        for button in (self.correct_button, self.response_button, self.delete_button):
            row.addWidget(button)
        row.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(8)
        layout.addWidget(heading("Team climate", scale=1.1))
        layout.addWidget(hint_label(
            "Each quarter, rate the six climate dimensions named in Frontline's research on "
            "first line leadership: how it is now and how you would want it, for the climate "
            "you create for your team and the one you experience from your manager. Reflect's "
            "own 1–5 scale, not the Hay Group survey."))
        layout.addLayout(tools)
        self.list_hint = hint_label("Your check-ins, latest first: select one to correct it "
                                    "(Enter), add a team member's paper response, or delete "
                                    "it (Ctrl+Z undoes while the notice shows).")
        for widget in (self.empty, self.latest, self.prompt, self.chart, self.team,
                       self.trend_title, self.trend, self.list_hint, self.list):
            layout.addWidget(widget)
        layout.addLayout(row)
        layout.addWidget(self.undo_bar)
        self.correct_button.clicked.connect(self.open_correction)
        self.response_button.clicked.connect(self.open_response)
        self.delete_button.clicked.connect(self.delete_selected)
        self.list.enter_pressed.connect(lambda _item: self.open_correction())
        self.list.itemDoubleClicked.connect(lambda *_: self.open_correction())
        self.list.currentItemChanged.connect(lambda *_: self._enable())
        undo = QShortcut(QKeySequence("Ctrl+Z"), self)
        undo.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        undo.activated.connect(self.undo_bar.trigger)
        self.refresh()

    def perspective(self) -> str:
        return str(self.perspective_box.currentData() or CREATE)

    def set_perspective(self, perspective: str) -> None:
        self.perspective_box.setCurrentIndex(max(0, self.perspective_box.findData(perspective)))

    # -- showing -------------------------------------------------------------------------------
    def refresh(self, select: int | None = None) -> None:
        if self.journal is None or not self.journal.is_open:
            return
        keep = select if select is not None else self.selected_id()
        perspective = self.perspective()
        self.shown = found = checkins.checkins(self.journal, perspective)
        latest = found[-1] if found else None
        label = self.content.perspective(perspective).label.lower()
        self.empty.setText(f"No check-ins yet for {label}. Choose Check in… to add your first."
                           if not found else "")
        self.empty.setVisible(not found)
        for widget in (self.latest, self.prompt, self.chart, self.team, self.list_hint,
                       self.list):
            widget.setVisible(latest is not None)
        if latest is not None:
            self.latest.setText(f"Latest check-in, {uk_date(latest.checked_on)}. "
                                + widest_line(latest))
            question = prompt_for(widest_of(gaps(latest)))
            self.prompt.setText(f"Worth asking yourself: {question}" if question else "")
            self.prompt.setVisible(bool(question))
            team = team_view(latest)
            self.chart.set_data([(d.id, d.name) for d in self.content.dimensions], gaps(latest),
                                team.gaps, getattr(widest_of(gaps(latest)), "dimension", None),
                                team.count)
            self.chart.setFixedHeight(self.chart.sizeHint().height())
            self.team.setText(team.summary())
        several = len(found) >= 2
        self.trend_title.setVisible(several)
        self.trend.setVisible(several)
        if several:
            self.trend.show_trend(trend_of(found))
        self._fill_list(found, keep)

    def _fill_list(self, found: tuple[CheckIn, ...], keep: int | None) -> None:
        self.list.clear()
        for checkin in reversed(found):  # latest first
            top = widest_of(gaps(checkin))
            item = QTreeWidgetItem([
                uk_date(checkin.checked_on),
                f"{top.name} ({format_gap(top.gap)})" if top else "none",
                str(len(checkin.responses)) if checkin.responses else "–",
                " ".join(checkin.note.split())])  # a long note is elided, whole on hover
            item.setToolTip(3, plain_tooltip(checkin.note) if checkin.note else "")
            item.setData(0, ID_ROLE, checkin.id)
            self.list.addTopLevelItem(item)
            if checkin.id == keep:
                self.list.setCurrentItem(item)
        first = self.list.topLevelItem(0)
        if self.list.currentItem() is None and first is not None:
            self.list.setCurrentItem(first)
        for column in range(3):
            self.list.resizeColumnToContents(column)
        rows = max(1, self.list.topLevelItemCount())
        self.list.setFixedHeight(min(rows, 6) * (self.list.sizeHintForRow(0) or 22)
                                 + self.list.header().height() + 2 * self.list.frameWidth() + 4)
        self._enable()

    def _enable(self) -> None:
        chosen = self.selected() is not None
        for button in (self.correct_button, self.response_button, self.delete_button):
            button.setEnabled(chosen)
            button.setVisible(bool(self.shown))
        self.response_button.setVisible(bool(self.shown) and self.perspective() == CREATE)

    def selected_id(self) -> int | None:
        item = self.list.currentItem()
        return int(item.data(0, ID_ROLE)) if item is not None else None

    def selected(self) -> CheckIn | None:
        chosen = self.selected_id()
        return next((c for c in self.shown if c.id == chosen), None)

    def list_texts(self) -> list[str]:
        return [" | ".join(item.text(c) for c in range(4)) for item in top_level_items(self.list)]

    # -- acting --------------------------------------------------------------------------------
    def _open(self, dialog: ClimateDialog) -> ClimateDialog:
        self.dialog = dialog
        dialog.saved.connect(self._saved)
        dialog.open()
        return dialog

    def _saved(self, checkin_id: int) -> None:
        dialog = self.dialog
        if dialog is not None and dialog.editing is None and dialog.response_to is None:
            self.set_perspective(dialog.perspective())
        self.refresh(select=checkin_id)
        self.changed.emit()

    def open_check_in(self, perspective: str | None = None) -> ClimateDialog:
        return self._open(ClimateDialog(self.journal, perspective or self.perspective(),
                                        parent=self))

    def open_correction(self) -> ClimateDialog | None:
        checkin = self.selected()
        if checkin is None:
            return None
        return self._open(ClimateDialog(self.journal, editing=checkin, parent=self))

    def open_response(self) -> ClimateDialog | None:
        checkin = self.selected()
        if checkin is None:
            return None
        return self._open(ClimateDialog(self.journal, response_to=checkin, parent=self))

    def delete_selected(self) -> None:
        checkin = self.selected()
        if checkin is None:
            return
        try:
            deleted = checkins.delete(self.journal, checkin.id)
        except ClimateError as exc:
            self.undo_bar.show_message(str(exc), "OK", lambda: None)
            return
        self.refresh()
        self.changed.emit()
        self.undo_bar.show_message(f"The check-in of {uk_date(checkin.checked_on)} was "
                                   "deleted.", "Undo", self._undo(deleted))

    def _undo(self, deleted: checkins.Deleted) -> Callable[[], None]:
        def put_back() -> None:
            checkin_id = checkins.undo_delete(self.journal, deleted)
            self.refresh(select=checkin_id)
            self.changed.emit()
        return put_back

    def close_dialogs(self) -> None:
        """Before a lock: nothing decrypted stays on screen."""
        if self.dialog is not None and self.dialog.isVisible():
            self.dialog.reject()
