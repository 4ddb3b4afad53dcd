"""Session and petition deadlines from the profiles (domain.md §3, §4) and the due states.

Expected dates are worked out by hand. June and July 2026 have no public holiday, so around the
session of Wed 10/06/2026 only weekends are off. Other 2026 facts used: Tết Mon 16 – Fri 20/02; swap Mon
31/08 off; Tue 01/09 and Wed 02/09 off; Tue 24/11 off.
"""

from __future__ import annotations

import datetime as dt
import random

import pytest

from desk_app.domain.calendar import WorkCalendar
from desk_app.domain.deadlines import (
    DueState,
    answer_due,
    conclusion_due,
    due_soon_limit,
    due_state,
    notice_latest,
    session_deadlines,
)
from desk_app.domain.profiles import Anchor, builtin_profile

d = dt.date
SESSION = d(2026, 6, 10)  # a Wednesday
NOTICE_GIVEN = d(2026, 6, 15)  # a conclusion notice issued on Mon 15/06/2026


@pytest.fixture(scope="module")
def cal() -> WorkCalendar:
    return WorkCalendar()


# --- notice deadline (latest day to send the public notice and invitations) ---------------------


@pytest.mark.parametrize("code, expected", [
    # 7 calendar days before Wed 10/06 = Wed 03/06, a working day.
    ("luat-2025", d(2026, 6, 3)),
    # 5 working days before: Tue 09, Mon 08, Fri 05, Thu 04, Wed 03.
    ("hcm-935", d(2026, 6, 3)),
    # 7 working days before: 09, 08, 05, 04, 03, 02, Mon 01/06.
    ("tam-duong-570", d(2026, 6, 1)),
    # 5 working days before, as hcm-935.
    ("gia-lai-553", d(2026, 6, 3)),
])
def test_notice_latest(cal, code, expected):
    assert notice_latest(builtin_profile(code), cal, SESSION) == expected


# --- conclusion notice deadline -----------------------------------------------------------------


@pytest.mark.parametrize("code, expected", [
    # 10 calendar days after Wed 10/06 = Sat 20/06 → Mon 22/06.
    ("luat-2025", d(2026, 6, 22)),
    # 10 working days after: 11, 12, 15–19, 22, 23, Wed 24/06.
    ("hcm-935", d(2026, 6, 24)),
    # 5 working days after: 11, 12, 15, 16, Wed 17/06.
    ("tam-duong-570", d(2026, 6, 17)),
    ("gia-lai-553", d(2026, 6, 24)),
])
def test_conclusion_due(cal, code, expected):
    assert conclusion_due(builtin_profile(code), cal, SESSION) == expected


# --- answer to the citizen ------------------------------------------------------------------------


@pytest.mark.parametrize("code, expected", [
    # anchor = conclusion notice Mon 15/06; 20 working days: 16–19 (4), 22–26 (9), 29, 30 (11),
    # 01–03/07 (14), 06–10/07 (19), Mon 13/07 (20).
    ("luat-2025", d(2026, 7, 13)),
    ("hcm-935", d(2026, 7, 13)),
    ("gia-lai-553", d(2026, 7, 13)),
    # anchor = the session: 15 working days after Wed 10/06: 11, 12 (2), 15–19 (7), 22–26 (12),
    # 29, 30 (14), Wed 01/07 (15). The notice date does not matter.
    ("tam-duong-570", d(2026, 7, 1)),
])
def test_answer_due_with_conclusion_notice_date(cal, code, expected):
    assert answer_due(builtin_profile(code), cal, SESSION, NOTICE_GIVEN) == (expected, False)


@pytest.mark.parametrize("code, expected", [
    # no notice yet: the conclusion deadline Mon 22/06 stands in; 20 working days after it:
    # 23–26 (4), 29, 30 (6), 01–03/07 (9), 06–10/07 (14), 13–17/07 (19), Mon 20/07 (20).
    ("luat-2025", d(2026, 7, 20)),
    # conclusion deadline Wed 24/06; 20 working days after it: 25, 26 (2), 29, 30 (4), 01–03/07 (7),
    # 06–10/07 (12), 13–17/07 (17), 20, 21, Wed 22/07 (20).
    ("hcm-935", d(2026, 7, 22)),
    ("gia-lai-553", d(2026, 7, 22)),
])
def test_answer_due_without_notice_date_is_provisional(cal, code, expected):
    profile = builtin_profile(code)
    assert profile.answer.anchor is Anchor.CONCLUSION_NOTICE
    assert answer_due(profile, cal, SESSION, None) == (expected, True)


