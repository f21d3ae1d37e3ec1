"""One process per journal: an exclusive OS lock on ``journal.lock``.

The OS drops the lock when the process dies, so a crash never leaves a journal stuck. The
lock file is created with the journal and never written to, so taking it changes no bytes.

On read-only media (or a folder this user may not write) the lock file is opened for reading
and locked all the same, or, where it does not exist and cannot be made, not at all: nobody
can change a journal there, so reading it unlocked is safe. ``read_only`` then tells the
vault, and every write fails as WriteFailed.
"""

from __future__ import annotations

import contextlib
import errno
import os
import sys
from pathlib import Path

from reflect.common.errors import JournalInUse

LOCK_NAME = "journal.lock"
_CANNOT_WRITE = (errno.EROFS, errno.EACCES, errno.EPERM)


class JournalLock:
    def __init__(self, folder: Path) -> None:
        self.path = Path(folder) / LOCK_NAME
        self._fd: int | None = None
        self.read_only = False

    def acquire(self) -> None:
        try:
            fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o600)
        except OSError as exc:
            if exc.errno not in _CANNOT_WRITE:
                raise
            self.read_only = True
            try:
                fd = os.open(self.path, os.O_RDONLY)
            except FileNotFoundError:
                return  # read-only media without a lock file: nothing to lock against
        if not self.read_only:
            self.read_only = not os.access(self.path.parent, os.W_OK)
        try:
            _lock(fd)
        except OSError:
            os.close(fd)
            raise JournalInUse(
                "This journal is already open in another Reflect window or command; "
                "close that first."
            ) from None
        self._fd = fd

    def release(self) -> None:
        if self._fd is None:
            return
        with contextlib.suppress(OSError):
            _unlock(self._fd)
        os.close(self._fd)
        self._fd = None


if sys.platform == "win32":  # pragma: no cover - exercised on Windows only
    import msvcrt

    def _lock(fd: int) -> None:
        msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)

    def _unlock(fd: int) -> None:
        msvcrt.locking(fd, msvcrt.LK_UNLCK, 1)

else:
    import fcntl

    def _lock(fd: int) -> None:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)

    def _unlock(fd: int) -> None:
        fcntl.flock(fd, fcntl.LOCK_UN)
