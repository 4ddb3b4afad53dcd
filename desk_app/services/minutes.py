"""The meeting itself (biên bản): start, agenda steps a–đ, speakers, opinions and the answers given,
the outcome of each opinion and the petitions made from it, attendance, the chair's conclusion, close.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from desk_app.domain import clock
from desk_app.domain.errors import TransitionError, ValidationError
from desk_app.domain.states import (AgendaStep, Outcome, PetitionStatus, RegistrationState, ResponderKind,
                                    SessionStatus, check_registration_transition, check_session_transition)
from desk_app.domain.text import clean_text, fold, title_name
from desk_app.domain.validation import (MAX_NAME, MAX_SHORT, MAX_TEXT, Checker, check_length, format_date,
                                        format_time)
from desk_app.store import audit
from desk_app.store import models as m
from desk_app.services import catalog, registrations, settings
from desk_app.services.catalog import agency_head_post
from desk_app.services.common import check_optional_id, check_version, get
from desk_app.services.followup import PetitionInput, create_petition
from desk_app.services.sessions import sync_year

MAX_ATTENDANCE = 100000


def _in_progress(session: Session, session_id: int) -> m.DialogueSession:
    ds = get(session, m.DialogueSession, session_id)
    if ds.status != SessionStatus.IN_PROGRESS.value:
        raise ValidationError({"status": "Hội nghị chưa bắt đầu hoặc đã kết thúc "
                                         f"(trạng thái: {SessionStatus(ds.status).label})."})
    return ds


def _check_meeting_day(ds: m.DialogueSession, day: dt.date, checker: Checker, key: str = "started_at") -> None:
    """The day a meeting is recorded as held: not after today, not before its plan was issued or its
    invitations were sent."""
    today = clock.today()
    if day > today:
        checker.add(key, f"Ngày họp {format_date(day)} chưa đến (hôm nay là {format_date(today)}): chỉ ghi được "
                         "hội nghị đã hoặc đang diễn ra.")
    elif ds.invitations_sent_date and day < ds.invitations_sent_date:
        checker.add(key, f"Giấy mời đã gửi ngày {format_date(ds.invitations_sent_date)}: ngày họp không được "
                         "trước ngày gửi giấy mời.")
    elif ds.plan_issued_date and day < ds.plan_issued_date:
        checker.add(key, f"Kế hoạch ban hành ngày {format_date(ds.plan_issued_date)}: ngày họp không được "
                         "trước ngày ban hành kế hoạch.")


def other_day_note(planned_start: dt.datetime, held_on: dt.date) -> str:
    """What the clerk is told before a meeting is recorded on another day than its plan says ("" when the
    days agree): both dates, and that the plan keeps its own."""
    if planned_start.date() == held_on:
        return ""
    return (f"Kế hoạch dự kiến họp ngày {format_date(planned_start.date())} lúc {format_time(planned_start)}, "
            f"nhưng hội nghị sẽ được ghi là họp ngày {format_date(held_on)}. Kế hoạch vẫn giữ ngày dự kiến; "
            "các thời hạn sau hội nghị tính từ ngày họp thực tế.")


def start_meeting(session: Session, session_id: int, started_at: dt.datetime,
                  secretary_name: str | None = None) -> m.DialogueSession:
    """The meeting begins (or is recorded afterwards) at ``started_at``: its actual date and time, kept beside
    the plan's (which stays as it was). Not on a day still to come, nor before the plan or the invitations."""
    ds = get(session, m.DialogueSession, session_id)
    check_session_transition(SessionStatus(ds.status), SessionStatus.IN_PROGRESS)
    if ds.chair_id is None:
        raise ValidationError({"chair_id": "Chưa có người chủ trì hội nghị."})
    name = clean_text(secretary_name) if secretary_name is not None else None
    checker = Checker()
    if name is not None:
        checker.length("secretary_name", name, "Thư ký", MAX_NAME)
    _check_meeting_day(ds, started_at.date(), checker)
    checker.raise_if_any()
    ds.status = SessionStatus.IN_PROGRESS.value
    ds.actual_start = started_at.replace(second=0, microsecond=0)
    sync_year(session, ds)
    if name is not None:
        ds.secretary_name = name
    ds.agenda_log.append(m.AgendaStepLog(step=AgendaStep.OPENING.value, reached_at=ds.actual_start))
    session.flush()
    return ds


