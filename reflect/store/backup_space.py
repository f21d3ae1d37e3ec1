"""How much room backups take and may take: their total size, the free space on their disk,
the size budget, and the refusal of a copy that cannot fit before any file is made.

The default budget (a setting of 0) is a tenth of the room the backup disk offers them (its
free space plus what they already take, so the budget does not shrink as they fill the disk),
but never less than two backups: one copy alone may be the one that caught a fault or a
mistake made an hour before, and the one before it is the way back. At 100,000 entries
(650 MB a backup) on a disk with 60 GB free that keeps about nine.
"""

from __future__ import annotations

import shutil
from dataclasses import dataclass
from pathlib import Path

from reflect.common.errors import WriteFailed

MB = 1_000_000  # decimal, as file managers show sizes
DEFAULT_SHARE = 0.10
MIN_KEPT = 2


class BudgetTooSmall(WriteFailed):
    """The size budget cannot hold even one backup; nothing was written."""


def human_size(size: int) -> str:
    """``650 MB``, ``1.9 GB``: what a person compares with their file manager."""
    if size >= 1000 * MB:
        return f"{size / (1000 * MB):.1f} GB"
    return f"{max(size, 0) / MB:.0f} MB" if size >= MB else f"{max(size, 0) / 1000:.0f} kB"


def folder_size(folder: Path) -> int:
    total = 0
    for path in Path(folder).rglob("*"):
        try:
            if path.is_file():
                total += path.stat().st_size
        except OSError:
            continue
    return total


def free_space(place: Path) -> int | None:
    """Free bytes on the disk that holds ``place`` (or would: its nearest existing parent);
    None when it cannot be known."""
    place = Path(place)
    while not place.exists() and place.parent != place:
        place = place.parent
    try:
        return shutil.disk_usage(place).free
    except OSError:
        return None


def estimated_size(source_db: Path) -> int:
    """What a backup of ``source_db`` takes: the file and what its write-ahead log adds."""
    size = 0
    for name in (str(source_db), f"{source_db}-wal"):
        try:
            size += Path(name).stat().st_size
        except OSError:
            continue
    return size


def ensure_room(source_db: Path, target: Path) -> None:
    """Refuse, before any file is made, a copy that the disk of ``target`` cannot hold: a
    full disk must not be found half-way through 650 MB."""
    need = estimated_size(source_db)
    free = free_space(Path(target).parent)
    if free is not None and free < need:
        raise WriteFailed(f"The backup could not be written to {target} because the disk is "
                          f"full ({human_size(free)} free, the copy needs about "
                          f"{human_size(need)}); nothing was written, so free some space or "
                          "choose another place.")


def budget_bytes(budget_mb: int, used: int, free: int | None, one_backup: int) -> int:
    """The budget in bytes: ``budget_mb`` when set (> 0), else the default (module doc)."""
    if budget_mb > 0:
        return budget_mb * MB
    room = used + (free or 0)
    return max(int(DEFAULT_SHARE * room), MIN_KEPT * one_backup)


def ensure_budget(budget_mb: int, source_db: Path) -> None:
    """Refuse a backup that a budget set by the person cannot hold even once. The database
    file alone is the measure (the copy is at least that): the log beside it mostly holds
    pages already in the file again, and must not make a budget that fits look too small."""
    try:
        need = Path(source_db).stat().st_size
    except OSError:
        return
    if budget_mb > 0 and budget_mb * MB < need:
        raise BudgetTooSmall(f"The backup budget of {human_size(budget_mb * MB)} cannot hold "
                             f"even one backup of this journal (about {human_size(need)}); "
                             "nothing was written. Raise the backup budget in Reflect's "
                             "Preferences (Edit > Preferences), or set it to 0 for automatic.")


@dataclass(frozen=True)
class BackupSpace:
    """The journal's own backups: how many, their total size, the free space on their disk,
    and the budget they are kept within."""

    folder: Path
    count: int
    total: int
    free: int | None
    budget: int
    automatic_budget: bool

    @property
    def over_budget(self) -> bool:
        return self.total > self.budget

    def summary(self) -> str:
        """One line for the window: "3 backups, 1.9 GB in all; 61.8 GB free on that disk; …"."""
        count = f"{self.count} backup{'' if self.count == 1 else 's'}"
        free = f"; {human_size(self.free)} free on that disk" if self.free is not None else ""
        kind = " (automatic)" if self.automatic_budget else ""
        return (f"{count}, {human_size(self.total)} in all{free}; budget "
                f"{human_size(self.budget)}{kind}.")

    def over_budget_advice(self) -> str:
        return (f"The backups in {self.folder} take {human_size(self.total)}, over the budget "
                f"of {human_size(self.budget)}, with only the backups you made yourself and "
                "the newest automatic one left (those are never deleted automatically); "
                "delete old ones you no longer need or raise the budget in Preferences.")
