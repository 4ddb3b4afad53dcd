"""The figures of domain.md §6 — one function, :func:`compute`, used by the dashboard, the yearly report,
the Excel summary and ``desk-app stats`` so that they always agree — and :func:`matter_rows`, the one list
of petitions behind them (the summary's "Kiến nghị" sheet and the report's annex).

Definitions (domain.md §7; written down because reports are compared):
- a session belongs to the period by the day it is (or was) held — its actual date when held, else the
  planned one (the one year rule, :func:`desk_app.domain.states.session_year`); petitions,
  registrations and opinions belong to the period of their session;
- sessions: ``total`` is every session of the period, ``held`` those that took place (Đã kết thúc and
  after), ``cancelled`` (Hủy), ``upcoming`` the rest; periodic / ad hoc and the forms count held sessions;
  attendance sums held sessions;
- registrations exclude merged duplicates; ``refused`` counts registrations refused under a regulated
  reason; ``walk_ins`` those registered at the meeting;
- petitions ("matters"): every petition, plus every opinion closed at the meeting as "trả lời, đã rõ tại
  hội nghị" for which no petition was made — the figures never depend on the clerk also making one;
- answered on time / late: a petition is answered when the citizen has the written answer (the reply's
  date, or the date the citizen was informed when recorded); on time when that date is on or before the
  due date in force (the last valid extension, else the override, else the computed date). An agency's
  result without a reply stays in progress (``result_unanswered`` counts those);
- open petitions are overdue when today is past their due date; ``avg_days_to_answer`` is the mean number
  of working days from the session to the written answer of answered petitions;
- yearly obligations: the profile's list (who, how many, periodic only, delegation), each with the
  sessions counted and why others were not (see :func:`_obligations`);
- ``body`` limits everything to one reporting body (a Đảng ủy, HĐND or UBND report: its own sessions and
  the joint sessions it takes part in, and its own obligations).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Iterator

from sqlalchemy import DateTime, case, exists, func, select
from sqlalchemy.orm import Session, selectinload

from desk_app.domain import clock
from desk_app.domain.profiles import OBLIGATION_WHO, Obligation
from desk_app.domain.states import (Host, Outcome, PetitionStatus, Regime, RegistrationState, SessionForm,
                                    SessionStatus)
from desk_app.store import models as m
from desk_app.services import catalog
from desk_app.services.common import default_profile_row, domain_profile, load_calendar
from desk_app.services.followup import answered_in_time, answered_on
from desk_app.services.sessions import session_bodies

COMPLIANCE_LABELS = {"met": "Đạt", "planned": "Đã có kế hoạch", "not_yet": "Chưa tổ chức"}
REPORTING_BODIES = {"dang_uy": "Đảng ủy", "hdnd": "HĐND", "ubnd": "UBND"}
# the obligations each reporting body reports on
_BODY_OBLIGATIONS = {"dang_uy": ("dang_uy",), "hdnd": ("hdnd",), "ubnd": ("ubnd", "chinh_quyen")}


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
    result_unanswered: int = 0
    raised_more_than_once: int = 0
    by_field_status: dict[str, dict[str, int]] = field(default_factory=dict)
    _answer_days_sum: int = 0

    @property
    def answered_at_meeting(self) -> int:
        return self.by_status[PetitionStatus.ANSWERED_AT_MEETING.value]

    @property
    def resolved(self) -> int:
        """Answered in writing (Đã giải quyết: the citizen has the written answer)."""
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
        """Mean working days from the session to the written answer, over the answered petitions."""
        if not self.resolved:
            return None
        return round(self._answer_days_sum / self.resolved, 1)

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
            ("petitions", "Tổng số ý kiến, kiến nghị", self.petitions),
            ("answered_at_meeting", "Đã trả lời, làm rõ tại hội nghị", self.answered_at_meeting),
            ("resolved", "Đã trả lời công dân bằng văn bản", self.resolved),
            ("resolved_on_time", "Trả lời đúng hạn", self.resolved_on_time),
            ("resolved_late", "Trả lời quá hạn", self.resolved_late),
            ("in_progress", "Đang giải quyết", self.in_progress),
            ("open_not_due", "Đang giải quyết, trong hạn", self.open_not_due),
            ("open_overdue", "Đang giải quyết, quá hạn", self.open_overdue),
            ("result_unanswered", "Đã có kết quả, chưa trả lời công dân", self.result_unanswered),
            ("transferred", "Đã chuyển cấp trên", self.transferred),
            ("not_competent", "Không thuộc thẩm quyền", self.not_competent),
            ("avg_days_to_resolve", "Số ngày làm việc bình quân đến khi trả lời", self.avg_days_to_resolve),
            ("raised_more_than_once", "Kiến nghị nêu từ lần thứ hai trở lên", self.raised_more_than_once),
        ]
        return items

    def rows(self) -> list[tuple[str, int | float | None]]:
        """The figures as label–value rows, in report order (the Excel "Tổng hợp" sheet, the dashboard)."""
        return [(label, value) for _key, label, value in self.items()]


def is_open_overdue(status: str, due: dt.date | None, today: dt.date) -> bool:
    """An open petition whose due date has passed (computed, never stored)."""
    return not PetitionStatus(status).closed and due is not None and today > due


@dataclass(frozen=True)
class ObligationResult:
    """One yearly obligation of the profile, with the sessions counted for it and why others were not."""

    who: str  # dang_uy / hdnd / ubnd / chinh_quyen
    label: str
    official_name: str
    required: int
    basis: str
    counted: tuple[int, ...] = ()  # held sessions that count
    planned: tuple[int, ...] = ()  # sessions still ahead that would count
    not_counted: tuple[tuple[int, str], ...] = ()  # (session id, why not)
    days: tuple[tuple[int, dt.date], ...] = ()  # the day of every session named above

    def day_of(self, session_id: int) -> dt.date | None:
        return dict(self.days).get(session_id)

    def explanation(self) -> str:
        """The sessions counted and why the others were not, in Vietnamese (tooltips, the report)."""
        parts = []
        if self.basis:
            parts.append(f"Căn cứ: {self.basis}.")
        if self.counted:
            parts.append("Tính: " + ", ".join(f"cuộc ngày {self.day_of(i):%d/%m/%Y}" for i in self.counted) + ".")
        if self.planned:
            parts.append("Đã có kế hoạch: " + ", ".join(f"cuộc ngày {self.day_of(i):%d/%m/%Y}" for i in self.planned)
                         + ".")
        for session_id, why in self.not_counted:
            parts.append(f"Không tính cuộc ngày {self.day_of(session_id):%d/%m/%Y}: {why}.")
        return "\n".join(parts)

    @property
    def post(self) -> str:  # the key used by the summary and the consolidation
        return self.who

    @property
    def post_label(self) -> str:
        return self.label

    @property
    def held(self) -> int:
        return len(self.counted)

    @property
    def upcoming(self) -> int:
        return len(self.planned)

    @property
    def met(self) -> bool:
        return self.held >= self.required

    @property
    def state(self) -> str:
        if self.met:
            return "met"
        if self.held + self.upcoming >= self.required:
            return "planned"
        return "not_yet"

    @property
    def state_label(self) -> str:
        return COMPLIANCE_LABELS[self.state]


HeadCompliance = ObligationResult  # the earlier name (consolidation rebuilds rows from counts)


@dataclass
class Statistics:
    period: Period
    today: dt.date
    profile_name: str
    fields: list[str]  # field names in catalogue order (rows of the field × status table)
    by_host: dict[str, Figures]
    total: Figures
    compliance: list[ObligationResult]
    by_session: dict[int, Figures] = field(default_factory=dict)  # every session of the period, by id
    body: str | None = None  # the reporting body the figures are limited to, if any

    @property
    def obligations(self) -> list[ObligationResult]:
        return self.compliance


def session_day():
    """The day a session is (or was) held, as SQL: the one year rule's date."""
    return func.coalesce(m.DialogueSession.actual_start, m.DialogueSession.planned_start, type_=DateTime)


