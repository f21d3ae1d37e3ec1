"""Integrity checks of a journal, reported in plain words: of an open one, and read-only of
one too damaged to open (naming that damage is what a check is for).

A check of 100,000 entries takes half a minute, so it says which part runs and how far it
is through ``progress(part, percent)`` (see :data:`CheckProgress`): the terminal and the
window show it; an exception raised by it stops the check, which writes nothing, so stopping
anywhere is safe.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from sqlalchemy import text
from sqlalchemy.exc import DBAPIError

from reflect.common.errors import DatabaseDamaged
from reflect.store.damage import left_as_it_was
from reflect.store.layout import db_path
from reflect.store.lockfile import JournalLock
from reflect.store.sqlcipher import raw_connect
from reflect.store.vault import Vault

_CHECKS = (
    ("PRAGMA cipher_integrity_check", "page authentication"),
    ("PRAGMA integrity_check", "database structure"),
)

CheckProgress = Callable[[str, int], None]
"""``progress(part, percent)``: the part running ("Checking the search index…") and how far
the whole check is (0 to 100, never going back); called from the checking thread."""

PAGES = "Checking the database pages…"
STRUCTURE = "Checking the database structure…"
SEARCH_INDEX = "Checking the search index…"
BACKUPS = "Checking the newest backup…"
PARTS = (PAGES, STRUCTURE, SEARCH_INDEX, BACKUPS)
# Where each part starts, in percent of the whole: measured at 100,000 entries (pages 3 s,
# structure 24 s, search index 12 s, the newest backup 5 s, on a busy machine).
_STARTS: dict[str | None, int] = {PAGES: 0, STRUCTURE: 11, SEARCH_INDEX: 64, BACKUPS: 90, None: 100}
_OPS = 1000  # SQLite virtual machine steps between two calls of the progress handler
_OPS_PER_PAGE = 67  # integrity_check's steps per page, measured at 100,000 entries


class _Reporter:
    """Turns parts and their own fraction into one rising percentage, and calls
    ``progress`` only when the part or the percentage changes."""

    def __init__(self, progress: CheckProgress | None) -> None:
        self._progress = progress
        self._last: tuple[str, int] | None = None
        self.stopped: BaseException | None = None  # what the progress hook raised

    def __call__(self, part: str, fraction: float = 0.0) -> None:
        if self._progress is None:
            return
        order = [*PARTS, None]
        start, end = _STARTS[part], _STARTS[order[order.index(part) + 1]]
        percent = int(start + (end - start) * min(max(fraction, 0.0), 1.0))
        if self._last is not None:
            percent = max(percent, self._last[1])
        if (part, percent) != self._last:
            self._last = (part, percent)
            self._progress(part, percent)

    def done(self) -> None:
        if self._progress is not None:
            last = self._last[0] if self._last is not None else BACKUPS
            if self._last != (last, 100):
                self._progress(last, 100)


@contextmanager
def _watched(dbapi_conn, report: _Reporter, part: str, pages: int) -> Iterator[None]:
    """While a long PRAGMA runs, estimate its progress from SQLite's step count; a progress
    hook that raises interrupts the statement, and that exception is raised afterwards."""
    ticks = 0

    def handler() -> int:
        nonlocal ticks
        ticks += 1
        try:
            report(part, ticks * _OPS / max(pages * _OPS_PER_PAGE, 1))
        except BaseException as exc:  # handed back once SQLite has stopped
            report.stopped = exc
            return 1
        return 0

    dbapi_conn.set_progress_handler(handler, _OPS)
    try:
        yield
    finally:
        dbapi_conn.set_progress_handler(None, _OPS)
        if report.stopped is not None:
            raise report.stopped


def _rows(vault: Vault, sql: str, report: _Reporter | None = None,
          part: str | None = None) -> list[str]:
    with vault.live_engine().connect() as conn:
        if report is None or part is None:
            result = conn.execute(text(sql))
            return [str(r[0]) for r in result.all()] if result.returns_rows else []
        raw = conn.connection.driver_connection
        pages = int(conn.execute(text("PRAGMA page_count")).scalar() or 0)
        with _watched(raw, report, part, pages):
            result = conn.execute(text(sql))
            return [str(r[0]) for r in result.all()] if result.returns_rows else []


def _reason(exc: Exception) -> str:
    # SQLCipher reports a page that fails authentication as "out of memory".
    if isinstance(exc, MemoryError):
        return "a page could not be decrypted"
    return str(getattr(exc, "orig", exc))


def run_checks(vault: Vault, progress: CheckProgress | None = None) -> list[str]:
    """Return problems found (empty when the journal is sound). Each check runs on its own,
    so one that cannot finish does not hide the others. ``progress``: see CheckProgress."""
    report = _Reporter(progress)
    problems: list[str] = []
    for (sql, label), part in zip(_CHECKS, (PAGES, STRUCTURE), strict=True):
        report(part)
        try:
            bad = [r for r in _rows(vault, sql, report, part) if r and r != "ok"]
        except (DBAPIError, MemoryError) as exc:
            if report.stopped is not None:
                raise report.stopped from None
            bad = [f"it could not finish ({_reason(exc)})"]
        if bad:
            problems.append(f"The {label} check failed: {'; '.join(bad[:5])}.")
    report(SEARCH_INDEX)
    try:
        if not vault.read_only:  # an INSERT in form, which read-only media refuse
            _rows(vault, "INSERT INTO entry_fts(entry_fts) VALUES ('integrity-check')")
        report(SEARCH_INDEX, 0.8)
        indexed = int(_rows(vault, "SELECT count(*) FROM entry_fts_docsize")[0])
        live = int(_rows(vault, "SELECT count(*) FROM entry WHERE deleted_at IS NULL")[0])
    except (DBAPIError, MemoryError) as exc:
        problems.append(f"The search index check failed ({_reason(exc)}).")
    else:
        if indexed != live:
            problems.append(
                f"The search index holds {indexed} entries but the journal has {live}."
            )
    report(BACKUPS)
    problems.extend(_check_newest_backup(vault))
    report.done()
    return problems


def _check_newest_backup(vault: Vault) -> list[str]:
    """The newest backup of this journal's own must still open and pass its page check: a
    backup found bad only on the day it is needed is no backup. One of another journal (a
    journal replaced by a restore is kept as one) does not open with this key and is left."""
    from reflect.common.errors import KeyFileDamaged
    from reflect.store import backups

    for backup in backups.list_backups(vault.folder):
        try:
            raw_connect(db_path(backup.path), vault.data_key, read_only=True,
                        journal_id=vault.journal_id).close()
        except (DatabaseDamaged, KeyFileDamaged):
            continue  # another journal's, or older than this key: not this check's to judge
        try:
            backups.verify(backup.path, vault.data_key)
        except DatabaseDamaged:
            return [f"The newest backup, {backup.path}, does not pass its page check; make a "
                    "new one (File > Back up now or 'reflect backup')."]
        return []
    return []


def check_unopened(folder: Path, data_key: bytes) -> list[str]:
    """The page and structure checks on a read-only connection, for a journal that would not
    open; every file is left as it was."""
    import sqlcipher3

    lock = JournalLock(folder)
    lock.acquire()
    try:
        with left_as_it_was(folder, always=True):
            conn = raw_connect(db_path(folder), data_key, read_only=True)
            try:
                problems: list[str] = []
                for sql, label in _CHECKS:
                    try:
                        bad = [str(r[0]) for r in conn.execute(sql).fetchall()]
                        bad = [r for r in bad if r and r != "ok"]
                    except (sqlcipher3.DatabaseError, MemoryError) as exc:
                        bad = [f"it could not finish ({_reason(exc)})"]
                    if bad:
                        problems.append(f"The {label} check failed: {'; '.join(bad[:5])}.")
                return problems
            finally:
                conn.close()
    except DatabaseDamaged as exc:
        return [str(exc)]
    finally:
        lock.release()
