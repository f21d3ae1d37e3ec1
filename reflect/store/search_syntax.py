"""What a person types into the search box, as a safe FTS5 query.

- ``supervis plan``: every word must match as the start of a word, so results come as you
  type ("supervision planning" matches);
- ``"agreed way forward"``: those words next to each other, in that order, whole (while the
  closing quote is not typed yet, the last word may be the start of one);
- ``-agency`` or ``-"way forward"``: leave out entries that hold it;
- ``drift OR delay``: either side may match (``OR`` in capitals; ``or`` is a word).

No FTS syntax character from the user is ever passed through: every word goes in quoted.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field

_WORD = re.compile(r"\w+", re.UNICODE)
# A quoted phrase (the closing quote may be missing), or a run of anything else.
_PART = re.compile(r'(-?)"([^"]*)("?)|(\S+)')
OR = "OR"


#: A word's completions are spelled out (``"plan" OR "planning"``) when there are at most this
#: many: FTS5 then reads each term's entries lazily and stops at the first 50, where
#: ``"plan"*`` first merges every matching term's entries (15 ms for three common words at
#: 100,000 entries, against well under 1 ms).
MAX_COMPLETIONS = 30

#: ``completions(word)``: the indexed terms longer than ``word`` that start with it (at most
#: MAX_COMPLETIONS + 1 of them), for a lower-case ASCII word of four letters or more. The
#: word itself is not looked up: reading its count would read its entries.
Completions = Callable[[str], list[str]]


@dataclass(frozen=True)
class Term:
    """Words to match next to each other; ``prefix``: the last may be the start of one."""

    words: tuple[str, ...]
    prefix: bool

    def fts(self, completions: Completions | None) -> str:
        if (self.prefix and completions is not None and len(self.words) == 1
                and len(word := self.words[0]) >= 4 and word.isascii()):
            longer = completions(word.lower())
            if len(longer) <= MAX_COMPLETIONS:  # the word itself, whether indexed or not
                return found_terms([word.lower(), *longer])
        return f'"{" ".join(self.words)}"' + ("*" if self.prefix else "")


def found_terms(terms: list[str]) -> str:
    quoted = [f'"{t}"' for t in terms]  # index terms are single tokens: no quote inside
    return quoted[0] if len(quoted) == 1 else f"({' OR '.join(quoted)})"


@dataclass
class ParsedQuery:
    """The query in parts: alternatives (each a list of terms that must all match) and the
    terms to leave out."""

    groups: list[list[Term]] = field(default_factory=list)
    excluded: list[Term] = field(default_factory=list)
    words: list[str] = field(default_factory=list)  # the wanted words, for highlighting

    def fts(self, completions: Completions | None = None) -> str | None:
        groups = [[t.fts(completions) for t in g] for g in self.groups if g]
        if not groups:  # FTS5 cannot match "everything except": nothing is searched
            return None
        # Explicit AND: FTS5 allows implicit AND between phrases only, not a parenthesis.
        alternatives = [" AND ".join(g) for g in groups]
        if len(alternatives) == 1:
            expression = alternatives[0]
        else:
            expression = " OR ".join(f"({a})" for a in alternatives)
        for term in self.excluded:
            expression = f"({expression}) NOT {term.fts(completions)}"
        return expression


def parse(user_text: str) -> ParsedQuery:
    parsed = ParsedQuery(groups=[[]])
    for match in _PART.finditer(user_text):
        sign, quoted, closed, bare = match.groups()
        if bare is not None:
            if bare == OR:
                parsed.groups.append([])
                continue
            negative = bare.startswith("-") and len(bare) > 1
            words = _WORD.findall(bare[1:] if negative else bare)
            if not words:
                continue
            if negative:  # "-well-being" leaves out the words together
                parsed.excluded.append(Term(tuple(words), prefix=True))
            else:
                parsed.groups[-1].extend(Term((w,), prefix=True) for w in words)
                parsed.words.extend(words)
            continue
        words = _WORD.findall(quoted)
        if not words:
            continue
        term = Term(tuple(words), prefix=not closed)
        if sign:
            parsed.excluded.append(term)
        else:
            parsed.groups[-1].append(term)
            parsed.words.extend(words)
    return parsed


def fts_query(user_text: str, completions: Completions | None = None) -> str | None:
    """The FTS5 MATCH expression for what was typed, or None when there is nothing to find."""
    return parse(user_text).fts(completions)


def wanted_words(user_text: str) -> list[str]:
    """The words a match holds (not the left-out ones), to find where an entry matched."""
    return parse(user_text).words
