"""The working-day calendar and the four deadline definitions (domain.md §4).

Every expected date below is worked out by hand from the definitions and these 2026 facts
(``holidays.VN``): Tết Mon 16 – Fri 20/02; Giỗ Tổ Sun 26/04 with substitute day Mon 27/04; Thu 30/04 and
Fri 01/05 off; swap: Mon 31/08 off, Sat 22/08 worked; Tue 01/09 and Wed 02/09 off; Tue 24/11 (Ngày Văn
hóa Việt Nam) off; Thu 01/01 off. 01/01/2027 is a Friday and is off.
"""

from __future__ import annotations

import datetime as dt
import random

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from desk_app.domain.calendar import DayKind, DayUnit, Override, SpecialDay, WorkCalendar, shift
from desk_app.domain.errors import ValidationError

d = dt.date


@pytest.fixture(scope="module")
def cal() -> WorkCalendar:
    """The law alone, no local overrides."""
    return WorkCalendar()


def has_vietnamese_letter(text: str) -> bool:
    return any(ord(ch) > 127 and ch.isalpha() for ch in text)


# --- is_working_day: the facts the rest relies on -----------------------------------------------


@pytest.mark.parametrize("day, working", [
    (d(2026, 6, 10), True),    # an ordinary Wednesday
    (d(2026, 6, 13), False),   # an ordinary Saturday
    (d(2026, 6, 14), False),   # an ordinary Sunday
    (d(2026, 1, 1), False),    # Tết Dương lịch (Thu)
    (d(2026, 2, 16), False),   # Tết, Mon
    (d(2026, 2, 20), False),   # Tết, Fri
    (d(2026, 2, 23), True),    # first working day after Tết
    (d(2026, 4, 27), False),   # Giỗ Tổ substitute day (Mon)
    (d(2026, 4, 30), False),
    (d(2026, 5, 1), False),
    (d(2026, 8, 22), True),    # swapped Saturday: worked
    (d(2026, 8, 31), False),   # swapped Monday: off
    (d(2026, 9, 1), False),
    (d(2026, 9, 2), False),
    (d(2026, 11, 24), False),  # Ngày Văn hóa Việt Nam (Tue)
])
def test_is_working_day_follows_the_law(cal, day, working):
    assert cal.is_working_day(day) is working


# --- N working days after D: the N-th working day strictly after D -----------------------------


@pytest.mark.parametrize("start, n, expected", [
    # Wed 10/06 + 5: Thu 11, Fri 12, Mon 15, Tue 16, Wed 17.
    (d(2026, 6, 10), 5, d(2026, 6, 17)),
    # strictly after: the start day itself never counts.
    (d(2026, 6, 8), 1, d(2026, 6, 9)),
    # from a Saturday: Sun is off, Mon 15/06 is the first.
    (d(2026, 6, 13), 1, d(2026, 6, 15)),
    # Tết: Fri 13/02 + 1 skips Sat 14 … Sun 22/02 → Mon 23/02.
    (d(2026, 2, 13), 1, d(2026, 2, 23)),
    # Thu 12/02 + 2: Fri 13/02 (1), Mon 23/02 (2).
    (d(2026, 2, 12), 2, d(2026, 2, 23)),
    # swap: Fri 21/08 + 1 = Sat 22/08 (a worked Saturday).
    (d(2026, 8, 21), 1, d(2026, 8, 22)),
    # Fri 21/08 + 2: Sat 22 (1), Mon 24 (2).
    (d(2026, 8, 21), 2, d(2026, 8, 24)),
    # Fri 28/08 + 1: Sat 29, Sun 30, Mon 31 (swap), Tue 01/09, Wed 02/09 all off → Thu 03/09.
    (d(2026, 8, 28), 1, d(2026, 9, 3)),
    # Fri 28/08 + 2: Thu 03/09 (1), Fri 04/09 (2).
    (d(2026, 8, 28), 2, d(2026, 9, 4)),
    # 24/11: Mon 23/11 + 1 skips Tue 24/11 → Wed 25/11.
    (d(2026, 11, 23), 1, d(2026, 11, 25)),
    # Fri 20/11 + 2: Mon 23 (1), Wed 25 (2).
    (d(2026, 11, 20), 2, d(2026, 11, 25)),
    # year boundary: Wed 31/12/2025 + 1 skips Thu 01/01/2026 and Fri 02/01 (off by văn bản 12729/VPCP-KGVX,
    # not in `holidays` 0.109) → Mon 05/01/2026.
    (d(2025, 12, 31), 1, d(2026, 1, 5)),
    # the example: Fri 26/12/2025 + 5 → 29, 30, 31/12, 05/01, 06/01.
    (d(2025, 12, 26), 5, d(2026, 1, 6)),
    # Sat 10/01/2026 is a working day (swapped for 02/01): Fri 09/01 + 1 → Sat 10/01.
    (d(2026, 1, 9), 1, d(2026, 1, 10)),
])
def test_add_working_days(cal, start, n, expected):
    assert cal.add_working_days(start, n) == expected