def _recorded(session: Session, ds: m.DialogueSession) -> str:
    """What the minutes already hold beyond the start ("" when nothing): a start with this cannot be undone."""
    said = session.scalar(select(func.count(m.Opinion.id)).where(m.Opinion.session_id == ds.id)) or 0
    made = session.scalar(select(func.count(m.Petition.id)).where(m.Petition.session_id == ds.id)) or 0
    if said:
        return f"biên bản đã ghi {said} ý kiến"
    if made:
        return f"đã có {made} kiến nghị của hội nghị"
    if any(e.step != AgendaStep.OPENING.value for e in ds.agenda_log) or len(ds.agenda_log) > 1:
        return "đã ghi giờ các bước của chương trình"
    if ds.citizens_attending or ds.delegates_attending:
        return "đã ghi số người dự"
    if ds.general_conclusion:
        return "đã ghi kết luận của người chủ trì"
    return ""


def undo_start(session: Session, session_id: int, *, expected_version: int | None = None) -> m.DialogueSession:
    """A meeting started by mistake goes back to "not started" (Đã mời, or Đã ban hành kế hoạch when no
    invitation was recorded) — only while nothing has been recorded in its minutes."""
    ds = _in_progress(session, session_id)
    check_version(ds, expected_version)
    why = _recorded(session, ds)
    if why:
        raise TransitionError(f"Không đưa hội nghị về “chưa bắt đầu” được: {why}.")
    ds.status = (SessionStatus.INVITED if ds.invitations_sent_date else SessionStatus.PLAN_ISSUED).value
    ds.actual_start = ds.actual_end = None
    ds.agenda_log.clear()
    sync_year(session, ds)
    for reg in session.scalars(select(m.Registration).where(
            m.Registration.session_id == ds.id, m.Registration.state == RegistrationState.SPEAKING.value)):
        reg.state = RegistrationState.WAITING.value
    session.flush()
    return ds


def reopen_minutes(session: Session, session_id: int, reason: str, *,
                   expected_version: int | None = None) -> m.DialogueSession:
    """The secretary reopens closed minutes to correct them (Đã kết thúc → Đang diễn ra), with a reason kept in
    the audit log; only until the conclusion notice is issued. Closing them again is Kết thúc hội nghị."""
    ds = get(session, m.DialogueSession, session_id)
    check_version(ds, expected_version)
    status = SessionStatus(ds.status)
    if status is not SessionStatus.ENDED:
        raise TransitionError("Chỉ mở lại được biên bản của hội nghị đã kết thúc và chưa ban hành thông báo kết "
                              f"luận (trạng thái hiện tại: {status.label}).")
    text = clean_text(reason, multiline=True)
    checker = Checker()
    checker.require("reason", text, "Lý do mở lại biên bản")
    checker.length("reason", text, "Lý do mở lại biên bản", MAX_SHORT)
    checker.raise_if_any()
    ds.status = SessionStatus.IN_PROGRESS.value
    session.flush()
    audit.record(session, "update", m.DialogueSession.__tablename__, ds.id,
                 {"reason": f"Mở lại biên bản để sửa: {text}"})
    return ds


def _not_before_start(ds: m.DialogueSession, at: dt.datetime | None, key: str, what: str) -> None:
    if at is not None and ds.actual_start is not None and at.replace(second=0, microsecond=0) < ds.actual_start:
        raise ValidationError({key: f"{what} ({format_time(at)}) không được trước giờ bắt đầu hội nghị "
                                    f"({format_time(ds.actual_start)} ngày {format_date(ds.actual_start.date())})."})


def reach_step(session: Session, session_id: int, step: str, at: dt.datetime, note: str = "") -> m.AgendaStepLog:
    ds = _in_progress(session, session_id)
    code = AgendaStep.parse(step, "bước").value
    _not_before_start(ds, at, "reached_at", "Giờ chuyển bước")
    entry = m.AgendaStepLog(step=code, reached_at=at.replace(microsecond=0), note=clean_text(note, multiline=True))
    ds.agenda_log.append(entry)
    session.flush()
    return entry


def call_speaker(session: Session, registration_id: int) -> m.Registration:
    """The registration's citizen takes the floor (anyone still marked speaking goes back to the queue)."""
    reg = get(session, m.Registration, registration_id)
    _in_progress(session, reg.session_id)
    check_registration_transition(RegistrationState(reg.state), RegistrationState.SPEAKING)
    for other in session.scalars(select(m.Registration).where(
            m.Registration.session_id == reg.session_id,
            m.Registration.state == RegistrationState.SPEAKING.value, m.Registration.id != reg.id)):
        other.state = RegistrationState.WAITING.value
    reg.state = RegistrationState.SPEAKING.value
    session.flush()
    return reg


