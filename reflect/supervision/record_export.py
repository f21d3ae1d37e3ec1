"""One supervision record as a tidy document for the supervisee to read and agree.

:func:`record_outline` turns a record into plain, already formatted items (heading, kind,
value); :func:`record_markdown` renders them as Markdown, and the PDF export renders the same
outline, so the two never disagree about what a record says.

Sensitive sections (``sensitive = true`` in the template, such as wellbeing) are included by
default: this copy goes to the supervisee, who was part of that conversation. Pass
``include_sensitive=False`` for any copy that goes further (a mentor, a file); those sections
are then left out entirely, heading and all.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any, NamedTuple

from reflect.common.dates import uk_date
from reflect.content.templates import SCALE_MAX, Section, Template
from reflect.store.disagreements import OPEN_OUTCOMES, OUTCOME_SECTION, RESOLUTION_KEY
from reflect.store.models import Action, Entry, Person
from reflect.supervision import case_notes
from reflect.supervision.agreement import VIA_PDF, agreement_of
from reflect.supervision.session_info import SessionInfo, session_line, session_of

STATUS_LABELS = {"open": "Open", "done": "Done", "dropped": "Dropped",
                 "carried": "Carried forward"}
NOT_RECORDED = "Not recorded."
#: After a sensitive section's heading on paper (the PDF and the printed record).
SENSITIVE_MARK = "sensitive"
#: Above the signature lines, in the PDF and the printed record alike.
AGREEMENT = ("We have read this record. The supervisee's comments above say where they see "
             "anything differently.")
CONFIDENTIAL = ("Confidential supervision record. Children are referred to by initials or case "
                "numbers only.")
REVIEWED_HEADING = "Previous actions reviewed"
RESOLVED_HEADING = "How the difference of opinion was resolved"


class ReviewedLine(NamedTuple):
    """An earlier action reviewed in the record: what it was, "Done" / "Carried forward" /
    "Dropped", and what changed in practice, why it was dropped or where it went."""

    description: str
    decision: str
    note: str
COMMENTS_HEADING = "The supervisee's comments on this record"


@dataclass(frozen=True)
class Record:
    """A saved record with its template (None if that template is gone), its supervisee,
    the actions agreed in it and the earlier ones it reviewed: everything a rendering of it
    needs."""

    entry: Entry
    template: Template | None
    person: Person | None
    actions: list[Action]
    reviewed: tuple[ReviewedLine, ...] = ()


class ActionLine(NamedTuple):
    """One action, every field already text. ``outcome`` is what changed in practice (done),
    the reason (dropped) or when it was carried forward."""

    description: str
    owner: str
    due: str
    status: str
    outcome: str


class OutlineItem(NamedTuple):
    """``kind`` is "meta" (date, supervisee, record type: shown under the title) or a
    template field type: text (Markdown), actions, yesno, scale, choice, date, supervisee.
    ``value`` is text, or a tuple of :class:`ActionLine` for actions; "" when not filled.
    Kind "reviewed" (the earlier actions followed up) holds :class:`ReviewedLine` values."""

    heading: str
    kind: str
    value: str | tuple[ActionLine, ...] | tuple[ReviewedLine, ...]

    @property
    def text(self) -> str:
        """The value of a text-like field ("" for actions)."""
        return self.value if isinstance(self.value, str) else ""

    @property
    def actions(self) -> tuple[ActionLine, ...]:
        """The lines of an actions field (empty for any other kind)."""
        if self.kind != "actions" or not isinstance(self.value, tuple):
            return ()
        return tuple(v for v in self.value if isinstance(v, ActionLine))

    @property
    def reviewed(self) -> tuple[ReviewedLine, ...]:
        """The lines of "Previous actions reviewed" (empty for any other kind)."""
        if self.kind != "reviewed" or not isinstance(self.value, tuple):
            return ()
        return tuple(v for v in self.value if isinstance(v, ReviewedLine))


def action_line(action: Action) -> ActionLine:
    if action.status == "done":
        note = action.outcome
    elif action.status == "dropped":
        note = f"Dropped: {action.reason}" if action.reason else ""
    elif action.status == "carried":
        note = f"Carried forward on {uk_date(action.closed_on)}" if action.closed_on else ""
    else:
        note = ""
    return ActionLine(action.description, action.owner, uk_date(action.due_on),
                      STATUS_LABELS.get(action.status, action.status.capitalize()), note)


def _is_snapshot(value: Any) -> bool:
    return isinstance(value, list) and bool(value) and all(
        isinstance(v, Mapping) and "action_id" in v for v in value)


def _format(kind: str, value: Any) -> str:
    if value is None or value == "":
        return ""
    if kind == "yesno":
        return "Yes" if value is True or str(value).lower() in ("yes", "true", "1") else "No"
    if kind == "scale":
        return f"{value} / {SCALE_MAX}"
    if kind == "date":
        return uk_date(value if isinstance(value, date | str) else str(value))
    if isinstance(value, list | tuple):
        return "\n".join(f"- {v}" for v in value if str(v).strip())
    return str(value).strip()


def missing_required(entry: Entry, template: Template) -> list[Section]:
    """Required sections still empty, before the record is final (a supervisee section
    counts as filled when the record has a supervisee)."""
    def filled(section: Section) -> bool:
        value = (entry.sections or {}).get(section.id)
        return (section.type == "supervisee" and entry.person_id is not None) or (
            value not in (None, [], {}) and str(value).strip() != "")
    return [s for s in template.sections if s.required and not filled(s)]


def record_title(entry: Entry, template: Template) -> str:
    return " ".join((entry.title or template.name).split())


def record_outline(entry: Entry, template: Template, person: Person | None,
                   actions: Sequence[Action], *, include_sensitive: bool = True,
                   reviewed: Sequence[ReviewedLine] = (),
                   for_supervisee: bool = False) -> list[OutlineItem]:
    """The record as items in template order, meta items first (see module docstring);
    the earlier actions it reviewed, if any, come first, as the form shows them. A session
    moved or cancelled shows only the sections written (a logged one has none).
    ``for_supervisee`` leaves out the supervisor's own notes (``audience = "supervisor"``)."""
    values: Mapping[str, Any] = entry.sections or {}
    meta = [OutlineItem("Date", "meta", uk_date(entry.happened_on))]
    body: list[OutlineItem] = []
    if reviewed:
        body.append(OutlineItem(REVIEWED_HEADING, "reviewed", tuple(reviewed)))
    has_supervisee = False
    session = session_of(entry)
    held = session.held
    in_cases = case_notes.case_action_ids(values, template)
    lines = tuple(action_line(a) for a in actions if a.id not in in_cases)
    placed_actions = False
    for section in template.sections:
        if (section.sensitive and not include_sensitive) or (
                for_supervisee and section.audience == "supervisor"):
            continue
        value = values.get(section.id)
        if section.type == "supervisee":
            name = person.code_name if person and not has_supervisee else _format("text", value)
            has_supervisee = True
            meta.append(OutlineItem(section.title, "meta", name))
        elif section.type == case_notes.GROUP:
            body += [OutlineItem(case_notes.block_heading(section, block, index), "text",
                                 case_notes.block_markdown(section, block, case_notes.block_actions(
                                     block, actions)))
                     for index, block in enumerate(case_notes.blocks(values, section))]
        elif section.type == "actions":
            if held or lines:
                body.append(OutlineItem(section.title, "actions",
                                        () if placed_actions else lines))
            placed_actions = True
        elif held or _format(section.type, value):  # a session not held: what was written
            body.append(OutlineItem(section.title, section.type, _format(section.type, value)))
        if section.id == OUTCOME_SECTION and (resolved := resolution_text(values)):
            body.append(OutlineItem(RESOLVED_HEADING, "text", resolved))
    if person is not None and not has_supervisee:
        meta.append(OutlineItem("Supervisee", "meta", person.code_name))
    meta.append(OutlineItem("Record", "meta", template.name))
    if session != SessionInfo():
        meta.append(OutlineItem("Session", "meta", session_line(session)))
    agreement = agreement_of(entry)
    if not agreement.empty:
        meta.append(OutlineItem("Agreement", "meta", agreement.status()))
    if lines and not placed_actions:
        body.append(OutlineItem("Agreed actions", "actions", lines))
    notes = case_notes.record_notes(values, template, entry.happened_on, actions)
    if notes:  # to paste into the council's case system, one per case
        body.append(OutlineItem("Case-file notes", "text", case_notes.notes_markdown(notes)))
    known = {s.id for s in template.sections}
    for key, value in values.items():  # answers to sections the template no longer has
        if key.startswith("_"):  # reserved keys (the follow-up links): not answers
            continue
        if key not in known and not _is_snapshot(value) and _format("text", value):
            body.append(OutlineItem(key.replace("_", " ").capitalize(), "text",
                                    _format("text", value)))
    if agreement.comments:
        body.append(OutlineItem(COMMENTS_HEADING, "text", "\n\n".join(
            f"_{uk_date(c.on)}{', from the returned PDF' if c.via == VIA_PDF else ''}:_\n\n"
            f"{c.text}" for c in agreement.comments)))
    return meta + body


