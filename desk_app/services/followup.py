"""Petitions (kiến nghị): the chair's conclusion, due dates, and the follow-up until the citizen has a
written answer — assign, extend, resolve, answered at the meeting, transfer upward, not in competence —
with the full status history; links to earlier petitions on the same matter; the filtered list.

The legal meaning of the record (domain.md §7):
- Due dates: ``computed_due_date`` comes from the session's profile and the calendar (see
  :mod:`desk_app.domain.deadlines`); the clerk may override it with a reason; a *valid* extension sets a
  new one. ``due_date`` is the one in force (the last valid extension, else the override, else computed).
- An extension is valid only when the citizen was told in writing on or before the due date it extends,
  and the new date is a later working day (001 Điều 9.3b; the profile may cap extensions). Anything else
  is refused; a late notice may be kept as history (``late_as_history``): it moves no due date.
- A petition is answered when the citizen has the written answer (001 Điều 9.3b, 002 §4.3): the date of
  the reply, or the date the citizen was informed of it when that is recorded. On time = that date ≤ the
  due date in force. An agency's result without a reply leaves the petition open ("đã có kết quả, chưa
  trả lời công dân"). The reply and the extension letters are entries of the register (sổ văn bản đi).
- Recomputing due dates (calendar, profile, conclusion notice, session date) changes only computed dates,
  keeps overrides and valid extensions, and writes every change of a due date in force to the history.
"""

from __future__ import annotations

import datetime as dt
from array import array
from dataclasses import dataclass, field

from sqlalchemy import String, and_, bindparam, column, func, insert, literal, not_, or_, select
from sqlalchemy import text as sql_text
from sqlalchemy.orm import Session, object_session, selectinload

from desk_app.domain import clock, issuers, official
from desk_app.domain.calendar import WorkCalendar
from desk_app.domain.deadlines import DueState, answer_due, due_soon_limit, due_state
from desk_app.domain.errors import TransitionError, ValidationError
from desk_app.domain.profiles import Profile
from desk_app.domain.states import (AgencyKind, Outcome, PetitionStatus, SessionStatus, check_petition_transition,
                                    check_session_transition)
from desk_app.domain.text import clean_text, fold, sort_key, title_name
from desk_app.domain.validation import MAX_SHORT, MAX_TEXT, Checker
from desk_app.store import audit, search_index
from desk_app.store import models as m
from desk_app.store.context import current_user
from desk_app.services import register
from desk_app.services.common import (check_optional_id, check_version, commune, domain_profile, get,
                                      like_pattern, load_calendar)

OPEN_STATUSES = (PetitionStatus.NEW.value, PetitionStatus.IN_PROGRESS.value)


# -- due dates and answers -------------------------------------------------------------------------------

DUE_COMPUTED, DUE_OVERRIDDEN, DUE_EXTENDED = "tính", "điều chỉnh", "gia hạn"


def last_valid_extension(petition: m.Petition) -> m.PetitionExtension | None:
    return next((e for e in reversed(petition.extensions) if e.valid), None)


def _effective_due(petition: m.Petition) -> dt.date | None:
    extension = last_valid_extension(petition)
    if extension is not None:
        return extension.new_due
    return petition.due_override or petition.computed_due_date


def due_as_of(petition: m.Petition, day: dt.date) -> dt.date | None:
    """The due date in force on ``day`` (a document shows the record as it stood on its date): the last valid
    extension the citizen had been told of by then, else the clerk's override made by then, else the computed
    date — an extension granted after a conclusion notice is not in that notice."""
    told = [e for e in petition.extensions if e.valid and e.citizen_notified_date is not None
            and e.citizen_notified_date <= day]
    if told:
        return told[-1].new_due
    session = object_session(petition)
    if petition.due_override is not None and session is not None:
        last = session.scalar(select(m.DeadlineOverride).where(
            m.DeadlineOverride.petition_id == petition.id, m.DeadlineOverride.kind == "answer",
            m.DeadlineOverride.created_at < dt.datetime.combine(day + dt.timedelta(days=1), dt.time()))
            .order_by(m.DeadlineOverride.id.desc()).limit(1))
        if last is not None:
            return last.new_date or petition.computed_due_date
        return petition.computed_due_date
    return petition.due_override or petition.computed_due_date


def due_source(petition: m.Petition) -> str:
    """Where the due date in force comes from: ``tính`` (profile + calendar), ``điều chỉnh`` (the clerk's
    override with its reason) or ``gia hạn`` (the last valid extension)."""
    if last_valid_extension(petition) is not None:
        return DUE_EXTENDED
    return DUE_OVERRIDDEN if petition.due_override is not None else DUE_COMPUTED


def answered_on(status: str, reply_date: dt.date | None, informed_date: dt.date | None) -> dt.date | None:
    """The date the citizen has the written answer (domain.md §7), for an answered petition: the date the
    citizen was informed when recorded, else the reply's date. None for any other petition."""
    if status != PetitionStatus.RESOLVED.value:
        return None
    return informed_date or reply_date


def answered_in_time(status: str, due: dt.date | None, reply_date: dt.date | None,
                     informed_date: dt.date | None) -> bool | None:
    """True/False for an answered petition (its written answer on or before the due date in force), None
    for any other."""
    answered = answered_on(status, reply_date, informed_date)
    if answered is None:
        return None
    return due is None or answered <= due


def on_time(petition: m.Petition) -> bool | None:
    return answered_in_time(petition.status, petition.due_date, petition.reply_date, petition.citizen_informed_date)


def has_result_unanswered(petition: m.Petition) -> bool:
    """An agency reported a result but the citizen has no written answer yet: the petition stays open."""
    return petition.status in OPEN_STATUSES and petition.resolved_date is not None


def refresh_due(petition: m.Petition, ds: m.DialogueSession, profile: Profile, calendar: WorkCalendar) -> None:
    computed, provisional = answer_due(profile, calendar, ds.session_date, ds.conclusion_notice_date,
                                       petition.complex_case)
    petition.computed_due_date = computed
    petition.due_provisional = provisional and petition.due_override is None and last_valid_extension(petition) is None
    petition.due_date = _effective_due(petition)


@dataclass(frozen=True)
class DueChange:
    """A due date a recomputation moves; ``flip`` says how an answered petition's figure changes."""

    petition_id: int
    session_id: int
    citizen: str
    status: str
    version: int
    computed: tuple[dt.date | None, dt.date | None]  # before, after
    due: tuple[dt.date | None, dt.date | None]
    provisional: tuple[bool, bool]
    flip: str | None  # "đúng hạn → quá hạn" / "quá hạn → đúng hạn" or None

    def describe(self) -> str:
        before, after = (f"{d:%d/%m/%Y}" if d else "(chưa có)" for d in self.due)
        text = f"Kiến nghị số {self.petition_id} ({self.citizen}): thời hạn {before} → {after}"
        return text + (f", {self.flip}" if self.flip else "")


_ON_TIME_LABEL = {True: "đúng hạn", False: "quá hạn"}


