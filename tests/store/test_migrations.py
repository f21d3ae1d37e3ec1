"""The Alembic baseline matches the tables the code uses, and the quick path knows the head."""

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlmodel import select

from reflect.store.migrate import HEAD_REVISION, alembic_head, current_revision
from reflect.store.models import SQLModel


def _not_fts(name, type_, _parent) -> bool:
    """FTS5's shadow tables are created by the virtual table, and the tag counts are kept by
    triggers: neither belongs to the models."""
    return not (type_ == "table" and ((name or "").startswith("entry_fts")
                                      or name == "entry_tag"))


def test_head_constant_matches_the_scripts():
    assert alembic_head() == HEAD_REVISION


def test_a_new_journal_is_at_head_and_matches_the_models(new_journal):
    engine = new_journal.vault.engine
    assert current_revision(engine) == HEAD_REVISION
    with engine.connect() as conn:
        context = MigrationContext.configure(conn, opts={"include_name": _not_fts})
        diffs = compare_metadata(context, SQLModel.metadata)
    assert diffs == []


def test_search_index_is_inside_the_database(new_journal):
    with new_journal.vault.session() as session:
        conn = session.connection().connection.driver_connection
        names = {r[0] for r in conn.execute("SELECT name FROM sqlite_master")}
    assert "entry_fts" in names


def test_a_migration_takes_a_verified_backup_first(new_journal, journal_dir, tmp_path,
                                                   monkeypatch):
    """A future schema change, played out with a real second revision."""
    import shutil

    from reflect.journal.journal import Journal
    from reflect.store import migrate
    from reflect.store.backups import list_backups
    from reflect.store.sqlcipher import raw_connect
    from tests.conftest import PASSPHRASE

    before, later = HEAD_REVISION, f"{int(HEAD_REVISION) + 1:04d}"
    new_journal.add_entry(f"Written under revision {before}", "kept")
    new_journal.close()
    scripts = tmp_path / "migrations"
    shutil.copytree(migrate._SCRIPTS, scripts, ignore=shutil.ignore_patterns("__pycache__"))
    (scripts / "versions" / f"{later}_marker.py").write_text(
        f'from alembic import op\n\nrevision = "{later}"\ndown_revision = "{before}"\n'
        "branch_labels = None\ndepends_on = None\n\n\ndef upgrade():\n"
        '    op.execute("CREATE TABLE later_feature (x INTEGER)")\n\n\n'
        "def downgrade():\n    op.execute(\"DROP TABLE later_feature\")\n")
    monkeypatch.setattr(migrate, "_SCRIPTS", scripts)
    monkeypatch.setattr(migrate, "HEAD_REVISION", later)

    with Journal.unlock(journal_dir, passphrase=PASSPHRASE) as journal:
        assert current_revision(journal.vault.engine) == later
        assert journal.search("revision").total == 1
        key = journal.vault.data_key
    [backup] = [b for b in list_backups(journal_dir) if b.label == f"before-migration-{before}"]
    conn = raw_connect(backup.path / "journal.db", key, read_only=True)
    try:
        assert conn.execute("SELECT version_num FROM alembic_version").fetchone()[0] == before
        assert conn.execute("PRAGMA quick_check").fetchone()[0] == "ok"
    finally:
        conn.close()


def test_a_0001_journal_gains_the_last_supervision_column(tmp_path):
    """A journal written before revision 0002 opens, keeps its supervisee and can store
    their last supervision before Reflect; the backup before the change is kept."""
    import json
    import shutil
    from datetime import date
    from pathlib import Path

    from reflect.journal.journal import Journal
    from reflect.store.backups import list_backups
    from reflect.supervision.records import Supervision

    data = Path(__file__).resolve().parent / "data"
    facts = json.loads((data / "old_driver_journal.json").read_text())
    folder = tmp_path / "journal"
    shutil.copytree(data / "old_driver_journal", folder)
    with Journal.unlock(folder, passphrase=facts["passphrase"]) as journal:
        assert current_revision(journal.vault.engine) == HEAD_REVISION
        sup = Supervision(journal)
        (wren,) = sup.supervisees()
        assert wren.last_supervised_on is None
        sup.update_supervisee(wren.id, last_supervised_on=date(2026, 2, 2))
        assert sup.supervisee(wren.id).last_supervised_on == date(2026, 2, 2)
    assert any(b.label == "before-migration-0001" for b in list_backups(folder))


