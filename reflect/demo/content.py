"""The demo journal's sample content: read ``resources/demo/*.toml`` and check every reference.

The sample text is content, not code, so it lives in TOML (the format is described at the
top of ``people.toml``). A demo that silently drops a reflection because a prompt id was
misspelt would teach a newcomer the wrong thing, so every prompt, attribute, template,
section, supervisee and carried action is checked here, and a problem is a
:class:`ContentError` naming the file and the line. Dates are relative (``days_ago``) so the
demo always covers the year before the day it is built.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, NoReturn

from reflect.common import paths
from reflect.content.library import Prompt, load_attributes, load_prompt_sets
from reflect.content.templates import (
    SCALE_MAX,
    SCALE_MIN,
    Template,
    TemplateLoadResult,
    load_templates,
)
from reflect.content.toml_source import ContentError
from reflect.demo import record_parts as parts
from reflect.demo.record_parts import (
    ACTION_KEYS,
    AGREEMENT_KEYS,
    RESOLVES_KEYS,
    SESSION_KEYS,
    DemoAgreement,
    DemoCase,
    DemoContract,
    DemoLogged,
    DemoResolution,
    DemoSession,
)
from reflect.demo.round_parts import ROUND_KEYS, DemoRound, demo_round
from reflect.demo.toml_data import MAX_DAYS_AGO, TomlFile, TomlTable
from reflect.store.disagreements import OPEN_OUTCOMES, OUTCOME_SECTION
from reflect.store.models import RATING_KINDS
from reflect.supervision import schedules

FATES = ("open", "done", "dropped")
#: The leader's own records: their actions come up at the next one of either template.
OWN_TEMPLATES = ("my_supervision", "coaching_prep")
OWN = "own"
_TOP = ("leader_name", "supervisees", "reflections", "records", "ratings", "sessions",
        "goals",  # goals: the development plan, read by plan_parts.py
        "checkins",  # checkins: team climate, read by climate_parts.py
        "rounds")  # rounds: 360 rounds, read by round_parts.py
_PERSON = ("code_name", "role", "schedule", "started_days_ago", "active", "left_days_ago",
           *parts.CONTRACT_KEYS)
#: A supervisee may have left years before the demo's year (so their notes are past review).
MAX_LEFT_DAYS_AGO = 20 * 366
_ENTRY = ("days_ago", "title", "tags", "attributes", "share_with_mentor", "sensitive")
_REFLECTION = (*_ENTRY, "body", "prompt")
_RECORD = (*_ENTRY, "template", "supervisee", "sections", "actions", "key", "resolves",
           "session", "agreement", "case_role")
_RATING = ("kind", "days_ago", "rater_group", "target_by_days", "scores", "not_observed",
           "notes", "round")


def demo_dir() -> Path:
    return paths.resources_dir() / "demo"


@dataclass(frozen=True)
class DemoPerson:
    code_name: str
    role: str
    schedule: str
    started_days_ago: int | None
    active: bool
    contract: DemoContract | None = None
    left_days_ago: int | None = None  # they left that many days ago (so they are former)


@dataclass(frozen=True)
class DemoReflection:
    days_ago: int
    title: str
    body: str
    tags: tuple[str, ...]
    attributes: tuple[str, ...]
    prompt_id: str | None
    share_with_mentor: bool
    sensitive: bool


@dataclass(frozen=True)
class DemoAction:
    """``fate`` is applied on ``closed_days_ago``, or at the thread's next record if None."""

    description: str
    owner: str
    due_days: int | None
    key: str | None
    carry: str | None
    fate: str
    note: str  # the outcome (done) or the reason (dropped)
    closed_days_ago: int | None


