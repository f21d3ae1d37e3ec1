"""What a support request needs and nothing more: versions, platform and folders. Never
the journal's content, its titles or its code names; nothing is read from the journal."""

from __future__ import annotations

import platform
import sys
from pathlib import Path

from reflect import __version__
from reflect.common import logs, paths
from reflect.store.layout import BACKUP_DIR


def where_things_live(journal_folder: Path) -> list[tuple[str, Path]]:
    """The folders About names, in the order a person looks for them."""
    return [
        ("Journal", Path(journal_folder)),
        ("Backups", Path(journal_folder) / BACKUP_DIR),
        ("Settings", paths.config_dir()),
        ("Log", logs.log_dir()),
    ]


def _cipher_versions() -> tuple[str, str]:
    try:
        from reflect.store.sqlcipher import library_versions

        return library_versions()
    except Exception as exc:  # a broken driver is itself worth reporting
        return f"unavailable ({type(exc).__name__})", "unavailable"


def diagnostic_text(journal_folder: Path) -> str:
    """Plain lines to paste into an email or a ticket."""
    import PySide6
    from PySide6.QtCore import qVersion

    sqlcipher, sqlite = _cipher_versions()
    lines = [
        f"Reflect {__version__}",
        f"Python {platform.python_version()} ({sys.executable})",
        f"Qt {qVersion()}, PySide6 {PySide6.__version__}",
        f"SQLCipher {sqlcipher}, SQLite {sqlite}",
        f"Platform {platform.platform()} ({platform.machine()})",
        f"Frozen {bool(getattr(sys, 'frozen', False))}",
    ]
    lines += [f"{name} folder {folder}" for name, folder in where_things_live(journal_folder)]
    return "\n".join(lines) + "\n"