def test_a_0001_journal_gains_the_supervision_agreement_columns(tmp_path):
    """Revision 0003 on a journal written before it: the supervisee is kept, has no agreement
    yet, and can be given one with its review date."""
    import json
    import shutil
    from datetime import date
    from pathlib import Path

    from reflect.journal.journal import Journal
    from reflect.supervision.contracts import contract_line, set_contract
    from reflect.supervision.records import Supervision

    data = Path(__file__).resolve().parent / "data"
    facts = json.loads((data / "old_driver_journal.json").read_text())
    folder = tmp_path / "journal"
    shutil.copytree(data / "old_driver_journal", folder)
    with Journal.unlock(folder, passphrase=facts["passphrase"]) as journal:
        assert current_revision(journal.vault.engine) == HEAD_REVISION
        sup = Supervision(journal)
        (wren,) = sup.supervisees()
        assert (wren.contract_agreed_on, wren.contract_review_on, wren.contract_note) == (
            None, None, "")
        set_contract(sup, wren.id, date(2026, 1, 5), date(2027, 1, 5), "Monthly")
        again = sup.supervisee(wren.id)
        assert contract_line(again, date(2026, 3, 1)).endswith("review by 5 Jan 2027")


def test_a_0001_journal_gains_the_development_plan(tmp_path):
    """Revision 0004 on a journal written before it: its entries are kept, the plan is empty,
    and a goal with a milestone and an entry as evidence can be added."""
    import json
    import shutil
    from datetime import date
    from pathlib import Path

    from reflect.coaching import plan
    from reflect.journal.journal import Journal

    data = Path(__file__).resolve().parent / "data"
    facts = json.loads((data / "old_driver_journal.json").read_text())
    folder = tmp_path / "journal"
    shutil.copytree(data / "old_driver_journal", folder)
    with Journal.unlock(folder, passphrase=facts["passphrase"]) as journal:
        assert current_revision(journal.vault.engine) == HEAD_REVISION
        assert plan.goals(journal) == ()
        [entry] = journal.list_entries(limit=1)
        goal_id = plan.add_goal(journal, "Lead change", attributes=["changing_practice"])
        plan.add_milestone(journal, goal_id, "Pilot group supervision", date(2026, 6, 1))
        plan.link(journal, goal_id, entry_id=entry.id)
        assert len(plan.evidence(journal, goal_id)) == 1


def test_a_0001_journal_gains_feedback_rounds_and_keeps_its_ratings(tmp_path):
    """Revision 0005 on a journal written before it: ratings keep their scores and belong to
    no return; a round and a return can be stored and a rating linked to it."""
    import json
    import shutil
    from datetime import UTC, date, datetime
    from pathlib import Path

    from reflect.journal.journal import Journal
    from reflect.store.models import FeedbackReturn, FeedbackRound, Rating

    data = Path(__file__).resolve().parent / "data"
    facts = json.loads((data / "old_driver_journal.json").read_text())
    folder = tmp_path / "journal"
    shutil.copytree(data / "old_driver_journal", folder)
    now = datetime.now(UTC)
    with Journal.unlock(folder, passphrase=facts["passphrase"]) as journal:
        assert current_revision(journal.vault.engine) == HEAD_REVISION
        with journal.vault.session() as session:
            before = session.exec(select(Rating)).all()
            assert all(r.return_id is None for r in before)
            found = len(before)
            round_ = FeedbackRound(uid="r1", name="Autumn", opened_on=date(2026, 10, 1),
                                   invited={"peer": 4}, created_at=now)
            session.add(round_)
            session.flush()
            back = FeedbackReturn(round_id=round_.id, form_id="ABCD-EFGH", rater_group="peer",
                                  returned_on=date(2026, 10, 9), created_at=now)
            session.add(back)
            session.flush()
            session.add(Rating(attribute_id="values_driven", kind="other", score=4,
                               rater_group="peer", rated_on=date(2026, 10, 9), created_at=now,
                               return_id=back.id))
        with journal.vault.session() as session:
            assert len(session.exec(select(Rating)).all()) == found + 1