@dataclass(frozen=True)
class DemoRecord:
    template_id: str
    days_ago: int
    supervisee: str | None
    title: str
    tags: tuple[str, ...]
    attributes: tuple[str, ...]
    share_with_mentor: bool
    sensitive: bool
    sections: Mapping[str, Any]
    actions: tuple[DemoAction, ...]
    source: tuple[Path, int] = field(default=(Path(), 0), compare=False)  # file and line
    cases: Mapping[str, tuple[DemoCase, ...]] = field(default_factory=dict)  # by group id
    key: str | None = None  # a name, if a later record resolves its difference of opinion
    resolves: tuple[DemoResolution, ...] = ()
    session: DemoSession | None = None
    agreement: DemoAgreement | None = None
    case_role: str = ""

    @property
    def all_actions(self) -> tuple[DemoAction, ...]:
        """The record's own actions, then each case block's, in order."""
        return (*self.actions, *(a for blocks in self.cases.values() for block in blocks
                                 for a in block.actions))

    @property
    def thread(self) -> tuple[str | None, str]:
        """Actions are reviewed at the next record of the same supervisee and template; the
        leader's own (their supervision, their coaching preparations) at the next of those,
        whichever it is, as the leader's own actions come up at the start of either."""
        if self.supervisee is None and self.template_id in OWN_TEMPLATES:
            return (None, OWN)
        return (self.supervisee, self.template_id)


@dataclass(frozen=True)
class DemoRating:
    kind: str
    days_ago: int
    scores: Mapping[str, int | None]  # None: not observed
    rater_group: str | None
    target_by_days: int | None
    notes: Mapping[str, str]
    round: str | None = None  # the 360 round a rater's ratings came back in


@dataclass(frozen=True)
class DemoContent:
    leader_name: str
    people: tuple[DemoPerson, ...]
    reflections: tuple[DemoReflection, ...]
    records: tuple[DemoRecord, ...]
    ratings: tuple[DemoRating, ...]
    sessions: tuple[DemoLogged, ...] = ()
    rounds: tuple[DemoRound, ...] = ()

    def by_thread(self) -> dict[tuple[str | None, str], list[DemoRecord]]:
        """Records of each thread, oldest first."""
        threads: dict[tuple[str | None, str], list[DemoRecord]] = {}
        for record in sorted(self.records, key=lambda r: -r.days_ago):
            threads.setdefault(record.thread, []).append(record)
        return threads


@dataclass
class _Known:
    attributes: frozenset[str]
    prompts: Mapping[str, Prompt]
    templates: Mapping[str, Template]


def shipped_templates() -> TemplateLoadResult:
    """Only the shipped templates: the demo must not depend on a user's copies."""
    return load_templates((paths.resources_dir() / "templates",))


def shipped_known() -> _Known:
    """The shipped attributes, prompts and templates: the demo relies on nothing else."""
    sets = load_prompt_sets((paths.resources_dir() / "prompts",)).sets
    templates = shipped_templates().templates
    return _Known(frozenset(a.id for a in load_attributes()),
                  {p.id: p for s in sets for p in s.prompts}, {t.id: t for t in templates})


