"""The mentor pack: a PDF the leader chooses line by line and gives to a mentor or coach.

Three steps, so the app can run the slow one off the UI thread and show the plan first:

1. :func:`collect` reads everything the pack will hold from the open journal (quick);
2. :func:`describe` lists it for the leader to check before saving (no surprises);
3. :func:`render` lays out the PDF from that snapshot alone (slow, touches no database),
   and :func:`export` does all three and writes the file (AES-256 if a password is given).

What goes in is opt-in: entries marked "share with mentor" and coaching preparations are
pre-ticked, but sensitive entries and supervision records never are, and the template sections
marked sensitive (wellbeing, feelings) stay out unless ticked for that entry as well.
"""

from __future__ import annotations

import io
import time
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from pypdf import PdfReader

from reflect.coaching import pack_view
from reflect.coaching.views import MilestoneChange, PlanGoal
from reflect.common.dates import uk_date, uk_period
from reflect.content.library import PromptSet, load_prompt_sets
from reflect.content.templates import Template, load_templates
from reflect.journal.kinds import EntryKind
from reflect.pdf.base import Bookmark, DocumentInfo, Progress, build_pdf
from reflect.pdf.secure import save_pdf
from reflect.profile import mentor_climate, round_compare
from reflect.profile import ratings as profile_domain
from reflect.profile.mentor_brief import since_summary
from reflect.profile.mentor_content import DEFAULT_TITLE as DEFAULT_TITLE  # the dialog's default
from reflect.profile.mentor_content import (
    PackAction,
    PackContent,
    PackEntry,
    PackOptions,
    PackSection,
)
from reflect.profile.mentor_entries import entry_story, left_out_text
from reflect.profile.mentor_layout import story
from reflect.profile.mentor_recent import prompt_citation, record_export, since_last
from reflect.store import entries as entry_store
from reflect.store import ratings as rating_store
from reflect.store import record_follow_ups
from reflect.store.models import Action, Entry
from reflect.store.queries import EntryFilter
from reflect.store.record_follow_ups import Reviewed
from reflect.supervision import follow_ups, own_actions

if TYPE_CHECKING:
    from reflect.journal.journal import Journal

_MAX_CANDIDATES = 100_000

#: Where collect reads the development plan: ``plan_goals(journal, as_of)`` and
#: ``milestone_changes(journal, since, until)`` (a test may hand in its own).
PlanGoals = Callable[["Journal", date], Sequence[PlanGoal]]
MilestoneChanges = Callable[["Journal", date | None, date], Sequence[MilestoneChange]]


@dataclass(frozen=True)
class Candidate:
    """An entry of the period the leader may tick for the pack."""

    entry_id: int
    title: str
    happened_on: date
    kind: str
    sensitive: bool
    share_with_mentor: bool

    @property
    def pre_ticked(self) -> bool:
        """Shared or coaching entries, but never a sensitive entry or a supervision record."""
        if self.sensitive or self.kind == EntryKind.SUPERVISION:
            return False
        return self.share_with_mentor or self.kind == EntryKind.COACHING

    @property
    def caution(self) -> str:
        """Why the leader should think twice before ticking it ('' if no reason)."""
        if self.sensitive:
            return "Marked sensitive"
        if self.kind == EntryKind.SUPERVISION:
            return "Supervision record: may hold case details"
        return ""


@dataclass(frozen=True)
class PlanItem:
    part: str
    text: str
    warning: str = ""


@dataclass(frozen=True)
class PackPlan:
    items: tuple[PlanItem, ...]

    def lines(self) -> list[str]:
        """The plan as text, one line per item, warnings in brackets."""
        return [f"{i.part}: {i.text}" + (f" [{i.warning}]" if i.warning else "")
                for i in self.items]


@dataclass(frozen=True)
class ExportResult:
    path: Path
    pages: int
    size: int
    encrypted: bool
    seconds: float
    plan: PackPlan
    warnings: tuple[str, ...] = ()  # entries left out because they could not be laid out


