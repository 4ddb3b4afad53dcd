"""`desk-app check` and Kiểm tra dữ liệu: the store's checks (file integrity, foreign keys, impossible states,
the register) and the rules that need the domain (domain.md §7):

- every due date is explained by its computation (profile + calendar in force), the clerk's override or
  the last valid extension;
- the stored year of every session is the one year rule's.
"""

from __future__ import annotations

from sqlalchemy import select

from desk_app.domain.states import session_year
from desk_app.store import models as m
from desk_app.store.backup import check as check_store
from desk_app.store.database import Database
from desk_app.services.followup import plan_due_changes

_EXAMPLES = 8


def _examples(ids: list[int]) -> str:
    shown = ", ".join(str(i) for i in ids[:_EXAMPLES])
    return shown + (f" và {len(ids) - _EXAMPLES} kiến nghị khác" if len(ids) > _EXAMPLES else "")


def check(database: Database) -> list[str]:
    """Every problem found, in Vietnamese; an empty list means the record is sound."""
    problems = check_store(database)
    if any(p.startswith("Tệp cơ sở dữ liệu hỏng") for p in problems):
        return problems
    with database.session() as session:
        problems += consistency(session)
        session.rollback()  # a check changes nothing
    return problems


def consistency(session) -> list[str]:
    problems = []
    stale, unexplained = [], []
    for change in plan_due_changes(session):
        (stale if change.computed[0] != change.computed[1] else unexplained).append(change.petition_id)
    if unexplained:
        problems.append(f"{len(unexplained)} kiến nghị có thời hạn giải quyết không khớp với thời hạn tính theo quy "
                        f"định, thời hạn điều chỉnh hay lần gia hạn hợp lệ nào (số {_examples(unexplained)}).")
    if stale:
        problems.append(f"{len(stale)} kiến nghị có thời hạn tính theo quy định khác với lịch làm việc và bộ quy định "
                        f"hiện hành, chưa được tính lại (số {_examples(stale)}).")
    wrong_year = [ds.id for ds in session.scalars(select(m.DialogueSession))
                  if ds.year != session_year(ds.planned_start, ds.actual_start)]
    if wrong_year:
        problems.append(f"{len(wrong_year)} cuộc đối thoại ghi năm khác với năm tổ chức (cuộc số "
                        f"{', '.join(map(str, wrong_year[:_EXAMPLES]))}).")
    return problems
