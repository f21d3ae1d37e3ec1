"""A team climate check-in: the six dimensions, each with Reflect's one-line description and a
1–5 chooser for now and for ideal, the perspective (the climate I create, or experience), the
day and a note. The same dialog corrects a past check-in (its perspective kept) and takes a
team member's paper response (no name, no note).

Keyboard first: Tab goes row by row through now and ideal (one stop each), Left/Right or a
digit chooses, 0 clears (a dimension left empty is skipped), Enter saves. Opened with
``open()`` (window-modal), so the idle lock keeps running; a refused save keeps the dialog
open with the reason and writes nothing.
"""

from __future__ import annotations

from datetime import date
from itertools import pairwise

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFont, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QButtonGroup,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGridLayout,
    QHBoxLayout,
    QPlainTextEdit,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from reflect.climate import checkins
from reflect.climate.errors import ClimateError
from reflect.climate.views import CREATE, CheckIn
from reflect.common.dates import uk_date
from reflect.content.climate import climate_content
from reflect.journal.journal import Journal
from reflect.ui.climate.chooser import ScoreChooser
from reflect.ui.widgets.contrast import readable_radios
from reflect.ui.widgets.dates import to_qdate, uk_date_edit
from reflect.ui.widgets.feedback import ErrorNotice, hint_label, plain_label
from reflect.ui.widgets.messages import Failure


