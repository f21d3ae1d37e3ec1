"""The Profile page's "360 feedback" section: the rounds, with forms sent and returned per
group ("Peers 3 of 4"), and what the leader does with a round: open one, make its forms,
import the returned ones, close or reopen it.

The rounds are :mod:`reflect.feedback.rounds`'; the dialogs are in this folder. Choosers and
the folder opener are parameters (:mod:`reflect.ui.safety.choosers`), so tests answer them.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import shiboken6
from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFileDialog,
    QHBoxLayout,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from reflect.common.dates import uk_date
from reflect.feedback import rounds as feedback_rounds
from reflect.feedback.groups import ANONYMITY_RULE, RATER_GROUPS
from reflect.feedback.rounds import FeedbackError, Round
from reflect.journal.journal import Journal
from reflect.ui.feedback.forms_dialog import (
    FolderOpener,
    MakeFormsDialog,
    ask_for_forms_folder,
    open_folder,
)
from reflect.ui.feedback.import_report import ImportReportDialog, import_pdfs
from reflect.ui.feedback.round_dialog import NewRoundDialog, plural
from reflect.ui.safety.choosers import FolderChooser
from reflect.ui.widgets.card import heading
from reflect.ui.widgets.feedback import ErrorNotice, hint_label
from reflect.ui.widgets.messages import Failure

#: ``choose(parent, start)`` -> the PDFs chosen (empty when cancelled).
FilesChooser = Callable[[QWidget, Path | None], list[Path]]
NO_ROUNDS = ("No 360 round yet. Choose New round… to invite raters by group; their returned "
             "forms come back in with Import returned forms…, or dropped on the window.")
RULE_HINT = (f"{ANONYMITY_RULE} Each cell: returns counted of the forms sent. No rater is "
             "named anywhere.")


def ask_for_returned_forms(parent: QWidget, start: Path | None) -> list[Path]:
    chosen, _filter = QFileDialog.getOpenFileNames(
        parent, "Import returned rater forms", str(start or Path.home()),
        "PDF rater forms (*.pdf);;All files (*)")
    return [Path(p) for p in chosen]


def cell(returned: int, sent: int) -> str:
    """"3 of 4"; "–" for a group not invited; "1" for returns typed in for one."""
    if not sent:
        return str(returned) if returned else "–"
    return f"{returned} of {sent}"


def group_columns(found: list[Round]) -> list[str]:
    present = {g for r in found for g in r.groups}
    groups = [g.name for g in RATER_GROUPS if g.name in present]
    return groups + sorted(present - set(groups))


class RoundsSection(QWidget):
    """See the module docstring. ``type_in_requested`` asks for the rating form for others
    (a printed form's answers); ``changed`` after a round is made, closed or reopened."""

    type_in_requested = Signal()
    changed = Signal()

    def __init__(self, journal: Journal, parent: QWidget | None = None, *,
                 choose_folder: FolderChooser = ask_for_forms_folder,
                 choose_files: FilesChooser = ask_for_returned_forms,
                 opener: FolderOpener = open_folder) -> None:
        super().__init__(parent)
        self.setAccessibleName("360 feedback")
        self.journal = journal
        self.choose_folder = choose_folder
        self.choose_files = choose_files
        self.opener = opener
        self.found: list[Round] = []
        self.dialog: NewRoundDialog | MakeFormsDialog | ImportReportDialog | None = None
        self.table = QTableWidget(0, 0)
        self.table.setAccessibleName("360 rounds")
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.verticalHeader().hide()
        self.table.setWordWrap(False)
        self.table.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.table.itemSelectionChanged.connect(self._selection_changed)
        self.empty = hint_label(NO_ROUNDS)
        self.rule = hint_label(RULE_HINT)
        self.rule.setAccessibleName("Anonymity rule for rounds")
        self.new_button = QPushButton("New round…")
        self.new_button.clicked.connect(lambda: self.open_new_round())
        self.forms_button = QPushButton("Make forms…")
        self.forms_button.clicked.connect(lambda: self.open_make_forms())
        self.import_button = QPushButton("Import returned forms…")
        self.import_button.clicked.connect(lambda: self.choose_and_import())
        self.close_button = QPushButton("Close round")
        self.close_button.clicked.connect(self.close_or_reopen)
        self.error = ErrorNotice()
        tools = QHBoxLayout()
        tools.setSpacing(8)
        for button in (self.new_button, self.forms_button, self.import_button,
                       self.close_button):
            tools.addWidget(button)
        tools.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(8)
        layout.addWidget(heading("360 feedback", scale=1.1))
        layout.addLayout(tools)
        layout.addWidget(self.empty)
        layout.addWidget(self.table)
        layout.addWidget(self.rule)
        layout.addWidget(self.error)
        self.refresh()

    # -- showing -------------------------------------------------------------------------------
    def refresh(self) -> None:
        if self.journal is None or not self.journal.is_open:
            return
        chosen = self.selected()
        self.found = found = feedback_rounds.rounds(self.journal)
        groups = group_columns(found)
        heads = ["Round", "Opened", "Closed", "Returned", *(plural(g) for g in groups)]
        self.table.clear()
        self.table.setColumnCount(len(heads))
        self.table.setHorizontalHeaderLabels(heads)
        self.table.setRowCount(len(found))
        for row, item in enumerate(found):
            cells = [item.name, uk_date(item.opened_on, short=True),
                     uk_date(item.closed_on, short=True) if item.closed_on else "open",
                     cell(item.returns, item.forms_sent),
                     *(cell(item.returned.get(g, 0), item.invited.get(g, 0)) for g in groups)]
            for column, text in enumerate(cells):
                widget_item = QTableWidgetItem(text)
                if column:
                    widget_item.setTextAlignment(Qt.AlignmentFlag.AlignCenter)
                self.table.setItem(row, column, widget_item)
        self.table.resizeColumnsToContents()
        self.table.setMaximumWidth(self.table.horizontalHeader().length()
                                   + 2 * self.table.frameWidth() + 2)
        height = self.table.horizontalHeader().height() + 2 * self.table.frameWidth()
        height += sum(self.table.rowHeight(r) for r in range(self.table.rowCount()))
        self.table.setFixedHeight(height)
        self.table.setVisible(bool(found))
        self.empty.setVisible(not found)
        self.rule.setVisible(bool(found))
        ids = [r.id for r in found]
        if found:
            self.table.selectRow(ids.index(chosen.id) if chosen and chosen.id in ids else 0)
        self._selection_changed()

    def selected(self) -> Round | None:
        rows = self.table.selectionModel().selectedRows() if self.table.selectionModel() \
            else []
        if rows and rows[0].row() < len(self.found):
            return self.found[rows[0].row()]
        return None

    def row_text(self, name: str) -> list[str]:
        """A round's row as shown (for tests and screen readers)."""
        row = next(i for i, r in enumerate(self.found) if r.name == name)
        items = (self.table.item(row, c) for c in range(self.table.columnCount()))
        return [item.text() if item is not None else "" for item in items]

    def headers(self) -> list[str]:
        items = (self.table.horizontalHeaderItem(c) for c in range(self.table.columnCount()))
        return [item.text() for item in items if item is not None]

    def _selection_changed(self) -> None:
        chosen = self.selected()
        is_open = chosen is not None and chosen.is_open
        self.forms_button.setEnabled(is_open)
        self.forms_button.setToolTip("" if chosen is None or is_open else
                                     "This round is closed: reopen it to make more forms")
        self.close_button.setEnabled(chosen is not None)
        self.close_button.setText("Reopen round" if chosen and not is_open else "Close round")

    # -- acting --------------------------------------------------------------------------------
    def open_new_round(self) -> NewRoundDialog:
        self.dialog = dialog = NewRoundDialog(self.journal, parent=self)
        dialog.created.connect(lambda made: self._changed(made))
        dialog.open()
        return dialog

    def open_make_forms(self) -> MakeFormsDialog | None:
        chosen = self.selected()
        if chosen is None:
            return None
        self.dialog = dialog = MakeFormsDialog(self.journal, chosen, parent=self,
                                               choose_folder=self.choose_folder,
                                               opener=self.opener)
        dialog.open()
        return dialog

    def choose_and_import(self) -> ImportReportDialog | None:
        paths = self.choose_files(self, None)
        if not paths:
            return None
        self.dialog = dialog = import_pdfs(self, self.journal, paths,
                                           type_in=self.type_in_requested.emit)
        dialog.finished_import.connect(lambda _report: self.changed.emit())
        return dialog

    def close_or_reopen(self) -> None:
        chosen = self.selected()
        if chosen is None:
            return
        try:
            if chosen.is_open:
                feedback_rounds.close_round(self.journal, chosen.uid)
            else:
                feedback_rounds.reopen_round(self.journal, chosen.uid)
        except FeedbackError as exc:
            self.error.show_failure(Failure("The round was not changed.", str(exc)))
            return
        self.error.clear()
        self._changed(chosen)

    def _changed(self, made: Round) -> None:
        self.refresh()
        ids = [r.id for r in self.found]
        if made.id in ids:
            self.table.selectRow(ids.index(made.id))
        self.changed.emit()

    def about_to_lock(self) -> None:
        if (self.dialog is not None and shiboken6.isValid(self.dialog)
                and self.dialog.isVisible()):
            self.dialog.reject()
