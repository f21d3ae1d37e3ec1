"""Data protection on a supervisee: the day they left, the retention review date for their
notes, and a legal hold that blocks deletion.

Revision ID: 0007
Revises: 0006
"""

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # Plain ADD COLUMN: a batch (copy and drop) of ``person`` would break the foreign keys
    # that entries and actions hold on it.
    op.add_column("person", sa.Column("left_on", sa.Date(), nullable=True))
    op.add_column("person", sa.Column("retention_review_on", sa.Date(), nullable=True))
    op.add_column("person", sa.Column("legal_hold", sa.Boolean(create_constraint=False),
                                      nullable=False, server_default=sa.false()))
    op.add_column("person", sa.Column("legal_hold_note", sa.String(), nullable=False,
                                      server_default=""))


def downgrade() -> None:
    with op.batch_alter_table("person") as batch:
        for column in ("legal_hold_note", "legal_hold", "retention_review_on", "left_on"):
            batch.drop_column(column)
