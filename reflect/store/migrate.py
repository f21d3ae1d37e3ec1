"""Bring a journal database to the current schema, taking a backup first when it changes.

The common case (already current) is one SELECT and does not import Alembic, which keeps
``reflect search`` quick.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from sqlalchemy import Engine

HEAD_REVISION = "0009"
_SCRIPTS = Path(__file__).resolve().parent / "migrations"


def current_revision(engine: Engine) -> str | None:
    from reflect.store.queries import schema_revision

    with engine.connect() as conn:
        return schema_revision(conn.connection.driver_connection)


def alembic_head() -> str:
    """The head according to the migration scripts (tests check it equals HEAD_REVISION)."""
    from alembic.script import ScriptDirectory

    head = ScriptDirectory.from_config(_config()).get_current_head()
    if head is None:
        raise RuntimeError("no migration scripts found")
    return head


def _config():
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(_SCRIPTS))
    return config


def upgrade(engine: Engine, before_change: Callable[[str], object] | None = None) -> bool:
    """Upgrade to head. ``before_change(current)`` runs first (backup) unless the DB is new.

    Returns True when a migration ran.
    """
    current = current_revision(engine)
    if current == HEAD_REVISION:
        return False
    if current is not None and before_change is not None:
        before_change(current)
    from alembic import command

    config = _config()
    with engine.begin() as conn:
        config.attributes["connection"] = conn
        command.upgrade(config, "head")
    if current is not None and current < _COMPACTS_AFTER:
        _compact(engine)
    return True


#: Revision 0009 drops the search index's copy of every entry's text (a third of the file):
#: a journal that passes it is compacted once, so the file shrinks instead of keeping the
#: freed pages for later writes.
_COMPACTS_AFTER = "0009"


def _compact(engine: Engine) -> None:
    raw = engine.raw_connection()  # VACUUM cannot run inside SQLAlchemy's transaction
    try:
        raw.cursor().execute("VACUUM")
    finally:
        raw.close()
