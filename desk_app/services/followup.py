"""Petitions (kiến nghị): the chair's conclusion, due dates, and the follow-up until the citizen has a
written answer — assign, extend, resolve, answered at the meeting, transfer upward, not in competence —
with the full status history; links to earlier petitions on the same matter; the filtered list.

Due dates: ``computed_due_date`` comes from the session's profile and the calendar (see
:mod:`desk_app.domain.deadlines`); the clerk may override it with a reason; an extension told to the
citizen in writing sets a new one. ``due_date`` is the one in force (last extension, else override,
else computed). A petition resolved by its ``due_date`` is on time: an extension notified in writing
legitimately moves the deadline (001 Điều 9.3b).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from sqlalchemy import and_, column, func, or_, select
from sqlalchemy import text as sql_text
from sqlalchemy.orm import Session

from desk_app.domain import clock
from desk_app.domain.calendar import WorkCalendar
from desk_app.domain.deadlines import answer_due, due_soon_limit
from desk_app.domain.errors import TransitionError, ValidationError
from desk_app.domain.profiles import Profile
from desk_app.domain.states import (PetitionStatus, SessionStatus, check_petition_transition,
                                    check_session_transition)
from desk_app.domain.text import clean_text, fold, title_name
from desk_app.domain.validation import MAX_SHORT, MAX_TEXT, Checker, check_length
from desk_app.store import models as m
from desk_app.store import search_index
from desk_app.services.common import (check_optional_id, check_version, domain_profile, get, like_pattern,
                                      load_calendar)

OPEN_STATUSES = (PetitionStatus.NEW.value, PetitionStatus.IN_PROGRESS.value)


# -- due dates -----------------------------------------------------------------------------------------

def _effective_due(petition: m.Petition) -> dt.date | None:
    if petition.extensions:
        return petition.extensions[-1].new_due
    return petition.due_override or petition.computed_due_date


def refresh_due(petition: m.Petition, ds: m.DialogueSession, profile: Profile, calendar: WorkCalendar) -> None:
    computed, provisional = answer_due(profile, calendar, ds.session_date, ds.conclusion_notice_date,
                                       petition.complex_case)
    petition.computed_due_date = computed
    petition.due_provisional = provisional and petition.due_override is None and not petition.extensions
    petition.due_date = _effective_due(petition)


def recompute_due_dates(session: Session, session_ids: list[int] | None = None) -> int:
    """Recompute every petition's due date (after a calendar, date or profile change). Returns the count."""
    calendar = load_calendar(session)
    query = select(m.DialogueSession)
    if session_ids is not None:
        query = query.where(m.DialogueSession.id.in_(session_ids))
    count = 0
    for ds in session.scalars(query):
        profile = domain_profile(ds.profile)
        for petition in session.scalars(select(m.Petition).where(m.Petition.session_id == ds.id)):
            before = (petition.computed_due_date, petition.due_date, petition.due_provisional)
            refresh_due(petition, ds, profile, calendar)
            if before != (petition.computed_due_date, petition.due_date, petition.due_provisional):
                count += 1
    session.flush()
    return count


# -- creating and editing ------------------------------------------------------------------------------

@dataclass
class PetitionInput:
    citizen_name: str
    content: str
    field_id: int | None = None
    hamlet_id: int | None = None
    address: str = ""
    conclusion: str = ""
    lead_agency_id: int | None = None
    coordinator_ids: list[int] = field(default_factory=list)
    complex_case: bool = False
    opinion_id: int | None = None
    registration_id: int | None = None
    earlier_petition_id: int | None = None
    status: str = PetitionStatus.NEW.value  # a petition made at the meeting may start answered/not competent