@dataclass
class OpinionInput:
    speaker_name: str = ""
    content: str = ""
    registration_id: int | None = None  # None: a speaker the chair allowed without registration
    hamlet_id: int | None = None
    address: str = ""
    field_id: int | None = None
    started_at: dt.datetime | None = None
    ended_at: dt.datetime | None = None
    outcome: str | None = None


def record_opinion(session: Session, session_id: int, data: OpinionInput) -> m.Opinion:
    """An opinion as said; a registered speaker's details are taken from the registration."""
    ds = _in_progress(session, session_id)
    reg = get(session, m.Registration, data.registration_id) if data.registration_id else None
    if reg is not None and reg.session_id != ds.id:
        raise ValidationError({"registration_id": "Đăng ký này thuộc cuộc đối thoại khác."})
    name = title_name(clean_text(data.speaker_name)) or (reg.citizen_name if reg else "")
    content = clean_text(data.content, multiline=True)
    checker = Checker()
    checker.require("speaker_name", name, "Người phát biểu")
    checker.length("speaker_name", name, "Người phát biểu", MAX_NAME)
    checker.length("content", content, "Nội dung phát biểu", MAX_TEXT)
    address = clean_text(data.address) or (reg.address if reg else "")
    checker.length("address", address, "Địa chỉ", MAX_SHORT)
    check_optional_id(checker, session, m.Hamlet, data.hamlet_id, "hamlet_id")
    check_optional_id(checker, session, m.Field, data.field_id, "field_id")
    if data.started_at and data.ended_at and data.ended_at < data.started_at:
        checker.add("ended_at", "Giờ kết thúc phát biểu phải sau giờ bắt đầu.")
    try:
        _not_before_start(ds, data.started_at, "started_at", "Giờ bắt đầu phát biểu")
    except ValidationError as exc:
        checker.add("started_at", exc.message)
    outcome = None
    if data.outcome:
        try:
            outcome = Outcome.parse(data.outcome, "kết quả").value
        except ValidationError as exc:
            checker.add("outcome", exc.message)
    if reg is not None and reg.state not in (RegistrationState.WAITING.value, RegistrationState.SPEAKING.value):
        checker.add("registration_id", f"Đăng ký của {reg.citizen_name} đang ở trạng thái "
                                       f"“{RegistrationState(reg.state).label}”.")
    checker.raise_if_any()
    position = (session.scalar(select(func.max(m.Opinion.position)).where(m.Opinion.session_id == ds.id)) or 0) + 1
    opinion = m.Opinion(
        session_id=ds.id, registration_id=reg.id if reg else None, speaker_name=name, speaker_fold=fold(name),
        hamlet_id=data.hamlet_id or (reg.hamlet_id if reg else None), address=address,
        field_id=data.field_id or (reg.field_id if reg else None), started_at=data.started_at or m.now(),
        ended_at=data.ended_at, content=content, content_fold=fold(content), outcome=outcome, position=position)
    session.add(opinion)
    if reg is not None:
        reg.state = RegistrationState.SPOKE.value
    session.flush()
    return opinion


def save_opinion_text(session: Session, opinion_id: int, content: str) -> m.Opinion:
    """The autosave path of the live-minutes editor: just the text."""
    opinion = get(session, m.Opinion, opinion_id)
    text = clean_text(content, multiline=True)
    if len(text) > MAX_TEXT:
        raise ValidationError({"content": check_length(text, "Nội dung phát biểu", MAX_TEXT)})
    opinion.content, opinion.content_fold = text, fold(text)
    session.flush()
    return opinion


def finish_opinion(session: Session, opinion_id: int, ended_at: dt.datetime, outcome: str | None = None) -> m.Opinion:
    opinion = get(session, m.Opinion, opinion_id)
    if opinion.started_at and ended_at < opinion.started_at:
        raise ValidationError({"ended_at": "Giờ kết thúc phát biểu phải sau giờ bắt đầu."})
    code = Outcome.parse(outcome, "kết quả").value if outcome else None
    opinion.ended_at = ended_at.replace(microsecond=0)
    if code:
        opinion.outcome = code
    session.flush()
    return opinion


