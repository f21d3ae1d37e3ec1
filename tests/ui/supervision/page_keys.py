"""Starting a record on the Supervision page as a user does: the person in the list, the
template chosen from the keyboard, New record pressed with Space."""

from __future__ import annotations

from PySide6.QtCore import Qt

from reflect.ui.supervision.page import OWN


def choose_template_and_start(qtbot, window, template_name: str, person: str | None = None):
    """A new record from ``template_name`` for ``person`` (None: the leader's own); its form."""
    window.shell.show_page("Supervision")
    page = window.shell.page("Supervision")
    key = OWN if person is None else next(
        p.id for p in page.supervision.supervisees() if p.code_name == person)
    page.select_person(key)
    combo = page.view.template_combo
    combo.setFocus()
    qtbot.keyClick(combo, Qt.Key.Key_Home)
    while combo.currentText() != template_name:
        before = combo.currentIndex()
        qtbot.keyClick(combo, Qt.Key.Key_Down)
        assert combo.currentIndex() != before, f"no template {template_name!r}"
    page.view.new_button.setFocus()
    qtbot.keyClick(page.view.new_button, Qt.Key.Key_Space)
    qtbot.waitUntil(lambda: page.stack.currentWidget() is page.form)
    return page.form
