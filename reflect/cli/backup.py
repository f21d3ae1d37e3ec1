"""``reflect backup [PATH]`` and ``reflect restore PATH``.

Without PATH the copy goes into the journal's own backups/ folder, kept within the size
budget set in the window's Preferences (the same settings file); it then says how many
backups there are, their total size and the free space on their disk."""

from __future__ import annotations

import sys
from pathlib import Path

from reflect.store import backups


def add_parsers(sub) -> None:
    backup = sub.add_parser("backup", help="write an encrypted, verified copy of the journal")
    backup.add_argument("path", type=Path, nargs="?",
                        help="folder for the copy (created if missing); without it, the "
                        "journal's backups/ folder, kept within the backup budget")
    restore = sub.add_parser(
        "restore", help="replace the journal with a backup; the current one is kept aside")
    restore.add_argument("path", type=Path, help="a backup folder (journal.db + journal.keys)")


def cmd_backup(folder: Path, args, unlock) -> int:
    if args.path is None:
        return _backup_into_own(folder, unlock)
    target = Path(args.path)
    if target.is_dir() and any(target.iterdir()):
        target = backups.new_backup_path(target, "manual")
    # An empty folder is replaced by the copy (private permissions) only once it verifies.
    with unlock() as journal:
        made = journal.vault.copy_to(target)
    print(f"Backed up to {made}. It opens with the passphrase in use today.", file=sys.stderr)
    print(made)
    return 0


def _backup_into_own(folder: Path, unlock) -> int:
    """Into backups/, within the budget: a budget too small for one copy is refused (exit 9)
    before anything is written; older automatic copies go to make room."""
    from reflect.common.settings import Settings

    budget_mb = Settings.load().backup_budget_mb
    with unlock() as journal:
        made = journal.vault.backup("manual", budget_mb=budget_mb)
    space = backups.backup_space(folder, budget_mb)
    print(f"Backed up to {made}. It opens with the passphrase in use today.", file=sys.stderr)
    print(f"Backups: {space.summary()}", file=sys.stderr)
    if space.over_budget:
        print(f"reflect: {space.over_budget_advice()}", file=sys.stderr)
    print(made)
    return 0


def cmd_restore(folder: Path, args, unlock) -> int:
    from reflect.cli import passphrases
    from reflect.safety.maintenance import restore  # loads SQLAlchemy: only for this command

    if args.recovery:
        kept = restore(folder, args.path, recovery_key=passphrases.recovery_key())
    else:
        kept = restore(folder, args.path, passphrase=passphrases.current_passphrase())
    print(f"Restored the journal from {args.path}.", file=sys.stderr)
    if kept is not None:
        print(f"The journal as it was is kept in {kept}; restore that to undo.", file=sys.stderr)
    return 0


def restore_hint(folder: Path) -> str:
    """What to type next after a failed check: the restore command for the newest backup."""
    from reflect.safety.maintenance import restore_advice

    newest = restore_advice(folder)
    if newest is None:
        return "There is no backup in the journal folder; restore from a copy you made elsewhere."
    return (f"Restore from the newest backup, made on {newest.made_at:%-d %B %Y at %H:%M}: "
            f"reflect --journal {folder} restore {newest.path}")


COMMANDS = {"backup": cmd_backup, "restore": cmd_restore}
