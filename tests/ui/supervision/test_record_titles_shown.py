"""Two one-to-ones with the same supervisee, on the same day and with the same title, read
differently in the supervision list, on Home, in search results and in the mentor-pack
picker: each says which session it is."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from reflect.journal.journal import Journal
from reflect.supervision.records import Supervision
from reflect.ui.journal.search_dialog import TITLE_ROLE, SearchDialog
from reflect.ui.profile.mentor_export_dialog import MentorExportDialog
from tests.ui.conftest import open_unlocked

TODAY = date.today()
TITLE = "One-to-one reflective supervision — Sam"


@pytest.fixture
def folder_with_two(folder: Path, cheap, passphrase) -> Path:
    journal, _ = Journal.create(folder, passphrase, cheap)
    with journal:
        sup = Supervision(journal)
        sam = sup.add_supervisee("Sam")
        for words in ("We talked about the kestrel case.", "The kestrel case again."):
            start = sup.start_record(sam.id, "one_to_one", TODAY)
            start.entry.sections["agenda"] = words
            assert start.entry.title == TITLE  # both records: one title, one date
            sup.save_record(start.entry)
    return folder


@pytest.fixture
def window(qtbot, make_window, driver, folder_with_two, passphrase):
    return open_unlocked(qtbot, make_window, driver, folder_with_two, passphrase)


SHOWN = [f"{TITLE} · session 2", f"{TITLE} · session 1"]  # newest first


def test_the_supervision_list_tells_them_apart(window):
    window.shell.show_page("Supervision")
    records = window.shell.page("Supervision").view.records
    assert [records.topLevelItem(i).text(1) for i in range(records.topLevelItemCount())] == SHOWN


def test_home_tells_them_apart(window):
    window.shell.show_page("Home")
    titles = window.shell.page("Home").recent.titles()
    assert [t for t in titles if t.startswith(TITLE)] == SHOWN


def test_search_tells_them_apart(qtbot, window):
    dialog = SearchDialog(window.journal)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    qtbot.keyClicks(dialog.search_edit, "kestrel")
    qtbot.waitUntil(lambda: dialog.results.count() == 2, timeout=3000)
    titles = {dialog.results.item(i).data(TITLE_ROLE) for i in range(2)}
    assert titles == set(SHOWN)
    assert {dialog.results.item(i).data(Qt.ItemDataRole.AccessibleTextRole)
            for i in range(2)} == set(SHOWN)


def test_the_mentor_pack_picker_tells_them_apart(qtbot, window):
    dialog = MentorExportDialog(window.journal)
    qtbot.addWidget(dialog)
    dialog.resize(1000, 700)
    dialog.show()
    qtbot.waitExposed(dialog)
    texts = [dialog.entry_list.item(i).text() for i in range(dialog.entry_list.count())]
    mine = sorted(t for t in texts if TITLE in t)
    assert len(mine) == 2 and len(set(mine)) == 2
    assert [t.split(" · ", 1)[1].split("  ⚠")[0] for t in mine] == sorted(SHOWN)
