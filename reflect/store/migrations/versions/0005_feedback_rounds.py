"""360 feedback rounds: a round named and dated with the forms sent to each rater group, each
rater's return (a returned form counted once by its form id, or ratings typed in together),
and the return a rating of others came in.

Revision ID: 0005
Revises: 0004
"""

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "feedback_round",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("uid", sa.String(length=64), nullable=False, unique=True),
        sa.Column("name", sa.String(), nullable=False, unique=True),
        sa.Column("opened_on", sa.Date(), nullable=False),
        sa.Column("closed_on", sa.Date(), nullable=True),
        sa.Column("invited", sa.JSON(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
    )
    op.create_table(
        "feedback_return",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("round_id", sa.Integer(), sa.ForeignKey("feedback_round.id"), nullable=True),
        sa.Column("form_id", sa.String(length=64), nullable=True, unique=True),
        sa.Column("rater_group", sa.String(), nullable=False),
        sa.Column("returned_on", sa.Date(), nullable=False),
        sa.Column("source", sa.String(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
    )
    op.create_index("ix_feedback_return_round_id", "feedback_return", ["round_id"])
    with op.batch_alter_table("rating") as batch:
        batch.add_column(sa.Column("return_id", sa.Integer(), nullable=True))
        batch.create_index("ix_rating_return_id", ["return_id"])
        batch.create_foreign_key("fk_rating_return_id", "feedback_return", ["return_id"],
                                 ["id"])


def downgrade() -> None:
    with op.batch_alter_table("rating") as batch:
        batch.drop_constraint("fk_rating_return_id", type_="foreignkey")
        batch.drop_index("ix_rating_return_id")
        batch.drop_column("return_id")
    op.drop_table("feedback_return")
    op.drop_table("feedback_round")
