"""Workbook 1's instructions beside the rating questions, and what the source printed where
Reflect corrected a question (issue 15): driven through the real Profile page and its dialogs."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QWidget

from reflect.content.guidance import rating_instructions
from reflect.profile import ratings as profile_domain
from reflect.ui.profile.page import ProfilePage
from reflect.ui.profile.rating_dialog import RatingDialog

PRINTED = "How much are you living our and honouring your values through your work?"


@pytest.fixture
def page(qtbot, new_journal) -> ProfilePage:
    page = ProfilePage(new_journal)
    qtbot.addWidget(page)
    page.resize(1200, 800)
    page.show()
    qtbot.waitExposed(page)
    return page


def _open_form(qtbot, page: ProfilePage) -> RatingDialog:
    qtbot.mouseClick(page.rate_button, Qt.MouseButton.LeftButton)
    dialog = page.rating_dialog
    assert dialog is not None
    qtbot.waitExposed(dialog)
    return dialog


def _visible_texts(widget: QWidget) -> list[str]:
    """What the user can read: the text of every label shown."""
    return [label.text() for label in widget.findChildren(QLabel) if label.isVisible()]


def _reads(widget: QWidget, text: str) -> bool:
    return any(text in shown for shown in _visible_texts(widget))


def test_a_first_rating_shows_the_workbooks_instructions_with_their_source(qtbot, page):
    dialog = _open_form(qtbot, page)
    assert dialog.how_to_answer.is_expanded()
    quotes = rating_instructions()
    assert len(quotes) == 3
    for quote in quotes:
        assert _reads(dialog, f"“{quote.text}”"), quote.text
        assert quote.source in _visible_texts(dialog)
    for words in ("answer the following questions honestly",
                  "Do not spend too long answering any one question.",
                  "you might equally find it confronting",
                  "reflecting on your answers with a coach or mentor"):
        assert _reads(dialog, words), words
    assert _reads(dialog, "Workbook 1, Part 2: Developing leaders")


def test_after_a_first_rating_they_fold_to_one_line_and_space_opens_them(qtbot, page):
    profile_domain.rate(page.journal, {"values_driven": 3}, kind="self",
                        rated_on=date.today())
    page.refresh()
    dialog = _open_form(qtbot, page)
    how = dialog.how_to_answer
    assert not how.is_expanded()
    assert not _reads(dialog, "Do not spend too long answering any one question.")
    assert how.toggle.isVisible() and how.toggle.text().startswith("How to answer")
    how.toggle.setFocus()
    qtbot.keyClick(how.toggle, Qt.Key.Key_Space)
    assert how.is_expanded()
    assert _reads(dialog, "Do not spend too long answering any one question.")
    assert rating_instructions()[0].source in _visible_texts(dialog)
    qtbot.keyClick(how.toggle, Qt.Key.Key_Space)
    assert not _reads(dialog, "Do not spend too long answering any one question.")


def test_the_corrected_question_says_what_the_source_printed(qtbot, page):
    dialog = _open_form(qtbot, page)
    values = dialog.cards["values_driven"]
    assert values.correction is not None and values.correction.isVisible()
    assert f"The source prints this question as “{PRINTED}”" in values.correction.text()
    assert "“our” to “out”" in values.correction.text()
    assert all(card.correction is None for key, card in dialog.cards.items()
               if key != "values_driven")
    dialog.reject()

    (value,) = profile_domain.rate(page.journal, {"values_driven": 4}, kind="self",
                                   rated_on=date.today())
    correcting = page.open_correction(value)
    qtbot.waitExposed(correcting)
    assert _reads(correcting, PRINTED)
    assert not correcting.how_to_answer.is_expanded()  # a correction is one field: folded


def test_the_attributes_prompts_show_the_correction_and_the_instructions(qtbot, page):
    chart = page.radar.chart
    qtbot.mouseClick(chart, Qt.MouseButton.LeftButton,
                     pos=chart.label_rects()[0].center().toPoint())
    dialog = page.prompts_dialog
    assert dialog is not None and dialog.isVisible()
    assert dialog.correction is not None and _reads(dialog, PRINTED)
    how = dialog.how_to_answer
    assert not how.is_expanded()
    qtbot.mouseClick(how.toggle, Qt.MouseButton.LeftButton)
    for quote in rating_instructions():
        assert _reads(dialog, quote.text)
        assert quote.source in _visible_texts(dialog)
    dialog.reject()

    qtbot.mouseClick(chart, Qt.MouseButton.LeftButton,
                     pos=chart.label_rects()[3].center().toPoint())
    partners = page.prompts_dialog
    assert partners is not dialog and partners.correction is None
    assert not _reads(partners, "The source prints")