def set_outcome(session: Session, opinion_id: int, outcome: str) -> m.Opinion:
    opinion = get(session, m.Opinion, opinion_id)
    opinion.outcome = Outcome.parse(outcome, "kết quả").value
    session.flush()
    return opinion


def add_answer(session: Session, opinion_id: int, content: str, *, responder_kind: str = ResponderKind.CHAIR.value,
               official_id: int | None = None, agency_id: int | None = None,
               responder_name: str = "") -> m.OpinionAnswer:
    """An answer given at the meeting, by the chair or an agency head."""
    opinion = get(session, m.Opinion, opinion_id)
    text = clean_text(content, multiline=True)
    checker = Checker()
    checker.require("content", text, "Nội dung trả lời")
    checker.length("content", text, "Nội dung trả lời", MAX_TEXT)
    try:
        kind = ResponderKind.parse(responder_kind, "người trả lời").value
    except ValidationError as exc:
        checker.add("responder_kind", exc.message)
        kind = ""
    check_optional_id(checker, session, m.Official, official_id, "official_id")
    check_optional_id(checker, session, m.Agency, agency_id, "agency_id")
    checker.raise_if_any()
    name = clean_text(responder_name)
    if not name:
        if official_id:
            official = get(session, m.Official, official_id)
            name = f"Đồng chí {official.name}, {official.title}"
        elif agency_id:
            agency = get(session, m.Agency, agency_id)
            post = agency_head_post(agency)
            name = f"Đồng chí {agency.head_name}, {post}" if agency.head_name else post
        elif kind == ResponderKind.CHAIR.value:
            chair = get(session, m.DialogueSession, opinion.session_id).chair
            if chair is not None:
                name = f"Đồng chí {chair.name}, {chair.title}"
    answer = m.OpinionAnswer(responder_kind=kind, responder_name=name, official_id=official_id,
                             agency_id=agency_id, content=text, position=len(opinion.answers) + 1)
    opinion.answers.append(answer)
    session.flush()
    return answer


def petition_from_opinion(session: Session, opinion_id: int, *, content: str | None = None,
                          field_id: int | None = None, lead_agency_id: int | None = None,
                          conclusion: str = "", complex_case: bool = False) -> m.Petition:
    """A petition pre-filled from the opinion: citizen, hamlet, field, content; the lead agency from the
    first agency that answered; the starting status from the opinion's outcome."""
    opinion = get(session, m.Opinion, opinion_id)
    outcome = Outcome(opinion.outcome) if opinion.outcome else Outcome.ASSIGNED
    if lead_agency_id is None:
        lead_agency_id = next((a.agency_id for a in opinion.answers if a.agency_id), None)
    if not conclusion and outcome is Outcome.ANSWERED and opinion.answers:
        conclusion = opinion.answers[-1].content
    data = PetitionInput(
        citizen_name=opinion.speaker_name, content=content or opinion.content,
        field_id=field_id or opinion.field_id, hamlet_id=opinion.hamlet_id, address=opinion.address,
        conclusion=conclusion, lead_agency_id=lead_agency_id, complex_case=complex_case, opinion_id=opinion.id,
        registration_id=opinion.registration_id, status=outcome.petition_status.value)
    petition = create_petition(session, opinion.session_id, data)
    if outcome is Outcome.ANSWERED and opinion.answers:
        petition.resolution = "\n".join(a.content for a in opinion.answers)
    session.flush()
    return petition


def end_meeting(session: Session, session_id: int, ended_at: dt.datetime, *, citizens_attending: int | None,
                delegates_attending: int | None, general_conclusion: str = "") -> m.DialogueSession:
    """Close the meeting: attendance, the chair's general conclusion, the end time; an opinion still being
    recorded ends at the same time."""
    ds = _in_progress(session, session_id)
    checker = Checker()
    if ds.actual_start and ended_at <= ds.actual_start:
        checker.add("ended_at", "Giờ kết thúc phải sau giờ bắt đầu hội nghị.")
    for key, value, label in (("citizens_attending", citizens_attending, "Số công dân dự"),
                              ("delegates_attending", delegates_attending, "Số đại biểu dự")):
        if value is not None and (not isinstance(value, int) or isinstance(value, bool)
                                  or not 0 <= value <= MAX_ATTENDANCE):
            checker.add(key, f"{label} phải là số nguyên từ 0 đến {MAX_ATTENDANCE}.")
    conclusion = clean_text(general_conclusion, multiline=True)
    checker.length("general_conclusion", conclusion, "Kết luận của người chủ trì", MAX_TEXT)
    still_open = [o for o in opinions(session, ds.id) if o.ended_at is None]
    if any(o.started_at and ended_at < o.started_at for o in still_open):
        checker.add("ended_at", "Giờ kết thúc phát biểu phải sau giờ bắt đầu.")
    checker.raise_if_any()
    check_session_transition(SessionStatus(ds.status), SessionStatus.ENDED)
    for opinion in still_open:  # the opinion being recorded ends with the meeting
        opinion.ended_at = ended_at.replace(microsecond=0)
    ds.status = SessionStatus.ENDED.value
    ds.actual_end = ended_at.replace(second=0, microsecond=0)
    ds.citizens_attending, ds.delegates_attending = citizens_attending, delegates_attending
    if conclusion:
        ds.general_conclusion = conclusion
    for reg in session.scalars(select(m.Registration).where(
            m.Registration.session_id == ds.id, m.Registration.state == RegistrationState.SPEAKING.value)):
        reg.state = RegistrationState.SPOKE.value
    session.flush()
    return ds


