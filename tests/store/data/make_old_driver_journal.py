"""Make ``old_driver_journal/``: a small journal written by the first database driver,
``sqlcipher3-binary`` 0.6.0 (SQLCipher 4), kept so that every later driver is tested against
a file it did not write itself (tests/store/test_old_driver_journal.py).

Run once, with sqlcipher3-binary installed, from the repository root:

    python tests/store/data/make_old_driver_journal.py

Everything it writes is fiction. The passphrase and the recovery key are written next to
the journal on purpose: this is test data, not a secret.
"""

from __future__ import annotations

import json
import shutil
import sys
from datetime import date
from importlib import metadata
from pathlib import Path

HERE = Path(__file__).resolve().parent
FOLDER = HERE / "old_driver_journal"
PASSPHRASE = "old driver, same journal"


def main() -> int:
    from reflect.journal.journal import Journal
    from reflect.profile.ratings import rate
    from reflect.store.envelope import KdfParams
    from reflect.store.models import Action
    from reflect.supervision.records import Supervision

    if FOLDER.exists():
        shutil.rmtree(FOLDER)
    journal, recovery_key = Journal.create(FOLDER, PASSPHRASE, KdfParams.cheap())
    try:
        journal.add_entry("Team meeting", "We talked about **caseloads** and the rota.",
                          tags=["team"], happened_on=date(2026, 3, 2))
        journal.add_entry("A hard visit", "Stayed calm; asked for a debrief afterwards.",
                          tags=["practice", "wellbeing"], happened_on=date(2026, 3, 5))
        rate(journal, {"values_driven": 3, "partnerships": 4}, rated_on=date(2026, 3, 6))
        sup = Supervision(journal)
        wren = sup.add_supervisee("Wren", role="Social worker", schedule="monthly")
        start = sup.start_record(wren.id, "one_to_one", happened_on=date(2026, 3, 9))
        start.entry.sections.update(agenda="Caseload", challenge="Is the threshold met?")
        sup.save_record(start.entry, [Action(description="Book the strategy meeting",
                                             owner="Wren", due_on=date(2026, 3, 16))])
        with journal.vault.session() as s:
            version = s.connection().exec_driver_sql("PRAGMA cipher_version").scalar()
    finally:
        journal.close()
    for leftover in ("journal.lock", "journal.db-wal", "journal.db-shm"):
        (FOLDER / leftover).unlink(missing_ok=True)
    (HERE / "old_driver_journal.json").write_text(json.dumps({
        "passphrase": PASSPHRASE,
        "recovery_key": recovery_key,
        "driver": f"sqlcipher3-binary {metadata.version('sqlcipher3-binary')}",
        "cipher_version": version,
        "python": sys.version.split()[0],
    }, indent=2) + "\n")
    print(f"wrote {FOLDER} with SQLCipher {version}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
