"""Speaker registrations (đăng ký phát biểu) and the speaking queue.

The queue is ``queue_order`` 1..n within a session. Registered speakers come in the order received;
walk-ins (đăng ký tại hội nghị) join at the end, or right after the current speaker when the chair gives
priority — OpenSlides' "point of order". A refusal is recorded with one of the profile's regulated
reasons and never deleted; a merged duplicate stays, pointing at the registration it was merged into.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session, selectinload

from desk_app.domain import clock
from desk_app.domain.errors import ValidationError
from desk_app.domain.states import (Channel, RegistrationState, SessionStatus, SpeaksFor,
                                    check_registration_transition)
from desk_app.domain.text import clean_text, fold, title_name
from desk_app.domain.validation import (MAX_NAME, MAX_SHORT, MAX_TEXT, Checker, check_birth_year, check_cccd,
                                        check_length, check_phone, normalize_phone)
from desk_app.store import models as m
from desk_app.services.common import check_optional_id, check_version, commune, domain_profile, get

_CLOSED_SESSION = (SessionStatus.ENDED, SessionStatus.CONCLUDED, SessionStatus.COMPLETED, SessionStatus.CANCELLED)


@dataclass
class RegistrationInput:
    citizen_name: str
    content: str = ""
    birth_year: int | str | None = None
    gender: str | None = None
    cccd: str = ""
    phone: str = ""
    hamlet_id: int | None = None
    address: str = ""
    speaks_for: str = SpeaksFor.PERSON.value
    speaks_for_count: int | None = None
    field_id: int | None = None
    addressed_to: str = ""
    addressed_agency_id: int | None = None
    channel: str = Channel.FORM.value
    received_date: dt.date | None = None


def validate(session: Session, data: RegistrationInput) -> dict:
    """Cleaned values, or a ValidationError naming every bad field (used by the form and the import)."""
    checker = Checker()
    values = {
        "citizen_name": title_name(clean_text(data.citizen_name)),
        "content": clean_text(data.content, multiline=True),
        "cccd": clean_text(data.cccd).replace(" ", ""),
        "phone": clean_text(data.phone),
        "address": clean_text(data.address),
        "addressed_to": clean_text(data.addressed_to),
    }
    checker.require("citizen_name", values["citizen_name"], "Họ và tên")
    checker.length("citizen_name", values["citizen_name"], "Họ và tên", MAX_NAME)
    checker.length("content", values["content"], "Nội dung", MAX_TEXT)
    checker.add("cccd", check_cccd(values["cccd"]))
    checker.add("phone", check_phone(values["phone"]))
    values["phone"] = normalize_phone(values["phone"]) if values["phone"] else ""
    checker.length("address", values["address"], "Địa chỉ", MAX_SHORT)
    checker.length("addressed_to", values["addressed_to"], "Gửi đến", MAX_SHORT)
    birth = data.birth_year
    if isinstance(birth, str):
        birth = clean_text(birth)
    if birth in (None, ""):
        values["birth_year"] = None
    else:
        problem = check_birth_year(birth, clock.today().year)
        checker.add("birth_year", problem)
        values["birth_year"] = None if problem else int(birth)
    if data.gender not in (None, "", "nam", "nu"):
        checker.add("gender", "Giới tính phải là nam hoặc nữ.")
    values["gender"] = data.gender or None
    for key, enum, what in (("speaks_for", SpeaksFor, "đại diện cho"), ("channel", Channel, "hình thức đăng ký")):
        try:
            values[key] = enum.parse(getattr(data, key), what).value
        except ValidationError as exc:
            checker.add(key, exc.message)
    count = data.speaks_for_count
    if values.get("speaks_for") in (SpeaksFor.HOUSEHOLDS.value, SpeaksFor.ORGANISATION.value):
        if count is not None and not (isinstance(count, int) and 1 <= count <= 100000):
            checker.add("speaks_for_count", "Số hộ/thành viên đại diện phải là số nguyên dương.")
    else:
        count = None
    values["speaks_for_count"] = count
    if data.received_date is not None and data.received_date > clock.today():
        checker.add("received_date", "Ngày nhận không được sau ngày hôm nay.")
    check_optional_id(checker, session, m.Hamlet, data.hamlet_id, "hamlet_id")
    check_optional_id(checker, session, m.Field, data.field_id, "field_id")
    check_optional_id(checker, session, m.Agency, data.addressed_agency_id, "addressed_agency_id")
    checker.raise_if_any()
    return values


def _open_session(session: Session, session_id: int) -> m.DialogueSession:
    ds = get(session, m.DialogueSession, session_id)
    if SessionStatus(ds.status) in _CLOSED_SESSION:
        raise ValidationError({"session_id": f"Cuộc đối thoại đang ở trạng thái “{SessionStatus(ds.status).label}”: "
                                             "không nhận thêm đăng ký phát biểu."})
    return ds


def _fill(reg: m.Registration, data: RegistrationInput, values: dict) -> None:
    reg.citizen_name, reg.citizen_fold = values["citizen_name"], fold(values["citizen_name"])
    reg.content, reg.content_fold = values["content"], fold(values["content"])
    reg.birth_year, reg.gender, reg.cccd, reg.phone = (values["birth_year"], values["gender"], values["cccd"],
                                                       values["phone"])
    reg.hamlet_id, reg.address, reg.field_id = data.hamlet_id, values["address"], data.field_id
    reg.speaks_for, reg.speaks_for_count = values["speaks_for"], values["speaks_for_count"]
    reg.addressed_to, reg.addressed_agency_id = values["addressed_to"], data.addressed_agency_id
    reg.channel = values["channel"]
    reg.received_date = data.received_date


def add_registration(session: Session, session_id: int, data: RegistrationInput) -> m.Registration:
    """A registration received before or at the meeting; it joins the end of the queue."""
    ds = _open_session(session, session_id)
    reg = _new(ds, data, validate(session, data), _last_order(session, ds.id) + 1)
    session.add(reg)
    session.flush()
    return reg


def _new(ds: m.DialogueSession, data: RegistrationInput, values: dict, order: int) -> m.Registration:
    reg = m.Registration(session_id=ds.id, state=RegistrationState.WAITING.value, queue_order=order)
    _fill(reg, data, values)
    reg.received_date = reg.received_date or clock.today()
    return reg


def add_many(session: Session, session_id: int, rows: list[RegistrationInput]) -> list[m.Registration]:
    """All rows or none (the Excel import): every bad row is reported with its row number."""
    ds = _open_session(session, session_id)
    problems: dict[str, str] = {}
    cleaned = []
    for number, data in enumerate(rows, 1):
        try:
            cleaned.append(validate(session, data))
        except ValidationError as exc:
            problems[f"row{number}"] = f"Dòng {number}: " + "; ".join(exc.errors.values())
    if problems:
        raise ValidationError(problems)
    start = _last_order(session, ds.id)
    created = []
    for offset, (data, values) in enumerate(zip(rows, cleaned), 1):
        reg = _new(ds, data, values, start + offset)
        session.add(reg)
        created.append(reg)
    session.flush()
    return created


def add_walk_in(session: Session, session_id: int, data: RegistrationInput, *,
                priority: bool = False) -> m.Registration:
    """A citizen who asks to speak at the meeting; with ``priority`` they speak next."""
    data.channel = Channel.AT_MEETING.value
    reg = add_registration(session, session_id, data)
    reg.received_date = clock.today()
    if priority:
        reg.priority = True
        waiting = [r for r in queue(session, session_id) if r.state == RegistrationState.WAITING.value
                   and r.id != reg.id]
        if waiting:
            move(session, reg.id, waiting[0].queue_order)
    session.flush()
    return reg


def update_registration(session: Session, registration_id: int, data: RegistrationInput,
                        expected_version: int | None = None) -> m.Registration:
    reg = get(session, m.Registration, registration_id)
    check_version(reg, expected_version)
    values = validate(session, data)
    _fill(reg, data, values)
    session.flush()
    return reg


def queue(session: Session, session_id: int, *, with_names: bool = False) -> list[m.Registration]:
    """Every registration of the session in speaking order (refused and merged ones included); ``with_names``:
    their hamlet, field and agency read in the same go (a list of 2,000 speakers, not 6,000 lookups)."""
    query = select(m.Registration).where(m.Registration.session_id == session_id) \
        .order_by(m.Registration.queue_order, m.Registration.id)
    if with_names:
        query = query.options(selectinload(m.Registration.hamlet), selectinload(m.Registration.field),
                              selectinload(m.Registration.addressed_agency))
    return list(session.scalars(query))


def next_waiting(session: Session, session_id: int) -> m.Registration | None:
    return session.scalar(select(m.Registration)
                          .where(m.Registration.session_id == session_id,
                                 m.Registration.state == RegistrationState.WAITING.value)
                          .order_by(m.Registration.queue_order, m.Registration.id).limit(1))


CLOSED_STATES = (RegistrationState.REFUSED.value, RegistrationState.MERGED.value)


def speaking_numbers(rows: list[m.Registration]) -> dict[int, int]:
    """The one speaking-order numbering, used by the registrations page, the printed speakers' list and the
    live queue: 1, 2, 3 … over ``rows`` (a queue in speaking order) — refused and merged registrations get
    no number, so the numbers run on without gaps after a refusal, a merge or a priority walk-in."""
    numbers: dict[int, int] = {}
    for reg in rows:
        if reg.state not in CLOSED_STATES:
            numbers[reg.id] = len(numbers) + 1
    return numbers


def _last_order(session: Session, session_id: int) -> int:
    return session.scalar(select(func.max(m.Registration.queue_order))
                          .where(m.Registration.session_id == session_id)) or 0


def move(session: Session, registration_id: int, new_order: int) -> list[m.Registration]:
    """Put a registration at position ``new_order`` (1-based) and renumber the queue 1..n."""
    reg = get(session, m.Registration, registration_id)
    rows = [r for r in queue(session, reg.session_id) if r.id != reg.id]
    position = max(1, min(int(new_order), len(rows) + 1))
    rows.insert(position - 1, reg)
    for number, row in enumerate(rows, 1):
        if row.queue_order != number:
            row.queue_order = number
    session.flush()
    return rows


def _transition(reg: m.Registration, target: RegistrationState) -> None:
    check_registration_transition(RegistrationState(reg.state), target)
    reg.state = target.value


def set_state(session: Session, registration_id: int, target: str) -> m.Registration:
    """Absent, back to the queue, speaking, spoke (refusal and merging have their own functions)."""
    reg = get(session, m.Registration, registration_id)
    state = RegistrationState.parse(target, "trạng thái")
    if state in (RegistrationState.REFUSED, RegistrationState.MERGED):
        raise ValidationError({"state": "Dùng chức năng Từ chối hoặc Gộp cho trạng thái này."})
    _transition(reg, state)
    session.flush()
    return reg


def refuse(session: Session, registration_id: int, reason_code: str, note: str = "") -> m.Registration:
    """Từ chối tiếp xúc, đối thoại, on one of the grounds of the session's profile."""
    reg = get(session, m.Registration, registration_id)
    profile = domain_profile(reg.session.profile)
    codes = {r.code for r in profile.refusal_reasons}
    if reason_code not in codes:  # said once and short: the dialog lists the grounds right above it
        raise ValidationError({"reason_code": "Chưa chọn lý do từ chối: chọn một trường hợp trong danh sách."
                               if not reason_code else
                               f"Lý do từ chối “{reason_code}” không có trong các trường hợp quy định."})
    text = clean_text(note, multiline=True)
    if len(text) > MAX_TEXT:
        raise ValidationError({"note": check_length(text, "Ghi chú", MAX_TEXT)})
    _transition(reg, RegistrationState.REFUSED)
    reg.refusal_code, reg.refusal_note = reason_code, text
    session.flush()
    return reg


