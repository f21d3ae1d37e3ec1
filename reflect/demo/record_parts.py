"""The demo's record-level parts beyond the template's answers: the cases discussed (case
blocks), the session (held, moved, cancelled), agreeing the record (shared, agreed, a
returned PDF read back), the differences of opinion a record resolves, sessions logged on
their own, and each supervisee's supervision agreement.

Read from ``resources/demo/*.toml`` (the format is at the top of ``people.toml``) and checked
like the rest: a mistake is a ContentError with the file and the line. Days are counted from
the record's date (``*_days``) or back from today (``*_days_ago``), so the same ``today``
always builds the same journal. The builder replays them through the domain functions the
app uses (:mod:`reflect.supervision.sessions`, ``agreement``, ``supervisee_copy``,
``disagreements``, ``contracts``), never as raw stored values.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from reflect.content.template_groups import GROUP
from reflect.content.templates import SCALE_MAX, SCALE_MIN, Section, Template
from reflect.demo.toml_data import MAX_DAYS_AGO, TomlFile, TomlTable
from reflect.supervision.sessions import STATUSES

SESSION_KEYS = ("status", "planned", "minutes", "reason", "moved_days")
LOGGED_KEYS = ("supervisee", "days_ago", "status", "reason", "moved_days")
AGREEMENT_KEYS = ("shared_days", "agreed_days", "comment", "comment_days", "returned_days",
                  "returned_comments", "returned_agreed")
RESOLVES_KEYS = ("key", "how", "by")
CONTRACT_KEYS = ("contract_days_ago", "contract_review_days", "contract_note")
ACTION_KEYS = ("description", "owner", "due_days", "key", "carry", "fate", "outcome", "reason",
               "closed_days_ago")


@dataclass(frozen=True)
class DemoCase:
    """One case discussed: the block's answers by field id, and its own actions."""

    values: Mapping[str, Any]
    actions: tuple[Any, ...]  # DemoAction


@dataclass(frozen=True)
class DemoSession:
    """``moved_days``: days after the record's (or logged session's) date it moved to."""

    status: str
    planned: bool
    minutes: int | None
    reason: str
    moved_days: int | None


@dataclass(frozen=True)
class DemoLogged:
    """A cancelled or moved session logged on its own, without a record."""

    supervisee: str
    days_ago: int
    session: DemoSession


@dataclass(frozen=True)
class DemoAgreement:
    """Shared and agreed in the form (days after the session), a comment typed there, and a
    returned PDF read back on ``returned_days`` with its comments and its ticked box."""

    shared_days: int | None
    agreed_days: int | None
    comment: str
    comment_days: int | None
    returned_days: int | None
    returned_comments: str
    returned_agreed: bool


@dataclass(frozen=True)
class DemoResolution:
    """This record closes the difference of opinion of the earlier record ``key``."""

    key: str
    how: str
    by: str


@dataclass(frozen=True)
class DemoContract:
    agreed_days_ago: int
    review_days: int | None  # days after it was agreed
    note: str


def _latest(t: TomlTable, key: str, days_ago: int) -> int | None:
    """Days after the record, never after today."""
    value = t.days(key, None)
    if value is not None and value > days_ago:
        t.fail(key, f"'{key}' falls after today (the record is {days_ago} days ago)")
    return value


def session(t: TomlTable, days_ago: int, logged: bool = False) -> DemoSession:
    status = t.get("status", str, "held")
    if status not in STATUSES:
        t.fail("status", f"status must be one of {', '.join(STATUSES)}")
    if logged and status == "held":
        t.fail("status", "a session logged on its own is cancelled or moved: write a record "
               "for one that was held")
    reason = t.get("reason", str, "")
    if status != "held" and not reason:
        t.fail("status", f"a {status} session needs a reason")
    moved = t.days("moved_days", None)
    if (moved is not None) != (status == "moved"):
        t.fail("moved_days", "a moved session, and only it, has moved_days")
    if moved is not None and moved <= 0:
        t.fail("moved_days", "a session is moved to a later date")
    if moved is not None and moved > days_ago:
        t.fail("moved_days", "the new date falls after today")
    minutes = t.days("minutes", None, low=1, high=480)
    return DemoSession(status, t.get("planned", bool, True), minutes, reason, moved)