def resolution_text(sections: Mapping[str, Any]) -> str:
    """"Resolved on 23 January 2026 by the service manager: …" for a difference of opinion
    left open or escalated in this record and closed in a later one; "" otherwise."""
    found = sections.get(RESOLUTION_KEY)
    if sections.get(OUTCOME_SECTION) not in OPEN_OUTCOMES or not isinstance(found, Mapping):
        return ""
    how, by = (" ".join(str(found.get(k) or "").split()) for k in ("how", "by"))
    when = uk_date(str(found.get("on") or "")) if found.get("on") else ""
    if not how:
        return ""
    said = "Resolved" + (f" on {when}" if when else "") + (f" by {by}" if by else "")
    return f"{said}, in a later record: {how}"


_PLAIN_SPECIALS = str.maketrans({c: "\\" + c for c in "\\`*_[]<>#|"})


def _plain(text: str) -> str:
    """Text that must read literally in Markdown (names, choices, table cells)."""
    return " ".join(str(text).split()).translate(_PLAIN_SPECIALS)


def _actions_markdown(lines: Sequence[ActionLine]) -> list[str]:
    if not lines:
        return ["_No actions agreed._"]
    out = ["| Action | Owner | Due | Status | Outcome |", "|---|---|---|---|---|"]
    for line in lines:
        cells = (_plain(c) or "—" for c in line)
        out.append("| " + " | ".join(cells) + " |")
    return out


