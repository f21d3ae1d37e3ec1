"""Text from a journal or a file, made safe to print to a terminal.

A title can hold ESC, OSC or NUL (an imported file, a script's ``reflect add``): printed raw,
they would drive the terminal (move the cursor, rewrite the window title, hide lines, set a
clipboard). Every control character is shown instead as a visible escape such as ``\\x1b``.
"""

from __future__ import annotations

import unicodedata

# Direction overrides reorder what is printed around them, so they are shown too.
_BIDI = frozenset("\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")


def _escape(char: str) -> str:
    code = ord(char)
    return f"\\x{code:02x}" if code <= 0xFF else f"\\u{code:04x}"


def visible(text: str, *, keep: str = "") -> str:
    """``text`` with every control character (C0, DEL, C1, direction overrides) written as an
    escape; the characters in ``keep`` (such as a newline) stay as they are."""
    return "".join(
        char if char in keep or not (unicodedata.category(char) == "Cc" or char in _BIDI)
        else _escape(char)
        for char in text)


def one_line(text: str) -> str:
    """Runs of whitespace (newlines included) become one space, then controls are shown."""
    return visible(" ".join(text.split()))