def _in_period(period: Period):
    day = session_day()
    start = dt.datetime.combine(period.start, dt.time())
    end = dt.datetime.combine(period.end + dt.timedelta(days=1), dt.time())
    return (day >= start) & (day < end)


def _bodies(host: str, joint: str) -> tuple[str, ...]:
    return tuple(b for b in joint.split(",") if b) if host == Host.JOINT.value else (host,)


def period_session_ids(session: Session, period: Period, body: str | None = None) -> list[int]:
    """The sessions of the period (of one reporting body), in the order they are held."""
    rows = session.execute(select(m.DialogueSession.id, m.DialogueSession.host, m.DialogueSession.joint_bodies)
                           .where(_in_period(period)).order_by(session_day(), m.DialogueSession.id))
    return [sid for sid, host, joint in rows if body is None or body in _bodies(host, joint)]


def _answered_opinions_without_petition():
    """Opinions closed at the meeting as answered for which no petition was made (they count as petitions
    answered at the meeting)."""
    return ((m.Opinion.outcome == Outcome.ANSWERED.value)
            & ~exists().where(m.Petition.opinion_id == m.Opinion.id))


def compute(session: Session, period: Period, today: dt.date | None = None, *,
            body: str | None = None) -> Statistics:
    if body is not None and body not in REPORTING_BODIES:
        from desk_app.domain.errors import ValidationError

        raise ValidationError({"body": f"Cơ quan báo cáo phải là một trong: {', '.join(REPORTING_BODIES)}."})
    today = today or clock.today()
    calendar = load_calendar(session)
    day = session_day()

    fields = list(session.execute(select(m.Field.id, m.Field.name).order_by(m.Field.position, m.Field.id)))
    field_names = {fid: name for fid, name in fields}
    no_field = "Chưa phân loại"

    by_host = {h.value: Figures() for h in Host}
    total = Figures()
    sessions = session.execute(select(
        m.DialogueSession.id, m.DialogueSession.host, m.DialogueSession.status, m.DialogueSession.regime,
        m.DialogueSession.form, m.DialogueSession.citizens_attending, m.DialogueSession.delegates_attending,
        m.DialogueSession.joint_bodies, day).where(_in_period(period))).all()
    host_of: dict[int, str] = {}
    session_day_of: dict[int, dt.date] = {}
    by_session: dict[int, Figures] = {}
    for sid, host, status, regime, form, citizens, delegates, joint, when in sessions:
        if body is not None and body not in _bodies(host, joint):
            continue
        host_of[sid] = host
        session_day_of[sid] = when.date()
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
        ids = list(host_of)
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
        has_result = case((m.Petition.resolved_date.is_not(None), 1), else_=0)
        petitions = session.execute(
            select(m.Petition.session_id, m.Petition.field_id, m.Petition.status, m.Petition.due_date,
                   m.Petition.reply_date, m.Petition.citizen_informed_date, repeated, has_result, func.count())
            .where(m.Petition.session_id.in_(ids))
            .group_by(m.Petition.session_id, m.Petition.field_id, m.Petition.status, m.Petition.due_date,
                      m.Petition.reply_date, m.Petition.citizen_informed_date, repeated, has_result))
        answered_opinions = session.execute(
            select(m.Opinion.session_id, m.Opinion.field_id, func.count())
            .where(m.Opinion.session_id.in_(ids), _answered_opinions_without_petition())
            .group_by(m.Opinion.session_id, m.Opinion.field_id))
        rows = [tuple(r) for r in petitions]
        rows += [(sid, fid, PetitionStatus.ANSWERED_AT_MEETING.value, None, None, None, 0, 0, count)
                 for sid, fid, count in answered_opinions]
        for sid, field_id, status, due, reply, informed, is_repeated, result, count in rows:
            name = field_names.get(field_id, no_field)
            code = PetitionStatus(status)
            answered = answered_on(status, reply, informed)
            days = calendar.working_days_between(session_day_of[sid], answered) if answered is not None else 0
            for figures in (by_host[host_of[sid]], total, by_session[sid]):
                figures.petitions += count
                figures.by_status[code.value] += count
                cell = figures.by_field_status.setdefault(name, {s.value: 0 for s in PetitionStatus})
                cell[code.value] += count
                figures.raised_more_than_once += count if is_repeated else 0
                if code is PetitionStatus.RESOLVED:
                    late = answered_in_time(status, due, reply, informed) is False
                    figures.resolved_late += count if late else 0
                    figures.resolved_on_time += 0 if late else count
                    figures._answer_days_sum += days * count
                elif not code.closed:
                    overdue = is_open_overdue(status, due, today)
                    figures.open_overdue += count if overdue else 0
                    figures.open_not_due += 0 if overdue else count
                    figures.result_unanswered += count if result else 0

    names = [name for _fid, name in fields]
    if any(no_field in f.by_field_status for f in by_host.values()):
        names.append(no_field)
    profile = domain_profile(default_profile_row(session))
    obligations = [o for o in profile.obligations if body is None or o.who in _BODY_OBLIGATIONS[body]]
    return Statistics(period=period, today=today, profile_name=profile.name, fields=names, by_host=by_host,
                      total=total, compliance=_obligations(session, period, obligations, today),
                      by_session=by_session, body=body)