def _validate(session: Session, data: PetitionInput) -> tuple[Checker, dict]:
    values = {
        "citizen_name": title_name(clean_text(data.citizen_name)),
        "content": clean_text(data.content, multiline=True),
        "address": clean_text(data.address),
        "conclusion": clean_text(data.conclusion, multiline=True),
    }
    checker = Checker()
    checker.require("citizen_name", values["citizen_name"], "Người kiến nghị")
    checker.add("citizen_name", check_length(values["citizen_name"], "Người kiến nghị", MAX_SHORT))
    checker.require("content", values["content"], "Nội dung kiến nghị")
    checker.add("content", check_length(values["content"], "Nội dung kiến nghị", MAX_TEXT))
    checker.add("address", check_length(values["address"], "Địa chỉ", MAX_SHORT))
    checker.add("conclusion", check_length(values["conclusion"], "Ý kiến kết luận", MAX_TEXT))
    check_optional_id(checker, session, m.Field, data.field_id, "field_id")
    check_optional_id(checker, session, m.Hamlet, data.hamlet_id, "hamlet_id")
    check_optional_id(checker, session, m.Agency, data.lead_agency_id, "lead_agency_id")
    check_optional_id(checker, session, m.Opinion, data.opinion_id, "opinion_id")
    check_optional_id(checker, session, m.Registration, data.registration_id, "registration_id")
    for agency_id in data.coordinator_ids:
        check_optional_id(checker, session, m.Agency, agency_id, "coordinator_ids")
    if data.lead_agency_id is not None and data.lead_agency_id in data.coordinator_ids:
        checker.add("coordinator_ids", "Cơ quan chủ trì không đồng thời là cơ quan phối hợp.")
    return checker, values


def create_petition(session: Session, session_id: int, data: PetitionInput) -> m.Petition:
    ds = get(session, m.DialogueSession, session_id)
    checker, values = _validate(session, data)
    try:
        status = PetitionStatus.parse(data.status, "trạng thái")
    except ValidationError as exc:
        checker.add("status", exc.message)
        status = PetitionStatus.NEW
    if status not in (PetitionStatus.NEW, PetitionStatus.ANSWERED_AT_MEETING, PetitionStatus.NOT_COMPETENT):
        checker.add("status", "Kiến nghị mới chỉ có thể ở trạng thái Mới, Đã trả lời tại hội nghị hoặc "
                              "Không thuộc thẩm quyền.")
    if SessionStatus(ds.status) in (SessionStatus.DRAFT, SessionStatus.PLAN_ISSUED, SessionStatus.CANCELLED):
        checker.add("session_id", "Cuộc đối thoại chưa diễn ra (hoặc đã hủy): chưa thể có kiến nghị.")
    checker.raise_if_any()
    petition = m.Petition(
        session_id=ds.id, year=ds.year, opinion_id=data.opinion_id, registration_id=data.registration_id,
        citizen_name=values["citizen_name"], citizen_fold=fold(values["citizen_name"]),
        hamlet_id=data.hamlet_id, address=values["address"], field_id=data.field_id,
        content=values["content"], content_fold=fold(values["content"]), conclusion=values["conclusion"],
        lead_agency_id=data.lead_agency_id, complex_case=data.complex_case, status=status.value,
        status_changed_at=m.now(), times_raised=1,
    )
    petition.coordinators = [m.PetitionCoordinator(agency_id=a) for a in dict.fromkeys(data.coordinator_ids)]
    petition.history = [m.PetitionStatusChange(from_status=None, to_status=status.value, note="Ghi nhận kiến nghị")]
    if status is not PetitionStatus.NEW:
        petition.resolved_date = ds.session_date
    session.add(petition)
    refresh_due(petition, ds, domain_profile(ds.profile), load_calendar(session))
    session.flush()
    if data.earlier_petition_id is not None:
        link_earlier(session, petition.id, data.earlier_petition_id)
    refresh_session_completion(session, ds)
    return petition