def plan_due_changes(session: Session, calendar: WorkCalendar | None = None,
                     session_ids: list[int] | None = None, profiles: dict[int, Profile] | None = None
                     ) -> list[DueChange]:
    """What recomputing the due dates with ``calendar`` (default: the calendar in force) would change,
    without changing anything. Overrides and valid extensions stay; only computed dates move."""
    calendar = calendar or load_calendar(session)
    session.flush()
    query = select(m.DialogueSession)
    if session_ids is not None:
        query = query.where(m.DialogueSession.id.in_(session_ids))
    sessions_by_id = {ds.id: ds for ds in session.scalars(query)}
    if not sessions_by_id:
        return []
    extension = (select(m.PetitionExtension.new_due).where(m.PetitionExtension.petition_id == m.Petition.id,
                                                           m.PetitionExtension.valid.is_(True))
                 .order_by(m.PetitionExtension.id.desc()).limit(1).scalar_subquery())
    rows = session.execute(
        select(m.Petition.id, m.Petition.session_id, m.Petition.citizen_name, m.Petition.status, m.Petition.version,
               m.Petition.complex_case, m.Petition.computed_due_date, m.Petition.due_override, m.Petition.due_date,
               m.Petition.due_provisional, m.Petition.reply_date, m.Petition.citizen_informed_date, extension)
        .where(m.Petition.session_id.in_(list(sessions_by_id))).order_by(m.Petition.id))
    due_by: dict[tuple[int, bool], tuple[dt.date, bool]] = {}
    changes = []
    for (pid, sid, citizen, status, version, complex_case, computed, override, due, provisional, reply, informed,
         extended) in rows:
        key = (sid, bool(complex_case))
        if key not in due_by:
            ds = sessions_by_id[sid]
            profile = (profiles or {}).get(sid) or domain_profile(ds.profile)
            due_by[key] = answer_due(profile, calendar, ds.session_date, ds.conclusion_notice_date, bool(complex_case))
        new_computed, new_provisional = due_by[key]
        new_provisional = new_provisional and override is None and extended is None
        new_due = extended or override or new_computed
        if (new_computed, new_due, new_provisional) == (computed, due, bool(provisional)):
            continue
        before = answered_in_time(status, due, reply, informed)
        after = answered_in_time(status, new_due, reply, informed)
        flip = f"{_ON_TIME_LABEL[before]} → {_ON_TIME_LABEL[after]}" if before is not None and before != after else None
        changes.append(DueChange(pid, sid, citizen, status, version, (computed, new_computed), (due, new_due),
                                 (bool(provisional), new_provisional), flip))
    return changes


def apply_due_changes(session: Session, changes: list[DueChange], why: str) -> int:
    """Write the planned changes: the dates, a version step (a clerk's copy loaded before is stale), and one
    history row for every due date in force that moves. Set-based: a calendar change may touch every
    petition of twenty years."""
    if not changes:
        return 0
    session.flush()
    table = m.Petition.__table__
    stamp, user = m.now(), current_user()
    session.execute(
        table.update().where(table.c.id == bindparam("pid")).values(
            computed_due_date=bindparam("computed"), due_date=bindparam("due"),
            due_provisional=bindparam("provisional"), version=bindparam("new_version"), updated_at=stamp,
            updated_by=user),
        [{"pid": c.petition_id, "computed": c.computed[1], "due": c.due[1], "provisional": c.provisional[1],
          "new_version": c.version + 1} for c in changes])
    history = []
    for c in changes:
        if c.due[0] == c.due[1]:
            continue
        before, after = (f"{d:%d/%m/%Y}" if d else "(chưa có)" for d in c.due)
        note = f"Thời hạn giải quyết {before} → {after} ({why})"
        if c.flip:
            note += f"; kết quả trả lời: {c.flip}"
        history.append(dict(petition_id=c.petition_id, from_status=c.status, to_status=c.status, changed_at=stamp,
                            changed_by=user, note=note, created_at=stamp, updated_at=stamp, updated_by=user,
                            version=1))
    if history:
        session.execute(insert(m.PetitionStatusChange), history)
    audit.record(session, "update", "petition", None,
                 {"recomputed_due_dates": len(changes), "moved": len(history), "why": why})
    session.expire_all()  # rows loaded before now hold the old dates and versions
    return len(changes)


def recompute_due_dates(session: Session, session_ids: list[int] | None = None, *,
                        why: str = "tính lại theo lịch làm việc và bộ quy định") -> int:
    """Recompute every petition's due date (after a calendar, date or profile change). Returns the count."""
    return apply_due_changes(session, plan_due_changes(session, session_ids=session_ids), why)


def _refresh_due_noting(session: Session, petition: m.Petition, why: str) -> None:
    """Recompute one petition's due date and write the change, if any, to its history."""
    before = petition.due_date
    refresh_due(petition, petition.session, domain_profile(petition.session.profile), load_calendar(session))
    if petition.due_date != before and petition.id is not None:
        old, new = (f"{d:%d/%m/%Y}" if d else "(chưa có)" for d in (before, petition.due_date))
        petition.history.append(m.PetitionStatusChange(from_status=petition.status, to_status=petition.status,
                                                       note=f"Thời hạn giải quyết {old} → {new} ({why})"))


def answering_body(petition: m.Petition) -> tuple[str, str]:
    """(body, format) of the letters to the citizen about this petition (reply, extension): the body whose
    agency resolves it (documents.md §7)."""
    ds = petition.session
    return issuers.issuer("reply", host=ds.host, joint_bodies=_joint(ds), fmt=ds.document_format,
                          agency_kind=petition.lead_agency.kind if petition.lead_agency else None)


def _joint(ds: m.DialogueSession) -> tuple[str, ...]:
    return tuple(b for b in ds.joint_bodies.split(",") if b)


def session_issuing_body(ds: m.DialogueSession, fmt: str | None = None) -> tuple[str, str]:
    """(body, format) that issues the session's documents (its own format unless ``fmt`` asks for another)."""
    return issuers.session_body(ds.host, _joint(ds), fmt or ds.document_format)


def _letter_entry(session: Session, petition: m.Petition, kind: str, day: dt.date, number: int | None,
                  note: str) -> m.IssuedDocument:
    body, fmt = answering_body(petition)
    unit = commune(session)
    symbol = official.symbol(kind, body, fmt, unit.office_unit if unit else "VP")
    from desk_app.services import catalog  # catalog imports nothing of follow-up; kept local for clarity

    head = catalog.heads(session, on=day).get(body)
    entry = register.Entry(kind, symbol, day.year, None, petition.id)
    if number is None:
        # the letter may have been exported (and numbered) before its sending was recorded: the same entry
        exported = register.previous(session, entry)
        if exported is not None and exported.issued_date == day and not _entry_in_use(session, exported):
            return exported
    return register.issue(session, entry, number=number, issued_date=day, signer=head.name if head else "",
                          note=note)


