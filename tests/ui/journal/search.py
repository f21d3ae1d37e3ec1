"""The search dialog as the search tests open it and type into it."""

from __future__ import annotations

from reflect.ui.journal.search_dialog import SearchDialog


def open_dialog(qtbot, journal) -> SearchDialog:
    dialog = SearchDialog(journal)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    return dialog


def type_query(qtbot, dialog: SearchDialog, text: str, rows: int) -> None:
    """Type ``text`` with real keys and wait for ``rows`` results."""
    qtbot.keyClicks(dialog.search_edit, text)
    qtbot.waitUntil(lambda: dialog.search_result is not None and len(dialog.rows()) == rows,
                    timeout=3000)
