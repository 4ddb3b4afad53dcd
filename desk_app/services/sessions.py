"""Planning a session (kế hoạch): its data, its deadlines, its status up to the meeting, cancellation,
and what the plan must look back at — the previous session's petitions and the repeated unresolved ones.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from sqlalchemy import DateTime, func, select, update
from sqlalchemy.orm import Session

from desk_app.domain import clock, issuers
from desk_app.domain.calendar import shift
from desk_app.domain.deadlines import SessionDeadlines, session_deadlines
from desk_app.domain.profiles import Anchor
from desk_app.domain.errors import TransitionError, ValidationError
from desk_app.domain.states import (Body, DocumentFormat, Host, Regime, SessionForm, SessionStatus,
                                    check_session_transition, session_year)
from desk_app.domain.text import clean_text, fold
from desk_app.domain.validation import MAX_SHORT, MAX_TEXT, Checker, format_date
from desk_app.store import models as m
from desk_app.services.common import (check_optional_id, check_version, commune, default_profile_row,
                                      domain_profile, get, load_calendar)
from desk_app.services.followup import OPEN_STATUSES, recompute_due_dates

# Bodies a host stands for (a joint session names its own in ``joint_bodies``).
HOST_BODIES = {Host.PARTY: ("dang_uy",), Host.COUNCIL: ("hdnd",), Host.COMMITTEE: ("ubnd",)}
HEAD_TITLES = {"dang_uy": "Bí thư Đảng ủy", "hdnd": "Chủ tịch HĐND", "ubnd": "Chủ tịch UBND"}


@dataclass
class SessionInput:
    title: str
    host: str
    planned_start: dt.datetime
    form: str = SessionForm.IN_PERSON.value
    regime: str = Regime.PERIODIC.value
    planned_end: dt.datetime | None = None
    chair_id: int | None = None
    chair_delegated: bool = False
    joint_bodies: list[str] = field(default_factory=list)
    co_chairs: list[tuple[int, bool]] = field(default_factory=list)  # (official id, delegated)
    place: str = ""
    bridge_points: list[tuple[str, str]] = field(default_factory=list)  # (name, address)
    target_audience: str = ""
    participants: list[tuple[int | None, str]] = field(default_factory=list)  # (agency id, free text)
    purpose: str = ""
    requirements: str = ""
    content: str = ""
    tasks: list[tuple[int | None, str, str]] = field(default_factory=list)  # (agency id, heading, tasks)
    legal_bases: list[str] | None = None  # None: the profile's defaults
    recipients: list[str] | None = None  # None: the usual list for the host
    profile_id: int | None = None  # None: the commune's profile
    secretary_id: int | None = None
    secretary_name: str = ""
    document_format: str | None = None  # None: party format for Đảng ủy, state format otherwise


def sync_year(session: Session, ds: m.DialogueSession) -> None:
    """Keep the stored year of the session and of its petitions to the one year rule (listings filter on it)."""
    year = session_year(ds.planned_start, ds.actual_start)
    if ds.year == year:
        return
    ds.year = year
    if ds.id is not None:
        session.execute(update(m.Petition).where(m.Petition.session_id == ds.id).values(year=year)
                        .execution_options(synchronize_session="fetch"))


def session_bodies(ds: m.DialogueSession) -> tuple[str, ...]:
    """The head posts a session counts for (compliance with the yearly minimum)."""
    host = Host(ds.host)
    if host is Host.JOINT:
        return tuple(b for b in ds.joint_bodies.split(",") if b)
    return HOST_BODIES[host]


def default_title(host: str, year: int, unit: m.Commune | None = None) -> str:
    place = f"{unit.kind} {unit.place_name}" if unit else "xã"
    who = {
        Host.PARTY: f"Bí thư Đảng ủy {place}",
        Host.COUNCIL: f"Chủ tịch Hội đồng nhân dân {place}",
        Host.COMMITTEE: f"Chủ tịch Ủy ban nhân dân {place}",
        Host.JOINT: f"người đứng đầu cấp ủy, chính quyền {place}",
    }[Host.parse(host, "cơ quan chủ trì")]
    return f"Hội nghị tiếp xúc, đối thoại trực tiếp giữa {who} với Nhân dân năm {year}"


def default_recipients(host: str, unit: m.Commune | None) -> list[str]:
    """Nơi nhận of the plan, as seed 002 lists them, adapted to the commune (without "Lưu")."""
    recipients = list(unit.superior_recipients) if unit else []
    recipients += ["Thường trực Đảng ủy xã", "Thường trực HĐND xã", "Chủ tịch, các Phó Chủ tịch UBND xã",
                   "Ủy ban MTTQ Việt Nam xã và các tổ chức chính trị - xã hội xã",
                   "Các cơ quan, đơn vị có liên quan", "Trưởng các thôn, tổ dân phố"]
    if unit and unit.kind != "xã":
        recipients = [r.replace(" xã", f" {unit.kind}") for r in recipients]
    return list(dict.fromkeys(recipients))


def _validate(session: Session, data: SessionInput) -> tuple[Checker, dict]:
    checker = Checker()
    values: dict = {}
    values["title"] = clean_text(data.title)
    checker.require("title", values["title"], "Tên hội nghị")
    checker.length("title", values["title"], "Tên hội nghị", 500)
    for key, enum, what in (("host", Host, "cơ quan chủ trì"), ("form", SessionForm, "hình thức"),
                            ("regime", Regime, "chế độ")):
        try:
            values[key] = enum.parse(getattr(data, key), what).value
        except ValidationError as exc:
            checker.add(key, exc.message)
    if not isinstance(data.planned_start, dt.datetime):
        checker.add("planned_start", "Cần nhập ngày, giờ tổ chức hội nghị.")
    elif not 2000 <= data.planned_start.year <= 2100:
        checker.add("planned_start", "Năm tổ chức phải từ 2000 đến 2100.")
    elif data.planned_end is not None and data.planned_end <= data.planned_start:
        checker.add("planned_end", "Giờ kết thúc dự kiến phải sau giờ bắt đầu.")
    joint = []
    for body in data.joint_bodies:
        try:
            joint.append(Body.parse(body, "cơ quan").value)
        except ValidationError as exc:
            checker.add("joint_bodies", exc.message)
    if values.get("host") == Host.JOINT.value:
        joint = [b for b in dict.fromkeys(joint) if b in HEAD_TITLES]
        if len(joint) < 2:
            checker.add("joint_bodies", "Hội nghị liên tịch phải có ít nhất hai cơ quan cùng chủ trì "
                                        "(Đảng ủy, HĐND, UBND).")
    else:
        joint = []
    values["joint_bodies"] = ",".join(joint)
    check_optional_id(checker, session, m.Official, data.chair_id, "chair_id")
    check_optional_id(checker, session, m.Official, data.secretary_id, "secretary_id")
    check_optional_id(checker, session, m.Profile, data.profile_id, "profile_id")
    for official_id, _delegated in data.co_chairs:
        check_optional_id(checker, session, m.Official, official_id, "co_chairs")
    if data.chair_id is not None and data.chair_id in [o for o, _ in data.co_chairs]:
        checker.add("co_chairs", "Người chủ trì đã có trong danh sách đồng chủ trì.")
    for agency_id, _name in data.participants:
        check_optional_id(checker, session, m.Agency, agency_id, "participants")
    for agency_id, _heading, _tasks in data.tasks:
        check_optional_id(checker, session, m.Agency, agency_id, "tasks")
    values["place"] = clean_text(data.place)
    checker.length("place", values["place"], "Địa điểm", MAX_SHORT)
    values["secretary_name"] = clean_text(data.secretary_name)
    checker.length("secretary_name", values["secretary_name"], "Thư ký", 100)
    for key, label in (("target_audience", "Đối tượng"), ("purpose", "Mục đích"), ("requirements", "Yêu cầu"),
                       ("content", "Nội dung")):
        values[key] = clean_text(getattr(data, key), multiline=True)
        checker.length(key, values[key], label, MAX_TEXT)
    if data.document_format is not None:
        try:
            values["document_format"] = DocumentFormat.parse(data.document_format, "thể thức").value
        except ValidationError as exc:
            checker.add("document_format", exc.message)
    return checker, values


def _apply(session: Session, ds: m.DialogueSession, data: SessionInput, values: dict) -> None:
    with session.no_autoflush:  # the row is incomplete until every field is set
        _fill(session, ds, data, values)
    session.add(ds)
    session.flush()


def _fill(session: Session, ds: m.DialogueSession, data: SessionInput, values: dict) -> None:
    unit = commune(session)
    ds.title, ds.title_fold = values["title"], fold(values["title"])
    ds.host, ds.form, ds.regime = values["host"], values["form"], values["regime"]
    ds.joint_bodies = values["joint_bodies"]
    ds.planned_start, ds.planned_end = data.planned_start.replace(microsecond=0), data.planned_end
    sync_year(session, ds)
    # Set the related rows, not just their ids: an already-loaded relationship would otherwise go stale.
    ds.chair = get(session, m.Official, data.chair_id) if data.chair_id else None
    ds.chair_delegated = data.chair_delegated
    ds.place, ds.target_audience = values["place"], values["target_audience"]
    ds.purpose, ds.requirements, ds.content = values["purpose"], values["requirements"], values["content"]
    ds.secretary = get(session, m.Official, data.secretary_id) if data.secretary_id else None
    ds.secretary_name = values["secretary_name"]
    profile_id = data.profile_id or ds.profile_id
    ds.profile = get(session, m.Profile, profile_id) if profile_id else default_profile_row(session)
    ds.document_format = values.get("document_format") or (
        DocumentFormat.PARTY.value if ds.host == Host.PARTY.value else DocumentFormat.STATE.value)
    ds.co_chairs = [m.SessionCoChair(official_id=o, delegated=d) for o, d in data.co_chairs]
    ds.bridge_points = [m.BridgePoint(name=clean_text(n), address=clean_text(a), position=i)
                        for i, (n, a) in enumerate(data.bridge_points, 1) if clean_text(n)]
    ds.participants = [m.SessionParticipant(agency_id=a, name=clean_text(n), position=i)
                       for i, (a, n) in enumerate(data.participants, 1) if a or clean_text(n)]
    ds.tasks = [m.SessionTask(agency_id=a, assignee=clean_text(h), tasks=clean_text(t, multiline=True), position=i)
                for i, (a, h, t) in enumerate(data.tasks, 1) if clean_text(h)]
    profile = domain_profile(ds.profile)
    issuing, _fmt = issuers.session_body(ds.host, tuple(b for b in ds.joint_bodies.split(",") if b),
                                         ds.document_format)
    bases = data.legal_bases if data.legal_bases is not None else issuers.legal_bases_for(
        issuing, profile.default_legal_bases)
    ds.legal_bases = [m.SessionLegalBasis(text=clean_text(b).rstrip(";.,"), position=i)
                      for i, b in enumerate(bases, 1) if clean_text(b)]
    recipients = data.recipients if data.recipients is not None else default_recipients(ds.host, unit)
    ds.recipients = [m.SessionRecipient(text=clean_text(r).rstrip(";.,"), position=i)
                     for i, r in enumerate(recipients, 1) if clean_text(r)]


def plan_session(session: Session, data: SessionInput) -> m.DialogueSession:
    """Create a session in status Dự thảo."""
    checker, values = _validate(session, data)
    checker.raise_if_any()
    ds = m.DialogueSession(status=SessionStatus.DRAFT.value)
    _apply(session, ds, data, values)
    return ds


def update_session(session: Session, session_id: int, data: SessionInput,
                   expected_version: int | None = None) -> m.DialogueSession:
    ds = get(session, m.DialogueSession, session_id)
    check_version(ds, expected_version)
    status = SessionStatus(ds.status)
    if status is SessionStatus.CANCELLED:
        raise ValidationError({"status": "Cuộc đối thoại đã hủy, không sửa được."})
    checker, values = _validate(session, data)
    held = status not in (SessionStatus.DRAFT, SessionStatus.PLAN_ISSUED, SessionStatus.INVITED)
    if held and (data.planned_start != ds.planned_start or (data.profile_id and data.profile_id != ds.profile_id)):
        checker.add("planned_start", "Hội nghị đã diễn ra: không đổi được ngày tổ chức hay bộ quy định.")
    checker.raise_if_any()
    dates_changed = data.planned_start != ds.planned_start or (data.profile_id or ds.profile_id) != ds.profile_id
    _apply(session, ds, data, values)
    session.flush()
    if dates_changed:
        recompute_due_dates(session, [ds.id])
    return ds


# -- deadlines ---------------------------------------------------------------------------------------------

@dataclass(frozen=True)
class DeadlinesView:
    """The session's deadlines as shown and printed: computed, then the clerk's overrides applied."""

    computed: SessionDeadlines
    notice_latest: dt.date
    conclusion_due: dt.date
    notice_overridden: bool
    conclusion_overridden: bool
    notice_late: bool  # invitations not sent and today is past the latest day, or sent after it
    conclusion_late: bool
    after_steps: tuple = ()  # (AfterStep, its day): the profile's internal steps after the meeting
    provisional_days: frozenset = frozenset()  # the dates above that fall in a year without announced days off

    @property
    def profile_name(self) -> str:
        return self.computed.profile_name


def deadlines(session: Session, session_id: int, today: dt.date | None = None) -> DeadlinesView:
    ds = get(session, m.DialogueSession, session_id)
    today = today or clock.today()
    computed = session_deadlines(domain_profile(ds.profile), load_calendar(session), ds.session_date,
                                 ds.conclusion_notice_date)
    notice = ds.notice_override or computed.notice_latest
    conclusion = ds.conclusion_override or computed.conclusion_due
    sent = ds.invitations_sent_date
    status = SessionStatus(ds.status)
    notice_late = (sent > notice) if sent else (today > notice and status in (SessionStatus.DRAFT,
                                                                              SessionStatus.PLAN_ISSUED))
    issued = ds.conclusion_notice_date
    conclusion_late = (issued > conclusion) if issued else (today > conclusion and status is SessionStatus.ENDED)
    profile = domain_profile(ds.profile)
    calendar = load_calendar(session)
    steps = tuple((step, shift(calendar, ds.session_date if step.rule.anchor is Anchor.SESSION
                                   else (issued or conclusion), step.rule.days, step.rule.unit, before=False))
                  for step in profile.after_steps)
    days = [notice, conclusion, computed.answer_due, computed.answer_due_complex, *(day for _s, day in steps)]
    return DeadlinesView(computed, notice, conclusion, ds.notice_override is not None,
                         ds.conclusion_override is not None, notice_late, conclusion_late, steps,
                         frozenset(d for d in days if calendar.is_provisional(d)))


def override_deadline(session: Session, session_id: int, kind: str, new_date: dt.date | None,
                      reason: str, *, expected_version: int | None = None) -> m.DialogueSession:
    """Override the notice or conclusion deadline (``None`` goes back to the computed date)."""
    ds = get(session, m.DialogueSession, session_id)
    check_version(ds, expected_version)
    text = clean_text(reason, multiline=True)
    if kind not in ("notice", "conclusion"):
        raise ValidationError({"kind": "Chỉ điều chỉnh được thời hạn gửi giấy mời hoặc thông báo kết luận."})
    if not text:
        raise ValidationError({"reason": "Cần ghi lý do điều chỉnh thời hạn."})
    previous = ds.notice_override if kind == "notice" else ds.conclusion_override
    session.add(m.DeadlineOverride(session_id=ds.id, kind=kind, previous_date=previous, new_date=new_date,
                                   reason=text))
    if kind == "notice":
        ds.notice_override, ds.notice_override_reason = new_date, text if new_date else ""
    else:
        ds.conclusion_override, ds.conclusion_override_reason = new_date, text if new_date else ""
    session.flush()
    return ds


# -- status up to the meeting ---------------------------------------------------------------------------

def _move(ds: m.DialogueSession, target: SessionStatus) -> None:
    check_session_transition(SessionStatus(ds.status), target)
    ds.status = target.value


def issue_plan(session: Session, session_id: int, issued_date: dt.date, *,
               expected_version: int | None = None) -> m.DialogueSession:
    ds = get(session, m.DialogueSession, session_id)
    check_version(ds, expected_version)
    if ds.chair_id is None:
        raise ValidationError({"chair_id": "Cần chọn người chủ trì trước khi ban hành kế hoạch."})
    _move(ds, SessionStatus.PLAN_ISSUED)
    ds.plan_issued_date = issued_date
    session.flush()
    return ds


def back_to_draft(session: Session, session_id: int, *, expected_version: int | None = None) -> m.DialogueSession:
    ds = get(session, m.DialogueSession, session_id)
    check_version(ds, expected_version)
    _move(ds, SessionStatus.DRAFT)
    ds.plan_issued_date = None
    session.flush()
    return ds


def send_invitations(session: Session, session_id: int, sent_date: dt.date, *,
                     expected_version: int | None = None) -> m.DialogueSession:
    """Thông báo, giấy mời đã gửi on ``sent_date``: a day already come, not after the meeting's day."""
    ds = get(session, m.DialogueSession, session_id)
    check_version(ds, expected_version)
    today = clock.today()
    if sent_date > today:
        raise ValidationError({"sent_date": f"Ngày gửi giấy mời ({format_date(sent_date)}) chưa đến: hôm nay là "
                                            f"{format_date(today)}. Ghi ngày đã gửi thực tế."})
    if sent_date > ds.session_date:
        raise ValidationError({"sent_date": "Ngày gửi giấy mời không được sau ngày tổ chức hội nghị "
                                            f"({format_date(ds.session_date)})."})
    if ds.plan_issued_date and sent_date < ds.plan_issued_date:
        raise ValidationError({"sent_date": "Ngày gửi giấy mời không được trước ngày ban hành kế hoạch "
                                            f"({format_date(ds.plan_issued_date)})."})
    _move(ds, SessionStatus.INVITED)
    ds.invitations_sent_date = sent_date
    session.flush()
    return ds