def issue_session_document(session: Session, ds: m.DialogueSession, kind: str, day: dt.date, *,
                           number: int | None = None, fmt: str | None = None, note: str = "") -> m.IssuedDocument:
    """Enter a session's document (plan, notice, invitation, minutes, conclusion notice, upward proposal) into the
    register as issued on ``day`` by the session's issuing body, signed by its head: the clerk's number, else the
    next one. The same document already entered keeps its entry."""
    body, body_fmt = session_issuing_body(ds, fmt)
    unit = commune(session)
    symbol = official.symbol(kind, body, body_fmt, unit.office_unit if unit else "VP")
    existing = register.issued(session, kind, symbol, session_id=ds.id)
    if existing is not None and number in (None, existing.number):
        return existing
    from desk_app.services import catalog

    head = catalog.heads(session, on=day).get(body)
    entry = register.Entry(kind, symbol, day.year, ds.id, None)
    return register.issue(session, entry, number=number, issued_date=day, signer=head.name if head else "",
                          note=note)


def _entry_in_use(session: Session, row: m.IssuedDocument) -> bool:
    return bool(session.scalar(select(func.count()).select_from(m.Petition).where(
        m.Petition.reply_document_id == row.id)) or session.scalar(select(func.count()).select_from(
            m.PetitionExtension).where(m.PetitionExtension.letter_document_id == row.id)))


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
    checker.length("citizen_name", values["citizen_name"], "Người kiến nghị", MAX_SHORT)
    checker.require("content", values["content"], "Nội dung kiến nghị")
    checker.length("content", values["content"], "Nội dung kiến nghị", MAX_TEXT)
    checker.length("address", values["address"], "Địa chỉ", MAX_SHORT)
    checker.length("conclusion", values["conclusion"], "Ý kiến kết luận", MAX_TEXT)
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
        _refresh_due_noting(session, petition, "vụ việc phức tạp" if data.complex_case else "không còn là vụ việc phức tạp")
    session.flush()
    return petition


def _set_agencies(session: Session, petition: m.Petition, lead_agency_id: int | None,
                  coordinator_ids: list[int]) -> None:
    petition.lead_agency = get(session, m.Agency, lead_agency_id) if lead_agency_id else None
    wanted = [a for a in dict.fromkeys(coordinator_ids) if a != lead_agency_id]
    current = {c.agency_id: c for c in petition.coordinators}
    petition.coordinators = [current.get(a) or m.PetitionCoordinator(agency_id=a) for a in wanted]


def set_conclusion(session: Session, petition_id: int, conclusion: str, lead_agency_id: int | None,
                   coordinator_ids: list[int] | None = None, complex_case: bool | None = None, *,
                   expected_version: int | None = None) -> m.Petition:
    """The chair's conclusion on one petition: what is to be done and by whom."""
    petition = get(session, m.Petition, petition_id)
    check_version(petition, expected_version)
    text = clean_text(conclusion, multiline=True)
    checker = Checker()
    checker.length("conclusion", text, "Ý kiến kết luận", MAX_TEXT)
    check_optional_id(checker, session, m.Agency, lead_agency_id, "lead_agency_id")
    for agency_id in coordinator_ids or []:
        check_optional_id(checker, session, m.Agency, agency_id, "coordinator_ids")
    checker.raise_if_any()
    petition.conclusion = text
    _set_agencies(session, petition, lead_agency_id, coordinator_ids or [])
    if complex_case is not None and complex_case != petition.complex_case:
        petition.complex_case = complex_case
        _refresh_due_noting(session, petition, "vụ việc phức tạp" if complex_case else "không còn là vụ việc phức tạp")
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
           note: str = "", *, expected_version: int | None = None) -> m.Petition:
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
           citizen_notified_date: dt.date | None = None, letter_number: int | None = None, *,
           late_as_history: bool = False, expected_version: int | None = None) -> m.PetitionExtension:
    """Gia hạn (001 Điều 9.3b): more time, told to the citizen in writing with the new deadline.

    Valid only when the written notice is dated on or before the due date it extends and the new date is a
    later working day, within the profile's caps. A notice dated after the due date is refused — unless
    ``late_as_history``: then it is kept in the history and the petition stays late. The letter enters the
    register (``letter_number``: the number the office gave, else the next one)."""
    petition = get(session, m.Petition, petition_id)
    check_version(petition, expected_version)
    reason = clean_text(reason, multiline=True)
    calendar = load_calendar(session)
    profile = domain_profile(petition.session.profile)
    current = petition.due_date
    checker = Checker()
    if PetitionStatus(petition.status).closed:
        checker.add("status", "Kiến nghị đã kết thúc xử lý, không gia hạn được.")
    checker.require("reason", reason, "Lý do gia hạn")
    checker.length("reason", reason, "Lý do gia hạn", MAX_TEXT)
    if citizen_notified_date is None:
        checker.add("citizen_notified_date", "Cần nhập ngày thông báo bằng văn bản cho công dân: gia hạn chỉ có hiệu "
                                             "lực khi công dân được thông báo bằng văn bản, nêu rõ thời hạn mới.")
    else:
        _dated(citizen_notified_date, "Ngày thông báo cho công dân", checker, "citizen_notified_date",
               not_before=petition.session.session_date)
    late = citizen_notified_date is not None and current is not None and citizen_notified_date > current
    if late and not late_as_history:
        checker.add("citizen_notified_date",
                    f"Văn bản thông báo gia hạn ngày {citizen_notified_date:%d/%m/%Y} sau thời hạn giải quyết "
                    f"{current:%d/%m/%Y}: gia hạn phải được thông báo cho công dân trước khi hết hạn, nên không làm "
                    "thay đổi thời hạn; kiến nghị vẫn quá hạn. Có thể ghi nhận văn bản này vào lịch sử kiến nghị.")
    problem = _new_due_problem(calendar, profile, current, new_due, citizen_notified_date, late)
    if problem:
        checker.add("new_due", problem)
    if not late and profile.max_extensions is not None and \
            sum(1 for e in petition.extensions if e.valid) >= profile.max_extensions:
        checker.add("new_due", f"Kiến nghị đã được gia hạn {profile.max_extensions} lần, mức tối đa của "
                               f"{profile.name}.")
    checker.raise_if_any()
    letter = _letter_entry(session, petition, "extension", citizen_notified_date, letter_number,
                           "Thông báo gia hạn" + (" (gửi sau thời hạn)" if late else ""))
    extension = m.PetitionExtension(previous_due=current, new_due=new_due, reason=reason,
                                    citizen_notified_date=citizen_notified_date, valid=not late,
                                    letter_document=letter)
    petition.extensions.append(extension)
    if late:
        note = (f"Ghi nhận văn bản {register.reference(letter)} thông báo gia hạn đến {new_due:%d/%m/%Y}, gửi công dân "
                f"ngày {citizen_notified_date:%d/%m/%Y}, sau thời hạn {current:%d/%m/%Y}: không làm thay đổi thời "
                f"hạn, kiến nghị vẫn quá hạn ({reason})")
    else:
        petition.due_date = new_due
        petition.due_provisional = False
        note = (f"Gia hạn đến {new_due:%d/%m/%Y} (văn bản {register.reference(letter)} ngày "
                f"{citizen_notified_date:%d/%m/%Y}): {reason}")
    _note_progress(session, petition, note)
    return extension