def as_json(stats: Statistics, year: int) -> dict:
    """``desk-app stats --json`` (cli.md's keys): the same numbers as the dashboard, the report and the summary."""
    t = stats.total
    return {
        "year": year,
        "sessions": {"planned": t.sessions_total, "held": t.sessions_held, "cancelled": t.sessions_cancelled,
                     "periodic": t.periodic, "ad_hoc": t.ad_hoc,
                     "by_host": {Host(h).label: f.sessions_held for h, f in stats.by_host.items()},
                     "by_form": {SessionForm(k).label: v for k, v in t.by_form.items()}},
        "attendance": {"citizens": t.citizens_attending, "delegates": t.delegates_attending},
        "registrations": t.registrations, "refused": t.refused, "opinions": t.opinions,
        "petitions": {"total": t.petitions, "answered_at_meeting": t.answered_at_meeting,
                      "answered_on_time": t.resolved_on_time, "answered_late": t.resolved_late,
                      "open_not_due": t.open_not_due, "open_overdue": t.open_overdue,
                      "transferred": t.transferred, "not_competent": t.not_competent,
                      "raised_more_than_once": t.raised_more_than_once,
                      "by_field": {name: sum(t.by_field_status.get(name, {}).values()) for name in stats.fields}},
        "average_working_days_to_answer": t.avg_days_to_resolve,
        "obligations": [{"who": o.who, "label": o.label, "required": o.required, "held": o.held,
                         "sessions": list(o.counted), "met": o.met} for o in stats.compliance],
    }