def undo_invitations(session: Session, session_id: int, *,
                     expected_version: int | None = None) -> m.DialogueSession:
    """"Đã gửi giấy mời" recorded by mistake: back to Đã ban hành kế hoạch while the meeting has not started
    (nothing else depends on the date: the registrations stay)."""
    ds = get(session, m.DialogueSession, session_id)
    check_version(ds, expected_version)
    if ds.status != SessionStatus.INVITED.value:
        raise TransitionError(f"Chỉ bỏ được ngày gửi giấy mời khi cuộc đối thoại đang ở trạng thái "
                              f"“{SessionStatus.INVITED.label}” (hiện tại: {SessionStatus(ds.status).label}).")
    ds.status = SessionStatus.PLAN_ISSUED.value
    ds.invitations_sent_date = None
    session.flush()
    return ds


# The status step that can be taken back, and what it goes back to (the sessions page's button).
STEP_BACK = {SessionStatus.PLAN_ISSUED: SessionStatus.DRAFT, SessionStatus.INVITED: SessionStatus.PLAN_ISSUED}


def step_back(session: Session, session_id: int, *, expected_version: int | None = None) -> m.DialogueSession:
    """The last status step before the meeting taken back (see :data:`STEP_BACK`)."""
    ds = get(session, m.DialogueSession, session_id)
    if ds.status == SessionStatus.INVITED.value:
        return undo_invitations(session, session_id, expected_version=expected_version)
    return back_to_draft(session, session_id, expected_version=expected_version)


