"""The Journal page: the filtered entry list beside the editor, the trash, and Undo.

Moving between entries never asks a question and never drops a word: the entry being left is
saved (and if that fails it stays on screen with its draft kept). After an unlock, drafts
left by a lock, a closed window or a crash are reopened here first. Keyboard: arrows move in
the list and show the entry, Enter goes to its text, Ctrl+S saves, Delete (in the list) moves
to the trash and Ctrl+Z undoes that while the Undo bar shows; Ctrl+N is the shell's.
"""

from __future__ import annotations

import logging
from collections.abc import Callable

from PySide6.QtCore import QPoint, Qt, QTimer, Signal
from PySide6.QtGui import QKeySequence, QShortcut, QShowEvent
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QMenu,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from reflect.common.errors import ReflectError
from reflect.content.library import ContentError, load_attributes, load_prompt_sets
from reflect.journal.drafts import DraftKind
from reflect.journal.journal import Journal
from reflect.ui.journal.editor import EntryEditor
from reflect.ui.journal.entry_list import EntryListModel, EntryListView
from reflect.ui.journal.filters import FilterBar
from reflect.ui.journal.trash import TrashView
from reflect.ui.widgets.card import heading
from reflect.ui.widgets.draft_restore import DraftBar, DraftRestorer
from reflect.ui.widgets.feedback import hint_label, plain_label
from reflect.ui.widgets.spelling import attach_spelling
from reflect.ui.window_fit import CurrentPageStack

log = logging.getLogger(__name__)

UNDO_MS = 10_000


