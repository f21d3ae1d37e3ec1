"""The prompt library: sets → prompts, each with its source and how often it was answered.

A tree on the left (set, then the set's own grouping where it has one, then prompts) and the
chosen prompt in full on the right, with where it comes from, the attributes it relates to, who
it is written for and its use in this journal. The filters (words, attribute, level) combine;
the level filter starts at "All levels", not at the reader's own: this is the library, where
nothing should be hidden unasked (Home already favours the reader's level), and a filter set
without a word would make the counts and the missing sets puzzling. "Answer this", Enter or
a double-click emits ``answer_prompt_requested(prompt_id)``; the Shell routes it to a new
entry in the Journal page.
A prompt file that does not load is named (file and line) above the sets that did.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFont, QShowEvent
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLineEdit,
    QSplitter,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from reflect.content.library import (
    Attribute,
    ContentError,
    LoadResult,
    Prompt,
    PromptSet,
    load_attributes,
    load_prompt_sets,
)
from reflect.journal.daily_prompt import for_level
from reflect.journal.journal import Journal
from reflect.journal.reader_level import SHORT_LABELS
from reflect.store.queries import PromptUsage
from reflect.ui.prompts.detail import PromptDetail, usage_text
from reflect.ui.widgets.card import heading
from reflect.ui.widgets.feedback import ErrorNotice, hint_label, plain_tooltip
from reflect.ui.widgets.lists import EnterTree, top_level_items
from reflect.ui.widgets.messages import Failure

# Every item carries both roles; a set or group has PROMPT_ROLE "".
PROMPT_ROLE = Qt.ItemDataRole.UserRole
SET_ROLE = Qt.ItemDataRole.UserRole + 1


def error_line(error: ContentError) -> str:
    """Full path (so the user can find the file) and the line to look at."""
    where = f"{error.path}, line {error.line}" if error.line else str(error.path)
    return f"{where}: {error.message}"


def usage_cell(usage: PromptUsage | None) -> str:
    """The tree's narrow column: how often (the date is in its tooltip and the detail), so
    the prompts keep the width."""
    return "" if usage is None else f"{usage.times}×"


def load_attributes_quietly() -> tuple[Attribute, ...]:
    """Short names for display; a broken attributes file is reported by the loader instead."""
    try:
        return load_attributes()
    except ContentError:
        return ()




class PromptsPage(QWidget):
    """Browse, filter and answer the prompt library."""

    answer_prompt_requested = Signal(str)

    def __init__(self, journal: Journal, library: LoadResult | None = None,
                 attributes: tuple[Attribute, ...] | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName("Prompts")
        self.journal = journal
        self.library = library if library is not None else load_prompt_sets()
        self.attributes = attributes if attributes is not None else load_attributes_quietly()
        self.names = {a.id: a.short_name for a in self.attributes}
        self.usage: dict[str, PromptUsage] = {}
        self._prompts: dict[str, tuple[Prompt, PromptSet]] = {}
        self._items: dict[str, QTreeWidgetItem] = {}

        self.filter_edit = QLineEdit()
        self.filter_edit.setPlaceholderText("Filter by words")
        self.filter_edit.setAccessibleName("Filter prompts")
        self.filter_edit.setClearButtonEnabled(True)
        # Room for the hint and the clear button beside the attribute and level boxes.
        self.filter_edit.setMinimumWidth(
            self.filter_edit.fontMetrics().horizontalAdvance("Filter by words") + 48)
        self.attribute_box = QComboBox()
        self.attribute_box.setAccessibleName("Attribute")
        self.attribute_box.addItem("All attributes", "")
        for attribute in self.attributes:
            self.attribute_box.addItem(attribute.name, attribute.id)
        self.audience_box = QComboBox()
        self.audience_box.setAccessibleName("Written for")
        self.audience_box.setToolTip("Show the prompts written for one level of leader "
                                     "(those written for every level too)")
        self.audience_box.addItem("All levels", "")
        for level, label in SHORT_LABELS.items():
            self.audience_box.addItem(f"{label} leaders", level)
        self.count_label = hint_label()
        self.errors = ErrorNotice()
        if self.library.errors:
            self.errors.show_failure(Failure(
                "Some prompt files could not be loaded; the other sets are shown.",
                "\n".join(error_line(e) for e in self.library.errors)))

        self.tree = EnterTree()
        self.tree.setAccessibleName("Prompt sets and prompts")
        self.tree.setColumnCount(2)
        self.tree.setHeaderLabels(["Prompt", "Answered"])
        header = self.tree.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        self.tree.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.tree.setUniformRowHeights(True)
        self.tree.setExpandsOnDoubleClick(False)  # _activate decides: answer or open
        self.tree.setStyleSheet("QTreeView::item { padding: 3px 0; }")  # padding only
        self.detail = PromptDetail()
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(self.tree)
        splitter.addWidget(self.detail)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        splitter.setChildrenCollapsible(False)
        self.detail.setMinimumWidth(300)
        self.splitter = splitter
        self._sized = False

        filters = QHBoxLayout()
        filters.setSpacing(8)
        filters.addWidget(self.filter_edit, 2)
        filters.addWidget(self.attribute_box, 1)
        filters.addWidget(self.audience_box, 0)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 20, 24, 16)
        layout.setSpacing(10)
        layout.addWidget(heading("Prompts", scale=1.4))
        layout.addWidget(hint_label(
            "Questions from the SFPC workbook, Ofsted's Annex B and practice leadership "
            "commentary, Firstline and the Scottish study, each with its source. Choose one "
            "and answer it in a new entry."))
        layout.addWidget(self.errors)
        layout.addLayout(filters)
        layout.addWidget(self.count_label)
        layout.addWidget(splitter, 1)

        self._build_tree()
        self.filter_edit.textChanged.connect(self.apply_filter)
        self.attribute_box.currentIndexChanged.connect(self.apply_filter)
        self.audience_box.currentIndexChanged.connect(self.apply_filter)
        self.tree.selectionModel().currentChanged.connect(self._show_current)
        self.tree.itemDoubleClicked.connect(self._activate)
        self.tree.enter_pressed.connect(self._activate)
        self.detail.answer_button.clicked.connect(self.answer_current)
        self.refresh_usage()
        self.apply_filter()
        first = next(iter(self._items.values()), None)
        if first is not None:
            self.tree.setCurrentItem(first)

    # -- building ----------------------------------------------------------------------------
    def _build_tree(self) -> None:
        bold = QFont(self.tree.font())
        bold.setBold(True)
        for prompt_set in self.library.sets:
            set_item = QTreeWidgetItem([f"{prompt_set.name} ({len(prompt_set.prompts)})", ""])
            set_item.setData(0, SET_ROLE, prompt_set.id)
            set_item.setData(0, PROMPT_ROLE, "")
            set_item.setFont(0, bold)
            set_item.setToolTip(0, plain_tooltip(prompt_set.document))
            self.tree.addTopLevelItem(set_item)
            groups: dict[str, QTreeWidgetItem] = {}
            for prompt in prompt_set.prompts:
                parent = set_item
                if prompt.group:
                    parent = groups.get(prompt.group) or QTreeWidgetItem(set_item, [prompt.group])
                    parent.setData(0, SET_ROLE, prompt_set.id)
                    parent.setData(0, PROMPT_ROLE, "")
                    groups[prompt.group] = parent
                item = QTreeWidgetItem(parent, [" ".join(prompt.text.split()), ""])
                item.setData(0, PROMPT_ROLE, prompt.id)
                item.setData(0, SET_ROLE, prompt_set.id)
                item.setToolTip(0, plain_tooltip(f"{prompt.text}\n\n{prompt.source}"))
                self._items[prompt.id] = item
                self._prompts[prompt.id] = (prompt, prompt_set)
        self.tree.expandAll()

    @property
    def sets(self) -> tuple[PromptSet, ...]:
        return self.library.sets

    # -- usage -------------------------------------------------------------------------------
    def refresh_usage(self) -> None:
        """Re-read how often each prompt was answered (one small grouped query)."""
        if self.journal is None or not self.journal.is_open:
            return
        self.usage = self.journal.prompt_usage()
        for prompt_id, item in self._items.items():
            usage = self.usage.get(prompt_id)
            item.setText(1, usage_cell(usage))
            item.setToolTip(1, usage_text(usage))
        self._show_current()

    def journal_changed(self) -> None:
        """Written elsewhere: re-read now if shown (every show re-reads anyway)."""
        if self.isVisible():
            self.refresh_usage()

    def showEvent(self, event: QShowEvent) -> None:
        """Entries may have been written elsewhere since this page was last shown."""
        super().showEvent(event)
        if not self._sized:  # the tree's size hint would otherwise squeeze the detail
            width = max(self.splitter.width(), 600)
            self.splitter.setSizes([width * 3 // 5, width * 2 // 5])
            self._sized = True
        self.refresh_usage()

    # -- filtering -----------------------------------------------------------------------------
    def _matches(self, prompt: Prompt, prompt_set: PromptSet, words: list[str],
                 attribute: str, level: str = "") -> bool:
        if attribute and attribute not in prompt.attributes:
            return False
        if level and not for_level(prompt, level):
            return False
        haystack = " ".join(part for part in (
            prompt.text, prompt.source, prompt.original or "", prompt.group or "",
            prompt_set.name, prompt_set.source_short) if part).casefold()
        return all(word in haystack for word in words)

    def apply_filter(self) -> None:
        words = self.filter_edit.text().casefold().split()
        attribute = self.attribute_box.currentData() or ""
        level = self.audience_box.currentData() or ""
        shown = 0
        for prompt_id, item in self._items.items():
            prompt, prompt_set = self._prompts[prompt_id]
            visible = self._matches(prompt, prompt_set, words, attribute, level)
            item.setHidden(not visible)
            shown += visible
        for item in top_level_items(self.tree):
            self._hide_empty(item)
        total = len(self._items)
        sets = len(self.library.sets)
        if words or attribute or level:
            self.count_label.setText("No prompts match" if shown == 0 else
                                     f"{shown} of {total} prompts match")
            self.tree.expandAll()
        else:
            self.count_label.setText(f"{total} prompts in {sets} sets")
        current = self.current_item()
        if current is None or current.isHidden():
            visible_items = [i for i in self._items.values() if not i.isHidden()]
            # None clears the current item (Qt takes nullptr; the stubs do not say so)
            self.tree.setCurrentItem(
                visible_items[0] if visible_items else None)  # type: ignore[arg-type]

    def _hide_empty(self, item: QTreeWidgetItem | None) -> bool:
        """Hide a set or group with no visible prompt under it; True if it stays visible."""
        if item is None:
            return False
        if item.data(0, PROMPT_ROLE):
            return not item.isHidden()
        visible = [self._hide_empty(item.child(i)) for i in range(item.childCount())]
        item.setHidden(not any(visible))
        return any(visible)

    def visible_prompt_ids(self) -> list[str]:
        return [pid for pid, item in self._items.items() if not item.isHidden()]

    # -- choosing and answering ------------------------------------------------------------------
    def select_prompt(self, prompt_id: str) -> None:
        item = self._items[prompt_id]
        self.tree.setCurrentItem(item)
        self.tree.scrollToItem(item, QTreeWidget.ScrollHint.PositionAtCenter)

    def current_prompt_id(self) -> str | None:
        item = self.current_item()
        return (item.data(0, PROMPT_ROLE) or None) if item is not None else None

    def current_item(self) -> QTreeWidgetItem | None:
        return self.tree.currentItem() if self.tree.currentIndex().isValid() else None

    def _show_current(self, *_indexes: object) -> None:
        item = self.current_item()
        prompt_id = item.data(0, PROMPT_ROLE) if item is not None else None
        if prompt_id:
            prompt, prompt_set = self._prompts[prompt_id]
            self.detail.show_prompt(prompt, prompt_set, self.usage.get(prompt_id), self.names)
            return
        set_id = item.data(0, SET_ROLE) if item is not None else None
        shown_set = next((s for s in self.library.sets if s.id == set_id), None)
        if shown_set is not None:
            self.detail.show_set(shown_set)
        else:
            self.detail.clear()

    def _activate(self, item: QTreeWidgetItem, _column: int = 0) -> None:
        if item.data(0, PROMPT_ROLE):
            self.answer_current()
        else:
            item.setExpanded(not item.isExpanded())

    def answer_current(self) -> None:
        prompt_id = self.current_prompt_id()
        if prompt_id:
            self.answer_prompt_requested.emit(prompt_id)


def prompts_page(journal: Journal) -> PromptsPage:
    """The factory the Shell's page list uses."""
    return PromptsPage(journal)