def save_progress(session: Session, session_id: int, *, citizens_attending: int | None = None,
                  delegates_attending: int | None = None, general_conclusion: str | None = None,
                  expected_version: int | None = None) -> m.DialogueSession:
    """Attendance and the chair's conclusion as typed during the meeting (autosaved, so a crash loses
    nothing) and corrected after it until the conclusion notice is issued. ``None`` leaves a value as is."""
    ds = get(session, m.DialogueSession, session_id)
    check_version(ds, expected_version)
    status = SessionStatus(ds.status)
    if status not in (SessionStatus.IN_PROGRESS, SessionStatus.ENDED):
        raise TransitionError("Chỉ ghi số người dự và kết luận khi hội nghị đang diễn ra hoặc vừa kết thúc "
                              "(trước khi ban hành thông báo kết luận).")
    checker = Checker()
    for key, value, label in (("citizens_attending", citizens_attending, "Số công dân dự"),
                              ("delegates_attending", delegates_attending, "Số đại biểu dự")):
        if value is not None and (not isinstance(value, int) or isinstance(value, bool)
                                  or not 0 <= value <= MAX_ATTENDANCE):
            checker.add(key, f"{label} phải là số nguyên từ 0 đến {MAX_ATTENDANCE}.")
    conclusion = None if general_conclusion is None else clean_text(general_conclusion, multiline=True)
    if conclusion is not None:
        checker.length("general_conclusion", conclusion, "Kết luận của người chủ trì", MAX_TEXT)
    checker.raise_if_any()
    if citizens_attending is not None:
        ds.citizens_attending = citizens_attending
    if delegates_attending is not None:
        ds.delegates_attending = delegates_attending
    if conclusion is not None:
        ds.general_conclusion = conclusion
    session.flush()
    return ds


def opinions(session: Session, session_id: int) -> list[m.Opinion]:
    return list(session.scalars(select(m.Opinion).where(m.Opinion.session_id == session_id)
                                .order_by(m.Opinion.position, m.Opinion.id)))


# -- what the live-minutes page shows (plain values, read in one unit of work) ---------------------------

LIVE_QUEUE_STATES = (RegistrationState.WAITING.value, RegistrationState.SPEAKING.value,
                     RegistrationState.ABSENT.value)


@dataclass
class QueueItem:
    """A citizen still to speak (waiting, speaking or marked absent)."""

    id: int
    order: int
    name: str
    place: str
    field: str
    content: str
    state: str
    priority: bool


@dataclass
class OpinionItem:
    """One line of the opinions recorded so far."""

    id: int
    position: int
    name: str
    started: dt.datetime | None
    ended: dt.datetime | None
    outcome: str | None

    def line(self) -> str:
        times = format_time(self.started) if self.started else ""
        if self.ended:
            times += f"–{format_time(self.ended)}"
        outcome = Outcome(self.outcome).label if self.outcome else ("đang phát biểu" if not self.ended else
                                                                     "chưa ghi kết quả")
        return f"{self.position}. {self.name} ({times}) · {outcome}"


@dataclass
class Responder:
    """Someone who may answer an opinion at the meeting, as :func:`add_answer` takes it."""

    text: str  # as the picker shows it
    kind: str  # ResponderKind
    official_id: int | None = None
    agency_id: int | None = None
    name: str = ""  # an invitee named in the plan without an agency of the catalogue ("Trưởng các thôn")

    @classmethod
    def typed(cls, name: str) -> Responder:
        """Someone the list does not offer, as the secretary typed them ("Ông Lò Văn Sáu, Trưởng thôn")."""
        return cls(name, ResponderKind.AGENCY.value, name=name)


