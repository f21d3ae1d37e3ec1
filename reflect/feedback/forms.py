"""A round's rater forms written to files: one fillable PDF per form sent, named so the
leader can tell them apart, or every copy in one printable PDF.

Every form is built in memory first and each file is written atomically; a file already
there is never replaced, and when a write fails part-way (a full disk, a read-only folder)
the forms already written are removed again, so a folder never holds half a round.
"""

from __future__ import annotations

import contextlib
import re
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from reflect.common.atomic import atomic_write_bytes
from reflect.common.dates import uk_date
from reflect.common.errors import WriteFailed, write_problem
from reflect.content.library import load_attributes
from reflect.content.rater_wording import load_rater_wording
from reflect.feedback.form_pdf import rater_form
from reflect.feedback.rounds import FeedbackError, FormsExist, Round, round_info
from reflect.store import ratings as rating_store

if TYPE_CHECKING:
    from reflect.journal.journal import Journal

#: ``progress(forms_done, forms_total)`` after each form is made.
FormsProgress = Callable[[int, int], None]

_UNSAFE = re.compile(r'[<>:"/\\|?*\x00-\x1f\x7f]')
_RESERVED = {"CON", "PRN", "AUX", "NUL", *(f"COM{i}" for i in range(1, 10)),
             *(f"LPT{i}" for i in range(1, 10))}
_STEM_MAX = 60


def safe_stem(name: str) -> str:
    """``name`` fit for a file name on Windows, macOS and Linux: no reserved characters or
    device names, no trailing dot or space, not too long."""
    stem = " ".join(_UNSAFE.sub(" ", name).split())[:_STEM_MAX].rstrip(" .")
    if not stem:
        return "360 round"
    if stem.split(".")[0].upper() in _RESERVED:
        return f"Round {stem}"
    return stem


def form_file_names(round: Round, count: int | None = None) -> list[str]:
    """The fillable forms' names: "Autumn 360 - form 03 of 12.pdf"."""
    total = round.forms_sent if count is None else count
    width = max(2, len(str(total)))
    stem = safe_stem(round.name)
    return [f"{stem} - form {i:0{width}d} of {total}.pdf" for i in range(1, total + 1)]


def paper_file_name(round: Round) -> str:
    """The printable file's name: "Autumn 360 - 12 forms to print.pdf"."""
    total = round.forms_sent
    return f"{safe_stem(round.name)} - {total} form{'s' if total != 1 else ''} to print.pdf"


def _leader_name(journal: Journal, given: str | None) -> str:
    if given is not None:
        return " ".join(given.split())
    with journal.vault.session() as session:
        return rating_store.get_meta(session, rating_store.LEADER_NAME_KEY) or ""


def _check_open(round: Round) -> None:
    if round.closed_on is not None:
        raise FeedbackError(f"The round “{round.name}” was closed on "
                            f"{uk_date(round.closed_on)}: reopen it to write more forms.")


def _check_folder(folder: Path) -> None:
    if not folder.exists():
        raise FeedbackError(f"The folder {folder} does not exist: create it or choose "
                            "another.")
    if not folder.is_dir():
        raise FeedbackError(f"{folder} is a file, not a folder: choose a folder for the "
                            "forms.")


def _refuse_existing(paths: list[Path]) -> None:
    """Never replace a file: a form sent out may be the only copy of its form id."""
    there = [path for path in paths if path.exists() or path.is_symlink()]
    if there:
        what = (f"{there[0]} and {len(there) - 1} more of these forms already exist"
                if len(there) > 1 else f"{there[0]} already exists")
        raise FormsExist(f"{what}: move them away or choose another folder; no form was "
                         "written.")


def _write_all(files: list[tuple[Path, bytes]]) -> list[Path]:
    """Write every file or none: a failure removes the ones already written."""
    _refuse_existing([path for path, _ in files])
    written: list[Path] = []
    try:
        for path, data in files:
            atomic_write_bytes(path, data)
            written.append(path)
    except OSError as exc:
        for path in written:
            with contextlib.suppress(OSError):
                path.unlink()
        folder = files[0][0].parent
        raise WriteFailed(f"The forms could not be written to {folder} because "
                          f"{write_problem(exc)}; no form was left there: choose another "
                          "folder.") from None
    return written


def write_forms(journal: Journal, round: Round, folder: Path, *,
                leader_name: str | None = None, paper: bool = False,
                progress: FormsProgress | None = None) -> list[Path]:
    """Every form of the round into ``folder``: one fillable PDF per form sent, or with
    ``paper`` one printable PDF of them all. Returns the files written."""
    _check_open(round)
    folder = Path(folder)
    _check_folder(folder)
    name = _leader_name(journal, leader_name)
    info = round_info(round)
    total = round.forms_sent
    if paper:
        path = folder / paper_file_name(round)
        _refuse_existing([path])  # before the slow part
        data = rater_form(info, name, total, fillable=False)
        if progress is not None:
            progress(total, total)
        return _write_all([(path, data)])
    paths = [folder / file for file in form_file_names(round)]
    _refuse_existing(paths)  # before the slow part
    attributes = load_attributes()
    wording = load_rater_wording(attributes=attributes)
    forms: list[tuple[Path, bytes]] = []
    for done, path in enumerate(paths, 1):
        forms.append((path, rater_form(info, name, attributes=attributes, wording=wording)))
        if progress is not None:
            progress(done, total)
    return _write_all(forms)


def write_form(journal: Journal, round: Round, path: Path, *, leader_name: str | None = None,
               paper: bool = False) -> Path:
    """One file at ``path``: a single fillable form (one more rater), or with ``paper`` every
    form of the round in one printable PDF."""
    _check_open(round)
    path = Path(path)
    if path.is_dir():
        raise FeedbackError(f"{path} is a folder: give a file name ending in .pdf, or the "
                            "folder to write every form into.")
    if not path.parent.is_dir():
        raise FeedbackError(f"The folder {path.parent} does not exist: create it or choose "
                            "another.")
    _refuse_existing([path])
    name = _leader_name(journal, leader_name)
    info = round_info(round)
    data = (rater_form(info, name, round.forms_sent, fillable=False) if paper
            else rater_form(info, name))
    return _write_all([(path, data)])[0]
