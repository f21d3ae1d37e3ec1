"""Keeping a journal safe: back up, check, restore. Shared by the window and the CLI."""

from __future__ import annotations

from pathlib import Path

from reflect.common.errors import WriteFailed
from reflect.journal.journal import Journal
from reflect.store import backups
from reflect.store.backup_space import BackupSpace
from reflect.store.backups import BackupInfo, BackupProgress
from reflect.store.check import PARTS, CheckProgress, check_unopened, run_checks
from reflect.store.damage import newest_backup, shm_path, wal_path
from reflect.store.layout import derive_data_key

__all__ = ["PARTS", "BackupInfo", "BackupSpace", "CheckProgress", "back_up_now", "back_up_to",
           "back_up_with_progress", "backup_space", "check", "check_closed", "closed_uncleanly",
           "list_backups", "restore", "restore_advice"]


def back_up_now(journal: Journal) -> Path:
    return journal.vault.backup("manual")


def back_up_with_progress(journal: Journal, progress: BackupProgress) -> Path:
    """:func:`back_up_now` with ``progress(pages_done, pages_total)`` called between copy
    steps from the copying thread: the window's lock waits there, and an exception raised
    there stops the copy and removes the half-made folder."""
    return journal.vault.backup("manual", progress=progress)


def back_up_to(journal: Journal, folder: Path | None,
               progress: BackupProgress | None = None, budget_mb: int | None = None) -> Path:
    """Back up now into ``folder``, a folder or drive the person chose (None: the journal's own
    backups/), as a new dated folder inside it, all or nothing (see Vault.backup).

    A chosen folder that is not there is refused by name instead of made: when a drive is
    unplugged, making its path would put the copy on this computer's disk, lost with it."""
    if folder is not None and not Path(folder).is_dir():
        raise WriteFailed(f"The backup folder {folder} is not there (is the drive plugged "
                          "in?); nothing was written. Plug the drive in or choose another "
                          "folder.")
    return journal.vault.backup("manual", directory=folder, progress=progress,
                                budget_mb=budget_mb)


def automatic_backup(journal: Journal, budget_mb: int = 0) -> Path | None:
    """The hourly backup into the journal's backups/, kept within ``budget_mb`` (0: the
    default budget, see reflect.store.backup_space)."""
    return journal.vault.automatic_backup(budget_mb=budget_mb)


def backup_space(folder: Path, budget_mb: int = 0) -> BackupSpace:
    """The journal's own backups: how many, their total size, the free space on their disk
    and the budget, for the window and ``reflect backup`` to show."""
    return backups.backup_space(folder, budget_mb)


def check(journal: Journal, progress: CheckProgress | None = None) -> list[str]:
    """The journal's checks; ``progress(part, percent)`` says which part runs (see
    reflect.store.check)."""
    return run_checks(journal.vault, progress)


def check_closed(folder: Path, data_key: bytes) -> list[str]:
    """Problems of a journal that would not open, found read-only without opening it."""
    return check_unopened(folder, data_key)


def closed_uncleanly(folder: Path) -> bool:
    """True when the journal was last left without a clean close (a crash, a kill, power
    lost): SQLite then leaves ``journal.db-wal`` or ``-shm`` behind, which a clean close
    removes. Ask before opening. It holds no content, so nothing is written to know it."""
    return wal_path(folder).exists() or shm_path(folder).exists()


def list_backups(folder: Path) -> list[BackupInfo]:
    return backups.list_backups(folder)


def restore(folder: Path, backup: Path, *, passphrase: str | None = None,
            recovery_key: str | None = None) -> Path | None:
    """Unlock the backup with its own secret, verify it, then swap it in (journal closed).
    Returns where the replaced journal was kept."""
    key = derive_data_key(backup, passphrase=passphrase, recovery_key=recovery_key)
    return backups.restore(folder, backup, key)


def restore_advice(folder: Path) -> BackupInfo | None:
    """The backup to offer when a check finds damage: the newest one in the journal folder
    that has both its files, or None (the same rule as the store's own damage messages). The
    caller words it: the CLI as a command, the window as a button."""
    return newest_backup(folder)
