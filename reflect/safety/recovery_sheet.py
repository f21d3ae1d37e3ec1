"""The printed recovery-key sheet, as plain parts (no Qt), so the window only paints it.

One page and nothing secret beyond the key itself: which journal it opens (its folder), the
date, the key in groups that are easy to read back, and where to keep the sheet.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path

from reflect.common.dates import uk_date

TITLE = "Reflect recovery key"
GROUPS_PER_LINE = 4
KEEP_SAFE = ("Keep this sheet somewhere safe, away from the laptop: anyone who has it and the "
             "journal's files can read your journal.")
HOW_TO_USE = ("If you forget your passphrase, choose “Use recovery key instead” when you "
              "unlock, and type the key with or without the dashes.")


@dataclass(frozen=True)
class RecoverySheet:
    """What the sheet says, top to bottom."""

    title: str
    details: tuple[str, ...]  # which journal, and when
    key_lines: tuple[str, ...]  # the key, a few groups a line
    advice: tuple[str, ...]


def key_lines(recovery_key: str, per_line: int = GROUPS_PER_LINE) -> tuple[str, ...]:
    """The key's groups, ``per_line`` to a line, joined by dashes as the key is typed."""
    groups = [group for group in recovery_key.replace(" ", "-").split("-") if group]
    return tuple("-".join(groups[i:i + per_line]) for i in range(0, len(groups), per_line))


def recovery_sheet(recovery_key: str, folder: Path | None,
                   printed_on: date | None = None) -> RecoverySheet:
    """The sheet for ``recovery_key`` of the journal in ``folder`` (printed ``printed_on``)."""
    day = uk_date(printed_on or date.today())
    details = ((f"Journal: {Path(folder).name}", f"Folder: {folder}") if folder is not None
               else ())
    return RecoverySheet(title=TITLE, details=(*details, f"Printed on {day}"),
                         key_lines=key_lines(recovery_key), advice=(KEEP_SAFE, HOW_TO_USE))
