"""The Profile page: the radar, a table of the same numbers beside it, findings and history.

A radar alone misleads (areas exaggerate, averages hide how many people rated), so every value
on it is also in the table, with the change, the gaps and when a gap is named. The numbers
are :mod:`reflect.profile.ratings`'s; this page only lays them out. From here the leader rates,
names themselves for the PDF cover and exports the mentor pack; below the history, every
rating is listed to be corrected or deleted, with Undo (:mod:`.ratings_list`). Clicking an
axis name lists the SFPC Workbook 2 questions for that attribute; "Answer this" emits
``answer_prompt_requested(prompt_id)``, which the Shell routes to a new Journal entry.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QEvent, QPointF, QSize, Qt, Signal
from PySide6.QtGui import (
    QIcon,
    QPainter,
    QPalette,
    QPen,
    QPixmap,
    QResizeEvent,
    QShowEvent,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QBoxLayout,
    QCheckBox,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from reflect.common.dates import uk_date
from reflect.content.library import load_prompt_sets, prompts_for_attribute
from reflect.journal.journal import Journal
from reflect.profile import anonymity, round_compare
from reflect.profile import ratings as profile_domain
from reflect.profile.ratings import (
    CLEARLY_MEANS,
    FINDING_LABELS,
    SERIES_LOOK,
    AttributeProfile,
    Profile,
    RadarSeries,
    RatingValue,
    format_change,
    format_score,
)
from reflect.ui.climate.section import ClimateSection
from reflect.ui.feedback.rounds_section import RoundsSection
from reflect.ui.profile import radar_widget as radar
from reflect.ui.profile.attribute_prompts import AttributePrompts
from reflect.ui.profile.mentor_export_dialog import MentorExportDialog
from reflect.ui.profile.others_tables import OthersTables
from reflect.ui.profile.rating_dialog import DRAFT_KEY, RatingDialog
from reflect.ui.profile.ratings_list import RatingsList
from reflect.ui.widgets.card import heading
from reflect.ui.widgets.feedback import hint_label, plain_label, plain_tooltip
from reflect.ui.widgets.flow_layout import FlowLayout

WORKBOOK_SET = "sfpc_workbook2"
HEADERS = ["Attribute", "Now", "Previous", "Change", "Target", "To\ntarget", "Others\n(n)",
           "Self −\nothers", "Finding"]  # two lines: narrow enough to sit beside the radar
COLUMNS = tuple(h.replace("\n", " ") for h in HEADERS)
SIDE_BY_SIDE_RADAR = 360  # narrower than this beside the table, the radar goes above it


def row_cells(item: AttributeProfile) -> list[tuple[str, str]]:
    """(text, tooltip) per column for one attribute."""
    current, previous, target, others = item.current, item.previous, item.target, item.others
    groups = "; ".join(f"{anonymity.group_label(g.group)}: {format_score(g.average)} ({g.count})"
                       + (f", {g.not_observed} not observed" if g.not_observed else "")
                       for g in others.by_group)
    return [
        (item.attribute.short_name, item.attribute.name
         + (f"\nYour note: {current.note}" if current and current.note else "")),
        (format_score(current.score if current else None),
         f"Rated on {uk_date(current.rated_on)}" if current else "No self-rating yet"),
        (format_score(previous.score if previous else None),
         f"Rated on {uk_date(previous.rated_on)}" if previous else "No earlier self-rating"),
        (format_change(item.change), "Now minus previous"),
        (format_score(target.score if target else None),
         (f"By {uk_date(target.target_by)}" if target and target.target_by else "")
         + (f"\nNote: {target.note}" if target and target.note else "")),
        (format_change(item.to_target), "Target minus now: the distance still to travel"),
        (f"{format_score(others.average)} ({others.count})" if others.count else
         ("not observed" if others.not_observed else "–"),
         groups or ("No rater group is large enough to be shown on its own"
                    if others.count or others.not_observed
                    else "No ratings by others in the last year")),
        (format_change(item.self_minus_others), "Your rating minus others' average"),
        (FINDING_LABELS.get(item.finding or "", ""), CLEARLY_MEANS),
    ]


def finding_sentence(item: AttributeProfile) -> str:
    """A finding in words: what the leader said, what others said, how many."""
    label = FINDING_LABELS[item.finding or ""]
    mine = format_score(item.current.score if item.current else None)
    count = item.others.count  # ratings, not people: one rater may answer two rounds
    return (f"{label}: {item.attribute.short_name}. You rate yourself {mine}; others' "
            f"{count} rating{'s' if count != 1 else ''} average "
            f"{format_score(item.others.average)}.")


def others_detail(item: AttributeProfile) -> str:
    others = item.others
    parts = [f"{others.count} rating{'s' if others.count != 1 else ''} by others"
             if others.count else "no ratings by others"]
    if others.not_observed:
        parts.append(f"{others.not_observed} not observed")
    if item.finding:
        parts.append(FINDING_LABELS[item.finding])
    text = "; ".join(parts)
    return text[:1].upper() + text[1:]


def read_only_table(columns: int) -> QTableWidget:
    table = QTableWidget(0, columns)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.verticalHeader().hide()
    table.setWordWrap(False)
    table.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    return table


def fit_height(table: QTableWidget) -> None:
    """Show every row: the page scrolls, not the table."""
    height = table.horizontalHeader().height() + 2 * table.frameWidth()
    height += sum(table.rowHeight(r) for r in range(table.rowCount()))
    if table.horizontalHeader().length() + 2 * table.frameWidth() > table.width():
        height += table.horizontalScrollBar().sizeHint().height()  # a narrow window scrolls
    table.setFixedHeight(height)


def legend_icon(key: str, palette: QPalette, ratio: float = 1.0) -> QIcon:
    """A short sample of the series' line and marker, as the PDF legend shows it."""
    label, colour_hex, dash, marker, width = SERIES_LOOK[key]
    item = RadarSeries(key, label, (), colour_hex, dash, marker, width)
    pixmap = QPixmap(round(40 * ratio), round(16 * ratio))
    pixmap.setDevicePixelRatio(ratio)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    colour = radar.series_colour(colour_hex, palette)
    painter.setPen(radar.series_pen(item, colour, 1.0))
    painter.drawLine(QPointF(2, 8), QPointF(38, 8))
    painter.setPen(QPen(palette.color(QPalette.ColorRole.Window), 1.0))
    painter.setBrush(colour)
    painter.drawPath(radar.marker_path(marker, QPointF(20, 8), 7.5))
    painter.end()
    return QIcon(pixmap)