# -- choosing ----------------------------------------------------------------------------------
def candidates(journal: Journal, date_from: date | None = None,
               date_to: date | None = None) -> list[Candidate]:
    """Every entry that happened in the period, newest first, for the tick list."""
    f = EntryFilter(date_from=date_from, date_to=date_to)
    with journal.vault.session() as session:
        rows = entry_store.list_summaries(session, f, limit=_MAX_CANDIDATES)
    return [Candidate(r.entry_id, r.title, r.happened_on, r.kind, r.sensitive,
                      r.share_with_mentor) for r in rows]


def _open_actions(session) -> list[PackAction]:
    return [PackAction(action.id or 0, action.description, action.owner, action.due_on,
                       source.title if source is not None else "")
            for action, source in rating_store.open_own_actions(
                session, own_actions.own_template_ids(load_templates()))]


def action_candidates(journal: Journal) -> list[PackAction]:
    """The open development actions the pack can list (all are ticked by default)."""
    with journal.vault.session() as session:
        return _open_actions(session)


def default_selection(found: Iterable[Candidate]) -> tuple[int, ...]:
    """The ids ticked before the leader changes anything."""
    return tuple(c.entry_id for c in found if c.pre_ticked)


def selection_for(found: Sequence[Candidate], *, include_shared: bool) -> tuple[int, ...]:
    """The command line has no tick boxes: ``--include-shared`` takes the pre-ticked set."""
    return default_selection(found) if include_shared else ()


# -- collecting --------------------------------------------------------------------------------
def _value_markdown(kind: str, value: Any) -> str:
    if value is None or value == "" or value == []:
        return ""
    if kind == "yesno" or isinstance(value, bool):
        return "Yes" if value else "No"
    if kind == "scale":
        return f"{value} out of 10"
    if kind == "date":
        try:
            return uk_date(date.fromisoformat(str(value)[:10]))
        except ValueError:
            return str(value)
    if isinstance(value, list | tuple):
        return "\n".join(f"- {item}" for item in value if str(item).strip())
    return str(value)


def _action_ids(entry: Entry) -> list[int]:
    return [item["action_id"] for value in (entry.sections or {}).values()
            if isinstance(value, list) for item in value
            if isinstance(item, Mapping) and isinstance(item.get("action_id"), int)]


def _action_rows(value: Any, table: Mapping[int, Action]) -> tuple[dict[str, str], ...]:
    """Rows of an actions section; the action table, where it has the row, is the truth."""
    rows = []
    for item in value if isinstance(value, list | tuple) else []:
        if not isinstance(item, Mapping):
            continue
        action_id = item.get("action_id")
        stored = table.get(action_id) if isinstance(action_id, int) else None
        if stored is not None:
            item = {"description": stored.description, "owner": stored.owner,
                    "due_on": stored.due_on, "status": stored.status,
                    "outcome": stored.outcome}
        if not str(item.get("description", "")).strip():
            continue
        due = item.get("due_on") or item.get("due") or ""
        try:
            due = uk_date(date.fromisoformat(str(due)[:10])) if due else ""
        except ValueError:
            due = str(due)
        rows.append({"description": str(item.get("description", "")).strip(),
                     "owner": str(item.get("owner") or ""), "due": due,
                     "status": str(item.get("status") or "").capitalize(),
                     "outcome": str(item.get("outcome") or "")})
    return tuple(rows)


