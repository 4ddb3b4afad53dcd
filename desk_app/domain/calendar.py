"""The working-day calendar and the four deadline definitions of domain.md §4.

Working week Monday–Friday; public holidays, substitute days and the government's swapped working
Saturdays come from the maintained ``holidays`` package (``holidays.VN``, Vietnamese names). Government
decisions the package does not know yet are in ``data/calendar_decisions.toml`` with their documents;
holidays whose legal basis is not yet in force (24/11) are marked there and can be switched by the clerk.
On top of it all, the commune's local overrides (a date marked as extra day off or as working day, with a
note). Years whose swaps are not announced yet are *dự kiến* (provisional).

All dates are local ``datetime.date`` values, never times.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
import threading
import tomllib
from dataclasses import dataclass
from enum import Enum
from pathlib import Path
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


class DaySource(str, Enum):
    """Where a day's status comes from (domain.md §4), shown beside it in the calendar."""

    LAW = "law"  # Bộ luật Lao động, through the `holidays` package (its swaps included)
    DECISION = "decision"  # a government decision the package does not know yet (the data file)
    PENDING = "pending"  # a holiday whose legal basis is not yet in force (switchable)
    LOCAL = "local"  # the commune's own override

    @property
    def label(self) -> str:
        return {"law": "Luật", "decision": "Chính phủ", "pending": "Chờ căn cứ", "local": "Địa phương"}[self.value]

    @property
    def phrase(self) -> str:
        return {"law": "theo quy định của Nhà nước", "decision": "theo quyết định của Chính phủ",
                "pending": "chưa có căn cứ pháp lý", "local": "điều chỉnh của địa phương"}[self.value]


@dataclass(frozen=True)
class GovernmentDay:
    day: dt.date
    working: bool
    name: str
    document: str


@dataclass(frozen=True)
class PendingHoliday:
    key: str
    month: int
    day: int
    from_year: int
    name: str
    note: str

    def matches(self, day: dt.date, package_name: str | None) -> bool:
        """The holiday itself, or the package's substitute day for it (``(nghỉ bù)``)."""
        if day.year < self.from_year:
            return False
        return (day.month, day.day) == (self.month, self.day) or bool(
            package_name and package_name.startswith(self.name))


@dataclass(frozen=True)
class CalendarSources:
    announced_through: int
    days: Mapping[dt.date, GovernmentDay]
    pending: tuple[PendingHoliday, ...]


@functools.lru_cache(maxsize=1)
def calendar_sources() -> CalendarSources:
    """The government decisions the package lacks and the pending holidays (``data/calendar_decisions.toml``)."""
    with (Path(__file__).parent / "data" / "calendar_decisions.toml").open("rb") as handle:
        data = tomllib.load(handle)
    days = {item["date"]: GovernmentDay(item["date"], bool(item["working"]), item["name"], item["document"])
            for item in data.get("days", ())}
    pending = tuple(PendingHoliday(p["key"], int(p["month"]), int(p["day"]), int(p["from_year"]), p["name"],
                                   p["note"]) for p in data.get("pending", ()))
    return CalendarSources(int(data["announced_through"]), days, pending)


PROVISIONAL_LABEL = "dự kiến"


@dataclass(frozen=True)
class SpecialDay:
    """A row of the year's calendar: a non-working weekday or a working weekend day."""

    day: dt.date
    working: bool
    name: str
    is_local: bool  # from the commune's override table rather than the law
    source: DaySource = DaySource.LAW
    note: str = ""  # the deciding document, or why a holiday's basis is pending
    provisional: bool = False  # the government has not announced this year's days off and swaps yet

    @property
    def label(self) -> str:
        return "làm việc" if self.working else "nghỉ"


_VIETNAM_LOCK = threading.Lock()  # the worker's warm-up and the window may both ask at start
_vietnam_class = None


