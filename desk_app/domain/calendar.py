"""The working-day calendar and the four deadline definitions of domain.md §4.

Working week Monday–Friday; public holidays, substitute days and the government's swapped working
Saturdays come from the maintained ``holidays`` package (``holidays.VN``, Vietnamese names). On top of
it, the commune's local overrides (a date marked as extra day off or as working day, with a note).

All dates are local ``datetime.date`` values, never times.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from enum import Enum
from typing import Iterable, Mapping

from desk_app.domain.errors import ValidationError

# Deadlines are never computed further than this many days from their anchor: a guard against a
# calendar whose overrides mark every day off (the loop would never end).
_MAX_SPAN_DAYS = 3660


class DayKind(str, Enum):
    """What a local override makes of a date."""

    OFF = "nghi"  # extra day off (a weekday becomes non-working)
    WORKING = "lam_viec"  # extra working day (a weekend or holiday becomes working)

    @property
    def label(self) -> str:
        return "nghỉ" if self is DayKind.OFF else "làm việc"


@dataclass(frozen=True)
class Override:
    day: dt.date
    kind: DayKind
    note: str = ""


@dataclass(frozen=True)
class SpecialDay:
    """A row of the year's calendar: a non-working weekday or a working weekend day."""

    day: dt.date
    working: bool
    name: str
    is_local: bool  # from the commune's override table rather than the law

    @property
    def label(self) -> str:
        return "làm việc" if self.working else "nghỉ"


