"""The title an untitled entry gets, in one place, so ``reflect add`` and the editor agree.

The rule: the first line of the body that has words once its Markdown is read (so ``# ``,
``**``, ``- `` and link targets do not show), cut at a word boundary to about
:data:`TITLE_LENGTH` characters with an ellipsis. An empty body falls back to ``fallback``
(the prompt being answered, say) by the same rule, then to "Untitled".
"""

from __future__ import annotations

import re

from reflect.common.markdown_render import plain_text

TITLE_LENGTH = 60
UNTITLED = "Untitled"
ELLIPSIS = "…"
#: Lines that are only markup: code fences, rules, heading underlines.
_MARKUP_ONLY = re.compile(r"^\s*(`{3,}|~{3,})\S*\s*$|^\s*([-=*_]\s*){3,}$")


def derive_title(body: str, fallback: str = "") -> str:
    """A title for an entry written without one."""
    for text in (body, fallback):
        line = first_line(text)
        if line:
            return shorten(line)
    return UNTITLED


def first_line(text: str) -> str:
    """The first line with words in it, as plain text (Markdown markers removed)."""
    for line in (text or "").splitlines():
        words = plain_text(line) if line.strip() and not _MARKUP_ONLY.match(line) else ""
        if words:
            return words
    return ""


def shorten(text: str, limit: int = TITLE_LENGTH) -> str:
    """``text`` cut to at most ``limit`` characters plus an ellipsis, at a word boundary when
    there is one in the second half (a single very long word is cut where it must be)."""
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    cut = text[:limit + 1].rfind(" ")
    head = text[:cut] if cut > limit // 2 else text[:limit]
    return head.rstrip(" ,;:.-–—") + ELLIPSIS
