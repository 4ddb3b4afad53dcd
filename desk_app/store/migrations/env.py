"""Alembic environment: always run from the program with an open connection (see store.database)."""

from alembic import context

from desk_app.store.models import Base

connection = context.config.attributes.get("connection")
if connection is None:
    raise RuntimeError("desk_app migrations run through desk_app.store.database, with a connection")

context.configure(
    connection=connection,
    target_metadata=Base.metadata,
    render_as_batch=connection.dialect.name == "sqlite",  # SQLite cannot ALTER most things
    compare_type=True,
)
with context.begin_transaction():
    context.run_migrations()
