"""The commune's working-day calendar: local overrides on top of the law, and deadline arithmetic.

Changing an override moves every due date computed from the calendar, so petitions are recomputed.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import select
from sqlalchemy.orm import Session

from desk_app.domain.calendar import DayKind, DayUnit, SpecialDay, shift
from desk_app.domain.errors import NotFoundError, ValidationError
from desk_app.domain.text import clean_text, fold
from desk_app.domain.validation import MAX_SHORT, check_day, check_length
from desk_app.store import models as m
from desk_app.services.common import load_calendar
from desk_app.services.followup import recompute_due_dates


def parse_day_kind(text: str) -> DayKind:
    """'nghỉ' / 'làm-việc' (and their forms without diacritics or with a space)."""
    wanted = fold(text).replace("-", " ").replace("_", " ")
    if wanted in ("nghi", "ngay nghi"):
        return DayKind.OFF
    if wanted in ("lam viec", "ngay lam viec", "lam bu"):
        return DayKind.WORKING
    raise ValidationError({"kind": f"Loại ngày phải là “nghỉ” hoặc “làm-việc” (nhận được: “{text}”)."})


def set_override(session: Session, day: dt.date, kind: DayKind, note: str) -> m.CalendarOverride:
    text = clean_text(note)
    problem = check_length(text, "Ghi chú", MAX_SHORT)
    if problem:
        raise ValidationError({"note": problem})
    if not 2000 <= day.year <= 2100:
        raise ValidationError({"day": "Năm phải từ 2000 đến 2100."})
    row = session.scalar(select(m.CalendarOverride).where(m.CalendarOverride.day == day))
    if row is None:
        row = m.CalendarOverride(day=day)
        session.add(row)
    row.kind, row.note = kind.value, text
    session.flush()
    recompute_due_dates(session)
    return row


def unset_override(session: Session, day: dt.date) -> None:
    row = session.scalar(select(m.CalendarOverride).where(m.CalendarOverride.day == day))
    if row is None:
        raise NotFoundError(f"Ngày {day:%d/%m/%Y} không có điều chỉnh riêng của địa phương.")
    session.delete(row)
    session.flush()
    recompute_due_dates(session)


def special_days(session: Session, year: int) -> list[SpecialDay]:
    if not 2000 <= year <= 2100:
        raise ValidationError({"year": "Năm phải từ 2000 đến 2100."})
    return load_calendar(session).special_days(year)


def deadline(session: Session, anchor: dt.date, days: int, *, before: bool = False,
             calendar_days: bool = False) -> dt.date:
    """N working (or calendar) days after (or before) ``anchor``, by domain.md §4 and the overrides."""
    problem = check_day(anchor)
    if problem:
        raise ValidationError({"date": problem})
    unit = DayUnit.CALENDAR if calendar_days else DayUnit.WORKING
    return shift(load_calendar(session), anchor, days, unit, before=before)
