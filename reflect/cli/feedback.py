"""``reflect feedback``: 360 rounds from the command line. A round is opened with the rater
groups invited and the forms sent to each; its forms are written to a folder (or one to a
file, or all on paper); returned forms are imported, each file reported as imported or
skipped with the reason. Exit codes: 0 all imported, 10 some skipped.
"""

from __future__ import annotations

import argparse
import sys
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from reflect.cli.terminal import one_line, visible

if TYPE_CHECKING:
    from reflect.feedback.imports import FileOutcome
    from reflect.feedback.rounds import Round

EXIT_OK = 0
EXIT_SOME_SKIPPED = 10
GROUPS_HELP = "line manager, peer, team member, partner, other"


def _date(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{text}' is not a date like 2026-03-31") from None


def add_parsers(sub) -> None:
    feedback = sub.add_parser(
        "feedback", help="360 feedback rounds: open a round, write its forms, import returns",
        description="Run a 360 feedback round: open it with the rater groups invited, write "
        "the fillable forms raters fill in and send back, and import the returned forms. No "
        "rater is named anywhere.")
    commands = feedback.add_subparsers(dest="feedback_command", metavar="COMMAND",
                                       required=True)

    round_ = commands.add_parser("round", help="open or close a round",
                                 description="Open a round, or close one when its forms are in.")
    round_commands = round_.add_subparsers(dest="round_command", metavar="COMMAND",
                                           required=True)
    new = round_commands.add_parser(
        "new", help="open a round with the forms sent to each rater group",
        description="Open a 360 round: name it and say how many forms go to each rater group "
        f"({GROUPS_HELP}).")
    new.add_argument("name", metavar="NAME", help="the round's name, such as 'Autumn 2026'")
    new.add_argument("--invite", action="append", default=[], metavar="GROUP=N", required=True,
                     help="forms sent to one group, such as 'team member=5' (repeatable)")
    new.add_argument("--date", type=_date, metavar="YYYY-MM-DD",
                     help="when the round opens (default: today)")
    close = round_commands.add_parser(
        "close", help="close a round: no more forms are written or imported for it",
        description="Close a round once its forms are in; 'round reopen' opens it again.")
    close.add_argument("name", metavar="NAME")
    close.add_argument("--date", type=_date, metavar="YYYY-MM-DD",
                       help="when it closed (default: today)")
    reopen = round_commands.add_parser("reopen", help="open a closed round again",
                                       description="Open a closed round again, so a late "
                                       "form can be imported.")
    reopen.add_argument("name", metavar="NAME")

    commands.add_parser("rounds", help="list the rounds with forms sent and returned per group",
                        description="List every round, newest first: when it opened and "
                        "closed, and per rater group the returns counted of the forms sent.")

    form = commands.add_parser(
        "form", help="write a round's rater forms (fillable PDFs, or one PDF to print)",
        description="Write the round's rater forms: to a FOLDER, one fillable PDF per form "
        "sent; to a FILE ending in .pdf, one more fillable form. With --paper, every form in "
        "one PDF to print. Existing files are never replaced.")
    form.add_argument("--round", dest="round_name", required=True, metavar="NAME",
                      help="the round's name")
    form.add_argument("--output", "-o", type=Path, required=True, metavar="FILE_OR_FOLDER")
    form.add_argument("--paper", action="store_true",
                      help="one printable PDF with every form, to fill in by hand")
    form.add_argument("--name", help="your name on the form (default: the stored name)")

    imp = commands.add_parser(
        "import", help="import returned forms; each file is reported as imported or skipped",
        description="Import returned rater forms. Each file is reported on its own line as "
        "imported (round, group, ratings) or skipped with the reason; a form already imported "
        "is not counted again. Exit code 10 when any file was skipped.")
    imp.add_argument("files", nargs="+", type=Path, metavar="FILE")


def _invites(items: list[str]) -> dict[str, int]:
    from reflect.feedback.rounds import FeedbackError

    invited: dict[str, int] = {}
    for item in items:
        group, sep, count = item.rpartition("=")
        if not sep or not group.strip() or not count.strip().isdigit():
            raise FeedbackError(f"'{item}' is not GROUP=N: give the group and the forms sent, "
                                "such as 'peer=4'.")
        if group.strip() in invited:
            raise FeedbackError(f"The {group.strip()} group is invited twice: give it once.")
        invited[group.strip()] = int(count)
    return invited


def _groups_line(found: Round) -> str:
    return ", ".join(f"{group} {found.invited.get(group, 0)}" for group in found.groups)


def cmd_round(folder: Path, args, unlock) -> int:
    from reflect.feedback import rounds

    if args.round_command == "new":
        invited = _invites(args.invite)
        rounds.clean_name(args.name)  # before unlocking: a bad name costs no passphrase
        with unlock() as journal:
            made = rounds.create_round(journal, args.name, invited, opened_on=args.date)
        print(f"Opened the round “{visible(made.name)}” on {made.opened_on.isoformat()}: "
              f"{made.forms_sent} form{'s' if made.forms_sent != 1 else ''} "
              f"({_groups_line(made)}).", file=sys.stderr)
        return EXIT_OK
    with unlock() as journal:
        if args.round_command == "close":
            done = rounds.close_round(journal, args.name, args.date)
            print(f"Closed the round “{visible(done.name)}” on "
                  f"{(done.closed_on or date.today()).isoformat()}.", file=sys.stderr)
        else:
            done = rounds.reopen_round(journal, args.name)
            print(f"The round “{visible(done.name)}” is open again.", file=sys.stderr)
    return EXIT_OK


def _cell(returned: int, sent: int) -> str:
    return f"{returned} of {sent}" if sent else f"{returned}"


def rounds_table(found: list[Round]) -> list[str]:
    """The lines of ``reflect feedback rounds``: one row per round, a column per group."""
    from reflect.feedback.groups import RATER_GROUPS

    present = {g for r in found for g in r.groups}
    groups = [g.name for g in RATER_GROUPS if g.name in present]
    groups += sorted(present - set(groups))
    header = ["round", "opened", "closed", "returned", *groups]
    rows = [[one_line(r.name), r.opened_on.isoformat(),
             r.closed_on.isoformat() if r.closed_on else "-",
             _cell(r.returns, r.forms_sent),
             *(_cell(r.returned.get(g, 0), r.invited.get(g, 0)) for g in groups)]
            for r in found]
    widths = [max(len(row[i]) for row in [header, *rows]) for i in range(len(header))]
    return ["  ".join(cell.ljust(w) for cell, w in zip(row, widths, strict=True)).rstrip()
            for row in [header, *rows]]


def cmd_rounds(folder: Path, args, unlock) -> int:
    from reflect.feedback import rounds

    with unlock() as journal:
        found = rounds.rounds(journal)
    if not found:
        print("There are no rounds yet; open one with 'reflect feedback round new NAME "
              "--invite peer=4'.", file=sys.stderr)
        return EXIT_OK
    for line in rounds_table(found):
        print(visible(line))
    print("Each cell: returns counted of the forms sent.", file=sys.stderr)
    return EXIT_OK


def cmd_form(folder: Path, args, unlock) -> int:
    from reflect.feedback import forms, rounds

    output: Path = args.output
    to_file = output.suffix.lower() == ".pdf" and not output.is_dir()
    with unlock() as journal:
        found = rounds.find_round(journal, args.round_name)
        if to_file:
            written = [forms.write_form(journal, found, output, leader_name=args.name,
                                        paper=args.paper)]
        else:
            written = forms.write_forms(journal, found, output, leader_name=args.name,
                                        paper=args.paper)
    for path in written:
        print(path)
    if args.paper:
        what = f"all {found.forms_sent} forms of “{visible(found.name)}” on paper"
    elif to_file:
        what = f"one fillable form of “{visible(found.name)}”"
    else:
        what = f"{len(written)} fillable forms of “{visible(found.name)}”"
    where = output if to_file else output.resolve()
    print(f"Wrote {what} to {where}; each form has its own id, so a form returned twice "
          "counts once.", file=sys.stderr)
    return EXIT_OK


def outcome_line(outcome: FileOutcome) -> str:
    """One file's line: "imported: FILE — round, group, N ratings" or "skipped: FILE —
    reason" (the reason without the file's name, which the line already gives)."""
    state = "imported" if outcome.imported else "skipped"
    return f"{state}: {visible(str(outcome.path))} — {visible(outcome.what())}"


def cmd_import(folder: Path, args, unlock) -> int:
    from reflect.feedback.imports import import_forms

    with unlock() as journal:
        report = import_forms(journal, args.files)
    for outcome in report.outcomes:
        print(outcome_line(outcome))
    done, skipped = len(report.imported), len(report.skipped)
    files = f"{done} of {len(report.outcomes)} file{'s' if len(report.outcomes) != 1 else ''}"
    if skipped:
        print(f"reflect: imported {files}; {skipped} skipped (the reasons are above).",
              file=sys.stderr)
        return EXIT_SOME_SKIPPED
    print(f"Imported {files}.", file=sys.stderr)
    return EXIT_OK


def cmd_feedback(folder: Path, args, unlock) -> int:
    return {"round": cmd_round, "rounds": cmd_rounds, "form": cmd_form,
            "import": cmd_import}[args.feedback_command](folder, args, unlock)


COMMANDS = {"feedback": cmd_feedback}
