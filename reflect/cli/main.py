"""The ``reflect`` command: with no subcommand it opens the window; subcommands script the
journal in the manner of restic or borg. Errors are one sentence on stderr with an exit code
from the README, never a traceback."""

from __future__ import annotations

import argparse
import os
import sys
from datetime import date
from pathlib import Path
from types import ModuleType

from reflect import __version__
from reflect.cli.terminal import one_line, visible

EXIT_OK = 0
EXIT_INTERRUPTED = 130


def _date(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{text}' is not a date like 2026-03-31") from None


def _global_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--journal", type=Path, metavar="DIR",
                        help="journal folder (default: your user data folder)")
    parser.add_argument("--recovery", action="store_true",
                        help="unlock with the recovery key (REFLECT_RECOVERY_KEY or asked)")
    parser.add_argument("--accept-missing-wal", action="store_true",
                        help="open a journal whose recent-changes file was lost in a crash")
    parser.add_argument("--demo", action="store_true",
                        help="open a throwaway journal full of sample content")


def build_parser(command: str | None = None) -> argparse.ArgumentParser:
    """The whole parser; given the command about to run, only that command's module adds its
    subcommands, so ``reflect search`` imports no other command's module (see
    :func:`command_module`)."""
    parser = argparse.ArgumentParser(
        prog="reflect",
        description="An encrypted reflective journal. With no command, opens the window.",
        epilog="Passphrases come from REFLECT_PASSPHRASE (and REFLECT_NEW_PASSPHRASE for "
        "passwd) or are asked on the terminal. Exit codes are listed in the README.",
    )
    _global_options(parser)
    parser.add_argument("--version", action="version", version=f"reflect {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    init = sub.add_parser("init", help="create a journal and print its recovery key once")
    init.add_argument("--demo", dest="init_demo", action="store_true",
                      help="fill it with the demo's sample content: a lasting journal for "
                      "training or trying the mentor pack (passphrase from "
                      "REFLECT_PASSPHRASE)")

    add = sub.add_parser("add", help="add an entry; the Markdown body is read from stdin")
    add.add_argument("--title", default="")
    add.add_argument("--tag", action="append", default=[], metavar="TAG")
    add.add_argument("--date", type=_date, metavar="YYYY-MM-DD", help="when it happened")

    lst = sub.add_parser("list", help="list entries, newest first")
    lst.add_argument("--limit", type=int, default=20, metavar="N")

    search = sub.add_parser("search", help="search titles, bodies and record sections")
    search.add_argument("query", nargs="+")
    search.add_argument("--limit", type=int, default=50, metavar="N")

    sub.add_parser("passwd", help="change the passphrase (REFLECT_NEW_PASSPHRASE or asked)")
    sub.add_parser("check", help="check the key file and the database")
    if command in COMMANDS:
        return parser
    module = command_module(command)
    for each in [module] if module is not None else _command_modules():
        each.add_parsers(sub)
    return parser


def command_module(command: str | None) -> ModuleType | None:
    """The module that adds ``command``, imported alone when that command runs. A command
    module has ``add_parsers(subparsers)`` and a ``COMMANDS`` dict whose functions take
    (folder, args, unlock) and return an exit code; to add one, give it a ``case`` here and a
    place in :func:`_command_modules` (a test checks that both agree). Plain imports, so
    readers, type checkers and PyInstaller see them."""
    match command:
        case "backup" | "restore":
            from reflect.cli import backup

            return backup
        case "import" | "export":
            from reflect.cli import interchange

            return interchange
        case "rate":
            from reflect.cli import profile

            return profile
        case "spell":
            from reflect.cli import spell

            return spell
        case "feedback":
            from reflect.cli import feedback

            return feedback
        case "audit":
            from reflect.cli import audit

            return audit
        case "person":
            from reflect.cli import person

            return person
    return None


def _command_modules() -> list[ModuleType]:
    """Every command module, in the order ``reflect --help`` lists their commands: for help,
    for a mistyped command, and for no command at all."""
    from reflect.cli import audit, backup, feedback, interchange, person, profile, spell

    return [backup, interchange, profile, spell, feedback, audit, person]


class _NotPlain(Exception):
    """The command line is not a plain ``[options] COMMAND ...``: the full parser decides."""


class _CommandFinder(argparse.ArgumentParser):
    def error(self, message: str):
        raise _NotPlain(message)


def command_named(argv: list[str]) -> str | None:
    """The command a command line runs, found with the global options alone and without
    importing any command module; None for help, the version, no command or a mistake, which
    the full parser then reports as it always has."""
    finder = _CommandFinder(prog="reflect", add_help=False)
    _global_options(finder)
    finder.add_argument("-h", "--help", "--version", dest="asks", action="store_true")
    finder.add_argument("command", nargs="?")
    try:
        found, _ = finder.parse_known_args(argv)
    except _NotPlain:
        return None
    return None if found.asks else found.command


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    argv = sys.argv[1:] if argv is None else argv
    return build_parser(command_named(argv)).parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    folder = args.journal
    if folder is None:
        from reflect.common.paths import default_journal_dir

        folder = default_journal_dir()
    if args.command is None:
        from reflect.ui.app import run_app

        return run_app(folder, demo=args.demo, recovery=args.recovery)
    from reflect.common.errors import ReflectError

    try:
        if args.command in COMMANDS:
            code = COMMANDS[args.command](folder, args)
        else:
            module = command_module(args.command)
            if module is None:
                raise AssertionError(args.command)
            code = module.COMMANDS[args.command](folder, args, lambda: _unlock(folder, args))
        sys.stdout.flush()  # here, where a closed pipe is caught, not at exit
        return code
    except BrokenPipeError:
        return _reader_left()
    except ReflectError as exc:
        print(visible(f"reflect: {exc}", keep="\n"), file=sys.stderr)
        return exc.exit_code
    except KeyboardInterrupt:
        print("reflect: interrupted; nothing was changed.", file=sys.stderr)
        return EXIT_INTERRUPTED
    except OSError as exc:
        print(visible(f"reflect: {exc.strerror or exc} ({exc.filename or folder})."),
              file=sys.stderr)
        return 1
    except Exception as exc:  # last resort: a sentence, not a traceback
        _log_unexpected(exc)
        if os.environ.get("REFLECT_DEBUG"):
            raise
        print(f"reflect: unexpected {type(exc).__name__}; set REFLECT_DEBUG=1 for details.",
              file=sys.stderr)
        return 1


def _reader_left() -> int:
    """What reads the output stopped early (``reflect list | head``): end quietly with 0, as
    Unix tools do when the reader has what it wanted. The rest of the output, and the flush
    at exit, go to the null device instead of raising again."""
    devnull = os.open(os.devnull, os.O_WRONLY)
    try:
        os.dup2(devnull, sys.stdout.fileno())
    finally:
        os.close(devnull)
    return EXIT_OK


def _log_unexpected(exc: Exception) -> None:
    """Only the unexpected reaches the support log from the command line: its class and
    where it happened (reflect.common.logs writes no message), so a bug report can say."""
    import logging

    from reflect.common import logs

    if logs.configure():
        logging.getLogger("reflect.cli").error("unexpected failure in a command", exc_info=exc)
        logs.close()


def _data_key(folder: Path, args) -> bytes:
    from reflect.cli import passphrases
    from reflect.store.layout import derive_data_key, read_envelope

    read_envelope(folder)  # a missing journal or key file is reported before asking anything
    if args.recovery:
        return derive_data_key(folder, recovery_key=passphrases.recovery_key())
    return derive_data_key(folder, passphrase=passphrases.current_passphrase())


def _unlock(folder: Path, args):
    from reflect.journal.journal import Journal

    return Journal.open_with_key(folder, _data_key(folder, args),
                                 accept_missing_wal=args.accept_missing_wal)


def _reader(folder: Path, args):
    """Read-only access without loading SQLAlchemy; migrates first through the full vault
    when the journal was made by an older version."""
    from reflect.store.reader import Reader

    key = _data_key(folder, args)
    accept = args.accept_missing_wal
    reader = Reader.open(folder, key, accept_missing_wal=accept)
    if reader is None:
        from reflect.journal.journal import Journal

        Journal.open_with_key(folder, key, accept_missing_wal=accept).close()
        reader = Reader.open(folder, key)
    return reader


def cmd_init(folder: Path, args) -> int:
    from reflect.cli import passphrases
    from reflect.common.errors import JournalExists
    from reflect.journal.journal import Journal
    from reflect.store.vault import journal_exists

    demo = args.init_demo or args.demo  # `reflect --demo init` means the same
    if journal_exists(folder):
        raise JournalExists(f"A journal already exists at {folder}; nothing was changed: "
                            "give --journal an empty folder for the demo journal." if demo
                            else f"A journal already exists at {folder}.")
    if demo and "REFLECT_PASSPHRASE" not in os.environ and not sys.stdin.isatty():
        raise passphrases.SecretUnavailable(
            "The demo journal needs a passphrase: set REFLECT_PASSPHRASE when no terminal is "
            f"available; nothing was created at {folder}.")
    passphrase = passphrases.new_passphrase("REFLECT_PASSPHRASE")
    if demo:
        recovery_key = _create_demo(folder, passphrase)
    else:
        journal, recovery_key = Journal.create(folder, passphrase)
        journal.close()
        print(f"Created a journal at {folder}.", file=sys.stderr)
    print("Your recovery key opens the journal if you forget the passphrase. It is shown only "
          "now: write it down or print it, and keep it somewhere safe.", file=sys.stderr)
    print(recovery_key)
    return EXIT_OK


def _create_demo(folder: Path, passphrase: str) -> str:
    """The demo's sample content in a lasting journal, with the normal key-derivation cost
    (it is a real journal, whatever it holds); returns its recovery key."""
    from reflect.demo.builder import create_demo, demo_counts

    journal, recovery_key = create_demo(folder, passphrase)
    with journal:
        counts = demo_counts(journal)
    print(f"Created a demo journal at {folder} with sample content: "
          f"{_entries(counts.entries)} ({counts.records} of them records from templates), "
          f"{counts.actions} actions and {counts.ratings} ratings. Everything in it is "
          "fictional.", file=sys.stderr)
    return recovery_key


def cmd_add(folder: Path, args) -> int:
    if sys.stdin.isatty():
        print("Type the entry in Markdown; end with Ctrl+D.", file=sys.stderr)
    body = sys.stdin.read()
    if not args.title.strip() and not body.strip():
        print("reflect: the entry is empty; nothing was added.", file=sys.stderr)
        return 1
    from reflect.journal.titles import derive_title  # the editor's rule, so both agree

    title = args.title.strip() or derive_title(body)
    with _unlock(folder, args) as journal:
        journal.add_entry(title, body, tags=args.tag, happened_on=args.date)
    print(f"Added \u201c{one_line(title)}\u201d.", file=sys.stderr)
    return EXIT_OK


def _entries(n: int) -> str:
    return "1 entry" if n == 1 else f"{n} entries"


def cmd_list(folder: Path, args) -> int:
    with _reader(folder, args) as reader:
        entries = reader.list_summaries(limit=max(args.limit, 0))
        total = reader.count()
    for entry in entries:
        tags = "  " + " ".join(f"#{one_line(t)}" for t in entry.tags) if entry.tags else ""
        print(f"{entry.happened_on.isoformat()}  {one_line(entry.title) or '(untitled)'}{tags}")
    print(f"{len(entries)} of {_entries(total)} shown.", file=sys.stderr)
    return EXIT_OK


def cmd_search(folder: Path, args) -> int:
    query = " ".join(args.query)
    with _reader(folder, args) as reader:
        hits, total = reader.search(query, limit=max(args.limit, 1))
    for hit in hits:
        print(f"{hit.happened_on.isoformat()}  {one_line(hit.title) or '(untitled)'}")
    from reflect.store.queries import COUNT_CAP, ranked

    verb = "matches" if total == 1 else "match"
    counted = f"More than {_entries(COUNT_CAP)}" if total > COUNT_CAP else _entries(total)
    if total > len(hits):
        which = "best" if ranked(total) else "most recently written"
        print(f"{counted} {verb}; showing the {which} {len(hits)} (use --limit for "
              "more).", file=sys.stderr)
    else:
        print(f"{_entries(total)} {verb}.", file=sys.stderr)
    return EXIT_OK


def cmd_passwd(folder: Path, args) -> int:
    from reflect.cli import passphrases

    journal = _unlock(folder, args)
    try:
        new = passphrases.new_passphrase("REFLECT_NEW_PASSPHRASE")
        journal.vault.change_passphrase(new)
    finally:
        journal.close()
    print("The passphrase is changed; the old one no longer opens this journal.", file=sys.stderr)
    return EXIT_OK


def cmd_check(folder: Path, args) -> int:
    from reflect.cli.check import cmd_check as check_with_progress

    return check_with_progress(folder, args, _data_key)


COMMANDS = {
    "init": cmd_init,
    "add": cmd_add,
    "list": cmd_list,
    "search": cmd_search,
    "passwd": cmd_passwd,
    "check": cmd_check,
}


def gui_main(argv: list[str] | None = None) -> int:
    """``reflect-app``, the desktop entry point: a gui-script, so Windows starts it with no
    console window behind the app. It takes the window's options (``--journal``, ``--demo``,
    ``--recovery``); a command is refused, as there is no terminal to ask a passphrase on."""
    _give_streams_a_home()
    argv = sys.argv[1:] if argv is None else argv
    args = parse_args(argv)
    if args.command is not None:
        print(f"reflect-app: '{args.command}' is a command for the terminal; run "
              f"'reflect {args.command}' there instead.", file=sys.stderr)
        return 2
    return main(argv)


def _give_streams_a_home() -> None:
    """A gui-script on Windows (pythonw) runs with ``sys.stdout`` and ``sys.stderr`` set to
    None, and the first write to them would end the app; send them to the null device."""
    for name in ("stdout", "stderr"):
        if getattr(sys, name) is None:
            setattr(sys, name, open(os.devnull, "w", encoding="utf-8"))  # noqa: SIM115
