"""A new "My supervision" record starts with the latest team climate: the widest gap of each
perspective checked in and its question, read-only and out of the Tab order; a one-to-one
with a supervisee does not show it, nor does an own supervision with no check-in yet."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from reflect.climate import checkins
from reflect.content.climate import climate_content
from reflect.journal.journal import Journal
from reflect.supervision.records import Supervision
from reflect.ui.supervision.climate_panel import ClimatePanel
from tests.ui.conftest import open_unlocked


def test_a_new_own_supervision_starts_with_the_latest_climate(qtbot, make_window, driver,
                                                              folder: Path, cheap, passphrase):
    journal, _ = Journal.create(folder, passphrase, cheap)
    with journal:
        Supervision(journal).add_supervisee("Kestrel", role="Social worker")
        checkins.record(journal, {"clarity": (2, 5), "flexibility": (3, 4)},
                        checked_on=date(2026, 4, 1))
        checkins.record(journal, {"clarity": (4, 5), "flexibility": (1, 4)},
                        checked_on=date(2026, 7, 1))
        checkins.record(journal, {"responsibility": (2, 4)}, perspective="experience",
                        checked_on=date(2026, 7, 2))
    window = open_unlocked(qtbot, make_window, driver, folder, passphrase)
    window.shell.show_page("Supervision")
    page = window.shell.page("Supervision")
    assert page.new_record("my_supervision")
    panel = page.form.body.climate
    assert isinstance(panel, ClimatePanel) and panel.isVisible()
    content = climate_content()
    assert panel.texts() == [
        "The climate I create for my team (1 July 2026): the widest gap is Flexibility, now 1 "
        f"and ideal 4 (+3). {content.dimension('flexibility').prompt}",
        "The climate I experience from my manager (2 July 2026): the widest gap is "
        f"Responsibility, now 2 and ideal 4 (+2). {content.dimension('responsibility').prompt}"]
    layout = page.form.body.layout()
    assert layout.indexOf(panel) < layout.indexOf(page.form.body.review)  # at its start
    assert panel not in page.form.body.focus_widgets()
    assert "climate" not in str(page.form.body.sections_state())  # nothing of it is saved

    assert page.new_record("one_to_one")
    assert page.form.body.climate is None


def test_no_panel_before_the_first_check_in(qtbot, new_journal):
    from reflect.ui.supervision.record_body import RecordBody

    supervision = Supervision(new_journal)
    template = next(t for t in supervision.templates().templates if t.id == "my_supervision")
    body = RecordBody(supervision, template, [])
    qtbot.addWidget(body)
    assert body.climate is None
