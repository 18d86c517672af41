"""Alembic environment: pmtui always hands it an open connection (see pmtui.store.migrate)."""

from alembic import context
from sqlmodel import SQLModel

import pmtui.models.all_tables  # noqa: F401  (registers the tables on SQLModel.metadata)

connection = context.config.attributes.get("connection")
if connection is None:
    raise RuntimeError("pmtui migrations run through pmtui.store.migrate, not the alembic CLI")

context.configure(
    connection=connection,
    target_metadata=SQLModel.metadata,
    render_as_batch=True,  # SQLite can only ALTER a table by copying it
)
with context.begin_transaction():
    context.run_migrations()
