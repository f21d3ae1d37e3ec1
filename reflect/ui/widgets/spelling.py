"""Spell checking in the editors: misspelt words underlined as you type, suggestions, "Add to
dictionary" and "Ignore" in the context menu, and the Preferences switch.

One :class:`SpellService` per open journal holds the checker (see :mod:`reflect.spelling`);
it loads the dictionary on a worker thread the first time an editor asks, so unlocking stays
quick, and the editors' highlighters re-check once it is ready. :class:`SpellHighlighter` is a
``QSyntaxHighlighter``, which Qt runs per block and only for changed blocks (and lays out only
what is shown), so a long entry costs one check per edited paragraph. Personal words go into
the encrypted journal (:mod:`reflect.spelling.personal`), never into plain settings.
"""

from __future__ import annotations

import logging
import weakref

from PySide6.QtCore import QEvent, QObject, QPoint, Qt, Signal
from PySide6.QtGui import QColor, QPalette, QSyntaxHighlighter, QTextCharFormat, QTextCursor
from PySide6.QtWidgets import QMenu, QPlainTextEdit, QWidget

from reflect.common.settings import Settings
from reflect.journal.journal import Journal
from reflect.spelling.checker import Misspelling, SpellChecker, load_checker
from reflect.spelling.personal import personal_words, save_personal_words
from reflect.ui.workers import run_in_thread

log = logging.getLogger(__name__)

_services: weakref.WeakKeyDictionary[Journal, SpellService] = weakref.WeakKeyDictionary()
_enabled: list[bool] = []  # the Preferences switch, read once from Settings


def spell_check_enabled() -> bool:
    if not _enabled:
        _enabled.append(Settings.load().spell_check)
    return _enabled[0]


def set_spell_check(enabled: bool) -> None:
    """The Preferences switch: every open editor underlines again, or stops at once."""
    _enabled[:] = [bool(enabled)]
    for service in list(_services.values()):
        service.changed.emit()


class SpellService(QObject):
    """The checker for one journal; ``changed`` when it is ready, a word was added or
    ignored, or spell checking was switched on or off."""

    changed = Signal()

    def __init__(self, journal: Journal) -> None:
        super().__init__()
        self.journal = journal
        self.checker: SpellChecker | None = None
        self._loading = False

    @property
    def active(self) -> bool:
        return self.checker is not None and spell_check_enabled()

    def start(self) -> None:
        """Load the dictionary and the personal words off the UI thread (once)."""
        if self._loading or self.checker is not None:
            return
        self._loading = True
        journal = self.journal
        run_in_thread(lambda: load_checker(personal_words(journal)), on_success=self._ready,
                      on_failure=self._failed, owner=self)

    def load_now(self) -> SpellChecker:
        """Load on this thread (tests, and a menu opened before the worker finished)."""
        if self.checker is None:
            self._ready(load_checker(personal_words(self.journal)))
        assert self.checker is not None
        return self.checker

    def _ready(self, checker: SpellChecker) -> None:
        if self.checker is None:
            self.checker = checker
            self.changed.emit()

    def _failed(self, exc: BaseException) -> None:
        self._loading = False
        log.warning("Spell checking is off: the dictionary could not be loaded (%s).",
                    type(exc).__name__)

    def add_word(self, word: str) -> None:
        if self.checker is not None and self.checker.add_personal(word):
            save_personal_words(self.journal, self.checker.personal)
            self.changed.emit()

    def ignore_word(self, word: str) -> None:
        if self.checker is not None:
            self.checker.ignore(word)
            self.changed.emit()


def service_for(journal: Journal) -> SpellService:
    service = _services.get(journal)
    if service is None:
        service = _services[journal] = SpellService(journal)
    return service


def underline_colour(palette: QPalette) -> QColor:
    """Red that stands out on the editor's background, light or dark."""
    dark = palette.color(QPalette.ColorRole.Base).lightness() < 128
    return QColor("#ff6b6b" if dark else "#d32f2f")


