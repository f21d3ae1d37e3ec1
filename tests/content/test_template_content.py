"""The sections issue 13 adds to the shipped templates, with their sources: mediation in the
one-to-one (Morrison's fourth function), group supervision's roles, decisions and Redbridge's
sixth aim (para 63), the complex case review's facilitator, form, Hampshire's criteria and
what is working, and the critical friend discussion on the cusp of care (para 88). Quoted
guidance must be in the source document word for word."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from reflect.content.templates import Template, load_templates

SOURCE = Path(__file__).resolve().parents[3] / "shared" / "seeds" / "001_54e362bb44fa0f98.txt"

# Sections of the previous version of each template: records saved then use these ids.
EARLIER = {
    "one_to_one": ["supervisee", "agenda", "previous_actions", "experiencing", "reflecting",
                   "analysing", "challenge", "challenge_outcome", "cases", "decisions",
                   "way_forward", "child_file", "workload", "wellbeing", "learning",
                   "supervisee_comments", "supervisor_notes", "next_session"],
    "group_supervision": ["presenter", "facilitator", "question", "case_summary",
                          "hypotheses", "themes", "values", "learning", "cases", "actions"],
    "complex_case_review": ["case_holder", "why_now", "child", "perspectives", "impact",
                            "challenge", "cases", "decisions", "way_forward", "child_file",
                            "review_date"],
    "my_supervision": ["bring", "reflect", "step_back", "challenge", "team", "resilience",
                       "workload", "learning", "agreed", "next_session"],
}
VERSIONS = {"one_to_one": 3, "group_supervision": 3, "complex_case_review": 3,
            "my_supervision": 3, "critical_friend": 1}
HAMPSHIRE = ("all children placed in residential care", "children exiting a secure environment",
             "children for whom there is no identifiable resource",
             "children with complex needs at risk of drifting", "children in custody",
             "children where there is professional disagreement that cannot be resolved "
             "locally")


@pytest.fixture(scope="module")
def templates() -> dict[str, Template]:
    result = load_templates()
    assert result.errors == ()
    return {t.id: t for t in result.templates}


def _source() -> str:
    if not SOURCE.exists():
        pytest.skip(f"the source document is not here: {SOURCE}")
    return " ".join(SOURCE.read_text(encoding="utf-8").split())


def _quotes(text: str) -> list[str]:
    """Words quoted in guidance: between 'single' quotes (an apostrophe inside a word is not
    a quote mark)."""
    return [q for q in re.findall(r"(?<!\w)'(.+?)'(?!\w)", text) if len(q.split()) > 2]


def test_versions_are_raised_and_earlier_section_ids_are_kept(templates):
    for template_id, version in VERSIONS.items():
        assert templates[template_id].version == version, template_id
    for template_id, ids in EARLIER.items():
        now = [s.id for s in templates[template_id].sections]
        assert set(ids) <= set(now), template_id
        assert [i for i in now if i in ids] == ids, f"{template_id}: earlier order kept"


def test_one_to_one_completes_morrisons_four_functions_with_mediation(templates):
    one = templates["one_to_one"]
    mediation = one.section("mediation")
    assert mediation.type == "text" and mediation.audience == "all"
    assert not mediation.sensitive
    for words in ("resources", "policy", "workload", "One item a line", "What I am bringing",
                  "Morrison"):
        assert words in mediation.guidance
    order = [s.id for s in one.sections]
    assert order.index("learning") < order.index("mediation") < order.index(
        "supervisee_comments")
    assert templates["my_supervision"].section("bring").title == "What I am bringing"
    assert "mediation" in templates["my_supervision"].section("bring").guidance


def test_group_supervision_has_roles_decisions_the_childs_file_and_the_sixth_aim(templates):
    group = templates["group_supervision"]
    for section_id, title in (("presenter", "Presenter"), ("facilitator", "Facilitator"),
                              ("observers", "Observers"), ("action_planner", "Action planner")):
        assert group.section(section_id).title == title
    assert group.section("decisions").type == "text"
    assert "case's block" in group.section("decisions").guidance
    # The child's-file question is the case block's, which adds the action on "No".
    cases = group.section("cases")
    on_file = next(f for f in cases.fields if f.id == "on_file")
    assert on_file.type == "yesno" and on_file.child_file
    sixth = group.section("self_in_practice")
    assert sixth.title == "Self in practice and resilience" and sixth.sensitive
    assert ("'raise awareness of the self in practice, building on and improving social "
            "work resilience and effectiveness', Ofsted para 63") in sixth.guidance
    redbridge = [s for s in group.sections if "Redbridge" in s.guidance]
    assert len(redbridge) == 6 and all("para 63" in s.guidance for s in redbridge)


def test_complex_case_review_has_its_facilitator_form_criteria_and_what_is_working(templates):
    review = templates["complex_case_review"]
    assert review.section("facilitator").type == "text"
    independent = review.section("facilitator_independent")
    assert independent.type == "yesno"
    assert "independent of the line management of the case" in independent.guidance
    assert review.section("review_form").choices == (
        "Reflective group supervision", "A deep dive case analysis", "A circle of adults")
    criteria = review.section("entry_criterion")
    assert criteria.type == "choice" and "after para 42" in criteria.guidance
    assert tuple(c.lower() for c in criteria.choices[:-1]) == HAMPSHIRE
    assert criteria.choices[-1] == "Another reason (say below)"
    order = [s.id for s in review.sections]
    assert order.index("entry_criterion") == order.index("why_now") - 1
    working = review.section("working")
    assert working.title == "What is working" and working.case_notes
    assert "solution-focused" in working.guidance


def test_the_critical_friend_variant_is_its_own_template_from_para_88(templates):
    friend = templates["critical_friend"]
    assert friend.kind == "supervision" and "para 88" in friend.purpose
    assert "cusp of care" in friend.name
    ids = [s.id for s in friend.sections]
    assert ids[0] == "case_holder" and friend.section("why_now").required
    assert {"facilitator", "facilitator_independent", "avenues", "working", "challenge",
            "needs_care", "cases", "way_forward", "review_date"} <= set(ids)
    assert "para 88" in friend.section("avenues").guidance
    assert "para 88" in friend.section("needs_care").guidance
    assert len(friend.section("needs_care").choices) == 3
    assert any(f.child_file for f in friend.section("cases").fields)


def test_quoted_guidance_is_in_the_source_word_for_word(templates):
    source = _source()
    folded = source.replace("’", "'").replace("‘", "'")
    for template_id in ("group_supervision", "complex_case_review", "critical_friend"):
        template = templates[template_id]
        texts = [template.purpose] + [s.guidance for s in template.sections]
        quotes = [q for text in texts for q in _quotes(text)]
        assert quotes, template_id
        for quote in quotes:
            assert quote.replace("’", "'").replace("‘", "'") in folded, (template_id, quote)
    for criterion in HAMPSHIRE:
        assert f"· {criterion}" in source


PLAN_SOURCE = SOURCE.parent / "002_3298c569e8731a07.txt"


@pytest.mark.parametrize(("template_id", "quote"), [
    ("personal_review",
     "personal review - feedback and identification of key challenges and learning needs"),
    ("learning_review", "final module to include personal learning review"),
])
def test_the_plan_reviews_quote_section_11_word_for_word(templates, template_id, quote):
    """The reviews that start and close a development plan name their source and quote it
    exactly (Scottish Leadership Foundation, 2003, section 11.4)."""
    if not PLAN_SOURCE.exists():
        pytest.skip(f"the source document is not here: {PLAN_SOURCE}")
    template = templates[template_id]
    assert _quotes(template.purpose) == [quote]
    assert "Scottish Leadership Foundation" in template.purpose
    assert "section 11.4" in template.purpose
    source = " ".join(PLAN_SOURCE.read_text(encoding="utf-8").split())
    assert f"• {quote};" in source or f"• {quote}." in source
    for section in template.sections:
        assert _quotes(section.guidance) == [], (template_id, section.id)