def merge(session: Session, duplicate_id: int, into_id: int) -> m.Registration:
    """Gộp: the duplicate stays (state Đã gộp) and its content is added to the kept registration."""
    duplicate = get(session, m.Registration, duplicate_id)
    target = get(session, m.Registration, into_id)
    if duplicate.id == target.id:
        raise ValidationError({"into_id": "Không thể gộp một đăng ký với chính nó."})
    if duplicate.session_id != target.session_id:
        raise ValidationError({"into_id": "Chỉ gộp được các đăng ký của cùng một cuộc đối thoại."})
    if target.state in (RegistrationState.MERGED.value, RegistrationState.REFUSED.value):
        raise ValidationError({"into_id": "Không gộp vào một đăng ký đã gộp hoặc đã bị từ chối."})
    _transition(duplicate, RegistrationState.MERGED)
    duplicate.merged_into_id = target.id
    if duplicate.content and fold(duplicate.content) not in target.content_fold:
        addition = f"(Gộp từ đăng ký của {duplicate.citizen_name}) {duplicate.content}"
        target.content = f"{target.content}\n{addition}" if target.content else addition
        target.content_fold = fold(target.content)
    session.flush()
    return target


def find_duplicates(session: Session, session_id: int) -> list[list[m.Registration]]:
    """Groups of live registrations that look like the same person: same CCCD, same phone, or same name
    and hamlet."""
    live = [r for r in queue(session, session_id)
            if r.state not in (RegistrationState.MERGED.value, RegistrationState.REFUSED.value)]
    parent = {r.id: r.id for r in live}

    def root(x: int) -> int:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    seen: dict[tuple, int] = {}
    for reg in live:
        keys = [("name", reg.citizen_fold, reg.hamlet_id or fold(reg.address))]
        if reg.cccd:
            keys.append(("cccd", reg.cccd))
        if reg.phone:
            keys.append(("phone", reg.phone))
        for key in keys:
            if key in seen:
                parent[root(reg.id)] = root(seen[key])
            else:
                seen[key] = reg.id
    groups: dict[int, list[m.Registration]] = {}
    for reg in live:
        groups.setdefault(root(reg.id), []).append(reg)
    return [g for g in groups.values() if len(g) > 1]