def _new_due_problem(calendar: WorkCalendar, profile: Profile, current: dt.date | None, new_due: dt.date | None,
                     notified: dt.date | None, late: bool) -> str:
    """Why the new due date of an extension is refused ("" when it is not): a later working day than the due
    date it extends and than the day the citizen is told (a letter cannot give a deadline already past on its own
    date), within the profile's cap."""
    if new_due is None:
        return "Cần nhập thời hạn mới."
    if current is not None and new_due <= current:
        return f"Thời hạn mới phải sau thời hạn hiện tại ({current:%d/%m/%Y})."
    if notified is not None and new_due <= notified:
        return (f"Thời hạn mới phải sau ngày thông báo cho công dân ({notified:%d/%m/%Y}): văn bản gia hạn không thể "
                "báo một thời hạn đã qua.")
    if not calendar.is_working_day(new_due):
        return (f"Thời hạn mới {new_due:%d/%m/%Y} là ngày nghỉ ({calendar.why_off(new_due)}); hãy chọn một ngày "
                "làm việc.")
    if not late and current is not None and profile.max_extension_days is not None and \
            calendar.working_days_between(current, new_due) > profile.max_extension_days:
        return f"Mỗi lần gia hạn không quá {profile.max_extension_days} ngày làm việc ({profile.name})."
    return ""


@dataclass(frozen=True)
class NewDueCheck:
    """What the extension dialog says beside the new due date as it is typed: ``refusal`` (what :func:`extend`
    would refuse) or ``warning`` (a date already past: right only when recording an extension the citizen was told
    of back then)."""

    refusal: str = ""
    warning: str = ""


def check_new_due(session: Session, petition_id: int, new_due: dt.date, notified: dt.date | None,
                  today: dt.date | None = None) -> NewDueCheck:
    petition = get(session, m.Petition, petition_id)
    today = today or clock.today()
    current = petition.due_date
    late = notified is not None and current is not None and notified > current
    problem = _new_due_problem(load_calendar(session), domain_profile(petition.session.profile), current, new_due,
                               notified, late)
    if problem:
        return NewDueCheck(refusal=problem)
    if new_due < today:
        return NewDueCheck(warning=f"Thời hạn mới {new_due:%d/%m/%Y} đã qua (hôm nay {today:%d/%m/%Y}): chỉ đúng khi "
                                   "ghi lại một lần gia hạn đã thông báo cho công dân trước đây.")
    return NewDueCheck()


def extension_suggestion(session: Session, petition_id: int, today: dt.date | None = None) -> dt.date:
    """The new due date an extension dialog proposes: a working day after the current due date and after today
    — ten working days after the later of the two, or the profile's cap when it allows fewer."""
    petition = get(session, m.Petition, petition_id)
    today = today or clock.today()
    calendar = load_calendar(session)
    days = domain_profile(petition.session.profile).max_extension_days or 10
    anchor = max(petition.due_date or today, today)
    return calendar.add_working_days(anchor, max(1, min(10, days)))


def _note_progress(session: Session, petition: m.Petition, note: str) -> None:
    """A step of the follow-up that keeps the petition open: a new one is now in progress; either way the step
    is in the history."""
    if PetitionStatus(petition.status) is PetitionStatus.NEW:
        _change_status(session, petition, PetitionStatus.IN_PROGRESS, note)
    else:
        petition.history.append(m.PetitionStatusChange(from_status=petition.status, to_status=petition.status,
                                                       note=note))
        session.flush()


def _check_result(petition: m.Petition, text: str, result_date: dt.date | None, checker: Checker) -> None:
    if PetitionStatus(petition.status).closed:
        checker.add("status", f"Kiến nghị đang ở trạng thái “{PetitionStatus(petition.status).label}”.")
    checker.require("resolution", text, "Kết quả giải quyết")
    checker.length("resolution", text, "Kết quả giải quyết", MAX_TEXT)
    _dated(result_date, "Ngày có kết quả giải quyết", checker, "resolved_date",
           not_before=petition.session.session_date)


def _check_reply(petition: m.Petition, answer: str, reply_date: dt.date | None, informed_date: dt.date | None,
                 number: int | None, checker: Checker) -> None:
    if not answer and not petition.resolution.strip():
        checker.add("resolution", "Cần ghi nội dung trả lời (kết quả giải quyết) cho công dân.")
    checker.length("resolution", answer, "Nội dung trả lời", MAX_TEXT)
    session_day = petition.session.session_date
    _dated(reply_date, "Ngày văn bản trả lời", checker, "reply_date", not_before=session_day)
    if informed_date is not None and reply_date is not None and informed_date < reply_date:
        checker.add("citizen_informed_date", "Ngày công dân nhận trả lời không được trước ngày văn bản trả lời.")
    _dated(informed_date, "Ngày công dân nhận trả lời", checker, "citizen_informed_date", not_before=session_day,
           required=False)
    if number is not None and (isinstance(number, bool) or not isinstance(number, int) or not 1 <= number <= 99999):
        checker.add("number", "Số văn bản phải từ 1 đến 99999.")


def record_result(session: Session, petition_id: int, resolution: str, result_date: dt.date, *,
                  expected_version: int | None = None) -> m.Petition:
    """The agency reports its result. Without a written answer to the citizen the petition stays open
    ("đã có kết quả, chưa trả lời công dân"), and its deadline keeps running."""
    petition = get(session, m.Petition, petition_id)
    check_version(petition, expected_version)
    text = clean_text(resolution, multiline=True)
    checker = Checker()
    _check_result(petition, text, result_date, checker)
    checker.raise_if_any()
    petition.resolution, petition.resolved_date = text, result_date
    note = f"Cơ quan đã có kết quả giải quyết ngày {result_date:%d/%m/%Y}; chưa trả lời công dân bằng văn bản"
    _note_progress(session, petition, note)
    return petition


def reply(session: Session, petition_id: int, reply_date: dt.date, text: str = "", *, number: int | None = None,
          informed_date: dt.date | None = None, expected_version: int | None = None) -> m.Petition:
    """The written answer to the citizen: the petition is answered on ``informed_date`` when recorded, else on
    ``reply_date``; the reply enters the register (``number``: the office's, else the next one)."""
    petition = get(session, m.Petition, petition_id)
    check_version(petition, expected_version)
    check_petition_transition(PetitionStatus(petition.status), PetitionStatus.RESOLVED)
    answer = clean_text(text, multiline=True)
    checker = Checker()
    _check_reply(petition, answer, reply_date, informed_date, number, checker)
    checker.raise_if_any()
    if answer:
        petition.resolution = answer
    _record_reply(session, petition, reply_date, number, informed_date)
    return petition


def _record_reply(session: Session, petition: m.Petition, reply_date: dt.date, number: int | None,
                  informed_date: dt.date | None) -> None:
    document = _letter_entry(session, petition, "reply", reply_date, number, "Trả lời kiến nghị của công dân")
    if petition.resolved_date is None:
        petition.resolved_date = reply_date
    petition.reply_date, petition.citizen_informed_date = reply_date, informed_date
    petition.reply_document = document
    answered = informed_date or reply_date
    timing = "đúng hạn" if petition.due_date is None or answered <= petition.due_date else "quá hạn"
    _change_status(session, petition, PetitionStatus.RESOLVED,
                   f"Đã trả lời công dân bằng văn bản số {register.reference(document)} ngày {reply_date:%d/%m/%Y}"
                   + (f" (công dân nhận ngày {informed_date:%d/%m/%Y})" if informed_date else "") + f": {timing}")


