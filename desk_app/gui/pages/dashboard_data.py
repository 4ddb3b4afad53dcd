"""What the dashboard shows, read without Qt: the start computes it on the thread that opens the database,
so that the first screen has its figures without another trip through the worker."""

from __future__ import annotations

import datetime as dt
import time
from dataclasses import dataclass, field

from desk_app.services import followup, statistics
from desk_app.services.common import load_calendar

LIST_LIMIT = 50  # rows per petition list: the follow-up page has them all
FRESH_SECONDS = 5.0  # figures read at start are shown only this soon after (a password prompt may wait long)


@dataclass(frozen=True)
class PetitionRow:
    """What the dashboard lists of a petition (plain values: no ORM object outlives its session)."""

    id: int
    citizen: str
    content: str
    agency: str
    due: dt.date | None
    days: int  # calendar days late (overdue) or working days left (due soon)


@dataclass(frozen=True)
class Figures:
    """Everything the dashboard shows for a year, as of ``today``."""

    year: int
    today: dt.date
    stats: statistics.Statistics
    overdue: tuple[list[PetitionRow], int]  # the first rows, and how many there are in all
    soon: tuple[list[PetitionRow], int]
    read_at: float = field(default_factory=time.monotonic)

    def fresh(self, year: int, today: dt.date) -> bool:
        """Of this year and day, and read a moment ago."""
        return (self.year, self.today) == (year, today) and time.monotonic() - self.read_at < FRESH_SECONDS


def urgent_rows(session, flt: followup.PetitionFilter, today: dt.date, days) -> tuple[list[PetitionRow], int]:
    """The first rows of a follow-up filter (most urgent first) and how many there are in all.

    Not limited to the chosen year: a petition of an earlier year still open is just as urgent."""
    urgent, total = followup.urgent_petitions(session, flt, today, LIST_LIMIT)
    return [PetitionRow(p.id, p.citizen, p.content, p.agency, p.due, days(p.due)) for p in urgent], total


def load_figures(session, year: int, today: dt.date) -> Figures:
    """One ``statistics.compute`` call and two short, limited petition queries."""
    stats = statistics.compute(session, statistics.Period.year(year), today)
    calendar = load_calendar(session)
    overdue = urgent_rows(session, followup.PetitionFilter(overdue=True), today, lambda due: (today - due).days)
    soon = urgent_rows(session, followup.PetitionFilter(due_soon=True), today,
                       lambda due: calendar.working_days_between(today, due))
    return Figures(year, today, stats, overdue, soon)