# -- yearly obligations ---------------------------------------------------------------------------------

_POST_FLAGS = {"dang_uy": "is_party_head", "hdnd": "is_council_head", "ubnd": "is_committee_head"}


def _holds(person: m.Official | None, post: str) -> bool:
    return person is not None and bool(getattr(person, _POST_FLAGS[post]))


def _of_body(person: m.Official | None, body: str) -> bool:
    return person is not None and (person.body == body or _holds(person, body))


def _why_not(ds: m.DialogueSession, obligation: Obligation) -> str | None:
    """None when the session counts for the obligation (held or not), else the reason in Vietnamese."""
    if obligation.periodic_only and ds.regime != Regime.PERIODIC.value:
        return "cuộc đột xuất, chỉ tính cuộc định kỳ"
    chairs = [(ds.chair, ds.chair_delegated)] + [(c.official, c.delegated) for c in ds.co_chairs]
    bodies = session_bodies(ds)
    if obligation.who == "chinh_quyen":
        if "ubnd" not in bodies:
            return "không do UBND xã chủ trì tổ chức"
        if obligation.co_chair and not any(_of_body(person, obligation.co_chair) for person, _d in chairs):
            return f"không có đại diện Thường trực {Host(obligation.co_chair).label} đồng chủ trì"
        return None
    label = OBLIGATION_WHO[obligation.who]
    if any(_holds(person, obligation.who) for person, _delegated in chairs):
        return None  # the head chaired or co-chaired in person (a person with two posts counts under both)
    delegated = [person for person, was_delegated in chairs if was_delegated and obligation.who in bodies]
    if delegated:
        if obligation.delegation_allowed:
            return None
        return f"do {delegated[0].title} chủ trì theo ủy quyền; quy định yêu cầu {label} trực tiếp chủ trì"
    people = [f"{p.name}, {p.title}" for p, _d in chairs if p is not None]
    who = (f"{'; '.join(people[:-1])} và {people[-1]}" if len(people) > 1 else "".join(people)) or "chưa có người chủ trì"
    return f"{label} không chủ trì, đồng chủ trì; chủ trì: {who}"