def logged_session(t: TomlTable, codes: set[str]) -> DemoLogged:
    who = t.get("supervisee", str)
    if who not in codes:
        t.fail("supervisee", f"unknown supervisee '{who}'")
    days_ago = t.days("days_ago")
    return DemoLogged(who, days_ago, session(t, days_ago, logged=True))


def agreement(t: TomlTable, days_ago: int) -> DemoAgreement:
    shared, agreed = _latest(t, "shared_days", days_ago), _latest(t, "agreed_days", days_ago)
    returned = _latest(t, "returned_days", days_ago)
    if shared is not None and agreed is not None and agreed < shared:
        t.fail("agreed_days", "a record is agreed after it was shared")
    if agreed is not None and returned is not None:
        t.fail("returned_days", "agreed in the form or by the returned PDF, not both")
    comment = t.get("comment", str, "")
    if "comment_days" in t.table and not comment:
        t.fail("comment_days", "comment_days goes with a comment")
    returned_comments = t.get("returned_comments", str, "")
    returned_agreed = t.get("returned_agreed", bool, False)
    if returned is None and (returned_comments or returned_agreed):
        t.fail("returned_days", "a returned PDF needs returned_days")
    if returned is not None and not (returned_comments or returned_agreed):
        t.fail("returned_days", "a returned PDF has comments or a ticked agreement")
    return DemoAgreement(shared, agreed, comment, _latest(t, "comment_days", days_ago),
                         returned, returned_comments, returned_agreed)


def resolution(t: TomlTable) -> DemoResolution:
    return DemoResolution(t.get("key", str), t.get("how", str), t.get("by", str))


def contract(t: TomlTable) -> DemoContract | None:
    if "contract_days_ago" not in t.table:
        for key in CONTRACT_KEYS:
            if key in t.table:
                t.fail(key, f"'{key}' needs contract_days_ago")
        return None
    agreed = t.days("contract_days_ago")
    review = t.days("contract_review_days", None, low=1)
    return DemoContract(agreed, review, t.get("contract_note", str, ""))


def group_sections(template: Template) -> list[Section]:
    return [s for s in template.sections if s.type == GROUP]


def cases(file: TomlFile, t: TomlTable, group: Section,
          parse_action: Callable[[TomlTable], Any]) -> tuple[DemoCase, ...]:
    """The blocks of ``group`` in a record's sections, typed as the form stores them."""
    name = "records.sections." + group.id
    raw_blocks = t.get(group.id, list)
    out = []
    for index, raw in enumerate(raw_blocks):
        span = file.span(name, index, t.span)
        what = f"{t.what}, {group.id} {index + 1}"
        block = TomlTable(file, raw, span, what, [f.id for f in group.fields])
        values: dict[str, Any] = {}
        actions: tuple[Any, ...] = ()
        for field in group.fields:
            if field.id not in block.table:
                continue
            if field.type == "actions":
                actions = tuple(
                    parse_action(TomlTable(file, item, file.span(f"{name}.{field.id}", i, span),
                                           f"{what}, action {i + 1}", ACTION_KEYS))
                    for i, item in enumerate(block.get(field.id, list)))
            elif field.type == "yesno":
                values[field.id] = block.get(field.id, bool)
            elif field.type == "scale":
                values[field.id] = block.days(field.id, low=SCALE_MIN, high=SCALE_MAX)
            elif field.type == "date":
                values[field.id] = block.days(field.id, high=MAX_DAYS_AGO)
            else:
                values[field.id] = block.get(field.id, str).strip()
                if field.type == "choice" and values[field.id] not in field.choices:
                    block.fail(field.id, f"'{values[field.id]}' is not one of "
                               f"{', '.join(field.choices)}")
        out.append(DemoCase(values, actions))
    return tuple(out)