class RadarWidget(QWidget):
    """The chart and a legend whose check boxes show or hide each series."""

    show_prompts_requested = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.chart = radar.RadarChart()
        self.chart.show_prompts_requested.connect(self.show_prompts_requested)
        self.checkboxes: dict[str, QCheckBox] = {}
        self.legend = legend = QWidget()
        flow = FlowLayout(legend, spacing=14, line_spacing=4)
        for key, (label, *_look) in SERIES_LOOK.items():
            box = QCheckBox(label)
            box.setChecked(True)
            box.setAccessibleName(f"Show {label.lower()}")
            box.toggled.connect(lambda on, k=key: self._show_series(k, on))
            flow.addWidget(box)
            self.checkboxes[key] = box
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(6)
        self.equal_note = hint_label(radar.EQUAL_NOTE)  # said only when it happens
        self.equal_note.hide()
        layout.addWidget(self.chart, 1)
        layout.addWidget(legend)
        layout.addWidget(self.equal_note)
        self._paint_icons()

    def _show_series(self, key: str, on: bool) -> None:
        self.chart.set_series_visible(key, on)
        self.equal_note.setVisible(self.chart.shares_points())

    def legend_height(self, width: int) -> int:
        """The legend and, when shown, the note on equal values, at ``width``."""
        note = self.equal_note.heightForWidth(width) + 6 if self.chart.shares_points() else 0
        return max(self.legend.heightForWidth(width), 0) + note

    def set_data(self, axes: Sequence[radar.Axis], series: Sequence[RadarSeries],
                 details: Sequence[str] = ()) -> None:
        self.chart.set_data(axes, series, details)
        self.equal_note.setVisible(self.chart.shares_points())
        present = {s.key for s in series}
        for key, box in self.checkboxes.items():
            box.setEnabled(key in present)
            box.setToolTip("" if key in present else "Nothing to show yet")

    def _paint_icons(self) -> None:
        for key, box in self.checkboxes.items():
            box.setIcon(legend_icon(key, self.palette(), self.devicePixelRatioF()))
            box.setIconSize(QSize(40, 16))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() in (QEvent.Type.PaletteChange, QEvent.Type.ApplicationPaletteChange):
            self._paint_icons()
        super().changeEvent(event)