def _sections(entry: Entry, template: Template | None, with_sensitive: bool,
              table: Mapping[int, Action]) -> tuple[tuple[PackSection, ...], tuple[str, ...]]:
    values = dict(entry.sections or {})
    shown: list[PackSection] = []
    left_out: list[str] = []
    order = [(s.id, s.title, s.type, s.sensitive) for s in template.sections] if template else []
    known = {o[0] for o in order}
    order += [(key, key.replace("_", " ").capitalize(), "", False)
              for key in values if key not in known and not key.startswith("_")]
    for key, title, kind, sensitive in order:
        value = values.get(key)
        if kind == "actions" or (isinstance(value, list) and value
                                 and all(isinstance(v, Mapping) for v in value)):
            rows = _action_rows(value, table)
            if rows and sensitive and not with_sensitive:
                left_out.append(title)
            elif rows:
                shown.append(PackSection(title, actions=rows))
            continue
        text = _value_markdown(kind, value)
        if not text.strip():
            continue
        if sensitive and not with_sensitive:
            left_out.append(title)
        else:
            shown.append(PackSection(title, text))
    return tuple(shown), tuple(left_out)


def _find_prompt(sets: Sequence[PromptSet], prompt_id: str) -> tuple[str, str]:
    """The prompt's text and the line naming its document ('' and '' if it is gone)."""
    for prompt_set in sets:
        for prompt in prompt_set.prompts:
            if prompt.id == prompt_id:
                return prompt.text, prompt_citation(prompt_set, prompt)
    return "", ""


REVIEWED_TITLE = "Previous actions reviewed"


def _with_reviewed(packed: PackEntry, items: Sequence[Reviewed]) -> PackEntry:
    """The earlier actions the entry followed up (done with what changed, carried, dropped
    with why), as the record's own exports list them; the first thing a coach asks."""
    if not items:
        return packed
    lines = [f"- **{follow_ups.decision_label(i)}:** {' '.join(i.action.description.split())}"
             + (f" — {follow_ups.note_text(i)}" if follow_ups.note_text(i) else "")
             for i in items]
    section = PackSection(REVIEWED_TITLE, "\n".join(lines))
    return replace(packed, sections=(section, *packed.sections))


def _pack_entry(entry: Entry, templates, prompt_sets, short_names: Mapping[str, str],
                with_sensitive: bool, table: Mapping[int, Action]) -> PackEntry:
    template = templates.by_id(entry.template_id) if entry.template_id else None
    sections, left_out = _sections(entry, template, with_sensitive, table)
    prompt, source = _find_prompt(prompt_sets, entry.prompt_id) if entry.prompt_id else ("", "")
    return PackEntry(
        entry_id=entry.id or 0, title=entry.title, happened_on=entry.happened_on,
        kind=entry.kind, body=entry.body or "", sections=sections, tags=tuple(entry.tags),
        attributes=tuple(short_names.get(a, a) for a in entry.attributes),
        prompt=prompt, prompt_source=source, sensitive=entry.sensitive, left_out=left_out)


