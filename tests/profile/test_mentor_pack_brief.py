"""The mentor pack read as a coaching brief: from a real encrypted journal, read back with pypdf.

Page 1 is the brief; then "Since last session", the development plan, the coaching
preparations (latest first), ..., reflections by attribute with every prompt's document, and a
last page for notes from the session (issue 15).
"""

import re
from datetime import date, timedelta

import pytest
from pypdf import PdfReader

from reflect.coaching.views import MET, MISSED, MOVED, OPEN, MilestoneChange, PlanGoal
from reflect.coaching.views import PlanMilestone as Milestone
from reflect.content.library import load_prompt_sets
from reflect.profile import mentor_brief, mentor_pack, mentor_recent
from reflect.profile import ratings as profile
from reflect.profile.mentor_markdown import pack_parts
from reflect.profile.mentor_pack import PackOptions
from reflect.store.entries import utc_now
from reflect.store.models import Action

TODAY = date.today()
SESSION = TODAY + timedelta(days=2)
OLD_GOALS = "Work out how to chair the joint panel"
NEW_GOALS = "Leave with a way to reach the lead member"
OUTCOME = "Agreed by health and the police at the first panel"


def days(n: int) -> date:
    return TODAY - timedelta(days=n)


def flat(text: str) -> str:
    return " ".join(text.split())


def pages(path) -> list[str]:
    return [flat(page.extract_text()) for page in PdfReader(str(path)).pages]


GOALS = (
    PlanGoal(1, "Build a working partnership with health", ("Partnerships",), 4, "active",
             (Milestone("Terms of reference agreed", days(40), MET, days(42)),
              Milestone("First joint panel", days(20), MOVED, days(30), days(35),
                        "health asked for a later date"),
              Milestone("Review the panel with the team", days(5), OPEN)), 3),
    PlanGoal(2, "Get the lead member's backing", ("Corporate buy-in", "Values"), 4, "active",
             (Milestone("Brief the lead member", days(30), MISSED, days(29),
                        why="meeting cancelled"),)),
)
CHANGES = (MilestoneChange(GOALS[0].title, "Terms of reference agreed", MET, days(42)),
           MilestoneChange(GOALS[1].title, "Brief the lead member", MISSED, days(29),
                           "meeting cancelled"))


def _prompt(set_id: str):
    prompt_set = next(s for s in load_prompt_sets().sets if s.id == set_id)
    return prompt_set, prompt_set.prompts[2]


@pytest.fixture
def journal(new_journal):
    j = new_journal
    profile.set_leader_name(j, "Alex Morgan")
    profile.rate(j, {"values_driven": 3, "partnerships": 1, "corporate_buy_in": 2},
                 rated_on=days(200))
    profile.rate(j, {"values_driven": 5, "partnerships": 2, "corporate_buy_in": 1},
                 rated_on=days(10))
    profile.rate(j, {"values_driven": 5, "partnerships": 4, "corporate_buy_in": 4},
                 kind="target", rated_on=days(100))
    for group in ("peer", "line manager"):
        profile.rate(j, {"values_driven": 3, "partnerships": 4}, kind="other",
                     rater_group=group, rated_on=days(20))
    old = j.add_entry("Preparing for October", "", kind="coaching", template_id="coaching_prep",
                      sections={"session_on": days(60).isoformat(), "goals": OLD_GOALS},
                      happened_on=days(62))
    j.add_entry("Preparing for December", "", kind="coaching", template_id="coaching_prep",
                sections={"session_on": SESSION.isoformat(), "goals": f"- {NEW_GOALS}",
                          "accomplished": "Ran the first joint panel"}, happened_on=days(1))
    j.prompted = {}
    for n, (set_id, title, attributes) in enumerate((
            ("ofsted_annex_b", "Quiet voices in the team meeting",
             ["changing_practice", "partnerships"]),
            ("firstline", "Panel with health", ["partnerships"]),
            ("sfpc_workbook2", "A hard conversation with the director", ["corporate_buy_in"]),
            ("scottish_leadership", "Thinking about my week", []))):
        prompt_set, prompt = _prompt(set_id)
        j.add_entry(title, f"Body of {title}.", share_with_mentor=True, happened_on=days(5 + n),
                    attributes=attributes, prompt_id=prompt.id)
        j.prompted[title] = mentor_recent.prompt_citation(prompt_set, prompt)
    now = utc_now()
    with j.vault.session() as session:
        session.add_all([
            Action(description="Shadow the partnership manager", owner="me", due_on=days(3),
                   entry_id=old.id, created_at=now),
            Action(description="Draft the panel's terms of reference", owner="me",
                   status="done", outcome=OUTCOME, closed_on=days(20), entry_id=old.id,
                   created_at=now),
            Action(description="Closed long before the last session", status="done",
                   outcome="Old news", closed_on=days(100), created_at=now),
        ])
    return j


