"""Spell checking in the editors, driven as a user would: a misspelt word typed is underlined,
the context menu offers the British word and replaces it, "Add to dictionary" keeps a name in
the journal, and switching it off in Preferences takes the underline away."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QTextCharFormat, QTextCursor
from PySide6.QtWidgets import QDialogButtonBox, QMenu

from reflect.spelling.personal import personal_words
from reflect.ui.widgets.spelling import (
    highlighter_of,
    service_for,
    spelling_menu,
    underline_colour,
)
from tests.ui.conftest import dark_palette, open_unlocked

WAVY = QTextCharFormat.UnderlineStyle.WaveUnderline


def _underlined(edit) -> list[tuple[int, int]]:
    """(start, length) of every spelling underline in the first block, as laid out."""
    layout = edit.document().firstBlock().layout()
    return [(r.start, r.length) for r in layout.formats() if r.format.underlineStyle() == WAVY]


def _point_at(edit, position: int):
    cursor = QTextCursor(edit.document())
    cursor.setPosition(position)
    return edit.cursorRect(cursor).center()


def _body(qtbot, window):
    window.shell.show_page("Journal")
    page = window.shell.page("Journal")
    assert page.new_entry()
    body = page.editor.body_edit
    service = service_for(window.journal)
    qtbot.waitUntil(lambda: service.checker is not None, timeout=30_000)  # worker thread
    return body, service


def test_a_misspelt_word_is_underlined_and_a_suggestion_replaces_it(
        qtbot, make_window, driver, existing, passphrase):
    window = open_unlocked(qtbot, make_window, driver, existing[0], passphrase)
    body, service = _body(qtbot, window)
    body.setFocus()
    qtbot.keyClicks(body, "We recieve the colour chart")
    qtbot.waitUntil(lambda: _underlined(body) == [(3, 7)], timeout=3000)  # "colour" is fine
    assert not body.grab().isNull()

    menu = spelling_menu(body, service, _point_at(body, 5))
    assert isinstance(menu, QMenu)
    texts = [a.text() for a in menu.actions() if not a.isSeparator()]
    assert texts[0] == "receive" and "Add “recieve” to dictionary" in texts
    assert "Ignore" in texts and any("Copy" in t for t in texts)  # the usual items stay
    next(a for a in menu.actions() if a.text() == "receive").trigger()
    assert body.toPlainText() == "We receive the colour chart"
    qtbot.waitUntil(lambda: _underlined(body) == [], timeout=3000)
    qtbot.keyClick(body, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)  # one undo step
    assert body.toPlainText() == "We recieve the colour chart"


def test_add_to_dictionary_keeps_the_name_in_the_journal(
        qtbot, make_window, driver, existing, passphrase):
    window = open_unlocked(qtbot, make_window, driver, existing[0], passphrase)
    body, service = _body(qtbot, window)
    qtbot.keyClicks(body, "Kestral said no")
    qtbot.waitUntil(lambda: _underlined(body) == [(0, 7)], timeout=3000)
    menu = spelling_menu(body, service, _point_at(body, 2))
    next(a for a in menu.actions() if a.text().startswith("Add ")).trigger()
    qtbot.waitUntil(lambda: _underlined(body) == [], timeout=3000)
    assert personal_words(window.journal) == ["Kestral"]
    menu = spelling_menu(body, service, _point_at(body, 2))  # a known word: the usual menu
    assert not any(a.text() == "Ignore" for a in menu.actions())


def test_switching_it_off_in_preferences_takes_the_underline_away(
        qtbot, make_window, driver, existing, passphrase):
    window = open_unlocked(qtbot, make_window, driver, existing[0], passphrase)
    body, service = _body(qtbot, window)
    qtbot.keyClicks(body, "teh end")
    qtbot.waitUntil(lambda: _underlined(body) == [(0, 3)], timeout=3000)
    dialog = window.open_preferences()
    assert dialog.spell_check.isChecked()  # on by default
    qtbot.mouseClick(dialog.spell_check, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(dialog.buttons.button(QDialogButtonBox.StandardButton.Ok),
                     Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: _underlined(body) == [], timeout=3000)
    assert window.settings.spell_check is False
    assert not any(a.text() == "Ignore"
                   for a in spelling_menu(body, service, _point_at(body, 1)).actions())
    dialog = window.open_preferences()
    qtbot.mouseClick(dialog.spell_check, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(dialog.buttons.button(QDialogButtonBox.StandardButton.Ok),
                     Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: _underlined(body) == [(0, 3)], timeout=3000)


def test_record_text_fields_are_checked_too_and_the_red_suits_a_dark_palette(
        qtbot, make_window, driver, existing, passphrase):
    window = open_unlocked(qtbot, make_window, driver, existing[0], passphrase)
    service = service_for(window.journal)
    window.shell.show_page("Supervision")
    page = window.shell.page("Supervision")
    assert page.new_record("one_to_one")
    edit = page.form.body.fields["challenge"].edit
    qtbot.waitUntil(lambda: service.checker is not None, timeout=30_000)
    edit.setFocus()
    qtbot.keyClicks(edit, "Safegaurding first")
    qtbot.waitUntil(lambda: _underlined(edit) == [(0, 12)], timeout=3000)
    highlighter = highlighter_of(edit)
    assert highlighter is not None
    dark = dark_palette()
    light_red, dark_red = underline_colour(edit.palette()), underline_colour(dark)
    assert dark_red.lightness() > light_red.lightness()  # brighter on a dark background
    window.setPalette(dark)
    qtbot.waitUntil(lambda: highlighter.misspelt_format.underlineColor() == dark_red,
                    timeout=3000)
    layout = edit.document().firstBlock().layout()
    assert [r.format.underlineColor() for r in layout.formats()] == [dark_red]
    assert not edit.grab().isNull()