def test_answer_due_anchored_on_the_session_is_never_provisional(cal):
    profile = builtin_profile("tam-duong-570")
    assert profile.answer.anchor is Anchor.SESSION
    # Wed 01/07 as above, whether or not a notice date is known.
    assert answer_due(profile, cal, SESSION, None) == (d(2026, 7, 1), False)


@pytest.mark.parametrize("code, notice, expected", [
    # only tam-duong-570 has a complex-case count: 30 working days after Wed 10/06:
    # 11, 12 (2), 15–19 (7), 22–26 (12), 29, 30 (14), 01–03/07 (17), 06–10/07 (22), 13–17/07 (27),
    # 20, 21, Wed 22/07 (30).
    ("tam-duong-570", None, d(2026, 7, 22)),
    ("tam-duong-570", NOTICE_GIVEN, d(2026, 7, 22)),
    # the others have no complex-case count: same as the normal answer deadline.
    ("luat-2025", NOTICE_GIVEN, d(2026, 7, 13)),
    ("luat-2025", None, d(2026, 7, 20)),
    ("hcm-935", NOTICE_GIVEN, d(2026, 7, 13)),
    ("hcm-935", None, d(2026, 7, 22)),
    ("gia-lai-553", NOTICE_GIVEN, d(2026, 7, 13)),
    ("gia-lai-553", None, d(2026, 7, 22)),
])
def test_answer_due_complex_case(cal, code, notice, expected):
    due, _ = answer_due(builtin_profile(code), cal, SESSION, notice, complex_case=True)
    assert due == expected


@pytest.mark.parametrize("code, notice, expected", [
    # (notice_latest, conclusion_due, answer_due, answer_due_complex, provisional) from the cases above
    ("luat-2025", None, (d(2026, 6, 3), d(2026, 6, 22), d(2026, 7, 20), d(2026, 7, 20), True)),
    ("luat-2025", NOTICE_GIVEN, (d(2026, 6, 3), d(2026, 6, 22), d(2026, 7, 13), d(2026, 7, 13), False)),
    ("hcm-935", None, (d(2026, 6, 3), d(2026, 6, 24), d(2026, 7, 22), d(2026, 7, 22), True)),
    ("tam-duong-570", None, (d(2026, 6, 1), d(2026, 6, 17), d(2026, 7, 1), d(2026, 7, 22), False)),
    ("gia-lai-553", NOTICE_GIVEN, (d(2026, 6, 3), d(2026, 6, 24), d(2026, 7, 13), d(2026, 7, 13), False)),
])
def test_session_deadlines_bundle(cal, code, notice, expected):
    profile = builtin_profile(code)
    got = session_deadlines(profile, cal, SESSION, notice)
    assert got.profile_name == profile.name
    assert (got.notice_latest, got.conclusion_due, got.answer_due, got.answer_due_complex,
            got.answer_provisional) == expected


# --- the calendar-days rule landing on a day off -------------------------------------------------


def test_calendar_rule_notice_lands_on_a_holiday(cal):
    # luat-2025, session Wed 09/09/2026: − 7 = Wed 02/09 (off); Tue 01/09, Mon 31/08 (swap), Sun 30,
    # Sat 29 off → Fri 28/08.
    assert notice_latest(builtin_profile("luat-2025"), cal, d(2026, 9, 9)) == d(2026, 8, 28)


def test_calendar_rule_conclusion_lands_on_a_weekend(cal):
    # luat-2025, session Wed 09/09/2026: + 10 = Sat 19/09 → Mon 21/09.
    assert conclusion_due(builtin_profile("luat-2025"), cal, d(2026, 9, 9)) == d(2026, 9, 21)


def test_calendar_rule_conclusion_lands_on_24_november(cal):
    # luat-2025, session Sat 14/11/2026: + 10 = Tue 24/11 (off) → Wed 25/11;
    # notice: − 7 = Sat 07/11 → Fri 06/11.
    profile = builtin_profile("luat-2025")
    assert conclusion_due(profile, cal, d(2026, 11, 14)) == d(2026, 11, 25)
    assert notice_latest(profile, cal, d(2026, 11, 14)) == d(2026, 11, 6)


def test_calendar_rule_across_tet_and_provisional_answer(cal):
    # luat-2025, session Tue 10/02/2026: + 10 = Fri 20/02 (Tết) → Mon 23/02; the answer, anchored on
    # that stand-in: 20 working days after Mon 23/02: 24–27/02 (4), 02–06/03 (9), 09–13/03 (14),
    # 16–20/03 (19), Mon 23/03 (20).
    profile = builtin_profile("luat-2025")
    assert conclusion_due(profile, cal, d(2026, 2, 10)) == d(2026, 2, 23)
    assert answer_due(profile, cal, d(2026, 2, 10), None) == (d(2026, 3, 23), True)