@dataclass
class MeetingState:
    """A dialogue session as its meeting stands: status, agenda steps reached, the queue, the opinions,
    who may answer, attendance and the conclusion typed so far."""

    id: int
    title: str
    status: str
    place: str
    agenda: dict[str, list[dt.datetime]]
    queue: list[QueueItem]
    opinions: list[OpinionItem]
    responders: list[Responder]
    citizens: int | None
    delegates: int | None
    conclusion: str
    speaking_seconds: int
    secretary: str
    planned_start: dt.datetime | None = None
    actual_start: dt.datetime | None = None
    actual_end: dt.datetime | None = None
    undoable: bool = False  # started, nothing recorded yet: may go back to "not started"
    recorded_later: bool = False  # held on another day than today: the secretary types the times

    @property
    def live(self) -> bool:
        """The minutes can be written: the meeting is under way, or its closed minutes were reopened."""
        return self.status == SessionStatus.IN_PROGRESS.value

    @property
    def last_moment(self) -> dt.datetime | None:
        """The latest time recorded so far (minutes typed afterwards go on from it)."""
        moments = [self.actual_start, self.actual_end, *(t for times in self.agenda.values() for t in times),
                   *(o.started for o in self.opinions), *(o.ended for o in self.opinions)]
        return max((t for t in moments if t is not None), default=None)

    @property
    def reopenable(self) -> bool:
        """Closed minutes the secretary may reopen for corrections (before the conclusion notice)."""
        return self.status == SessionStatus.ENDED.value

    @property
    def startable(self) -> bool:
        return self.status in (SessionStatus.PLAN_ISSUED.value, SessionStatus.INVITED.value)

    def last_unfinished(self) -> int | None:
        open_ones = [o for o in self.opinions if o.ended is None]
        return open_ones[-1].id if open_ones else None


@dataclass
class OpinionView:
    """One opinion as the editor shows it: the speaker, the text, the answers and the petitions made."""

    id: int
    name: str
    info: str
    content: str
    outcome: str | None
    ended: dt.datetime | None
    answers: list[str] = field(default_factory=list)
    petitions: list[str] = field(default_factory=list)
    field_id: int | None = None
    answering_agency_id: int | None = None


def _place(row) -> str:
    return row.hamlet.name if row.hamlet else row.address


def meeting_state(session: Session, meeting_id: int) -> MeetingState:
    ds = get(session, m.DialogueSession, meeting_id)
    agenda: dict[str, list[dt.datetime]] = {}
    for entry in ds.agenda_log:
        agenda.setdefault(entry.step, []).append(entry.reached_at)
    listed = registrations.queue(session, meeting_id)
    numbers = registrations.speaking_numbers(listed)
    queue = [QueueItem(r.id, numbers[r.id], r.citizen_name, _place(r), r.field.name if r.field else "", r.content,
                       r.state, r.priority)
             for r in listed if r.state in LIVE_QUEUE_STATES]
    said = [OpinionItem(o.id, o.position, o.speaker_name, o.started_at, o.ended_at, o.outcome)
            for o in opinions(session, meeting_id)]
    secretary = ds.secretary_name or (ds.secretary.name if ds.secretary else "")
    live = ds.status == SessionStatus.IN_PROGRESS.value
    return MeetingState(
        ds.id, ds.title, ds.status, ds.place, agenda, queue, said, responders(session, meeting_id),
        ds.citizens_attending, ds.delegates_attending, ds.general_conclusion,
        int(settings.get(session, settings.SPEAKING_SECONDS)), secretary, ds.planned_start, ds.actual_start,
        ds.actual_end, undoable=live and not _recorded(session, ds),
        recorded_later=live and ds.actual_start is not None and ds.actual_start.date() != clock.today())