def resolve(session: Session, petition_id: int, resolution: str, resolved_date: dt.date,
            reply_number: int | None = None, reply_date: dt.date | None = None,
            citizen_informed_date: dt.date | None = None, *, expected_version: int | None = None) -> m.Petition:
    """The agency's result (``resolved_date``), and the written answer when it has been sent (``reply_date``):
    without it the petition stays open, as :func:`record_result`; with it the petition is answered."""
    if reply_date is None:
        if reply_number is not None or citizen_informed_date is not None:
            raise ValidationError({"reply_date": "Cần nhập ngày văn bản trả lời công dân."})
        return record_result(session, petition_id, resolution, resolved_date, expected_version=expected_version)
    petition = get(session, m.Petition, petition_id)
    check_version(petition, expected_version)
    check_petition_transition(PetitionStatus(petition.status), PetitionStatus.RESOLVED)
    text = clean_text(resolution, multiline=True)
    checker = Checker()
    _check_result(petition, text, resolved_date, checker)
    _check_reply(petition, text, reply_date, citizen_informed_date, reply_number, checker)
    checker.raise_if_any()
    petition.resolution, petition.resolved_date = text, resolved_date
    _record_reply(session, petition, reply_date, reply_number, citizen_informed_date)
    return petition


def mark_answered_at_meeting(session: Session, petition_id: int, answer: str = "", *,
                             expected_version: int | None = None) -> m.Petition:
    petition = get(session, m.Petition, petition_id)
    check_version(petition, expected_version)
    check_petition_transition(PetitionStatus(petition.status), PetitionStatus.ANSWERED_AT_MEETING)
    text = clean_text(answer, multiline=True)
    if text:
        petition.resolution = text
    petition.resolved_date = petition.session.session_date
    _change_status(session, petition, PetitionStatus.ANSWERED_AT_MEETING, "Đã trả lời, làm rõ tại hội nghị")
    return petition


def transfer_upward(session: Session, petition_id: int, to_body: str, transferred_date: dt.date,
                    document_number: int | None = None, *, expected_version: int | None = None) -> m.Petition:
    """Đã chuyển cấp trên: proposed in writing to the competent superior body. ``document_number`` is the
    register number of the session's upward proposal that carried it, when known."""
    petition = get(session, m.Petition, petition_id)
    check_version(petition, expected_version)
    check_petition_transition(PetitionStatus(petition.status), PetitionStatus.TRANSFERRED)
    body = clean_text(to_body)
    checker = Checker()
    checker.require("to_body", body, "Cơ quan cấp trên nhận kiến nghị")
    checker.length("to_body", body, "Cơ quan cấp trên", MAX_SHORT)
    _dated(transferred_date, "Ngày chuyển", checker, "transferred_date", not_before=petition.session.session_date)
    checker.raise_if_any()
    document = None
    if document_number is not None:
        document = issue_session_document(session, petition.session, "upward-proposal", transferred_date,
                                          number=document_number, note="Đề nghị cấp trên giải quyết")
    petition.transferred_to = body
    petition.resolved_date = transferred_date
    petition.transfer_document = document
    _change_status(session, petition, PetitionStatus.TRANSFERRED,
                   f"Đề nghị {body} giải quyết" + (f" (văn bản số {register.reference(document)})" if document else ""))
    return petition


def mark_not_competent(session: Session, petition_id: int, explanation: str,
                       decided_date: dt.date | None = None, *, expected_version: int | None = None) -> m.Petition:
    petition = get(session, m.Petition, petition_id)
    check_version(petition, expected_version)
    check_petition_transition(PetitionStatus(petition.status), PetitionStatus.NOT_COMPETENT)
    text = clean_text(explanation, multiline=True)
    checker = Checker()
    checker.require("explanation", text, "Giải thích, hướng dẫn công dân")
    checker.length("explanation", text, "Giải thích", MAX_TEXT)
    decided = decided_date or clock.today()
    _dated(decided, "Ngày", checker, "decided_date", not_before=petition.session.session_date)
    checker.raise_if_any()
    petition.resolution, petition.resolved_date = text, decided
    _change_status(session, petition, PetitionStatus.NOT_COMPETENT, "Không thuộc thẩm quyền; đã hướng dẫn công dân")
    return petition


def reopen(session: Session, petition_id: int, reason: str, *, expected_version: int | None = None) -> m.Petition:
    petition = get(session, m.Petition, petition_id)
    check_version(petition, expected_version)
    check_petition_transition(PetitionStatus(petition.status), PetitionStatus.IN_PROGRESS)
    text = clean_text(reason, multiline=True)
    if not text:
        raise ValidationError({"reason": "Cần ghi lý do mở lại kiến nghị."})
    _change_status(session, petition, PetitionStatus.IN_PROGRESS, f"Mở lại: {text}")
    # the earlier answer stays in the register and the history; the petition waits for a new one
    petition.resolved_date = None
    petition.reply_date = petition.citizen_informed_date = None
    petition.reply_document = None
    session.flush()
    return petition