def update_petition(session: Session, petition_id: int, data: PetitionInput,
                    expected_version: int | None = None) -> m.Petition:
    """Edit the petition's own data (not its status: the follow-up actions below do that)."""
    petition = get(session, m.Petition, petition_id)
    check_version(petition, expected_version)
    checker, values = _validate(session, data)
    checker.raise_if_any()
    petition.citizen_name, petition.citizen_fold = values["citizen_name"], fold(values["citizen_name"])
    petition.content, petition.content_fold = values["content"], fold(values["content"])
    petition.address, petition.conclusion = values["address"], values["conclusion"]
    petition.hamlet_id, petition.field_id = data.hamlet_id, data.field_id
    _set_agencies(session, petition, data.lead_agency_id, data.coordinator_ids)
    if petition.complex_case != data.complex_case:
        petition.complex_case = data.complex_case
        refresh_due(petition, petition.session, domain_profile(petition.session.profile), load_calendar(session))
    session.flush()
    return petition


def _set_agencies(session: Session, petition: m.Petition, lead_agency_id: int | None,
                  coordinator_ids: list[int]) -> None:
    petition.lead_agency = get(session, m.Agency, lead_agency_id) if lead_agency_id else None
    wanted = [a for a in dict.fromkeys(coordinator_ids) if a != lead_agency_id]
    current = {c.agency_id: c for c in petition.coordinators}
    petition.coordinators = [current.get(a) or m.PetitionCoordinator(agency_id=a) for a in wanted]


def set_conclusion(session: Session, petition_id: int, conclusion: str, lead_agency_id: int | None,
                   coordinator_ids: list[int] | None = None, complex_case: bool | None = None,
                   expected_version: int | None = None) -> m.Petition:
    """The chair's conclusion on one petition: what is to be done and by whom."""
    petition = get(session, m.Petition, petition_id)
    check_version(petition, expected_version)
    text = clean_text(conclusion, multiline=True)
    checker = Checker()
    checker.add("conclusion", check_length(text, "Ý kiến kết luận", MAX_TEXT))
    check_optional_id(checker, session, m.Agency, lead_agency_id, "lead_agency_id")
    for agency_id in coordinator_ids or []:
        check_optional_id(checker, session, m.Agency, agency_id, "coordinator_ids")
    checker.raise_if_any()
    petition.conclusion = text
    _set_agencies(session, petition, lead_agency_id, coordinator_ids or [])
    if complex_case is not None and complex_case != petition.complex_case:
        petition.complex_case = complex_case
        refresh_due(petition, petition.session, domain_profile(petition.session.profile), load_calendar(session))
    session.flush()
    return petition


# -- status changes --------------------------------------------------------------------------------------

def _change_status(session: Session, petition: m.Petition, target: PetitionStatus, note: str) -> None:
    current = PetitionStatus(petition.status)
    check_petition_transition(current, target)
    petition.status = target.value
    petition.status_changed_at = m.now()
    petition.history.append(m.PetitionStatusChange(from_status=current.value, to_status=target.value,
                                                   note=note))
    session.flush()
    refresh_session_completion(session, petition.session)


def refresh_session_completion(session: Session, ds: m.DialogueSession) -> None:
    """A concluded session is complete when every petition is closed, and reopens if one reopens."""
    status = SessionStatus(ds.status)
    if status not in (SessionStatus.CONCLUDED, SessionStatus.COMPLETED):
        return
    open_count = session.scalar(select(func.count(m.Petition.id)).where(
        m.Petition.session_id == ds.id, m.Petition.status.in_(OPEN_STATUSES)))
    target = SessionStatus.CONCLUDED if open_count else SessionStatus.COMPLETED
    if target is not status:
        check_session_transition(status, target)
        ds.status = target.value
        session.flush()


def _dated(value: dt.date | None, label: str, checker: Checker, field_name: str, *,
           not_before: dt.date | None = None, required: bool = True) -> None:
    if value is None:
        if required:
            checker.add(field_name, f"{label} không được để trống.")
        return
    if value > clock.today():
        checker.add(field_name, f"{label} không được sau ngày hôm nay.")
    if not_before is not None and value < not_before:
        checker.add(field_name, f"{label} không được trước ngày tổ chức hội nghị ({not_before:%d/%m/%Y}).")


