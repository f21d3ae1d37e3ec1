"""App settings that hold no journal content: the auto-lock delay, locking on sleep, spell
checking, the days a record may wait to be agreed before Home lists it, the folder the last
mentor pack went to, the folder or drive "Back up now"
writes to (empty: the journal's own backups/ folder), and the size budget of the journal's
own backups in MB (0: automatic, a tenth of the room on their disk but at least two
backups; see reflect.store.backup_space).

Stored as JSON in the platform config dir and written atomically. A damaged settings file
falls back to defaults instead of stopping the app, and keys this version does not know
(``last_journal`` from older versions, say) are ignored, then dropped on the next save.
"""

from __future__ import annotations

import contextlib
import json
from dataclasses import asdict, dataclass, fields
from pathlib import Path

from reflect.common.atomic import atomic_write_text
from reflect.common.paths import config_dir

SETTINGS_NAME = "settings.json"
MAX_BUDGET_MB = 100_000_000  # 100 TB: more than any disk, so a typed value is never cut


@dataclass
class Settings:
    auto_lock_minutes: int = 10
    lock_on_sleep: bool = True
    spell_check: bool = True
    mentor_pack_folder: str = ""  # where the last mentor pack was saved ("" : home)
    backup_folder: str = ""
    agree_within_days: int = 7  # Home lists records not agreed this many days after
    backup_budget_mb: int = 0  # 0: automatic (reflect.store.backup_space)

    @classmethod
    def path(cls) -> Path:
        return config_dir() / SETTINGS_NAME

    @classmethod
    def load(cls) -> Settings:
        try:
            data = json.loads(cls.path().read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return cls()
        known = {f.name: f.type for f in fields(cls)}
        values = {k: v for k, v in data.items() if k in known} if isinstance(data, dict) else {}
        settings = cls()
        for key, value in values.items():
            if isinstance(value, type(getattr(settings, key))):
                setattr(settings, key, value)
        settings.auto_lock_minutes = max(0, min(settings.auto_lock_minutes, 24 * 60))
        settings.agree_within_days = max(0, min(settings.agree_within_days, 365))
        settings.backup_budget_mb = max(0, min(settings.backup_budget_mb, MAX_BUDGET_MB))
        return settings

    @classmethod
    def update(cls, **changes: object) -> None:
        """Change a few values in the saved file, keeping the rest as saved: a window's copy
        may be older than what a dialog remembered since. Raises OSError if not written."""
        settings = cls.load()
        for key, value in changes.items():
            if not hasattr(settings, key):
                raise AttributeError(f"no setting {key!r}")
            setattr(settings, key, value)
        settings.save()

    @classmethod
    def remember(cls, **changes: object) -> None:
        """:meth:`update`, where a file that cannot be written only means it is not
        remembered."""
        with contextlib.suppress(OSError):
            cls.update(**changes)

    def save(self) -> None:
        self.path().parent.mkdir(parents=True, exist_ok=True)
        atomic_write_text(self.path(), json.dumps(asdict(self), indent=2) + "\n")
