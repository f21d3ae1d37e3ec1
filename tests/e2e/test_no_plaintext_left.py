"""After a whole session of use, no journal content is readable anywhere on disk except in
the exports the user chose: not in the journal folder, settings, caches, logs or temp files.

The session goes through the real window (create, write with autosave, search, lock) and the
domain for the rest (supervise, rate, back up, export a Markdown file and a password PDF).
"""

from __future__ import annotations

import logging
import tempfile
from datetime import date
from pathlib import Path

from PySide6.QtCore import Qt

from reflect.common.settings import Settings
from reflect.journal.interchange import export_markdown
from reflect.journal.journal import Journal
from reflect.profile import mentor_pack
from reflect.profile import ratings as profile
from reflect.store.entries import utc_now
from reflect.store.envelope import KdfParams
from reflect.store.models import Action
from reflect.supervision.records import Supervision

PASSPHRASE = "harbour lantern copper meadow"
# Words that appear nowhere else, typed in every kind of place.
MARKERS = ("Quillfeather", "Brambleworth", "Zanzibarine", "Mistletoad", "Periwinkleton",
           "Gloamingdale", "Thistlewick")


def files_under(root: Path):
    return [p for p in root.rglob("*") if p.is_file()]


def leaks(paths, needles) -> list[str]:
    found = []
    for path in paths:
        data = path.read_bytes()
        for needle in needles:
            for encoded in (needle.encode(), needle.lower().encode(),
                            needle.encode("utf-16-le")):
                if encoded in data:
                    found.append(f"{needle} in {path}")
    return found


def test_a_full_session_leaves_no_plaintext_behind(qtbot, tmp_path, monkeypatch,
                                                   isolated_environment, caplog):
    from reflect.ui.main_window import MainWindow

    temp = tmp_path / "tmp"
    temp.mkdir()
    monkeypatch.setenv("TMPDIR", str(temp))
    monkeypatch.setattr(tempfile, "tempdir", str(temp))
    caplog.set_level(logging.DEBUG)
    folder = tmp_path / "journal"
    exports = tmp_path / "exports"
    exports.mkdir()

    # Create and write through the real window.
    window = MainWindow(folder, kdf_params=KdfParams.cheap(), settings=Settings())
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    page = window.create_view.passphrase_page
    qtbot.keyClicks(page.passphrase_edit, PASSPHRASE)
    qtbot.keyClicks(page.repeat_edit, PASSPHRASE)
    qtbot.keyClick(page.repeat_edit, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.create_view.showing_recovery_key, timeout=10_000)
    window.create_view.recovery_page.saved_box.setChecked(True)
    window.create_view.recovery_page.continue_button.click()
    assert window.shell is not None
    window.shell.show_page("Journal")
    editor = window.shell.page("Journal").editor
    window.shell.new_entry()
    qtbot.keyClicks(editor.title_edit, f"Thinking about {MARKERS[0]}")
    qtbot.keyClicks(editor.body_edit, f"A reflection on {MARKERS[1]} and the team.")
    qtbot.waitUntil(lambda: bool(window.journal.drafts()), timeout=10_000)  # autosaved
    assert editor.save()
    dialog = window.open_search()
    qtbot.keyClicks(dialog.search_edit, MARKERS[1][:6])
    qtbot.waitUntil(lambda: len(dialog.rows()) == 1, timeout=5_000)
    dialog.close()

    # Supervise, rate, back up and export with the same open journal.
    journal: Journal = window.journal
    supervision = Supervision(journal)
    person = supervision.add_supervisee("Kestrel")
    start = supervision.start_record(person.id, "one_to_one")
    start.entry.sections["challenge"] = f"We disagreed about {MARKERS[2]}."
    start.entry.sections["wellbeing"] = f"Tired after {MARKERS[3]}."
    supervision.save_record(start.entry, [Action(description=f"Book {MARKERS[4]}",
                                                 owner="Kestrel", created_at=utc_now())])
    profile.rate(journal, {"values_driven": 4}, notes={"values_driven": MARKERS[5]})
    journal.add_entry(f"Shared {MARKERS[6]}", "for my mentor", share_with_mentor=True)
    journal.vault.backup("manual")
    export_markdown(journal, exports / "journal.md")
    options = mentor_pack.PackOptions(date_from=date(2000, 1, 1), date_to=date.today(),
                                      entry_ids=mentor_pack.default_selection(
                                          mentor_pack.candidates(journal)))
    mentor_pack.export(journal, options, exports / "pack.pdf", password="for the mentor")
    window.settings.save()
    window.lock()
    assert window.is_locked

    # The exports hold the words (the user asked for them); nothing else does.
    assert leaks([exports / "journal.md"], MARKERS[:2])
    scanned = [p for p in files_under(tmp_path) if exports not in p.parents]
    scanned += files_under(isolated_environment)  # settings, data, cache and state dirs
    assert any(p.name == "journal.db" for p in scanned)
    assert leaks(scanned, MARKERS) == []
    for record in caplog.records:
        message = record.getMessage()
        assert not any(m.lower() in message.lower() for m in MARKERS), message
