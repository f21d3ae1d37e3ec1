"""Add or edit a development-plan goal: a title, what it means, the attributes it develops
(a tick list in the workbook's order) and, where it fits, the profile score it aims at.

Opened with ``open()`` (window-modal, not blocking), so the idle lock keeps running; a refused
save keeps the dialog open with the reason.
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from reflect.coaching import plan
from reflect.coaching.errors import PlanError
from reflect.coaching.plan import GoalView
from reflect.content.library import load_attributes
from reflect.journal.journal import Journal
from reflect.ui.widgets.feedback import ErrorNotice, hint_label
from reflect.ui.widgets.messages import Failure


class GoalDialog(QDialog):
    """``saved(goal_id)`` after a successful add or edit."""

    saved = Signal(int)

    def __init__(self, journal: Journal, goal: GoalView | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.journal = journal
        self.goal = goal
        self.setWindowTitle("Edit goal" if goal else "Add goal")
        self.setAccessibleName(self.windowTitle())
        self.setMinimumWidth(self.fontMetrics().horizontalAdvance("M") * 36)
        self.error = ErrorNotice()
        self.title_edit = QLineEdit()
        self.title_edit.setAccessibleName("Goal")
        self.title_edit.setPlaceholderText("For example Lead the move to group supervision")
        self.description_edit = QPlainTextEdit()
        self.description_edit.setAccessibleName("What it means")
        self.description_edit.setPlaceholderText("What will be different when it is reached?")
        self.description_edit.setTabChangesFocus(True)
        self.description_edit.setFixedHeight(self.fontMetrics().lineSpacing() * 4 + 12)
        self.attribute_boxes: dict[str, QCheckBox] = {}
        attributes = QVBoxLayout()
        attributes.setSpacing(2)
        for attribute in load_attributes():
            box = QCheckBox(attribute.name)
            box.setAccessibleName(attribute.name)
            self.attribute_boxes[attribute.id] = box
            attributes.addWidget(box)
        self.target_combo = QComboBox()
        self.target_combo.setAccessibleName("Profile target")
        self.target_combo.addItem("No target", None)
        for score in plan.TARGETS:
            self.target_combo.addItem(f"{score} of 5", score)
        self.target_hint = hint_label("Optional: the score on the leadership profile this goal "
                                      "aims at.")
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save
                                        | QDialogButtonBox.StandardButton.Cancel)
        form = QFormLayout()
        form.setVerticalSpacing(6)
        form.addRow("&Goal", self.title_edit)
        form.addRow("&What it means", self.description_edit)
        form.addRow("Attributes", attributes)
        form.addRow("&Target", self.target_combo)
        form.addRow("", self.target_hint)
        layout = QVBoxLayout(self)
        layout.setSpacing(10)
        layout.addWidget(self.error)
        layout.addLayout(form)
        layout.addWidget(self.buttons)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        if goal is not None:
            self.title_edit.setText(goal.title)
            self.description_edit.setPlainText(goal.description)
            for attribute_id in goal.attributes:
                if attribute_id in self.attribute_boxes:
                    self.attribute_boxes[attribute_id].setChecked(True)
            self.target_combo.setCurrentIndex(max(0, self.target_combo.findData(goal.target)))

    def chosen_attributes(self) -> list[str]:
        return [key for key, box in self.attribute_boxes.items() if box.isChecked()]

    def accept(self) -> None:
        """Save, or stay open with the reason."""
        fields = {"title": self.title_edit.text(),
                  "description": self.description_edit.toPlainText(),
                  "attributes": self.chosen_attributes(),
                  "target": self.target_combo.currentData()}
        try:
            if self.goal is None:
                goal_id = plan.add_goal(self.journal, **fields)
            else:
                goal_id = self.goal.id
                plan.edit_goal(self.journal, goal_id, **fields)
        except PlanError as exc:
            self.error.show_failure(Failure("The goal was not saved.", str(exc)))
            return
        self.saved.emit(goal_id)
        super().accept()
