"""Where each day of the calendar comes from (domain.md §4): the law through `holidays`, the government's
decisions the package lacks (the project's data file, each with its document), holidays whose legal basis
is pending (switchable), the commune's overrides; provisional years; exact lunar names."""

from __future__ import annotations

import datetime as dt

import holidays
import pytest

from desk_app.domain.calendar import (DayKind, DaySource, Override, WorkCalendar, calendar_sources,
                                      lunar_tet_name)

d = dt.date


def test_every_decision_names_its_document():
    sources = calendar_sources()
    assert sources.days, "the data file holds the 2026 decision at least"
    for entry in sources.days.values():
        assert entry.document.startswith("Văn bản số") or entry.document.startswith("Quyết định"), entry
        assert entry.name


def test_the_package_has_not_caught_up_with_a_decision():
    """When this fails, `holidays` now knows a decision of the data file: remove that entry (the file is
    for what the package lacks) and keep the test for the others."""
    vn = holidays.VN(language="vi")
    caught_up = [entry for entry in calendar_sources().days.values() if vn.is_working_day(entry.day) == entry.working]
    assert not caught_up, (f"`holidays` {holidays.__version__} already has {caught_up}: remove these entries from "
                           "desk_app/domain/data/calendar_decisions.toml")


def test_first_decision_is_the_new_year_swap_of_2026():
    cal = WorkCalendar()
    assert not cal.is_working_day(d(2026, 1, 2))  # Fri, off
    assert cal.is_working_day(d(2026, 1, 10))  # Sat, worked
    name, source, note = cal.describe_day(d(2026, 1, 2))
    assert source is DaySource.DECISION and "12729/VPCP-KGVX" in note and "25/12/2025" in note
    assert cal.add_working_days(d(2025, 12, 26), 5) == d(2026, 1, 6)  # the example


def test_a_local_override_still_wins_over_a_decision():
    cal = WorkCalendar([Override(d(2026, 1, 2), DayKind.WORKING, "Xã làm việc")])
    assert cal.is_working_day(d(2026, 1, 2))
    assert cal.describe_day(d(2026, 1, 2))[1] is DaySource.LOCAL


def test_years_without_announced_swaps_are_provisional():
    cal = WorkCalendar()
    assert not cal.is_provisional(d(2026, 12, 31))
    assert cal.is_provisional(d(2027, 1, 4))
    assert all(row.provisional for row in cal.special_days(2027))
    assert not any(row.provisional for row in cal.special_days(2026))


def test_pending_holiday_is_shown_with_its_note_and_can_be_switched():
    observed = WorkCalendar()
    row = next(r for r in observed.special_days(2026) if r.day == d(2026, 11, 24))
    assert not row.working and row.source is DaySource.PENDING and "Điều 112" in row.note
    switched = WorkCalendar(pending_off=["van-hoa"])
    assert switched.is_working_day(d(2026, 11, 24))
    row = next(r for r in switched.special_days(2026) if r.day == d(2026, 11, 24))
    assert row.working and "chưa có căn cứ" in row.name
    # Mon 23/11 + 1: 25/11 when observed, 24/11 when switched off
    assert observed.add_working_days(d(2026, 11, 23), 1) == d(2026, 11, 25)
    assert switched.add_working_days(d(2026, 11, 23), 1) == d(2026, 11, 24)


def test_switched_pending_holiday_on_a_weekend_has_no_substitute_day():
    # 24/11/2029 is a Saturday: the package gives Monday 26/11 off in its place
    observed, switched = WorkCalendar(), WorkCalendar(pending_off=["van-hoa"])
    assert not observed.is_working_day(d(2029, 11, 26))
    assert switched.is_working_day(d(2029, 11, 26))
    assert not switched.is_working_day(d(2029, 11, 24))  # still a Saturday


def test_lunar_names_are_exact():
    cal = WorkCalendar()
    # Tết 2027 is Sat 06/02; the 12th month of Bính Ngọ has 29 days: Thu 04/02 is 28 tháng Chạp
    assert cal.day_name(d(2027, 2, 4)) == "Nghỉ Tết Nguyên Đán (28 tháng Chạp)"
    assert cal.day_name(d(2027, 2, 5)) == "Giao thừa Tết Nguyên Đán"
    assert lunar_tet_name(d(2027, 2, 4), "Quốc khánh") == "Quốc khánh"


@pytest.mark.parametrize("year", range(2000, 2101))
def test_lunar_calendar_agrees_with_holidays(year):
    """The lunar dates used for names agree with the `holidays` package on Tết and Giỗ Tổ every year."""
    from holidays.calendars.chinese import VIETNAMESE_CALENDAR, _ChineseLunisolar
    from vnlunar.core import get_lunar_date

    lunisolar = _ChineseLunisolar(VIETNAMESE_CALENDAR)
    tet, _ = lunisolar.lunar_new_year_date(year)
    lunar = get_lunar_date(tet.day, tet.month, tet.year)
    assert (lunar["day"], lunar["month"]) == (1, 1)
    hung_kings, _ = lunisolar.hung_kings_date(year)
    lunar = get_lunar_date(hung_kings.day, hung_kings.month, hung_kings.year)
    assert (lunar["day"], lunar["month"]) == (10, 3)
