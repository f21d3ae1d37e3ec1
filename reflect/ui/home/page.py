"""Home: a greeting, today's prompt, recent entries and a few counts.

Home is a vertical list of sections so that later work (overdue actions, supervisees due)
adds itself with :meth:`HomePage.add_section` instead of editing this file. A section may
define ``refresh()``; Home calls it every time it is shown, because entries are written on
other pages while this one waits in the stack.
"""

from __future__ import annotations

import calendar
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import date, datetime

from PySide6.QtCore import QEvent, Qt, QTimer, Signal
from PySide6.QtGui import QPalette, QResizeEvent, QShowEvent
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QScrollArea,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from reflect.common.dates import uk_date, uk_long_date
from reflect.content.library import ContentError, Prompt, PromptSet, load_prompt_sets
from reflect.journal.daily_prompt import is_focus_day, suggestions
from reflect.journal.journal import Journal
from reflect.journal.kinds import kind_label
from reflect.journal.reader_level import reader_level
from reflect.profile import ratings as profile_domain
from reflect.store.queries import EntryFilter, PromptUsage
from reflect.supervision.record_titles import distinct_titles, shown_title
from reflect.ui.home.agreement import AgreementSection
from reflect.ui.home.climate import climate_reminder
from reflect.ui.home.follow_ups import follow_up_section
from reflect.ui.home.supervision import supervision_section
from reflect.ui.privacy.review_section import retention_review
from reflect.ui.widgets.card import Section, heading
from reflect.ui.widgets.feedback import hint_label, plain_label
from reflect.ui.widgets.lists import EnterTree, top_level_items

RECENT_COUNT = 5
COLUMN_WIDTH = 860
MARGIN = 28
ENTRY_ID_ROLE = Qt.ItemDataRole.UserRole


def greeting(now: datetime) -> str:
    if now.hour < 12:
        return "Good morning"
    return "Good afternoon" if now.hour < 18 else "Good evening"




@dataclass(frozen=True)
class Focus:
    """The attribute a focus day turns to, and why, in the words the card shows."""

    attribute_id: str
    reason: str


def profile_focus(journal: Journal, today: date) -> Focus | None:
    """The Profile's widest blind spot, else the largest distance to target; None if neither
    (or the attributes file is broken: the Profile page says so)."""
    try:
        profile = profile_domain.load_profile(journal, as_of=today)
    except ContentError:
        return None
    found = profile.focus_attribute()
    if found is None:
        return None
    name = profile.get(found).attribute.short_name
    spot = any(a.attribute.id == found for a in profile.blind_spots)
    return Focus(found, f"Chosen for {name}: " + (
        "the widest gap between your rating and others' in your Profile." if spot else
        "the furthest you are from your target in your Profile."))


