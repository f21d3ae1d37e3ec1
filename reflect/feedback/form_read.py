"""A returned rater form read back: the group, a rating (or "not observed") and a comment per
attribute, and the copy's form id, or a refusal that says in one sentence why the file cannot
be taken in.

Only reads, and reads defensively (:func:`reflect.pdf.acroform.read_form_fields`): the file
may be anything. The answers are not stored here; a round's import (with its refusal of a
form id seen before) is the next layer's job. Qt-free, SQL-free.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from reflect.common.errors import ReflectError
from reflect.content.library import Attribute, load_attributes
from reflect.feedback import form_fields as ff
from reflect.feedback.groups import GROUPS_BY_KEY, OTHERS
from reflect.pdf import acroform
from reflect.pdf.acroform import Field, FormFields, UnreadablePdf, read_form_fields

# Why a form was refused (``FormRefused.reason``), for a per-file report.
NOT_READABLE = "not_readable"  # missing, unreadable, empty, damaged, not a PDF, too large
PROTECTED = "protected"
NO_FIELDS = "no_fields"  # printed, flattened or scanned
FOREIGN = "foreign"
OTHER_ROUND = "other_round"
OUT_OF_RANGE = "out_of_range"

_OFF = {"Off", "off", "OFF", ""}
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")


class FormRefused(ReflectError):
    """A returned form that cannot be taken in; the message names the file and says why."""

    exit_code = 10  # import skipped

    def __init__(self, message: str, reason: str) -> None:
        super().__init__(message)
        self.reason = reason


@dataclass(frozen=True)
class FormAnswers:
    """What one returned form says. ``scores`` holds only the questions answered: a score
    1–5, or None for "not observed"; ``group`` is a rating's ``rater_group`` name, or None
    when no group was ticked."""

    file_name: str
    round_uid: str
    form_id: str
    group: str | None
    scores: dict[str, int | None] = field(default_factory=dict)
    comments: dict[str, str] = field(default_factory=dict)

    @property
    def blank(self) -> bool:
        """Nothing answered: no rating, no "not observed" and no comment."""
        return not self.scores and not self.comments

    @property
    def group_or_others(self) -> str:
        """The group the answers count in: a form with no group ticked counts with others."""
        return self.group or OTHERS


def _damaged(name: str) -> FormRefused:
    return FormRefused(f"{name} is damaged or not a PDF: ask the rater to send the filled-in "
                       "form again.", NOT_READABLE)


def _open(data: bytes, name: str) -> FormFields:
    try:
        return read_form_fields(data, max_bytes=ff.MAX_BYTES, max_pages=ff.MAX_PAGES)
    except UnreadablePdf as exc:
        if exc.kind == acroform.EMPTY:
            raise FormRefused(f"{name} is empty: ask the rater to send the filled-in form "
                              "again.", NOT_READABLE) from None
        if exc.kind == acroform.TOO_LARGE:
            raise FormRefused(f"{name} is far too large to be a returned rater form, so "
                              "nothing was read from it.", NOT_READABLE) from None
        if exc.kind == acroform.ENCRYPTED:
            raise FormRefused(f"{name} is password-protected: ask the rater for a copy saved "
                              "without a password.", PROTECTED) from None
        if exc.kind == acroform.TOO_MANY_PAGES:
            raise FormRefused(f"{name} has far more pages than a rater form, so it is not one "
                              "exported by Reflect.", FOREIGN) from None
        raise _damaged(name) from None


def _text(form: FormFields, name: str, prop: str) -> str:
    found = form.fields.get(name)
    if found is not None and found.value and not found.odd:
        return found.value.strip()
    return form.properties.get(prop, "").strip()


def _choice(found: Field | None) -> str | None:
    """A radio group's value without its slash; None when nothing is chosen."""
    if found is None or found.value is None:
        return None
    value = found.value.strip()
    value = value[1:] if value.startswith("/") else value
    return None if value in _OFF else value


def _shown(value: str) -> str:
    return value if len(value) <= 20 else value[:20] + "…"