def collect(journal: Journal, options: PackOptions, *,
            plan_goals: PlanGoals = pack_view.plan_goals,
            milestone_changes: MilestoneChanges = pack_view.milestone_changes) -> PackContent:
    """Read what the options ask for; the only step that touches the journal."""
    prepared_on = options.prepared_on or date.today()
    as_of = options.date_to or prepared_on
    profile = history = None
    values = profile_domain.ratings(journal, date_to=as_of)
    if options.include_profile or options.include_notes:
        profile = profile_domain.build_profile(values, profile_domain.attributes(), as_of=as_of)
        history = profile_domain.history(v for v in values if not options.date_from
                                         or v.rated_on >= options.date_from)
    short_names = {a.id: a.short_name for a in profile_domain.attributes()}
    since = since_last(journal, values, as_of=as_of, period_start=options.date_from,
                       short_names=short_names)
    templates = load_templates()
    prompt_sets = load_prompt_sets().sets if options.entry_ids else ()
    wanted = list(dict.fromkeys(options.entry_ids))
    chosen: list[PackEntry] = []
    missing: list[int] = []
    actions: list[PackAction] = []
    goals: dict[int, str] = {}  # a coaching preparation's goals for this session, by id
    with journal.vault.session() as session:
        for entry_id in wanted:
            entry = entry_store.get(session, entry_id)
            if entry is None or entry.deleted_at is not None:
                missing.append(entry_id)
                continue
            if entry.kind == EntryKind.COACHING:
                goals[entry_id] = str((entry.sections or {}).get("goals") or "").strip()
            table = rating_store.actions_by_id(session, _action_ids(entry))
            packed = _pack_entry(entry, templates, prompt_sets, short_names,
                                 entry_id in options.sensitive_sections_for, table)
            chosen.append(_with_reviewed(packed, record_follow_ups.reviewed_in(session, entry)))
        if options.include_actions:
            actions = [a for a in _open_actions(session) if options.action_ids is None
                       or a.action_id in options.action_ids]
    chosen.sort(key=lambda e: (e.happened_on, e.entry_id))
    # The latest preparation first: its goals are this session's.
    coaching = tuple(reversed([e for e in chosen if e.kind == EntryKind.COACHING]))
    session_goals = next((goals[e.entry_id] for e in coaching if goals.get(e.entry_id)), "")
    return PackContent(
        options=options, prepared_on=prepared_on,
        profile=profile, history=tuple(history or ()),
        coaching=coaching,
        reflections=tuple(e for e in chosen if e.kind != EntryKind.COACHING),
        actions=tuple(actions), missing=tuple(missing),
        plan=tuple(plan_goals(journal, as_of)) if options.include_plan else (),
        milestone_changes=tuple(milestone_changes(journal, since.since, as_of)),
        session_goals=session_goals, since_last=since,
        rounds=round_compare.load(journal, as_of=as_of) if options.include_profile else None,
        climate=mentor_climate.snapshot(journal, as_of) if options.include_climate else None)


# -- the plan ----------------------------------------------------------------------------------
def _entry_line(entry: PackEntry) -> PlanItem:
    title = entry.title or "(untitled)"
    warning = []
    if entry.sensitive:
        warning.append("sensitive entry, ticked by you")
    if entry.kind == EntryKind.SUPERVISION:
        warning.append("supervision record, ticked by you")
    if entry.left_out:
        warning.append("left out as sensitive: " + ", ".join(entry.left_out))
    part = (EntryKind.COACHING if entry.kind == EntryKind.COACHING
            else EntryKind.REFLECTION).label
    return PlanItem(part, f"{uk_date(entry.happened_on)}, {title}", "; ".join(warning))


def describe(content: PackContent) -> PackPlan:
    """Everything the PDF will contain, in order, for the leader to check before saving."""
    o = content.options
    who = f" for {o.leader_name}" if o.leader_name else ""
    items = [PlanItem("Brief (page 1)", f"{o.title}{who}; period "
                      f"{uk_period(o.date_from, o.date_to)}; prepared "
                      f"{uk_date(content.prepared_on)}; {_brief_text(content)}",
                      "" if content.session_goals else
                      "no goals for this session: tick a coaching preparation with goals")]
    items.append(PlanItem("Since last session", since_summary(content)))
    if o.include_plan:
        count = len(content.plan)
        items.append(PlanItem("Development plan", f"{count} goal{'s' if count != 1 else ''}"
                              if count else "no development plan yet"))
    items += [_entry_line(e) for e in content.coaching]
    profile = content.profile
    if o.include_profile and profile is not None:
        rated = sum(1 for a in profile.attributes if a.current)
        warning = "" if rated else "no self-rating yet: the radar will be empty"
        items.append(PlanItem("Leadership profile", f"radar and scores table ({rated} of "
                              f"{len(profile.attributes)} attributes self-rated)", warning))
        if content.rounds is not None:
            items.append(PlanItem("Round on round", content.rounds.summary()))
    if o.include_notes and profile is not None:
        noted = sum(1 for a in profile.attributes if _has_notes(a))
        items.append(PlanItem("Attribute notes", f"notes on {noted} attributes" if noted
                              else "no notes written"))
    items += [_entry_line(e) for e in content.reflections]
    if not content.coaching and not content.reflections:
        items.append(PlanItem("Reflections", "none ticked"))
    if o.include_actions:
        items.append(PlanItem("Open development actions", f"{len(content.actions)} open"))
    if o.include_climate:
        items.append(PlanItem("Team climate", mentor_climate.plan_text(content)))
    items.append(PlanItem("Notes from the session", "a ruled last page to write on"))
    if content.missing:
        items.append(PlanItem("Not found", f"{len(content.missing)} ticked entries were "
                              "deleted", "they are left out"))
    return PackPlan(tuple(items))