class PromptOfTheDay(Section):
    """Today's prompt (see :mod:`reflect.journal.daily_prompt`), with "Another prompt"."""

    def __init__(self, sets: tuple[PromptSet, ...], parent: QWidget | None = None) -> None:
        super().__init__("Prompt for today", parent)
        self.sets = {s.id: s for s in sets}
        self.choices: list[Prompt] = []
        self.offset = 0
        self._day: date | None = None
        self._usage: dict[str, PromptUsage] = {}
        self._focus: Focus | None = None
        self.source = hint_label()
        self.text = plain_label(selectable=True)
        self.text.setAccessibleName("Today's prompt")
        font = self.text.font()
        font.setPointSizeF(font.pointSizeF() * 1.2)
        self.text.setFont(font)
        self.usage = hint_label()
        self.reason = hint_label()  # on a focus day: which attribute, and why
        self.reason.setAccessibleName("Why this prompt")
        self.answer_button = QPushButton("Answer this")
        self.answer_button.setAccessibleName("Answer today's prompt")
        self.another_button = QPushButton("Another prompt")
        self.another_button.setAccessibleName("Show another prompt")
        buttons = QHBoxLayout()
        buttons.setSpacing(8)
        buttons.addWidget(self.answer_button)
        buttons.addWidget(self.another_button)
        buttons.addStretch(1)
        self.body.addWidget(self.source)
        self.body.addWidget(self.text)
        self.body.addWidget(self.usage)
        self.body.addWidget(self.reason)
        self.body.addSpacing(2)
        self.body.addLayout(buttons)
        self.another_button.clicked.connect(self.another)

    @property
    def prompt(self) -> Prompt | None:
        return self.choices[self.offset % len(self.choices)] if self.choices else None

    def update_choices(self, usage: dict[str, PromptUsage], day: date, *,
                       level: str | None = None, focus: Focus | None = None) -> None:
        """Re-rank for ``day``, the reader's ``level`` and the Profile's ``focus``;
        "Another prompt" steps are kept within the same day."""
        if day != self._day:
            self._day, self.offset = day, 0
        self.choices = suggestions(self.sets.values(), usage, day, level=level,
                                   focus=focus.attribute_id if focus else None)
        self._usage, self._focus = usage, focus
        self._show(usage)

    def another(self) -> None:
        if self.choices:
            self.offset = (self.offset + 1) % len(self.choices)
            self._show(self._usage)

    def _show(self, usage: dict[str, PromptUsage]) -> None:
        prompt = self.prompt
        self.answer_button.setEnabled(prompt is not None)
        self.another_button.setEnabled(len(self.choices) > 1)
        focus = self._focus
        focused = (prompt is not None and focus is not None and self.offset == 0
                   and self._day is not None and is_focus_day(self._day)
                   and focus.attribute_id in prompt.attributes)
        self.reason.setText(focus.reason if focused and focus else "")
        self.reason.setVisible(focused)
        if prompt is None:
            self.source.setText("")
            self.text.setText("No prompt sets are loaded. The Prompts page says why.")
            self.usage.setText("")
            return
        prompt_set = self.sets[prompt.set_id]
        self.source.setText(f"{prompt_set.source_short} · {prompt.source}")
        self.text.setText(prompt.text)
        used = usage.get(prompt.id)
        self.usage.setText("Not answered yet" if used is None else
                           f"Last answered {uk_date(used.last_answered)}")


class RecentEntries(Section):
    """The last few entries; a click or Enter opens one."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__("Recent entries", parent)
        self.list = EnterTree()
        self.list.setAccessibleName("Recent entries")
        self.list.setColumnCount(3)
        self.list.setHeaderHidden(True)
        self.list.setRootIsDecorated(False)
        self.list.setFrameShape(QFrame.Shape.NoFrame)
        self.list.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.list.setUniformRowHeights(True)
        self.list.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.list.setStyleSheet("QTreeWidget::item { padding: 4px 2px; }")
        header = self.list.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.ResizeToContents)
        self.empty = hint_label("Nothing written yet. Answer today's prompt, or start a "
                                "reflection on the Journal page (Ctrl+2).")
        self.body.addWidget(self.list)
        self.body.addWidget(self.empty)

    def show_entries(self, summaries, titles: Mapping[int, str] | None = None) -> None:
        """``titles``: the distinct titles of records (two sessions with Sam differ)."""
        self.list.clear()
        for summary in summaries:
            item = QTreeWidgetItem([shown_title(titles or {}, summary.entry_id, summary.title),
                                    kind_label(summary.kind),
                                    uk_date(summary.happened_on, short=True)])
            item.setData(0, ENTRY_ID_ROLE, summary.entry_id)
            item.setTextAlignment(2, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            item.setForeground(1, self.palette().brush(QPalette.ColorRole.PlaceholderText))
            self.list.addTopLevelItem(item)
        rows = self.list.topLevelItemCount()
        self.list.setVisible(rows > 0)
        self.empty.setVisible(rows == 0)
        if rows:
            height = self.list.sizeHintForRow(0) * rows + 2 * self.list.frameWidth() + 2
            self.list.setFixedHeight(height)

    def titles(self) -> list[str]:
        return [item.text(0) for item in top_level_items(self.list)]

    def changeEvent(self, event: QEvent) -> None:
        """A widget with a style sheet keeps the palette it was polished with: when the
        system switches to dark (or back) while Reflect runs, polish the list again and
        recolour the kind column, or it stays a white block in a dark window."""
        super().changeEvent(event)
        if event.type() == QEvent.Type.PaletteChange and hasattr(self, "list"):
            self.list.setStyleSheet(self.list.styleSheet())
            hint = self.palette().brush(QPalette.ColorRole.PlaceholderText)
            for item in top_level_items(self.list):
                item.setForeground(1, hint)


class Counts(Section):
    """Entries in all, this month, and how much of the prompt library has been answered."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__("At a glance", parent)
        row = QHBoxLayout()
        row.setSpacing(24)
        self.numbers: dict[str, tuple[QLabel, QLabel]] = {}
        for key in ("entries", "month", "prompts"):
            number = plain_label(wrap=False)
            font = number.font()
            font.setPointSizeF(font.pointSizeF() * 1.8)
            font.setBold(True)
            number.setFont(font)
            caption = hint_label()
            tile = QVBoxLayout()
            tile.setSpacing(0)
            tile.addWidget(number)
            tile.addWidget(caption)
            row.addLayout(tile, 1)
            self.numbers[key] = (number, caption)
        self.body.addLayout(row)

    def show_counts(self, entries: int, month: int, answered: int, prompts: int) -> None:
        for key, value, caption in (
            ("entries", entries, "entry" if entries == 1 else "entries"),
            ("month", month, "this month"),
            ("prompts", answered, f"of {prompts} prompts answered"),
        ):
            number, label = self.numbers[key]
            number.setText(str(value))
            label.setText(caption)
            number.setAccessibleName(f"{value} {caption}")

    def value(self, key: str) -> str:
        number, caption = self.numbers[key]
        return f"{number.text()} {caption.text()}"


