"""Indexes that keep the window quick at 100,000 entries (issue 18).

Revision ID: 0008
Revises: 0007
"""

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None


def upgrade() -> None:
    """Filled in by the window work of issue 18."""


def downgrade() -> None:
    """Nothing to undo yet."""