# --- N working days before S: the N-th working day strictly before S ---------------------------


@pytest.mark.parametrize("start, n, expected", [
    # Wed 10/06 − 5: Tue 09, Mon 08, Fri 05, Thu 04, Wed 03.
    (d(2026, 6, 10), 5, d(2026, 6, 3)),
    # strictly before.
    (d(2026, 6, 9), 1, d(2026, 6, 8)),
    # from a Sunday: Sat is off, Fri 12/06 is the first.
    (d(2026, 6, 14), 1, d(2026, 6, 12)),
    # Tết: Mon 23/02 − 1 → Fri 13/02.
    (d(2026, 2, 23), 1, d(2026, 2, 13)),
    # Wed 25/02 − 3: Tue 24 (1), Mon 23 (2), Fri 13/02 (3).
    (d(2026, 2, 25), 3, d(2026, 2, 13)),
    # swap: Mon 24/08 − 1 = Sat 22/08 (worked).
    (d(2026, 8, 24), 1, d(2026, 8, 22)),
    # Mon 24/08 − 2: Sat 22 (1), Fri 21 (2).
    (d(2026, 8, 24), 2, d(2026, 8, 21)),
    # Thu 03/09 − 1: Wed 02, Tue 01, Mon 31 off, weekend → Fri 28/08.
    (d(2026, 9, 3), 1, d(2026, 8, 28)),
    # 24/11: Wed 25/11 − 1 → Mon 23/11.
    (d(2026, 11, 25), 1, d(2026, 11, 23)),
    # year boundary: Mon 05/01/2026 − 1 skips Fri 02/01 (swapped day off) and Thu 01/01 → Wed 31/12/2025.
    (d(2026, 1, 5), 1, d(2025, 12, 31)),
])
def test_subtract_working_days(cal, start, n, expected):
    assert cal.subtract_working_days(start, n) == expected


# --- N calendar days after D: D + N, moved to the next working day -----------------------------


@pytest.mark.parametrize("start, n, expected", [
    # Wed 10/06 + 7 = Wed 17/06, a working day.
    (d(2026, 6, 10), 7, d(2026, 6, 17)),
    # Wed 10/06 + 10 = Sat 20/06 → Mon 22/06.
    (d(2026, 6, 10), 10, d(2026, 6, 22)),
    # Tết: Tue 10/02 + 7 = Tue 17/02 (off) → Mon 23/02.
    (d(2026, 2, 10), 7, d(2026, 2, 23)),
    # Sat 15/08 + 7 = Sat 22/08, a worked Saturday: stays.
    (d(2026, 8, 15), 7, d(2026, 8, 22)),
    # Mon 24/08 + 7 = Mon 31/08 (swap, off), Tue 01/09, Wed 02/09 off → Thu 03/09.
    (d(2026, 8, 24), 7, d(2026, 9, 3)),
    # Tue 17/11 + 7 = Tue 24/11 (off) → Wed 25/11.
    (d(2026, 11, 17), 7, d(2026, 11, 25)),
    # year boundary: Thu 25/12/2025 + 7 = Thu 01/01/2026 (off), Fri 02/01 (swapped day off) → Mon 05/01/2026.
    (d(2025, 12, 25), 7, d(2026, 1, 5)),
])
def test_add_calendar_days(cal, start, n, expected):
    assert cal.add_calendar_days(start, n) == expected