class ProfilePage(QWidget):
    """See the module docstring."""

    answer_prompt_requested = Signal(str)

    def __init__(self, journal: Journal, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName("Profile")
        self.journal = journal
        self.attributes = profile_domain.attributes()
        self.profile: Profile | None = None
        self.rating_dialog: RatingDialog | None = None
        self.export_dialog: MentorExportDialog | None = None
        self.prompts_dialog: AttributePrompts | None = None
        self.has_restored_work = DRAFT_KEY in journal.drafts()

        self.rate_button = QPushButton("Rate…")
        self.rate_button.setToolTip("Rate the five attributes: yourself, a target or 360 feedback")
        self.rate_button.clicked.connect(lambda: self.open_rating_form())
        self.export_button = QPushButton("Export mentor pack…")
        self.export_button.clicked.connect(self.open_export_dialog)
        self.name_edit = QLineEdit()
        self.name_edit.setAccessibleName("Your name on exports")
        self.name_edit.setPlaceholderText("Optional")  # a longer hint was cut off at 900 px
        self.name_edit.setToolTip("Shown on the cover of the mentor pack PDF")
        self.name_edit.setMaximumWidth(self.name_edit.fontMetrics().horizontalAdvance("M" * 22))
        self.name_edit.editingFinished.connect(self.save_leader_name)
        self.radar = RadarWidget()
        self.radar.setMinimumWidth(300)
        self.radar.show_prompts_requested.connect(self.show_prompts)
        self.table = read_only_table(len(COLUMNS))
        self.table.setAccessibleName("Scores, change and gaps")
        self.table.setHorizontalHeaderLabels(HEADERS)
        self.findings = heading("", scale=1.0)
        self.clearly = hint_label(CLEARLY_MEANS)
        self.history = read_only_table(1 + len(self.attributes))
        self.history.setAccessibleName("History of self-ratings")
        self.history.setHorizontalHeaderLabels(["Date", *(a.short_name for a in self.attributes)])
        self.history_empty = hint_label("No self-ratings yet. Choose Rate… to add your first.")
        self.ratings_list = RatingsList(journal, self.attributes)
        self.ratings_list.edit_requested.connect(self.open_correction)
        self.ratings_list.changed.connect(self.refresh)

        tools = QHBoxLayout()
        tools.setSpacing(8)
        tools.addWidget(self.rate_button)
        tools.addWidget(self.export_button)
        tools.addStretch(1)
        tools.addWidget(plain_label("Your name on exports:", wrap=False))
        tools.addWidget(self.name_edit, 1)
        table_column = QVBoxLayout()
        table_column.setSpacing(8)
        table_column.addWidget(self.table)
        table_column.addWidget(self.findings)
        table_column.addWidget(self.clearly)
        table_column.addStretch(1)
        self.split = QBoxLayout(QBoxLayout.Direction.LeftToRight)
        self.split.setSpacing(18)
        self.split.addWidget(self.radar, 1)
        self.split.addLayout(table_column)

        inner = QWidget()
        column = QVBoxLayout(inner)
        column.setContentsMargins(24, 20, 24, 20)
        column.setSpacing(12)
        column.addWidget(heading("Leadership profile", scale=1.4))
        column.addWidget(hint_label(
            "The five SFPC leadership attributes rated 1–5: by you, as a target, and by others "
            "from 360 feedback. Click an attribute's name on the radar for the workbook's "
            "questions on it."))
        column.addLayout(tools)
        column.addLayout(self.split)
        self.others_tables = OthersTables()
        column.addWidget(self.others_tables)
        self.rounds = RoundsSection(journal)  # 360 rounds: forms out, returns in
        self.rounds.type_in_requested.connect(lambda: self.open_rating_form("other"))
        self.rounds.changed.connect(self.refresh)
        column.addWidget(self.rounds)
        column.addWidget(heading("History of your self-ratings", scale=1.1))
        column.addWidget(self.history_empty)
        column.addWidget(self.history)
        column.addWidget(heading("All ratings", scale=1.1))
        column.addWidget(self.ratings_list)
        self.climate = ClimateSection(journal)  # the quarterly check-ins, below the ratings
        column.addWidget(self.climate)
        column.addStretch(1)
        self.scroll_area = QScrollArea()
        self.scroll_area.setWidgetResizable(True)
        self.scroll_area.setFrameShape(QFrame.Shape.NoFrame)
        # A bar only below the content's minimum width (200 % scaling): scroll, not clip.
        self.scroll_area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAsNeeded)
        self.scroll_area.setWidget(inner)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(self.scroll_area)
        self.refresh()

    # -- showing ---------------------------------------------------------------------------
    def refresh(self) -> None:
        """Re-read the ratings and redraw radar, table, findings and history."""
        if self.journal is None or not self.journal.is_open:
            return
        self.profile = profile = profile_domain.load_profile(self.journal)
        if not self.name_edit.hasFocus():
            self.name_edit.setText(profile_domain.leader_name(self.journal))
        axes = [radar.Axis(a.attribute.id, a.attribute.short_name, a.attribute.name)
                for a in profile.attributes]
        self.radar.set_data(axes, profile_domain.radar_series(profile),
                            [others_detail(a) for a in profile.attributes])
        self.table.setRowCount(len(profile.attributes))
        for row, item in enumerate(profile.attributes):
            for column, (text, tip) in enumerate(row_cells(item)):
                cell = QTableWidgetItem(text)
                cell.setToolTip(plain_tooltip(tip) if tip else "")  # notes and groups are typed
                if column:
                    cell.setTextAlignment(Qt.AlignmentFlag.AlignCenter)
                if column == len(COLUMNS) - 1 and text:
                    font = cell.font()
                    font.setBold(True)
                    cell.setFont(font)
                self.table.setItem(row, column, cell)
        self.table.resizeColumnsToContents()
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        fit_height(self.table)
        found = [a for a in profile.attributes if a.finding]
        self.findings.setText("\n".join(finding_sentence(a) for a in found))
        self.findings.setVisible(bool(found))
        self.others_tables.show_profile(profile, round_compare.load(self.journal))
        self.rounds.refresh()
        self._fill_history()
        self.ratings_list.reload()
        self.climate.refresh()
        self._arrange()

    def _fill_history(self) -> None:
        rounds = list(reversed(profile_domain.history(
            profile_domain.ratings(self.journal, kind="self"))))
        self.history.setRowCount(len(rounds))
        for row, round_ in enumerate(rounds):
            self.history.setItem(row, 0, QTableWidgetItem(uk_date(round_.rated_on)))
            for column, attribute in enumerate(self.attributes, start=1):
                cell = QTableWidgetItem(format_score(round_.scores.get(attribute.id)))
                cell.setTextAlignment(Qt.AlignmentFlag.AlignCenter)
                self.history.setItem(row, column, cell)
        self.history.resizeColumnsToContents()
        self.history.setMaximumWidth(self.history.horizontalHeader().length()
                                     + 2 * self.history.frameWidth() + 2)
        fit_height(self.history)
        self.history.setVisible(bool(rounds))
        self.history_empty.setVisible(not rounds)

    def table_text(self, attribute_id: str, column: str) -> str:
        """The text shown in the scores table (for tests and screen readers)."""
        row = next(i for i, a in enumerate(self.attributes) if a.id == attribute_id)
        item = self.table.item(row, COLUMNS.index(column))
        return item.text() if item is not None else ""

    def _arrange(self) -> None:
        """Table beside the radar when both fit, else the radar above the table."""
        table_width = self.table.horizontalHeader().length() + 2 * self.table.frameWidth() + 2
        room = self.scroll_area.viewport().width() - 48 - self.split.spacing()
        beside = room - table_width >= SIDE_BY_SIDE_RADAR
        direction = (QBoxLayout.Direction.LeftToRight if beside
                     else QBoxLayout.Direction.TopToBottom)
        if self.split.direction() != direction:
            self.split.setDirection(direction)
        self.table.setFixedWidth(max(160, min(table_width, room + self.split.spacing())))
        # As tall as its width allows beside the table; shorter above it, so numbers show.
        width = room - table_width if beside else room + self.split.spacing()
        legend = self.radar.legend_height(width) + 6
        chart = width * 0.9 if beside else min(420, width * 0.5)
        self.radar.setFixedHeight(round(max(300, chart) + legend))
        fit_height(self.table)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._arrange()

    def journal_changed(self) -> None:
        """Written elsewhere: re-read now if shown (every show re-reads anyway)."""
        if self.isVisible():
            self.refresh()

    def showEvent(self, event: QShowEvent) -> None:
        """Ratings may have been added from the command line or another page."""
        super().showEvent(event)
        self.refresh()
        if self.has_restored_work:  # ratings typed before a lock or crash come back
            self.has_restored_work = False
            self.open_rating_form()

    # -- acting ------------------------------------------------------------------------------
    def save_leader_name(self) -> None:
        if self.journal is not None and self.journal.is_open:
            profile_domain.set_leader_name(self.journal, self.name_edit.text())

    def open_rating_form(self, kind: str = "self") -> RatingDialog:
        self.rating_dialog = dialog = RatingDialog(self.journal, self.attributes, self.profile,
                                                   kind, parent=self)
        dialog.saved.connect(lambda _count: self.refresh())
        draft = self.journal.drafts().get(DRAFT_KEY)
        if draft:
            dialog.restore(draft)
            dialog.kind_hint.setText("Your unsaved ratings are back, as you left them.")
        dialog.open()
        return dialog

    def open_correction(self, value: RatingValue) -> RatingDialog:
        """The rating form again, holding one stored rating to correct (with Undo after)."""
        self.rating_dialog = dialog = RatingDialog(self.journal, self.attributes, self.profile,
                                                   parent=self, editing=value)
        dialog.corrected.connect(self.ratings_list.corrected)
        dialog.saved.connect(lambda _count: self.refresh())
        dialog.open()
        return dialog

    def open_export_dialog(self) -> MentorExportDialog:
        self.save_leader_name()
        self.export_dialog = dialog = MentorExportDialog(self.journal, parent=self)
        dialog.open()
        return dialog

    def show_prompts(self, attribute_id: str) -> AttributePrompts:
        """The Workbook 2 questions for one attribute (all sets' if the workbook is missing)."""
        sets = load_prompt_sets().sets
        workbook = [s for s in sets if s.id == WORKBOOK_SET] or list(sets)
        attribute = next(a for a in self.attributes if a.id == attribute_id)
        self.prompts_dialog = dialog = AttributePrompts(
            attribute.name, attribute.question, prompts_for_attribute(workbook, attribute_id),
            parent=self, correction=attribute.correction)
        dialog.answer_prompt_requested.connect(self.answer_prompt_requested)
        dialog.open()
        return dialog

    def about_to_lock(self) -> None:
        """Close the dialogs: nothing decrypted stays on screen once the key is gone."""
        if self.rating_dialog is not None and self.rating_dialog.isVisible():
            self.rating_dialog.close_for_lock()
        self.climate.close_dialogs()
        self.rounds.about_to_lock()
        for dialog in (self.export_dialog, self.prompts_dialog):
            if dialog is not None and dialog.isVisible():
                dialog.reject()


def profile_page(journal: Journal) -> ProfilePage:
    """The factory the Shell's page list uses."""
    return ProfilePage(journal)
