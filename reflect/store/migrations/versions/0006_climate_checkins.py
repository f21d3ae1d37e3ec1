"""Team climate check-ins: a dated check-in for the climate the leader creates or experiences,
its now and ideal per dimension, and team members' paper responses (no names) under it.

Revision ID: 0006
Revises: 0005
"""

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "climate_checkin",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("checked_on", sa.Date(), nullable=False),
        sa.Column("perspective", sa.String(), nullable=False),
        sa.Column("note", sa.String(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
    )
    op.create_index("ix_climate_checkin_checked_on", "climate_checkin", ["checked_on"])
    op.create_index("ix_climate_checkin_perspective", "climate_checkin", ["perspective"])
    op.create_table(
        "climate_response",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("checkin_id", sa.Integer(),
                  sa.ForeignKey("climate_checkin.id", ondelete="CASCADE"), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
    )
    op.create_index("ix_climate_response_checkin_id", "climate_response", ["checkin_id"])
    op.create_table(
        "climate_rating",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("checkin_id", sa.Integer(),
                  sa.ForeignKey("climate_checkin.id", ondelete="CASCADE"), nullable=False),
        sa.Column("response_id", sa.Integer(),
                  sa.ForeignKey("climate_response.id", ondelete="CASCADE"), nullable=True),
        sa.Column("dimension", sa.String(), nullable=False),
        sa.Column("now", sa.Integer(), nullable=False),
        sa.Column("ideal", sa.Integer(), nullable=False),
    )
    op.create_index("ix_climate_rating_checkin_id", "climate_rating", ["checkin_id"])
    op.create_index("ix_climate_rating_response_id", "climate_rating", ["response_id"])


def downgrade() -> None:
    for table in ("climate_rating", "climate_response", "climate_checkin"):
        op.drop_table(table)
