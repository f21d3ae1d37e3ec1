"""A journal with two supervisees, Wren and Heron, and marker words unique to each, for the
subject-access export tests (domain, command line and window)."""

from __future__ import annotations

from datetime import date

from reflect.journal.drafts import Draft, DraftKind
from reflect.store.models import Action
from reflect.supervision import agreement, contracts
from reflect.supervision.agreement import Agreement, Comment
from reflect.supervision.record_state import draft_key
from reflect.supervision.records import Supervision

#: Words that appear only in what is about Wren.
WREN = ("wrenagenda", "wrenwellbeing", "wrensupervisornote", "wrenaction", "wrenchallenge",
        "wrencomment", "wren-case-77", "wrengroupquestion", "wrenobserver", "wrendraft",
        "wrencontract", "wrentrash", "wrenroleword")
#: Words that appear only in what is about Heron (and Heron's code name itself).
HERON = ("Heron", "heronagenda", "heronwellbeing", "heronsupervisornote", "heronaction",
         "heronchallenge", "heron-case-88", "herongroupquestion", "heronselfpractice",
         "heronreflection", "herondraft", "heroncontract")
#: In a reflection that names Wren: not reliably Wren's, so only with include_mentions.
MENTION = "wrenmentionreflection"


def build(sup: Supervision, *, drafts: bool = True) -> dict[str, int]:
    """Fill the journal; returns the ids that tests look at. ``drafts``: unsaved records too
    (the window reopens them after unlocking, so its tests leave them out)."""
    wren = sup.add_supervisee("Wren", role="wrenroleword social worker")
    heron = sup.add_supervisee("Heron", role="Senior practitioner")
    contracts.set_contract(sup, wren.id, date(2026, 1, 5), date(2027, 1, 5),
                           "wrencontract: monthly, 90 minutes")
    contracts.set_contract(sup, heron.id, date(2026, 1, 5), None, "heroncontract: fortnightly")

    def one_to_one(pid: int, day: date, actions=(), **sections):
        start = sup.start_record(pid, "one_to_one", day)
        start.entry.sections.update(sections)
        return sup.save_record(start.entry, list(actions)).entry

    w1 = one_to_one(wren.id, date(2026, 1, 12),
                    [Action(description="wrenaction: read the chronology", owner="Wren",
                            due_on=date(2026, 2, 1))],
                    agenda="wrenagenda and caseload", wellbeing="wrenwellbeing: tired",
                    supervisor_notes="wrensupervisornote; Heron covered a visit",
                    challenge="wrenchallenge about the threshold",
                    challenge_outcome="Escalated",
                    cases=[{"case_ref": "wren-case-77", "decision": "Step down."}])
    sup.save_record(agreement.store(w1, Agreement(date(2026, 1, 13), None, (
        Comment(date(2026, 1, 14), "wrencomment: I see the visit differently"),))),
        sup.record(w1.id).actions)
    one_to_one(heron.id, date(2026, 1, 19),
               [Action(description="heronaction: book training", owner="Heron")],
               agenda="heronagenda", wellbeing="heronwellbeing",
               supervisor_notes="heronsupervisornote", challenge="heronchallenge",
               challenge_outcome="Open", cases=[{"case_ref": "heron-case-88"}])
    trash = one_to_one(wren.id, date(2026, 1, 26), agenda="wrentrash agenda")
    sup.journal.delete_entry(trash.id)

    def group(pid: int, day: date, **sections):
        start = sup.start_record(pid, "group_supervision", day)
        start.entry.sections.update(sections)
        return sup.save_record(start.entry).entry

    # Wren presents; Heron observes: Wren's record, Heron's name taken out.
    group(wren.id, date(2026, 2, 2), question="wrengroupquestion: how to hold drift?",
          observers="Heron", facilitator="Team manager")
    # Heron presents; Wren observes: only the sections naming Wren.
    group(heron.id, date(2026, 2, 9), question="herongroupquestion",
          observers="Wren (wrenobserver notes), Heron's buddy",
          self_in_practice="heronselfpractice", facilitator="Team manager")
    sup.journal.add_entry("Thinking about the team", f"Wren: {MENTION}.\n\nheronreflection")
    sup.journal.add_entry("Heron alone", "heronreflection about Heron only")
    for pid, uid, word in ((wren.id, "d-wren", "wrendraft"), (heron.id, "d-heron", "herondraft")
                           )[:2 if drafts else 0]:
        state = {"title": "Draft", "happened_on": "2026-03-02", "person_id": pid,
                 "sections": {"agenda": word}}
        sup.journal.save_draft(draft_key(None, uid), Draft.now(
            DraftKind.SUPERVISION, state, entry_id=None, uid=uid, template_id="one_to_one",
            person_id=pid).to_payload())
    return {"wren": wren.id, "heron": heron.id}