class SpellHighlighter(QSyntaxHighlighter):
    """Wavy red underline under each misspelt word of a block."""

    def __init__(self, edit: QPlainTextEdit, service: SpellService) -> None:
        super().__init__(edit.document())
        self.edit = edit
        self.service = service
        self.misspelt_format = QTextCharFormat()
        # Wavy on every platform (the style's "spell check" underline is dotted on some).
        self.misspelt_format.setUnderlineStyle(QTextCharFormat.UnderlineStyle.WaveUnderline)
        self.misspelt_format.setUnderlineColor(underline_colour(edit.palette()))
        service.changed.connect(self.rehighlight)
        edit.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """A new palette (light to dark) gets a red that suits it."""
        if watched is self.edit and event.type() == QEvent.Type.PaletteChange:
            colour = underline_colour(self.edit.palette())
            if colour != self.misspelt_format.underlineColor():
                self.misspelt_format.setUnderlineColor(colour)
                self.rehighlight()
        return False

    def highlightBlock(self, text: str) -> None:
        checker = self.service.checker
        if checker is None or not spell_check_enabled():
            return
        for miss in checker.misspellings(text):
            self.setFormat(miss.start, miss.length, self.misspelt_format)


def misspelling_at(edit: QPlainTextEdit, checker: SpellChecker,
                   pos: QPoint) -> tuple[Misspelling, QTextCursor] | None:
    """The misspelt word under ``pos`` (viewport coordinates) and a cursor selecting it."""
    cursor = edit.cursorForPosition(pos)
    block = cursor.block()
    column = cursor.position() - block.position()
    for miss in checker.misspellings(block.text()):
        if miss.start <= column <= miss.start + miss.length:
            selection = QTextCursor(block)
            selection.setPosition(block.position() + miss.start)
            selection.setPosition(block.position() + miss.start + miss.length,
                                  QTextCursor.MoveMode.KeepAnchor)
            return miss, selection
    return None


def spelling_menu(edit: QPlainTextEdit, service: SpellService, pos: QPoint) -> QMenu:
    """The editor's usual context menu, with the word's suggestions, "Add to dictionary" and
    "Ignore" on top when ``pos`` (viewport coordinates) is on a misspelt word."""
    menu = edit.createStandardContextMenu(edit.viewport().mapToGlobal(pos))
    checker = service.checker
    found = misspelling_at(edit, checker, pos) if checker and service.active else None
    if checker is None or found is None:
        return menu
    miss, selection = found
    first = menu.actions()[0] if menu.actions() else None
    suggestions = checker.suggestions(miss.word)
    entries = []
    for word in suggestions:
        action = menu.addAction(word)
        action.triggered.connect(lambda _=False, w=word: _replace(edit, selection, w))
        entries.append(action)
    if not suggestions:
        none = menu.addAction("No suggestions")
        none.setEnabled(False)
        entries.append(none)
    add = menu.addAction(f"Add “{miss.word}” to dictionary")
    add.triggered.connect(lambda: service.add_word(miss.word))
    ignore = menu.addAction("Ignore")
    ignore.triggered.connect(lambda: service.ignore_word(miss.word))
    entries += [add, ignore]
    for action in entries:
        menu.removeAction(action)
    if first is not None:
        menu.insertActions(first, entries)
        menu.insertSeparator(first)
    else:
        menu.addActions(entries)
    return menu


def _replace(edit: QPlainTextEdit, selection: QTextCursor, word: str) -> None:
    selection.insertText(word)  # one undo step, and textChanged as for typing
    edit.setTextCursor(selection)


def attach_spelling(edit: QPlainTextEdit, journal: Journal) -> SpellHighlighter:
    """Underline misspelt words in ``edit`` and add suggestions to its context menu."""
    service = service_for(journal)
    highlighter = SpellHighlighter(edit, service)
    edit.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)

    def show_menu(pos: QPoint) -> None:
        menu = spelling_menu(edit, service, pos)
        menu.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        menu.popup(edit.viewport().mapToGlobal(pos))

    edit.customContextMenuRequested.connect(show_menu)
    service.start()
    return highlighter


def highlighter_of(widget: QWidget) -> SpellHighlighter | None:
    """The spelling highlighter attached to an editor (for tests and the palette)."""
    if isinstance(widget, QPlainTextEdit):
        return widget.document().findChild(SpellHighlighter)
    return None