def _reviewed_markdown(lines: Sequence[ReviewedLine]) -> list[str]:
    out = ["| Action | Decision | Outcome or reason |", "|---|---|---|"]
    for line in lines:
        out.append("| " + " | ".join(_plain(c) or "—" for c in line) + " |")
    return out


def sensitive_titles(template: Template) -> frozenset[str]:
    """The headings of the template's sensitive sections (as the outline names them)."""
    return frozenset(s.title for s in template.sections if s.sensitive)


def outline_markdown(title: str, outline: Sequence[OutlineItem],
                     marked: Collection[str] = ()) -> str:
    """Render an outline (from :func:`record_outline`) as Markdown; headings in ``marked``
    carry the :data:`SENSITIVE_MARK`."""
    out = [f"# {_plain(title)}", ""]
    meta = [item for item in outline if item.kind == "meta"]
    for item in meta:
        out.append(f"**{_plain(item.heading)}:** {_plain(item.text) or '—'}  ")
    if meta:
        out[-1] = out[-1].rstrip()
        out.append("")
    for item in outline:
        if item.kind == "meta":
            continue
        mark = f" · _{SENSITIVE_MARK}_" if item.heading in marked else ""
        out += [f"## {_plain(item.heading)}{mark}", ""]
        if item.kind == "actions":
            out += _actions_markdown(item.actions)
        elif item.kind == "reviewed":
            out += _reviewed_markdown(item.reviewed)
        elif not item.value:
            out.append(f"_{NOT_RECORDED}_")
        elif item.kind == "text":
            out.append(str(item.value).strip())
        else:
            out.append(_plain(item.text))
        out.append("")
    return "\n".join(out).rstrip() + "\n"


def record_markdown(entry: Entry, template: Template, person: Person | None,
                    actions: Sequence[Action], *, include_sensitive: bool = True,
                    reviewed: Sequence[ReviewedLine] = (),
                    for_supervisee: bool = False) -> str:
    """The record as Markdown: title, date ("3 March 2026"), supervisee, the earlier
    actions reviewed (when there are any), every section."""
    outline = record_outline(entry, template, person, actions,
                             include_sensitive=include_sensitive, reviewed=reviewed,
                             for_supervisee=for_supervisee)
    return outline_markdown(record_title(entry, template), outline)