def assign(session: Session, petition_id: int, lead_agency_id: int, coordinator_ids: list[int] | None = None,
           note: str = "", expected_version: int | None = None) -> m.Petition:
    """Giao cơ quan chủ trì (and coordinating agencies) giải quyết: the petition is in progress."""
    petition = get(session, m.Petition, petition_id)
    check_version(petition, expected_version)
    if PetitionStatus(petition.status).closed:
        raise TransitionError(f"Kiến nghị đang ở trạng thái “{PetitionStatus(petition.status).label}”: muốn giao "
                              "giải quyết tiếp, hãy mở lại kiến nghị (ghi rõ lý do) trước.")
    checker = Checker()
    if lead_agency_id is None:
        checker.add("lead_agency_id", "Cần chọn cơ quan chủ trì giải quyết.")
    check_optional_id(checker, session, m.Agency, lead_agency_id, "lead_agency_id")
    for agency_id in coordinator_ids or []:
        check_optional_id(checker, session, m.Agency, agency_id, "coordinator_ids")
    checker.raise_if_any()
    _set_agencies(session, petition, lead_agency_id, coordinator_ids or [])
    agency = get(session, m.Agency, lead_agency_id)
    if PetitionStatus(petition.status) is PetitionStatus.IN_PROGRESS:
        petition.history.append(m.PetitionStatusChange(
            from_status=petition.status, to_status=petition.status,
            note=clean_text(note) or f"Giao lại cho {agency.name}"))
        session.flush()
    else:
        _change_status(session, petition, PetitionStatus.IN_PROGRESS,
                       clean_text(note) or f"Giao {agency.name} chủ trì giải quyết")
    return petition


def extend(session: Session, petition_id: int, new_due: dt.date, reason: str,
           citizen_notified_date: dt.date | None = None, letter_number: str = "",
           expected_version: int | None = None) -> m.PetitionExtension:
    """Gia hạn: more time, with the reason and the date the citizen was told in writing."""
    petition = get(session, m.Petition, petition_id)
    check_version(petition, expected_version)
    reason = clean_text(reason, multiline=True)
    checker = Checker()
    if PetitionStatus(petition.status).closed:
        checker.add("status", "Kiến nghị đã kết thúc xử lý, không gia hạn được.")
    checker.require("reason", reason, "Lý do gia hạn")
    checker.add("reason", check_length(reason, "Lý do gia hạn", MAX_TEXT))
    if new_due is None:
        checker.add("new_due", "Cần nhập thời hạn mới.")
    elif petition.due_date is not None and new_due <= petition.due_date:
        checker.add("new_due", f"Thời hạn mới phải sau thời hạn hiện tại ({petition.due_date:%d/%m/%Y}).")
    _dated(citizen_notified_date, "Ngày thông báo cho công dân", checker, "citizen_notified_date",
           not_before=petition.session.session_date, required=False)
    checker.add("letter_number", check_length(clean_text(letter_number), "Số văn bản", 100))
    checker.raise_if_any()
    extension = m.PetitionExtension(previous_due=petition.due_date, new_due=new_due, reason=reason,
                                    citizen_notified_date=citizen_notified_date,
                                    letter_number=clean_text(letter_number))
    petition.extensions.append(extension)
    petition.due_date = new_due
    petition.due_provisional = False
    note = f"Gia hạn đến {new_due:%d/%m/%Y}: {reason}"
    if PetitionStatus(petition.status) is PetitionStatus.NEW:
        _change_status(session, petition, PetitionStatus.IN_PROGRESS, note)
    else:
        petition.history.append(m.PetitionStatusChange(from_status=petition.status, to_status=petition.status,
                                                       note=note))
        session.flush()
    return extension