def load_demo(directory: Path | None = None) -> DemoContent:
    """Every ``*.toml`` in ``directory`` (default: the shipped demo), checked; raises
    ContentError on the first problem."""
    known = shipped_known()
    files = [TomlFile(p) for p in sorted(Path(directory or demo_dir()).glob("*.toml"))]
    leader, people, reflections, records, ratings = "", [], [], [], []
    logged: list[DemoLogged] = []
    found_rounds: list[DemoRound] = []
    for file in files:
        for key, value in file.data.items():
            if key not in _TOP:
                file.fail(0, f"unknown key '{key}' (expected one of: {', '.join(_TOP)})")
            if key != "leader_name" and not isinstance(value, list):
                file.fail(file.span(key, 0)[0], f"'{key}' must be [[{key}]] tables")
        if "leader_name" in file.data:
            leader = TomlTable(file, file.data, (1, len(file.lines)), "top level",
                            _TOP).get("leader_name", str)
        for i, raw in enumerate(file.data.get("supervisees", [])):
            people.append(_person(TomlTable(file, raw, file.span("supervisees", i),
                                         f"supervisee {i + 1}", _PERSON)))
        for i, raw in enumerate(file.data.get("reflections", [])):
            reflections.append(_reflection(TomlTable(file, raw, file.span("reflections", i),
                                                  f"reflection {i + 1}", _REFLECTION), known))
        for i, raw in enumerate(file.data.get("rounds", [])):
            found_rounds.append(demo_round(TomlTable(file, raw, file.span("rounds", i),
                                                     f"round {i + 1}", ROUND_KEYS)))
        names = {r.name for r in found_rounds}
        for i, raw in enumerate(file.data.get("ratings", [])):
            ratings.append(_rating(TomlTable(file, raw, file.span("ratings", i),
                                          f"rating {i + 1}", _RATING), known, names))
    codes = {p.code_name for p in people}
    if len(codes) != len(people):
        raise ContentError(demo_dir(), 0, "a supervisee code name is used twice")
    for file in files:
        for i, raw in enumerate(file.data.get("records", [])):
            records.append(_record(file, TomlTable(file, raw, file.span("records", i),
                                                f"record {i + 1}", _RECORD), known, codes))
        for i, raw in enumerate(file.data.get("sessions", [])):
            logged.append(parts.logged_session(TomlTable(
                file, raw, file.span("sessions", i), f"session {i + 1}", parts.LOGGED_KEYS),
                codes))
    content = DemoContent(leader, tuple(people), tuple(reflections), tuple(records),
                          tuple(ratings), tuple(logged), tuple(found_rounds))
    _check_follow_up(content)
    _check_resolutions(content)
    return content


def _person(t: TomlTable) -> DemoPerson:
    started = t.days("started_days_ago", None)
    schedule = t.get("schedule", str)
    try:
        schedules.parse_schedule(schedule)
        if schedules.needs_start_date(schedule) and started is None:
            t.fail("schedule", "the nqsw schedule needs started_days_ago")
    except schedules.ScheduleError as exc:
        t.fail("schedule", str(exc))
    left = t.days("left_days_ago", None, high=MAX_LEFT_DAYS_AGO)
    return DemoPerson(t.get("code_name", str), t.get("role", str, ""), schedule, started,
                      t.get("active", bool, True) and left is None, parts.contract(t), left)


def _attributes(t: TomlTable, known: _Known, default: tuple[str, ...] = ()) -> tuple[str, ...]:
    if "attributes" not in t.table:
        return default
    values = t.strings("attributes")
    for value in values:
        if value not in known.attributes:
            t.fail("attributes", f"unknown attribute '{value}'")
    return values


def _reflection(t: TomlTable, known: _Known) -> DemoReflection:
    prompt_id = t.get("prompt", str, None)
    prompt = known.prompts.get(prompt_id) if prompt_id else None
    if prompt_id and prompt is None:
        t.fail("prompt", f"unknown prompt '{prompt_id}'")
    return DemoReflection(
        t.days("days_ago"), t.get("title", str), t.get("body", str), t.strings("tags"),
        _attributes(t, known, prompt.attributes if prompt else ()), prompt_id,
        t.get("share_with_mentor", bool, False), t.get("sensitive", bool, False))


def _rating(t: TomlTable, known: _Known, round_names: set[str]) -> DemoRating:
    kind = t.get("kind", str)
    if kind not in RATING_KINDS:
        t.fail("kind", f"kind must be one of {', '.join(RATING_KINDS)}")
    scores: dict[str, int | None] = {}
    for attribute, score in t.get("scores", dict).items():
        if attribute not in known.attributes:
            t.fail(attribute, f"unknown attribute '{attribute}'")
        if isinstance(score, bool) or not isinstance(score, int) or not 1 <= score <= 5:
            t.fail(attribute, "a score is a whole number from 1 to 5")
        scores[attribute] = score
    for attribute in t.strings("not_observed"):
        if kind != "other" or attribute not in known.attributes or attribute in scores:
            t.fail("not_observed", f"'{attribute}' cannot be 'not observed' here")
        scores[attribute] = None
    notes = t.get("notes", dict, {})
    for attribute, note in notes.items():
        if attribute not in known.attributes or not isinstance(note, str):
            t.fail(attribute, f"a note must be text for a known attribute, not '{attribute}'")
    group = t.get("rater_group", str, None)
    if (group is not None) != (kind == "other"):
        t.fail("rater_group", "others' ratings, and only they, need a rater_group")
    target_by = t.get("target_by_days", int, None)
    if target_by is not None and kind != "target":
        t.fail("target_by_days", "only a target has target_by_days")
    round_name = t.get("round", str, None)
    if round_name is not None and (kind != "other" or round_name not in round_names):
        t.fail("round", f"'{round_name}' is not a round given above, for others' ratings")
    return DemoRating(kind, t.days("days_ago"), scores, group, target_by, dict(notes),
                      round_name)