# --- N calendar days before S: S − N, moved to the previous working day ------------------------


@pytest.mark.parametrize("start, n, expected", [
    # Wed 10/06 − 7 = Wed 03/06, a working day.
    (d(2026, 6, 10), 7, d(2026, 6, 3)),
    # Wed 17/06 − 10 = Sun 07/06 → Fri 05/06.
    (d(2026, 6, 17), 10, d(2026, 6, 5)),
    # Tết: Tue 24/02 − 7 = Tue 17/02 (off) → Fri 13/02.
    (d(2026, 2, 24), 7, d(2026, 2, 13)),
    # Sat 29/08 − 7 = Sat 22/08, a worked Saturday: stays.
    (d(2026, 8, 29), 7, d(2026, 8, 22)),
    # Sat 05/09 − 5 = Mon 31/08 (off), Sun 30, Sat 29 → Fri 28/08.
    (d(2026, 9, 5), 5, d(2026, 8, 28)),
    # Tue 01/12 − 7 = Tue 24/11 (off) → Mon 23/11.
    (d(2026, 12, 1), 7, d(2026, 11, 23)),
    # year boundary: Thu 08/01/2026 − 7 = Thu 01/01 (off) → Wed 31/12/2025.
    (d(2026, 1, 8), 7, d(2025, 12, 31)),
])
def test_subtract_calendar_days(cal, start, n, expected):
    assert cal.subtract_calendar_days(start, n) == expected


# --- N = 0 ---------------------------------------------------------------------------------------


@pytest.mark.parametrize("method", ["add_working_days", "subtract_working_days",
                                    "add_calendar_days", "subtract_calendar_days"])
def test_zero_days_from_a_working_day_is_that_day(cal, method):
    # Wed 10/06/2026 is a working day: 0 days away is the day itself.
    assert getattr(cal, method)(d(2026, 6, 10), 0) == d(2026, 6, 10)


def test_zero_calendar_days_after_a_day_off_is_the_next_working_day(cal):
    # Sat 13/06 + 0 = Sat 13/06, off → Mon 15/06.
    assert cal.add_calendar_days(d(2026, 6, 13), 0) == d(2026, 6, 15)


def test_zero_calendar_days_before_a_day_off_is_the_previous_working_day(cal):
    # Sat 13/06 − 0 = Sat 13/06, off → Fri 12/06.
    assert cal.subtract_calendar_days(d(2026, 6, 13), 0) == d(2026, 6, 12)


# --- next / previous working day ---------------------------------------------------------------


@pytest.mark.parametrize("day, expected", [
    (d(2026, 6, 10), d(2026, 6, 10)),  # a working day is its own next working day
    (d(2026, 8, 22), d(2026, 8, 22)),  # the worked Saturday too
    (d(2026, 2, 14), d(2026, 2, 23)),  # Sat before Tết → Mon after it
    (d(2026, 8, 29), d(2026, 9, 3)),   # Sat 29/08 … Wed 02/09 off → Thu 03/09
    (d(2026, 11, 24), d(2026, 11, 25)),
])
def test_next_working_day(cal, day, expected):
    assert cal.next_working_day(day) == expected


@pytest.mark.parametrize("day, expected", [
    (d(2026, 6, 10), d(2026, 6, 10)),
    (d(2026, 2, 22), d(2026, 2, 13)),  # Sun after Tết → Fri before it
    (d(2026, 9, 2), d(2026, 8, 28)),   # Wed 02/09 … Sat 29/08 off → Fri 28/08
    (d(2026, 8, 23), d(2026, 8, 22)),  # Sun 23/08 → the worked Saturday
    (d(2026, 11, 24), d(2026, 11, 23)),
])
def test_previous_working_day(cal, day, expected):
    assert cal.previous_working_day(day) == expected


