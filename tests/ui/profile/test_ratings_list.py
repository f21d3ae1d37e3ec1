"""Correcting ratings from the keyboard: every rating listed on the Profile page, Enter to
correct one in the rating form, Delete to remove one, Undo (button or Ctrl+Z) for both; the
radar follows at once and the corrections are in the journal after it is reopened."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from PySide6.QtCore import Qt

from reflect.journal.journal import Journal
from reflect.profile import ratings as profile_domain
from reflect.ui.profile.page import ProfilePage
from reflect.ui.profile.ratings_list import COLUMNS
from tests.conftest import PASSPHRASE

IDS = ["values_driven", "child_centred_decisions", "changing_practice", "partnerships",
       "corporate_buy_in"]
TODAY = date.today()
CTRL = Qt.KeyboardModifier.ControlModifier


@pytest.fixture
def page(qtbot, new_journal) -> ProfilePage:
    profile_domain.rate(new_journal, dict(zip(IDS, [4, 4, 3, 4, 2], strict=True)),
                        rated_on=TODAY - timedelta(days=3))
    profile_domain.rate(new_journal, {"values_driven": 2, "partnerships": 3}, kind="other",
                        rater_group="peer", rated_on=TODAY - timedelta(days=2))
    profile_domain.rate(new_journal, {"values_driven": 4, "partnerships": 3}, kind="other",
                        rater_group="line manager", rated_on=TODAY - timedelta(days=1))
    page = ProfilePage(new_journal)
    qtbot.addWidget(page)
    page.resize(1200, 900)
    page.show()
    qtbot.waitExposed(page)
    return page


def _go_to(qtbot, page: ProfilePage, kind: str, attribute_id: str,
           group: str | None = None) -> None:
    """Arrow down the list to one rating, as a keyboard user would."""
    ratings = page.ratings_list
    table = ratings.table
    page.activateWindow()  # as it is again once a dialog closes
    qtbot.waitUntil(page.isActiveWindow)
    table.setFocus()
    qtbot.keyClick(table, Qt.Key.Key_Home, CTRL)
    wanted = next(i for i, v in enumerate(ratings.values) if v.kind == kind
                  and v.attribute_id == attribute_id and v.rater_group == group)
    for _ in range(wanted):
        qtbot.keyClick(table, Qt.Key.Key_Down)
    chosen = ratings.selected()
    assert chosen is not None and (chosen.kind, chosen.attribute_id) == (kind, attribute_id)


def _others(page: ProfilePage, attribute_id: str) -> float | None:
    values = page.radar.chart.series_values("others")
    return values[IDS.index(attribute_id)] if values else None


def test_every_rating_is_listed_newest_first(page):
    rows = page.ratings_list.row_texts()
    assert len(rows) == 5 + 2 + 2
    assert rows[0][:5] == (rows[0][0], "360", "Values", "4", "line manager")
    assert {r[1] for r in rows} == {"Self", "360"}
    assert len(rows[0]) == len(COLUMNS)


def test_correct_a_360_rating_delete_a_self_rating_undo_the_delete_and_reopen(
        qtbot, page, new_journal):
    ratings = page.ratings_list
    assert _others(page, "values_driven") == 3.0  # (2 + 4) / 2

    # Correct the peer's 2 for Values: it was meant as a 5.
    _go_to(qtbot, page, "other", "values_driven", "peer")
    qtbot.keyClick(ratings.table, Qt.Key.Key_Return)
    dialog = page.rating_dialog
    assert dialog is not None and dialog.editing is not None
    qtbot.waitExposed(dialog)
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow)
    card = dialog.cards["values_driven"]
    assert card.isVisible() and not dialog.cards["partnerships"].isVisible()
    assert card.choice.value() == 2 and dialog.kind == "other"
    assert dialog.rater_box.currentText() == "peer"
    qtbot.keyClick(card.choice.buttons[2], "5")
    qtbot.keyClick(card.choice.buttons[5], Qt.Key.Key_Return, CTRL)
    assert not dialog.isVisible(), dialog.error.text()
    assert _others(page, "values_driven") == 4.5  # the radar followed at once
    assert ratings.selected().score == 5
    assert "Corrected" in ratings.undo_bar.label.text() and ratings.undo_bar.isVisible()

    # Delete the self-rating of Partnerships with the Delete key.
    _go_to(qtbot, page, "self", "partnerships")
    qtbot.keyClick(ratings.table, Qt.Key.Key_Delete)
    assert page.radar.chart.series_values("self")[IDS.index("partnerships")] is None
    assert page.table_text("partnerships", "Now") == "–"
    assert len(ratings.row_texts()) == 8
    assert ratings.undo_bar.label.text().startswith("Deleted the rating “Self: Partnerships 4")

    # Ctrl+Z brings it back, and the radar with it.
    qtbot.keyClick(ratings.table, Qt.Key.Key_Z, CTRL)
    assert ratings.undo_bar.isHidden()
    assert page.radar.chart.series_values("self")[IDS.index("partnerships")] == 4
    assert page.table_text("partnerships", "Now") == "4"
    assert ratings.selected().attribute_id == "partnerships"
    qtbot.keyClick(ratings.table, Qt.Key.Key_Z, CTRL)  # nothing left to undo: nothing happens
    assert len(ratings.row_texts()) == 9

    folder = new_journal.folder
    page.journal.close()
    with Journal.unlock(folder, passphrase=PASSPHRASE) as again:
        stored = profile_domain.ratings(again)
        assert len(stored) == 9
        peer = next(v for v in stored if v.rater_group == "peer"
                    and v.attribute_id == "values_driven")
        assert peer.score == 5
        assert next(v for v in stored if v.kind == "self"
                    and v.attribute_id == "partnerships").score == 4


def test_undo_a_correction_with_the_undo_button(qtbot, page):
    ratings = page.ratings_list
    _go_to(qtbot, page, "self", "changing_practice")
    qtbot.mouseClick(ratings.edit_button, Qt.MouseButton.LeftButton)
    dialog = page.rating_dialog
    qtbot.waitExposed(dialog)
    choice = dialog.cards["changing_practice"].choice
    qtbot.keyClick(choice.buttons[3], "1")
    dialog.set_kind("target")  # it was meant as a target
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert not dialog.isVisible(), dialog.error.text()
    assert page.radar.chart.series_values("target")[IDS.index("changing_practice")] == 1
    qtbot.mouseClick(ratings.undo_bar.action_button, Qt.MouseButton.LeftButton)
    assert page.radar.chart.series_values("target") is None
    assert page.radar.chart.series_values("self")[IDS.index("changing_practice")] == 3


def test_a_correction_needs_a_score_and_keeps_the_new_ratings_draft(qtbot, page, new_journal):
    new_journal.save_draft("profile:rating", {"kind": "self", "scores": {"values_driven": 2}})
    ratings = page.ratings_list
    _go_to(qtbot, page, "self", "values_driven")
    qtbot.keyClick(ratings.table, Qt.Key.Key_Return)
    dialog = page.rating_dialog
    qtbot.waitExposed(dialog)
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow)
    qtbot.keyClick(dialog.cards["values_driven"].choice.buttons[4], "0")  # "not rated"
    qtbot.keyClick(dialog.save_button, Qt.Key.Key_Return, CTRL)
    assert dialog.isVisible() and "use Delete in the list" in dialog.error.text()
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    assert not dialog.isVisible()
    assert profile_domain.ratings(new_journal, kind="self")[0].score == 4  # unchanged
    assert "profile:rating" in new_journal.drafts()  # the unsaved new round is still kept
