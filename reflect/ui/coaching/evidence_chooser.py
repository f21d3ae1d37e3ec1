"""Choose an entry or an action to link to a goal as evidence: type to narrow the list,
arrows to move, Enter to link."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
    QWidget,
)

from reflect.coaching import plan
from reflect.coaching.errors import PlanError
from reflect.common.dates import uk_date
from reflect.journal.journal import Journal
from reflect.store.plan import Choice
from reflect.ui.widgets.feedback import ErrorNotice, hint_label
from reflect.ui.widgets.messages import Failure

CHOICE_ROLE = Qt.ItemDataRole.UserRole


def choice_text(choice: Choice) -> str:
    what = "Entry" if choice.entry_id is not None else "Action"
    day = f" · {uk_date(choice.on, short=True)}" if choice.on else ""
    return f"{what}: {choice.label}{day}"


class EvidenceChooser(QDialog):
    """``linked(evidence_id)`` after the chosen entry or action was linked to ``goal_id``."""

    linked = Signal(int)

    def __init__(self, journal: Journal, goal_id: int, goal_title: str = "",
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.journal = journal
        self.goal_id = goal_id
        self.setWindowTitle("Link evidence")
        self.setAccessibleName("Link evidence")
        self.setMinimumSize(self.fontMetrics().horizontalAdvance("M") * 40,
                            self.fontMetrics().lineSpacing() * 22)
        self.error = ErrorNotice()
        self.intro = hint_label(f"An entry or an action that shows progress on "
                                f"\u201c{goal_title}\u201d." if goal_title else
                                "An entry or an action that shows progress on the goal.")
        self.filter_edit = QLineEdit()
        self.filter_edit.setAccessibleName("Find an entry or action")
        self.filter_edit.setPlaceholderText("Type to find an entry or action")
        self.filter_edit.setClearButtonEnabled(True)
        self.list = QListWidget()
        self.list.setAccessibleName("Entries and actions")
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                        | QDialogButtonBox.StandardButton.Cancel)
        self.link_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.link_button.setText("Link")
        layout = QVBoxLayout(self)
        layout.setSpacing(8)
        layout.addWidget(self.intro)
        layout.addWidget(self.error)
        layout.addWidget(self.filter_edit)
        layout.addWidget(self.list, 1)
        layout.addWidget(self.buttons)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.filter_edit.textChanged.connect(self._narrow)
        self.filter_edit.installEventFilter(self)  # Up and Down move in the list
        self.list.itemActivated.connect(lambda _item: self.accept())
        try:
            choices = plan.choices(journal)
        except Exception as exc:
            self.error.show_failure(Failure("The journal could not be read.",
                                            type(exc).__name__))
            choices = ()
        for choice in choices:
            item = QListWidgetItem(choice_text(choice))
            item.setData(CHOICE_ROLE, choice)
            self.list.addItem(item)
        self.list.setCurrentRow(0)
        self.filter_edit.setFocus()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (watched is self.filter_edit and event.type() == QEvent.Type.KeyPress
                and isinstance(event, QKeyEvent)
                and event.key() in (Qt.Key.Key_Up, Qt.Key.Key_Down)):
            self._step(-1 if event.key() == Qt.Key.Key_Up else 1)
            return True
        return super().eventFilter(watched, event)

    def _visible_rows(self) -> list[int]:
        return [i for i in range(self.list.count()) if not self.list.item(i).isHidden()]

    def _step(self, by: int) -> None:
        rows = self._visible_rows()
        if not rows:
            return
        current = self.list.currentRow()
        at = rows.index(current) if current in rows else -1
        self.list.setCurrentRow(rows[max(0, min(len(rows) - 1, at + by))])

    def _narrow(self, text: str) -> None:
        words = text.casefold().split()
        for i in range(self.list.count()):
            item = self.list.item(i)
            item.setHidden(not all(w in item.text().casefold() for w in words))
        rows = self._visible_rows()
        if self.list.currentRow() not in rows:
            self.list.setCurrentRow(rows[0] if rows else -1)

    def chosen(self) -> Choice | None:
        item = self.list.currentItem()
        if item is None or item.isHidden():
            return None
        return item.data(CHOICE_ROLE)

    def accept(self) -> None:
        choice = self.chosen()
        if choice is None:
            self.error.show_failure(Failure("Nothing was linked.",
                                            "Choose an entry or an action in the list."))
            return
        try:
            link_id = plan.link(self.journal, self.goal_id, entry_id=choice.entry_id,
                                action_id=choice.action_id)
        except PlanError as exc:
            self.error.show_failure(Failure("Nothing was linked.", str(exc)))
            return
        self.linked.emit(link_id)
        super().accept()
