"""Alembic migrations for the journal database, run on unlock."""