class ClimateDialog(QDialog):
    """``saved(checkin_id)`` after a check-in is recorded, corrected or a response added."""

    saved = Signal(int)

    def __init__(self, journal: Journal, perspective: str = CREATE, *,
                 editing: CheckIn | None = None, response_to: CheckIn | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.journal = journal
        self.editing = editing
        self.response_to = response_to
        content = climate_content()
        title = ("Correct a climate check-in" if editing else
                 "Add a team member's response" if response_to else "Team climate check-in")
        self.setWindowTitle(title)
        self.setAccessibleName(title)
        self.error = ErrorNotice()
        self.perspective_buttons: dict[str, QRadioButton] = {}
        perspectives = QWidget()
        row = QVBoxLayout(perspectives)
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(2)
        self.perspective_group = QButtonGroup(self)
        for item in content.perspectives:
            button = QRadioButton(item.label)
            button.setToolTip(item.hint)
            self.perspective_group.addButton(button)
            self.perspective_buttons[item.id] = button
            row.addWidget(button)
        readable_radios(perspectives)
        chosen = editing.perspective if editing else perspective
        self.perspective_buttons.get(chosen, self.perspective_buttons[CREATE]).setChecked(True)
        self.date_edit = uk_date_edit("Day of the check-in", editing.checked_on if editing
                                      else date.today())
        self.date_edit.setMaximumDate(to_qdate(date.today()))
        self.note_edit = QPlainTextEdit()
        self.note_edit.setAccessibleName("Note")
        self.note_edit.setPlaceholderText("Optional: what is behind these scores this quarter?")
        self.note_edit.setTabChangesFocus(True)
        self.note_edit.setFixedHeight(self.fontMetrics().lineSpacing() * 3 + 12)

        self.now: dict[str, ScoreChooser] = {}
        self.ideal: dict[str, ScoreChooser] = {}
        grid = QGridLayout()
        grid.setHorizontalSpacing(14)
        grid.setVerticalSpacing(8)
        for column, text, question in ((1, "Now", content.question_now),
                                       (2, "Ideal", content.question_ideal)):
            label = plain_label(text, wrap=False)  # a wrapped label here upsets the grid
            font = QFont(label.font())
            font.setBold(True)
            label.setFont(font)
            label.setToolTip(question)
            grid.addWidget(label, 0, column, Qt.AlignmentFlag.AlignBottom)
        for index, dimension in enumerate(content.dimensions, start=1):
            name = plain_label(dimension.name)
            font = QFont(name.font())
            font.setBold(True)
            name.setFont(font)
            about = hint_label(dimension.description)
            about.setWordWrap(False)  # one line each: a wrapped one is squeezed by the grid
            cell = QVBoxLayout()
            cell.setSpacing(0)
            cell.addWidget(name)
            cell.addWidget(about)
            self.now[dimension.id] = ScoreChooser(f"{dimension.name} now", content.scale)
            self.ideal[dimension.id] = ScoreChooser(f"{dimension.name} ideal", content.scale)
            grid.addLayout(cell, index, 0)
            grid.addWidget(self.now[dimension.id], index, 1, Qt.AlignmentFlag.AlignVCenter)
            grid.addWidget(self.ideal[dimension.id], index, 2, Qt.AlignmentFlag.AlignVCenter)
        grid.setColumnStretch(0, 1)
        scale = " · ".join(f"{n} {w.lower()}" for n, w in enumerate(content.scale, start=1))
        self.scale_hint = hint_label(f"{scale}. Left and Right (or a digit) choose; 0 clears, "
                                     "and a dimension left empty is skipped.")

        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save
                                        | QDialogButtonBox.StandardButton.Cancel)
        self.save_button = self.buttons.button(QDialogButtonBox.StandardButton.Save)
        self.save_button.setDefault(True)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        QShortcut(QKeySequence("Ctrl+Return"), self, self.accept)

        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.FieldsStayAtSizeHint)
        if response_to is None:
            if editing is None:
                form.addRow("Perspective", perspectives)
            else:
                perspectives.hide()
                form.addRow("Perspective", plain_label(
                    content.perspective(editing.perspective).label))
            form.addRow("&Day", self.date_edit)
        else:
            perspectives.hide()
            self.date_edit.hide()
            form.addRow(hint_label(
                f"One team member's answers on paper, for the check-in of "
                f"{uk_date(response_to.checked_on)}. No name is kept; fewer than three "
                "responses are not shown as a group."))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(18, 16, 18, 14)
        layout.setSpacing(10)
        layout.addWidget(hint_label(f"Now: {content.question_now} Ideal: "
                                    f"{content.question_ideal} {content.notes}"))
        layout.addLayout(form)
        layout.addLayout(grid)
        layout.addWidget(self.scale_hint)
        if response_to is None:
            notes = QHBoxLayout()
            note_label = plain_label("&Note", wrap=False)
            note_label.setBuddy(self.note_edit)
            notes.addWidget(note_label, 0, Qt.AlignmentFlag.AlignTop)
            notes.addWidget(self.note_edit, 1)
            layout.addLayout(notes)
        else:
            self.note_edit.hide()
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)
        self._chain_tabs()
        if editing is not None:
            self.note_edit.setPlainText(editing.note)
            for dimension_id, (now, ideal) in editing.scores.items():
                self.now[dimension_id].set_value(now)
                self.ideal[dimension_id].set_value(ideal)

    def _chain_tabs(self) -> None:
        """Row by row: now, then ideal, then the next dimension."""
        order: list[QWidget] = [b for b in self.perspective_buttons.values()
                                if not b.isHidden()]
        order += [self.date_edit] if self.response_to is None else []
        for dimension_id in self.now:
            order += [self.now[dimension_id], self.ideal[dimension_id]]
        order += [self.note_edit] if self.response_to is None else []
        for first, second in pairwise(order):
            QWidget.setTabOrder(first, second)

    def perspective(self) -> str:
        return next(key for key, b in self.perspective_buttons.items() if b.isChecked())

    def scores(self) -> dict[str, tuple[int | None, int | None]]:
        return {key: (self.now[key].value(), self.ideal[key].value()) for key in self.now}

    def accept(self) -> None:
        """Save, or stay open with the reason."""
        day = self.date_edit.value() or date.today()
        try:
            if self.response_to is not None:
                checkins.add_response(self.journal, self.response_to.id, self.scores())
                saved = self.response_to.id
            elif self.editing is not None:
                checkins.correct(self.journal, self.editing.id, self.scores(),
                                 note=self.note_edit.toPlainText(), checked_on=day)
                saved = self.editing.id
            else:
                saved = checkins.record(self.journal, self.scores(),
                                        perspective=self.perspective(), checked_on=day,
                                        note=self.note_edit.toPlainText())
        except ClimateError as exc:
            self.error.show_failure(Failure("The check-in was not saved.", str(exc)))
            return
        self.saved.emit(saved)
        super().accept()