# --- shift: the four definitions behind one call ----------------------------------------------


@pytest.mark.parametrize("days, unit, before, expected", [
    (5, DayUnit.WORKING, True, d(2026, 6, 3)),     # Tue 09, Mon 08, Fri 05, Thu 04, Wed 03
    (5, DayUnit.WORKING, False, d(2026, 6, 17)),   # Thu 11, Fri 12, Mon 15, Tue 16, Wed 17
    (10, DayUnit.CALENDAR, True, d(2026, 5, 29)),  # Sun 31/05 → Sat 30 → Fri 29/05
    (10, DayUnit.CALENDAR, False, d(2026, 6, 22)),  # Sat 20/06 → Mon 22/06
])
def test_shift_applies_the_matching_definition(cal, days, unit, before, expected):
    assert shift(cal, d(2026, 6, 10), days, unit, before=before) == expected


# --- local overrides ----------------------------------------------------------------------------


def test_extra_day_off_on_a_weekday_pushes_working_days_after():
    cal = WorkCalendar([Override(d(2026, 6, 11), DayKind.OFF, "Nghỉ lễ hội xã")])
    # Thu 11/06 is now off: Wed 10/06 + 1 → Fri 12/06 (17/06 → 18/06 for + 5).
    assert cal.add_working_days(d(2026, 6, 10), 1) == d(2026, 6, 12)
    assert cal.add_working_days(d(2026, 6, 10), 5) == d(2026, 6, 18)


def test_extra_day_off_on_a_weekday_moves_calendar_deadlines():
    cal = WorkCalendar([Override(d(2026, 6, 11), DayKind.OFF, "Nghỉ lễ hội xã")])
    # Mon 08/06 + 3 = Thu 11/06 (off) → Fri 12/06; Sun 14/06 − 3 = Thu 11/06 (off) → Wed 10/06.
    assert cal.add_calendar_days(d(2026, 6, 8), 3) == d(2026, 6, 12)
    assert cal.subtract_calendar_days(d(2026, 6, 14), 3) == d(2026, 6, 10)


def test_working_saturday_counts_as_a_working_day():
    cal = WorkCalendar([Override(d(2026, 6, 13), DayKind.WORKING, "Làm bù")])
    # Sat 13/06 now works: Fri 12/06 + 1 = Sat 13/06; Wed 10/06 + 5: 11, 12, 13, 15, 16.
    assert cal.add_working_days(d(2026, 6, 12), 1) == d(2026, 6, 13)
    assert cal.add_working_days(d(2026, 6, 10), 5) == d(2026, 6, 16)
    # Mon 15/06 − 1 = Sat 13/06.
    assert cal.subtract_working_days(d(2026, 6, 15), 1) == d(2026, 6, 13)
    # Wed 10/06 + 3 calendar days = Sat 13/06, now working: stays.
    assert cal.add_calendar_days(d(2026, 6, 10), 3) == d(2026, 6, 13)


def test_working_override_wins_over_a_legal_holiday():
    cal = WorkCalendar([Override(d(2026, 11, 24), DayKind.WORKING, "Không nghỉ")])
    assert cal.is_working_day(d(2026, 11, 24))
    # Mon 23/11 + 1 = Tue 24/11 (the law says off, the override says working).
    assert cal.add_working_days(d(2026, 11, 23), 1) == d(2026, 11, 24)


def test_off_override_wins_over_a_swapped_working_saturday():
    cal = WorkCalendar([Override(d(2026, 8, 22), DayKind.OFF, "Không làm bù")])
    assert not cal.is_working_day(d(2026, 8, 22))
    # Fri 21/08 + 1: Sat 22 now off, Sun 23 → Mon 24/08.
    assert cal.add_working_days(d(2026, 8, 21), 1) == d(2026, 8, 24)


