"""``reflect rate`` and the PDF half of ``reflect export``.

``export`` is one subcommand shared with the Markdown/JSON export, so this module registers
only ``rate`` and offers :func:`export_pdf_command` for the shared export command to call
with ``--format pdf``.
"""

from __future__ import annotations

import argparse
import os
import sys
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from reflect.cli.terminal import visible

if TYPE_CHECKING:
    from reflect.profile.ratings import AttributeProfile

# The parser is built for every command, so heavy modules (SQLAlchemy, reportlab) are
# imported inside the commands, never here: `reflect search` must stay quick.
NOT_OBSERVED = ("n/a", "na", "not-observed", "-")


def _error(message: str) -> Exception:
    from reflect.profile.ratings import ProfileError

    return ProfileError(message)


def _date(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{text}' is not a date like 2026-03-31") from None


def _attribute_help() -> str:
    from reflect.content.library import ContentError, load_attributes

    try:
        found = load_attributes()
    except ContentError:  # the parser must still build; `rate` reports the problem itself
        return ""
    return "attributes: " + ", ".join(f"{a.id} ({a.short_name})" for a in found)


def add_parsers(sub) -> None:
    rate = sub.add_parser(
        "rate", help="rate the five leadership attributes from 1 to 5",
        description="Store a dated round of ratings: your own (self), where you want to be "
        "(target) or others' from 360 feedback (other, with --rater). For others, "
        f"{NOT_OBSERVED[0]} records 'not observed'.",
        epilog=_attribute_help(),
    )
    rate.add_argument("--as", dest="rating_kind", choices=("self", "target", "other"),
                      default="self", help="whose rating this is (default: self)")
    rate.add_argument("--rater", metavar="GROUP",
                      help="for --as other: line manager, peer, team member, ...")
    rate.add_argument("--date", type=_date, metavar="YYYY-MM-DD",
                      help="when the rating was given (default: today)")
    rate.add_argument("--by", type=_date, metavar="YYYY-MM-DD", dest="target_by",
                      help="for --as target: when you want to get there")
    rate.add_argument("--note", action="append", default=[], metavar="ATTRIBUTE=TEXT",
                      help="a note on one attribute's rating (repeatable)")
    rate.add_argument("ratings", nargs="+", metavar="ATTRIBUTE=SCORE")


def _pairs(items: list[str], what: str) -> dict[str, str]:
    pairs: dict[str, str] = {}
    for item in items:
        key, sep, value = item.partition("=")
        if not sep or not key.strip():
            raise _error(f"'{item}' is not {what}.")
        pairs[key.strip()] = value.strip()
    return pairs


def parse_scores(items: list[str]) -> dict[str, int | None]:
    """``values_driven=4`` → {"values_driven": 4}; ``n/a`` means not observed (None)."""
    scores: dict[str, int | None] = {}
    for key, value in _pairs(items, "ATTRIBUTE=SCORE, such as values_driven=4").items():
        if value.lower() in NOT_OBSERVED:
            scores[key] = None
        elif value.isdigit():
            scores[key] = int(value)
        else:
            raise _error(f"The score for {key} must be a whole number from 1 to 5 (or n/a).")
    return scores


def cmd_rate(folder: Path, args, unlock) -> int:
    from reflect.profile import ratings as profile

    scores = parse_scores(args.ratings)
    notes = _pairs(args.note, "ATTRIBUTE=TEXT")
    kind = args.rating_kind
    if args.rater and kind != "other":
        raise _error("--rater goes with --as other.")
    if args.target_by and kind != "target":
        raise _error("--by goes with --as target.")
    known = [a.id for a in profile.attributes()]
    profile.validate(scores, kind, args.rater, known)
    unknown = [k for k in notes if k not in scores]
    if unknown:
        raise _error(f"A note for {unknown[0]} needs a rating for it too.")
    rated_on = args.date or date.today()
    with unlock() as journal:
        profile.rate(journal, scores, kind=kind, rater_group=args.rater, rated_on=rated_on,
                     target_by=args.target_by, notes=notes)
        now = profile.load_profile(journal, as_of=max(rated_on, date.today()))
    for item in now.attributes:
        if item.attribute.id in scores:
            print(_summary_line(item))
    whose = {"self": "your own", "target": "target", "other": f"by {args.rater}"}[kind]
    count = len(scores)
    print(f"Saved {count} rating{'s' if count != 1 else ''} ({whose}) dated "
          f"{rated_on.isoformat()}.", file=sys.stderr)
    return 0


def _summary_line(item: AttributeProfile) -> str:
    from reflect.profile.ratings import FINDING_LABELS, format_change, format_score

    parts = [f"{item.attribute.id:<24}",
             f"self {format_score(item.current.score if item.current else None)}"]
    if item.change is not None and item.previous is not None:
        parts.append(f"({format_change(item.change)} since {item.previous.rated_on})")
    if item.target:
        parts.append(f"target {format_score(item.target.score)}")
    if item.others.count:
        parts.append(f"others {format_score(item.others.average)} (n={item.others.count})")
    if item.finding:
        parts.append(FINDING_LABELS[item.finding].lower())
    return "  ".join(parts)


def check_pdf_args(args) -> str | None:
    """Check the PDF options before unlocking; returns the password (None: no password)."""
    from reflect.pdf.secure import ExportError

    if args.date_from and args.date_to and args.date_from > args.date_to:
        raise ExportError("--from is after --to; the period would be empty.")
    name = getattr(args, "password_env", None)
    if not name:
        return None
    password = os.environ.get(name, "")
    if not password:
        raise ExportError(f"The environment variable {name} is not set or empty; it must "
                          "hold the PDF password.")
    return password


def export_pdf_command(journal, args) -> int:
    """``reflect export --format pdf``: the mentor pack for the period. Without
    ``--include-shared`` it holds the profile, notes and open actions only; with it, also the
    entries marked "share with mentor" and coaching preparations (never sensitive entries or
    supervision records: those need the app, ticked one by one)."""
    from reflect.coaching.coach import coach_name
    from reflect.profile import mentor_pack, mentor_recent
    from reflect.profile import ratings as profile

    password = check_pdf_args(args)
    found = mentor_pack.candidates(journal, args.date_from, args.date_to)
    name = getattr(args, "name", None)
    coach = getattr(args, "coach", None)
    session_on = getattr(args, "session_on", None)
    options = mentor_pack.PackOptions(
        date_from=args.date_from, date_to=args.date_to,
        leader_name=name if name is not None else profile.leader_name(journal),
        coach=coach if coach is not None else coach_name(journal),
        role=mentor_recent.leader_role(journal),
        session_on=session_on or mentor_recent.latest_session_on(journal, args.date_to),
        include_plan=getattr(args, "include_plan", True),
        entry_ids=mentor_pack.selection_for(found, include_shared=args.include_shared))
    result = mentor_pack.export(journal, options, Path(args.output), password=password)
    for line in result.plan.lines():
        print(f"  {visible(line)}", file=sys.stderr)  # names and titles from the journal
    for warning in result.warnings:
        print(f"reflect: warning: {visible(warning)}", file=sys.stderr)
    lock = ", encrypted with AES-256" if result.encrypted else ""
    print(f"Wrote the mentor pack to {result.path} ({result.pages} pages{lock}).",
          file=sys.stderr)
    if not result.encrypted:  # as the Markdown and JSON exports say
        print(f"reflect: warning: {result.path} is not encrypted; anyone who can read the file "
              "can read the mentor pack (--password-env sets a password).", file=sys.stderr)
    return 0


COMMANDS = {"rate": cmd_rate}