# -- what the registrations page and its dialogs show (plain values) ------------------------------------


@dataclass
class QueueRow:
    """One registration as the queue lists it, with what the detail line under the table says."""

    id: int
    order: int | None  # the speaking number (speaking_numbers); None for a refused or merged registration
    name: str
    birth_year: int | None
    place: str
    field: str
    content: str
    channel: str
    state: str
    state_text: str  # the state with the refusal's ground, the registration merged into, "(ưu tiên)"
    version: int
    gender: str = ""
    phone: str = ""
    cccd: str = ""
    speaks_for: str = ""
    addressed_to: str = ""
    received_date: dt.date | None = None
    refusal_note: str = ""

    @property
    def closed(self) -> bool:
        return self.state in CLOSED_STATES


_GENDERS = {"nam": "Nam", "nu": "Nữ"}


def _place(reg: m.Registration) -> str:
    return reg.hamlet.name if reg.hamlet else reg.address


def queue_rows(session: Session, session_id: int) -> list[QueueRow]:
    """Every registration of the dialogue session in speaking order (refused and merged ones included)."""
    rows = queue(session, session_id, with_names=True)
    numbers = speaking_numbers(rows)
    names = {r.id: r.citizen_name for r in rows}
    profile = None
    result = []
    for reg in rows:
        state = RegistrationState(reg.state)
        text = state.label
        if state is RegistrationState.REFUSED:
            profile = profile or domain_profile(reg.session.profile)
            text = f"{text}: {profile.refusal_text(reg.refusal_code)}" if reg.refusal_code else text
        elif state is RegistrationState.MERGED and reg.merged_into_id:
            text = f"{text} vào đăng ký của {names.get(reg.merged_into_id, '')}"
        if reg.priority and state is RegistrationState.WAITING:
            text = f"{text} (ưu tiên)"
        speaks_for = SpeaksFor(reg.speaks_for).label + (f" ({reg.speaks_for_count})" if reg.speaks_for_count else "")
        result.append(QueueRow(
            reg.id, numbers.get(reg.id), reg.citizen_name, reg.birth_year, _place(reg), reg.field.name if reg.field else "",
            reg.content, Channel(reg.channel).label, reg.state, text, reg.version, gender=_GENDERS.get(reg.gender, ""),
            phone=reg.phone, cccd=reg.cccd, speaks_for=speaks_for,
            addressed_to=reg.addressed_agency.name if reg.addressed_agency else reg.addressed_to,
            received_date=reg.received_date, refusal_note=reg.refusal_note))
    return result


