"""Help > About and Help > Using Reflect in the real window: what they say, the notices as
plain text, and diagnostic information that holds no journal content."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QMenu

from reflect import __version__
from reflect.common import logs, paths
from reflect.ui.help import dialogs
from reflect.ui.help.diagnostics import diagnostic_text
from tests.ui.conftest import open_unlocked


def _help_menu(window) -> QMenu:
    menus = {a.text(): a.menu() for a in window.menuBar().actions()}
    assert "&Help" in menus
    return menus["&Help"]


def test_the_help_menu_has_the_help_page_and_about(make_window, folder):
    window = make_window(folder)
    names = [a.text() for a in _help_menu(window).actions() if not a.isSeparator()]
    assert names == ["&Using Reflect", "&About Reflect"]
    assert window.help_menu.help_action.shortcut().toString() == "F1"


def test_about_names_version_licence_and_where_files_live(qtbot, make_window, folder):
    window = make_window(folder)
    window.help_menu.about_action.trigger()
    about = window.help_menu.about_dialog
    qtbot.waitExposed(about)
    text = " ".join(label.text() for label in about.findChildren(type(about.where_label)))
    assert f"Reflect {__version__}" in text and "MIT" in text
    assert f"Journal: {folder}" in text
    assert f"Backups: {folder / 'backups'}" in text
    assert f"Settings: {paths.config_dir()}" in text
    assert f"Log: {logs.log_dir()}" in text


def test_third_party_notices_show_as_plain_text_when_shipped(qtbot, make_window, folder):
    window = make_window(folder)
    window.help_menu.open_about()
    about = window.help_menu.about_dialog
    notices = dialogs.shipped_text(dialogs.NOTICES_NAME)
    assert about.notices_button.isEnabled() == (notices is not None)
    if notices is None:  # the packaging work adds the file; until then the button waits
        return
    qtbot.mouseClick(about.notices_button, Qt.MouseButton.LeftButton)
    view = about.text_dialog.view
    assert view.isReadOnly() and view.toPlainText() == notices


def test_diagnostics_hold_versions_and_folders_but_nothing_from_the_journal(
        qtbot, make_window, driver, existing, passphrase):
    folder = existing[0]
    window = open_unlocked(qtbot, make_window, driver, folder, passphrase)
    titles = [e.title for e in window.journal.list_entries()]
    assert titles
    window.help_menu.open_about()
    about = window.help_menu.about_dialog
    qtbot.mouseClick(about.copy_button, Qt.MouseButton.LeftButton)
    copied = QGuiApplication.clipboard().text()
    assert copied == diagnostic_text(folder)
    for needle in (f"Reflect {__version__}", "Python ", "Qt ", "SQLCipher 4.", "Platform ",
                   f"Journal folder {folder}"):
        assert needle in copied
    assert not any(title and title in copied for title in titles)
    assert "Copied" in about.copied_label.text()


def test_the_help_page_covers_markdown_and_shortcuts_as_sanitised_html(qtbot, make_window,
                                                                       folder):
    window = make_window(folder)
    qtbot.keyClick(window, Qt.Key.Key_F1)
    page = window.help_menu.help_dialog
    assert page is not None and page.isVisible()
    text = page.view.toPlainText()
    for needle in ("Writing in Markdown", "Keyboard shortcuts", "Ctrl+L", "Ctrl+F", "bold"):
        assert needle in text
    assert "<script" not in page.view.toHtml()