def options(j, **changes) -> PackOptions:
    base = dict(date_from=days(365), date_to=TODAY, leader_name="Alex Morgan",
                coach="Dr Sam Lee", session_on=SESSION, role="Team manager, children in care",
                entry_ids=mentor_pack.default_selection(
                    mentor_pack.candidates(j, days(365), TODAY)))
    base.update(changes)
    return PackOptions(**base)


def _export(journal, tmp_path, **changes):
    out = tmp_path / "pack.pdf"
    result = mentor_pack.export(journal, options(journal, **changes), out,
                                plan_goals=lambda _j, _d: GOALS,
                                milestone_changes=lambda _j, _s, _u: CHANGES)
    return out, result


def test_the_pack_reads_as_a_coaching_brief(journal, tmp_path):
    """The issue's done-when: brief on page 1, latest preparation first, since last session
    with a closed action's outcome, the plan table, reflections under their attributes and
    every prompt with its document's name."""
    out, result = _export(journal, tmp_path)
    text = pages(out)
    first, whole = text[0], " ".join(text)
    # Page 1: the brief, and all of it (its contents list ends on page 1).
    for expected in ("Coach or mentor Dr Sam Lee", f"Session {mentor_brief.uk_date(SESSION)}",
                     "Role and context Team manager, children in care",
                     "This session’s goals", NEW_GOALS, "Current targets",
                     "Partnerships: 4 (now 2)",
                     "Largest gaps", "Blind spot: Values", "Hidden strength: Partnerships",
                     "To target: Corporate buy-in +3", "Overdue",
                     "Action: Shadow the partnership manager",
                     "Milestone: Review the panel with the team", "In this pack",
                     "Notes from the session: a page to write on"):
        assert expected in first, expected
    assert OLD_GOALS not in first
    assert text[1].split("Alex Morgan", 1)[1].strip().startswith("Since last session")
    # Since the previous session (the older preparation's session date).
    since = text[1]
    assert f"Since the previous coaching session, {mentor_brief.uk_date(days(60))}" in since
    assert "Draft the panel's terms of reference. Outcome: " + OUTCOME in since
    assert "Closed long before" not in whole
    assert "Met" in since and "Terms of reference agreed" in since
    assert "Missed" in since and "(meeting cancelled)" in since
    assert "Values: 3 → 5" in since and "Line manager" in since
    # The plan as a table.
    assert "Development plan Goal Attributes Milestones Status" in whole
    assert "Build a working partnership with health" in whole and "Active, 1 of 3 met" in whole
    assert "Brief the lead member: missed" in whole
    # The latest preparation before the older one.
    coaching = whole.index("Coaching preparation and goals The latest preparation first")
    assert coaching < whole.index("Preparing for December") < whole.index("Preparing for October")
    # Reflections under the attribute they evidence.
    reflections = whole[whole.index("Reflections by attribute"):]
    order = [reflections.index(h) for h in (
        "Changing practice and culture (Practice & culture)", "Quiet voices in the team meeting",
        "Creating successful partnerships (Partnerships)", "Panel with health",
        "See also “Quiet voices in the team meeting”", "(Corporate buy-in)",
        "A hard conversation with the director", "Other reflections", "Thinking about my week")]
    assert order == sorted(order)
    # Every prompt with its document's name.
    assert "Ofsted, Joining the dots, Annex B, para" in whole
    assert "Firstline: adapted by Reflect from Frontline" in whole
    for citation in journal.prompted.values():
        assert citation in whole, citation
    # The last page is for notes from the session.
    assert text[-1].split("Alex Morgan", 1)[1].strip().startswith("Notes from the session")
    assert "What we agreed" in text[-1] and result.pages == len(text)


def test_a_long_brief_stays_on_page_one(journal, tmp_path):
    now = utc_now()
    with journal.vault.session() as session:
        session.add_all([Action(description=f"Overdue action number {n} with a long description "
                                "that wraps over the line", due_on=days(n + 1), created_at=now)
                         for n in range(12)])
    journal.add_entry("Preparing at length", "", kind="coaching", template_id="coaching_prep",
                      sections={"goals": "\n".join(f"- Goal {n}: " + "a long goal " * 20
                                                   for n in range(10))}, happened_on=TODAY)
    out, _result = _export(journal, tmp_path, entry_ids=mentor_pack.default_selection(
        mentor_pack.candidates(journal, days(365), TODAY)))
    text = pages(out)
    assert "Goal 0:" in text[0] and "(in full under Coaching preparation)" in text[0]
    assert "more: see the actions and the plan" in text[0]
    assert "Notes from the session: a page to write on" in text[0]
    assert text[1].split("Alex Morgan", 1)[1].strip().startswith("Since last session")


