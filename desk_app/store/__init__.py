"""Persistence: SQLAlchemy 2 models, the database opener and the Alembic migrations."""