class HomePage(QScrollArea):
    """The first page after unlocking. Extend it with :meth:`add_section`."""

    open_entry_requested = Signal(int)
    answer_prompt_requested = Signal(str)
    open_supervisee_requested = Signal(int)

    def __init__(self, journal: Journal, sets: tuple[PromptSet, ...] | None = None,
                 clock: Callable[[], datetime] = datetime.now,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName("Home")
        self.setWidgetResizable(True)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.journal = journal
        self.clock = clock
        self._read_at: tuple[int, date] | None = None  # the read made when built
        self.sets = sets if sets is not None else load_prompt_sets().sets

        self.greeting = heading("", scale=1.5)
        self.date_line = hint_label()
        self.prompt_card = PromptOfTheDay(self.sets)
        self.recent = RecentEntries()
        self.counts = Counts()
        inner = QWidget()
        self.column_widget = QWidget()
        self.column = QVBoxLayout(self.column_widget)
        self.column.setContentsMargins(0, 0, 0, 0)
        self.column.setSpacing(16)
        top = QVBoxLayout()
        top.setSpacing(2)
        top.addWidget(self.greeting)
        top.addWidget(self.date_line)
        self.column.addLayout(top)
        self.sections: list[QWidget] = []
        for section in (self.prompt_card, self.recent, self.counts):
            self.add_section(section)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(self.column_widget)
        row.addStretch(1)
        outer = QVBoxLayout(inner)
        outer.setContentsMargins(MARGIN, 24, MARGIN, MARGIN)
        outer.addLayout(row)
        outer.addStretch(1)
        self.setWidget(inner)

        self.prompt_card.answer_button.clicked.connect(self._answer)
        self.recent.list.itemClicked.connect(self._open)
        self.recent.list.enter_pressed.connect(self._open)
        self.refresh()
        if journal is not None and journal.is_open:  # what the first show need not read again
            self._read_at = (journal.change_count, self.clock().date())

    def add_section(self, widget: QWidget) -> None:
        """Append a section below the others. If it has ``refresh()``, Home calls it each time
        it is shown (and from :meth:`refresh`)."""
        self.sections.append(widget)
        self.column.addWidget(widget)
        refresh = getattr(widget, "refresh", None)
        if callable(refresh):  # only now: a section that shows itself with no parent yet
            refresh()          # would open as a window of its own and take the focus

    def refresh(self) -> None:
        """Re-read everything shown: a few counts, five light rows and the usage table."""
        if self.journal is None or not self.journal.is_open:
            return
        now = self.clock()
        today = now.date()
        self.greeting.setText(greeting(now))
        self.date_line.setText(f"{uk_long_date(today)} · Ctrl+F searches everything, "
                               "Ctrl+L locks the journal")
        usage = self.journal.prompt_usage()
        self.prompt_card.update_choices(usage, today, level=reader_level(self.journal),
                                        focus=profile_focus(self.journal, today))
        recent = self.journal.list_summaries(limit=RECENT_COUNT)
        self.recent.show_entries(recent, distinct_titles(
            self.journal, ((s.entry_id, s.title) for s in recent)))
        last = calendar.monthrange(today.year, today.month)[1]
        month = EntryFilter(date_from=today.replace(day=1), date_to=today.replace(day=last))
        total_prompts = sum(len(s.prompts) for s in self.sets)
        answered = sum(1 for pid in usage if pid in self._prompt_ids())
        self.counts.show_counts(self.journal.count_entries(), self.journal.count_entries(month),
                                answered, total_prompts)
        self._refresh_sections()

    def _prompt_ids(self) -> set[str]:
        return {p.id for s in self.sets for p in s.prompts}

    def journal_changed(self) -> None:
        """Written elsewhere: re-read now if shown (every show re-reads anyway)."""
        if self.isVisible():
            self.refresh()

    def showEvent(self, event: QShowEvent) -> None:
        """Re-read; on the first show just after the page was built and read (at unlock),
        with nothing written since, only the sections (they lay their rows out shown): the
        prompt usage and counts were read twice at 100,000 entries."""
        super().showEvent(event)
        journal, read_at, self._read_at = self.journal, self._read_at, None
        if (journal is not None and journal.is_open and read_at
                == (journal.change_count, self.clock().date())):
            self._refresh_sections()
            return
        self.refresh()

    def _refresh_sections(self) -> None:
        for section in self.sections:
            hook = getattr(section, "refresh", None)
            if callable(hook):
                hook()

    def changeEvent(self, event: QEvent) -> None:
        """Each section picks its muted and warning colours from the palette as it fills:
        when the system palette changes (dark mode switched on), fill them again."""
        super().changeEvent(event)
        if event.type() == QEvent.Type.PaletteChange and self.isVisible():
            self.refresh()

    def resizeEvent(self, event: QResizeEvent) -> None:
        """A fixed column width lets wrapped labels take the height they need at it."""
        room = self.viewport().width() - 2 * MARGIN
        self.column_widget.setFixedWidth(max(280, min(COLUMN_WIDTH, room)))
        super().resizeEvent(event)
        # Resized while hidden (the window shrank on another page), the column kept the place
        # it had in the wider page, half off the edge: Qt drops a hidden widget's layout
        # request. Once the resize has settled, lay the column out where it is.
        QTimer.singleShot(0, self, self._lay_out_column)

    def _lay_out_column(self) -> None:
        inner = self.widget()
        layout = inner.layout() if inner is not None else None
        if inner is not None and layout is not None and layout.geometry() != inner.rect():
            layout.invalidate()
            layout.activate()

    def _answer(self) -> None:
        prompt = self.prompt_card.prompt
        if prompt is not None:
            self.answer_prompt_requested.emit(prompt.id)

    def _open(self, item: QTreeWidgetItem, _column: int = 0) -> None:
        self.open_entry_requested.emit(int(item.data(0, ENTRY_ID_ROLE)))


def home_page(journal: Journal) -> HomePage:
    """The factory the Shell's page list uses."""
    page = HomePage(journal)
    section = supervision_section(journal)
    section.open_entry_requested.connect(page.open_entry_requested)
    page.add_section(section)
    to_agree = AgreementSection(journal)
    to_agree.open_entry_requested.connect(page.open_entry_requested)
    page.add_section(to_agree)
    followed = follow_up_section(journal)  # disagreements, agreements to review
    followed.open_entry_requested.connect(page.open_entry_requested)
    page.add_section(followed)
    page.add_section(climate_reminder(journal))  # a check-in each quarter
    review = retention_review(journal)  # former supervisees' notes due for review
    review.open_supervisee_requested.connect(page.open_supervisee_requested)
    page.add_section(review)
    return page
