"""Alembic environment: always run on a connection the vault hands over, never from a URL."""

from alembic import context

from reflect.store.models import SQLModel

connection = context.config.attributes["connection"]
context.configure(connection=connection, target_metadata=SQLModel.metadata, render_as_batch=True)
with context.begin_transaction():
    context.run_migrations()