def test_a_0001_journal_gains_climate_checkins(tmp_path):
    """Revision 0006 on a journal written before it: its entries are kept, there are no
    check-ins, and one can be recorded with a team response and read back."""
    import json
    import shutil
    from datetime import date
    from pathlib import Path

    from reflect.climate import checkins
    from reflect.journal.journal import Journal

    data = Path(__file__).resolve().parent / "data"
    facts = json.loads((data / "old_driver_journal.json").read_text())
    folder = tmp_path / "journal"
    shutil.copytree(data / "old_driver_journal", folder)
    with Journal.unlock(folder, passphrase=facts["passphrase"]) as journal:
        assert current_revision(journal.vault.engine) == HEAD_REVISION
        assert journal.list_entries(limit=1)
        assert checkins.checkins(journal) == ()
        checkin_id = checkins.record(journal, {"clarity": (2, 4)}, checked_on=date(2026, 4, 1))
        checkins.add_response(journal, checkin_id, {"clarity": (3, 5)})
        (found,) = checkins.checkins(journal)
        assert found.scores == {"clarity": (2, 4)} and found.responses == ({"clarity": (3, 5)},)


def test_a_0001_journal_gains_the_retention_columns(tmp_path):
    """Revision 0007: supervisees gain the day they left, a retention review date and a
    legal hold, off for everyone already there."""
    import json
    import shutil
    from pathlib import Path

    from reflect.journal.journal import Journal
    from reflect.store.models import Person

    data = Path(__file__).resolve().parent / "data"
    facts = json.loads((data / "old_driver_journal.json").read_text())
    folder = tmp_path / "journal"
    shutil.copytree(data / "old_driver_journal", folder)
    with Journal.unlock(folder, passphrase=facts["passphrase"]) as journal:
        assert current_revision(journal.vault.engine) == HEAD_REVISION
        with journal.vault.session() as session:
            people = session.exec(select(Person)).all()
            assert all(p.left_on is None and p.retention_review_on is None
                       and p.legal_hold is False and p.legal_hold_note == "" for p in people)


def test_a_0001_journal_gains_the_external_search_index_and_shrinks(tmp_path):
    """Revision 0009: the index is rebuilt from the entries (no second copy), search and
    snippets answer as before, tags are counted, and the file is compacted once (the
size saving is measured at 100,000 entries by the benchmark)."""
    import json
    import shutil
    from pathlib import Path

    from reflect.journal.journal import Journal
    from reflect.store.check import run_checks
    from reflect.store.sqlcipher import raw_connect
    from reflect.store.vault import db_path

    data = Path(__file__).resolve().parent / "data"
    facts = json.loads((data / "old_driver_journal.json").read_text())
    folder = tmp_path / "journal"
    shutil.copytree(data / "old_driver_journal", folder)
    with Journal.unlock(folder, passphrase=facts["passphrase"]) as journal:
        hits = journal.search("debrief").hits
        assert [h.title for h in hits] == ["A hard visit"]
        assert "\x02debrief" in hits[0].snippet.casefold()
        tags = sorted({t for e in journal.list_entries(limit=1000) for t in e.tags})
        assert journal.tags() == tags
        assert run_checks(journal.vault) == []
        conn = raw_connect(db_path(folder), journal.vault.data_key)
        try:
            names = {r[0] for r in conn.execute("SELECT name FROM sqlite_master")}
            free = conn.execute("PRAGMA freelist_count").fetchone()[0]
        finally:
            conn.close()
    assert "entry_fts_content" not in names and free == 0  # compacted: no freed pages kept
