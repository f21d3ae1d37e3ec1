"""The mentor pack as a screen reader meets it (language, title shown, bookmarks opened, with
or without a password), and the save dialog starting in the folder the last pack went to."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from pypdf import PdfReader

from reflect.common.settings import Settings
from reflect.content.library import load_attributes
from reflect.profile import ratings as profile_domain
from reflect.ui.profile.mentor_export_dialog import MentorExportDialog

PASSWORD = "kestrel orchard"


@pytest.fixture
def dialog(qtbot, new_journal) -> MentorExportDialog:
    ids = [a.id for a in load_attributes()]
    profile_domain.rate(new_journal, dict(zip(ids, [4, 4, 3, 4, 2], strict=True)))
    new_journal.add_entry("Asking first", "We tried it.", share_with_mentor=True,
                          happened_on=date.today())
    dialog = MentorExportDialog(new_journal)
    qtbot.addWidget(dialog)
    dialog.resize(1000, 700)
    dialog.show()
    qtbot.waitExposed(dialog)
    return dialog


def _export(qtbot, dialog: MentorExportDialog, path: Path) -> None:
    with qtbot.waitSignal(dialog.finished_export, timeout=30_000):
        assert dialog.export_to(path)
    assert dialog.export_result is not None, dialog.error.text()


def _outline_titles(reader: PdfReader) -> list[str]:
    def walk(items) -> list[str]:
        titles: list[str] = []
        for item in items:
            titles += walk(item) if isinstance(item, list) else [item.title]
        return titles

    return walk(reader.outline)


@pytest.mark.parametrize("password", [None, PASSWORD])
def test_the_pack_carries_language_title_and_bookmarks(qtbot, dialog, tmp_path, password):
    if password:
        dialog.password_edit.setText(password)
        dialog.repeat_edit.setText(password)
        dialog.refresh_plan()
    path = tmp_path / "pack.pdf"
    _export(qtbot, dialog, path)
    reader = PdfReader(path)
    if password:
        assert reader.decrypt(password)
    root = reader.trailer["/Root"]
    assert root["/Lang"] == "en-GB"
    assert reader.metadata.title == dialog.options().title
    assert bool(root["/ViewerPreferences"]["/DisplayDocTitle"])  # the title, not the name
    assert root["/PageMode"] == "/UseOutlines"  # the bookmarks open beside the first page
    titles = _outline_titles(reader)
    assert "Leadership profile" in titles and "About the ratings" in titles
    assert "/StructTreeRoot" not in root  # untagged, as the README says


def test_the_save_dialog_starts_where_the_last_pack_went(qtbot, dialog, tmp_path):
    assert dialog.start_path().parent == Path.home()
    folder = tmp_path / "usb stick" / "mentoring"
    folder.mkdir(parents=True)
    _export(qtbot, dialog, folder / "pack.pdf")
    assert Settings.load().mentor_pack_folder == str(folder)
    again = MentorExportDialog(dialog.journal)  # a later day, a new dialog
    qtbot.addWidget(again)
    start = again.start_path()
    assert start.parent == folder and start.name == f"mentor-pack-{date.today()}.pdf"
    folder.rename(tmp_path / "unplugged")  # the drive is gone: back to home, no error
    assert again.start_path().parent == Path.home()


def test_a_refused_export_remembers_nothing(qtbot, dialog, tmp_path):
    dialog.password_edit.setText(PASSWORD)
    dialog.repeat_edit.setText(PASSWORD[:-1])
    dialog.refresh_plan()
    assert not dialog.export_to(tmp_path / "refused.pdf")
    assert not Settings.path().exists()
