"""A supervisee's supervision agreement (contract): when it was agreed, when it is to be
reviewed and a short note or its text, so an overdue review shows on their page and on Home.

Revision ID: 0003
Revises: 0002
"""

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("person") as batch:
        batch.add_column(sa.Column("contract_agreed_on", sa.Date(), nullable=True))
        batch.add_column(sa.Column("contract_review_on", sa.Date(), nullable=True))
        batch.add_column(sa.Column("contract_note", sa.String(), nullable=False,
                                   server_default=""))


def downgrade() -> None:
    with op.batch_alter_table("person") as batch:
        batch.drop_column("contract_note")
        batch.drop_column("contract_review_on")
        batch.drop_column("contract_agreed_on")
