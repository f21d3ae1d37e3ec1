"""The Profile page's rating form (the five attributes, each with the
workbook's question and its "a rating of 5 might sound like" guidance beside it, a 1–5 choice
and a note); the Workbook 2 prompts for one attribute are in :mod:`.attribute_prompts`.

One form serves the three kinds of rating, because the workbook asks the same questions of the
leader (now), of where they want to be (a target, by a date) and of others (360 feedback, one
rater at a time, so that averages count people). Keyboard first: Tab moves between attributes,
the digits 1–5 pick a score, 0 clears it, N marks "not observed", Ctrl+Enter saves. Storing
and checking are :func:`reflect.profile.ratings.rate`'s job; this form only collects. The same
form, given one stored rating, corrects it (the Profile page's list of ratings opens it so).
Workbook 1's instructions fold out above the questions (:mod:`.rating_guidance`).
"""

from __future__ import annotations

import contextlib
from datetime import date, timedelta

from PySide6.QtCore import QEvent, Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent, QKeySequence, QPalette, QShortcut
from PySide6.QtWidgets import (
    QAbstractButton,
    QButtonGroup,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QPlainTextEdit,
    QRadioButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from reflect.common.dates import uk_date
from reflect.content.library import Attribute
from reflect.feedback.rounds import FeedbackError
from reflect.journal.drafts import discard_quietly
from reflect.journal.journal import Journal
from reflect.profile import ratings as profile_domain
from reflect.profile.ratings import (
    SUGGESTED_RATER_GROUPS,
    AttributeProfile,
    Profile,
    ProfileError,
    RatingValue,
)
from reflect.ui.feedback.typed_return import RoundChoice, save_typed
from reflect.ui.profile.rating_guidance import HowToAnswer, correction_label
from reflect.ui.widgets.card import heading
from reflect.ui.widgets.contrast import TEXT_CONTRAST, contrast_ratio, readable_radios
from reflect.ui.widgets.dates import DateBox, to_qdate, uk_date_edit
from reflect.ui.widgets.feedback import ErrorNotice, hint_label, plain_label
from reflect.ui.widgets.messages import Failure

PROMPT_ROLE = Qt.ItemDataRole.UserRole
NOT_RATED = 0
NOT_OBSERVED = 6
#: The half-filled form is kept here (encrypted, like every draft) until saved or cancelled.
DRAFT_KEY = "profile:rating"
KINDS = (("self", "My rating now"), ("target", "My target"),
         ("other", "Someone else's rating (360 feedback)"))


def _date(edit: DateBox) -> date:
    value = edit.date()
    return date(value.year(), value.month(), value.day())




class ScoreChoice(QWidget):
    """Not rated, 1–5, and (for others) not observed; digit keys choose as well as clicks."""

    changed = Signal(int)

    def __init__(self, attribute_name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.group = QButtonGroup(self)
        self.buttons: dict[int, QRadioButton] = {}
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(10)
        for value, text in ((NOT_RATED, "Not rated"), *((n, str(n)) for n in range(1, 6)),
                            (NOT_OBSERVED, "Not observed")):
            button = QRadioButton(text)
            button.setAccessibleName(f"{attribute_name}: {text.lower()}"
                                     if value in (NOT_RATED, NOT_OBSERVED)
                                     else f"{attribute_name}: {value} out of 5")
            self.group.addButton(button, value)
            self.buttons[value] = button
            row.addWidget(button)
        row.addStretch(1)
        readable_radios(self)
        self.buttons[NOT_RATED].setChecked(True)
        self.group.idToggled.connect(self._id_toggled)

    def _id_toggled(self, value: int, on: bool) -> None:
        if on:
            self.changed.emit(value)

    def value(self) -> int:
        return self.group.checkedId()

    def set_value(self, value: int) -> None:
        if self.buttons[value].isEnabled():
            self.buttons[value].setChecked(True)
            self.buttons[value].setFocus()

    def allow_not_observed(self, allowed: bool) -> None:
        button = self.buttons[NOT_OBSERVED]
        button.setVisible(allowed)
        button.setEnabled(allowed)
        if not allowed and button.isChecked():
            self.buttons[NOT_RATED].setChecked(True)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        """Keys the focused radio button does not use come here."""
        text = event.text().lower()
        if text in ("0", "1", "2", "3", "4", "5"):
            self.set_value(int(text))
        elif text == "n":
            self.set_value(NOT_OBSERVED)
        else:
            super().keyPressEvent(event)


class AttributeCard(QFrame):
    """One attribute: question, score, note on the left; the "5 sounds like" guidance right."""

    def __init__(self, attribute: Attribute, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.attribute = attribute
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setAccessibleName(attribute.name)
        title = heading(attribute.name, scale=1.1)
        question = plain_label(attribute.question)
        self.choice = ScoreChoice(attribute.short_name)
        self.note = QPlainTextEdit()
        self.note.setTabChangesFocus(True)
        self.note.setPlaceholderText("Note (optional): what makes you say so?")
        self.note.setAccessibleName(f"Note on {attribute.short_name}")
        self.note.setFixedHeight(round(self.note.fontMetrics().lineSpacing() * 3.2 + 12))
        self.last = hint_label()
        self.guide = guide = QFrame()
        guide.setAutoFillBackground(True)
        self._shade_guide()
        guide_box = QVBoxLayout(guide)
        guide_box.setContentsMargins(10, 8, 10, 8)
        guide_box.addWidget(hint_label("A rating of 5 might sound like:"))
        for text in attribute.five_sounds_like:
            quote = plain_label(f"“{text}”")
            font = quote.font()
            font.setItalic(True)
            quote.setFont(font)
            guide_box.addWidget(quote)
        guide_box.addStretch(1)
        grid = QGridLayout(self)
        grid.setContentsMargins(12, 10, 12, 10)
        grid.setHorizontalSpacing(14)
        grid.setVerticalSpacing(6)
        self.correction = correction_label(attribute.correction)  # the printed text, if fixed
        rows = [title, question, *([self.correction] if self.correction else []),
                self.choice, self.note, self.last]
        for row, widget in enumerate(rows):
            grid.addWidget(widget, row, 0)
        grid.addWidget(guide, 0, 1, len(rows), 1)
        grid.setColumnStretch(0, 3)
        grid.setColumnStretch(1, 2)


    def _shade_guide(self) -> None:
        """AlternateBase behind the guidance, unless this palette leaves it too close to the
        text colour (some dark palettes never set it): then Base, which always pairs."""
        palette = self.palette()
        pale = contrast_ratio(palette.color(QPalette.ColorRole.AlternateBase),
                              palette.color(QPalette.ColorRole.WindowText)) < TEXT_CONTRAST
        self.guide.setBackgroundRole(QPalette.ColorRole.Base if pale
                                     else QPalette.ColorRole.AlternateBase)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() in (QEvent.Type.PaletteChange, QEvent.Type.ApplicationPaletteChange):
            self._shade_guide()
        super().changeEvent(event)


class RatingDialog(QDialog):
    """Collects one round of ratings and stores it; ``saved`` fires after it is stored.

    Given ``editing`` (one stored rating), the same form corrects that rating instead: only
    its attribute shows, prefilled, no draft is kept, and ``corrected(before, after)`` fires.
    """

    saved = Signal(int)  # how many ratings were stored
    corrected = Signal(object, object)  # RatingValue before, after

    def __init__(self, journal: Journal, attributes: tuple[Attribute, ...],
                 profile: Profile | None = None, kind: str = "self",
                 parent: QWidget | None = None, editing: RatingValue | None = None) -> None:
        super().__init__(parent)
        title = "Correct a rating" if editing else "Rate the leadership attributes"
        self.setWindowTitle(title)
        self.setAccessibleName(title)
        self.journal = journal
        self.profile = profile
        self.editing = editing
        self.kind_buttons: dict[str, QRadioButton] = {}
        kinds_box = QWidget()
        kinds = QHBoxLayout(kinds_box)
        kinds.setContentsMargins(0, 0, 0, 0)
        kinds.setSpacing(14)
        self.kind_group = QButtonGroup(self)
        for key, text in KINDS:
            button = QRadioButton(text)
            self.kind_group.addButton(button)
            self.kind_buttons[key] = button
            kinds.addWidget(button)
        kinds.addStretch(1)
        readable_radios(kinds_box)
        today = date.today()
        self.date_edit = uk_date_edit("Date of the rating", today)
        self.date_edit.setMaximumDate(to_qdate(today))
        self.target_by_edit = uk_date_edit("Target to reach by", today + timedelta(days=365))
        self.rater_box = QComboBox()
        self.rater_box.setEditable(True)
        self.rater_box.addItems(list(SUGGESTED_RATER_GROUPS))
        self.rater_box.setAccessibleName("Rater group")
        self.rater_box.setToolTip("Choose a role or type your own, such as 'deputy director'")
        self.rater_box.setMinimumContentsLength(24)
        self.round_box = RoundChoice(journal)  # others' ratings: one rater's return
        self.form = QFormLayout()
        self.form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.FieldsStayAtSizeHint)
        self.form.addRow("Whose rating", kinds_box)
        self.form.addRow("Date", self.date_edit)
        self.form.addRow("Reach it by", self.target_by_edit)
        self.form.addRow("Rater group", self.rater_box)
        self.form.addRow("360 round", self.round_box)
        self.kind_hint = hint_label()
        # Open for a first rating; after that one line, so the questions stay in view.
        self.how_to_answer = HowToAnswer(expanded=editing is None and (
            profile is None or all(item.current is None for item in profile.attributes)))

        self.cards = {a.id: AttributeCard(a) for a in attributes}
        inner = QWidget()
        column = QVBoxLayout(inner)
        column.setContentsMargins(0, 0, 6, 0)
        column.setSpacing(10)
        for card in self.cards.values():
            column.addWidget(card)
        column.addStretch(1)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        scroll.setWidget(inner)
        self.error = ErrorNotice()
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save
                                        | QDialogButtonBox.StandardButton.Cancel)
        self.save_button = self.buttons.button(QDialogButtonBox.StandardButton.Save)
        self.save_button.setToolTip("Save these ratings (Ctrl+Enter)")
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        QShortcut(QKeySequence("Ctrl+Return"), self, self.save)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(18, 16, 18, 14)
        layout.setSpacing(10)
        layout.addLayout(self.form)
        layout.addWidget(self.kind_hint)
        layout.addWidget(self.how_to_answer)
        layout.addWidget(scroll, 1)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)
        self.kind_group.buttonToggled.connect(self._kind_toggled)
        self.kind_buttons.get(editing.kind if editing else kind,
                              self.kind_buttons["self"]).setChecked(True)
        self._locking = False
        self._autosave = QTimer(self)
        self._autosave.setSingleShot(True)
        self._autosave.setInterval(1500)
        self._autosave.timeout.connect(self.keep_draft)
        self.kind_group.buttonToggled.connect(lambda *_: self._autosave.start())
        for card in self.cards.values():
            card.choice.changed.connect(lambda *_: self._autosave.start())
            card.note.textChanged.connect(self._autosave.start)
        if parent is not None:
            window = parent.window().size()
            self.resize(min(980, round(window.width() * 0.95)),
                        min(820, round(window.height() * 0.95)))
        if editing is not None:
            self._prefill(editing)

    def _prefill(self, value: RatingValue) -> None:
        """Show one stored rating as it is, to be corrected."""
        self.date_edit.setDate(to_qdate(value.rated_on))
        if value.target_by is not None:
            self.target_by_edit.setDate(to_qdate(value.target_by))
        if value.rater_group:
            self.rater_box.setCurrentText(value.rater_group)
        for attribute_id, card in self.cards.items():
            card.setVisible(attribute_id == value.attribute_id)
        self.set_note(value.attribute_id, value.note)
        self.set_score(value.attribute_id, value.score)
        self.save_button.setText("Save correction")
        if self.parent() is not None:
            self.resize(self.width(), min(self.height(), 560))

    # -- state -------------------------------------------------------------------------------
    @property
    def kind(self) -> str:
        return next(k for k, b in self.kind_buttons.items() if b.isChecked())

    def set_kind(self, kind: str) -> None:
        self.kind_buttons[kind].setChecked(True)

    def set_score(self, attribute_id: str, value: int | None) -> None:
        """``None``: not observed; 0: not rated."""
        self.cards[attribute_id].choice.set_value(NOT_OBSERVED if value is None else value)

    def set_note(self, attribute_id: str, text: str) -> None:
        self.cards[attribute_id].note.setPlainText(text)

    def _kind_toggled(self, _button: QAbstractButton, on: bool) -> None:
        if on:
            self._kind_changed()

    def _kind_changed(self) -> None:
        kind = self.kind
        self.form.setRowVisible(self.target_by_edit, kind == "target")
        self.form.setRowVisible(self.rater_box, kind == "other")
        self.form.setRowVisible(self.round_box, kind == "other" and self.editing is None)
        self.kind_hint.setText({
            "self": "How you see yourself today. Leave an attribute 'Not rated' to skip it.",
            "target": "Where you want to be, and by when.",
            "other": "One person's ratings at a time, stored as one rater's return, so the "
                     "average counts people. 'Not observed' is left out of every average.",
        }[kind] if self.editing is None else
            "Correct this rating, then save. To remove it, use Delete in the list of ratings.")
        for attribute_id, card in self.cards.items():
            card.choice.allow_not_observed(kind == "other")
            card.last.setText(self._last_text(self.profile.get(attribute_id), kind)
                              if self.profile and self.editing is None else "")
            card.last.setVisible(bool(card.last.text()))

    @staticmethod
    def _last_text(item: AttributeProfile, kind: str) -> str:
        if kind == "self" and item.current is not None:
            return (f"Your last self-rating: {item.current.score} "
                    f"({uk_date(item.current.rated_on)})")
        if kind == "target" and item.target is not None:
            by = f", by {uk_date(item.target.target_by)}" if item.target.target_by else ""
            return f"Your current target: {item.target.score}{by}"
        return ""

    # -- drafts: nothing typed here is lost to a lock or a crash ---------------------------
    def state(self) -> dict:
        return {"kind": self.kind, "date": _date(self.date_edit).isoformat(),
                "target_by": _date(self.target_by_edit).isoformat(),
                "rater": self.rater_box.currentText(), "round": self.round_box.round_id(),
                "scores": {k: c.choice.value() for k, c in self.cards.items()},
                "notes": {k: c.note.toPlainText() for k, c in self.cards.items()}}

    def has_input(self) -> bool:
        return any(c.choice.value() != NOT_RATED or c.note.toPlainText().strip()
                   for c in self.cards.values())

    def restore(self, state: dict) -> None:
        """Put a kept draft back; anything malformed in it is skipped, never fatal."""
        if state.get("kind") in self.kind_buttons:
            self.set_kind(state["kind"])
        for field, edit in (("date", self.date_edit), ("target_by", self.target_by_edit)):
            with contextlib.suppress(KeyError, ValueError):
                edit.setDate(to_qdate(date.fromisoformat(str(state[field]))))
        if isinstance(state.get("rater"), str) and state["rater"]:
            self.rater_box.setCurrentText(state["rater"])
        if isinstance(state.get("round"), int):
            self.round_box.choose(state["round"])
        for attribute_id, card in self.cards.items():
            value = (state.get("scores") or {}).get(attribute_id)
            if isinstance(value, int) and value in card.choice.buttons:
                card.choice.set_value(value)
            note = (state.get("notes") or {}).get(attribute_id)
            if isinstance(note, str):
                card.note.setPlainText(note)

    def keep_draft(self) -> None:
        self._autosave.stop()
        if self.editing is not None:  # a correction is one field; the new round's draft stays
            return
        try:
            if self.has_input():
                self.journal.save_draft(DRAFT_KEY, self.state())
            else:
                self.journal.discard_draft(DRAFT_KEY)
        except Exception as exc:  # the form keeps the text; say so rather than crash
            self.error.show_failure(Failure("Your ratings could not be kept as a draft.",
                                            f"{type(exc).__name__}. They are still here."))

    def close_for_lock(self) -> None:
        """Keep the draft, then close: the journal is about to lock."""
        self.keep_draft()
        self._locking = True
        self.reject()

    def reject(self) -> None:
        self._autosave.stop()
        if not self._locking and self.editing is None:  # Cancel: these ratings are let go
            discard_quietly(self.journal, DRAFT_KEY)
        super().reject()

    # -- saving ------------------------------------------------------------------------------
    def collect(self) -> tuple[dict[str, int | None], dict[str, str]]:
        """Scores (None for not observed) and notes of the attributes given a rating."""
        scores: dict[str, int | None] = {}
        notes: dict[str, str] = {}
        unscored = []
        for attribute_id, card in self.cards.items():
            value = card.choice.value()
            note = card.note.toPlainText().strip()
            if value == NOT_RATED:
                if note:
                    unscored.append(card.attribute.short_name)
                continue
            scores[attribute_id] = None if value == NOT_OBSERVED else value
            if note:
                notes[attribute_id] = note
        if unscored:
            raise ProfileError(f"A note needs a rating: give {', '.join(unscored)} a score "
                               "(or 'Not observed'), or clear the note.")
        return scores, notes

    def save(self) -> bool:
        if self.editing is not None:
            return self._save_correction(self.editing)
        kind = self.kind
        try:
            scores, notes = self.collect()
            if kind == "other":  # one rater: one return, in the round chosen
                stored = save_typed(self.journal, self.rater_box.currentText(),
                                    _date(self.date_edit), scores, notes,
                                    self.round_box.round_id())
            else:
                stored = profile_domain.rate(
                    self.journal, scores, kind=kind, rated_on=_date(self.date_edit),
                    target_by=_date(self.target_by_edit) if kind == "target" else None,
                    notes=notes)
        except (ProfileError, FeedbackError) as exc:
            self.error.show_failure(Failure("These ratings were not saved.", str(exc)))
            return False
        self.error.clear()
        self._autosave.stop()
        discard_quietly(self.journal, DRAFT_KEY)
        self.saved.emit(len(stored))
        self.accept()
        return True


    def _save_correction(self, before: RatingValue) -> bool:
        kind, value = self.kind, self.cards[before.attribute_id].choice.value()
        try:
            if value == NOT_RATED or (value == NOT_OBSERVED and kind != "other"):
                raise ProfileError("Choose a score. To remove this rating, use Delete in the "
                                   "list of ratings.")
            after = profile_domain.update_rating(
                self.journal, before.id, kind=kind,
                score=None if value == NOT_OBSERVED else value,
                rated_on=_date(self.date_edit),
                rater_group=self.rater_box.currentText() if kind == "other" else None,
                target_by=_date(self.target_by_edit) if kind == "target" else None,
                note=self.cards[before.attribute_id].note.toPlainText())
        except ProfileError as exc:
            self.error.show_failure(Failure("The correction was not saved.", str(exc)))
            return False
        self.error.clear()
        self.corrected.emit(before, after)
        self.saved.emit(1)
        self.accept()
        return True