def _vietnam_holidays():
    """``holidays.VN(language="vi")`` without the other 249 countries: the package's ``countries`` folder
    imports every country when it is imported (about 50 ms more at start); only Vietnam's module is loaded
    here (it stays the one a later ``import holidays.countries`` uses). A packaging without the source files
    (a frozen bundle) falls back to the package's own way."""
    global _vietnam_class
    with _VIETNAM_LOCK:
        if _vietnam_class is None:
            _vietnam_class = _load_vietnam_class()
    return _vietnam_class(language="vi")


def _load_vietnam_class():
    import importlib.util
    import sys

    import holidays

    name = "holidays.countries.vietnam"
    module = sys.modules.get(name)
    if module is None and "holidays.countries" not in sys.modules:
        try:
            folder = Path(importlib.util.find_spec("holidays").submodule_search_locations[0])
            spec = importlib.util.spec_from_file_location(name, folder / "countries" / "vietnam.py")
            if spec is not None and spec.loader is not None and Path(spec.origin).is_file():
                module = importlib.util.module_from_spec(spec)
                sys.modules[name] = module
                try:
                    spec.loader.exec_module(module)
                except BaseException:
                    del sys.modules[name]
                    raise
        except (ImportError, OSError, TypeError, IndexError):
            module = None
    return getattr(module, "Vietnam", None) or holidays.VN


WEEKDAY_NAMES = ("thứ Hai", "thứ Ba", "thứ Tư", "thứ Năm", "thứ Sáu", "thứ Bảy", "Chủ nhật")