def resolve(session: Session, petition_id: int, resolution: str, resolved_date: dt.date,
            reply_number: str = "", reply_date: dt.date | None = None,
            citizen_informed_date: dt.date | None = None, expected_version: int | None = None) -> m.Petition:
    """Đã giải quyết: the written answer sent to the citizen."""
    petition = get(session, m.Petition, petition_id)
    check_version(petition, expected_version)
    check_petition_transition(PetitionStatus(petition.status), PetitionStatus.RESOLVED)
    text = clean_text(resolution, multiline=True)
    checker = Checker()
    checker.require("resolution", text, "Kết quả giải quyết")
    checker.add("resolution", check_length(text, "Kết quả giải quyết", MAX_TEXT))
    session_day = petition.session.session_date
    _dated(resolved_date, "Ngày giải quyết", checker, "resolved_date", not_before=session_day)
    _dated(reply_date, "Ngày văn bản trả lời", checker, "reply_date", not_before=session_day, required=False)
    _dated(citizen_informed_date, "Ngày công dân nhận trả lời", checker, "citizen_informed_date",
           not_before=session_day, required=False)
    checker.add("reply_number", check_length(clean_text(reply_number), "Số văn bản trả lời", 100))
    checker.raise_if_any()
    petition.resolution, petition.resolved_date = text, resolved_date
    petition.reply_number, petition.reply_date = clean_text(reply_number), reply_date
    petition.citizen_informed_date = citizen_informed_date
    note = f"Đã trả lời công dân bằng văn bản số {petition.reply_number}" if petition.reply_number else \
        "Đã giải quyết"
    _change_status(session, petition, PetitionStatus.RESOLVED, note)
    return petition


def mark_answered_at_meeting(session: Session, petition_id: int, answer: str = "") -> m.Petition:
    petition = get(session, m.Petition, petition_id)
    check_petition_transition(PetitionStatus(petition.status), PetitionStatus.ANSWERED_AT_MEETING)
    text = clean_text(answer, multiline=True)
    if text:
        petition.resolution = text
    petition.resolved_date = petition.session.session_date
    _change_status(session, petition, PetitionStatus.ANSWERED_AT_MEETING, "Đã trả lời, làm rõ tại hội nghị")
    return petition


def transfer_upward(session: Session, petition_id: int, to_body: str, transferred_date: dt.date,
                    document_number: str = "", expected_version: int | None = None) -> m.Petition:
    """Đã chuyển cấp trên: proposed in writing to the competent superior body."""
    petition = get(session, m.Petition, petition_id)
    check_version(petition, expected_version)
    check_petition_transition(PetitionStatus(petition.status), PetitionStatus.TRANSFERRED)
    body = clean_text(to_body)
    checker = Checker()
    checker.require("to_body", body, "Cơ quan cấp trên nhận kiến nghị")
    checker.add("to_body", check_length(body, "Cơ quan cấp trên", MAX_SHORT))
    _dated(transferred_date, "Ngày chuyển", checker, "transferred_date", not_before=petition.session.session_date)
    checker.raise_if_any()
    petition.transferred_to = body
    petition.resolved_date = transferred_date
    if document_number:
        petition.reply_number = clean_text(document_number)
    _change_status(session, petition, PetitionStatus.TRANSFERRED,
                   f"Đề nghị {body} giải quyết" + (f" (văn bản số {petition.reply_number})" if document_number else ""))
    return petition


def mark_not_competent(session: Session, petition_id: int, explanation: str,
                       decided_date: dt.date | None = None, expected_version: int | None = None) -> m.Petition:
    petition = get(session, m.Petition, petition_id)
    check_version(petition, expected_version)
    check_petition_transition(PetitionStatus(petition.status), PetitionStatus.NOT_COMPETENT)
    text = clean_text(explanation, multiline=True)
    checker = Checker()
    checker.require("explanation", text, "Giải thích, hướng dẫn công dân")
    checker.add("explanation", check_length(text, "Giải thích", MAX_TEXT))
    decided = decided_date or clock.today()
    _dated(decided, "Ngày", checker, "decided_date", not_before=petition.session.session_date)
    checker.raise_if_any()
    petition.resolution, petition.resolved_date = text, decided
    _change_status(session, petition, PetitionStatus.NOT_COMPETENT, "Không thuộc thẩm quyền; đã hướng dẫn công dân")
    return petition