def registration_input(session: Session, registration_id: int) -> tuple[RegistrationInput, int]:
    """A stored registration as the form edits it, and the version it was read at."""
    reg = get(session, m.Registration, registration_id)
    return RegistrationInput(
        citizen_name=reg.citizen_name, content=reg.content, birth_year=reg.birth_year, gender=reg.gender,
        cccd=reg.cccd, phone=reg.phone, hamlet_id=reg.hamlet_id, address=reg.address, speaks_for=reg.speaks_for,
        speaks_for_count=reg.speaks_for_count, field_id=reg.field_id, addressed_to=reg.addressed_to,
        addressed_agency_id=reg.addressed_agency_id, channel=reg.channel,
        received_date=reg.received_date), reg.version


@dataclass(frozen=True)
class RegistrationSummary:
    """A registration named in a dialog: its place in the queue, the citizen, where from, what about."""

    id: int
    order: int | None  # the speaking number (speaking_numbers), None once refused or merged
    name: str
    place: str
    content: str
    state: str

    @classmethod
    def of(cls, reg: m.Registration, number: int | None = None) -> RegistrationSummary:
        return cls(reg.id, number, reg.citizen_name, _place(reg), reg.content, reg.state)

    def line(self) -> str:
        who = f"{self.order}. {self.name}" if self.order else self.name
        return " – ".join([who, *([self.place] if self.place else [])])