def cancel(session: Session, session_id: int, reason: str, *,
           expected_version: int | None = None) -> m.DialogueSession:
    ds = get(session, m.DialogueSession, session_id)
    check_version(ds, expected_version)
    text = clean_text(reason, multiline=True)
    if not text:
        raise ValidationError({"reason": "Cần ghi lý do hủy cuộc đối thoại."})
    _move(ds, SessionStatus.CANCELLED)
    ds.cancel_reason = text
    session.flush()
    return ds


def list_sessions(session: Session, year: int | None = None) -> list[m.DialogueSession]:
    query = select(m.DialogueSession).order_by(m.DialogueSession.planned_start, m.DialogueSession.id)
    if year is not None:
        query = query.where(m.DialogueSession.year == year)
    return list(session.scalars(query))


# -- looking back --------------------------------------------------------------------------------------

def _held_on():
    """The moment a session is (or was) held, in SQL: its actual start, else its planned start."""
    return func.coalesce(m.DialogueSession.actual_start, m.DialogueSession.planned_start, type_=DateTime)


def previous_session(session: Session, session_id: int) -> m.DialogueSession | None:
    """The last session of the same host held before this one (its results are reported at this one): by the
    day each was actually held, so a meeting held earlier than planned is not skipped."""
    ds = get(session, m.DialogueSession, session_id)
    held = [SessionStatus.ENDED.value, SessionStatus.CONCLUDED.value, SessionStatus.COMPLETED.value]
    return session.scalar(
        select(m.DialogueSession)
        .where(m.DialogueSession.host == ds.host, m.DialogueSession.id != ds.id,
               m.DialogueSession.status.in_(held), _held_on() < (ds.actual_start or ds.planned_start))
        .order_by(_held_on().desc()).limit(1))


