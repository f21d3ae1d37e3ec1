"""The full-text index reads its text from the entries instead of keeping a second copy,
and tags are counted in a table of their own (issue 18).

Revision ID: 0009
Revises: 0008
"""

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None


def upgrade() -> None:
    """Filled in by the search work of issue 18."""


def downgrade() -> None:
    """Nothing to undo yet."""
