"""Kestrel and an earlier record, as the record-form tests start from, and a new record."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, timedelta
from pathlib import Path

from reflect.journal.journal import Journal
from reflect.store.envelope import KdfParams
from reflect.store.models import Action
from reflect.supervision.records import Supervision

TODAY = date.today()


def seed_kestrel(folder: Path, cheap: KdfParams, passphrase: str,
                 actions: Sequence[Action] = (), done: int | None = None,
                 **sections: str) -> Path:
    """A journal with Kestrel (social worker) and one record of 30 days ago holding
    ``sections`` (a challenge and "Agreed." comments unless given) and ``actions``; the
    action at index ``done`` is completed."""
    journal, _ = Journal.create(folder, passphrase, cheap)
    with journal:
        sup = Supervision(journal)
        kestrel = sup.add_supervisee("Kestrel", role="Social worker")
        start = sup.start_record(kestrel.id, "one_to_one", TODAY - timedelta(days=30))
        start.entry.sections.update({"challenge": "Threshold",
                                     "supervisee_comments": "Agreed.", **sections})
        record = sup.save_record(start.entry, list(actions))
        if done is not None:
            sup.complete(record.actions[done].id, "The school now shares attendance weekly.")
    return folder


def new_record(window):
    """A new one-to-one on the Supervision page; its form."""
    window.shell.show_page("Supervision")
    page = window.shell.page("Supervision")
    assert page.new_record("one_to_one")
    return page.form