def _record(file: TomlFile, t: TomlTable, known: _Known, codes: set[str]) -> DemoRecord:
    template_id = t.get("template", str)
    template = known.templates.get(template_id)
    if template is None:
        t.fail("template", f"unknown template '{template_id}'")
    supervisee = t.get("supervisee", str, None)
    person_sections = [s for s in template.sections if s.type == "supervisee"]
    if supervisee is not None and supervisee not in codes:
        t.fail("supervisee", f"unknown supervisee '{supervisee}'")
    if supervisee is not None and not person_sections:
        t.fail("supervisee", f"template '{template_id}' has no supervisee section")
    if supervisee is None and any(s.required for s in person_sections):
        t.fail("template", f"template '{template_id}' needs a supervisee")
    table = TomlTable(file, t.get("sections", dict), t.span, t.what,
                      [s.id for s in template.sections])
    sections = _sections(table, template)
    cases = {g.id: parts.cases(file, table, g, _action) for g in parts.group_sections(template)
             if g.id in table.table}
    actions = []
    for i, raw in enumerate(t.get("actions", list, [])):
        span = file.span("records.actions", i, t.span)
        actions.append(_action(TomlTable(file, raw, span, f"{t.what}, action {i + 1}",
                                         ACTION_KEYS)))
    if actions and not any(s.type == "actions" for s in template.sections):
        t.fail("actions", f"template '{template_id}' has no actions section")
    days_ago = t.days("days_ago")
    session = agreement = None
    if "session" in t.table:
        session = parts.session(TomlTable(file, t.get("session", dict), t.span,
                                          f"{t.what}, session", SESSION_KEYS), days_ago)
    if "agreement" in t.table:
        if supervisee is None:
            t.fail("agreement", "only a record with a supervisee is agreed with them")
        agreement = parts.agreement(TomlTable(file, t.get("agreement", dict), t.span,
                                              f"{t.what}, agreement", AGREEMENT_KEYS), days_ago)
    resolves = tuple(parts.resolution(TomlTable(file, raw, file.span("records.resolves", i,
                                                                     t.span),
                                                f"{t.what}, resolves {i + 1}", RESOLVES_KEYS))
                     for i, raw in enumerate(t.get("resolves", list, [])))
    return DemoRecord(template_id, days_ago, supervisee,
                      t.get("title", str, ""), t.strings("tags"), _attributes(t, known),
                      t.get("share_with_mentor", bool, False), t.get("sensitive", bool, False),
                      sections, tuple(actions), (file.path, t.span[0]), cases,
                      t.get("key", str, None), resolves, session, agreement,
                      t.get("case_role", str, ""))


def _sections(t: TomlTable, template: Template) -> dict[str, Any]:
    """Answers by section id, typed as the record form stores them (dates stay offsets)."""
    values: dict[str, Any] = {}
    for section in template.sections:
        if section.id not in t.table:
            if section.required and section.type != "supervisee":
                t.fail(section.id, f"section '{section.id}' is required")
            continue
        key, kind = section.id, section.type
        if kind in ("supervisee", "actions"):
            t.fail(key, f"section '{key}' is filled by the app, not here")
        elif kind == parts.GROUP:
            continue  # the blocks: record_parts.cases
        elif kind == "yesno":
            values[key] = t.get(key, bool)
        elif kind == "scale":
            values[key] = t.days(key, low=SCALE_MIN, high=SCALE_MAX)
        elif kind == "date":
            values[key] = t.days(key, high=MAX_DAYS_AGO)
        else:
            values[key] = t.get(key, str)
            if kind == "choice" and values[key] not in section.choices:
                t.fail(key, f"'{values[key]}' is not one of {', '.join(section.choices)}")
    return values


