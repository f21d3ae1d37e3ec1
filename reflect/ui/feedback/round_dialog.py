"""New round…: a 360 round named and dated, with how many forms go to each rater group.

The counts decide what the leader will see: a group with fewer than three returns is merged
into "others" (except the line manager), so the hint under the counts says so, and names the
groups that would be merged as the counts are typed. Storing and checking are
:func:`reflect.feedback.rounds.create_round`'s; a refusal is shown here and stores nothing.
"""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLineEdit,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from reflect.feedback.groups import (
    ANONYMITY_RULE,
    KNOWN_ANYWAY,
    MIN_GROUP_RETURNS,
    RATER_GROUPS,
)
from reflect.feedback.rounds import (
    MAX_FORMS_PER_GROUP,
    NAME_MAX,
    FeedbackError,
    Round,
    create_round,
)
from reflect.journal.journal import Journal
from reflect.ui.widgets.dates import uk_date_edit
from reflect.ui.widgets.feedback import ErrorNotice, hint_label
from reflect.ui.widgets.messages import Failure

#: The groups as a leader counts them, in the form's order.
PLURALS = {"line manager": "Line manager", "peer": "Peers", "team member": "Team members",
           "partner": "Partners", "other": "Others"}
#: Under the counts: the rule, and what it means for the counts.
COUNTS_HINT = (f"{ANONYMITY_RULE[:-1]}: invite at least three per group you want to see on "
               "its own. No rater is named anywhere.")
NO_FORMS = "A round needs at least one form: give a number of forms for at least one group."


def plural(group: str) -> str:
    return PLURALS.get(group, group[:1].upper() + group[1:])


class NewRoundDialog(QDialog):
    """See the module docstring. ``created(Round)`` fires once the round is stored."""

    created = Signal(object)

    def __init__(self, journal: Journal, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("New 360 round")
        self.setAccessibleName("New 360 round")
        self.journal = journal
        self.round: Round | None = None
        self.name_edit = QLineEdit()
        self.name_edit.setAccessibleName("Round name")
        self.name_edit.setPlaceholderText("Such as Autumn 360")
        self.name_edit.setMaxLength(NAME_MAX + 20)  # longer is refused with a sentence
        self.date_edit = uk_date_edit("Round opens on", date.today())
        self.counts: dict[str, QSpinBox] = {}
        form = QFormLayout()
        form.addRow("Name", self.name_edit)
        form.addRow("Opens on", self.date_edit)
        for group in RATER_GROUPS:
            box = QSpinBox()
            box.setRange(0, MAX_FORMS_PER_GROUP)
            box.setAccessibleName(f"Forms for {plural(group.name).lower()}")
            box.setSuffix(" forms")
            box.setMinimumHeight(self.name_edit.sizeHint().height())  # no clipping at 200 %
            box.valueChanged.connect(
                lambda n, b=box: b.setSuffix(" form" if n == 1 else " forms"))
            box.valueChanged.connect(self._show_merged)
            self.counts[group.name] = box
            form.addRow(plural(group.name), box)
        self.hint = hint_label(COUNTS_HINT)
        self.merged = hint_label()
        self.merged.setAccessibleName("Groups that would be merged")
        self.error = ErrorNotice()
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save
                                        | QDialogButtonBox.StandardButton.Cancel)
        self.save_button = self.buttons.button(QDialogButtonBox.StandardButton.Save)
        self.save_button.setDefault(True)
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(18, 16, 18, 14)
        layout.setSpacing(10)
        layout.addLayout(form)
        layout.addWidget(self.hint)
        layout.addWidget(self.merged)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)
        self._show_merged()
        self.setMinimumWidth(self.fontMetrics().horizontalAdvance("M") * 34)

    def invited(self) -> dict[str, int]:
        return {name: box.value() for name, box in self.counts.items() if box.value()}

    def _show_merged(self) -> None:
        small = [plural(name).lower() for name, count in self.invited().items()
                 if name not in KNOWN_ANYWAY and count < MIN_GROUP_RETURNS]
        self.merged.setText(
            f"With these numbers, {' and '.join(small)} will be shown merged into others."
            if small else "")
        self.merged.setVisible(bool(small))

    def save(self) -> bool:
        try:
            if not self.invited():
                raise FeedbackError(NO_FORMS)
            day = self.date_edit.value() or date.today()
            made = create_round(self.journal, self.name_edit.text(), self.invited(),
                                opened_on=day)
        except FeedbackError as exc:
            self.error.show_failure(Failure("The round was not saved.", str(exc)))
            self.adjustSize()
            return False
        self.error.clear()
        self.round = made
        self.created.emit(made)
        self.accept()
        return True
