"""The journal's filter bar: tag, attribute, prompt set and a date range.

It only builds an :class:`EntryFilter`; the list asks the database. Dates use the UK order
(dd/MM/yyyy) with a calendar; the lowest date of each box reads "Any", which is how "no limit"
is shown without a separate checkbox.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QPushButton,
    QSizePolicy,
    QWidget,
)

from reflect.content.library import Attribute, PromptSet
from reflect.store.queries import EntryFilter
from reflect.ui.widgets.dates import NO_LIMIT, date_edit, date_or_none
from reflect.ui.widgets.feedback import plain_label, plain_tooltip
from reflect.ui.widgets.flow_layout import FlowLayout

_SEPARATORS = "-_.:"


def prompt_prefix(prompt_set: PromptSet, others: Iterable[PromptSet] = ()) -> str | None:
    """The id prefix the set's prompts share (e.g. "annexb-"), cut back to a separator;
    None when it would also match a prompt of another set."""
    ids = [p.id for p in prompt_set.prompts]
    if not ids:
        return None
    prefix = _common_prefix(ids)
    if len(ids) > 1:
        cut = max(prefix.rfind(c) for c in _SEPARATORS)
        prefix = prefix[: cut + 1] if cut >= 0 else prefix
    if not prefix:
        return None
    foreign = (p.id for s in others if s.id != prompt_set.id for p in s.prompts)
    return None if any(i.startswith(prefix) for i in foreign) else prefix


def _common_prefix(texts: Sequence[str]) -> str:
    first, last = min(texts), max(texts)
    size = next((n for n, (a, b) in enumerate(zip(first, last, strict=False)) if a != b),
                min(len(first), len(last)))
    return first[:size]






def _combo(accessible_name: str, minimum_chars: int) -> QComboBox:
    combo = QComboBox()
    combo.setAccessibleName(accessible_name)
    combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
    combo.setMinimumContentsLength(minimum_chars)
    combo.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)
    return combo


class FilterBar(QWidget):
    """Combos and date boxes in one row; ``changed`` carries the new filter."""

    changed = Signal(object)

    def __init__(self, attributes: Sequence[Attribute], prompt_sets: Sequence[PromptSet],
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName("Filters")
        self.tag_combo = _combo("Filter by tag", 8)
        self.tag_combo.addItem("All tags", None)
        self.attribute_combo = _combo("Filter by attribute", 10)
        self.attribute_combo.addItem("All attributes", None)
        for attribute in attributes:
            self.attribute_combo.addItem(attribute.short_name, attribute.id)
            self.attribute_combo.setItemData(self.attribute_combo.count() - 1,
                                             plain_tooltip(attribute.name),
                                             Qt.ItemDataRole.ToolTipRole)
        self.prompt_combo = _combo("Filter by prompt set", 10)
        self.prompt_combo.addItem("All prompt sets", None)
        for prompt_set in prompt_sets:
            prefix = prompt_prefix(prompt_set, prompt_sets)
            if prefix:
                self.prompt_combo.addItem(prompt_set.source_short or prompt_set.name, prefix)
                self.prompt_combo.setItemData(self.prompt_combo.count() - 1,  # a user's set
                                              plain_tooltip(prompt_set.name),
                                              Qt.ItemDataRole.ToolTipRole)
        self.from_edit = date_edit("From date", allow_any=True)
        self.to_edit = date_edit("To date", allow_any=True)
        self.clear_button = QPushButton("Clear")
        self.clear_button.setAccessibleName("Clear filters")
        self.clear_button.setToolTip("Show every entry again")

        # A flow, not a row: on a narrow window the dates and Clear move to a second line
        # instead of forcing the whole window wider.
        layout = FlowLayout(self, spacing=6)
        for combo in (self.tag_combo, self.attribute_combo, self.prompt_combo):
            layout.addWidget(combo)
        labels: list[QWidget] = []
        for text, edit in (("From", self.from_edit), ("to", self.to_edit)):
            label = plain_label(text, wrap=False)
            label.setBuddy(edit)
            labels += [label, edit]
        dates = QWidget()
        dates_row = QHBoxLayout(dates)
        dates_row.setContentsMargins(0, 0, 0, 0)
        dates_row.setSpacing(6)
        for widget in (*labels, self.clear_button):
            dates_row.addWidget(widget)
        layout.addWidget(dates)
        policy = self.sizePolicy()
        policy.setHeightForWidth(True)
        self.setSizePolicy(policy)

        for combo in (self.tag_combo, self.attribute_combo, self.prompt_combo):
            combo.currentIndexChanged.connect(self._emit)
        for edit in (self.from_edit, self.to_edit):
            edit.dateChanged.connect(self._emit)
        self.clear_button.clicked.connect(self.clear)
        self._quiet = False

    # -- state ---------------------------------------------------------------------------------
    def entry_filter(self) -> EntryFilter:
        return EntryFilter(
            tag=self.tag_combo.currentData(),
            attribute=self.attribute_combo.currentData(),
            prompt_prefix=self.prompt_combo.currentData(),
            date_from=date_or_none(self.from_edit),
            date_to=date_or_none(self.to_edit),
        )

    @property
    def is_active(self) -> bool:
        return self.entry_filter() != EntryFilter()

    def set_tags(self, tags: Sequence[str]) -> None:
        """Offer the journal's tags, keeping the chosen one (even if no entry has it now)."""
        chosen = self.tag_combo.currentData()
        self._quiet = True
        try:
            self.tag_combo.clear()
            self.tag_combo.addItem("All tags", None)
            for tag in sorted(set(tags) | ({chosen} if chosen else set())):
                self.tag_combo.addItem(tag, tag)
            self.tag_combo.setCurrentIndex(max(0, self.tag_combo.findData(chosen)))
        finally:
            self._quiet = False

    def clear(self) -> None:
        """Back to every entry; one ``changed`` signal, not five."""
        self._quiet = True
        try:
            for combo in (self.tag_combo, self.attribute_combo, self.prompt_combo):
                combo.setCurrentIndex(0)
            for edit in (self.from_edit, self.to_edit):
                edit.setDate(NO_LIMIT)
        finally:
            self._quiet = False
        self._emit()

    def _emit(self, *_args: object) -> None:
        if not self._quiet:
            self.changed.emit(self.entry_filter())