def responders(session: Session, meeting_id: int) -> list[Responder]:
    """Who may answer at the meeting: the chair and the co-chairs, then those the plan invited (agencies with
    their heads, and the invitees named without an agency), then the heads of every other active agency."""
    ds = get(session, m.DialogueSession, meeting_id)
    result = []
    if ds.chair is not None:
        result.append(Responder(f"Người chủ trì: {ds.chair.name}, {ds.chair.title}", ResponderKind.CHAIR.value))
    for co in ds.co_chairs:
        result.append(Responder(f"Đồng chủ trì: {co.official.name}, {co.official.title}", ResponderKind.CHAIR.value,
                                official_id=co.official_id))
    agencies = {a.id: a for a in catalog.rows(session, "agencies")}
    invited = [p.agency_id for p in ds.participants if p.agency_id in agencies]
    active = [agency_id for agency_id, a in agencies.items() if a.active and agency_id not in invited]
    for agency_id in invited + active:
        agency = agencies[agency_id]
        head = f" ({agency.head_name})" if agency.head_name else ""
        result.append(Responder(f"{agency.name}{head}", ResponderKind.AGENCY.value, agency_id=agency_id))
    for participant in ds.participants:
        if participant.agency_id is None and participant.name.strip():
            result.append(Responder(f"Khách mời: {participant.name}", ResponderKind.AGENCY.value,
                                    name=participant.name))
    return result


def opinion_view(session: Session, opinion_id: int) -> OpinionView:
    opinion = get(session, m.Opinion, opinion_id)
    bits = [b for b in (_place(opinion), opinion.field.name if opinion.field else "") if b]
    if opinion.registration is not None and opinion.registration.content:
        bits.append(f"Đăng ký: {opinion.registration.content}")
    made = session.scalars(select(m.Petition).where(m.Petition.opinion_id == opinion_id).order_by(m.Petition.id))
    return OpinionView(
        opinion.id, opinion.speaker_name, " · ".join(bits), opinion.content, opinion.outcome, opinion.ended_at,
        answers=[f"{a.responder_name or ResponderKind(a.responder_kind).label}: {a.content}" for a in opinion.answers],
        petitions=[f"{p.content} — {PetitionStatus(p.status).label}" for p in made],
        field_id=opinion.field_id,
        answering_agency_id=next((a.agency_id for a in opinion.answers if a.agency_id), None))


def answer_by(session: Session, opinion_id: int, responder: Responder, content: str) -> m.OpinionAnswer:
    """An answer given by one of :func:`responders`."""
    return add_answer(session, opinion_id, content, responder_kind=responder.kind, official_id=responder.official_id,
                      agency_id=responder.agency_id, responder_name=responder.name)


def call_next(session: Session, meeting_id: int, at: dt.datetime, *, finishing: int | None = None,
              chosen: int | None = None) -> m.Opinion | None:
    """The next speaker takes the floor (F2): the opinion ``finishing`` (the one being recorded) ends at
    ``at``; the ``chosen`` registration speaks — back in the queue if they were marked absent (they arrived
    late) — else the first one waiting. Returns the new opinion, or None when nobody is waiting."""
    ds = _in_progress(session, meeting_id)
    _not_before_start(ds, at, "started_at", "Giờ mời phát biểu")
    if finishing is not None:
        finish_opinion(session, finishing, at)
    reg = session.get(m.Registration, chosen) if chosen is not None else None
    if reg is not None and reg.session_id != meeting_id:
        reg = None
    if reg is not None and reg.state == RegistrationState.ABSENT.value:
        registrations.set_state(session, reg.id, RegistrationState.WAITING.value)
    if reg is None or reg.state != RegistrationState.WAITING.value:
        reg = registrations.next_waiting(session, meeting_id)
    if reg is None:
        return None
    call_speaker(session, reg.id)
    return record_opinion(session, meeting_id, OpinionInput(registration_id=reg.id, started_at=at))


def meeting_in_progress(session: Session) -> int | None:
    """The dialogue session whose meeting is under way (the window reopens on it after an unclean stop)."""
    return session.scalar(select(m.DialogueSession.id).where(
        m.DialogueSession.status == SessionStatus.IN_PROGRESS.value).order_by(m.DialogueSession.id).limit(1))


# -- the times of the minutes, typed or corrected afterwards -------------------------------------------------

@dataclass
class TimeRow:
    """A moment of the minutes the clerk may correct: an agenda step reached, or an opinion (start, end)."""

    id: int
    text: str
    start: dt.time | None
    end: dt.time | None = None


@dataclass
class MinutesTimes:
    """The meeting's actual day and hours, each agenda step reached and each opinion's times."""

    day: dt.date
    start: dt.time
    end: dt.time | None
    planned_start: dt.datetime
    steps: list[TimeRow]
    opinions: list[TimeRow]


