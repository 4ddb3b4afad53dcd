"""Small helpers every service uses: loading rows, the calendar and profile in force, text cleaning."""

from __future__ import annotations

from typing import TypeVar

from sqlalchemy import select
from sqlalchemy.orm import Session

from desk_app.domain.calendar import DayKind, Override, WorkCalendar
from desk_app.domain.errors import ConflictError, NotFoundError
from desk_app.domain.profiles import DEFAULT_PROFILE_CODE, Profile
from desk_app.domain.validation import Checker
from desk_app.store import models as m

T = TypeVar("T")

_WHAT = {
    m.DialogueSession: "cuộc đối thoại",
    m.Registration: "đăng ký phát biểu",
    m.Opinion: "ý kiến",
    m.Petition: "kiến nghị",
    m.Official: "cán bộ",
    m.Agency: "cơ quan, đơn vị",
    m.Hamlet: "thôn, tổ dân phố",
    m.Field: "lĩnh vực",
    m.Profile: "bộ quy định",
    m.IssuedDocument: "văn bản",
}


def get(session: Session, model: type[T], row_id: int | None) -> T:
    """The row with this id, or a Vietnamese "not found" error naming what was looked for."""
    row = session.get(model, row_id) if row_id is not None else None
    if row is None:
        what = _WHAT.get(model, model.__name__)
        raise NotFoundError(f"Không tìm thấy {what} có mã số {row_id}.")
    return row


# Setting: the keys of pending holidays (calendar_decisions.toml) the clerk does not observe yet.
PENDING_OFF_SETTING = "calendar.pending_off"


def load_calendar(session: Session) -> WorkCalendar:
    overrides = [Override(row.day, DayKind(row.kind), row.note)
                 for row in session.scalars(select(m.CalendarOverride))]
    pending_off = session.scalar(select(m.Setting.value).where(m.Setting.key == PENDING_OFF_SETTING)) or []
    return WorkCalendar(overrides, pending_off=pending_off)


def commune(session: Session) -> m.Commune | None:
    return session.scalar(select(m.Commune).order_by(m.Commune.id).limit(1))


def default_profile_row(session: Session) -> m.Profile:
    unit = commune(session)
    if unit is not None and unit.profile_id is not None:
        return get(session, m.Profile, unit.profile_id)
    row = session.scalar(select(m.Profile).where(m.Profile.code == DEFAULT_PROFILE_CODE))
    if row is None:
        raise NotFoundError("Cơ sở dữ liệu thiếu bộ quy định mặc định.")
    return row


def domain_profile(row: m.Profile) -> Profile:
    return Profile.from_dict(row.data)


def check_version(row, expected_version: int | None) -> None:
    """Refuse an edit made on a copy loaded before someone else saved (several clerks, one server)."""
    if expected_version is not None and row.version != expected_version:
        raise ConflictError(f"Bản ghi đã được {row.updated_by} sửa lúc {row.updated_at:%H:%M %d/%m/%Y} sau khi "
                            "bạn mở; hãy tải lại rồi sửa tiếp.")


def like_pattern(word: str) -> str:
    """A LIKE pattern that finds ``word`` anywhere, with % and _ taken literally."""
    escaped = word.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


def check_optional_id(checker: Checker, session: Session, model, row_id: int | None, field: str) -> None:
    if row_id is not None and session.get(model, row_id) is None:
        checker.add(field, f"Không tìm thấy {_WHAT.get(model, model.__name__)} có mã số {row_id}.")
