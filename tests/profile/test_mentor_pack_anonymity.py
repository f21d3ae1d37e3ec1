"""The mentor pack in a small team: the by-group table merges peers and the partner into
"Others" and states the rule, their notes carry no group, and two rounds are compared."""

from __future__ import annotations

from datetime import date, timedelta

from reflect.profile import anonymity, mentor_pack
from reflect.profile import ratings as profile
from reflect.profile.mentor_markdown import pack_parts
from reflect.profile.mentor_pack import PackOptions
from tests.profile.team import add_return, add_round, every, team_of_five
from tests.profile.test_mentor_pack import flat, pdf_text

TODAY = date.today()
AUTUMN, SPRING = TODAY - timedelta(days=200), TODAY - timedelta(days=20)


def _journal(j) -> None:
    profile.rate(j, every(5), rated_on=SPRING)
    autumn = add_round(j, "Autumn round", AUTUMN)
    team_of_five(j, autumn, AUTUMN)
    spring = add_round(j, "Spring round", SPRING)
    team_of_five(j, spring, SPRING)
    add_return(j, spring, "line manager", SPRING - timedelta(days=1), every(None))


def _groups_header(text: str) -> str:
    """The by-group table's header row: up to the first attribute's row."""
    start = text.index("Others, by rater group")
    return text[start:text.index("Values", start)]


def test_the_pack_merges_small_groups_and_states_the_rule(tmp_path, new_journal):
    _journal(new_journal)
    out = tmp_path / "pack.pdf"
    result = mentor_pack.export(new_journal, PackOptions(date_from=AUTUMN, date_to=TODAY), out)
    text = flat(pdf_text(out))
    table = _groups_header(text)
    # Old code: a "Peer" and a "Partner" column, and no rule.
    assert "Peer" not in table and "Partner" not in table
    # Raters are counted round by round: the same team answered both rounds.
    assert "Line manager 1 rater" in table and "Team member 3 raters" in table
    assert "Others 3 raters" in table
    assert flat(anonymity.RULE_TEXT) in text
    notes = text[text.index("Attribute notes"):]
    assert "Others: Hard to reach at times." in notes
    assert "Others: Slow to follow up after disputes." in notes
    assert "Team member: Always asks what the child would say." in notes
    assert "Peer:" not in notes and "Partner:" not in notes
    # Round on round, in the PDF and in the plan shown before saving.
    rounds = text[text.index("Round on round"):]
    assert ("Spring round (" in rounds and "against Autumn round" in rounds
            and "by group: Line manager, Team member." in rounds)
    plan = "\n".join(result.plan.lines())
    assert "Round on round: Spring round (" in plan


def test_the_printed_pack_has_the_same_merge(new_journal):
    _journal(new_journal)
    content = mentor_pack.collect(new_journal, PackOptions(date_from=AUTUMN, date_to=TODAY))
    markdown = "\n".join(part.markdown for part in pack_parts(content))
    assert "**Others:** Hard to reach at times." in markdown
    assert "**Partner:**" not in markdown and "**Peer:**" not in markdown
    assert "### Round on round" in markdown and "| Line manager | Team member |" in markdown


def test_one_round_says_so_in_the_pack(tmp_path, new_journal):
    only = add_round(new_journal, "Only round", SPRING)
    team_of_five(new_journal, only, SPRING)
    out = tmp_path / "pack.pdf"
    mentor_pack.export(new_journal, PackOptions(), out)
    assert "One round so far, Only round (" in flat(pdf_text(out))
