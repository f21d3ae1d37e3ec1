"""A supervisee's supervision agreement and its review date, on a real journal."""

from __future__ import annotations

from datetime import date

import pytest

from reflect.supervision.contracts import contract_line, reviews_due, set_contract
from reflect.supervision.records import Supervision, SupervisionError

TODAY = date(2026, 3, 20)


def test_an_agreement_past_its_review_date_is_due(new_journal):
    sup = Supervision(new_journal)
    wren = sup.add_supervisee("Wren")
    kite = sup.add_supervisee("Kite")
    assert contract_line(wren, TODAY) == "No supervision agreement recorded yet."
    with pytest.raises(SupervisionError, match="after the day it was agreed"):
        set_contract(sup, wren.id, date(2026, 3, 1), date(2026, 2, 1))
    set_contract(sup, wren.id, date(2025, 3, 3), date(2026, 3, 3), "Monthly, 90 minutes")
    set_contract(sup, kite.id, date(2026, 1, 5), date(2027, 1, 5))
    wren = sup.supervisee(wren.id)
    assert wren.contract_note == "Monthly, 90 minutes"
    assert contract_line(wren, TODAY) == (
        "Supervision agreement: agreed 3 Mar 2025 · review overdue since 3 Mar 2026 (17 days)")
    assert contract_line(sup.supervisee(kite.id), TODAY) == (
        "Supervision agreement: agreed 5 Jan 2026 · review by 5 Jan 2027")
    assert [(d.person.code_name, d.days_overdue) for d in reviews_due(sup, TODAY)] == [
        ("Wren", 17)]
    sup.deactivate(wren.id)
    assert reviews_due(sup, TODAY) == []
