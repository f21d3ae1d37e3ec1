"""``reflect spell``: check words in British English, as the editors do.

Text comes from the arguments or, without any, from stdin; each misspelt word is printed
with where it is and up to five suggestions. No journal is opened, so the personal words
added in the window are not known here. Exit 0 when every word is known and 12 when some
are not, so a script can tell; a missing dictionary is a clear error (exit 1).
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

from reflect.cli.terminal import visible

EXIT_MISSPELT = 12  # as import says 10 for skipped lines: 1 stays "something went wrong"


def add_parsers(sub: Any) -> None:
    spell = sub.add_parser("spell", help="check spelling in British English (text from the "
                                         "arguments or stdin); no journal is opened")
    spell.add_argument("text", nargs="*", help="words to check; none: read stdin")
    spell.add_argument("--no-suggestions", action="store_true",
                       help="only list the misspelt words (quicker)")


def cmd_spell(folder: Path, args: Any, unlock: Any) -> int:
    from reflect.spelling.checker import DictionaryMissing, load_checker

    text = " ".join(args.text) if args.text else sys.stdin.read()
    try:
        checker = load_checker()
    except DictionaryMissing as exc:
        print(visible(f"reflect: {exc}"), file=sys.stderr)
        return 1
    misspelt = 0
    for number, line in enumerate(text.splitlines(), start=1):
        for found in checker.misspellings(line):
            misspelt += 1
            where = f"line {number}, column {found.start + 1}"
            if args.no_suggestions:
                print(visible(f"{found.word} ({where})"))
                continue
            ideas = checker.suggestions(found.word)
            tail = f": try {', '.join(ideas)}" if ideas else ": no suggestions"
            print(visible(f"{found.word} ({where}){tail}"))
    return EXIT_MISSPELT if misspelt else 0


COMMANDS = {"spell": cmd_spell}
