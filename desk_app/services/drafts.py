"""Drafts: what a clerk typed into a form that is saved only when they press Lưu (the session plan), kept
in the database within 2 s of each change so that a power cut does not lose it; offered back the next time
the same form is opened, removed when the form is saved or its changes are dropped.

A draft belongs to one clerk (the login name): two clerks on the same plan keep their own. It lives in the
settings table under ``draft.<kind>.<record>.<user>`` and is written with plain statements, not through the
ORM: a draft is not a change of a record, so it does not fill the audit log with every few keystrokes.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from sqlalchemy import delete, insert, select, update
from sqlalchemy.orm import Session

from desk_app.store import models as m
from desk_app.store.context import current_user, now

PREFIX = "draft."
KEY_LENGTH = 100  # the settings table's key column


@dataclass(frozen=True)
class Draft:
    data: dict[str, Any]
    saved_at: dt.datetime


def _key(kind: str, record: int | str | None) -> str:
    return f"{PREFIX}{kind}.{'moi' if record is None else record}.{current_user()}"[:KEY_LENGTH]


def put(session: Session, kind: str, record: int | str | None, data: dict[str, Any]) -> None:
    key, stamp = _key(kind, record), now()
    value = {"saved_at": stamp.isoformat(), "data": data}
    table = m.Setting.__table__
    done = session.execute(update(table).where(table.c.key == key).values(
        value=value, updated_at=stamp, updated_by=current_user(), version=table.c.version + 1))
    if not done.rowcount:
        session.execute(insert(table).values(key=key, value=value, created_at=stamp, updated_at=stamp,
                                             updated_by=current_user(), version=1))


def get(session: Session, kind: str, record: int | str | None) -> Draft | None:
    table = m.Setting.__table__
    value = session.scalar(select(table.c.value).where(table.c.key == _key(kind, record)))
    if not isinstance(value, dict) or not isinstance(value.get("data"), dict):
        return None
    try:
        saved_at = dt.datetime.fromisoformat(str(value.get("saved_at")))
    except ValueError:
        saved_at = now()
    return Draft(value["data"], saved_at)


def drop(session: Session, kind: str, record: int | str | None) -> None:
    table = m.Setting.__table__
    session.execute(delete(table).where(table.c.key == _key(kind, record)))
