"""``reflect person delete CODE --confirm CODE``: delete every note about one supervisee for
good, as the window's typed confirmation does (``reflect.privacy.deletion``). Without
``--confirm`` it says what would go and what backups still hold, and changes nothing.
Refusals (a legal hold, other records naming them, a name that does not match) are one
sentence, exit code 1, with nothing changed.
"""

from __future__ import annotations

import sys

from reflect.cli.terminal import visible
from reflect.common.errors import ReflectError


class PersonNotFound(ReflectError):
    """No supervisee has that code name."""


def add_parsers(sub) -> None:
    person = sub.add_parser(
        "person", help="a supervisee's notes: delete them for good",
        description="Data protection for one supervisee's notes.")
    commands = person.add_subparsers(dest="person_command", metavar="COMMAND", required=True)
    delete = commands.add_parser(
        "delete", help="delete every note about a supervisee for good (no undo)",
        description="Delete the supervisee, every record about them, their actions, drafts "
        "and search index rows for good. Backups made before keep copies until they rotate "
        "out. Without --confirm, says what would be deleted and changes nothing.")
    delete.add_argument("code_name", metavar="CODE", help="the supervisee's code name")
    delete.add_argument("--confirm", metavar="CODE", default=None,
                        help="the code name again, to confirm (there is no undo)")


def cmd_person(folder, args, unlock) -> int:
    from reflect.privacy import deletion
    from reflect.supervision.records import Supervision

    with unlock() as journal:
        wanted = " ".join(args.code_name.split()).lower()
        person = next((p for p in Supervision(journal).supervisees()
                       if p.code_name.lower() == wanted), None)
        if person is None or person.id is None:
            raise PersonNotFound(f"There is no supervisee called '{visible(args.code_name)}' "
                                 f"in {folder}; 'reflect' opens the window to see them.")
        plan = deletion.plan(journal, person.id)
        statement = deletion.backups_statement(plan.backups)
        if args.confirm is None:
            print(f"Would delete {plan.summary()} for good; there is no undo.", file=sys.stderr)
            print(statement, file=sys.stderr)
            if plan.blocked:
                raise deletion.DeletionRefused(plan.blocked)
            print(f"Run again with --confirm {visible(plan.code_name)} to delete.",
                  file=sys.stderr)
            return 0
        done = deletion.delete_supervisee(journal, person.id, args.confirm)
    print(f"Deleted {done.records} record{'s' if done.records != 1 else ''}, "
          f"{done.actions} action{'s' if done.actions != 1 else ''} and {done.drafts} "
          f"draft{'s' if done.drafts != 1 else ''} about {visible(done.code_name)} for good.",
          file=sys.stderr)
    print(statement, file=sys.stderr)
    return 0


COMMANDS = {"person": cmd_person}
