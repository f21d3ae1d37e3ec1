"""``reflect audit``: the supervision self-audit over a period, for a team manager to show
the quality of supervision in a minute (reflect.supervision.audit has the rules).

stdout is the table, one block for the team and one per supervisee; ``--json`` prints the
documented shape (README, "The supervision self-audit") for scripts instead. Without dates
the period is the twelve months up to today.
"""

from __future__ import annotations

import argparse
import json
from datetime import date
from pathlib import Path
from typing import Any

from reflect.cli.terminal import visible


def _date(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{text}' is not a date like 2026-03-31") from None


def add_parsers(sub: Any) -> None:
    audit = sub.add_parser("audit", help="the supervision self-audit over a period, per "
                                         "supervisee and for the team")
    audit.add_argument("--from", dest="date_from", type=_date, metavar="DATE",
                       help="first day of the period (default: a year before --to)")
    audit.add_argument("--to", dest="date_to", type=_date, metavar="DATE",
                       help="last day of the period (default: today)")
    audit.add_argument("--json", action="store_true",
                       help="print the figures as JSON for scripts")


def table_lines(found: Any) -> list[str]:
    """The audit as a readable table: a block per row, a measure per line."""
    from reflect.common.dates import uk_period
    from reflect.supervision.audit import MEASURES, SOURCE

    width = max(len(m.label) for m in MEASURES) + 2
    lines = [f"Supervision self-audit, {uk_period(found.date_from, found.date_to)}", ""]
    if not found.rows:
        lines += ["No supervisee had a session, or one due, in this period.", ""]
    for row in (found.team, *found.rows):
        who = (f"Team ({len(found.rows)} supervisee{'s' if len(found.rows) != 1 else ''})"
               if row.person_id is None else row.code_name)
        lines.append(f"{who}: {row.sessions_line}")
        for m in MEASURES:
            lines.append(f"  {m.label:<{width}}{row.measure(m.key).text}")
        lines.append(f"  {'Disagreements still open':<{width}}{row.disagreements_open}")
        lines.append("")
    lines.append(f"What each measure counts: README, \"The supervision self-audit\". Source: "
                 f"{SOURCE}.")
    return lines


def cmd_audit(folder: Path, args: Any, unlock: Any) -> int:
    from reflect.supervision.audit import audit, check_period, default_period

    start, end = default_period(args.date_to or date.today())
    start = args.date_from or start
    check_period(start, end)  # before unlocking: a wrong period costs no passphrase
    with unlock() as journal:
        found = audit(journal, start, end)
    if args.json:
        print(json.dumps(found.as_json(), ensure_ascii=False, indent=2))
    else:
        print(visible("\n".join(table_lines(found)), keep="\n"))
    return 0


COMMANDS = {"audit": cmd_audit}
