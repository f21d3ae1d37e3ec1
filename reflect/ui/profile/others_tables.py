"""The Profile page's others' part: averages by rater group as the anonymity rule shows them
(small groups merged into "Others", the rule stated under the table), and the latest 360
round against the previous one. The numbers are :mod:`reflect.profile.anonymity`'s and
:mod:`reflect.profile.round_compare`'s; this widget only lays them out.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from reflect.profile import anonymity, round_compare
from reflect.profile.ratings import Profile, format_score
from reflect.profile.round_compare import RoundComparison
from reflect.ui.widgets.card import heading
from reflect.ui.widgets.feedback import hint_label

NO_GROUP = "No rater group is large enough to be shown on its own yet."
NO_OTHERS = "No ratings by others in the last year."


def _table(name: str) -> QTableWidget:
    table = QTableWidget(0, 0)
    table.setAccessibleName(name)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.verticalHeader().hide()
    table.setWordWrap(False)
    table.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    return table


def _fill(table: QTableWidget, heads: list[str], rows: list[list[str]]) -> None:
    table.clear()
    table.setColumnCount(len(heads))
    table.setHorizontalHeaderLabels(heads)
    table.setRowCount(len(rows))
    for r, row in enumerate(rows):
        for c, text in enumerate(row):
            item = QTableWidgetItem(text)
            if c:
                item.setTextAlignment(Qt.AlignmentFlag.AlignCenter)
            table.setItem(r, c, item)
    table.resizeColumnsToContents()
    width = table.horizontalHeader().length() + 2 * table.frameWidth() + 2
    table.setMaximumWidth(width)
    height = table.horizontalHeader().height() + 2 * table.frameWidth()
    height += sum(table.rowHeight(r) for r in range(table.rowCount()))
    table.setFixedHeight(height)
    table.setVisible(bool(rows))


class OthersTables(QWidget):
    """See the module docstring."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.groups = _table("Others' ratings by rater group")
        self.groups_empty = hint_label(NO_OTHERS)
        self.rule = hint_label(anonymity.RULE_TEXT)
        self.rule.setAccessibleName("Anonymity rule")
        self.rounds = _table("Round on round")
        self.rounds_summary = hint_label("")
        self.rounds_note = hint_label(round_compare.GROUPS_NOTE)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(8)
        layout.addWidget(heading("Others, by rater group", scale=1.1))
        layout.addWidget(self.groups)
        layout.addWidget(self.groups_empty)
        layout.addWidget(self.rule)
        layout.addWidget(heading("Round on round", scale=1.1))
        layout.addWidget(self.rounds_summary)
        layout.addWidget(self.rounds)
        layout.addWidget(self.rounds_note)

    def show_profile(self, profile: Profile, rounds: RoundComparison) -> None:
        shown = {g.group: g.returns for a in profile.attributes for g in a.others.by_group}
        groups = sorted(shown, key=anonymity.order_key)
        heads = ["Attribute", *(f"{anonymity.group_label(g)}\n{shown[g]} rater"
                                + ("s" if shown[g] != 1 else "") for g in groups)]
        rows = []
        for a in profile.attributes:
            found = {g.group: g for g in a.others.by_group}
            rows.append([a.attribute.short_name, *(
                format_score(found[g].average) if g in found else "–" for g in groups)])
        _fill(self.groups, heads, rows if groups else [])
        anyone = any(a.others.count or a.others.not_observed for a in profile.attributes)
        self.groups_empty.setText(NO_GROUP if anyone else NO_OTHERS)
        self.groups_empty.setVisible(not groups)
        self.groups.setToolTip("Under each group: its raters, counted round by round")
        self.rounds_summary.setText(rounds.summary())
        self._fill_rounds(rounds)

    def _fill_rounds(self, rounds: RoundComparison) -> None:
        if not rounds.compared or rounds.previous is None or rounds.latest is None:
            _fill(self.rounds, [], [])
            self.rounds_note.hide()
            return
        heads = ["Attribute", rounds.previous.label, rounds.latest.label, "Change",
                 *(anonymity.group_label(g) for g in rounds.groups)]
        rows = [[item.attribute.short_name, *item.overall.cells(),
                 *(g.text() for _name, g in item.groups)] for item in rounds.attributes]
        _fill(self.rounds, heads, rows)
        self.rounds_note.show()

    def group_headers(self) -> list[str]:
        """The by-group table's column headers, as shown (for tests and screen readers)."""
        if not self.groups.isVisibleTo(self):
            return []
        items = (self.groups.horizontalHeaderItem(c) for c in range(self.groups.columnCount()))
        return [item.text() for item in items if item is not None]
