"""indexes for every order of the follow-up list

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-05

The follow-up list sorts 100,000 petitions by due date, status, field, session or times raised within a year
(issue 14): an index per order — the year, the sorted value, the number — answers the first page of each order,
in either direction, without sorting the whole year; ``(times_raised, id)`` does the same across all years
(the other values have their own index already). Only indexes: no data changes.
"""
from __future__ import annotations

from typing import Sequence, Union

from alembic import op


revision: str = '0006'
down_revision: Union[str, Sequence[str], None] = '0005'
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None

# as store.models.Petition declares them (a new database gets them from the models)
LIST_INDEXES = {
    "ix_petition_year_due": ("year", "due_date", "id"),
    "ix_petition_year_status": ("year", "status", "id"),
    "ix_petition_year_field": ("year", "field_id", "id"),
    "ix_petition_year_session": ("year", "session_id", "id"),
    "ix_petition_year_times": ("year", "times_raised", "id"),
    "ix_petition_times": ("times_raised", "id"),
}


def upgrade() -> None:
    for name, columns in LIST_INDEXES.items():
        op.create_index(name, "petition", list(columns))


def downgrade() -> None:
    for name in LIST_INDEXES:
        op.drop_index(name, table_name="petition")
