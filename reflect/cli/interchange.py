"""``reflect import FILE``, ``reflect export --format md|json --output PATH`` and, for a
subject access request, ``reflect export --person CODE --format pdf|json --output PATH``.

Import reads and checks the whole file before asking for the passphrase, so a missing or
empty file costs no key derivation. Exit codes: 0 all imported, 10 imported with some lines
skipped (each reported as "line N: reason"), 1 nothing imported. ``--dry-run`` says the
same in the conditional and writes nothing: the window's preview runs the same code.
"""

from __future__ import annotations

import argparse
import contextlib
import sys
from collections.abc import Iterator
from pathlib import Path

from reflect.cli.terminal import visible
from reflect.common.errors import ReflectError

EXIT_OK = 0
EXIT_NOTHING_IMPORTED = 1
EXIT_SOME_SKIPPED = 10
_SUFFIX_FORMATS = {".md": "md", ".markdown": "md", ".json": "json", ".jsonl": "json",
                   ".pdf": "pdf"}


def add_parsers(sub) -> None:
    imp = sub.add_parser(
        "import", help="import JSON Lines or a jrnl JSON export; broken lines are reported",
        description="Import entries from JSON Lines ({title, body, created, tags, kind} per "
        "line) or from jrnl's JSON export. Good lines are imported together; each skipped "
        "line is reported as 'line N: reason'. Entries already in the journal are skipped.")
    imp.add_argument("file", type=Path, metavar="FILE")
    imp.add_argument("--dry-run", action="store_true",
                     help="say what would be imported and skipped, and write nothing")
    exp = sub.add_parser(
        "export", help="write entries to Markdown or JSON Lines, or the mentor pack to PDF",
        description="md and json export every entry not in the trash; pdf writes the mentor "
        "pack. Files are NOT encrypted, except a PDF given --password-env.")
    exp.add_argument("--format", choices=("md", "json", "pdf"),
                     help="md: one readable Markdown file; json: JSON Lines that "
                     "'reflect import' reads back; pdf: the mentor pack "
                     "(default: from the file name)")
    exp.add_argument("--output", "-o", type=Path, required=True, metavar="PATH")
    exp.add_argument("--from", dest="date_from", type=_date, metavar="DATE",
                     help="(pdf) first day of the period")
    exp.add_argument("--to", dest="date_to", type=_date, metavar="DATE",
                     help="(pdf) last day of the period")
    exp.add_argument("--include-shared", action="store_true",
                     help="(pdf) add entries marked 'share with mentor' and coaching "
                     "preparations (never sensitive entries or supervision records)")
    exp.add_argument("--password-env", metavar="VAR",
                     help="(pdf) encrypt with AES-256; the password is read from the "
                     "environment variable VAR")
    exp.add_argument("--name", help="(pdf) your name on the cover (default: the stored name)")
    exp.add_argument("--coach", help="(pdf) your coach or mentor, a name or a role, on the "
                     "brief (default: the stored one)")
    exp.add_argument("--session", dest="session_on", type=_date, metavar="DATE",
                     help="(pdf) the coaching session's date on the brief (default: the "
                     "latest coaching preparation's)")
    exp.add_argument("--no-plan", dest="include_plan", action="store_false",
                     help="(pdf) leave the development plan out")
    exp.add_argument("--person", metavar="CODE",
                     help="a subject access export instead: everything held about the "
                     "supervisee with this code name and nothing about anyone else, as pdf "
                     "or json (never over an existing file)")
    exp.add_argument("--include-mentions", action="store_true",
                     help="(--person) add other entries that mention the code name, in a "
                     "section for you to review before sending")


def _date(text: str):
    from datetime import date

    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{text}' is not a date like 2026-03-31") from None


def cmd_import(folder: Path, args, unlock) -> int:
    from reflect.journal import interchange

    path: Path = args.file
    dry_run = bool(getattr(args, "dry_run", False))
    if path.is_dir():
        print(f"reflect: {path} is a folder; give a JSON Lines or jrnl JSON file.",
              file=sys.stderr)
        return EXIT_NOTHING_IMPORTED
    parsed = interchange.read_file(path)
    if parsed.entries:
        # The preview and the import sort lines out by the same code (as the window does).
        apply = interchange.preview_parsed if dry_run else interchange.import_parsed
        with unlock() as journal:
            report = apply(journal, parsed)
    else:
        report = interchange.ImportReport(0, parsed.skipped, parsed.format, parsed.unit)
    for problem in report.problems():
        print(visible(problem), file=sys.stderr)  # a reason may quote the file
    skipped = interchange.counted(len(report.skipped), report.unit)
    was, were, done = (("would be", "would be", "Would import") if dry_run
                       else ("was", "were", "Imported"))
    if report.imported == 0:
        why = f"all {skipped} {were} skipped (listed above)" if report.skipped else "it is empty"
        print(f"reflect: nothing {was} imported from {path}: {why}.", file=sys.stderr)
        return EXIT_NOTHING_IMPORTED
    done = f"{done} {interchange.counted(report.imported, 'entry')} from {path}"
    if report.skipped:
        skip = "would skip" if dry_run else "skipped"
        print(f"{done}; {skip} {skipped} (listed above).", file=sys.stderr)
        return EXIT_SOME_SKIPPED
    print(f"{done}.", file=sys.stderr)
    return EXIT_OK


