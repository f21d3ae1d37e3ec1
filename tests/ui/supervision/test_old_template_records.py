"""Records saved with the previous version of a template (before mediation, the group's
roles, the review's facilitator and criteria) open in today's form with every answer where it
was, count as unchanged, and export to Markdown and PDF with their words."""

from __future__ import annotations

import io
from datetime import date
from pathlib import Path

import pytest
from pypdf import PdfReader

from reflect.journal.journal import Journal
from reflect.supervision.record_pdf import record_pdf
from reflect.supervision.records import Supervision
from tests.ui.conftest import open_unlocked

DAY = date(2026, 10, 6)
# Answers as the previous versions stored them: only the sections those versions had.
OLD = {
    "one_to_one": {"agenda": "Two cases and the rota.", "challenge": "Threshold for C-1042.",
                   "challenge_outcome": "Resolved", "workload": 6,
                   "learning": "The neglect toolkit.", "supervisee_comments": "Agreed."},
    "group_supervision": {"facilitator": "Osprey facilitated; six of the team took part.",
                          "question": "How do we hear from C-2291 when mum speaks for her?",
                          "themes": "Feeling shut out, as the child is.",
                          "learning": "Ask the school how she talks about home."},
    "complex_case_review": {"why_now": "Requested by Wren: the plan rolled over three times.",
                            "perspectives": "School, health, the family.",
                            "decisions": "A family group conference within four weeks.",
                            "child_file": True},
    "my_supervision": {"bring": "Time to plan the audit.", "reflect": "A hard month.",
                       "workload": 8},
}


@pytest.fixture
def window(qtbot, make_window, driver, folder: Path, cheap, passphrase):
    journal, _ = Journal.create(folder, passphrase, cheap)
    with journal:
        sup = Supervision(journal)
        wren = sup.add_supervisee("Wren", role="Social worker")
        for template_id, answers in OLD.items():
            takes = template_id != "my_supervision"
            start = sup.start_record(wren.id if takes else None, template_id, DAY)
            start.entry.sections.update(answers)
            sup.save_record(start.entry)
    return open_unlocked(qtbot, make_window, driver, folder, passphrase)


def test_old_records_open_unchanged_and_export(qtbot, window):
    sup = Supervision(window.journal)
    wren = sup.supervisees()[0]
    records = {e.template_id: e for e in [*sup.records_for(wren.id), *sup.records_for(None)]}
    assert set(records) == set(OLD)
    window.shell.show_page("Supervision")
    page = window.shell.page("Supervision")
    for template_id, answers in OLD.items():
        entry = records[template_id]
        assert page.open_record(entry.id)
        form = page.form
        assert form.template.id == template_id and form.template.version > 1
        shown = form.body.sections_state()
        for section_id, value in answers.items():
            assert shown[section_id] == value, (template_id, section_id)
        new_ids = {"one_to_one": "mediation", "group_supervision": "self_in_practice",
                   "complex_case_review": "entry_criterion"}.get(template_id)
        if new_ids:
            assert shown[new_ids] is None  # a section the record never had stays empty
        assert not form.is_dirty and form.status_text() == "Saved", template_id
        assert form.leave()
        assert window.journal.get_entry(entry.id).updated_at == entry.updated_at

        markdown = sup.record_markdown(entry.id)
        pdf = PdfReader(io.BytesIO(record_pdf(sup.record(entry.id))))
        text = " ".join(" ".join(p.extract_text() for p in pdf.pages).split())
        for value in answers.values():
            if isinstance(value, str):
                assert value in markdown, (template_id, value)
                assert value.split(":")[0] in text, (template_id, value)