def test_overrides_given_as_mapping_or_iterable_agree():
    o = Override(d(2026, 6, 11), DayKind.OFF, "Nghỉ")
    by_list, by_map = WorkCalendar([o]), WorkCalendar({o.day: o})
    assert by_list.overrides == by_map.overrides == {o.day: o}
    assert by_list.add_working_days(d(2026, 6, 10), 1) == by_map.add_working_days(d(2026, 6, 10), 1)


def test_long_stretch_of_days_off_still_terminates():
    # Mark the 20 working days Thu 11/06 … Wed 08/07/2026 off:
    # June 11, 12, 15–19, 22–26, 29, 30 (14) and July 1, 2, 3, 6, 7, 8 (6).
    stretch, day = [], d(2026, 6, 11)
    while len(stretch) < 20:
        if day.weekday() < 5:
            stretch.append(Override(day, DayKind.OFF, "Nghỉ dài"))
        day += dt.timedelta(days=1)
    assert stretch[-1].day == d(2026, 7, 8)
    cal = WorkCalendar(stretch)
    # the first working day after Wed 10/06 is Thu 09/07.
    assert cal.add_working_days(d(2026, 6, 10), 1) == d(2026, 7, 9)
    assert cal.add_calendar_days(d(2026, 6, 10), 1) == d(2026, 7, 9)
    # Fri 10/07 − 2: Thu 09/07 (1), then back over the stretch to Wed 10/06 (2).
    assert cal.subtract_working_days(d(2026, 7, 10), 2) == d(2026, 6, 10)


def test_calendar_without_any_working_day_raises_instead_of_looping():
    start = d(2026, 6, 10)
    all_off = [Override(start + dt.timedelta(days=i), DayKind.OFF) for i in range(1, 4001)]
    cal = WorkCalendar(all_off)
    with pytest.raises(ValidationError) as err:
        cal.add_working_days(start, 1)
    assert has_vietnamese_letter(err.value.message)
    with pytest.raises(ValidationError):
        cal.next_working_day(start + dt.timedelta(days=1))


# --- special_days -------------------------------------------------------------------------------

# Non-working weekdays and working weekend days of 2026, from the facts above.
SPECIAL_2026 = {
    d(2026, 1, 1): False,
    d(2026, 1, 2): False, d(2026, 1, 10): True,  # văn bản 12729/VPCP-KGVX (the project's data file)
    d(2026, 2, 16): False, d(2026, 2, 17): False, d(2026, 2, 18): False, d(2026, 2, 19): False,
    d(2026, 2, 20): False,
    d(2026, 4, 27): False,
    d(2026, 4, 30): False,
    d(2026, 5, 1): False,
    d(2026, 8, 22): True,
    d(2026, 8, 31): False,
    d(2026, 9, 1): False,
    d(2026, 9, 2): False,
    d(2026, 11, 24): False,
}


@pytest.fixture(scope="module")
def special_2026(cal) -> dict[dt.date, SpecialDay]:
    return {row.day: row for row in cal.special_days(2026)}


@pytest.mark.parametrize("day, working", sorted(SPECIAL_2026.items()))
def test_special_days_lists_the_legal_rows(special_2026, day, working):
    row = special_2026[day]
    assert row.working is working
    assert row.label == ("làm việc" if working else "nghỉ")
    assert has_vietnamese_letter(row.name), row.name
    assert row.is_local is False


def test_special_days_has_no_other_rows(special_2026):
    assert {day: row.working for day, row in special_2026.items()} == SPECIAL_2026


def test_special_days_names(special_2026):
    assert "Tết" in special_2026[d(2026, 2, 17)].name
    assert "Văn hóa" in special_2026[d(2026, 11, 24)].name


def test_special_days_exclude_holiday_on_a_weekend(special_2026):
    # Giỗ Tổ Sun 26/04/2026: a weekend day that is off anyway — not a special row.
    assert d(2026, 4, 26) not in special_2026


def test_special_days_are_in_date_order(cal):
    days = [row.day for row in cal.special_days(2026)]
    assert days == sorted(days)


