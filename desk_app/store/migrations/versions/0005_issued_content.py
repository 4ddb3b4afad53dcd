"""what an issued document said: its content and the entry a new version replaces

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-05

- ``issued_document.content``: the template's variables of an exported document (zlib-compressed JSON), so
  exporting it again reproduces it; entries made before this version get theirs at their next export;
- ``issued_document.supersedes_id``: a new version of a document (asked for by the clerk) points at the entry
  it replaces; both stay in the register.
"""
from __future__ import annotations

from typing import Sequence, Union

import sqlalchemy as sa
from alembic import op

revision: str = '0005'
down_revision: Union[str, Sequence[str], None] = '0004'
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None


def upgrade() -> None:
    with op.batch_alter_table("issued_document") as batch:
        batch.add_column(sa.Column("content", sa.LargeBinary(), nullable=True))
        batch.add_column(sa.Column("supersedes_id", sa.Integer(), nullable=True))
        batch.create_foreign_key("fk_issued_document_supersedes_id_issued_document", "issued_document",
                                 ["supersedes_id"], ["id"], ondelete="SET NULL")


def downgrade() -> None:
    with op.batch_alter_table("issued_document") as batch:
        batch.drop_constraint("fk_issued_document_supersedes_id_issued_document", type_="foreignkey")
        batch.drop_column("supersedes_id")
        batch.drop_column("content")
