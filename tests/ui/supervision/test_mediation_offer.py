"""Mediation from the keyboard: what Kestrel needs taken up the organisation, typed into a
one-to-one, is written into "What I am bringing" when the leader starts their own
supervision; left untouched it saves nothing; once an own-supervision record is saved the
items are taken and the next one starts empty."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLabel

from reflect.journal.journal import Journal
from reflect.supervision.records import Supervision
from tests.ui.conftest import open_unlocked
from tests.ui.supervision.seed import new_record

CTRL = Qt.KeyboardModifier.ControlModifier
TODAY = date.today()
SHOTS = Path("/tmp/i13-content13-shots")


@pytest.fixture
def window(qtbot, make_window, driver, folder: Path, cheap, passphrase):
    """Kestrel, and the leader's own supervision of 20 days ago."""
    journal, _ = Journal.create(folder, passphrase, cheap)
    with journal:
        sup = Supervision(journal)
        sup.add_supervisee("Kestrel", role="Social worker")
        sup.save_record(sup.start_record(None, "my_supervision",
                                         TODAY - timedelta(days=20)).entry)
    return open_unlocked(qtbot, make_window, driver, folder, passphrase)


def _own_records(window) -> list:
    return [e for e in Supervision(window.journal).records_for(None)
            if e.template_id == "my_supervision"]


def test_mediation_typed_in_a_one_to_one_starts_the_next_own_supervision(qtbot, window):
    form = new_record(window)
    assert form.reveal("learning")
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)  # the section's Preview
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
    mediation = form.body.fields["mediation"]
    assert QApplication.focusWidget() is mediation.edit
    qtbot.keyClicks(mediation.edit, "- A second family-time room")
    qtbot.keyClick(mediation.edit, Qt.Key.Key_Return)
    qtbot.keyClicks(mediation.edit, "- Cover for the duty week")
    qtbot.keyClick(mediation.edit, Qt.Key.Key_S, CTRL)
    assert form.status_text().startswith("Saved")

    page = window.shell.page("Supervision")
    assert page.new_record("my_supervision")
    bring = page.form.body.fields["bring"]
    since = f"({TODAY - timedelta(days=20):%-d %B %Y})"
    assert bring.value() == (
        f"To take up from my supervisees' one-to-ones since my last supervision {since}:\n\n"
        f"- A second family-time room (Kestrel, {TODAY:%-d %B %Y})\n"
        f"- Cover for the duty week (Kestrel, {TODAY:%-d %B %Y})\n")
    notes = [w.text() for w in page.form.body.boxes["bring"].findChildren(QLabel)
             if w.accessibleName() == "Items to take up" and w.isVisible()]
    assert notes == [
        "2 items to take up the organisation, from the one-to-ones with Kestrel since your "
        "last supervision, are written in below: keep, edit or delete each."]
    assert QApplication.focusWidget() is bring.edit  # typing goes after the items
    assert page.form.status_text() == "New record"  # the starting point, not an edit
    SHOTS.mkdir(exist_ok=True)
    window.resize(1100, 800)
    page.form.grab().save(str(SHOTS / "own_supervision_offered.png"))

    assert page.form.leave()  # untouched: nothing saved
    assert len(_own_records(window)) == 1
    assert page.new_record("my_supervision")
    bring = page.form.body.fields["bring"]
    qtbot.keyClicks(bring.edit, "Ask about the agency budget.")
    qtbot.keyClick(bring.edit, Qt.Key.Key_S, CTRL)
    saved = _own_records(window)[0]
    assert saved.happened_on == TODAY
    assert saved.sections["bring"].endswith(
        f"- Cover for the duty week (Kestrel, {TODAY:%-d %B %Y})\nAsk about the agency budget.")

    assert page.new_record("my_supervision")  # the items are taken now
    assert page.form.body.fields["bring"].value() is None
    assert not [w for w in page.form.body.boxes["bring"].findChildren(QLabel)
                if w.accessibleName() == "Items to take up"]
