"""Returned forms taken in (issue 16's done-when): a form made for a round, filled in as a
rater's reader does (field values written with pypdf), imported and found in the right round
and group; the same form twice counts once; a damaged, foreign, flattened or blank file, a
form of another journal's round, of a closed round or with values out of range is skipped
with its reason and writes nothing; one bad file never stops the others."""

from __future__ import annotations

import io
from datetime import date
from pathlib import Path

import pytest
from pypdf import PdfReader, PdfWriter

from reflect.feedback import form_fields as ff
from reflect.feedback import form_read, imports, returns, rounds
from reflect.feedback.form_pdf import rater_form
from reflect.feedback.imports import import_forms
from reflect.feedback.rounds import create_round, find_round, round_info
from reflect.journal.journal import Journal
from reflect.profile import ratings as profile
from reflect.store.envelope import KdfParams
from tests.conftest import PASSPHRASE
from tests.feedback.conftest import fill_form

DAY = date(2026, 11, 20)
ANSWERS = {
    ff.GROUP_FIELD: "/team_member",
    ff.score_field("values_driven"): "/4",
    ff.score_field("partnerships"): "/not_observed",
    ff.comment_field("values_driven"): "Sam names the values in every team meeting.",
    ff.comment_field("corporate_buy_in"): "Not something I see.",
}


@pytest.fixture
def autumn(new_journal):
    return create_round(new_journal, "Autumn 360", {"peer": 3, "team member": 4,
                                                    "line manager": 1},
                        opened_on=date(2026, 11, 3))


@pytest.fixture
def blank_form(autumn) -> bytes:
    return rater_form(round_info(autumn), "Sam Okafor")


def _write(folder: Path, name: str, data: bytes) -> Path:
    path = folder / name
    path.write_bytes(data)
    return path


def _others(journal) -> list[tuple[str, str, int | None, str]]:
    return [(v.attribute_id, v.rater_group or "", v.score, v.note)
            for v in profile.ratings(journal, kind="other")]


def test_a_filled_form_is_found_in_its_round_and_group(new_journal, autumn, blank_form,
                                                       tmp_path):
    path = _write(tmp_path, "from a team member.pdf", fill_form(blank_form, ANSWERS))
    seen: list[tuple[int, int]] = []
    report = import_forms(new_journal, [path], returned_on=DAY,
                          progress=lambda done, total: seen.append((done, total)))
    assert report.outcomes == (imports.FileOutcome(path, True, "", "Autumn 360", "team member",
                                                   3),)
    assert seen == [(1, 1)] and report.skipped == ()
    assert find_round(new_journal, "Autumn 360").returned == {"team member": 1}
    assert _others(new_journal) == [
        ("values_driven", "team member", 4, "Sam names the values in every team meeting."),
        ("partnerships", "team member", None, ""),  # not observed
        ("corporate_buy_in", "team member", None, "Not something I see."),  # a comment only
    ]
    (back,) = returns.returns(new_journal, autumn.id)
    form_id = PdfReader(io.BytesIO(blank_form)).get_fields()[ff.FORM_ID_FIELD]["/V"]
    assert (back.source, back.form_id, back.returned_on, back.ratings) == (
        "form", form_id, DAY, 3)
    assert {v.return_id for v in profile.ratings(new_journal, kind="other")} == {back.id}
    assert {v.rated_on for v in profile.ratings(new_journal, kind="other")} == {DAY}


def test_the_same_form_imported_twice_counts_once(new_journal, autumn, blank_form, tmp_path):
    first = _write(tmp_path, "returned.pdf", fill_form(blank_form, ANSWERS))
    again = _write(tmp_path, "returned (1).pdf", fill_form(blank_form, {
        **ANSWERS, ff.score_field("values_driven"): "/2"}))  # saved again with a change
    report = import_forms(new_journal, [first, again])
    assert [o.imported for o in report.outcomes] == [True, False]
    today = f"{date.today().day} {date.today():%b %Y}"
    assert report.outcomes[1].reason == (f"returned (1).pdf: this form was imported on {today}, "
                                         "so it was not counted again.")
    assert report.outcomes[1].refusal == imports.ALREADY_IMPORTED
    later = import_forms(new_journal, [first])
    assert later.outcomes[0].refusal == imports.ALREADY_IMPORTED
    assert find_round(new_journal, "Autumn 360").returned == {"team member": 1}
    assert [s for _, _, s, _ in _others(new_journal)] == [4, None, None]


def _flattened(pdf: bytes) -> bytes:
    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(pdf)))
    writer.remove_annotations(subtypes="/Widget")
    del writer.root_object["/AcroForm"]
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def _foreign() -> bytes:
    from reportlab.pdfgen.canvas import Canvas

    out = io.BytesIO()
    canvas = Canvas(out)
    canvas.drawString(72, 720, "A council survey, not a Reflect form.")
    canvas.acroForm.textfield(name="comment", value="Looks like a form", x=72, y=600)
    canvas.showPage()
    canvas.save()
    return out.getvalue()


@pytest.fixture
def other_journal_form(tmp_path) -> bytes:
    """A form of a round of the same name, made in another journal."""
    other, _ = Journal.create(tmp_path / "other journal", PASSPHRASE, KdfParams.cheap())
    with other:
        theirs = create_round(other, "Autumn 360", {"peer": 3})
    return fill_form(rater_form(round_info(theirs), "Someone else"), ANSWERS)