def reopen(session: Session, petition_id: int, reason: str, expected_version: int | None = None) -> m.Petition:
    petition = get(session, m.Petition, petition_id)
    check_version(petition, expected_version)
    check_petition_transition(PetitionStatus(petition.status), PetitionStatus.IN_PROGRESS)
    text = clean_text(reason, multiline=True)
    if not text:
        raise ValidationError({"reason": "Cần ghi lý do mở lại kiến nghị."})
    _change_status(session, petition, PetitionStatus.IN_PROGRESS, f"Mở lại: {text}")
    petition.resolved_date = None
    session.flush()
    return petition


def override_due(session: Session, petition_id: int, new_date: dt.date | None, reason: str,
                 expected_version: int | None = None) -> m.Petition:
    """The clerk's own due date (or back to the computed one with ``None``), with the reason kept."""
    petition = get(session, m.Petition, petition_id)
    check_version(petition, expected_version)
    text = clean_text(reason, multiline=True)
    if not text:
        raise ValidationError({"reason": "Cần ghi lý do điều chỉnh thời hạn."})
    if new_date is not None and new_date < petition.session.session_date:
        raise ValidationError({"new_date": "Thời hạn không được trước ngày tổ chức hội nghị."})
    session.add(m.DeadlineOverride(petition_id=petition.id, kind="answer", previous_date=petition.due_date,
                                   new_date=new_date, reason=text))
    petition.due_override = new_date
    petition.due_override_reason = text if new_date else ""
    refresh_due(petition, petition.session, domain_profile(petition.session.profile), load_calendar(session))
    session.flush()
    return petition


def link_earlier(session: Session, petition_id: int, earlier_id: int | None) -> m.Petition:
    """Mark the petition as the same matter as an earlier one ("raised N times")."""
    petition = get(session, m.Petition, petition_id)
    if earlier_id is None:
        petition.earlier_petition, petition.times_raised = None, 1
        _propagate_times_raised(session, petition)
        session.flush()
        return petition
    earlier = get(session, m.Petition, earlier_id)
    if earlier.id == petition.id:
        raise ValidationError({"earlier_petition_id": "Một kiến nghị không thể liên kết với chính nó."})
    node, seen = earlier, set()
    while node is not None:
        if node.id == petition.id or node.id in seen:
            raise ValidationError({"earlier_petition_id": "Liên kết này tạo thành vòng lặp giữa các kiến nghị."})
        seen.add(node.id)
        node = node.earlier_petition
    if earlier.session.session_date > petition.session.session_date:
        raise ValidationError({"earlier_petition_id": "Kiến nghị được liên kết phải nêu ở kỳ đối thoại trước."})
    # The relationship, not the id: later checks in the same unit of work walk the loaded objects.
    petition.earlier_petition = earlier
    petition.times_raised = earlier.times_raised + 1
    _propagate_times_raised(session, petition)
    session.flush()
    return petition


def _propagate_times_raised(session: Session, petition: m.Petition) -> None:
    """Renumber the later petitions of the chain (iteratively: chains can be long)."""
    session.flush()
    pending, seen = [petition], {petition.id}
    while pending:
        node = pending.pop()
        for row in session.scalars(select(m.Petition).where(m.Petition.earlier_petition_id == node.id)):
            if row.id in seen:
                continue
            seen.add(row.id)
            row.times_raised = node.times_raised + 1
            pending.append(row)


def chain(petition: m.Petition) -> list[m.Petition]:
    """The earlier petitions on the same matter, oldest first, ending with this one."""
    result, node, seen = [], petition, set()
    while node is not None and node.id not in seen:
        seen.add(node.id)
        result.append(node)
        node = node.earlier_petition
    return list(reversed(result))


# -- lists -------------------------------------------------------------------------------------------------

@dataclass
class PetitionFilter:
    year: int | None = None
    session_id: int | None = None
    field_id: int | None = None
    agency_id: int | None = None
    status: str | None = None
    overdue: bool = False
    due_soon: bool = False
    repeated: bool = False
    open_only: bool = False
    search: str = ""


