"""The Alembic baseline matches the tables the code uses, and the quick path knows the head."""

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext

from reflect.store.migrate import HEAD_REVISION, alembic_head, current_revision
from reflect.store.models import SQLModel


def _not_fts(name, type_, _parent) -> bool:
    """FTS5's shadow tables are created by the virtual table, not by the models."""
    return not (type_ == "table" and (name or "").startswith("entry_fts"))


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