def override_due(session: Session, petition_id: int, new_date: dt.date | None, reason: str, *,
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
    _refresh_due_noting(session, petition, f"điều chỉnh: {text}" if new_date else f"trở lại thời hạn tính theo quy định: {text}")
    session.flush()
    return petition


def day_off_warning(session: Session, day: dt.date) -> str:
    """A due date set by hand on a day off is allowed (the clerk may know better) but said, naming the day."""
    why = load_calendar(session).why_off(day)
    return f"Ngày {day:%d/%m/%Y} là ngày nghỉ ({why}): hạn trả lời thường là một ngày làm việc." if why else ""


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


# -- one petition as the record holds it -------------------------------------------------------------------

@dataclass(frozen=True)
class ExtensionLine:
    previous_due: dt.date | None
    new_due: dt.date
    reason: str
    notified: dt.date | None
    letter: str  # the register's reference of the letter ("125/TB-UBND"), "" when none
    valid: bool


@dataclass(frozen=True)
class HistoryLine:
    at: dt.datetime
    moved: str  # "Mới → Đang giải quyết", or the one status when it did not change
    by: str
    note: str


@dataclass(frozen=True)
class EarlierPetition:
    id: int
    session_date: dt.date
    status: str  # Vietnamese label


@dataclass(frozen=True)
class PetitionDetail:
    """One petition as the record holds it, in plain values: the command line's ``petition show``, the
    follow-up page's detail pane and its action dialogs, the conclusion page's form."""

    id: int
    session_id: int
    citizen: str
    field: str
    status: str  # Vietnamese label
    due: dt.date | None  # in force
    due_source: str  # tính / điều chỉnh / gia hạn
    answered: dt.date | None  # the written answer's date
    on_time: bool | None
    result_unanswered: bool
    reply_reference: str
    history: tuple[tuple[dt.datetime, str], ...]
    # what the window shows besides
    status_code: str = ""
    version: int = 0
    address: str = ""
    content: str = ""
    conclusion: str = ""
    session_title: str = ""
    session_date: dt.date | None = None
    profile_name: str = ""
    lead_agency_id: int | None = None
    lead_agency: str = ""
    coordinator_ids: tuple[int, ...] = ()
    coordinators: tuple[str, ...] = ()
    complex_case: bool = False
    computed_due: dt.date | None = None
    due_override: dt.date | None = None
    due_override_reason: str = ""
    due_provisional: bool = False  # waiting for the conclusion notice
    due_in_unannounced_year: bool = False  # the year's days off are not announced yet ("dự kiến")
    due_state: DueState = DueState.CLOSED
    times_raised: int = 1
    earlier: tuple[EarlierPetition, ...] = ()
    resolution: str = ""
    resolved_date: dt.date | None = None
    reply_date: dt.date | None = None
    informed_date: dt.date | None = None
    transferred_to: str = ""
    transfer_reference: str = ""
    extensions: tuple[ExtensionLine, ...] = ()
    events: tuple[HistoryLine, ...] = ()

    @property
    def closed(self) -> bool:
        return PetitionStatus(self.status_code).closed if self.status_code else False

    @property
    def overdue(self) -> bool:
        return self.due_state is DueState.OVERDUE


def _address(p: m.Petition) -> str:
    hamlet = p.hamlet.name if p.hamlet else ""
    if hamlet and hamlet not in p.address:
        return ", ".join(x for x in (hamlet, p.address) if x)
    return p.address or hamlet


def petition_detail(session: Session, petition_id: int, today: dt.date | None = None,
                    calendar: WorkCalendar | None = None) -> PetitionDetail:
    p = get(session, m.Petition, petition_id)
    calendar = calendar or load_calendar(session)
    status = PetitionStatus(p.status)
    history, events = [], []
    for change in p.history:
        what = change.note or PetitionStatus(change.to_status).label
        if change.from_status != change.to_status:
            what = f"{PetitionStatus(change.to_status).label}: {what}" if change.note else what
        history.append((change.changed_at, what))
        before = PetitionStatus(change.from_status).label if change.from_status else ""
        after = PetitionStatus(change.to_status).label
        events.append(HistoryLine(change.changed_at, after if not before or before == after else f"{before} → {after}",
                                  change.changed_by, change.note))
    ds = p.session
    return PetitionDetail(
        id=p.id, session_id=p.session_id, citizen=p.citizen_name, field=p.field.name if p.field else "",
        status=status.label, due=p.due_date, due_source=due_source(p),
        answered=answered_on(p.status, p.reply_date, p.citizen_informed_date), on_time=on_time(p),
        result_unanswered=has_result_unanswered(p), reply_reference=register.reference(p.reply_document),
        history=tuple(history),
        status_code=p.status, version=p.version, address=_address(p), content=p.content, conclusion=p.conclusion,
        session_title=ds.title, session_date=ds.session_date, profile_name=ds.profile.name,
        lead_agency_id=p.lead_agency_id, lead_agency=p.lead_agency.name if p.lead_agency else "",
        coordinator_ids=tuple(c.agency_id for c in p.coordinators),
        coordinators=tuple(c.agency.name for c in p.coordinators), complex_case=p.complex_case,
        computed_due=p.computed_due_date, due_override=p.due_override, due_override_reason=p.due_override_reason,
        due_provisional=p.due_provisional,
        due_in_unannounced_year=p.due_date is not None and calendar.is_provisional(p.due_date),
        due_state=due_state(calendar, p.due_date, today or clock.today(), status.closed),
        times_raised=p.times_raised,
        earlier=tuple(EarlierPetition(e.id, e.session.session_date, PetitionStatus(e.status).label)
                      for e in chain(p)[:-1]),
        resolution=p.resolution, resolved_date=p.resolved_date, reply_date=p.reply_date,
        informed_date=p.citizen_informed_date, transferred_to=p.transferred_to,
        transfer_reference=register.reference(p.transfer_document),
        extensions=tuple(ExtensionLine(x.previous_due, x.new_due, x.reason, x.citizen_notified_date,
                                       register.reference(x.letter_document), x.valid) for x in p.extensions),
        events=tuple(events))


def petition_due(session: Session, petition_id: int) -> dt.date | None:
    return get(session, m.Petition, petition_id).due_date


def petition_record(session: Session, petition_id: int, today: dt.date) -> list[tuple[str, str]]:
    """``desk-app petition show``: (key, value) lines of cli.md, then one ``history`` line per event."""
    d = petition_detail(session, petition_id)
    lines = [("id", str(d.id)), ("session", str(d.session_id)), ("citizen", d.citizen), ("field", d.field),
             ("status", d.status + (" (đã có kết quả, chưa trả lời công dân)" if d.result_unanswered else "")),
             ("due", d.due.isoformat() if d.due else ""), ("due_source", d.due_source),
             ("answered", d.answered.isoformat() if d.answered else ""),
             ("on_time", "" if d.on_time is None else ("có" if d.on_time else "không"))]
    lines += [("history", f"{when.date().isoformat()}\t{' '.join(what.split())}") for when, what in d.history]
    return lines


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


def filter_clause(flt: PetitionFilter, today: dt.date, calendar: WorkCalendar, session: Session | None = None, *,
                  indexed: bool = True):
    """The WHERE conditions of a petition filter (shared by the list, its count, the command line and the
    window's model).

    The search: every word must appear (accent- and case-insensitively, as a part of a word) in the citizen's
    name, the content, or the name of the petition's field, hamlet or lead agency (catalogue names are few:
    they are matched here, in Python, and become conditions on the ids). On a database with the search index
    (store.search_index) and ``indexed``, the words of three letters or more that name nothing of the
    catalogue are looked up there; the answers are the same as the plain LIKE conditions."""
    conditions = _filter_conditions(flt, today, calendar)
    words = search_words(flt.search)
    if words:
        if session is None:
            raise ValueError("a search needs the session (the catalogue's names are searched too)")
        conditions += _search_conditions(session, words, indexed)
    return and_(*conditions) if conditions else and_(True)


def _filter_conditions(flt: PetitionFilter, today: dt.date, calendar: WorkCalendar) -> list:
    """Every condition of the filter but its search."""
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
    return conditions


def search_words(text: str) -> list[str]:
    """The words of a search as they are compared: folded (no accents, lower case)."""
    return fold(text).split()


@dataclass(frozen=True)
class _Catalogue:
    """The folded names a search word may name: (id, folded name) of fields, hamlets and agencies (an agency
    by its name or its short name)."""

    fields: list[tuple[int, str]]
    hamlets: list[tuple[int, str]]
    agencies: list[tuple[int, str]]

    @classmethod
    def read(cls, session: Session) -> _Catalogue:
        agencies = []
        for row_id, name, short in session.execute(select(m.Agency.id, m.Agency.name, m.Agency.short_name)):
            agencies += [(row_id, fold(name))] + ([(row_id, fold(short))] if short else [])
        return cls([(row_id, fold(name)) for row_id, name in session.execute(select(m.Field.id, m.Field.name))],
                   [(row_id, fold(name)) for row_id, name in session.execute(select(m.Hamlet.id, m.Hamlet.name))],
                   agencies)

    def naming(self, word: str) -> list:
        """Conditions on a petition's field, hamlet and lead agency whose name holds ``word``."""
        found = []
        for column_, names in ((m.Petition.field_id, self.fields), (m.Petition.hamlet_id, self.hamlets),
                               (m.Petition.lead_agency_id, self.agencies)):
            ids = sorted({row_id for row_id, name in names if word in name})
            if ids:
                found.append(column_.in_(ids))
        return found


def _search_conditions(session: Session, words: list[str], indexed: bool) -> list:
    catalogue = _Catalogue.read(session)
    naming = {word: catalogue.naming(word) for word in words}
    use_index = indexed and search_index.available(session)
    conditions = []
    # the index answers the words of three letters or more together (one lookup) when no catalogue name has them
    plain_words = [w for w in words if not naming[w]]
    query = search_index.match_query(plain_words) if use_index else None
    if query is not None:
        conditions.append(m.Petition.id.in_(_index_lookup(query)))
    for word in words:
        if naming[word] or query is None or len(word) < 3:
            if use_index and len(word) >= 3:
                text = m.Petition.id.in_(_index_lookup(search_index.match_query([word])))
            else:
                pattern = like_pattern(word)
                text = or_(m.Petition.citizen_fold.like(pattern, escape="\\"),
                           m.Petition.content_fold.like(pattern, escape="\\"))
            conditions.append(or_(text, *naming[word]))
    return conditions


def _index_lookup(query: str):
    return (sql_text(f"SELECT rowid FROM {search_index.TABLE} WHERE {search_index.TABLE} MATCH :search_query")
            .bindparams(bindparam("search_query", query, unique=True)).columns(column("rowid")))


def _whole_words(text: str):
    """The folded name holds ``text`` as whole words ("van tho" in "duong van tho", not in "duong van thon")."""
    escaped = text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return (literal(" ", String) + m.Petition.citizen_fold + literal(" ", String)).like(f"% {escaped} %", escape="\\")


def search_ranks(session: Session, words: list[str], indexed: bool = True) -> list:
    """How well a petition's name matches a search, best first; each condition holds every one after it: the
    words as a phrase of whole words of the name, every word a whole word of the name, every word a part of the
    name (looked up in the search index's name column when there is one). The rest — a word in the content, the
    field, hamlet or agency — comes after them."""
    if not words:
        return []
    query = search_index.match_query(words, "citizen_fold") if indexed and search_index.available(session) else None
    parts = [m.Petition.id.in_(_index_lookup(query))] if query is not None else []
    parts += [m.Petition.citizen_fold.like(like_pattern(word), escape="\\") for word in words
              if query is None or len(word) < 3]
    in_name = and_(*parts)
    ranks = [and_(in_name, _whole_words(" ".join(words)))]
    if len(words) > 1:
        ranks.append(and_(in_name, *(_whole_words(word) for word in words)))
    return ranks + [in_name]


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


# -- the window's lists: one ordered list of numbers, rows read a page at a time by number ---------------------
# 100,000 petitions are never all in memory: the order is a list of ids (read in the window's worker), the rows of
# a page are read by their ids when shown, so a page deep in a sorted list costs what the first one costs.

@dataclass(frozen=True, slots=True)
class ListedPetition:
    """One row of the follow-up list (and of the Kết luận page's list): plain values, the content cut to
    :data:`LIST_CONTENT_CHARS`."""

    id: int
    session_id: int
    citizen_name: str
    hamlet_id: int | None
    address: str
    field_id: int | None
    content: str
    lead_agency_id: int | None
    due_date: dt.date | None
    due_provisional: bool
    status: str
    times_raised: int
    concluded: bool  # the chair's conclusion on it is written


LIST_CONTENT_CHARS = 160
_P = m.Petition
_LISTED_COLUMNS = (_P.id, _P.session_id, _P.citizen_name, _P.hamlet_id, _P.address, _P.field_id,
                   func.substr(_P.content, 1, LIST_CONTENT_CHARS), _P.lead_agency_id, _P.due_date,
                   _P.due_provisional, _P.status, _P.times_raised, func.length(func.trim(_P.conclusion)) > 0)
# the orders the list can be sorted by (names cannot be ordered the Vietnamese way in SQL: not sortable); every
# order ends with the number, and petitions without the value (no due date, no field) come last either way —
# read apart, since SQLite and PostgreSQL put NULL at opposite ends (migration 0006 indexes each order)
LIST_ORDERS = {"id": _P.id, "due": _P.due_date, "status": _P.status, "field": _P.field_id,
               "session": _P.session_id, "times": _P.times_raised}
_NULLABLE_ORDERS = frozenset({"due", "field"})


@dataclass(frozen=True)
class ListSession:
    date: dt.date
    title: str
    host: str
    profile_name: str


@dataclass(frozen=True)
class ListNames:
    """What the list's rows point to, by id (catalogues are small: read once per refresh)."""

    fields: dict[int, str]
    hamlets: dict[int, str]
    agencies: dict[int, str]  # the short name when there is one
    sessions: dict[int, ListSession]
    agency_names: dict[int, str] = field(default_factory=dict)  # the full names


def list_names(session: Session) -> ListNames:
    agencies = {}
    full = {}
    for row in session.execute(select(m.Agency.id, m.Agency.name, m.Agency.short_name)):
        agencies[row.id] = row.short_name or row.name
        full[row.id] = row.name
    rows = session.execute(select(m.DialogueSession, m.Profile.name).join(
        m.Profile, m.Profile.id == m.DialogueSession.profile_id))
    return ListNames(dict(session.execute(select(m.Field.id, m.Field.name)).all()),
                     dict(session.execute(select(m.Hamlet.id, m.Hamlet.name)).all()), agencies,
                     {ds.id: ListSession(ds.session_date, ds.title, ds.host, profile) for ds, profile in rows}, full)


@dataclass
class PetitionList:
    """A filter fixed at one moment (today, the calendar) in one order. The order is read in segments, each an
    indexed query: the petitions with the sorted value, then those without it; with a search in the usual
    order, the names matching best first (:func:`search_ranks`), each rank by number."""

    clause: object
    sort: str = "id"
    descending: bool = False
    ranks: tuple = ()
    base: object = None  # the filter without its search: a name holding every word passes the search anyway

    @property
    def ranked(self) -> bool:
        return bool(self.ranks) and self.sort == "id" and not self.descending

    def segments(self) -> list[tuple[object | None, list, bool]]:
        """(an extra condition or None, the ORDER BY, whether the condition implies the search) of each part of
        the list, in the list's order."""
        def ordered(*columns_):
            return [c.desc() for c in columns_] if self.descending else list(columns_)

        if self.ranked:
            parts, previous = [], None
            for rank in self.ranks:  # each rank holds the ones before it: the part is the rank without them
                parts.append((rank if previous is None else and_(rank, not_(previous)), ordered(_P.id), True))
                previous = rank
            return parts + [(not_(previous), ordered(_P.id), False)]
        key = LIST_ORDERS[self.sort]
        if self.sort == "id":
            return [(None, ordered(_P.id), False)]
        if self.sort in _NULLABLE_ORDERS:
            return [(key.is_not(None), ordered(key, _P.id), False), (key.is_(None), ordered(_P.id), False)]
        return [(None, ordered(key, _P.id), False)]

    def _where(self, condition, searched: bool = False):
        """The part's WHERE: a name rank already holds every word of the search (the search's own lookups,
        costly for common words, are left out), the others take the whole filter."""
        clause = self.base if searched and self.base is not None else self.clause
        return clause if condition is None else and_(condition, clause)  # the narrower condition first

    def page(self, session: Session, offset: int, limit: int) -> list[ListedPetition]:
        """``limit`` rows from ``offset`` (the first page of a new filter; later pages come by :meth:`rows`)."""
        found: list[ListedPetition] = []
        for condition, order, searched in self.segments():
            if len(found) >= limit:
                break
            where = self._where(condition, searched)
            if offset:
                size = session.scalar(select(func.count(_P.id)).where(where))
                if size <= offset:
                    offset -= size
                    continue
            query = select(*_LISTED_COLUMNS).where(where).order_by(*order).offset(offset).limit(limit - len(found))
            found += [ListedPetition(*row) for row in session.execute(query)]
            offset = 0
        return found

    def ids(self, session: Session) -> array:
        """Every petition of the list, in its order (8 bytes each: 100,000 petitions take 0.8 MB)."""
        result = array("q")
        for condition, order, searched in self.segments():
            result.extend(session.scalars(select(_P.id).where(self._where(condition, searched)).order_by(*order)))
        return result

    @staticmethod
    def rows(session: Session, ids) -> list[ListedPetition]:
        """The rows of these petitions in this order (one deleted meanwhile is left out)."""
        ids = list(ids)
        if not ids:
            return []
        found = {row[0]: ListedPetition(*row) for row in session.execute(
            select(*_LISTED_COLUMNS).where(_P.id.in_(ids)))}
        return [found[i] for i in ids if i in found]

    def contains(self, session: Session, petition_id: int) -> bool:
        return session.scalar(select(_P.id).where(self.clause, _P.id == petition_id)) is not None

    def position(self, session: Session, petition_id: int) -> int | None:
        """Where the petition is in the list (0 first), or None when the filter leaves it out."""
        if not self.contains(session, petition_id):
            return None
        if self.sort == "id" and not self.ranked:  # the usual order: count the rows before it
            before = _P.id > petition_id if self.descending else _P.id < petition_id
            return session.scalar(select(func.count(_P.id)).where(self.clause, before))
        return self.ids(session).index(petition_id)


def petition_list(session: Session, flt: PetitionFilter, today: dt.date, calendar: WorkCalendar, *,
                  sort: str = "id", descending: bool = False, indexed: bool = True) -> PetitionList:
    if sort not in LIST_ORDERS:
        raise ValueError(f"the list cannot be sorted by {sort}")
    ranks = search_ranks(session, search_words(flt.search), indexed) if sort == "id" and not descending else []
    return PetitionList(filter_clause(flt, today, calendar, session, indexed=indexed), sort, descending,
                        tuple(ranks), and_(True, *_filter_conditions(flt, today, calendar)))


@dataclass(frozen=True)
class UrgentPetition:
    id: int
    citizen: str
    content: str  # on one line
    agency: str
    due: dt.date | None


def urgent_petitions(session: Session, flt: PetitionFilter, today: dt.date,
                     limit: int) -> tuple[list[UrgentPetition], int]:
    """The first ``limit`` petitions of a filter (overdue, due soon), most urgent first, and how many there
    are in all."""
    clause = filter_clause(flt, today, load_calendar(session), session)
    petitions = session.scalars(select(m.Petition).options(selectinload(m.Petition.lead_agency))
                                .where(clause).order_by(m.Petition.due_date, m.Petition.id).limit(limit)).all()
    rows = [UrgentPetition(p.id, p.citizen_name, " ".join(p.content.split()),
                           p.lead_agency.name if p.lead_agency else "", p.due_date) for p in petitions]
    total = len(rows) if len(rows) < limit else count_petitions(session, flt, today=today)
    return rows, total


@dataclass(frozen=True)
class FilterChoices:
    years: list[int]  # newest first
    petition_years: set[int]  # the years that have petitions
    fields: list[tuple[int, str]]  # the catalogue's order
    agencies: list[tuple[int, str]]  # by Vietnamese name


def filter_choices(session: Session) -> FilterChoices:
    """What the follow-up list can be filtered by."""
    petition_years = set(session.scalars(select(m.Petition.year).distinct()))
    years = sorted(petition_years | set(session.scalars(select(m.DialogueSession.year).distinct())), reverse=True)
    fields = [(row_id, name) for row_id, name in session.execute(
        select(m.Field.id, m.Field.name).order_by(m.Field.position, m.Field.id))]
    agencies = sorted(session.execute(select(m.Agency.id, m.Agency.name)).all(), key=lambda row: sort_key(row[1]))
    return FilterChoices(years, petition_years, fields, [(row_id, name) for row_id, name in agencies])


def has_upward_petitions(session: Session, session_id: int) -> bool:
    """Whether the session has petitions for its proposal to the superior level (documents'
    ``contexts.upward_petitions`` of today): transferred ones, or open ones the meeting decided to propose
    upward — one indexed query, not every petition of a session of 25,000."""
    proposed = select(m.Opinion.id).where(m.Opinion.outcome == Outcome.UPWARD.value)
    return session.scalar(select(m.Petition.id).where(
        m.Petition.session_id == session_id,
        or_(m.Petition.status == PetitionStatus.TRANSFERRED.value,
            and_(m.Petition.status.in_(OPEN_STATUSES), m.Petition.opinion_id.in_(proposed)))).limit(1)) is not None


def petition_year(session: Session, petition_id: int) -> int | None:
    return session.scalar(select(m.Petition.year).where(m.Petition.id == petition_id))


def transfer_bodies(session: Session) -> list[str]:
    """The superior bodies a petition may be proposed to: the commune's own list, then the upper-level
    agencies of the catalogue."""
    unit = commune(session)
    names = list(unit.superior_recipients or []) if unit is not None else []
    upper = session.scalars(select(m.Agency.name).where(m.Agency.kind == AgencyKind.SUPERIOR.value))
    return names + sorted((n for n in upper if n not in names), key=sort_key)


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
        checker.length("general_conclusion", text, "Kết luận chung", MAX_TEXT)
    checker.raise_if_any()
    if general_conclusion is not None:
        ds.general_conclusion = text
    ds.conclusion_notice_date = notice_date
    ds.status = SessionStatus.CONCLUDED.value
    session.flush()
    recompute_due_dates(session, [ds.id], why=f"tính từ thông báo kết luận ngày {notice_date:%d/%m/%Y}")
    refresh_session_completion(session, ds)
    return ds
