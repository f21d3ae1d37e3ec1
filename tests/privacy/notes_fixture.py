"""A journal holding one supervisee's notes in every place notes can be, each carrying a
marker word, beside another supervisee's; and SQLCipher's pages read back decrypted, free
pages included, so a test can look for the marker where no query reaches."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes

from reflect.journal.journal import Journal
from reflect.store.models import Action
from reflect.supervision.records import FollowUp, Supervision
from reflect.supervision.sessions import log_session

MARKER = "quokkamarker"
OTHER = "wombatkeeper"
MARCH, APRIL, MAY = date(2026, 3, 3), date(2026, 4, 1), date(2026, 5, 5)
# SQLCipher 4 defaults: 4 KiB pages ending in a 16-byte IV and a 64-byte HMAC; page 1 starts
# with the 16-byte salt. A raw key is the AES-256 key itself.
PAGE, RESERVE, SALT = 4096, 80, 16


def fill(journal: Journal) -> tuple[int, int]:
    """Plover (the marker everywhere) and Wren (untouched); returns their ids."""
    sup = Supervision(journal)
    plover = sup.add_supervisee("Plover", role="Social worker")
    wren = sup.add_supervisee("Wren", role="Social worker")
    first = sup.start_record(plover.id, "one_to_one", happened_on=MARCH).entry
    first.title = f"Supervision about {MARKER}"
    first.body = f"Body {MARKER}"
    first.sections.update(
        agenda=f"Agenda {MARKER}", challenge=f"Challenge {MARKER}", challenge_outcome="Open",
        cases=[{"case_ref": "C-1043", "update": f"Case update {MARKER}", "_case": "c-1043"}],
        _agreement={"shared_on": "2026-03-04",
                    "comments": [{"on": "2026-03-05", "text": f"Comment {MARKER}"}]})
    saved = sup.save_record(first, [Action(description=f"Action {MARKER}", owner="Plover",
                                           due_on=APRIL)])
    action = saved.actions[0]
    second = sup.start_record(plover.id, "one_to_one", happened_on=APRIL).entry
    second.sections.update(agenda=f"Follow-up {MARKER}")
    sup.save_record(second, follow_ups=[FollowUp.made(action.id, "done",
                                                      f"Outcome {MARKER}")])
    log_session(sup, plover.id, "cancelled", MAY, f"Cancelled {MARKER}")
    trashed = sup.start_record(plover.id, "one_to_one", happened_on=MAY).entry
    trashed.sections.update(agenda=f"Trashed {MARKER}")
    trashed_id = sup.save_record(trashed).entry.id
    journal.delete_entry(trashed_id)
    journal.save_draft(f"supervision:entry:{saved.entry.id}",
                       {"v": 1, "entry_id": saved.entry.id, "person_id": plover.id,
                        "state": {"agenda": f"Draft {MARKER}"}})
    journal.save_draft("supervision:new:abc", {"v": 1, "entry_id": None, "uid": "abc",
                                               "person_id": plover.id,
                                               "state": {"agenda": f"New draft {MARKER}"}})
    theirs = sup.start_record(wren.id, "one_to_one", happened_on=MARCH).entry
    theirs.sections.update(agenda=f"Agenda {OTHER}", challenge=f"Challenge {OTHER}")
    sup.save_record(theirs, [Action(description=f"Action {OTHER}", owner="Wren")])
    return int(plover.id or 0), int(wren.id or 0)


def decrypted_pages(db: Path, key: bytes) -> bytes:
    """Every page of ``db`` decrypted (HMACs not checked): live, free and unused alike."""
    raw = db.read_bytes()
    out = bytearray()
    for start in range(0, len(raw) - PAGE + 1, PAGE):
        page = raw[start:start + PAGE]
        body = page[SALT if start == 0 else 0:PAGE - RESERVE]
        iv = page[PAGE - RESERVE:PAGE - RESERVE + 16]
        decryptor = Cipher(algorithms.AES(key), modes.CBC(iv)).decryptor()
        out += decryptor.update(body) + decryptor.finalize()
    return bytes(out)
