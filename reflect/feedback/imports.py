"""Returned rater forms taken into the journal: each file read, matched to its round by the
round uid it carries, and stored as one return with its ratings, or skipped with a sentence
saying why.

Each file is its own transaction: a file refused writes nothing, and one bad file never
stops the others. A form id already imported is refused, so a form sent back twice (or
dropped twice) counts once. The window (files dropped on it) and ``reflect feedback
import`` both call :func:`import_forms`. Qt-free, SQL-free.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from reflect.common.dates import uk_date
from reflect.common.errors import WriteFailed
from reflect.content.library import Attribute, load_attributes
from reflect.feedback import form_fields as ff
from reflect.feedback.form_read import FormAnswers, FormRefused, read_form
from reflect.feedback.returns import FORM, save_return
from reflect.store import feedback as store
from reflect.store.entries import utc_now
from reflect.store.models import FeedbackReturn, FeedbackRound, Rating

if TYPE_CHECKING:
    from reflect.journal.journal import Journal

# Why a file was skipped, beyond form_read's reasons (``FileOutcome.refusal``).
ALREADY_IMPORTED = "already_imported"
BLANK = "blank"
CLOSED = "closed"
NOT_SAVED = "not_saved"

#: ``progress(files_done, files_total)`` after each file.
ImportProgress = Callable[[int, int], None]


@dataclass(frozen=True)
class FileOutcome:
    """What happened to one file: imported (into ``round_name``, from ``group``, with
    ``ratings`` ratings) or skipped, ``reason`` saying why in one sentence naming the file;
    ``refusal`` is the reason's code (form_read's or this module's)."""

    path: Path
    imported: bool
    reason: str = ""
    round_name: str = ""
    group: str = ""
    ratings: int = 0
    refusal: str = ""

    def what(self) -> str:
        """Where it went ("Autumn 360, peer, 5 ratings"), or why it was skipped without the
        file's name, for a line or a row that names the file already: the command line and
        the window say the same."""
        if self.imported:
            count = f"{self.ratings} rating{'s' if self.ratings != 1 else ''}"
            return f"{self.round_name}, {self.group}, {count}"
        reason, name = self.reason, self.path.name
        if reason.startswith(f"{name}: "):
            reason = reason[len(name) + 2:]
            return reason[:1].upper() + reason[1:]
        if reason.startswith(f"{name} "):
            return "It " + reason[len(name) + 1:]
        return reason


@dataclass(frozen=True)
class ImportReport:
    outcomes: tuple[FileOutcome, ...]

    @property
    def imported(self) -> tuple[FileOutcome, ...]:
        return tuple(o for o in self.outcomes if o.imported)

    @property
    def skipped(self) -> tuple[FileOutcome, ...]:
        return tuple(o for o in self.outcomes if not o.imported)


def _local_day(moment: datetime) -> date:
    aware = moment if moment.tzinfo is not None else moment.replace(tzinfo=UTC)
    return aware.astimezone().date()


def _ratings(answers: FormAnswers, on: date, order: Iterable[str]) -> list[Rating]:
    """One rating per attribute answered: its score (None: "not observed", or a comment
    given without a score) and the comment as its note."""
    now = datetime.now(UTC)
    answered = set(answers.scores) | set(answers.comments)
    return [Rating(attribute_id=a, kind="other", score=answers.scores.get(a),
                   rated_on=on, rater_group=answers.group_or_others,
                   note=answers.comments.get(a, "")[:ff.COMMENT_MAX], created_at=now)
            for a in order if a in answered]


def _import_one(journal: Journal, path: Path, by_uid: dict[str, FeedbackRound],
                returned_on: date, known: tuple[Attribute, ...]) -> FileOutcome:
    answers = read_form(path, set(by_uid), attributes=known)
    name = answers.file_name
    found = by_uid[answers.round_uid]
    if found.closed_on is not None:
        raise FormRefused(f"{name} is a form of the round “{found.name}”, closed on "
                          f"{uk_date(found.closed_on)}: reopen the round to take it in.",
                          CLOSED)
    if answers.blank:
        raise FormRefused(f"{name} is blank: nothing was answered on it, so there was nothing "
                          "to import.", BLANK)
    with journal.vault.session() as session:
        seen = store.return_by_form_id(session, answers.form_id)
        if seen is not None:
            raise FormRefused(f"{name}: this form was imported on "
                              f"{uk_date(_local_day(seen.created_at), short=True)}, so it was "
                              "not counted again.", ALREADY_IMPORTED)
        ratings = _ratings(answers, returned_on, [a.id for a in known])
        saved, _ = save_return(session, FeedbackReturn(
            round_id=found.id, form_id=answers.form_id, rater_group=answers.group_or_others,
            returned_on=returned_on, source=FORM, created_at=utc_now()), ratings)
    return FileOutcome(path, True, "", found.name, saved.group, saved.ratings)


def import_forms(journal: Journal, paths: Iterable[Path],
                 progress: ImportProgress | None = None,
                 returned_on: date | None = None) -> ImportReport:
    """Take in each returned form, in the order given; one :class:`FileOutcome` per file.
    ``returned_on`` dates the returns and their ratings (default: today; the form carries no
    date of its own)."""
    files = [Path(p) for p in paths]
    with journal.vault.session() as session:
        by_uid = {row.uid: row for row in store.list_rounds(session)}
    known = load_attributes()
    day = returned_on or date.today()
    outcomes: list[FileOutcome] = []
    for done, path in enumerate(files, 1):
        try:
            outcome = _import_one(journal, path, by_uid, day, known)
        except FormRefused as exc:
            outcome = FileOutcome(path, False, str(exc), refusal=exc.reason)
        except WriteFailed as exc:  # a full disk: this file is not in; say so, try the next
            outcome = FileOutcome(path, False, f"{path.name} was not imported: {exc}",
                                  refusal=NOT_SAVED)
        outcomes.append(outcome)
        if progress is not None:
            progress(done, len(files))
    return ImportReport(tuple(outcomes))