def test_each_bad_file_is_skipped_with_its_reason_and_the_good_ones_still_go_in(
        new_journal, autumn, blank_form, other_journal_form, tmp_path):
    good = fill_form(blank_form, ANSWERS)
    files = [
        _write(tmp_path, "damaged.pdf", good[: len(good) // 3]),
        _write(tmp_path, "notes.pdf", b"Dear Sam, my answers are below."),
        _write(tmp_path, "survey.pdf", _foreign()),
        _write(tmp_path, "flattened.pdf", _flattened(good)),
        _write(tmp_path, "printed.pdf", rater_form(round_info(autumn), "Sam", 2,
                                                   fillable=False)),
        _write(tmp_path, "theirs.pdf", other_journal_form),
        _write(tmp_path, "blank.pdf", rater_form(round_info(autumn), "Sam")),
        _write(tmp_path, "seven.pdf", fill_form(rater_form(round_info(autumn), "Sam"), {
            ff.score_field("values_driven"): "/7"})),
        tmp_path / "not there.pdf",
        _write(tmp_path, "good.pdf", good),
    ]
    report = import_forms(new_journal, files)
    assert [o.path for o in report.outcomes] == files  # in the order given
    assert [o.refusal for o in report.outcomes] == [
        form_read.NOT_READABLE, form_read.NOT_READABLE, form_read.FOREIGN, form_read.NO_FIELDS,
        form_read.NO_FIELDS, form_read.OTHER_ROUND, imports.BLANK, form_read.OUT_OF_RANGE,
        form_read.NOT_READABLE, ""]
    reasons = {o.path.name: o.reason for o in report.outcomes}
    assert reasons["damaged.pdf"] == ("damaged.pdf is damaged or not a PDF: ask the rater to "
                                      "send the filled-in form again.")
    assert "type them in on the Profile page" in reasons["flattened.pdf"]
    assert reasons["theirs.pdf"] == ("theirs.pdf is a form from a 360 round that is not in "
                                     "this journal: import it into the journal the round was "
                                     "made in.")
    assert "nothing was answered" in reasons["blank.pdf"]
    assert "not 1 to 5 or not observed" in reasons["seven.pdf"]
    for outcome in report.skipped:
        assert outcome.reason.startswith(outcome.path.name) and outcome.reason.endswith(".")
        assert "\n" not in outcome.reason and not outcome.ratings
    assert [o.path.name for o in report.imported] == ["good.pdf"]
    assert len(returns.returns(new_journal)) == 1 and len(_others(new_journal)) == 3


def test_the_line_manager_and_a_form_with_no_group_ticked(new_journal, autumn, tmp_path):
    info = round_info(autumn)
    manager = _write(tmp_path, "manager.pdf", fill_form(rater_form(info, "Sam"), {
        ff.GROUP_FIELD: "/line_manager", ff.score_field("values_driven"): "/3"}))
    unsaid = _write(tmp_path, "unsaid.pdf", fill_form(rater_form(info, "Sam"), {
        ff.score_field("values_driven"): "/5"}))
    report = import_forms(new_journal, [manager, unsaid])
    assert [(o.group, o.ratings) for o in report.outcomes] == [("line manager", 1),
                                                               ("other", 1)]
    assert find_round(new_journal, autumn.uid).returned == {"line manager": 1, "other": 1}


def test_a_form_is_found_in_its_own_round_among_several(new_journal, autumn, tmp_path):
    spring = create_round(new_journal, "Spring 2027", {"peer": 3}, opened_on=date(2027, 3, 1))
    path = _write(tmp_path, "spring.pdf", fill_form(rater_form(round_info(spring), "Sam"), {
        ff.GROUP_FIELD: "/peer", ff.score_field("partnerships"): "/2"}))
    assert import_forms(new_journal, [path]).outcomes[0].round_name == "Spring 2027"
    assert find_round(new_journal, "Spring 2027").returned == {"peer": 1}
    assert find_round(new_journal, "Autumn 360").returned == {}


def test_a_closed_round_takes_no_form_until_reopened(new_journal, autumn, blank_form,
                                                     tmp_path):
    path = _write(tmp_path, "late.pdf", fill_form(blank_form, ANSWERS))
    rounds.close_round(new_journal, "Autumn 360", date(2026, 12, 1))
    (late,) = import_forms(new_journal, [path]).outcomes
    assert late.refusal == imports.CLOSED and "reopen the round" in late.reason
    assert _others(new_journal) == []
    rounds.reopen_round(new_journal, "Autumn 360")
    assert import_forms(new_journal, [path]).outcomes[0].imported


def test_a_return_deleted_by_mistake_can_be_imported_again(new_journal, autumn, blank_form,
                                                           tmp_path):
    path = _write(tmp_path, "returned.pdf", fill_form(blank_form, ANSWERS))
    import_forms(new_journal, [path])
    (back,) = returns.returns(new_journal)
    assert returns.delete_return(new_journal, back.id) == 3 and _others(new_journal) == []
    assert import_forms(new_journal, [path]).outcomes[0].imported
    assert len(_others(new_journal)) == 3
