"""Read a TOML content file and turn every problem into a message that names file and line."""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class ContentError(Exception):
    """A content file that cannot be used. ``line`` is 1-based, or 0 when unknown."""

    path: Path
    line: int
    message: str

    def __str__(self) -> str:
        where = f"{self.path.name}, line {self.line}" if self.line else self.path.name
        return f"{where}: {self.message}"


_TOML_LINE = re.compile(r"at line (\d+)")


def read_toml(path: Path) -> tuple[dict, str]:
    """Parse ``path``; return the data and the raw text (for finding lines later)."""
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError as exc:
        raise ContentError(path, 0, f"is not UTF-8 text ({exc.reason})") from None
    except OSError as exc:
        raise ContentError(path, 0, f"cannot be read ({exc.strerror})") from None
    try:
        return tomllib.loads(text), text
    except tomllib.TOMLDecodeError as exc:
        match = _TOML_LINE.search(str(exc))
        line = int(match.group(1)) if match else 0
        reason = str(exc).split(" (at line")[0]
        raise ContentError(path, line, f"is not valid TOML: {reason}") from None
    except RecursionError:
        raise ContentError(path, 0, "is not valid TOML: it is nested too deeply") from None


def line_of_value(text: str, key: str, value: str) -> int:
    """Line of ``key = "value"`` in the raw text, so a semantic error can point at it."""
    pattern = re.compile(rf'^\s*{re.escape(key)}\s*=\s*["\']{re.escape(value)}["\']', re.M)
    match = pattern.search(text)
    return text.count("\n", 0, match.start()) + 1 if match else 0