def filter_clause(flt: PetitionFilter, today: dt.date, calendar: WorkCalendar, session: Session | None = None):
    """The WHERE conditions of a petition filter (shared by the list, its count and the window's model).

    With ``session`` on a database that has the search index (store.search_index), the words of three
    letters or more are looked up there; the result is the same as the plain LIKE conditions."""
    conditions = []
    if flt.year is not None:
        conditions.append(m.Petition.year == flt.year)
    if flt.session_id is not None:
        conditions.append(m.Petition.session_id == flt.session_id)
    if flt.field_id is not None:
        conditions.append(m.Petition.field_id == flt.field_id)
    if flt.agency_id is not None:
        conditions.append(or_(m.Petition.lead_agency_id == flt.agency_id,
                              m.Petition.id.in_(select(m.PetitionCoordinator.petition_id).where(
                                  m.PetitionCoordinator.agency_id == flt.agency_id))))
    if flt.status:
        conditions.append(m.Petition.status == PetitionStatus.parse(flt.status, "trạng thái").value)
    if flt.open_only or flt.overdue or flt.due_soon:
        conditions.append(m.Petition.status.in_(OPEN_STATUSES))
    if flt.overdue:
        conditions.append(m.Petition.due_date < today)
    if flt.due_soon:
        conditions.append(and_(m.Petition.due_date >= today,
                               m.Petition.due_date <= due_soon_limit(calendar, today)))
    if flt.repeated:
        conditions.append(m.Petition.times_raised > 1)
    words = fold(flt.search).split()
    query = search_index.match_query(words) if words and session is not None else None
    if query is not None and search_index.available(session):
        conditions.append(m.Petition.id.in_(
            sql_text(f"SELECT rowid FROM {search_index.TABLE} WHERE {search_index.TABLE} MATCH :search_query")
            .bindparams(search_query=query).columns(column("rowid"))))
        words = [word for word in words if len(word) < 3]  # trigrams cannot find these: LIKE
    for word in words:
        pattern = like_pattern(word)
        conditions.append(or_(m.Petition.citizen_fold.like(pattern, escape="\\"),
                              m.Petition.content_fold.like(pattern, escape="\\")))
    return and_(*conditions) if conditions else and_(True)


def list_petitions(session: Session, flt: PetitionFilter, *, today: dt.date | None = None,
                   limit: int | None = None, offset: int = 0) -> list[m.Petition]:
    today = today or clock.today()
    query = (select(m.Petition).where(filter_clause(flt, today, load_calendar(session), session))
             .order_by(m.Petition.id).offset(offset))
    if limit is not None:
        query = query.limit(limit)
    return list(session.scalars(query))


def count_petitions(session: Session, flt: PetitionFilter, *, today: dt.date | None = None) -> int:
    today = today or clock.today()
    return session.scalar(select(func.count(m.Petition.id)).where(
        filter_clause(flt, today, load_calendar(session), session)))


def is_overdue(petition: m.Petition, today: dt.date) -> bool:
    return petition.status in OPEN_STATUSES and petition.due_date is not None and petition.due_date < today


# -- the session's conclusion notice ---------------------------------------------------------------------

def issue_conclusion_notice(session: Session, session_id: int, notice_date: dt.date,
                            general_conclusion: str | None = None) -> m.DialogueSession:
    """Thông báo kết luận issued: answer deadlines anchored on it become final."""
    ds = get(session, m.DialogueSession, session_id)
    check_session_transition(SessionStatus(ds.status), SessionStatus.CONCLUDED)
    checker = Checker()
    _dated(notice_date, "Ngày thông báo kết luận", checker, "notice_date", not_before=ds.session_date)
    if general_conclusion is not None:
        text = clean_text(general_conclusion, multiline=True)
        checker.add("general_conclusion", check_length(text, "Kết luận chung", MAX_TEXT))
    checker.raise_if_any()
    if general_conclusion is not None:
        ds.general_conclusion = text
    ds.conclusion_notice_date = notice_date
    ds.status = SessionStatus.CONCLUDED.value
    session.flush()
    recompute_due_dates(session, [ds.id])
    refresh_session_completion(session, ds)
    return ds