# --- due_state ---------------------------------------------------------------------------------


def test_closed_whatever_the_dates(cal):
    assert due_state(cal, d(2026, 6, 1), d(2026, 6, 30), closed=True) is DueState.CLOSED


def test_overdue_the_day_after_the_due_date(cal):
    assert due_state(cal, d(2026, 6, 10), d(2026, 6, 11), closed=False) is DueState.OVERDUE


def test_overdue_on_the_weekend_after_a_friday_due_date(cal):
    assert due_state(cal, d(2026, 6, 12), d(2026, 6, 13), closed=False) is DueState.OVERDUE


def test_due_today_is_due_soon(cal):
    assert due_state(cal, d(2026, 6, 10), d(2026, 6, 10), closed=False) is DueState.DUE_SOON


@pytest.mark.parametrize("due, expected", [
    # today Tue 09/06: working days left to Fri 12/06 = Wed 10, Thu 11, Fri 12 → 3 → due soon.
    (d(2026, 6, 12), DueState.DUE_SOON),
    # a weekend due date right after the 3rd working day: still 3 working days → due soon.
    (d(2026, 6, 13), DueState.DUE_SOON),
    (d(2026, 6, 14), DueState.DUE_SOON),
    # Mon 15/06 is the 4th working day → on track.
    (d(2026, 6, 15), DueState.ON_TRACK),
    (d(2026, 7, 1), DueState.ON_TRACK),
])
def test_due_soon_counts_three_working_days(cal, due, expected):
    assert due_state(cal, due, d(2026, 6, 9), closed=False) is expected


@pytest.mark.parametrize("due, expected", [
    # "today" of the test suite: Sat 21/11/2026. Working days after it: Mon 23 (1), Wed 25 (2; Tue 24
    # is off), Thu 26 (3), Fri 27 (4).
    (d(2026, 11, 20), DueState.OVERDUE),
    (d(2026, 11, 21), DueState.DUE_SOON),
    (d(2026, 11, 25), DueState.DUE_SOON),
    (d(2026, 11, 26), DueState.DUE_SOON),
    (d(2026, 11, 27), DueState.ON_TRACK),
])
def test_due_state_around_24_november(cal, today, due, expected):
    assert today == d(2026, 11, 21)
    assert due_state(cal, due, today, closed=False) is expected


@pytest.mark.parametrize("state, label", [
    (DueState.ON_TRACK, "trong hạn"),
    (DueState.DUE_SOON, "sắp đến hạn"),
    (DueState.OVERDUE, "quá hạn"),
])
def test_due_state_labels(state, label):
    assert state.label == label


# --- due_soon_limit -------------------------------------------------------------------------------


@pytest.mark.parametrize("today, expected", [
    # Tue 09/06: 4th working day after is Mon 15/06 → the last due-soon date is Sun 14/06.
    (d(2026, 6, 9), d(2026, 6, 14)),
    # Sat 21/11: Mon 23, Wed 25, Thu 26, Fri 27 (4th) → Thu 26/11.
    (d(2026, 11, 21), d(2026, 11, 26)),
    # Sat 29/08: Thu 03/09, Fri 04, Mon 07, Tue 08 (4th) → Mon 07/09.
    (d(2026, 8, 29), d(2026, 9, 7)),
])
def test_due_soon_limit(cal, today, expected):
    assert due_soon_limit(cal, today) == expected


def _todays() -> list[dt.date]:
    fixed = [d(2026, 6, 9), d(2026, 11, 21), d(2026, 11, 23), d(2026, 2, 12), d(2026, 2, 14),
             d(2026, 8, 21), d(2026, 8, 22), d(2026, 8, 29), d(2026, 12, 29), d(2026, 4, 24)]
    rng = random.Random(1121)
    return fixed + [d(2025, 1, 1) + dt.timedelta(days=rng.randrange(3 * 365)) for _ in range(20)]


@pytest.mark.parametrize("today", _todays(), ids=str)
def test_due_soon_limit_agrees_with_due_state(cal, today):
    limit = due_soon_limit(cal, today)
    for offset in range(31):
        due = today + dt.timedelta(days=offset)
        state = due_state(cal, due, today, closed=False)
        assert (state is DueState.DUE_SOON) == (due <= limit), (today, due, state, limit)
        assert state in (DueState.DUE_SOON, DueState.ON_TRACK)
