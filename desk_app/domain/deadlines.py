"""The deadlines of a session and of each petition, from its profile and the working-day calendar.

- latest day to issue the public notice and invitations: ``profile.notice`` before the session date;
- conclusion notice due: ``profile.conclusion`` after the session date;
- answer to the citizen due: ``profile.answer`` (or the complex-case count) after its anchor. When the
  anchor is the conclusion notice and that notice is not issued yet, the latest allowed notice date
  (the conclusion deadline) stands in for it and the due date is marked *provisional*: it can only move
  earlier once the notice is issued on time.

Overdue and due soon (≤ 3 working days left) are computed from today, never stored.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from enum import Enum

from desk_app.domain.calendar import WorkCalendar, shift
from desk_app.domain.profiles import Anchor, Profile

DUE_SOON_WORKING_DAYS = 3


@dataclass(frozen=True)
class SessionDeadlines:
    profile_name: str
    notice_latest: dt.date
    conclusion_due: dt.date
    answer_due: dt.date
    answer_due_complex: dt.date
    answer_provisional: bool


def notice_latest(profile: Profile, calendar: WorkCalendar, session_date: dt.date) -> dt.date:
    rule = profile.notice
    return shift(calendar, session_date, rule.days, rule.unit, before=True)


def conclusion_due(profile: Profile, calendar: WorkCalendar, session_date: dt.date) -> dt.date:
    rule = profile.conclusion
    return shift(calendar, session_date, rule.days, rule.unit, before=False)


def answer_due(profile: Profile, calendar: WorkCalendar, session_date: dt.date,
               conclusion_notice_date: dt.date | None, complex_case: bool = False) -> tuple[dt.date, bool]:
    """The date the citizen must have a written answer by, and whether it is provisional."""
    rule = profile.answer_rule(complex_case)
    provisional = False
    if rule.anchor is Anchor.CONCLUSION_NOTICE:
        if conclusion_notice_date is None:
            anchor = conclusion_due(profile, calendar, session_date)
            provisional = True
        else:
            anchor = conclusion_notice_date
    else:
        anchor = session_date
    return shift(calendar, anchor, rule.days, rule.unit, before=False), provisional


def session_deadlines(profile: Profile, calendar: WorkCalendar, session_date: dt.date,
                      conclusion_notice_date: dt.date | None = None) -> SessionDeadlines:
    normal, provisional = answer_due(profile, calendar, session_date, conclusion_notice_date, False)
    complex_, _ = answer_due(profile, calendar, session_date, conclusion_notice_date, True)
    return SessionDeadlines(
        profile_name=profile.name,
        notice_latest=notice_latest(profile, calendar, session_date),
        conclusion_due=conclusion_due(profile, calendar, session_date),
        answer_due=normal,
        answer_due_complex=complex_,
        answer_provisional=provisional,
    )


class DueState(str, Enum):
    CLOSED = "closed"
    ON_TRACK = "on_track"
    DUE_SOON = "due_soon"
    OVERDUE = "overdue"

    @property
    def label(self) -> str:
        return {"closed": "", "on_track": "trong hạn", "due_soon": "sắp đến hạn",
                "overdue": "quá hạn"}[self.value]


def due_state(calendar: WorkCalendar, due: dt.date | None, today: dt.date, closed: bool) -> DueState:
    """Overdue: today is after the due date. Due soon: at most 3 working days left (due today included)."""
    if closed or due is None:
        return DueState.CLOSED
    if today > due:
        return DueState.OVERDUE
    if calendar.working_days_between(today, due) <= DUE_SOON_WORKING_DAYS:
        return DueState.DUE_SOON
    return DueState.ON_TRACK


def due_soon_limit(calendar: WorkCalendar, today: dt.date) -> dt.date:
    """The last due date that counts as due soon today (for database queries).

    Same rule as :func:`due_state`: the day before the 4th working day after today.
    """
    return calendar.add_working_days(today, DUE_SOON_WORKING_DAYS + 1) - dt.timedelta(days=1)
