"""A support log that cannot leak: events and error classes, never what the person wrote.

The file is in the platform's log folder (``REFLECT_LOG_DIR`` overrides it, for tests), at
most 1 MB and three old copies. What makes it safe is the formatter, not the discipline of
every caller: a record keeps its message (a fixed string in the code) and only the
arguments that cannot carry text (numbers, booleans, None, and :class:`Known`, the
program's own words such as its version); any other argument becomes its type in angle
brackets. An exception is written as its class and the code locations of its traceback,
never its message, which can hold a title, a code name or SQL parameters.
"""

from __future__ import annotations

import logging
import logging.handlers
import os
import traceback
from pathlib import Path

LOG_NAME = "reflect.log"
MAX_BYTES = 1_000_000
BACKUPS = 3
_LOGGER = "reflect"


class Known(str):
    """Text the program itself decides (its version, the platform's name), marked so the
    formatter lets it through; never wrap anything a person typed or a file held."""

    __slots__ = ()


_SAFE_ARGS = (int, float, bool, type(None), Known)


def log_dir() -> Path:
    override = os.environ.get("REFLECT_LOG_DIR")
    if override:
        return Path(override).expanduser()
    import platformdirs

    from reflect.common.paths import APP_NAME

    return Path(platformdirs.user_log_dir(APP_NAME, appauthor=False))


def log_path() -> Path:
    return log_dir() / LOG_NAME


class SafeFormatter(logging.Formatter):
    """Time, level, module, the fixed message with only safe arguments, the error's class."""

    def __init__(self) -> None:
        super().__init__("%(asctime)s %(levelname)s %(name)s: %(message)s")

    def format(self, record: logging.LogRecord) -> str:
        safe = logging.makeLogRecord(record.__dict__)
        safe.msg = record.msg if isinstance(record.msg, str) else _kind(record.msg)
        safe.args = _safe_args(record.args)
        safe.exc_info, safe.exc_text, safe.stack_info = None, None, None
        try:
            line = super().format(safe)
        except (TypeError, ValueError):  # a template that does not fit its arguments
            line = f"{self.formatTime(safe)} {safe.levelname} {safe.name}: {record.msg}"
        if record.exc_info and record.exc_info[1] is not None:
            line += "\n" + describe_exception(record.exc_info[1])
        return line


def _kind(value: object) -> str:
    return f"<{type(value).__name__}>"


def _safe_args(args: object) -> tuple[object, ...] | dict[str, object]:
    if isinstance(args, dict):
        return {k: v if isinstance(v, _SAFE_ARGS) else _kind(v) for k, v in args.items()}
    if not isinstance(args, tuple):
        args = () if args is None else (args,)
    return tuple(a if isinstance(a, _SAFE_ARGS) else _kind(a) for a in args)


def describe_exception(exc: BaseException) -> str:
    """``  ClassName`` and ``  at file:line in function`` lines, through causes; no message."""
    lines = []
    seen: set[int] = set()
    current: BaseException | None = exc
    while current is not None and id(current) not in seen:
        seen.add(id(current))
        lines.append(f"  {type(current).__module__}.{type(current).__qualname__}")
        for frame in traceback.extract_tb(current.__traceback__):
            lines.append(f"    at {Path(frame.filename).name}:{frame.lineno} in {frame.name}")
        current = current.__cause__ or (None if current.__suppress_context__
                                        else current.__context__)
    return "\n".join(lines)


def configure(level: int = logging.INFO) -> Path | None:
    """Send the ``reflect`` loggers to the rotating file; None (and no log) when the folder
    cannot be made, which is never a reason not to start. Safe to call twice."""
    logger = logging.getLogger(_LOGGER)
    path = log_path()
    for handler in logger.handlers:
        if isinstance(handler, logging.handlers.RotatingFileHandler):
            if Path(handler.baseFilename) == path.resolve():
                return path
            logger.removeHandler(handler)
            handler.close()
    try:
        path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        handler = logging.handlers.RotatingFileHandler(
            path, maxBytes=MAX_BYTES, backupCount=BACKUPS, encoding="utf-8", delay=True)
    except OSError:
        return None
    handler.setFormatter(SafeFormatter())
    logger.addHandler(handler)
    logger.setLevel(level)
    return path


def close() -> None:
    """Flush and detach the file (tests, and the end of the app)."""
    logger = logging.getLogger(_LOGGER)
    for handler in list(logger.handlers):
        if isinstance(handler, logging.handlers.RotatingFileHandler):
            logger.removeHandler(handler)
            handler.close()