@dataclass
class TimesInput:
    """Corrected times: all on the meeting's ``day`` (``end`` only for closed minutes that were reopened)."""

    day: dt.date
    start: dt.time
    end: dt.time | None = None
    steps: dict[int, dt.time] = field(default_factory=dict)
    opinions: dict[int, tuple[dt.time | None, dt.time | None]] = field(default_factory=dict)


def _clock(moment: dt.datetime | None) -> dt.time | None:
    return moment.time().replace(second=0, microsecond=0) if moment is not None else None


def minutes_times(session: Session, meeting_id: int) -> MinutesTimes:
    ds = get(session, m.DialogueSession, meeting_id)
    start = ds.actual_start or ds.planned_start
    steps = [TimeRow(e.id, AgendaStep(e.step).label, _clock(e.reached_at)) for e in ds.agenda_log]
    said = [TimeRow(o.id, f"{o.position}. {o.speaker_name}", _clock(o.started_at), _clock(o.ended_at))
            for o in opinions(session, meeting_id)]
    return MinutesTimes(start.date(), _clock(start), _clock(ds.actual_end), ds.planned_start, steps, said)


def correct_times(session: Session, meeting_id: int, data: TimesInput, *,
                  expected_version: int | None = None) -> m.DialogueSession:
    """The minutes' actual day and times as the secretary corrects them (typed from the paper notes of a
    meeting recorded afterwards): the plan keeps its own date. Every time lies between the meeting's start and
    end, an opinion ends after it starts; a bad time changes nothing."""
    ds = _in_progress(session, meeting_id)
    check_version(ds, expected_version)
    checker = Checker()
    _check_meeting_day(ds, data.day, checker)
    start = dt.datetime.combine(data.day, data.start.replace(second=0, microsecond=0))
    end = dt.datetime.combine(data.day, data.end.replace(second=0, microsecond=0)) if data.end else None
    if ds.actual_end is not None and end is None:
        checker.add("ended_at", "Cần giờ kết thúc hội nghị.")
    if end is not None and end <= start:
        checker.add("ended_at", "Giờ kết thúc phải sau giờ bắt đầu hội nghị.")

    def within(key: str, what: str, moment: dt.datetime | None) -> None:
        if moment is None:
            return
        if moment < start:
            checker.add(key, f"{what}: {format_time(moment)} trước giờ bắt đầu hội nghị ({format_time(start)}).")
        elif end is not None and moment > end:
            checker.add(key, f"{what}: {format_time(moment)} sau giờ kết thúc hội nghị ({format_time(end)}).")

    steps = {e.id: e for e in ds.agenda_log}
    said = {o.id: o for o in opinions(session, ds.id)}
    step_times, opinion_times = {}, {}
    for log_id, when in data.steps.items():
        if log_id not in steps:
            checker.add("steps", "Bước chương trình không thuộc hội nghị này.")
            continue
        step_times[log_id] = moment = dt.datetime.combine(data.day, when.replace(second=0, microsecond=0))
        within(f"step{log_id}", f"Bước {AgendaStep(steps[log_id].step).label.split('.')[0]}", moment)
    for opinion_id, (began, ended) in data.opinions.items():
        opinion = said.get(opinion_id)
        if opinion is None:
            checker.add("opinions", "Ý kiến không thuộc hội nghị này.")
            continue
        began_at = dt.datetime.combine(data.day, began.replace(second=0, microsecond=0)) if began else None
        ended_at = dt.datetime.combine(data.day, ended.replace(second=0, microsecond=0)) if ended else None
        what = f"Ý kiến {opinion.position} ({opinion.speaker_name})"
        if began_at is None:
            checker.add(f"opinion{opinion_id}", f"{what}: cần giờ bắt đầu phát biểu.")
        within(f"opinion{opinion_id}", what, began_at)
        within(f"opinion{opinion_id}", what, ended_at)
        if began_at and ended_at and ended_at < began_at:
            checker.add(f"opinion{opinion_id}", f"{what}: giờ kết thúc phát biểu phải sau giờ bắt đầu.")
        opinion_times[opinion_id] = (began_at, ended_at)
    checker.raise_if_any()
    ds.actual_start = start
    if end is not None:
        ds.actual_end = end
    sync_year(session, ds)
    for log_id, moment in step_times.items():
        steps[log_id].reached_at = moment
    for opinion_id, (began_at, ended_at) in opinion_times.items():
        said[opinion_id].started_at, said[opinion_id].ended_at = began_at, ended_at
    session.flush()
    return ds