def _answers(form: FormFields, name: str, attributes: Sequence[Attribute]
             ) -> tuple[str | None, dict[str, int | None], dict[str, str]]:
    group_field = form.fields.get(ff.GROUP_FIELD)
    group_key = _choice(group_field)
    if (group_field is not None and group_field.odd) or (
            group_key is not None and group_key not in GROUPS_BY_KEY):
        raise FormRefused(f"{name}: the group “{_shown(group_key or '?')}” is not one the "
                          "form offers, so the form was not taken in.", OUT_OF_RANGE)
    group = GROUPS_BY_KEY[group_key].name if group_key else None
    scores: dict[str, int | None] = {}
    comments: dict[str, str] = {}
    for attribute in attributes:
        found = form.fields.get(ff.score_field(attribute.id))
        value = _choice(found)
        if (found is not None and found.odd) or (
                value is not None and value not in ff.SCORES and value != ff.NOT_OBSERVED):
            raise FormRefused(f"{name}: the rating for “{attribute.short_name}” is "
                              f"“{_shown(value or '?')}”, not 1 to 5 or not observed, so the "
                              "form was not taken in.", OUT_OF_RANGE)
        if value is not None:
            scores[attribute.id] = None if value == ff.NOT_OBSERVED else int(value)
        comment_found = form.fields.get(ff.comment_field(attribute.id))
        if comment_found is not None and comment_found.odd:
            raise FormRefused(f"{name}: the comment on “{attribute.short_name}” is not text, so "
                              "the form was not taken in.", OUT_OF_RANGE)
        text = _clean(comment_found.value if comment_found else None)
        if len(text) > ff.COMMENT_MAX:
            raise FormRefused(f"{name}: the comment on “{attribute.short_name}” is "
                              f"{len(text):,} characters, more than the {ff.COMMENT_MAX:,} the "
                              "form allows, so the form was not taken in.", OUT_OF_RANGE)
        if text:
            comments[attribute.id] = text
    return group, scores, comments


def _clean(value: str | None) -> str:
    """A comment as typed: line ends made plain, control characters dropped, ends trimmed."""
    if not value:
        return ""
    text = value.replace("\r\n", "\n").replace("\r", "\n")
    return _CONTROL.sub("", text).strip()


def read_form(source: Path | bytes, round_uid: str | Collection[str], *, round_name: str = "",
              file_name: str | None = None,
              attributes: Sequence[Attribute] | None = None) -> FormAnswers:
    """The answers on a returned form of the round ``round_uid``; raises :class:`FormRefused`.

    ``round_uid`` may also be every round uid a journal holds: the form's own uid (in
    ``FormAnswers.round_uid``) then says which round it belongs to, and a form of a round not
    among them is refused before its answers are read. ``source`` is the file, or its bytes
    (then ``file_name`` names it in messages)."""
    if isinstance(source, Path):
        name = file_name or source.name
        try:
            size = source.stat().st_size
            data = source.read_bytes() if size <= ff.MAX_BYTES else b""
        except OSError as exc:
            raise FormRefused(f"{name} could not be read ({exc.strerror or exc}): check the "
                              "file is still there.", NOT_READABLE) from None
        if size > ff.MAX_BYTES:
            raise FormRefused(f"{name} is far too large to be a returned rater form, so "
                              "nothing was read from it.", NOT_READABLE)
    else:
        name, data = file_name or "The file", bytes(source)
    form = _open(data, name)
    if not form.fields:
        raise FormRefused(f"{name}: this form was printed, flattened or scanned: its answers "
                          "cannot be read; type them in on the Profile page.", NO_FIELDS)
    kind = _text(form, ff.KIND_FIELD, ff.KIND_PROPERTY)
    if kind != ff.FORM_KIND:
        raise FormRefused(f"{name} is not a 360 feedback form exported by Reflect, so nothing "
                          "was read from it.", FOREIGN)
    uid = _text(form, ff.ROUND_FIELD, ff.ROUND_PROPERTY)
    if not isinstance(round_uid, str):
        if uid not in round_uid:
            raise FormRefused(f"{name} is a form from a 360 round that is not in this "
                              "journal: import it into the journal the round was made in.",
                              OTHER_ROUND)
    elif uid != round_uid:
        which = f", not “{round_name}”" if round_name else ""
        raise FormRefused(f"{name} is a form from another 360 round{which}: import it into "
                          "the round it was made for.", OTHER_ROUND)
    form_id = _text(form, ff.FORM_ID_FIELD, ff.FORM_ID_PROPERTY)
    if not ff.FORM_ID.fullmatch(form_id):
        raise FormRefused(f"{name} has no valid form id, so it is not a form exported by "
                          "Reflect.", FOREIGN)
    known = tuple(attributes) if attributes is not None else load_attributes()
    group, scores, comments = _answers(form, name, known)
    return FormAnswers(name, uid, form_id, group, scores, comments)
