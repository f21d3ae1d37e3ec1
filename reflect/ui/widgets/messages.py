"""What the window says when a journal will not open: one headline per cause.

A wrong passphrase, a damaged or missing key file, a damaged database and a journal already
open elsewhere need different actions from the user, so each gets its own headline; the
store's own sentence (which names the file) follows as the detail. Plain text only.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass

from reflect.common.errors import (
    DatabaseDamaged,
    JournalExists,
    JournalInUse,
    JournalNotFound,
    KeyFileDamaged,
    ReflectError,
    WalMissing,
    WrongSecret,
)

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Failure:
    headline: str
    detail: str

    @property
    def text(self) -> str:
        return f"{self.headline}\n{self.detail}" if self.detail else self.headline


def open_failure(exc: BaseException, *, recovery: bool = False) -> Failure:
    """Turn an exception from unlocking or creating into words for the user."""
    if isinstance(exc, WrongSecret):
        if recovery:
            return Failure("That recovery key does not open this journal.",
                           f"{exc} Dashes, spaces and lower case do not matter.")
        return Failure("That passphrase is not correct.",
                       "Check Caps Lock and the keyboard layout, then try again. "
                       "Nothing was changed.")
    if isinstance(exc, KeyFileDamaged):
        return Failure("The key file (journal.keys) is damaged or missing.", str(exc))
    if isinstance(exc, DatabaseDamaged):
        return Failure("The journal database (journal.db) is damaged.", str(exc))
    if isinstance(exc, WalMissing):
        return Failure("The journal was not closed properly, and its recent changes are "
                       "missing.",
                       f"The file journal.db-wal is {'damaged' if exc.damaged else 'gone'}, "
                       "so the latest changes may be lost. "
                       "Put the file back, restore a backup (File > Restore from a backup…), "
                       "or open the journal as it is. Nothing was changed.")
    if isinstance(exc, JournalInUse):
        return Failure("This journal is already open elsewhere.", str(exc))
    if isinstance(exc, JournalNotFound | JournalExists):
        return Failure("The journal folder has changed.", str(exc))
    if isinstance(exc, ReflectError):
        return Failure("The journal could not be opened.", str(exc))
    if isinstance(exc, OSError):
        where = f" ({exc.filename})" if exc.filename else ""
        return Failure("The journal folder cannot be used.", f"{exc.strerror or exc}{where}.")
    log.error("unexpected failure while opening a journal", exc_info=exc)
    return Failure("Something unexpected went wrong.",
                   f"{type(exc).__name__}; nothing was changed. Please try again.")