def _obligations(session: Session, period: Period, obligations: list[Obligation],
                 today: dt.date) -> list[ObligationResult]:
    if not obligations:
        return []
    rows = list(session.scalars(
        select(m.DialogueSession).where(_in_period(period), m.DialogueSession.status != SessionStatus.CANCELLED.value)
        .options(selectinload(m.DialogueSession.co_chairs).selectinload(m.SessionCoChair.official),
                 selectinload(m.DialogueSession.chair))
        .order_by(session_day(), m.DialogueSession.id)))
    heads = catalog.heads(session, on=min(period.end, today))
    results = []
    for obligation in obligations:
        counted, planned, not_counted = [], [], []
        for ds in rows:
            reason = _why_not(ds, obligation)
            if reason is not None:
                not_counted.append((ds.id, reason))
            elif SessionStatus(ds.status).held:
                counted.append(ds.id)
            else:
                planned.append(ds.id)
        head = heads.get("ubnd" if obligation.who == "chinh_quyen" else obligation.who)
        results.append(ObligationResult(
            who=obligation.who, label=obligation.label, official_name=head.name if head else "",
            required=obligation.count, basis=obligation.basis, counted=tuple(counted), planned=tuple(planned),
            not_counted=tuple(not_counted), days=tuple((ds.id, ds.session_date) for ds in rows)))
    return results


# -- the petitions behind the figures ---------------------------------------------------------------------

@dataclass(frozen=True)
class MatterRow:
    """One petition (or one opinion answered at the meeting without a petition) as the figures count it."""

    session_id: int
    session_date: dt.date
    petition_id: int | None
    citizen: str
    hamlet: str
    address: str
    field: str
    content: str
    conclusion: str
    agency: str
    status: str
    due: dt.date | None
    closed_date: dt.date | None  # answered in writing, transferred, decided; the meeting's day if answered there
    on_time: bool | None
    overdue: bool
    times_raised: int
    result_unanswered: bool


def matter_rows(session: Session, stats: Statistics, batch: int = 2000) -> Iterator[MatterRow]:
    """Every petition counted by ``stats`` (and every opinion answered at the meeting without a petition), in
    the order the sessions are held — streamed: 100,000 petitions never sit in memory at once."""
    today = stats.today
    ids = list(stats.by_session)
    if not ids:
        return
    days = {sid: when for sid, when in session.execute(
        select(m.DialogueSession.id, session_day()).where(m.DialogueSession.id.in_(ids)))}
    ordered = sorted(ids, key=lambda sid: (days[sid], sid))
    p = m.Petition
    for sid in ordered:
        held = days[sid].date()
        query = (select(p.id, p.citizen_name, m.Hamlet.name, p.address, m.Field.name, p.content, p.conclusion,
                        m.Agency.name, p.transferred_to, p.status, p.due_date, p.resolved_date, p.reply_date,
                        p.citizen_informed_date, p.times_raised)
                 .outerjoin(m.Hamlet, p.hamlet_id == m.Hamlet.id).outerjoin(m.Field, p.field_id == m.Field.id)
                 .outerjoin(m.Agency, p.lead_agency_id == m.Agency.id)
                 .where(p.session_id == sid).order_by(p.id))
        for (pid, citizen, hamlet, address, field_name, content, conclusion, agency, transferred_to, status, due,
             resolved, reply, informed, times) in session.execute(query, execution_options={"yield_per": batch}):
            closed = PetitionStatus(status).closed
            yield MatterRow(
                sid, held, pid, citizen, hamlet or "", address, field_name or "", content, conclusion,
                agency or transferred_to or "", status, due,
                answered_on(status, reply, informed) or (resolved if closed else None),
                answered_in_time(status, due, reply, informed), is_open_overdue(status, due, today), times,
                not closed and resolved is not None)
        opinions = session.execute(
            select(m.Opinion.id, m.Opinion.speaker_name, m.Hamlet.name, m.Opinion.address, m.Field.name,
                   m.Opinion.content)
            .outerjoin(m.Hamlet, m.Opinion.hamlet_id == m.Hamlet.id).outerjoin(m.Field, m.Opinion.field_id == m.Field.id)
            .where(m.Opinion.session_id == sid, _answered_opinions_without_petition())
            .order_by(m.Opinion.position, m.Opinion.id))
        answers: dict[int, list[str]] = {}
        for opinion_id, text in session.execute(
                select(m.OpinionAnswer.opinion_id, m.OpinionAnswer.content).join(m.Opinion)
                .where(m.Opinion.session_id == sid).order_by(m.OpinionAnswer.position)):
            answers.setdefault(opinion_id, []).append(text)
        for opinion_id, speaker, hamlet, address, field_name, content in opinions:
            yield MatterRow(sid, held, None, speaker, hamlet or "", address, field_name or "", content,
                            " ".join(answers.get(opinion_id, [])), "", PetitionStatus.ANSWERED_AT_MEETING.value,
                            None, held, None, False, 1, False)
