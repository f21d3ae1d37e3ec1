"""The unlocked main area: navigation on the left, one page at a time on the right.

Pages are built from ``(name, factory)`` pairs, each factory taking the open Journal, so later
work adds a real page by putting its factory in :data:`PAGES` (or calling
:meth:`Shell.add_page`). The whole shell is thrown away on lock, so no decrypted view
outlives the key; before that, :meth:`Shell.prepare_to_lock` gives every page a chance to
save drafts while the journal is still open.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QPalette, QShortcut
from PySide6.QtWidgets import (
    QHBoxLayout,
    QListWidget,
    QListWidgetItem,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from reflect.journal import Journal
from reflect.ui.card import heading
from reflect.ui.feedback import hint_label, plain_label

log = logging.getLogger(__name__)

PageFactory = Callable[[Journal], QWidget]


class PlaceholderPage(QWidget):
    """A page still to be built: its title and one friendly line about what will be here."""

    def __init__(self, title: str, line: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName(title)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(32, 28, 32, 28)
        layout.setSpacing(10)
        layout.addWidget(heading(title, scale=1.4))
        layout.addWidget(plain_label(line))
        layout.addStretch(1)


def _placeholder(title: str, line: str) -> PageFactory:
    return lambda _journal: PlaceholderPage(title, line)


def _home(journal: Journal) -> QWidget:
    count = journal.count_entries()
    held = "no entries yet" if count == 0 else ("1 entry" if count == 1 else f"{count} entries")
    page = PlaceholderPage(
        "Home",
        f"Welcome back. Your journal is open and holds {held}. Open actions from supervision "
        "and your recent reflections will gather here.")
    page.layout().insertWidget(2, hint_label("Lock with Ctrl+L whenever you step away."))
    return page


#: The pages of the shell, in navigation order. Replace a placeholder with a real factory.
PAGES: list[tuple[str, PageFactory]] = [
    ("Home", _home),
    ("Journal", _placeholder(
        "Journal", "Your reflections will be listed and searchable here. Everything you write "
        "stays encrypted on this computer.")),
    ("Prompts", _placeholder(
        "Prompts", "Questions from the SFPC workbook, Ofsted's Annex B and Firstline's themes, "
        "ready to answer, will be here.")),
    ("Supervision", _placeholder(
        "Supervision", "Supervision records (discussion, challenge, decisions and the agreed "
        "way forward) will be kept here, with last session's open actions in front of you.")),
    ("Profile", _placeholder(
        "Profile", "Rate the five leadership attributes, set targets and see how they change "
        "over time; then export a pack for your mentor.")),
]


class Shell(QWidget):
    """Navigation list + stacked pages over one open journal.

    ``about_to_lock`` is emitted by :meth:`prepare_to_lock` while the journal is still open;
    pages may also simply define an ``about_to_lock()`` method, which is called for them.
    """

    about_to_lock = Signal()

    def __init__(self, journal: Journal, pages: Sequence[tuple[str, PageFactory]] | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("shell")
        self.journal = journal
        self.nav = QListWidget()
        self.nav.setAccessibleName("Sections")
        self.nav.setObjectName("navigation")
        self.nav.setFrameShape(QListWidget.Shape.NoFrame)
        self.nav.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        # Padding only: colours stay the palette's, so dark mode keeps working.
        self.nav.setStyleSheet("QListWidget::item { padding: 6px 12px; }")
        self.nav.setFixedWidth(self.nav.fontMetrics().horizontalAdvance("M" * 12) + 24)
        font = self.nav.font()
        font.setPointSizeF(font.pointSizeF() * 1.1)
        self.nav.setFont(font)
        self.nav.setBackgroundRole(QPalette.ColorRole.Window)
        self.stack = QStackedWidget()
        self.stack.setObjectName("pages")
        self._pages: dict[str, QWidget] = {}
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.nav)
        layout.addWidget(self.stack, 1)
        self.nav.currentRowChanged.connect(self.stack.setCurrentIndex)
        for name, factory in PAGES if pages is None else pages:
            self.add_page(name, factory(journal))
        if self.nav.count():
            self.nav.setCurrentRow(0)

    # -- pages -----------------------------------------------------------------------------
    def add_page(self, name: str, widget: QWidget) -> int:
        """Append a page and its navigation item; Ctrl+<n> jumps to the first nine."""
        if name in self._pages:
            raise ValueError(f"a page called {name!r} is already in the shell")
        widget.setParent(self)
        index = self.stack.addWidget(widget)
        item = QListWidgetItem(name)
        item.setData(Qt.ItemDataRole.AccessibleTextRole, name)
        self.nav.addItem(item)
        self._pages[name] = widget
        if index < 9:
            shortcut = QShortcut(QKeySequence(f"Ctrl+{index + 1}"), self)
            shortcut.activated.connect(lambda n=name: self.show_page(n))
            item.setToolTip(f"{name} (Ctrl+{index + 1})")
        return index

    def page(self, name: str) -> QWidget:
        return self._pages[name]

    @property
    def page_names(self) -> list[str]:
        return list(self._pages)

    def show_page(self, name: str) -> None:
        self.nav.setCurrentRow(self.stack.indexOf(self._pages[name]))

    @property
    def current_page_name(self) -> str:
        current = self.stack.currentWidget()
        return next((n for n, w in self._pages.items() if w is current), "")

    # -- locking -----------------------------------------------------------------------------
    def prepare_to_lock(self) -> None:
        """Let pages flush drafts while the journal is open. A page that fails is logged
        (without content) and does not stop the lock: the key must go regardless."""
        try:
            self.about_to_lock.emit()
        except Exception:
            log.exception("an about_to_lock handler failed")
        for name, page in self._pages.items():
            hook = getattr(page, "about_to_lock", None)
            if callable(hook):
                try:
                    hook()
                except Exception as exc:
                    log.error("page %s could not prepare for lock: %s", name, type(exc).__name__)
        self.journal = None  # type: ignore[assignment]  # the shell must not reach it again