def previous_session_petitions(session: Session, session_id: int) -> list[m.Petition]:
    previous = previous_session(session, session_id)
    if previous is None:
        return []
    return list(session.scalars(select(m.Petition).where(m.Petition.session_id == previous.id)
                                .order_by(m.Petition.id)))


def repeated_unresolved(session: Session, before: dt.date | None = None) -> list[m.Petition]:
    """Open petitions raised more than once — the plan must list them (001 Điều 9.1)."""
    query = (select(m.Petition).join(m.DialogueSession)
             .where(m.Petition.status.in_(OPEN_STATUSES), m.Petition.times_raised > 1)
             .order_by(m.Petition.times_raised.desc(), m.Petition.id))
    if before is not None:
        query = query.where(_held_on() < dt.datetime.combine(before, dt.time()))
    return list(session.scalars(query))


# -- picking a dialogue session ---------------------------------------------------------------------------

@dataclass(frozen=True)
class SessionChoice:
    """A dialogue session as a picker offers it."""

    id: int
    text: str  # "10/12/2026 – Hội nghị … (Đã mời)"
    status: str
    title: str

    @property
    def planned(self) -> bool:
        return SessionStatus(self.status).planned


def choices(session: Session, first: tuple[SessionStatus, ...] = ()) -> list[SessionChoice]:
    """Every dialogue session for a picker: those not yet held first (soonest first; statuses in ``first``
    before them), then the held and cancelled ones, latest first."""
    rows = list_sessions(session)
    starts = {ds.id: ds.planned_start for ds in rows}
    found = [SessionChoice(ds.id, f"{format_date(ds.session_date)} – {ds.title} ({SessionStatus(ds.status).label})",
                           ds.status, ds.title) for ds in rows]

    def key(choice: SessionChoice):
        status = SessionStatus(choice.status)
        rank = 0 if status in first else 1 if status.planned else 2
        stamp = starts[choice.id].timestamp()
        return rank, stamp if rank < 2 else -stamp

    return sorted(found, key=key)


def get_session(session: Session, session_id: int) -> m.DialogueSession:
    """The dialogue session with this id (a Vietnamese "not found" error when there is none)."""
    return get(session, m.DialogueSession, session_id)