def test_special_days_include_local_overrides_with_their_note():
    cal = WorkCalendar([
        Override(d(2026, 6, 12), DayKind.OFF, "Nghỉ lễ hội truyền thống xã"),
        Override(d(2026, 6, 13), DayKind.WORKING, "Làm bù ngày 12/6"),
    ])
    rows = {row.day: row for row in cal.special_days(2026)}
    off, worked = rows[d(2026, 6, 12)], rows[d(2026, 6, 13)]
    assert (off.working, off.name, off.is_local) == (False, "Nghỉ lễ hội truyền thống xã", True)
    assert (worked.working, worked.name, worked.is_local) == (True, "Làm bù ngày 12/6", True)
    # the legal rows are still there
    assert rows[d(2026, 11, 24)].is_local is False


def test_special_days_local_override_without_note_gets_a_vietnamese_name():
    cal = WorkCalendar([Override(d(2026, 6, 12), DayKind.OFF)])
    row = {r.day: r for r in cal.special_days(2026)}[d(2026, 6, 12)]
    assert has_vietnamese_letter(row.name)


# --- working_days_between -----------------------------------------------------------------------


@pytest.mark.parametrize("start, end", [
    (d(2026, 6, 10), d(2026, 6, 10)),
    (d(2026, 6, 10), d(2026, 6, 1)),
    (d(2027, 1, 5), d(2026, 12, 1)),
])
def test_working_days_between_is_zero_when_end_not_after_start(cal, start, end):
    assert cal.working_days_between(start, end) == 0


@pytest.mark.parametrize("start, end, expected", [
    # (Wed 10/06, Wed 17/06]: 11, 12, 15, 16, 17.
    (d(2026, 6, 10), d(2026, 6, 17), 5),
    # (Fri 13/02, Mon 23/02]: only Mon 23/02 (Tết in between).
    (d(2026, 2, 13), d(2026, 2, 23), 1),
    # (Fri 21/08, Fri 04/09]: Sat 22, Mon 24 – Fri 28 (5), Thu 03, Fri 04 → 8.
    (d(2026, 8, 21), d(2026, 9, 4), 8),
    # across 2025→2026: (Mon 29/12/2025, Mon 05/01/2026]: 30/12, 31/12, 05/01 (02/01 swapped off).
    (d(2025, 12, 29), d(2026, 1, 5), 3),
    # across 2026→2027: (Thu 24/12, Thu 07/01]: 25, 28, 29, 30, 31/12 (5) + 04 – 07/01 (4).
    (d(2026, 12, 24), d(2027, 1, 7), 9),
    # the whole of 2026: 261 weekdays (52 weeks + Thu 31/12) − 13 weekday holidays + Sat 22/08 = 249.
    (d(2025, 12, 31), d(2026, 12, 31), 249),
])
def test_working_days_between(cal, start, end, expected):
    assert cal.working_days_between(start, end) == expected


def naive_between(cal: WorkCalendar, start: dt.date, end: dt.date) -> int:
    count, day = 0, start + dt.timedelta(days=1)
    while day <= end:
        count += cal.is_working_day(day)
        day += dt.timedelta(days=1)
    return count


@settings(max_examples=150, deadline=None)
@given(start=st.dates(min_value=d(1997, 1, 1), max_value=d(2031, 12, 31)),
       span=st.integers(min_value=-40, max_value=1200))
def test_working_days_between_matches_a_day_by_day_count(cal, start, span):
    end = start + dt.timedelta(days=span)
    assert cal.working_days_between(start, end) == naive_between(cal, start, end)


def test_working_days_between_matches_a_day_by_day_count_with_overrides():
    rng = random.Random(20261121)
    base = d(2025, 1, 1)
    overrides = [Override(base + dt.timedelta(days=rng.randrange(3 * 365)), rng.choice(list(DayKind)))
                 for _ in range(60)]
    cal = WorkCalendar(overrides)
    for _ in range(200):
        start = base + dt.timedelta(days=rng.randrange(3 * 365))
        end = start + dt.timedelta(days=rng.randrange(-10, 400))
        assert cal.working_days_between(start, end) == naive_between(cal, start, end), (start, end)