def _brief_text(content: PackContent) -> str:
    """The brief's plan line: for whom and when, and whether this session's goals are in."""
    o = content.options
    parts = ["this session's goals" if content.session_goals else "no goals for this session"]
    if o.coach:
        parts.append(f"coach or mentor {' '.join(o.coach.split())}")
    if o.session_on:
        parts.append(f"session {uk_date(o.session_on)}")
    parts.append("targets, largest gaps and what is overdue")
    return "; ".join(parts)


def _has_notes(item) -> bool:
    return bool((item.current and item.current.note) or (item.target and item.target.note)
                or item.others.notes)


def plan(journal: Journal, options: PackOptions) -> PackPlan:
    """What :func:`export` would write with these options."""
    return describe(collect(journal, options))


# -- rendering and saving ----------------------------------------------------------------------
def render(content: PackContent, progress: Progress | None = None) -> bytes:
    """The PDF bytes for a snapshot; safe to run on a worker thread."""
    return render_with_warnings(content, progress)[0]


def render_with_warnings(content: PackContent,
                         progress: Progress | None = None) -> tuple[bytes, tuple[str, ...]]:
    """The PDF bytes, and one warning per entry left out because it could not be laid out.

    One entry must never block the pack. The Markdown renderer and the rich text already
    flatten deep nesting and print wide tables row by row; should reportlab still fail, each
    entry is tried alone, the ones that fail alone are replaced by a note naming them, and the
    pack is laid out again. A failure outside the entries is raised as before.
    """
    o = content.options
    info = DocumentInfo(title=o.title or DEFAULT_TITLE, leader_name=o.leader_name,
                        subject=f"Mentor pack, {uk_period(o.date_from, o.date_to)}")
    try:
        return build_pdf(story(content), info, progress), ()
    except Exception:  # reportlab fails as LayoutError, ValueError, IndexError, ...
        failed = [e for e in (*content.coaching, *content.reflections) if not _lays_out(e)]
        if not failed:
            raise
    pdf = build_pdf(story(content, {e.entry_id for e in failed}), info, progress)
    return pdf, tuple(left_out_text(e) for e in failed)


def _lays_out(entry: PackEntry) -> bool:
    """Whether ``entry`` alone can be laid out (only asked after the whole pack failed)."""
    try:
        # Under a top-level bookmark, as in the pack: the entry's own is one level down.
        build_pdf([Bookmark("Entries"), *entry_story(entry)],
                  DocumentInfo(title="trial", cover_page=False))
    except Exception:  # whatever reportlab raises, this entry is the one to leave out
        return False
    return True


def export(journal: Journal, options: PackOptions, path: Path, *, password: str | None = None,
           progress: Progress | None = None, plan_goals: PlanGoals = pack_view.plan_goals,
           milestone_changes: MilestoneChanges = pack_view.milestone_changes) -> ExportResult:
    """Collect, render and write the pack atomically (mode 0600, AES-256 with a password);
    the day is kept in the journal, where "since last session" may start next time."""
    started = time.perf_counter()
    content = collect(journal, options, plan_goals=plan_goals,
                      milestone_changes=milestone_changes)
    pdf, warnings = render_with_warnings(content, progress)
    save_pdf(Path(path), pdf, password)
    record_export(journal, date.today())
    pages = len(PdfReader(io.BytesIO(pdf)).pages)
    return ExportResult(Path(path), pages, Path(path).stat().st_size, password is not None,
                        time.perf_counter() - started, describe(content), warnings)
