"""The Profile page's 360 feedback section, driven by keys and clicks offscreen: a round made
in the New round dialog, refused in place, its forms made into a folder, returned forms
imported with a report, a printed form typed in, a round closed and reopened; and others'
ratings typed in the rating dialog stored as one rater's return in a round."""

from __future__ import annotations

import io
from datetime import date, timedelta
from pathlib import Path

import pytest
from pypdf import PdfReader
from PySide6.QtCore import Qt

from reflect.feedback import form_fields as ff
from reflect.feedback import returns, rounds
from reflect.feedback.forms import write_forms
from reflect.feedback.rounds import create_round
from reflect.profile import ratings as profile
from reflect.ui.feedback.import_report import TYPE_IN
from reflect.ui.feedback.round_dialog import COUNTS_HINT, NewRoundDialog
from reflect.ui.feedback.typed_return import NO_ROUND
from reflect.ui.profile.page import ProfilePage
from reflect.ui.profile.rating_dialog import RatingDialog
from tests.feedback.conftest import fill_form

TODAY = date.today()
ANSWERS = {ff.GROUP_FIELD: "/peer", ff.score_field("values_driven"): "/4",
           ff.score_field("partnerships"): "/2",
           ff.comment_field("partnerships"): "Follow-up after disputes can be slow."}


@pytest.fixture
def page(qtbot, new_journal, tmp_path) -> ProfilePage:
    page = ProfilePage(new_journal)
    qtbot.addWidget(page)
    page.resize(1200, 900)
    page.show()
    qtbot.waitExposed(page)
    return page


def _click(qtbot, button) -> None:
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def _type_count(qtbot, box, count: int) -> None:
    box.setFocus()
    qtbot.keyClick(box, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(box, str(count))


def _new_round(qtbot, page, name: str, counts: dict[str, int]) -> NewRoundDialog:
    _click(qtbot, page.rounds.new_button)
    dialog = page.rounds.dialog
    assert isinstance(dialog, NewRoundDialog)
    qtbot.waitExposed(dialog)
    qtbot.keyClicks(dialog.name_edit, name)
    for group, count in counts.items():
        _type_count(qtbot, dialog.counts[group], count)
    qtbot.keyClick(dialog.counts[group], Qt.Key.Key_Return)  # Enter: the default, Save
    return dialog


def test_a_round_made_by_keys_is_listed_with_forms_sent_per_group(qtbot, page, new_journal):
    dialog = _new_round(qtbot, page, "Autumn 360", {"line manager": 1, "peer": 2,
                                                    "team member": 4})
    assert dialog.hint.text() == COUNTS_HINT
    assert COUNTS_HINT.startswith("Groups with fewer than three returns are merged into "
                                  "“others”, except the line manager: invite at least three")
    qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=2_000)
    [made] = rounds.rounds(new_journal)
    assert (made.name, made.invited) == ("Autumn 360", {"line manager": 1, "peer": 2,
                                                        "team member": 4})
    section = page.rounds
    assert section.headers() == ["Round", "Opened", "Closed", "Returned", "Line manager",
                                 "Peers", "Team members"]
    assert section.row_text("Autumn 360")[2:] == ["open", "0 of 7", "0 of 1", "0 of 2",
                                                  "0 of 4"]
    assert section.rule.isVisible() and "fewer than three returns" in section.rule.text()


def test_the_dialog_names_the_groups_that_would_be_merged(qtbot, page):
    _click(qtbot, page.rounds.new_button)
    dialog = page.rounds.dialog
    _type_count(qtbot, dialog.counts["peer"], 2)
    _type_count(qtbot, dialog.counts["line manager"], 1)
    assert dialog.merged.isVisible()
    assert dialog.merged.text() == "With these numbers, peers will be shown merged into others."
    _type_count(qtbot, dialog.counts["peer"], 3)
    assert not dialog.merged.isVisible()


