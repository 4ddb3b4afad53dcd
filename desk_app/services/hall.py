"""What the hall screen (Màn hình hội trường) shows of a meeting: read in one unit of work, plain values.

The hall screen is projected for the room: it names the session, its chair, the citizen who has the floor and
the next ones — by name and hamlet only. Nothing else a registration holds (CCCD, phone, address, birth year,
what they registered to say) is in :class:`HallView`, so no screen can show it by mistake.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from sqlalchemy.orm import Session

from desk_app.domain.states import AgendaStep, RegistrationState, SessionStatus
from desk_app.domain.validation import format_date, format_time
from desk_app.store import models as m
from desk_app.services import registrations, settings
from desk_app.services.common import commune, get
from desk_app.services.minutes import opinions

NEXT_SHOWN = 3  # the next speakers the room sees

# What the room reads for each agenda step a–đ (the minutes keep the regulation's longer wording).
HALL_STEPS = {
    AgendaStep.OPENING.value: "Khai mạc hội nghị",
    AgendaStep.HEAD_INFORMS.value: "Người chủ trì thông tin đến Nhân dân",
    AgendaStep.CITIZENS_SPEAK.value: "Nhân dân phát biểu ý kiến",
    AgendaStep.AGENCIES_ANSWER.value: "Phần trả lời của lãnh đạo xã",
    AgendaStep.CONCLUSION.value: "Kết luận của chủ tọa",
}


@dataclass(frozen=True)
class HallPerson:
    """A citizen as the room sees them: the name and the hamlet, nothing more."""

    name: str
    hamlet: str = ""


@dataclass
class HallView:
    """A dialogue session as the hall screen shows it.

    ``phase`` is "before" (not started: the still slide), "live", "after" (ended: the still slide with a
    word of thanks) or "cancelled". While live, ``speaker`` is the citizen who has the floor, else ``step`` names the agenda
    step the meeting is in."""

    id: int
    title: str
    host: str  # "Chủ trì: Đồng chí Nguyễn Văn Khải, Bí thư Đảng ủy xã"
    commune: str
    place: str
    when: str  # "14:00 ngày 10/12/2026"
    phase: str
    step: str = ""
    speaker: HallPerson | None = None
    next_up: list[HallPerson] = field(default_factory=list)
    speaking_seconds: int = 300

    def texts(self) -> list[str]:
        """Every text the view carries (tests check none of it is personal data)."""
        people = ([self.speaker] if self.speaker else []) + self.next_up
        return [self.title, self.host, self.commune, self.place, self.when, self.step] + \
            [t for p in people for t in (p.name, p.hamlet)]


def _hamlet(row) -> str:
    """The hamlet's name only: an address typed in its place stays off the screen."""
    return row.hamlet.name if row.hamlet is not None else ""


def hall_view(session: Session, meeting_id: int) -> HallView:
    ds = get(session, m.DialogueSession, meeting_id)
    unit = commune(session)
    chair = ds.chair
    host = f"Chủ trì: Đồng chí {chair.name}, {chair.title}" if chair is not None else ""
    start = ds.actual_start or ds.planned_start
    status = SessionStatus(ds.status)
    phase = ("live" if status is SessionStatus.IN_PROGRESS else "before" if status.planned else
             "cancelled" if status is SessionStatus.CANCELLED else "after")
    view = HallView(ds.id, ds.title, host, unit.name if unit is not None else "", ds.place,
                    f"{format_time(start)} ngày {format_date(start.date())}", phase,
                    speaking_seconds=int(settings.get(session, settings.SPEAKING_SECONDS)))
    if phase != "live":
        return view
    last_step = ds.agenda_log[-1] if ds.agenda_log else None
    view.step = HALL_STEPS.get(last_step.step, "") if last_step is not None else ""
    speaking = [o for o in opinions(session, ds.id) if o.ended_at is None]
    current = speaking[-1] if speaking else None
    # An opinion left open when the meeting moved on to a later step (answers, the conclusion) is not shown as
    # the floor's: the step is.
    if current is not None and (last_step is None or last_step.step == AgendaStep.CITIZENS_SPEAK.value
                                or current.started_at is None or current.started_at > last_step.reached_at):
        view.speaker = HallPerson(current.speaker_name, _hamlet(current))
    waiting = [r for r in registrations.queue(session, ds.id) if r.state == RegistrationState.WAITING.value]
    view.next_up = [HallPerson(r.citizen_name, _hamlet(r)) for r in waiting[:NEXT_SHOWN]]
    return view
