"""The record form's "Agreement" panel: when the record was shared with the supervisee, when
they agreed it, and their comments on it, each dated (more than one round is kept).

It is part of the record's state (``sections["_agreement"]``, see
:mod:`reflect.supervision.agreement`), so it is kept in the draft and saved with Ctrl+S like
every section. Comments read back from a returned PDF arrive here too, marked as such.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from reflect.common.dates import uk_date
from reflect.supervision.agreement import (
    AGREEMENT_KEY,
    VIA_PDF,
    Agreement,
    AgreementError,
    Comment,
    clean_comment,
    parse,
)
from reflect.ui.supervision.record_fields import GrowingTextEdit
from reflect.ui.widgets.buttons import press_on_enter
from reflect.ui.widgets.feedback import error_colour, hint_label, plain_label
from reflect.ui.widgets.optional_date import OptionalDateEdit

__all__ = ["AGREEMENT_KEY", "AgreementPanel"]

TITLE = "Agreement"
GUIDANCE = ("Both of you agree the record. When did the supervisee see it, when did they "
            "agree it, and what did they say about it? “Export for the supervisee…” under "
            "Export record gives them a copy to comment on and return.")


class _CommentRow(QFrame):
    """One dated comment, read-only, with Remove."""

    removed = Signal(object)

    def __init__(self, comment: Comment, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.comment = comment
        via = ", from the returned PDF" if comment.via == VIA_PDF else ""
        self.when = hint_label(f"{uk_date(comment.on)}{via}")
        self.text = plain_label(comment.text, selectable=True)
        self.text.setAccessibleName(f"Comment of {uk_date(comment.on)}")
        self.remove_button = QPushButton("Remove")
        self.remove_button.setAccessibleName(f"Remove the comment of {uk_date(comment.on)}")
        press_on_enter(self.remove_button)
        self.remove_button.clicked.connect(lambda: self.removed.emit(self))
        top = QHBoxLayout()
        top.addWidget(self.when, 1)
        top.addWidget(self.remove_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 2, 0, 2)
        layout.setSpacing(2)
        layout.addLayout(top)
        layout.addWidget(self.text)


class AgreementPanel(QFrame):
    """``changed`` on any edit; :meth:`value` is what ``sections["_agreement"]`` keeps."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName(TITLE)
        self.rows: list[_CommentRow] = []
        title = plain_label(TITLE, wrap=False)
        font = title.font()
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() * 1.05)
        title.setFont(font)
        self.shared_edit = OptionalDateEdit("Shared with the supervisee on", "Not yet")
        self.agreed_edit = OptionalDateEdit("Agreed by the supervisee on", "Not yet")
        dates = QFormLayout()
        dates.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.FieldsStayAtSizeHint)
        for text, edit in (("Shared with the supervisee on:", self.shared_edit),
                           ("Agreed on:", self.agreed_edit)):
            label = plain_label(text, wrap=False)
            label.setBuddy(edit)
            dates.addRow(label, edit)
        self.status = hint_label()
        self.status.setAccessibleName("Agreement status")
        self.comments_title = plain_label("The supervisee's comments on this record")
        self.comments_box = QVBoxLayout()
        self.comments_box.setSpacing(4)
        self.comment_edit = GrowingTextEdit()
        self.comment_edit.setAccessibleName("The supervisee's comment to add")
        self.comment_edit.setPlaceholderText("What the supervisee said about the record, in "
                                             "their words")
        self.comment_date = OptionalDateEdit("Date of the comment", "Today")
        self.add_button = QPushButton("Add comment")
        self.add_button.setAccessibleName("Add the supervisee's comment")
        press_on_enter(self.add_button)
        self.problem = hint_label()
        self.problem.setAccessibleName("Comment problem")
        self.problem.hide()
        add_row = QHBoxLayout()
        add_row.addWidget(hint_label("Dated"))
        add_row.addWidget(self.comment_date)
        add_row.addStretch(1)
        add_row.addWidget(self.add_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 4, 0, 8)
        layout.setSpacing(4)
        layout.addWidget(title)
        layout.addWidget(hint_label(GUIDANCE))
        layout.addLayout(dates)
        layout.addWidget(self.status)
        layout.addWidget(self.comments_title)
        layout.addLayout(self.comments_box)
        layout.addWidget(self.comment_edit)
        layout.addLayout(add_row)
        layout.addWidget(self.problem)
        self.shared_edit.dateChanged.connect(self._edited)
        self.agreed_edit.dateChanged.connect(self._edited)
        self.add_button.clicked.connect(self.add_comment)
        self._show_status()

    # -- state -----------------------------------------------------------------------------
    def agreement(self) -> Agreement:
        return Agreement(_value(self.shared_edit), _value(self.agreed_edit),
                         tuple(row.comment for row in self.rows))

    def value(self) -> dict[str, Any] | None:
        return self.agreement().as_json()

    def set_value(self, value: Any) -> None:
        """Show what is stored (anything: odd values read as nothing)."""
        agreement = value if isinstance(value, Agreement) else parse(value)
        blocked = [w.blockSignals(True) for w in (self.shared_edit, self.agreed_edit)]
        self.shared_edit.set_value(agreement.shared_on)
        self.agreed_edit.set_value(agreement.agreed_on)
        for widget, was in zip((self.shared_edit, self.agreed_edit), blocked, strict=True):
            widget.blockSignals(was)
        for row in self.rows:
            row.deleteLater()
        self.rows = []
        for comment in agreement.comments:
            self._add_row(comment)
        self._show_status()

    def focus_widgets(self) -> list[QWidget]:
        return [self.shared_edit, self.agreed_edit,
                *(row.remove_button for row in self.rows),
                self.comment_edit, self.comment_date, self.add_button]

    # -- editing ---------------------------------------------------------------------------
    def add_comment(self) -> bool:
        """The typed comment, dated as chosen (today when not), appended."""
        try:
            text = clean_comment(self.comment_edit.toPlainText())
        except AgreementError as exc:
            self._say(str(exc))
            self.comment_edit.setFocus()
            return False
        on = _value(self.comment_date) or date.today()
        if on > date.today():
            self._say("A comment cannot be dated in the future: choose today or earlier.")
            self.comment_date.setFocus()
            return False
        before = len(self.rows)
        self.set_value(self.agreement().with_comment(Comment(on, text)))
        if len(self.rows) == before:
            self._say("That comment is already here with that date.")
            return False
        self.comment_edit.clear()
        self.comment_date.set_value(None)
        self._say("")
        self.changed.emit()
        self.comment_edit.setFocus()
        return True

    def _add_row(self, comment: Comment) -> None:
        row = _CommentRow(comment)
        row.removed.connect(self._remove)
        self.rows.append(row)
        self.comments_box.addWidget(row)

    def _remove(self, row: _CommentRow) -> None:
        index = self.rows.index(row)
        comments = [r.comment for r in self.rows if r is not row]
        self.set_value(Agreement(_value(self.shared_edit), _value(self.agreed_edit),
                                 tuple(comments)))
        self.changed.emit()
        stops = [r.remove_button for r in self.rows] + [self.comment_edit]
        stops[min(index, len(stops) - 1)].setFocus()

    def _edited(self, *_args: object) -> None:
        self._show_status()
        self.changed.emit()

    def _say(self, text: str) -> None:
        palette = self.problem.palette()
        palette.setColor(self.problem.foregroundRole(), error_colour(self.palette()))
        self.problem.setPalette(palette)
        self.problem.setText(text)
        self.problem.setVisible(bool(text))

    def _show_status(self) -> None:
        agreement = self.agreement()
        self.status.setText(agreement.status())
        self.comments_title.setVisible(bool(self.rows))


def _value(edit: OptionalDateEdit) -> date | None:
    iso = edit.iso()
    return date.fromisoformat(iso) if iso else None