def _action(t: TomlTable) -> DemoAction:
    carry = t.get("carry", str, None)
    fate = t.get("fate", str, "open")
    if fate not in FATES:
        t.fail("fate", f"fate must be one of {', '.join(FATES)}")
    note_key = {"done": "outcome", "dropped": "reason"}.get(fate)
    for key in ("outcome", "reason", "closed_days_ago"):
        if key in t.table and key != note_key and not (key == "closed_days_ago" and note_key):
            t.fail(key, f"'{key}' does not go with fate '{fate}'")
    return DemoAction(
        t.get("description", str, None if carry else ...) or "", t.get("owner", str, ""),
        t.days("due_days", None), t.get("key", str, None), carry, fate,
        t.get(note_key, str) if note_key else "", t.days("closed_days_ago", None))


def _check_follow_up(content: DemoContent) -> None:
    """Every closed action has a day to close on, and every carry continues an earlier,
    still open action of the same supervisee, once."""
    def fail(record: DemoRecord, message: str) -> NoReturn:
        raise ContentError(*record.source, message)

    keyed: dict[str, tuple[DemoRecord, DemoAction]] = {}
    carried: set[str] = set()
    for thread in content.by_thread().values():
        for index, record in enumerate(thread):
            later = thread[index + 1] if index + 1 < len(thread) else None
            for action in record.all_actions:
                closed = action.closed_days_ago
                if action.fate != "open" and closed is None and later is None:
                    fail(record, f"'{action.description or action.carry}' is {action.fate} "
                         "but no later record reviews it: give closed_days_ago")
                if closed is not None and closed > record.days_ago:
                    fail(record, "an action cannot close before its record")
    for record in sorted(content.records, key=lambda r: -r.days_ago):
        for action in record.all_actions:
            if action.carry is not None:
                earlier = keyed.get(action.carry)
                if earlier is None or action.carry in carried:
                    fail(record, f"carry '{action.carry}' names no earlier open action")
                source, original = earlier
                if (source.supervisee != record.supervisee or original.fate != "open"
                        or source.days_ago <= record.days_ago):
                    fail(record, f"carry '{action.carry}' must continue an earlier, open "
                         "action of the same supervisee")
                carried.add(action.carry)
            if action.key is not None:
                if action.key in keyed:
                    fail(record, f"action key '{action.key}' is used twice")
                keyed[action.key] = (record, action)


def _check_resolutions(content: DemoContent) -> None:
    """A record resolves the open or escalated difference of opinion of an earlier record
    of the same supervisee, once."""
    keyed: dict[str, DemoRecord] = {}
    resolved: set[str] = set()
    for record in sorted(content.records, key=lambda r: -r.days_ago):
        for wanted in record.resolves:
            earlier = keyed.get(wanted.key)
            if earlier is None or wanted.key in resolved:
                raise ContentError(*record.source, f"resolves '{wanted.key}' names no earlier "
                                   "record with a difference of opinion left open")
            if earlier.supervisee != record.supervisee or \
                    earlier.sections.get(OUTCOME_SECTION) not in OPEN_OUTCOMES:
                raise ContentError(*record.source, f"resolves '{wanted.key}': that record's "
                                   "difference of opinion is not open or escalated, or it is "
                                   "another supervisee's")
            resolved.add(wanted.key)
        if record.key is not None:
            if record.key in keyed:
                raise ContentError(*record.source, f"record key '{record.key}' is used twice")
            keyed[record.key] = record