def _numbered(session: Session, session_id: int) -> dict[int, int]:
    return speaking_numbers(queue(session, session_id))


@dataclass(frozen=True)
class RefusalChoice:
    """What the refusal dialog offers: who, and the grounds the session's profile allows."""

    registration: RegistrationSummary
    reasons: tuple[tuple[str, str], ...]  # (text, code)
    profile_name: str


def refusal_choice(session: Session, registration_id: int) -> RefusalChoice:
    reg = get(session, m.Registration, registration_id)
    profile = domain_profile(reg.session.profile)
    return RefusalChoice(RegistrationSummary.of(reg, _numbered(session, reg.session_id).get(reg.id)), tuple((r.text, r.code) for r in profile.refusal_reasons),
                         reg.session.profile.name)


def merge_candidates(session: Session, session_id: int,
                     selected: list[int]) -> tuple[list[RegistrationSummary], list[list[RegistrationSummary]]]:
    """What may be merged: the clerk's ``selected`` registrations still open, and the groups that look like
    one person (:func:`find_duplicates`)."""
    numbers = _numbered(session, session_id)
    chosen = []
    for reg_id in selected:
        reg = session.get(m.Registration, reg_id)
        if reg is not None and reg.session_id == session_id and reg.state not in CLOSED_STATES:
            chosen.append(RegistrationSummary.of(reg, numbers.get(reg.id)))
    groups = [[RegistrationSummary.of(r, numbers.get(r.id)) for r in group]
              for group in find_duplicates(session, session_id)]
    return chosen, groups


def merge_group(session: Session, keep_id: int, others: list[int]) -> None:
    """Every registration of ``others`` merged into the kept one (all or nothing: one unit of work)."""
    for reg_id in others:
        if reg_id != keep_id:
            merge(session, reg_id, keep_id)


@dataclass(frozen=True)
class Speaker:
    number: int  # the speaking number (speaking_numbers), as the page and the live queue show it
    citizen_name: str
    speaks_for: str  # "" for a person speaking for themselves, else "hộ gia đình (12 hộ/thành viên)"
    birth_year: int | None
    place: str
    field: str
    content: str


@dataclass(frozen=True)
class SpeakersList:
    """The list read out and posted in the hall: no CCCD, no phone number."""

    commune: str
    title: str
    when: dt.datetime
    place: str
    speakers: tuple[Speaker, ...]


def speakers_list(session: Session, session_id: int) -> SpeakersList:
    """The citizens who registered to speak, in speaking order (refused and merged ones left out)."""
    ds = get(session, m.DialogueSession, session_id)
    unit = commune(session)
    speakers = []
    rows = queue(session, session_id)
    numbers = speaking_numbers(rows)
    for reg in rows:
        if reg.id not in numbers:
            continue
        speaks_for = "" if reg.speaks_for == SpeaksFor.PERSON.value else \
            SpeaksFor(reg.speaks_for).label.lower() + (f", {reg.speaks_for_count} hộ/thành viên"
                                                       if reg.speaks_for_count else "")
        speakers.append(Speaker(numbers[reg.id], reg.citizen_name, speaks_for, reg.birth_year, _place(reg),
                                reg.field.name if reg.field else "", reg.content))
    return SpeakersList(unit.name if unit else "", ds.title, ds.actual_start or ds.planned_start, ds.place,
                        tuple(speakers))