class WorkCalendar:
    """Working days of Vietnam plus the commune's local overrides.

    Layers, the later winning: the law (``holidays``), the government decisions the package lacks, the
    clerk's switch of a pending holiday (``pending_off``: keys treated as ordinary days), the commune's
    ``overrides`` (a date → :class:`Override`).
    """

    def __init__(self, overrides: Mapping[dt.date, Override] | Iterable[Override] = (), *,
                 pending_off: Iterable[str] = (), sources: CalendarSources | None = None):
        if isinstance(overrides, Mapping):
            self._overrides = dict(overrides)
        else:
            self._overrides = {o.day: o for o in overrides}
        self._sources = sources or calendar_sources()
        self._pending_off = frozenset(pending_off)
        self._holidays = None  # loaded on first use: importing `holidays` costs start-up time

    @staticmethod
    def warm_up(day: dt.date) -> None:
        """Import ``holidays`` and load its Vietnamese names once (about 0.15 s), e.g. on a background
        thread at start, so that the first deadline computed in the window does not pay for it."""
        _vietnam_holidays().get(day)

    @property
    def sources(self) -> CalendarSources:
        return self._sources

    @property
    def pending_off(self) -> frozenset[str]:
        return self._pending_off

    # -- the law --------------------------------------------------------------------------------
    def _law(self):
        # `holidays` expands to a new year on its own when a date of that year is looked up.
        if self._holidays is None:
            self._holidays = _vietnam_holidays()
        return self._holidays

    def _pending(self, day: dt.date, package_name: str | None) -> PendingHoliday | None:
        return next((p for p in self._sources.pending if p.matches(day, package_name)), None)

    def legal_holiday_name(self, day: dt.date) -> str | None:
        """The name of the public holiday (or substitute day off) on ``day`` by the law and the government's
        decisions, if any (a pending holiday the clerk switched off is not one)."""
        decided = self._sources.days.get(day)
        if decided is not None:
            return None if decided.working else decided.name
        name = self._law().get(day)
        if name is None:
            return None
        pending = self._pending(day, name)
        if pending is not None and pending.key in self._pending_off:
            return None
        return lunar_tet_name(day, name)

    def is_legal_working_day(self, day: dt.date) -> bool:
        """Working day by the law and the government's decisions (weekends, holidays, swapped Saturdays)."""
        decided = self._sources.days.get(day)
        if decided is not None:
            return decided.working
        vn = self._law()
        if not vn.is_working_day(day):
            name = vn.get(day)
            pending = self._pending(day, name) if name else None
            return pending is not None and pending.key in self._pending_off and day.weekday() < 5
        return True

    def is_provisional(self, day: dt.date) -> bool:
        """True when ``day`` is in a year whose days off and swaps the government has not announced yet."""
        return day.year > self._sources.announced_through

    # -- with local overrides ---------------------------------------------------------------------
    @property
    def overrides(self) -> dict[dt.date, Override]:
        return dict(self._overrides)

    def is_working_day(self, day: dt.date) -> bool:
        override = self._overrides.get(day)
        if override is not None:
            return override.kind is DayKind.WORKING
        return self.is_legal_working_day(day)

    def describe_day(self, day: dt.date) -> tuple[str, DaySource, str]:
        """(name, source, note) of a day's status: why it is off or working ('' for an ordinary day)."""
        override = self._overrides.get(day)
        if override is not None:
            name = override.note or ("Ngày nghỉ (địa phương)" if override.kind is DayKind.OFF
                                     else "Ngày làm việc (địa phương)")
            return name, DaySource.LOCAL, ""
        decided = self._sources.days.get(day)
        if decided is not None:
            return decided.name, DaySource.DECISION, decided.document
        vn = self._law()
        name = vn.get(day)
        if name:
            pending = self._pending(day, name)
            if pending is not None:
                if pending.key in self._pending_off:
                    return f"{name} (không nghỉ: chưa có căn cứ pháp lý)", DaySource.PENDING, pending.note
                return name, DaySource.PENDING, pending.note
            return lunar_tet_name(day, name), DaySource.LAW, ""
        if day in getattr(vn, "weekend_workdays", ()):
            return "Ngày làm bù", DaySource.LAW, ""
        return "", DaySource.LAW, ""

    def why_off(self, day: dt.date) -> str:
        """Why ``day`` is not a working day ("thứ Bảy", "Chủ nhật", a holiday's name); "" for a working day."""
        if self.is_working_day(day):
            return ""
        return self.day_name(day) or WEEKDAY_NAMES[day.weekday()]

    def day_name(self, day: dt.date) -> str:
        """Why a day is off or working, for display ('' for an ordinary day)."""
        return self.describe_day(day)[0]

    def special_days(self, year: int) -> list[SpecialDay]:
        """The year's non-working weekdays and working weekend days, in date order, with their source.

        Every local override is listed too, even one that only confirms the usual rule (a holiday the
        commune works), and so is a pending holiday the clerk switched off: the clerk must see what was
        entered and decided.
        """
        rows: list[SpecialDay] = []
        day = dt.date(year, 1, 1)
        end = dt.date(year, 12, 31)
        provisional = year > self._sources.announced_through
        while day <= end:
            weekend = day.weekday() >= 5
            working = self.is_working_day(day)
            if (weekend == working or day in self._overrides or day in self._sources.days
                    or self._pending_switched(day)):
                name, source, note = self.describe_day(day)
                rows.append(SpecialDay(day, working, name, day in self._overrides, source, note, provisional))
            day += dt.timedelta(days=1)
        return rows

    def _pending_switched(self, day: dt.date) -> bool:
        if not self._pending_off:
            return False
        name = self._law().get(day)
        pending = self._pending(day, name) if name else None
        return pending is not None and pending.key in self._pending_off

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


_COUNTED_BACK = re.compile(r"^\d+ Tết$")


def lunar_tet_name(day: dt.date, name: str) -> str:
    """The package names a Tết day moved before the eve by counting back from Tết ("29 Tết"), which is
    wrong when the 12th lunar month has 29 days (04/02/2027 is 28 tháng Chạp). Name it by its lunar date."""
    if not _COUNTED_BACK.match(name):
        return name
    from vnlunar.core import get_lunar_date  # the Vietnamese lunar calendar (checked against `holidays`)

    lunar = get_lunar_date(day.day, day.month, day.year)
    month = "tháng Chạp" if lunar["month"] == 12 else f"tháng {lunar['month']} âm lịch"
    return f"Nghỉ Tết Nguyên Đán ({lunar['day']} {month})"
