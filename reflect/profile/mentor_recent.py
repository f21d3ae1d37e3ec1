"""What the mentor pack's brief and "Since last session" read from the journal.

A coach asks first what the leader wants from this session and what changed since the last
one. The session is found from the coaching preparations (``coaching_prep``: its ``session_on``
and ``goals`` sections); "last time" is the previous preparation's session, else the day the
last pack was exported (kept in the journal's meta), else the start of the period.
Also here: each prompt's citation, so a mentor can tell which document a question came from.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, Any

from reflect.common.dates import uk_date
from reflect.content.library import Prompt, PromptSet
from reflect.content.templates import load_templates
from reflect.feedback.groups import OTHERS
from reflect.journal.kinds import EntryKind
from reflect.profile import anonymity
from reflect.profile.mentor_content import ClosedAction, OthersRound, RatingChange, SinceLast
from reflect.profile.ratings import RatingValue
from reflect.store import entries as entry_store
from reflect.store import ratings as rating_store
from reflect.store.queries import EntryFilter
from reflect.supervision import own_actions

if TYPE_CHECKING:
    from reflect.journal.journal import Journal

#: The journal meta key holding the day (ISO) a mentor pack was last exported.
PACK_EXPORTED_KEY = "mentor_pack_exported_on"
#: The journal meta key holding the leader's role, for the brief ('' or absent: left out).
ROLE_KEY = "leader_role"
_MAX_PREPARATIONS = 1000


@dataclass(frozen=True)
class Preparation:
    """A coaching preparation as the brief reads it."""

    entry_id: int
    happened_on: date
    session_on: date | None
    goals: str

    @property
    def session_day(self) -> date:
        """The session it prepared for; its own date when none was written."""
        return self.session_on or self.happened_on


def _day(value: Any) -> date | None:
    try:
        return date.fromisoformat(str(value)[:10]) if value else None
    except ValueError:
        return None


def preparations(journal: Journal, as_of: date | None = None) -> list[Preparation]:
    """The coaching preparations written up to ``as_of``, the latest first."""
    f = EntryFilter(kind=EntryKind.COACHING, date_to=as_of)
    with journal.vault.session() as session:
        rows = entry_store.list_entries(session, f, limit=_MAX_PREPARATIONS)
        found = [Preparation(e.id or 0, e.happened_on, _day((e.sections or {}).get("session_on")),
                             str((e.sections or {}).get("goals") or "").strip())
                 for e in rows if e.deleted_at is None]
    return sorted(found, key=lambda p: (p.happened_on, p.entry_id), reverse=True)


def latest_session_on(journal: Journal, as_of: date | None = None) -> date | None:
    """The session date of the latest coaching preparation, to pre-fill the pack's."""
    found = preparations(journal, as_of)
    return found[0].session_on if found else None


def last_export(journal: Journal) -> date | None:
    with journal.vault.session() as session:
        return _day(rating_store.get_meta(session, PACK_EXPORTED_KEY))


def record_export(journal: Journal, on: date) -> None:
    """Remember the day a pack went out: "since last session" starts there next time when
    there is no earlier coaching preparation to start from."""
    with journal.vault.session() as session:
        rating_store.set_meta(session, PACK_EXPORTED_KEY, on.isoformat())


def leader_role(journal: Journal) -> str:
    with journal.vault.session() as session:
        return rating_store.get_meta(session, ROLE_KEY) or ""


def set_leader_role(journal: Journal, role: str) -> None:
    with journal.vault.session() as session:
        rating_store.set_meta(session, ROLE_KEY, " ".join(role.split()))


def since_when(preps: Sequence[Preparation], exported: date | None,
               period_start: date | None) -> tuple[date | None, str]:
    """Where "since last session" starts, and what that day was, for the heading."""
    if len(preps) >= 2:
        return preps[1].session_day, "the previous coaching session"
    if exported is not None:
        return exported, "the last mentor pack"
    if period_start is not None:
        return period_start, "the start of the period"
    return None, ""


