"""The recovery-key sheet's words: the key in groups, which journal, the date, where to keep it,
and nothing else."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from reflect.safety.recovery_sheet import key_lines, recovery_sheet
from reflect.store.envelope import generate_recovery_key, parse_recovery_key

KEY = "ABCD-EFGH-IJKL-MNOP-QRST-UVWX-YZ23-4567"


def test_the_key_reads_back_in_two_lines_of_four_groups():
    assert key_lines(KEY) == ("ABCD-EFGH-IJKL-MNOP", "QRST-UVWX-YZ23-4567")
    key = generate_recovery_key()
    lines = key_lines(key)
    assert len(lines) == 2
    assert parse_recovery_key(" ".join(lines)) == parse_recovery_key(key)  # typed back as printed


def test_the_sheet_names_the_journal_and_the_day_and_says_where_to_keep_it(tmp_path):
    folder = tmp_path / "Team journal"
    sheet = recovery_sheet(KEY, folder, date(2026, 3, 3))
    assert sheet.title == "Reflect recovery key"
    assert sheet.details == ("Journal: Team journal", f"Folder: {folder}",
                             "Printed on 3 March 2026")
    assert any("away from the laptop" in line for line in sheet.advice)
    assert recovery_sheet(KEY, None, date(2026, 3, 3)).details == ("Printed on 3 March 2026",)
    assert Path(folder).name in sheet.details[0]