def test_no_plan_is_one_line_and_the_tick_leaves_it_out(journal, tmp_path):
    out = tmp_path / "pack.pdf"
    mentor_pack.export(journal, options(journal), out)  # the plan's own domain: no goals yet
    whole = " ".join(pages(out))
    assert "Development plan No development plan yet." in whole
    assert "Goal Attributes Milestones Status" not in whole
    mentor_pack.export(journal, options(journal, include_plan=False), out)
    whole = " ".join(pages(out))
    assert "Development plan" not in whole
    assert not any(line.startswith("Development plan")
                   for line in mentor_pack.plan(journal, options(journal,
                                                                 include_plan=False)).lines())


def test_since_last_session_falls_back_to_the_last_pack_then_the_period(new_journal, tmp_path):
    j = new_journal
    content = mentor_pack.collect(j, PackOptions(date_from=days(90), date_to=TODAY))
    assert (content.since_last.since, content.since_last.basis) == (days(90),
                                                                    "the start of the period")
    mentor_pack.export(j, PackOptions(date_from=days(90), date_to=TODAY), tmp_path / "a.pdf")
    assert mentor_recent.last_export(j) == TODAY
    content = mentor_pack.collect(j, PackOptions(date_from=days(90), date_to=TODAY))
    assert content.since_last.basis == "the last mentor pack"
    assert mentor_pack.collect(j, PackOptions()).since_last.since == TODAY


def test_the_plan_before_saving_lists_the_new_parts(journal):
    content = mentor_pack.collect(journal, options(journal), plan_goals=lambda _j, _d: GOALS,
                                  milestone_changes=lambda _j, _s, _u: CHANGES)
    lines = mentor_pack.describe(content).lines()
    parts = [line.split(":", 1)[0] for line in lines]
    assert parts[:4] == ["Brief (page 1)", "Since last session", "Development plan",
                         "Coaching preparation"]
    assert "coach or mentor Dr Sam Lee" in lines[0]
    assert "1 actions closed, 2 milestone changes" in lines[1]
    assert lines[2] == "Development plan: 2 goals"
    assert parts[-1] == "Notes from the session"


def test_the_printed_pack_follows_the_pdf(journal):
    content = mentor_pack.collect(journal, options(journal), plan_goals=lambda _j, _d: GOALS,
                                  milestone_changes=lambda _j, _s, _u: CHANGES)
    parts = pack_parts(content)
    assert [p.heading for p in parts] == [
        "Brief", "Since last session", "Development plan", "Coaching preparation and goals",
        "Leadership profile", "Scores", "Attribute notes", "Reflections",
        "Open development actions", "About the ratings", "Notes from the session"]
    text = {p.heading: p.markdown for p in parts}
    assert NEW_GOALS in text["Brief"] and "Dr Sam Lee" in text["Brief"]
    assert OUTCOME in text["Since last session"]
    assert "| Goal | Attributes | Milestones | Status |" in text["Development plan"]
    prep = text["Coaching preparation and goals"]
    assert prep.index("Preparing for December") < prep.index("Preparing for October")
    assert "## Creating successful partnerships (Partnerships)" in text["Reflections"]
    assert "Firstline: adapted by Reflect" in text["Reflections"]


def test_an_entry_with_two_attributes_is_printed_once(journal, tmp_path):
    out, _result = _export(journal, tmp_path)
    whole = " ".join(pages(out))
    reflections = whole[whole.index("Reflections by attribute"):]
    assert reflections.count("Body of Quiet voices in the team meeting.") == 1


# -- every prompt's document -------------------------------------------------------------------
def _all_prompts():
    return [(s, p) for s in load_prompt_sets().sets for p in s.prompts]


@pytest.mark.parametrize("prompt_set, prompt", _all_prompts(),
                         ids=[p.id for _s, p in _all_prompts()])
def test_every_shipped_prompt_names_its_document(prompt_set, prompt):
    line = mentor_recent.prompt_citation(prompt_set, prompt)
    assert line and line == line.strip() and "  " not in line
    assert prompt_set.source_short.split(",")[0] in line  # the document
    place = prompt.source.replace("paragraph ", "para ")
    assert place.split(",")[-1].strip() in line  # where in it
    assert not re.search(r"\b(\w[\w ]*\w), \1\b", line), line  # "Annex B, Annex B"
    assert "?," not in line and ",," not in line
    if prompt_set.adapted:
        assert line.startswith(prompt_set.name.split(":")[0] + ": adapted by Reflect from ")
    else:
        assert "adapted" not in line


def test_the_issue_s_examples():
    by_id = {p.id: (s, p) for s, p in _all_prompts()}
    para_145 = next(p for s, p in _all_prompts() if p.source == "Annex B, paragraph 145")
    assert mentor_recent.prompt_citation(*by_id[para_145.id]) == \
        "Ofsted, Joining the dots, Annex B, para 145"
    firstline = next(p for s, p in _all_prompts() if s.id == "firstline")
    assert mentor_recent.prompt_citation(*by_id[firstline.id]).startswith(
        "Firstline: adapted by Reflect")