class WorkCalendar:
    """Working days of Vietnam plus the commune's local overrides.

    ``overrides`` maps a date to an :class:`Override`; it wins over the law in both directions.
    """

    def __init__(self, overrides: Mapping[dt.date, Override] | Iterable[Override] = ()):
        if isinstance(overrides, Mapping):
            self._overrides = dict(overrides)
        else:
            self._overrides = {o.day: o for o in overrides}
        self._holidays = None  # loaded on first use: importing `holidays` costs start-up time

    @staticmethod
    def warm_up(day: dt.date) -> None:
        """Import ``holidays`` and load its Vietnamese names once (about 0.15 s), e.g. on a background
        thread at start, so that the first deadline computed in the window does not pay for it."""
        import holidays

        holidays.VN(language="vi").get(day)

    # -- the law --------------------------------------------------------------------------------
    def _law(self):
        # `holidays` expands to a new year on its own when a date of that year is looked up.
        if self._holidays is None:
            import holidays

            self._holidays = holidays.VN(language="vi")
        return self._holidays

    def legal_holiday_name(self, day: dt.date) -> str | None:
        """The name of the public holiday (or substitute day off) on ``day``, if any."""
        vn = self._law()
        return vn.get(day)

    def is_legal_working_day(self, day: dt.date) -> bool:
        """Working day by the law alone (weekends, holidays and swapped Saturdays)."""
        vn = self._law()
        return vn.is_working_day(day)

    # -- with local overrides ---------------------------------------------------------------------
    @property
    def overrides(self) -> dict[dt.date, Override]:
        return dict(self._overrides)

    def is_working_day(self, day: dt.date) -> bool:
        override = self._overrides.get(day)
        if override is not None:
            return override.kind is DayKind.WORKING
        return self.is_legal_working_day(day)

    def day_name(self, day: dt.date) -> str:
        """Why a day is off or working, for display ('' for an ordinary day)."""
        override = self._overrides.get(day)
        if override is not None:
            return override.note or ("Ngày nghỉ (địa phương)" if override.kind is DayKind.OFF
                                     else "Ngày làm việc (địa phương)")
        name = self.legal_holiday_name(day)
        if name:
            return name
        vn = self._law()
        if day in getattr(vn, "weekend_workdays", ()):
            return "Ngày làm bù"
        return ""

    def special_days(self, year: int) -> list[SpecialDay]:
        """The year's non-working weekdays and working weekend days, in date order.

        Every local override is listed too, even one that only confirms the usual rule (a holiday the
        commune works): the clerk must see what was entered.
        """
        rows: list[SpecialDay] = []
        day = dt.date(year, 1, 1)
        end = dt.date(year, 12, 31)
        while day <= end:
            weekend = day.weekday() >= 5
            working = self.is_working_day(day)
            if weekend == working or day in self._overrides:  # a weekday off, a weekend day worked
                rows.append(SpecialDay(day, working, self.day_name(day), day in self._overrides))
            day += dt.timedelta(days=1)
        return rows

    # -- the four definitions of domain.md §4 ------------------------------------------------------
    def add_working_days(self, start: dt.date, n: int) -> dt.date:
        """The n-th working day strictly after ``start`` (n ≥ 1); n = 0 gives ``start`` itself."""
        return self._step_working(start, n, +1)

    def subtract_working_days(self, start: dt.date, n: int) -> dt.date:
        """The n-th working day strictly before ``start`` (latest day to send a notice)."""
        return self._step_working(start, n, -1)

    def add_calendar_days(self, start: dt.date, n: int) -> dt.date:
        """start + n; a deadline falling on a day off moves to the next working day."""
        _check_count(n)
        return self.next_working_day(start + dt.timedelta(days=n))

    def subtract_calendar_days(self, start: dt.date, n: int) -> dt.date:
        """start − n; falling on a day off moves to the previous working day."""
        _check_count(n)
        return self.previous_working_day(start - dt.timedelta(days=n))

    def next_working_day(self, day: dt.date) -> dt.date:
        """``day`` itself if it is a working day, else the first working day after it."""
        return self._first_working(day, +1)

    def previous_working_day(self, day: dt.date) -> dt.date:
        return self._first_working(day, -1)

    def working_days_between(self, start: dt.date, end: dt.date) -> int:
        """Working days in (start, end]: 0 when end ≤ start. The count of days used to resolve."""
        if end <= start:
            return 0
        # cumulative tables of only the years concerned (building every year since 2000 costs 0.4 s)
        total = self._year_table(end.year)[end.timetuple().tm_yday - 1]
        total -= self._year_table(start.year)[start.timetuple().tm_yday - 1]
        for year in range(start.year, end.year):
            total += self._year_table(year)[-1]
        return total

    def _year_table(self, year: int) -> list[int]:
        cache = self.__dict__.setdefault("_cumulative", {})
        table = cache.get(year)
        if table is None:
            table, running = [], 0
            day = dt.date(year, 1, 1)
            while day.year == year:
                running += self.is_working_day(day)
                table.append(running)
                day += dt.timedelta(days=1)
            cache[year] = table
        return table

    def _step_working(self, start: dt.date, n: int, step: int) -> dt.date:
        _check_count(n)
        day = start
        remaining = n
        span = 0
        while remaining > 0:
            day += dt.timedelta(days=step)
            span += 1
            if span > _MAX_SPAN_DAYS:
                raise ValidationError("Không tính được thời hạn: lịch không còn ngày làm việc nào.")
            if self.is_working_day(day):
                remaining -= 1
        return day

    def _first_working(self, day: dt.date, step: int) -> dt.date:
        span = 0
        while not self.is_working_day(day):
            day += dt.timedelta(days=step)
            span += 1
            if span > _MAX_SPAN_DAYS:
                raise ValidationError("Không tính được thời hạn: lịch không còn ngày làm việc nào.")
        return day


class DayUnit(str, Enum):
    WORKING = "working"
    CALENDAR = "calendar"

    @property
    def label(self) -> str:
        return "ngày làm việc" if self is DayUnit.WORKING else "ngày"


def shift(calendar: WorkCalendar, anchor: dt.date, days: int, unit: DayUnit, *, before: bool) -> dt.date:
    """Apply one of the four definitions: ``days`` of ``unit`` after (or before) ``anchor``."""
    if unit is DayUnit.WORKING:
        if before:
            return calendar.subtract_working_days(anchor, days)
        return calendar.add_working_days(anchor, days)
    if before:
        return calendar.subtract_calendar_days(anchor, days)
    return calendar.add_calendar_days(anchor, days)


def _check_count(n: int) -> None:
    if not isinstance(n, int) or isinstance(n, bool) or n < 0 or n > 1000:
        raise ValidationError({"days": f"Số ngày phải là số nguyên từ 0 đến 1000 (nhận được: {n})."})
