"""The commune's working-day calendar: local overrides on top of the law, the switch of a holiday whose legal
basis is pending, and deadline arithmetic.

Changing the calendar moves every due date computed from it, so petitions are recomputed (overrides and
valid extensions stay; each moved due date is written to the petition's history). A change that would turn
answered petitions from on time to late (or back) is not applied silently: it raises
:class:`ConfirmationNeeded` listing them, and is applied when called again with ``confirm=True``.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import select
from sqlalchemy.orm import Session

from desk_app.domain.calendar import DayKind, DayUnit, Override, SpecialDay, WorkCalendar, calendar_sources, shift
from desk_app.domain.errors import ConfirmationNeeded, NotFoundError, ValidationError
from desk_app.domain.text import clean_text, fold
from desk_app.domain.validation import MAX_SHORT, check_day, check_length
from desk_app.store import models as m
from desk_app.services.common import PENDING_OFF_SETTING, load_calendar
from desk_app.services.followup import apply_due_changes, plan_due_changes


def parse_day_kind(text: str) -> DayKind:
    """'nghỉ' / 'làm-việc' (and their forms without diacritics or with a space)."""
    wanted = fold(text).replace("-", " ").replace("_", " ")
    if wanted in ("nghi", "ngay nghi"):
        return DayKind.OFF
    if wanted in ("lam viec", "ngay lam viec", "lam bu"):
        return DayKind.WORKING
    raise ValidationError({"kind": f"Loại ngày phải là “nghỉ” hoặc “làm-việc” (nhận được: “{text}”)."})


def _apply_calendar(session: Session, candidate: WorkCalendar, why: str, confirm: bool, write) -> int:
    """Plan the due dates under ``candidate``; ask (raise) if answered petitions change their figure; else write
    the calendar change (``write()``) and the due dates. Returns the number of petitions recomputed."""
    changes = plan_due_changes(session, candidate)
    flips = [c for c in changes if c.flip]
    if flips and not confirm:
        shown = [c.describe() for c in flips]
        raise ConfirmationNeeded(
            f"Thay đổi lịch ({why}) làm {len(flips)} kiến nghị đã trả lời đổi kết quả đúng hạn/quá hạn:\n"
            + "\n".join(f"- {line}" for line in shown[:20])
            + (f"\n- … và {len(shown) - 20} kiến nghị khác" if len(shown) > 20 else "")
            + "\nChỉ áp dụng khi đã xác nhận.", shown)
    write()
    session.flush()
    return apply_due_changes(session, changes, f"lịch làm việc: {why}")


def set_override(session: Session, day: dt.date, kind: DayKind, note: str, *, confirm: bool = False) -> int:
    """Mark ``day`` as a day off or a working day of the commune; returns the number of petitions whose
    due dates were recomputed."""
    text = clean_text(note)
    problem = check_length(text, "Ghi chú", MAX_SHORT)
    if problem:
        raise ValidationError({"note": problem})
    if not 2000 <= day.year <= 2100:
        raise ValidationError({"day": "Năm phải từ 2000 đến 2100."})
    current = load_calendar(session)
    overrides = current.overrides
    overrides[day] = Override(day, kind, text)
    candidate = WorkCalendar(overrides, pending_off=current.pending_off)

    def write() -> None:
        row = session.scalar(select(m.CalendarOverride).where(m.CalendarOverride.day == day))
        if row is None:
            row = m.CalendarOverride(day=day)
            session.add(row)
        row.kind, row.note = kind.value, text

    return _apply_calendar(session, candidate, f"ngày {day:%d/%m/%Y} là ngày {kind.label}", confirm, write)


def unset_override(session: Session, day: dt.date, *, confirm: bool = False) -> int:
    row = session.scalar(select(m.CalendarOverride).where(m.CalendarOverride.day == day))
    if row is None:
        raise NotFoundError(f"Ngày {day:%d/%m/%Y} không có điều chỉnh riêng của địa phương.")
    current = load_calendar(session)
    overrides = current.overrides
    overrides.pop(day, None)
    candidate = WorkCalendar(overrides, pending_off=current.pending_off)
    return _apply_calendar(session, candidate, f"bỏ điều chỉnh riêng ngày {day:%d/%m/%Y}", confirm,
                           lambda: session.delete(row))


def recompute(session: Session, *, confirm: bool = False) -> int:
    """Recompute every due date with the calendar in force (e.g. after an upgrade brought new government
    decisions); asks like any calendar change when answered petitions would change their figure."""
    return _apply_calendar(session, load_calendar(session), "tính lại theo lịch làm việc hiện hành", confirm,
                           lambda: None)


def pending_holidays(session: Session) -> list[tuple[str, str, str, bool]]:
    """(key, name, note, observed) of every holiday whose legal basis is pending."""
    off = load_calendar(session).pending_off
    return [(p.key, f"{p.name} ({p.day:02d}/{p.month:02d})", p.note, p.key not in off)
            for p in calendar_sources().pending]


def observe_pending_holiday(session: Session, key: str, observed: bool, *, confirm: bool = False) -> int:
    """Whether the commune treats a pending holiday (24/11) as a day off — the one place to switch it."""
    known = {p.key: p for p in calendar_sources().pending}
    if key not in known:
        raise ValidationError({"key": f"Không có ngày lễ chờ căn cứ pháp lý mã “{key}” (có: {', '.join(known)})."})
    current = load_calendar(session)
    off = set(current.pending_off)
    if observed:
        off.discard(key)
    else:
        off.add(key)
    if off == set(current.pending_off):
        return 0
    candidate = WorkCalendar(current.overrides, pending_off=off)
    holiday = known[key]

    def write() -> None:
        row = session.scalar(select(m.Setting).where(m.Setting.key == PENDING_OFF_SETTING))
        if row is None:
            session.add(m.Setting(key=PENDING_OFF_SETTING, value=sorted(off)))
        else:
            row.value = sorted(off)

    why = f"{holiday.name} {'là' if observed else 'không là'} ngày nghỉ"
    return _apply_calendar(session, candidate, why, confirm, write)


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