# --- invalid counts -----------------------------------------------------------------------------

BAD_COUNTS = [-1, -30, True, False, 1001, 1.5, "5", None]


@pytest.mark.parametrize("method", ["add_working_days", "subtract_working_days",
                                    "add_calendar_days", "subtract_calendar_days"])
@pytest.mark.parametrize("n", BAD_COUNTS, ids=repr)
def test_invalid_count_is_refused_in_vietnamese(cal, method, n):
    with pytest.raises(ValidationError) as err:
        getattr(cal, method)(d(2026, 6, 10), n)
    assert "days" in err.value.errors
    assert has_vietnamese_letter(err.value.errors["days"])
    assert "Số ngày" in err.value.message


@pytest.mark.parametrize("unit", list(DayUnit))
def test_shift_refuses_invalid_count(cal, unit):
    with pytest.raises(ValidationError):
        shift(cal, d(2026, 6, 10), -1, unit, before=False)


def test_largest_allowed_count_is_accepted(cal):
    # 1000 is the upper bound and still allowed (about four years of working days).
    result = cal.add_working_days(d(2026, 6, 10), 1000)
    assert cal.working_days_between(d(2026, 6, 10), result) == 1000


def test_special_days_list_every_local_override_even_a_worked_holiday():
    cal = WorkCalendar([Override(dt.date(2026, 11, 24), DayKind.WORKING, "Xã làm việc, nghỉ bù sau")])
    rows = {row.day: row for row in cal.special_days(2026)}
    row = rows[dt.date(2026, 11, 24)]
    assert row.working and row.is_local and row.name == "Xã làm việc, nghỉ bù sau"


def test_working_days_between_across_years_counts_day_by_day():
    from desk_app.domain.calendar import WorkCalendar

    calendar = WorkCalendar()
    for start, end in ((dt.date(2024, 12, 20), dt.date(2026, 2, 20)), (dt.date(2025, 12, 31), dt.date(2026, 1, 2)),
                       (dt.date(2026, 3, 1), dt.date(2026, 3, 31))):
        expected = sum(calendar.is_working_day(start + dt.timedelta(days=i))
                       for i in range(1, (end - start).days + 1))
        assert calendar.working_days_between(start, end) == expected


def test_the_holiday_tables_are_vietnams_without_loading_every_country():
    """Only Vietnam's module of the `holidays` package is loaded (start-up time), once when several threads ask
    at the same time, with the same days and names as the package's own ``holidays.VN``; a later import of
    the whole package still works."""
    import subprocess
    import sys

    script = (
        "import sys, threading, datetime as dt\n"
        "from desk_app.domain.calendar import _vietnam_holidays\n"
        "start, results = threading.Barrier(4), []\n"  # the worker's warm-up and the window ask at once
        "def ask():\n"
        "    start.wait()\n"
        "    results.append(_vietnam_holidays().get(dt.date(2026, 9, 2)))\n"
        "threads = [threading.Thread(target=ask) for _ in range(4)]\n"
        "[t.start() for t in threads]; [t.join() for t in threads]\n"
        "assert results == ['Quốc khánh'] * 4, results\n"
        "ours = _vietnam_holidays()\n"
        "days = [dt.date(2026, 1, 1) + dt.timedelta(days=k) for k in range(0, 3 * 366)]\n"
        "got = [(d, ours.get(d)) for d in days]\n"
        "countries = sum(1 for name in sys.modules if name.startswith('holidays.countries.'))\n"
        "import holidays\n"
        "theirs = holidays.VN(language='vi')\n"
        "assert got == [(d, theirs.get(d)) for d in days], 'different days or names'\n"
        "assert holidays.US().get(dt.date(2026, 7, 4))\n"
        "print(countries)\n")
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, encoding="utf-8")
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "1"
