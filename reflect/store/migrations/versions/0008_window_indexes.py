"""Indexes that keep the window quick at 100,000 entries (issue 18).

Each starts with the columns a query fixes, so that SQLite (which keeps no statistics here)
prefers it to ix_entry_deleted_at, which every live entry shares:

- ``ix_entry_live_order`` (deleted_at, happened_on): the journal list's order. A page at any
  depth (OFFSET) walks this index instead of reading every entry above it (0.9 s a third of
  the way down 100,000), and the next page (keyset: below the last row's date and id) starts
  where the last one ended.
- ``ix_entry_live_kind`` (kind, deleted_at, happened_on): the same order within one kind (the
  supervision records Home checks for agreement), without sorting every record.
- ``ix_entry_supervisee`` (kind, deleted_at, person_id, happened_on): supervision records per
  supervisee (last supervision, agreed next sessions, record numbers) without reading the
  records that have no supervisee.
- ``ix_entry_own_records`` (person_id, deleted_at, happened_on), of entries made from a
  template only: the leader's own records, newest first, without reading every reflection
  (384 ms at 100,000, twice at each unlock).
- ``ix_entry_disagreement`` (kind, deleted_at, the outcome of a record's difference of
  opinion): Home finds the open ones without reading every record's sections.

Revision ID: 0008
Revises: 0007
"""

import sqlalchemy as sa
from alembic import op

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None

RECORDS = sa.text("template_id IS NOT NULL")
INDEXES = {
    "ix_entry_live_order": ["deleted_at", "happened_on"],
    "ix_entry_live_kind": ["kind", "deleted_at", "happened_on"],
    "ix_entry_supervisee": ["kind", "deleted_at", "person_id", "happened_on"],
    "ix_entry_own_records": ["person_id", "deleted_at", "happened_on"],
}


#: The expression store/disagreements.py filters on, exactly as written there.
OUTCOME = "json_extract(sections, '$.challenge_outcome')"


def upgrade() -> None:
    for name, columns in INDEXES.items():
        where = RECORDS if name == "ix_entry_own_records" else None
        op.create_index(name, "entry", columns, sqlite_where=where)
    op.create_index("ix_entry_disagreement", "entry",
                    ["kind", "deleted_at", sa.text(OUTCOME)])


def downgrade() -> None:
    op.drop_index("ix_entry_disagreement", table_name="entry")
    for name in reversed(INDEXES):
        op.drop_index(name, table_name="entry")
