"""meeting results brought back from a package taken to the hall

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-05

- ``meeting_import``: one row per package whose result was brought back (its identity, its session, when), with
  what the next import of the same package compares with, so that importing the same result twice changes
  nothing the second time.

The database's own identity (a UUID in ``setting``, ``database.identity``), which a package names as its origin,
is created when a database is opened (store.seed), for new and upgraded databases alike.
"""
from __future__ import annotations

from typing import Sequence, Union

import sqlalchemy as sa
from alembic import op

revision: str = '0004'
down_revision: Union[str, Sequence[str], None] = '0003'
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None


def upgrade() -> None:
    op.create_table(
        "meeting_import",
        sa.Column("package_id", sa.String(length=40), nullable=False),
        sa.Column("session_id", sa.Integer(), nullable=False),
        sa.Column("exported_at", sa.DateTime(), nullable=False),
        sa.Column("imported_at", sa.DateTime(), nullable=False),
        sa.Column("imports", sa.Integer(), nullable=False),
        sa.Column("state", sa.JSON(), nullable=False),
        sa.Column("summary", sa.JSON(), nullable=False),
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("updated_by", sa.String(length=100), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(["session_id"], ["dialogue_session.id"],
                                name="fk_meeting_import_session_id_dialogue_session", ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id", name="pk_meeting_import"),
        sa.UniqueConstraint("package_id", name="uq_meeting_import_package_id"),
    )
    op.create_index("ix_meeting_import_session_id", "meeting_import", ["session_id"], unique=False)


def downgrade() -> None:
    op.drop_index("ix_meeting_import_session_id", table_name="meeting_import")
    op.drop_table("meeting_import")