def test_a_refused_round_is_said_in_place_and_nothing_is_stored(qtbot, page, new_journal):
    create_round(new_journal, "Autumn 360", {"peer": 3})
    page.rounds.refresh()
    dialog = _new_round(qtbot, page, "Autumn 360", {"peer": 4})
    assert dialog.isVisible()
    assert "A round called “Autumn 360” already exists" in dialog.error.text()
    qtbot.keyClick(dialog.name_edit, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(dialog.name_edit, "Spring 360")
    _type_count(qtbot, dialog.counts["peer"], 0)
    qtbot.keyClick(dialog.counts["peer"], Qt.Key.Key_Return)
    assert dialog.isVisible() and "at least one form" in dialog.error.text()
    assert [r.name for r in rounds.rounds(new_journal)] == ["Autumn 360"]


def test_forms_made_into_a_folder_name_it_and_open_it(qtbot, new_journal, tmp_path):
    opened: list[Path] = []
    out = tmp_path / "forms"
    out.mkdir()
    create_round(new_journal, "Autumn 360", {"peer": 2, "line manager": 1})
    profile.set_leader_name(new_journal, "Sam Okafor")
    page = ProfilePage(new_journal)
    page.rounds.choose_folder = lambda _parent, _start: out
    page.rounds.opener = opened.append
    qtbot.addWidget(page)
    page.show()
    _click(qtbot, page.rounds.forms_button)
    dialog = page.rounds.dialog
    qtbot.waitExposed(dialog)
    assert "form 1 of 3" in dialog.names.text() or "form 01 of 3" in dialog.names.text()
    _click(qtbot, dialog.choose_button)
    assert dialog.folder_edit.text() == str(out)
    qtbot.keyClick(dialog.folder_edit, Qt.Key.Key_Return)  # the default: Make forms
    qtbot.waitUntil(lambda: dialog.result_label.isVisible(), timeout=20_000)
    files = sorted(out.glob("*.pdf"))
    assert [f.name for f in files] == [f"Autumn 360 - form 0{i} of 3.pdf" for i in (1, 2, 3)]
    text = dialog.result_label.text()
    assert text.startswith(f"Wrote 3 fillable forms to {out}.")
    assert "hold no answers yet, but they name you (“Sam Okafor”)" in text
    assert "Sam Okafor" in PdfReader(io.BytesIO(files[0].read_bytes())).pages[0].extract_text()
    assert dialog.open_button.isDefault()
    qtbot.keyClick(dialog.open_button, Qt.Key.Key_Return)
    assert opened == [out]


def test_forms_already_there_are_named_and_none_is_written(qtbot, new_journal, tmp_path):
    out = tmp_path / "forms"
    out.mkdir()
    made = create_round(new_journal, "Autumn 360", {"peer": 2})
    (out / "Autumn 360 - 2 forms to print.pdf").write_bytes(b"mine")
    page = ProfilePage(new_journal)
    page.rounds.choose_folder = lambda _parent, _start: out
    qtbot.addWidget(page)
    page.show()
    dialog = page.rounds.open_make_forms()
    assert dialog is not None and dialog.round.id == made.id
    _click(qtbot, dialog.paper)
    _click(qtbot, dialog.make_button)  # no folder yet: the chooser is asked
    qtbot.waitUntil(lambda: dialog.error.isVisible(), timeout=20_000)
    assert "Autumn 360 - 2 forms to print.pdf already exists" in dialog.error.text()
    assert (out / "Autumn 360 - 2 forms to print.pdf").read_bytes() == b"mine"
    assert len(list(out.iterdir())) == 1


def test_returned_forms_chosen_are_reported_and_a_printed_one_is_typed_in(
        qtbot, new_journal, tmp_path):
    made = create_round(new_journal, "Autumn 360", {"peer": 3})
    filled, paper = tmp_path / "filled", tmp_path / "paper"
    filled.mkdir()
    paper.mkdir()
    blank = write_forms(new_journal, made, filled)[0]
    back = filled / "back.pdf"
    back.write_bytes(fill_form(blank.read_bytes(), ANSWERS))
    printed = write_forms(new_journal, made, paper, paper=True)[0]
    page = ProfilePage(new_journal)
    page.rounds.choose_files = lambda _parent, _start: [back, printed]
    qtbot.addWidget(page)
    page.resize(1200, 900)
    page.show()
    _click(qtbot, page.rounds.import_button)
    dialog = page.rounds.dialog
    qtbot.waitUntil(lambda: dialog.report is not None, timeout=20_000)
    assert dialog.row_texts()[0] == "back.pdf: Imported — Autumn 360, peer, 2 ratings"
    assert dialog.row_texts()[1].startswith(
        f"{printed.name}: Skipped — This form was printed, flattened or scanned")
    assert dialog.summary.text() == "Imported 1 of 2 files; 1 skipped, for the reason below."
    qtbot.waitUntil(lambda: page.rounds.row_text("Autumn 360")[3] == "1 of 3", timeout=2_000)
    assert page.table_text("partnerships", "Others (n)") == "2 (1)"
    [button] = dialog.type_in_buttons
    assert button.text() == TYPE_IN
    _click(qtbot, button)
    rating = page.rating_dialog
    assert isinstance(rating, RatingDialog)
    qtbot.waitExposed(rating)
    assert rating.kind == "other" and rating.round_box.round_id() == made.id


def test_a_round_is_closed_and_reopened(qtbot, page, new_journal):
    create_round(new_journal, "Autumn 360", {"peer": 3}, opened_on=TODAY - timedelta(days=3))
    page.rounds.refresh()
    assert page.rounds.close_button.text() == "Close round"
    _click(qtbot, page.rounds.close_button)
    assert page.rounds.row_text("Autumn 360")[2] != "open"
    assert not rounds.rounds(new_journal)[0].is_open
    assert page.rounds.close_button.text() == "Reopen round"
    assert not page.rounds.forms_button.isEnabled()
    _click(qtbot, page.rounds.close_button)
    assert rounds.rounds(new_journal)[0].is_open and page.rounds.forms_button.isEnabled()


def test_others_ratings_typed_in_are_one_return_in_the_latest_open_round(qtbot, page,
                                                                       new_journal):
    create_round(new_journal, "Spring 360", {"peer": 3}, opened_on=TODAY - timedelta(days=200))
    autumn = create_round(new_journal, "Autumn 360", {"peer": 3},
                          opened_on=TODAY - timedelta(days=5))
    _click(qtbot, page.rate_button)
    dialog = page.rating_dialog
    qtbot.waitExposed(dialog)
    _click(qtbot, dialog.kind_buttons["other"])
    assert dialog.round_box.isVisible()
    labels = [dialog.round_box.itemText(i) for i in range(dialog.round_box.count())]
    assert labels[0].startswith("Autumn 360") and labels[-1] == NO_ROUND
    dialog.rater_box.setCurrentText("")
    qtbot.keyClicks(dialog.rater_box, "peer")
    for attribute_id, key in (("values_driven", Qt.Key.Key_4), ("partnerships", Qt.Key.Key_2)):
        card = dialog.cards[attribute_id]
        card.choice.buttons[0].setFocus()
        qtbot.keyClick(card.choice.buttons[0], key)
    qtbot.keyClick(dialog.cards["partnerships"].choice.buttons[2], Qt.Key.Key_Return)  # Save
    qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=2_000)
    [one] = returns.returns(new_journal)
    assert (one.round_id, one.group, one.source, one.ratings) == (autumn.id, "peer", "typed", 2)
    assert page.rounds.row_text("Autumn 360")[3] == "1 of 3"
    assert {v.return_id for v in profile.ratings(new_journal, kind="other")} == {one.id}


def test_a_closed_round_refuses_typed_ratings_in_place(qtbot, page, new_journal):
    made = create_round(new_journal, "Autumn 360", {"peer": 3},
                        opened_on=TODAY - timedelta(days=5))
    _click(qtbot, page.rate_button)
    dialog = page.rating_dialog
    dialog.set_kind("other")
    rounds.close_round(new_journal, made.uid)  # closed while the form was open
    dialog.rater_box.setCurrentText("peer")
    dialog.set_score("values_driven", 4)
    _click(qtbot, dialog.save_button)
    assert dialog.isVisible() and "reopen it to add returns" in dialog.error.text()
    assert profile.ratings(new_journal, kind="other") == []
    dialog.round_box.setCurrentIndex(dialog.round_box.count() - 1)  # No round
    _click(qtbot, dialog.save_button)
    assert not dialog.isVisible()
    [one] = returns.returns(new_journal)
    assert one.round_id is None and one.source == "typed"
