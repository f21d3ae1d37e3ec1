"""The Plan page: the development plan's goals (active first), each with its attributes,
target and milestones; below, the chosen goal's evidence and history.

Keyboard: arrows move in the list; Alt+G adds a goal, Alt+M a milestone to the chosen goal;
on a milestone Alt+T marks it met, Alt+V moves it, Alt+I marks it missed (each asks in place
for the date and why; Return confirms, Escape cancels), Alt+U undoes its last decision. Alt+D
edits the goal, Alt+C closes (Alt+R reopens) it, Alt+K links evidence, Alt+L unlinks it.
"Start with a personal review of challenges" opens a new record of that template on the
Supervision page.
"""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtGui import QBrush, QShowEvent
from PySide6.QtWidgets import (
    QHBoxLayout,
    QHeaderView,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from reflect.coaching import plan
from reflect.coaching.errors import PlanError
from reflect.coaching.plan import GoalView, MilestoneView
from reflect.common.dates import uk_date
from reflect.content.library import load_attributes
from reflect.journal.journal import Journal
from reflect.ui.coaching.evidence_chooser import EvidenceChooser
from reflect.ui.coaching.goal_dialog import GoalDialog
from reflect.ui.coaching.plan_rows import COLUMNS, goal_row, milestone_row
from reflect.ui.widgets.card import heading
from reflect.ui.widgets.feedback import ErrorNotice, error_colour, hint_label, plain_label
from reflect.ui.widgets.inline_ask import InlineAsk
from reflect.ui.widgets.lists import EnterTree, RoomyDelegate, top_level_items
from reflect.ui.widgets.messages import Failure

KEY_ROLE = Qt.ItemDataRole.UserRole
START_TEMPLATE = "personal_review"
EMPTY_HINT = ("No goals yet. Start with a personal review of challenges: your key challenges "
              "and learning needs point to the goals. Then add each goal here with its "
              "milestones.")


class PlanPage(QWidget):
    """The development plan over one open journal. ``new_record_requested(template_id)``
    asks the shell for a new record of that template."""

    new_record_requested = Signal(str)

    def __init__(self, journal: Journal, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName("Plan")
        self.journal = journal
        self.names = {a.id: a.short_name or a.name for a in load_attributes()}
        self.goals: dict[int, GoalView] = {}
        self.milestones: dict[int, MilestoneView] = {}
        self.dialog: QWidget | None = None
        self.error = ErrorNotice()
        self.count_label = hint_label()
        self.start_button = QPushButton("&Start with a personal review of challenges")
        self.start_button.setToolTip("A new record of the Personal review template: key "
                                     "challenges and learning needs, to start a plan")
        self.empty_hint = plain_label(EMPTY_HINT)
        self.tree = EnterTree()
        self.tree.setAccessibleName("Goals and milestones")
        self.tree.setColumnCount(len(COLUMNS))
        self.tree.setHeaderLabels(list(COLUMNS))
        self.tree.setItemDelegate(RoomyDelegate(self.tree))
        self.tree.setUniformRowHeights(True)
        header = self.tree.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for column in range(1, len(COLUMNS)):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        self.detail = hint_label()
        self.detail.setAccessibleName("Selected goal or milestone")
        self.add_goal_button = QPushButton("Add &goal…")
        self.edit_goal_button = QPushButton("E&dit goal…")
        self.close_button = QPushButton("&Close goal")
        self.link_button = QPushButton("Lin&k evidence…")
        self.add_milestone_button = QPushButton("Add &milestone…")
        self.met_button = QPushButton("Me&t…")
        self.met_button.setAccessibleName("Mark met")
        self.move_button = QPushButton("Mo&ve…")
        self.move_button.setAccessibleName("Move to a later date")
        self.missed_button = QPushButton("M&issed…")
        self.missed_button.setAccessibleName("Mark missed")
        self.undo_button = QPushButton("&Undo")
        self.undo_button.setAccessibleName("Undo the last decision")
        self.ask = InlineAsk()
        self.evidence_list = QListWidget()
        self.evidence_list.setAccessibleName("Evidence")
        self.unlink_button = QPushButton("Un&link")
        self.unlink_button.setAccessibleName("Unlink evidence")
        self.history_list = QListWidget()
        self.history_list.setAccessibleName("History")
        # Long reasons wrap instead of running off to the right behind a scroll bar.
        self.history_list.setWordWrap(True)
        self.history_list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.evidence_list.setWordWrap(True)
        self._lay_out()
        self._connect()
        self.reload()

    def _lay_out(self) -> None:
        top = QHBoxLayout()
        top.setSpacing(10)
        top.addWidget(heading("Development plan", scale=1.3))
        top.addWidget(self.count_label, 0, Qt.AlignmentFlag.AlignBottom)
        top.addStretch(1)
        top.addWidget(self.start_button)
        goal_buttons = QHBoxLayout()
        goal_buttons.setSpacing(8)
        for button in (self.add_goal_button, self.edit_goal_button, self.close_button,
                       self.link_button):
            goal_buttons.addWidget(button)
        goal_buttons.addStretch(1)
        for button in (self.add_milestone_button, self.met_button, self.move_button,
                       self.missed_button, self.undo_button):
            goal_buttons.addWidget(button)
        lower = QHBoxLayout()
        lower.setSpacing(12)
        evidence = QVBoxLayout()
        evidence.addWidget(plain_label("Evidence", wrap=False))
        evidence.addWidget(self.evidence_list, 1)
        unlink_row = QHBoxLayout()
        unlink_row.addStretch(1)
        unlink_row.addWidget(self.unlink_button)
        evidence.addLayout(unlink_row)
        history = QVBoxLayout()
        history.addWidget(plain_label("History", wrap=False))
        history.addWidget(self.history_list, 1)
        lower.addLayout(evidence, 1)
        lower.addLayout(history, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(20, 14, 12, 8)
        layout.setSpacing(8)
        layout.addLayout(top)
        layout.addWidget(self.error)
        layout.addWidget(self.empty_hint)
        layout.addWidget(self.tree, 3)
        layout.addWidget(self.detail)
        layout.addWidget(self.ask)
        layout.addLayout(goal_buttons)
        layout.addLayout(lower, 2)

    def _connect(self) -> None:
        self.tree.currentItemChanged.connect(lambda *_a: self._selection_changed())
        self.start_button.clicked.connect(
            lambda: self.new_record_requested.emit(START_TEMPLATE))
        self.add_goal_button.clicked.connect(lambda: self.open_goal_dialog(None))
        self.edit_goal_button.clicked.connect(lambda: self.open_goal_dialog(self.current_goal()))
        self.close_button.clicked.connect(self.close_or_reopen)
        self.link_button.clicked.connect(self.open_evidence_chooser)
        self.add_milestone_button.clicked.connect(self.ask_milestone)
        self.met_button.clicked.connect(self.ask_met)
        self.move_button.clicked.connect(self.ask_move)
        self.missed_button.clicked.connect(self.ask_missed)
        self.undo_button.clicked.connect(self.undo)
        self.unlink_button.clicked.connect(self.unlink)
        self.evidence_list.currentRowChanged.connect(lambda _r: self._update_buttons())

    # -- reading -----------------------------------------------------------------------------
    def reload(self) -> None:
        """Re-read the plan, keeping the chosen goal or milestone."""
        keep = self.current_key()
        try:
            goals = plan.goals(self.journal)
        except Exception as exc:
            self.error.show_failure(Failure("The plan could not be read.", type(exc).__name__))
            return
        today = date.today()
        warn = QBrush(error_colour(self.palette()))
        self.goals = {g.id: g for g in goals}
        self.milestones = {m.id: m for g in goals for m in g.milestones}
        self.tree.blockSignals(True)
        self.tree.clear()
        for goal in goals:
            item = QTreeWidgetItem(goal_row(goal, self.names))
            item.setData(0, KEY_ROLE, ("goal", goal.id))
            font = item.font(0)
            font.setBold(True)
            item.setFont(0, font)
            for milestone in goal.milestones:
                child = QTreeWidgetItem(milestone_row(milestone, today))
                child.setData(0, KEY_ROLE, ("milestone", milestone.id))
                if milestone.why:
                    child.setToolTip(4, milestone.why)
                if milestone.is_overdue(today):
                    child.setForeground(3, warn)
                    child.setForeground(4, warn)
                item.addChild(child)
            self.tree.addTopLevelItem(item)
            item.setExpanded(True)
        self.tree.blockSignals(False)
        active = sum(g.status == plan.ACTIVE for g in goals)
        self.count_label.setText(f"{active} active goal{'s' if active != 1 else ''}"
                                 + (f" · {len(goals) - active} closed"
                                    if len(goals) > active else ""))
        self.empty_hint.setVisible(not goals)
        self.select(keep if keep is not None else
                    (("goal", goals[0].id) if goals else None))

    def current_key(self) -> tuple[str, int] | None:
        item = self.tree.currentItem()
        return item.data(0, KEY_ROLE) if item is not None else None

    def current_goal(self) -> GoalView | None:
        key = self.current_key()
        if key is None:
            return None
        if key[0] == "goal":
            return self.goals.get(key[1])
        milestone = self.milestones.get(key[1])
        return self.goals.get(milestone.goal_id) if milestone else None

    def current_milestone(self) -> MilestoneView | None:
        key = self.current_key()
        return self.milestones.get(key[1]) if key and key[0] == "milestone" else None

    def select(self, key: tuple[str, int] | None) -> None:
        for top in top_level_items(self.tree):
            for item in (top, *(top.child(i) for i in range(top.childCount()))):
                if item is not None and item.data(0, KEY_ROLE) == key:
                    self.tree.setCurrentItem(item)
                    self._selection_changed()
                    return
        self._selection_changed()

    def _selection_changed(self) -> None:
        self._fill_goal_panes(self.current_goal())
        self._update_buttons()

    def _fill_goal_panes(self, goal: GoalView | None) -> None:
        self.evidence_list.clear()
        self.history_list.clear()
        if goal is None:
            return
        try:
            links = plan.evidence(self.journal, goal.id)
            lines = plan.history(self.journal, goal.id)
        except Exception as exc:
            self.error.show_failure(Failure("The goal could not be read.", type(exc).__name__))
            return
        for link in links:
            what = "Entry" if link.entry_id is not None else "Action"
            day = f" · {uk_date(link.on, short=True)}" if link.on else ""
            item = QListWidgetItem(f"{what}: {link.label}{day}")
            item.setData(KEY_ROLE, link.id)
            self.evidence_list.addItem(item)
        if not links:
            self.evidence_list.addItem("No evidence linked yet: Link evidence… adds an "
                                       "entry or an action.")
            self.evidence_list.item(0).setFlags(Qt.ItemFlag.NoItemFlags)
        # Newest first, by the day it happened (evidence is linked on the entry's day).
        ordered = sorted(enumerate(lines), key=lambda pair: (pair[1].on, pair[0]), reverse=True)
        for _index, line in ordered:
            about = f"{line.milestone}: " if line.milestone else ""
            self.history_list.addItem(f"{uk_date(line.on, short=True)}  {about}{line.text}")

    def _update_buttons(self) -> None:
        goal, milestone = self.current_goal(), self.current_milestone()
        active = goal is not None and goal.status == plan.ACTIVE
        to_come = active and milestone is not None and milestone.status in (plan.OPEN,
                                                                            plan.MOVED)
        self.edit_goal_button.setEnabled(goal is not None)
        self.close_button.setEnabled(goal is not None)
        self.close_button.setText("&Reopen goal" if goal is not None and not active
                                  else "&Close goal")
        self.link_button.setEnabled(goal is not None)
        self.add_milestone_button.setEnabled(active)
        for button in (self.met_button, self.move_button, self.missed_button):
            button.setEnabled(to_come)
        self.undo_button.setEnabled(active and milestone is not None and milestone.can_undo)
        item = self.evidence_list.currentItem()
        self.unlink_button.setEnabled(item is not None and item.data(KEY_ROLE) is not None)
        self.detail.setText(self._detail_text(goal, milestone))

    def _detail_text(self, goal: GoalView | None, milestone: MilestoneView | None) -> str:
        if goal is None:
            return ""
        if milestone is not None:
            text = milestone.text
            if milestone.why:
                text += f"\nWhy: {milestone.why}"
            return text
        closed = f" · closed {uk_date(goal.closed_on, short=True)}" if goal.closed_on else ""
        return (goal.description or "No description.") + \
            f"\nSet {uk_date(goal.created_on, short=True)}{closed}"

    # -- goals -------------------------------------------------------------------------------
    def open_goal_dialog(self, goal: GoalView | None) -> GoalDialog:
        dialog = GoalDialog(self.journal, goal, self)
        dialog.saved.connect(lambda goal_id: self._changed(("goal", goal_id)))
        dialog.finished.connect(dialog.deleteLater)
        self.dialog = dialog
        dialog.open()
        return dialog

    def open_evidence_chooser(self) -> EvidenceChooser | None:
        goal = self.current_goal()
        if goal is None:
            return None
        dialog = EvidenceChooser(self.journal, goal.id, goal.title, self)
        dialog.linked.connect(lambda _link: self._changed(("goal", goal.id)))
        dialog.finished.connect(dialog.deleteLater)
        self.dialog = dialog
        dialog.open()
        return dialog

    def close_or_reopen(self) -> None:
        goal = self.current_goal()
        if goal is None:
            return
        try:
            if goal.status == plan.ACTIVE:
                plan.close_goal(self.journal, goal.id)
            else:
                plan.reopen_goal(self.journal, goal.id)
        except PlanError as exc:
            self.error.show_failure(Failure("The goal did not change.", str(exc)))
            return
        self._changed(("goal", goal.id))

    def unlink(self) -> None:
        item = self.evidence_list.currentItem()
        goal = self.current_goal()
        if item is None or item.data(KEY_ROLE) is None or goal is None:
            return
        plan.unlink(self.journal, int(item.data(KEY_ROLE)))
        self._changed(self.current_key())

    # -- milestones --------------------------------------------------------------------------
    def _asking(self, label: str) -> None:
        self.ask.date_label.setText(label)
        self.ask.date_edit.setAccessibleName(label)
        self.ask.date_edit.setPlaceholderText("dd/mm/yyyy")

    def ask_milestone(self) -> None:
        goal = self.current_goal()
        if goal is None or goal.status != plan.ACTIVE:
            return
        self._asking("Due date")
        self.ask.ask(f"New milestone for \u201c{goal.title}\u201d: what will have happened?",
                     lambda text, day: self._decide(lambda: plan.add_milestone(
                         self.journal, goal.id, text, day), None),
                     with_date=True, confirm="Add milestone",
                     placeholder="For example Group supervision running monthly")

    def ask_met(self) -> None:
        milestone = self.current_milestone()
        if milestone is None:
            return
        self._asking("Met on")
        self.ask.ask(f"Met: \u201c{milestone.text}\u201d. On which day?",
                     lambda _text, day: self._decide(lambda: plan.mark_met(
                         self.journal, milestone.id, on=day), milestone.id),
                     text=False, with_date=True, confirm="Mark met",
                     hint="Today unless you choose another day.")
        self.ask.date_edit.set_value(date.today())

    def ask_move(self) -> None:
        milestone = self.current_milestone()
        if milestone is None:
            return
        self._asking("New due date")
        due = uk_date(milestone.due_on, short=True)
        self.ask.ask(f"Move \u201c{milestone.text}\u201d (due {due}) to when, and why?",
                     lambda text, day: self._decide(lambda: plan.move(
                         self.journal, milestone.id, day, text), milestone.id),
                     with_date=True, confirm="Move milestone",
                     placeholder="Why it moves: the reason stays in its history")

    def ask_missed(self) -> None:
        milestone = self.current_milestone()
        if milestone is None:
            return
        self.ask.ask(f"Why was \u201c{milestone.text}\u201d missed?",
                     lambda text, _day: self._decide(lambda: plan.mark_missed(
                         self.journal, milestone.id, text), milestone.id),
                     confirm="Mark missed", placeholder="What got in the way?")

    def _decide(self, change, milestone_id: int | None) -> str | None:
        """Run a change; None when it worked, else the sentence the inline ask shows."""
        try:
            made = change()
        except PlanError as exc:
            return str(exc)
        key = ("milestone", milestone_id if milestone_id is not None else int(made))
        self._changed(key)
        self.tree.setFocus()
        return None

    def undo(self) -> None:
        milestone = self.current_milestone()
        if milestone is None:
            return
        try:
            undone = plan.undo(self.journal, milestone.id)
        except PlanError as exc:
            self.error.show_failure(Failure("Nothing was undone.", str(exc)))
            return
        self._changed(("milestone", milestone.id))
        self.detail.setText(f"Undone the last decision ({undone}) on \u201c{milestone.text}\u201d.")

    def _changed(self, key: tuple[str, int] | None) -> None:
        self.error.clear()
        self.reload()
        self.select(key)

    # -- keeping up --------------------------------------------------------------------------
    def journal_changed(self) -> None:
        """Written elsewhere (an entry trashed, an action closed): re-read now if shown;
        every show re-reads anyway."""
        if self.isVisible():
            self.reload()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self.reload()

    def changeEvent(self, event: QEvent) -> None:
        """The overdue colour is picked for the palette: pick again when it changes."""
        super().changeEvent(event)
        journal = getattr(self, "journal", None)
        if event.type() == QEvent.Type.PaletteChange and hasattr(self, "error") \
                and journal is not None and journal.is_open:
            self.reload()


def plan_page(journal: Journal) -> PlanPage:
    """The factory the shell's page list uses."""
    return PlanPage(journal)