class UndoBar(QFrame):
    """A transient line with one action ("Undo", "Open next"); plain text only."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("undoBar")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setAccessibleName("Notice")
        self.label = plain_label()
        self.action_button = QPushButton()
        self.close_button = QPushButton("Dismiss")
        self.close_button.setAccessibleName("Dismiss notice")
        layout = QHBoxLayout(self)
        layout.setContentsMargins(12, 6, 8, 6)
        layout.addWidget(self.label, 1)
        layout.addWidget(self.action_button)
        layout.addWidget(self.close_button)
        self._action: Callable[[], None] | None = None
        self._timer = QTimer(self, singleShot=True)
        self._timer.timeout.connect(self.dismiss)
        self.action_button.clicked.connect(self.trigger)
        self.close_button.clicked.connect(self.dismiss)
        self.hide()

    def show_message(self, text: str, action_text: str, action: Callable[[], None],
                     timeout_ms: int = UNDO_MS) -> None:
        self.label.setText(text)
        self.setAccessibleDescription(text)
        self.action_button.setText(action_text)
        self.action_button.setAccessibleName(action_text)
        self._action = action
        self.show()
        if timeout_ms:
            self._timer.start(timeout_ms)
        else:
            self._timer.stop()

    def trigger(self) -> None:
        action, self._action = self._action, None
        self.dismiss()
        if action is not None:
            action()

    def dismiss(self) -> None:
        self._timer.stop()
        self._action = None
        self.hide()


class JournalPage(QWidget):
    """List + editor over one open journal; ``open_entry`` and ``new_entry`` are the routes
    other pages reach it by (through the Shell)."""

    #: A record made from a template was chosen in the list: the Shell opens it in its form.
    open_entry_requested = Signal(int)

    def __init__(self, journal: Journal, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName("Journal")
        self.journal = journal
        try:
            attributes = load_attributes()
        except ContentError as exc:  # the profile page reports it; here just no checkboxes
            log.warning("attributes not loaded: %s", exc)
            attributes = ()
        prompt_sets = load_prompt_sets(attributes=attributes or None).sets
        self.filter_bar = FilterBar(attributes, prompt_sets)
        self.model = EntryListModel(journal, parent=self)
        self.list_view = EntryListView()
        self.list_view.setAccessibleName("Entries")
        self.list_view.setModel(self.model)
        self.list_view.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.editor = EntryEditor(journal, attributes, prompt_sets)
        attach_spelling(self.editor.body_edit, journal)
        self.trash_view = TrashView(journal)
        self.undo_bar = UndoBar()
        self.count_label = hint_label()
        self.count_label.setAccessibleName("Entry count")
        self.new_button = QPushButton("New entry")
        self.new_button.setAccessibleName("New entry")
        self.new_button.setToolTip("Start a new reflection (Ctrl+N)")
        self.trash_button = QPushButton("Trash")
        self.trash_button.setAccessibleName("Show trash")
        self.trash_button.setToolTip("Entries you deleted, to restore or delete for good")
        self.draft_bar = DraftBar()
        self.drafts = DraftRestorer(journal, DraftKind.JOURNAL, self.draft_bar,
                                    ready=self.editor.leave, open_draft=self._open_draft,
                                    discard=self._discard_restored, parent=self)
        self._undoable: int | None = None  # the entry Ctrl+Z would bring back
        #: True when a draft was brought back at unlock (the shell then shows this page).
        self.has_restored_work = False
        self._lay_out()
        self._connect()
        #: The tags the filter and the editor offer; None until first shown (reading them
        #: costs a pass over the journal's tags, not needed for a page nobody sees yet).
        self._known_tags: frozenset[str] | None = None
        self._seen_changes = -1  # the journal's change count after this page's own write
        self.model.reload()
        self.has_restored_work = self.drafts.restore()

    def _lay_out(self) -> None:
        header = QHBoxLayout()
        header.setSpacing(10)
        header.addWidget(heading("Journal", scale=1.3))
        header.addWidget(self.count_label, 0, Qt.AlignmentFlag.AlignBottom)
        header.addStretch(1)
        header.addWidget(self.trash_button)
        header.addWidget(self.new_button)
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(self.list_view)
        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.setChildrenCollapsible(False)
        self.splitter.addWidget(left)
        self.splitter.addWidget(self.editor)
        self.splitter.setStretchFactor(1, 1)
        left.setMinimumWidth(240)
        self._sized = False
        self._stale = False
        main = QWidget()
        main_layout = QVBoxLayout(main)
        main_layout.setContentsMargins(0, 0, 0, 0)
        main_layout.setSpacing(8)
        main_layout.addWidget(self.filter_bar)
        main_layout.addWidget(self.splitter, 1)
        self.views = CurrentPageStack()  # asks for the room of the view on show only
        self.views.addWidget(main)
        self.views.addWidget(self.trash_view)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(20, 14, 12, 8)
        layout.setSpacing(8)
        layout.addLayout(header)
        layout.addWidget(self.draft_bar)
        layout.addWidget(self.views, 1)
        layout.addWidget(self.undo_bar)  # at the foot, so nothing the user reads jumps
        self._main = main

    def _connect(self) -> None:
        self.filter_bar.changed.connect(self._filter_changed)
        self.list_view.entry_chosen.connect(self._entry_chosen)
        self.list_view.activated.connect(lambda _index: self.editor.body_edit.setFocus())
        self.list_view.customContextMenuRequested.connect(self._list_menu)
        self.model.modelReset.connect(self._update_count)
        self.model.rowsInserted.connect(self._update_count)
        self.editor.saved.connect(self._after_save)
        self.editor.saved.connect(lambda _id: self.drafts.forget())
        self.editor.trash_requested.connect(self.delete_current)
        self.new_button.clicked.connect(lambda: self.new_entry())
        self.trash_button.clicked.connect(self.show_trash)
        self.trash_view.back_requested.connect(self.show_list)
        self.trash_view.restored.connect(self._refresh_tags)
        for keys, slot, context, owner in (
            ("Ctrl+S", self.save, Qt.ShortcutContext.WidgetWithChildrenShortcut, self),
            ("Delete", self.delete_current, Qt.ShortcutContext.WidgetShortcut, self.list_view),
        ):
            shortcut = QShortcut(QKeySequence(keys), owner)
            shortcut.setContext(context)
            shortcut.activated.connect(slot)
        # Text fields keep Ctrl+Z for their own undo (they claim it first); elsewhere on the
        # page it undoes the last move to the trash while the bar still offers it.
        undo = QShortcut(QKeySequence("Ctrl+Z"), self)
        undo.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        undo.activated.connect(self._undo_shortcut)

    def journal_changed(self) -> None:
        """Something was written (on another page or by a worker): re-read the list and the
        tags now if shown, else when next shown. This page's own saves and moves to the
        trash were followed already (see :meth:`_followed`)."""
        if self.journal.is_open and self.journal.change_count == self._seen_changes:
            return
        if self.isVisible():
            self._reread()
        else:
            self._stale = True

    def _reread(self) -> None:
        self._stale = False
        if self.journal is None or not self.journal.is_open:
            return
        self.model.reload(keep_loaded=True)
        if self.editor.entry_id is not None:
            self.list_view.select_entry(self.editor.entry_id)
        self._refresh_tags()
        if self.views.currentWidget() is self.trash_view:
            self.trash_view.reload()

    def showEvent(self, event: QShowEvent) -> None:
        """The list takes about a third of the width on first show, the editor the rest."""
        super().showEvent(event)
        if self._stale:
            self._reread()
        elif self._known_tags is None:
            self._refresh_tags()
        if not self._sized:
            self._sized = True
            total = max(self.splitter.width(), self.width() - 40)
            share = min(380, max(240, total * 3 // 10))
            self.splitter.setSizes([share, max(1, total - share)])

    # -- routes ----------------------------------------------------------------------------------
    def open_entry(self, entry_id: int) -> bool:
        """Show ``entry_id`` in the editor, saving the entry being left first."""
        self.show_list()
        if self.editor.entry_id == entry_id:
            self.list_view.select_entry(entry_id)
            return True
        if not self.editor.leave():
            self.list_view.select_entry(self.editor.entry_id)
            return False
        self.drafts.forget()
        if not self.editor.open_entry(entry_id):
            self.list_view.select_entry(self.editor.entry_id)
            self._notify("That entry is in the trash or no longer exists.")
            return False
        self.list_view.select_entry(entry_id)
        return True

    def reveal(self, field: str, offset: int = 0) -> bool:
        """Show where a search hit matched in the open entry (see :meth:`EntryForm.reveal`)."""
        return self.editor.reveal(field, offset)

    def _entry_chosen(self, entry_id: int) -> None:
        """Records keep their words in template sections, which only the record form shows."""
        entry = self.journal.get_entry(entry_id)
        if entry is not None and entry.template_id is not None:
            self.open_entry_requested.emit(entry_id)
        else:
            self.open_entry(entry_id)

    def new_entry(self, prompt_id: str | None = None) -> bool:
        """A blank entry (answering ``prompt_id`` if given), ready to type in."""
        self.show_list()
        if not self.editor.leave():
            return False
        self.drafts.forget()
        self.editor.new_entry(prompt_id)
        self.list_view.select_entry(None)
        (self.editor.body_edit if prompt_id else self.editor.title_edit).setFocus()
        return True

    def save(self) -> bool:
        return self.editor.save()

    def about_to_lock(self) -> None:
        """The journal is about to close: keep what is typed as an encrypted draft."""
        self.editor.flush_draft()

    # -- list ------------------------------------------------------------------------------------
    def _filter_changed(self, entry_filter) -> None:
        self.model.set_filter(entry_filter)
        self.list_view.select_entry(self.editor.entry_id)

    def _update_count(self, *_args: object) -> None:
        shown = self.model.total
        self.list_view.set_placeholder(
            "No entries match these filters." if self.filter_bar.is_active else
            "No entries yet. Write your first reflection on the right, or press Ctrl+N.")
        noun = "entry" if shown == 1 else "entries"
        if self.filter_bar.is_active:
            try:
                every = self.journal.count_entries()
            except Exception:
                every = shown
            text = f"{shown:,} of {every:,} {'entry' if every == 1 else 'entries'}"
        else:
            text = f"{shown:,} {noun}"
        self.count_label.setText(text)

    def _refresh_tags(self, *_args: object) -> None:
        try:
            tags = self.journal.tags()
        except Exception as exc:
            log.warning("tags not read: %s", type(exc).__name__)
            return
        self._known_tags = frozenset(tags)
        self.filter_bar.set_tags(tags)
        self.editor.set_known_tags(tags)

    def _tags_may_change(self, added: frozenset[str], removed: frozenset[str]) -> None:
        """Read the tags again only if an entry brought a tag not offered yet, or lost (or
        took to the trash) one that may have been the last of its kind."""
        if self._known_tags is not None and (removed or not added <= self._known_tags):
            self._refresh_tags()

    def _followed(self) -> None:
        """This page has shown its own write: the ``journal_changed`` it causes is not news."""
        self._seen_changes = self.journal.change_count

    def _after_save(self, entry_id: int) -> None:
        self._followed()
        self.model.reload(keep_loaded=True)
        self.list_view.select_entry(entry_id)
        before, after = self.editor.saved_tags
        self._tags_may_change(after, before - after)

    def _list_menu(self, point: QPoint) -> None:
        index = self.list_view.indexAt(point)
        if not index.isValid():
            return
        self.list_view.setCurrentIndex(index)
        menu = QMenu(self)
        menu.addAction("Open", self.editor.body_edit.setFocus)
        menu.addAction("Move to trash", QKeySequence("Delete"), self.delete_current)
        menu.popup(self.list_view.viewport().mapToGlobal(point))

    def _notify(self, text: str) -> None:
        self._undoable = None
        self.undo_bar.show_message(text, "OK", lambda: None)

    # -- trash -----------------------------------------------------------------------------------
    def delete_current(self) -> None:
        """Move the entry in the editor to the trash (saving its last words first), with Undo.
        A new entry with nothing typed is simply cleared."""
        editor = self.editor
        if editor.entry_id is None and not editor.has_content:
            editor.new_entry()
            return
        if (editor.entry_id is None or editor.is_dirty) and not editor.save():
            return
        entry_id = editor.entry_id
        if entry_id is None:  # save() succeeded, so this does not happen
            return
        title = editor.title_edit.text()
        tags = frozenset(editor.drafts.baseline.get("tags", ()))  # as saved, just above
        row = self.model.row_of(entry_id)
        try:
            self.journal.delete_entry(entry_id)
        except Exception as exc:
            reason = str(exc) if isinstance(exc, ReflectError) else type(exc).__name__
            self._notify(f"The entry could not be moved to the trash. {reason}")
            return
        self._followed()
        self.model.reload(keep_loaded=True)
        self._tags_may_change(frozenset(), tags)
        following = self.model.summary(min(row, self.model.rowCount() - 1)) if row >= 0 else None
        if following is not None and editor.open_entry(following.entry_id):
            self.list_view.select_entry(following.entry_id)
        else:
            editor.new_entry()
            self.list_view.select_entry(None)
        self.undo_bar.show_message(f"Moved “{title}” to the trash.", "Undo",
                                   lambda: self.undo_delete(entry_id))
        self._undoable = entry_id

    def _undo_shortcut(self) -> None:
        if self._undoable is not None and not self.undo_bar.isHidden():
            self.undo_bar.trigger()

    def undo_delete(self, entry_id: int) -> None:
        self._undoable = None
        try:
            self.journal.restore_entry(entry_id)
        except Exception as exc:
            self._notify(f"The entry could not be restored ({type(exc).__name__}); it is "
                         "still in the trash.")
            return
        self._followed()
        self.model.reload(keep_loaded=True)
        self._refresh_tags()
        self.trash_view.reload()
        self.open_entry(entry_id)

    def show_trash(self) -> None:
        self.trash_view.reload()
        self.views.setCurrentWidget(self.trash_view)
        self.trash_view.list_view.setFocus()

    def show_list(self) -> None:
        if self.views.currentWidget() is not self._main:
            self.model.reload(keep_loaded=True)
            self.list_view.select_entry(self.editor.entry_id)
            self.views.setCurrentWidget(self._main)

    # -- drafts ----------------------------------------------------------------------------------
    def _discard_restored(self) -> None:
        """Discard on the draft bar: the draft goes, the saved text (or a blank entry) is back."""
        editor = self.editor
        editor.drafts.discard(editor.draft_key)
        if editor.entry_id is None or not editor.open_entry(editor.entry_id):
            editor.new_entry()
            self.list_view.select_entry(None)
        editor.body_edit.setFocus()

    def _open_draft(self, key: str, payload: dict) -> bool:
        if not self.editor.open_draft(key, payload):
            return False
        self.list_view.select_entry(self.editor.entry_id)
        return True


def journal_page(journal: Journal) -> JournalPage:
    """The factory the shell's page list uses."""
    return JournalPage(journal)