def cmd_export(folder: Path, args, unlock) -> int:
    from reflect.journal import interchange

    path: Path = args.output
    fmt = args.format or _SUFFIX_FORMATS.get(path.suffix.lower())
    if fmt is None:
        raise _usage(f"say --format md or --format json (the name {path.name} does not tell)")
    if path.is_dir():
        raise _usage(f"{path} is a folder; give a file name for the export")
    if not path.parent.is_dir():
        raise _usage(f"the folder {path.parent} does not exist")
    if getattr(args, "person", None):
        return _subject_access(path, fmt, args, unlock)
    if getattr(args, "include_mentions", False):
        raise _usage("--include-mentions goes with --person")
    if fmt == "pdf":
        from reflect.cli.profile import check_pdf_args, export_pdf_command

        check_pdf_args(args)  # before unlocking: a missing password costs no passphrase
        with unlock() as journal, _naming(path):
            return export_pdf_command(journal, args)
    write = interchange.export_markdown if fmt == "md" else interchange.export_jsonl
    with unlock() as journal, _naming(path):
        count = write(journal, path)
    print(f"Exported {interchange.counted(count, 'entry')} to {path}.", file=sys.stderr)
    print(f"reflect: warning: {interchange.not_encrypted_warning(path)}", file=sys.stderr)
    return EXIT_OK


def _subject_access(path: Path, fmt: str, args, unlock) -> int:
    """``--person``: checked before unlocking (format, password, an existing file), then
    everything about that supervisee; an unknown code name writes nothing (exit 2)."""
    from reflect.cli.profile import check_pdf_args
    from reflect.privacy import subject_access, subject_access_files, subject_access_pdf
    from reflect.supervision.records import Supervision

    if fmt not in ("pdf", "json"):
        raise _usage("a subject access export is --format pdf or --format json")
    if fmt == "json" and args.password_env:
        raise _usage("--password-env encrypts a PDF; a JSON file cannot carry a password")
    password = check_pdf_args(args) if fmt == "pdf" else None
    subject_access_files.refuse_existing(path)
    with unlock() as journal, _naming(path):
        try:
            found = subject_access.collect(Supervision(journal), args.person,
                                           include_mentions=args.include_mentions)
        except subject_access.UnknownPerson as exc:
            known = ", ".join(exc.known) or "none yet"
            raise _usage(f"no supervisee is called '{exc.code_name}'; nothing was written "
                         f"(the code names are: {known})") from None
        if fmt == "pdf":
            subject_access_pdf.write_pdf(found, path, password)
        else:
            subject_access_files.write_json(found, path)
    print(f"Wrote the subject access export for {found.code_name} to {path}: "
          f"{len(found.records)} records, "
          f"{len(found.group_records)} group records naming them.", file=sys.stderr)
    if found.mention_count and not found.mentions_included:
        print(f"reflect: note: {found.mention_count} other entries mention "
              f"'{found.code_name}' and are not in the export; review them (reflect search "
              f"{found.code_name}, or add --include-mentions).", file=sys.stderr)
    if password is None:
        print(f"reflect: warning: {subject_access_files.not_encrypted_warning(path)}",
              file=sys.stderr)
    return EXIT_OK


@contextlib.contextmanager
def _naming(path: Path) -> Iterator[None]:
    """A write that fails names the export, not the journal: exports are written atomically,
    so nothing is left at ``path``."""
    from reflect.journal.interchange import export_failure

    try:
        yield
    except OSError as exc:
        raise export_failure(path, exc) from None


class UsageError(ReflectError):
    exit_code = 2


def _usage(message: str) -> UsageError:
    return UsageError(f"{message[0].upper()}{message[1:]}.")


COMMANDS = {"import": cmd_import, "export": cmd_export}
