"""The development plan: goals linked to attributes and a profile target, their milestones
with due dates, every change to them kept (``plan_event``), and the entries and actions
linked as evidence.

Revision ID: 0004
Revises: 0003
"""

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "goal",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("title", sa.String(), nullable=False),
        sa.Column("description", sa.String(), nullable=False),
        sa.Column("attributes", sa.JSON(), nullable=False),
        sa.Column("target_score", sa.Integer(), nullable=True),
        sa.Column("status", sa.String(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("closed_on", sa.Date(), nullable=True),
    )
    op.create_index("ix_goal_status", "goal", ["status"])
    op.create_table(
        "milestone",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("goal_id", sa.Integer(), sa.ForeignKey("goal.id"), nullable=False),
        sa.Column("text", sa.String(), nullable=False),
        sa.Column("due_on", sa.Date(), nullable=True),
        sa.Column("status", sa.String(), nullable=False),
        sa.Column("decided_on", sa.Date(), nullable=True),
        sa.Column("moved_from", sa.Date(), nullable=True),
        sa.Column("why", sa.String(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
    )
    op.create_index("ix_milestone_goal_id", "milestone", ["goal_id"])
    op.create_table(
        "plan_event",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("goal_id", sa.Integer(), sa.ForeignKey("goal.id"), nullable=False),
        sa.Column("milestone_id", sa.Integer(), sa.ForeignKey("milestone.id"), nullable=True),
        sa.Column("happened_on", sa.Date(), nullable=False),
        sa.Column("change", sa.String(), nullable=False),
        sa.Column("from_due", sa.Date(), nullable=True),
        sa.Column("to_due", sa.Date(), nullable=True),
        sa.Column("why", sa.String(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
    )
    op.create_index("ix_plan_event_goal_id", "plan_event", ["goal_id"])
    op.create_index("ix_plan_event_milestone_id", "plan_event", ["milestone_id"])
    op.create_table(
        "plan_evidence",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("goal_id", sa.Integer(), sa.ForeignKey("goal.id"), nullable=False),
        sa.Column("entry_id", sa.Integer(), sa.ForeignKey("entry.id", ondelete="CASCADE"),
                  nullable=True),
        sa.Column("action_id", sa.Integer(), sa.ForeignKey("action.id", ondelete="CASCADE"),
                  nullable=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.UniqueConstraint("goal_id", "entry_id"),
        sa.UniqueConstraint("goal_id", "action_id"),
    )
    op.create_index("ix_plan_evidence_goal_id", "plan_evidence", ["goal_id"])


def downgrade() -> None:
    for table in ("plan_evidence", "plan_event", "milestone", "goal"):
        op.drop_table(table)
