"""The figures of domain.md §6 — one function, :func:`compute`, used by the dashboard, the yearly report
and the Excel summary so that they always agree.

Definitions (written down because reports are compared):
- a session belongs to the period by the day it is (or was) held; petitions, registrations and
  opinions belong to the period of their session;
- sessions: ``total`` is every session planned in the period, ``held`` those that took place (Đã kết
  thúc and after), ``cancelled`` (Hủy), ``upcoming`` the rest; periodic / ad hoc and the forms count held
  sessions; attendance sums held sessions;
- registrations exclude merged duplicates; ``refused`` counts registrations refused under a regulated
  reason; ``walk_ins`` those registered at the meeting;
- petitions by status; resolved on time when the resolution date is on or before the due date in force
  (an extension told to the citizen in writing moves it); open petitions are overdue when today is past
  their due date; ``avg_days_to_resolve`` is the mean number of working days from the session to the
  resolution of resolved petitions;
- compliance: each head (Bí thư Đảng ủy, Chủ tịch HĐND, Chủ tịch UBND) against the profile's yearly
  minimum, counting held sessions whose host is that head's body, or joint sessions naming it; a head
  who holds two posts is credited on both.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from sqlalchemy import DateTime, case, func, select
from sqlalchemy.orm import Session

from desk_app.domain import clock
from desk_app.domain.states import Host, PetitionStatus, Regime, RegistrationState, SessionForm, SessionStatus
from desk_app.store import models as m
from desk_app.services import catalog
from desk_app.services.common import default_profile_row, domain_profile, load_calendar
from desk_app.services.sessions import session_bodies

COMPLIANCE_LABELS = {"met": "Đạt", "planned": "Đã có kế hoạch", "not_yet": "Chưa tổ chức"}


@dataclass(frozen=True)
class Period:
    start: dt.date
    end: dt.date

    @classmethod
    def year(cls, year: int) -> "Period":
        return cls(dt.date(year, 1, 1), dt.date(year, 12, 31))

    @property
    def label(self) -> str:
        if self.start == dt.date(self.start.year, 1, 1) and self.end == dt.date(self.start.year, 12, 31):
            return f"Năm {self.start.year}"
        return f"Từ ngày {self.start:%d/%m/%Y} đến ngày {self.end:%d/%m/%Y}"


@dataclass
class Figures:
    sessions_total: int = 0
    sessions_held: int = 0
    sessions_cancelled: int = 0
    sessions_upcoming: int = 0
    periodic: int = 0
    ad_hoc: int = 0
    by_form: dict[str, int] = field(default_factory=lambda: {f.value: 0 for f in SessionForm})
    citizens_attending: int = 0
    delegates_attending: int = 0
    registrations: int = 0
    refused: int = 0
    walk_ins: int = 0
    opinions: int = 0
    petitions: int = 0
    by_status: dict[str, int] = field(default_factory=lambda: {s.value: 0 for s in PetitionStatus})
    resolved_on_time: int = 0
    resolved_late: int = 0
    open_not_due: int = 0
    open_overdue: int = 0
    raised_more_than_once: int = 0
    by_field_status: dict[str, dict[str, int]] = field(default_factory=dict)
    _resolve_days_sum: int = 0

    @property
    def answered_at_meeting(self) -> int:
        return self.by_status[PetitionStatus.ANSWERED_AT_MEETING.value]

    @property
    def resolved(self) -> int:
        return self.by_status[PetitionStatus.RESOLVED.value]

    @property
    def in_progress(self) -> int:
        return self.by_status[PetitionStatus.NEW.value] + self.by_status[PetitionStatus.IN_PROGRESS.value]

    @property
    def transferred(self) -> int:
        return self.by_status[PetitionStatus.TRANSFERRED.value]

    @property
    def not_competent(self) -> int:
        return self.by_status[PetitionStatus.NOT_COMPETENT.value]

    @property
    def avg_days_to_resolve(self) -> float | None:
        if not self.resolved:
            return None
        return round(self._resolve_days_sum / self.resolved, 1)

    def items(self) -> list[tuple[str, str, int | float | None]]:
        """The figures as (stable key, Vietnamese label, value) in report order.

        The key never changes between versions (consolidation matches on it); the label is what a person
        reads (the Excel "Tổng hợp" sheet, the dashboard, the report).
        """
        items: list[tuple[str, str, int | float | None]] = [
            ("sessions_total", "Số cuộc theo kế hoạch", self.sessions_total),
            ("sessions_held", "Số cuộc đã tổ chức", self.sessions_held),
            ("sessions_upcoming", "Số cuộc chưa tổ chức", self.sessions_upcoming),
            ("sessions_cancelled", "Số cuộc đã hủy", self.sessions_cancelled),
            ("periodic", "Định kỳ", self.periodic),
            ("ad_hoc", "Đột xuất", self.ad_hoc),
        ]
        items += [(f"form_{f.value}", f"Hình thức {f.label.lower()}", self.by_form.get(f.value, 0))
                  for f in SessionForm]
        items += [
            ("citizens_attending", "Số lượt công dân dự", self.citizens_attending),
            ("delegates_attending", "Số lượt đại biểu dự", self.delegates_attending),
            ("registrations", "Số đăng ký phát biểu", self.registrations),
            ("refused", "Số đăng ký bị từ chối", self.refused),
            ("walk_ins", "Số đăng ký tại hội nghị", self.walk_ins),
            ("opinions", "Số ý kiến phát biểu", self.opinions),
            ("petitions", "Tổng số kiến nghị", self.petitions),
            ("answered_at_meeting", "Đã trả lời tại hội nghị", self.answered_at_meeting),
            ("resolved", "Đã giải quyết", self.resolved),
            ("resolved_on_time", "Giải quyết đúng hạn", self.resolved_on_time),
            ("resolved_late", "Giải quyết quá hạn", self.resolved_late),
            ("in_progress", "Đang giải quyết", self.in_progress),
            ("open_not_due", "Đang giải quyết, trong hạn", self.open_not_due),
            ("open_overdue", "Đang giải quyết, quá hạn", self.open_overdue),
            ("transferred", "Đã chuyển cấp trên", self.transferred),
            ("not_competent", "Không thuộc thẩm quyền", self.not_competent),
            ("avg_days_to_resolve", "Số ngày làm việc giải quyết bình quân", self.avg_days_to_resolve),
            ("raised_more_than_once", "Kiến nghị nêu từ lần thứ hai trở lên", self.raised_more_than_once),
        ]
        return items

    def rows(self) -> list[tuple[str, int | float | None]]:
        """The figures as label–value rows, in report order (the Excel "Tổng hợp" sheet, the dashboard)."""
        return [(label, value) for _key, label, value in self.items()]


def resolved_on_time(status: str, due: dt.date | None, resolved: dt.date | None) -> bool | None:
    """True/False for a resolved petition (on or before the due date in force), None for any other."""
    if status != PetitionStatus.RESOLVED.value:
        return None
    return not (due is not None and resolved is not None and resolved > due)


def is_open_overdue(status: str, due: dt.date | None, today: dt.date) -> bool:
    """An open petition whose due date has passed (computed, never stored)."""
    return not PetitionStatus(status).closed and due is not None and today > due


@dataclass(frozen=True)
class HeadCompliance:
    post: str  # dang_uy / hdnd / ubnd
    post_label: str
    official_name: str
    required: int
    held: int
    upcoming: int

    @property
    def state(self) -> str:
        if self.held >= self.required:
            return "met"
        if self.held + self.upcoming >= self.required:
            return "planned"
        return "not_yet"

    @property
    def state_label(self) -> str:
        return COMPLIANCE_LABELS[self.state]


@dataclass
class Statistics:
    period: Period
    today: dt.date
    profile_name: str
    fields: list[str]  # field names in catalogue order (rows of the field × status table)
    by_host: dict[str, Figures]
    total: Figures
    compliance: list[HeadCompliance]
    by_session: dict[int, Figures] = field(default_factory=dict)  # every session of the period, by id


def _session_day():
    return func.coalesce(m.DialogueSession.actual_start, m.DialogueSession.planned_start, type_=DateTime)


def compute(session: Session, period: Period, today: dt.date | None = None) -> Statistics:
    today = today or clock.today()
    calendar = load_calendar(session)
    start = dt.datetime.combine(period.start, dt.time())
    end = dt.datetime.combine(period.end + dt.timedelta(days=1), dt.time())
    day = _session_day()
    in_period = (day >= start) & (day < end)

    fields = list(session.execute(select(m.Field.id, m.Field.name).order_by(m.Field.position, m.Field.id)))
    field_names = {fid: name for fid, name in fields}
    no_field = "Chưa phân loại"

    by_host = {h.value: Figures() for h in Host}
    total = Figures()
    sessions = session.execute(select(
        m.DialogueSession.id, m.DialogueSession.host, m.DialogueSession.status, m.DialogueSession.regime,
        m.DialogueSession.form, m.DialogueSession.citizens_attending, m.DialogueSession.delegates_attending,
        m.DialogueSession.joint_bodies, day).where(in_period)).all()
    host_of: dict[int, str] = {}
    session_day: dict[int, dt.date] = {}
    by_session: dict[int, Figures] = {}
    for sid, host, status, regime, form, citizens, delegates, _joint, when in sessions:
        host_of[sid] = host
        session_day[sid] = when.date()
        by_session[sid] = Figures()
        state = SessionStatus(status)
        for figures in (by_host[host], total, by_session[sid]):
            figures.sessions_total += 1
            if state is SessionStatus.CANCELLED:
                figures.sessions_cancelled += 1
            elif state.held:
                figures.sessions_held += 1
                figures.periodic += regime == Regime.PERIODIC.value
                figures.ad_hoc += regime == Regime.AD_HOC.value
                figures.by_form[form] = figures.by_form.get(form, 0) + 1
                figures.citizens_attending += citizens or 0
                figures.delegates_attending += delegates or 0
            else:
                figures.sessions_upcoming += 1

    if host_of:
        ids = select(m.DialogueSession.id).where(in_period).scalar_subquery()
        registrations = session.execute(
            select(m.Registration.session_id, m.Registration.state, m.Registration.channel, func.count())
            .where(m.Registration.session_id.in_(ids))
            .group_by(m.Registration.session_id, m.Registration.state, m.Registration.channel))
        for sid, state, channel, count in registrations:
            if state == RegistrationState.MERGED.value:
                continue
            for figures in (by_host[host_of[sid]], total, by_session[sid]):
                figures.registrations += count
                figures.refused += count if state == RegistrationState.REFUSED.value else 0
                figures.walk_ins += count if channel == "tai_hoi_nghi" else 0
        for sid, count in session.execute(select(m.Opinion.session_id, func.count())
                                          .where(m.Opinion.session_id.in_(ids)).group_by(m.Opinion.session_id)):
            for figures in (by_host[host_of[sid]], total, by_session[sid]):
                figures.opinions += count

        repeated = case((m.Petition.times_raised > 1, 1), else_=0)
        petitions = session.execute(
            select(m.Petition.session_id, m.Petition.field_id, m.Petition.status, m.Petition.due_date,
                   m.Petition.resolved_date, repeated, func.count())
            .where(m.Petition.session_id.in_(ids))
            .group_by(m.Petition.session_id, m.Petition.field_id, m.Petition.status, m.Petition.due_date,
                      m.Petition.resolved_date, repeated))
        for sid, field_id, status, due, resolved, is_repeated, count in petitions:
            name = field_names.get(field_id, no_field)
            code = PetitionStatus(status)
            days = 0
            if code is PetitionStatus.RESOLVED and resolved is not None:
                days = calendar.working_days_between(session_day[sid], resolved)
            for figures in (by_host[host_of[sid]], total, by_session[sid]):
                figures.petitions += count
                figures.by_status[code.value] += count
                cell = figures.by_field_status.setdefault(name, {s.value: 0 for s in PetitionStatus})
                cell[code.value] += count
                figures.raised_more_than_once += count if is_repeated else 0
                if code is PetitionStatus.RESOLVED:
                    late = not resolved_on_time(status, due, resolved)
                    figures.resolved_late += count if late else 0
                    figures.resolved_on_time += 0 if late else count
                    figures._resolve_days_sum += days * count
                elif not code.closed:
                    overdue = is_open_overdue(status, due, today)
                    figures.open_overdue += count if overdue else 0
                    figures.open_not_due += 0 if overdue else count

    names = [name for _fid, name in fields]
    if any(no_field in f.by_field_status for f in by_host.values()):
        names.append(no_field)
    profile = domain_profile(default_profile_row(session))
    return Statistics(period=period, today=today, profile_name=profile.name, fields=names, by_host=by_host,
                      total=total, compliance=_compliance(session, period, profile.min_sessions_per_year, today),
                      by_session=by_session)


def _compliance(session: Session, period: Period, required: int, today: dt.date) -> list[HeadCompliance]:
    day = _session_day()
    start = dt.datetime.combine(period.start, dt.time())
    end = dt.datetime.combine(period.end + dt.timedelta(days=1), dt.time())
    rows = list(session.scalars(select(m.DialogueSession).where(
        day >= start, day < end, m.DialogueSession.status != SessionStatus.CANCELLED.value)))
    heads = catalog.heads(session, on=min(period.end, today))
    result = []
    for post, _flag, label in catalog.HEAD_POSTS:
        official = heads.get(post)
        counted = [ds for ds in rows if post in session_bodies(ds)]
        held = sum(1 for ds in counted if SessionStatus(ds.status).held)
        result.append(HeadCompliance(post=post, post_label=label, official_name=official.name if official else "",
                                     required=required, held=held, upcoming=len(counted) - held))
    return result
