"""``reflect check``: the journal's checks, saying on stderr which part runs.

On a terminal one line is rewritten in place ("Checking the database structure… 40%") and
cleared at the end; elsewhere (a pipe, a log, cron) only each part's name is written, once,
on a line of its own, so a log shows what ran without a flood of percentages.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path
from typing import TextIO

EXIT_OK = 0


class TerminalProgress:
    """A ``progress(part, percent)`` for the check that writes to ``stream``."""

    def __init__(self, stream: TextIO | None = None) -> None:
        self.stream = stream if stream is not None else sys.stderr
        isatty = getattr(self.stream, "isatty", None)
        self.live = bool(isatty and isatty())
        self._part: str | None = None
        self._shown = False

    def __call__(self, part: str, percent: int) -> None:
        if self.live:
            self.stream.write(f"\r\x1b[K{part} {percent}%")
            self._shown = True
        elif part != self._part:
            self.stream.write(f"{part}\n")
        self._part = part
        self.stream.flush()

    def finish(self) -> None:
        """Clear the updating line, so what follows starts on a clean one."""
        if self.live and self._shown:
            self.stream.write("\r\x1b[K")
            self.stream.flush()
            self._shown = False


def cmd_check(folder: Path, args, data_key: Callable[[Path, object], bytes]) -> int:
    """What ``reflect check`` does; ``data_key(folder, args)`` asks for the secret."""
    from reflect.common.errors import DatabaseDamaged, DatabaseGone
    from reflect.journal.journal import Journal
    from reflect.safety.maintenance import check, check_closed

    key = data_key(folder, args)
    progress = TerminalProgress()
    try:
        journal = Journal.open_with_key(folder, key, accept_missing_wal=args.accept_missing_wal)
    except DatabaseGone as exc:  # its sentence already names the backup to restore
        print(f"reflect: {exc}", file=sys.stderr)
        return exc.exit_code
    except DatabaseDamaged as exc:
        # The damage that stops it opening is what a check is for: name it page by page.
        problems = check_closed(folder, key) or [str(exc)]
    else:
        with journal:
            try:
                problems = check(journal, progress)
            finally:
                progress.finish()
    if problems:
        for problem in problems:
            print(f"reflect: {problem}", file=sys.stderr)
        from reflect.cli.backup import restore_hint

        print(f"reflect: {restore_hint(folder)}", file=sys.stderr)
        return DatabaseDamaged.exit_code
    print("The key file, the database, the search index and the newest backup are sound.")
    return EXIT_OK