def _rating_changes(values: Sequence[RatingValue], since: date | None,
                    short_names: dict[str, str]) -> tuple[RatingChange, ...]:
    selfs = sorted((v for v in values if v.kind == "self" and v.score is not None),
                   key=lambda v: (v.rated_on, v.created_at is not None, v.created_at, v.id))
    changes = []
    for attribute_id, short in short_names.items():
        mine = [v for v in selfs if v.attribute_id == attribute_id]
        after = [v for v in mine if since is None or v.rated_on > since]
        if not after:
            continue
        before = [v for v in mine if since is not None and v.rated_on <= since]
        latest = after[-1]
        changes.append(RatingChange(short, before[-1].score if before else None,
                                    latest.score or 0, latest.rated_on))
    return tuple(changes)


def others_since(values: Iterable[RatingValue], since: date | None) -> tuple[OthersRound, ...]:
    """Others' new ratings by group, small groups merged into "other" as the 360 round's
    anonymity rule says (:mod:`reflect.profile.anonymity`: raters are returns, or a group's
    days for ratings typed before rounds). A merged "other" under three returns keeps its
    line (ratings did come in) but not its average, as the profile shows it only within the
    overall average."""
    new = [v for v in values if v.kind == "other" and (since is None or v.rated_on > since)]
    counted = anonymity.raters_by_group(new)
    shown = anonymity.shown_groups(counted)
    returns = anonymity.shown_returns(counted, shown)
    merged: dict[str, list[RatingValue]] = {}
    for v in new:
        merged.setdefault(shown[anonymity.group_of(v)], []).append(v)
    out = []
    for group, items in merged.items():
        scores = [v.score for v in items if v.score is not None]
        first, last = min(v.rated_on for v in items), max(v.rated_on for v in items)
        average = (sum(scores) / len(scores) if scores and group != anonymity.OVERALL_ONLY
                   else None)
        out.append(OthersRound(group or OTHERS, last, len(items), average, returns[group],
                               first if first != last else None))
    return tuple(sorted(out, key=lambda o: anonymity.order_key(o.group)))


def since_last(journal: Journal, values: Sequence[RatingValue], *, as_of: date,
               period_start: date | None, short_names: dict[str, str]) -> SinceLast:
    """Own actions closed, self-ratings changed and others' ratings given since last time."""
    since, basis = since_when(preparations(journal, as_of), last_export(journal), period_start)
    with journal.vault.session() as session:
        closed = tuple(
            ClosedAction(a.description, a.status, a.closed_on or as_of,
                         a.outcome if a.status == "done" else (a.reason or a.outcome),
                         source.title if source is not None else "")
            for a, source in rating_store.closed_own_actions(
                session, since, as_of, own_actions.own_template_ids(load_templates())))
    upto = [v for v in values if v.rated_on <= as_of]
    return SinceLast(since, basis, closed, _rating_changes(upto, since, short_names),
                     others_since(upto, since))


def since_heading(since: SinceLast) -> str:
    """"Since the previous coaching session, 3 March 2026" and the like."""
    if since.since is None:
        return "Everything recorded so far"
    return f"Since {since.basis}, {uk_date(since.since)}"


# -- where a prompt comes from -----------------------------------------------------------------
def _joined(first: str, then: str) -> str:
    return f"{first} {then}" if first.endswith(("?", "!", ".")) else f"{first}, {then}"


def prompt_citation(prompt_set: PromptSet, prompt: Prompt) -> str:
    """The document and place a prompt comes from, in one line a mentor can look up:
    "Ofsted, Joining the dots, Annex B, para 145". A set Reflect reworded says so:
    "Firstline: adapted by Reflect from Frontline, … Section 5, 2. Empowering and …"."""
    parts = [p.strip() for p in prompt_set.source_short.split(",") if p.strip()]
    place = prompt.source.strip().replace("paragraph ", "para ")
    # Leave out what the place repeats: "Annex B" + "Annex B, para 145", "8.9" + "para 8.9".
    while len(parts) > 1 and parts[-1] in place:
        parts.pop()
    document = ", ".join(parts)
    head, _, rest = place.partition(",")
    if rest and document.endswith(head.strip()):  # "SFPC Workbook 2" + "Workbook 2, Values"
        place = rest.strip()
    line = _joined(document, place) if place else document
    if prompt_set.adapted:
        label = prompt_set.name.split(":")[0].strip() or prompt_set.name
        return f"{label}: adapted by Reflect from {line}"
    return line
