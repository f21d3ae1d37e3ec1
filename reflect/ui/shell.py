"""The unlocked main area: navigation on the left, one page at a time on the right.

Pages are built from ``(name, factory)`` pairs, each factory taking the open Journal, so later
work adds a real page by putting its factory in :data:`PAGES` (or calling
:meth:`Shell.add_page`). The whole shell is thrown away on lock, so no decrypted view
outlives the key; before that, :meth:`Shell.prepare_to_lock` gives every page a chance to
save drafts while the journal is still open.

Routing goes through the small protocols in :mod:`reflect.ui.routes`: any page with a Qt
signal ``open_entry_requested(int)`` or ``answer_prompt_requested(str)`` is connected to
:meth:`Shell.open_entry` / :meth:`Shell.answer_prompt`, which show the Journal page and open
the entry there (or start a new entry answering the prompt); a supervision record opens in the
Supervision page's form instead; ``new_record_requested(str)`` (the Plan page's personal
review) starts a record of that template there. Ctrl+N starts a new entry and Ctrl+Shift+N a
new supervision record from any page.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence

from PySide6.QtCore import QEvent, Qt, Signal, SignalInstance
from PySide6.QtGui import QKeySequence, QPalette, QShortcut
from PySide6.QtWidgets import (
    QApplication,
    QHBoxLayout,
    QListWidget,
    QListWidgetItem,
    QWidget,
)

from reflect.journal.journal import Journal
from reflect.ui.coaching.plan_page import plan_page
from reflect.ui.home.page import home_page
from reflect.ui.journal.page import journal_page
from reflect.ui.profile.page import profile_page
from reflect.ui.prompts.page import prompts_page
from reflect.ui.routes import (
    AsksForEntries,
    AsksForPrompts,
    AsksForRecords,
    AsksForSupervisees,
    FollowsChanges,
    KeepsRecords,
    OpensEntries,
    PreparesToLock,
    RestoresWork,
    RevealsFields,
    SavesWork,
    ShowsSupervisees,
    StartsEntries,
)
from reflect.ui.supervision.actions_page import actions_page
from reflect.ui.supervision.page import supervision_page
from reflect.ui.widgets.buttons import press_on_enter_inside
from reflect.ui.window_fit import CurrentPageStack, scrolling

log = logging.getLogger(__name__)

_NAV_STYLE = "QListWidget::item { padding: 6px 12px; }"

PageFactory = Callable[[Journal], QWidget]


class LazyPages(list):
    """A page list whose pages (after the first) are built when first shown, as
    :data:`PAGES` is; any other list passed to the shell is built at once."""


def _has_drafts(journal: Journal) -> bool:
    try:
        return bool(journal.drafts())
    except Exception:  # the pages will say what is wrong when they are built
        return False

#: The pages of the shell, in navigation order.
PAGES: list[tuple[str, PageFactory]] = LazyPages([
    ("Home", home_page),
    ("Journal", journal_page),
    ("Prompts", prompts_page),
    ("Supervision", supervision_page),
    ("Actions", actions_page),
    ("Profile", profile_page),
    ("Plan", plan_page),
])


class Shell(QWidget):
    """Navigation list + stacked pages over one open journal.

    ``about_to_lock`` is emitted by :meth:`prepare_to_lock` while the journal is still open;
    pages may also simply define an ``about_to_lock()`` method (:class:`PreparesToLock`),
    which is called for them.
    """

    about_to_lock = Signal()
    #: A short note for the status bar, e.g. why Ctrl+S saved nothing.
    message = Signal(str)
    #: Emitted after every committed write to the journal, from any page, dialog or worker;
    #: pages with ``journal_changed()`` (:class:`FollowsChanges`) are connected to it.
    journal_changed = Signal()
    _written = Signal()  # from the writing thread; queued, so views re-read after the save

    def __init__(self, journal: Journal, pages: Sequence[tuple[str, PageFactory]] | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("shell")
        self.journal = journal
        self._change_pending = False
        self._written.connect(self._announce_change, Qt.ConnectionType.QueuedConnection)
        journal.add_change_listener(self._note_change)
        self.nav = QListWidget()
        self.nav.setAccessibleName("Sections")
        self.nav.setObjectName("navigation")
        self.nav.setFrameShape(QListWidget.Shape.NoFrame)
        self.nav.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        # Padding only: colours stay the palette's, so dark mode keeps working.
        self.nav.setStyleSheet(_NAV_STYLE)
        self.nav.setFixedWidth(self.nav.fontMetrics().horizontalAdvance("M" * 12) + 24)
        font = self.nav.font()
        font.setPointSizeF(font.pointSizeF() * 1.1)
        self.nav.setFont(font)
        self.nav.setBackgroundRole(QPalette.ColorRole.Window)
        self.stack = CurrentPageStack()  # in a scroll area: below its size, scroll, not clip
        self.stack.setObjectName("pages")
        press_on_enter_inside(self.stack)  # Enter presses the focused button on every page
        self._pages: dict[str, QWidget] = {}  # the pages built so far
        self._names: list[str] = []  # every page, in navigation order
        self._factories: dict[str, PageFactory] = {}  # pages not built yet
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.nav)
        layout.addWidget(scrolling(self.stack, "pageScroll"), 1)
        self.nav.currentRowChanged.connect(self._show_row)
        # A page is built when first shown (or asked for): at 100,000 entries building them
        # all cost more than a second of queries for pages nobody had opened. Text brought
        # back from a draft must show at once, so with any draft pending all are built.
        eager = (pages is not None and not isinstance(pages, LazyPages)) or _has_drafts(journal)
        for n, (name, factory) in enumerate(PAGES if pages is None else pages):
            if n == 0 or eager:
                self.add_page(name, factory(journal))
            else:
                self.add_lazy_page(name, factory)
        if self.nav.count():
            self.nav.setCurrentRow(0)
        new = QShortcut(QKeySequence(QKeySequence.StandardKey.New), self)
        new.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        new.activated.connect(self.new_entry)
        new_record = QShortcut(QKeySequence("Ctrl+Shift+N"), self)
        new_record.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        new_record.activated.connect(self.new_record)
        save = QShortcut(QKeySequence(QKeySequence.StandardKey.Save), self)
        save.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        save.activated.connect(self.save_current)
        self.save_shortcut = save
        # Text brought back from a draft after unlock comes first: show where it is.
        for name, page in self._pages.items():
            if isinstance(page, RestoresWork) and page.has_restored_work:
                self.show_page(name)
                break

    # -- pages -----------------------------------------------------------------------------
    def changeEvent(self, event: QEvent) -> None:
        """A style sheet fixes the colours it was polished with; polish again when the
        system switches between light and dark while the app runs."""
        if event.type() in (QEvent.Type.PaletteChange, QEvent.Type.ApplicationPaletteChange):
            self.nav.setStyleSheet("")
            self.nav.setPalette(QApplication.palette(self.nav))
            self.nav.setStyleSheet(_NAV_STYLE)
        super().changeEvent(event)

    def add_page(self, name: str, widget: QWidget) -> int:
        """Append a page and its navigation item; Ctrl+<n> jumps to the first nine."""
        index = self._add_item(name)
        self._install(name, widget)
        return index

    def add_lazy_page(self, name: str, factory: PageFactory) -> int:
        """Append a page that ``factory`` builds when it is first shown or asked for."""
        index = self._add_item(name)
        self._factories[name] = factory
        self.stack.addWidget(QWidget())  # holds its place in the stack until then
        return index

    def _install(self, name: str, widget: QWidget) -> None:
        """Put a built page in its place (replacing a lazy page's placeholder)."""
        index = self._names.index(name)
        widget.setParent(self)
        placeholder = self.stack.widget(index) if index < self.stack.count() else None
        self.stack.insertWidget(index, widget)
        if placeholder is not None:
            self.stack.removeWidget(placeholder)
            placeholder.deleteLater()
        self._pages[name] = widget
        self._connect_routes(widget)
        self._take_over_save(widget)
        if isinstance(widget, FollowsChanges):
            self.journal_changed.connect(widget.journal_changed)

    def _add_item(self, name: str) -> int:
        if name in self._names:
            raise ValueError(f"a page called {name!r} is already in the shell")
        index = len(self._names)
        self._names.append(name)
        item = QListWidgetItem(name)
        item.setData(Qt.ItemDataRole.AccessibleTextRole, name)
        self.nav.addItem(item)
        if index < 9:
            shortcut = QShortcut(QKeySequence(f"Ctrl+{index + 1}"), self)
            shortcut.activated.connect(lambda n=name: self.show_page(n))
            item.setToolTip(f"{name} (Ctrl+{index + 1})")
        return index

    def page(self, name: str) -> QWidget:
        """The page called ``name``, built now if it was not yet (KeyError if none)."""
        found = self._pages.get(name)
        if found is None:
            factory = self._factories.pop(name)
            found = factory(self.journal)
            self._install(name, found)
        return found

    def is_built(self, name: str) -> bool:
        return name in self._pages

    @property
    def page_names(self) -> list[str]:
        return list(self._names)

    def show_page(self, name: str) -> None:
        self.page(name)
        self.nav.setCurrentRow(self._names.index(name))

    def _show_row(self, row: int) -> None:
        if 0 <= row < len(self._names):
            self.page(self._names[row])
        self.stack.setCurrentIndex(row)

    @property
    def current_page_name(self) -> str:
        current = self.stack.currentWidget()
        return next((n for n, w in self._pages.items() if w is current), "")

    # -- routing ---------------------------------------------------------------------------------
    def _connect_routes(self, widget: QWidget) -> None:
        """Pages ask for an entry or a prompt by signal; they never need the Journal page."""
        if isinstance(widget, AsksForEntries) and isinstance(widget.open_entry_requested,
                                                              SignalInstance):
            widget.open_entry_requested.connect(self.open_entry)
        if isinstance(widget, AsksForPrompts) and isinstance(widget.answer_prompt_requested,
                                                              SignalInstance):
            widget.answer_prompt_requested.connect(self.answer_prompt)
        if isinstance(widget, AsksForRecords) and isinstance(widget.new_record_requested,
                                                              SignalInstance):
            widget.new_record_requested.connect(self.new_record)
        if isinstance(widget, AsksForSupervisees) and isinstance(
                widget.open_supervisee_requested, SignalInstance):
            widget.open_supervisee_requested.connect(self.open_supervisee)

    @staticmethod
    def _take_over_save(widget: QWidget) -> None:
        """The shell's Ctrl+S reaches every page; the page's own would make the key
        ambiguous (Qt then fires neither), so it is switched off here."""
        keys = QKeySequence(QKeySequence.StandardKey.Save)
        for shortcut in widget.findChildren(QShortcut):
            if shortcut.key().matches(keys) == QKeySequence.SequenceMatch.ExactMatch:
                shortcut.setEnabled(False)

    def save_current(self) -> bool:
        """Ctrl+S from anywhere in the shell: the current page saves what it has open."""
        page = self.stack.currentWidget()
        if not isinstance(page, SavesWork):
            self.message.emit(f"Nothing to save on the {self.current_page_name} page.")
            return False
        return bool(page.save())

    def _journal_page(self) -> QWidget | None:
        if "Journal" not in self._names:
            return None
        self.show_page("Journal")
        return self._pages["Journal"]

    def _records(self) -> KeepsRecords | None:
        page = self.page("Supervision") if "Supervision" in self._names else None
        return page if isinstance(page, KeepsRecords) else None

    def _may_be_record(self, entry_id: int) -> bool:
        """Whether the Supervision page must be asked (and so built) about ``entry_id``:
        always once built; before, only for an entry made from a template."""
        if self.is_built("Supervision"):
            return True
        try:
            entry = self.journal.get_entry(int(entry_id))
        except Exception:
            return False
        return entry is not None and entry.template_id is not None

    def open_entry(self, entry_id: int) -> bool:
        """Show ``entry_id``: a record made from a template in the Supervision page's form
        (the page that says ``is_record``), anything else in the Journal page's editor."""
        records = self._records() if self._may_be_record(entry_id) else None
        if records is not None and records.is_record(int(entry_id)):
            self.show_page("Supervision")
            return bool(records.open_record(int(entry_id)))
        page = self._journal_page()
        return bool(page.open_entry(int(entry_id))) if isinstance(page, OpensEntries) else False

    def reveal(self, field: str, offset: int = 0) -> bool:
        """Show ``field`` of what the current page has open (after :meth:`open_entry`)."""
        page = self.stack.currentWidget()
        return bool(page.reveal(field, offset)) if isinstance(page, RevealsFields) else False

    def answer_prompt(self, prompt_id: str) -> bool:
        """Show the Journal page with a new entry answering ``prompt_id``."""
        page = self._journal_page()
        if not isinstance(page, StartsEntries):
            return False
        return bool(page.new_entry(prompt_id=str(prompt_id)))

    def new_record(self, template_id: str | None = None) -> bool:
        """Ctrl+Shift+N from anywhere: a new supervision record on the Supervision page (of
        ``template_id`` when a page asks for one, as the Plan page's personal review)."""
        records = self._records()
        if records is None:
            return False
        self.show_page("Supervision")
        return bool(records.new_record(template_id or None))

    def open_supervisee(self, person_id: int) -> bool:
        """Show one supervisee on the Supervision page."""
        page = self.page("Supervision") if "Supervision" in self._names else None
        if not isinstance(page, ShowsSupervisees):
            return False
        self.show_page("Supervision")
        return bool(page.show_supervisee(int(person_id)))

    def new_entry(self) -> bool:
        """Ctrl+N from anywhere: a blank entry on the Journal page."""
        page = self._journal_page()
        return bool(page.new_entry()) if isinstance(page, StartsEntries) else False

    # -- changes -----------------------------------------------------------------------------
    def _note_change(self) -> None:
        """Called by the journal after a write, on whichever thread wrote: several writes in
        one go (a record and its actions, an import) make one ``journal_changed``."""
        if not self._change_pending:
            self._change_pending = True
            self._written.emit()

    def _announce_change(self) -> None:
        self._change_pending = False
        if self.journal is not None:
            self.journal_changed.emit()

    # -- locking -----------------------------------------------------------------------------
    def prepare_to_lock(self) -> None:
        """Let pages flush drafts while the journal is open. A page that fails is logged
        (without content) and does not stop the lock: the key must go regardless."""
        try:
            self.about_to_lock.emit()
        except Exception:
            log.exception("an about_to_lock handler failed")
        for name, page in self._pages.items():
            if isinstance(page, PreparesToLock):
                try:
                    page.about_to_lock()
                except Exception as exc:
                    log.error("page %s could not prepare for lock: %s", name, type(exc).__name__)
        if self.journal is not None:
            self.journal.remove_change_listener(self._note_change)
        self.journal = None  # type: ignore[assignment]  # the shell must not reach it again
