"""The audit log: every insert, update and delete made through the ORM, with before/after values.

Written in the same transaction as the change (so a rolled-back change leaves no audit row), as plain
Core inserts from ``after_flush`` where the ORM's change history is still available.
"""

from __future__ import annotations

import datetime as dt
import enum

from sqlalchemy import event, inspect, insert
from sqlalchemy.orm import Session, sessionmaker

from desk_app.store.context import current_user, now
from desk_app.store.models import AuditLog

# Derived or bookkeeping columns: noise in the log.
_SKIP = {"created_at", "updated_at", "updated_by", "version"}


def _plain(value):
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    if isinstance(value, enum.Enum):
        return value.value
    if isinstance(value, (str, int, float, bool)) or value is None:
        return value
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    return str(value)


def _columns(obj):
    state = inspect(obj)
    for attr in state.mapper.column_attrs:
        key = attr.key
        if key in _SKIP or key.endswith("_fold"):
            continue
        yield key, state.attrs[key]


def _rows(session: Session) -> list[dict]:
    rows = []
    stamp = now()
    user = current_user()
    for obj in session.new:
        if isinstance(obj, AuditLog):
            continue
        values = {k: _plain(a.value) for k, a in _columns(obj)}
        rows.append(dict(at=stamp, user_name=user, action="insert", table_name=obj.__tablename__,
                         row_id=getattr(obj, "id", None), changes=values))
    for obj in session.dirty:
        if isinstance(obj, AuditLog) or not session.is_modified(obj, include_collections=False):
            continue
        changes = {}
        for key, attr in _columns(obj):
            history = attr.history
            if history.has_changes():
                before = history.deleted[0] if history.deleted else None
                after = history.added[0] if history.added else None
                if before != after:
                    changes[key] = [_plain(before), _plain(after)]
        if changes:
            rows.append(dict(at=stamp, user_name=user, action="update", table_name=obj.__tablename__,
                             row_id=obj.id, changes=changes))
    for obj in session.deleted:
        if isinstance(obj, AuditLog):
            continue
        values = {k: _plain(a.value) for k, a in _columns(obj)}
        rows.append(dict(at=stamp, user_name=user, action="delete", table_name=obj.__tablename__,
                         row_id=obj.id, changes=values))
    return rows


def _after_flush(session: Session, _context) -> None:
    rows = _rows(session)
    if rows:
        session.connection().execute(insert(AuditLog), rows)


def install(factory: sessionmaker) -> None:
    """Called once per new sessionmaker (Database.__init__). No ``event.contains`` guard: SQLAlchemy keys its
    registry by ``id()``, and a new factory can reuse the id of a collected one — the guard then skipped the
    listener and a rare test run lost its audit rows."""
    event.listen(factory, "after_flush", _after_flush)


def record(session: Session, action: str, table_name: str, row_id: int | None, changes: dict) -> None:
    """An explicit audit row, for bulk operations that bypass the ORM (demo load, imports)."""
    session.execute(insert(AuditLog), [dict(at=now(), user_name=current_user(), action=action,
                                            table_name=table_name, row_id=row_id,
                                            changes=_plain(changes))])
