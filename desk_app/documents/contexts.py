"""What goes into each document: every date, count, name, deadline and citation from the record.

The fixed wording of every document lives in its template (resources/templates, written by ``builder``); the
code supplies only what varies — names with their titles, dates, counts, the numbers of the documents cited —
so a clerk who changes a sentence in Word sees it in the next export. The variables are documented in
``resources/templates/README.md``.

Each ``*_context`` function describes the record *as of the document's date* (documents.md §7): a conclusion
notice lists the deadlines set in it, not later extensions; an upward proposal the petitions it carried. A
document cited (the plan of the same issuer, the session's conclusion notice) is looked up in the register;
when it is not there the citation is left as a dotted blank ("số …/KH-UBND ngày …") and a warning says which
document is missing — never the number of another document.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from sqlalchemy import select
from sqlalchemy.orm import Session

from desk_app.documents import wording
from desk_app.domain import issuers, official
from desk_app.domain.errors import ValidationError
from desk_app.domain.official import PARTY
from desk_app.domain.states import (AgendaStep, Host, Outcome, PetitionStatus, Regime, ResponderKind, SessionForm,
                                    SessionStatus, SpeaksFor)
from desk_app.domain.text import fold, vi_upper
from desk_app.store import models as m
from desk_app.services import catalog, followup, minutes, register, sessions, statistics
from desk_app.services import report_texts as report_texts_service
from desk_app.services.common import commune, domain_profile, get, load_calendar

BODY_NAMES = {"dang_uy": "party_committee", "hdnd": "council", "ubnd": "committee"}
DOTS = "……"


# -- small text helpers ------------------------------------------------------------------------------------

class Item:
    """A row of a long table: ``row.citizen`` in the template is a plain attribute (Jinja tries the
    attribute before the item; on a dict every cell of a 2,000-row annex paid for a failed lookup);
    ``row["citizen"]`` works too."""

    def __init__(self, fields: dict):
        self.__dict__.update(fields)

    def __getitem__(self, key: str):
        return self.__dict__[key]

    def __eq__(self, other) -> bool:
        return vars(self) == (vars(other) if isinstance(other, Item) else other)

    def __repr__(self) -> str:
        return f"Item({vars(self)!r})"


def lines(text: str | None) -> list[str]:
    return [line.strip() for line in (text or "").splitlines() if line.strip()]


def lower_first(text: str) -> str:
    return text[:1].lower() + text[1:] if text else text


def upper_first(text: str) -> str:
    return text[:1].upper() + text[1:] if text else text


def punctuated(items: list[str], last: str = ".") -> list[str]:
    """"- a;" … "- z." : every item ends with ";" and the last with ``last``."""
    cleaned = [item.strip().rstrip(";.,") for item in items if item and item.strip()]
    return [item + (";" if i < len(cleaned) - 1 else last) for i, item in enumerate(cleaned)]


def joined(items: list[str]) -> str:
    """"A, B và C" (Vietnamese lists: commas, "và" before the last)."""
    items = [i for i in items if i]
    if len(items) <= 1:
        return "".join(items)
    return f"{', '.join(items[:-1])} và {items[-1]}"


def dmy(day: dt.date | dt.datetime | None) -> str:
    return f"{day:%d/%m/%Y}" if day else ""


def clock_text(moment: dt.datetime) -> str:
    return f"{moment:%H} giờ {moment:%M} phút"


def weekday_date(day: dt.date) -> str:
    return f"{wording.WEEKDAYS[day.weekday()]}, ngày {day:%d/%m/%Y}"


def when_text(start: dt.datetime, end: dt.datetime | None) -> str:
    """"Từ 08 giờ 00 phút đến 11 giờ 00 phút, thứ Năm, ngày 05/02/2026"."""
    if end is not None and end.date() == start.date():
        return f"Từ {clock_text(start)} đến {clock_text(end)}, {weekday_date(start.date())}"
    return f"{upper_first(clock_text(start))}, {weekday_date(start.date())}"


def honorific(name: str, gender: str | None) -> str:
    """"Ông Nguyễn Văn A" / "Bà Lê Thị B" from the person's gender; "Công dân …" when it is not recorded (never
    "Ông (Bà)" to a known person)."""
    return {"nam": f"Ông {name}", "nu": f"Bà {name}"}.get(gender or "", f"Công dân {name}")


def _mid_sentence(text: str) -> str:
    """A phrase put inside a sentence: its first letter in lower case, except "Nhân dân" (always capitalised in
    these documents) and a name."""
    if text.startswith(("Nhân dân", "Ủy ban", "Hội đồng", "Đảng")):
        return text
    return lower_first(text)


def comrade(name: str, title: str) -> str:
    """"đồng chí Nguyễn Văn A, Chủ tịch UBND xã" (a title written once)."""
    return f"đồng chí {name}, {title}" if title else f"đồng chí {name}"


def without_bridge_word(name: str) -> str:
    """A bridge point's name without a leading "Điểm cầu" (the templates write the word)."""
    for word in ("Điểm cầu ", "điểm cầu "):
        if name.startswith(word):
            return name[len(word):]
    return name


# -- who issues and signs ----------------------------------------------------------------------------------

@dataclass(frozen=True)
class Issuer:
    body: str  # dang_uy / hdnd / ubnd
    fmt: str  # state / party
    name: str  # "Ủy ban nhân dân xã Tân Đoàn"

    @property
    def header_lines(self) -> str:
        """Upper case, the body on one line and the place on the next ("ỦY BAN NHÂN DÂN\\nXÃ TÂN ĐOÀN");
        a party committee's name is kept on one line as Hướng dẫn 36 shows it."""
        upper = vi_upper(self.name)
        if self.body == "dang_uy":
            return upper
        for kind in (" XÃ ", " PHƯỜNG ", " ĐẶC KHU "):
            if kind in upper:
                head, tail = upper.split(kind, 1)
                return f"{head}\n{kind.strip()} {tail}"
        return upper


def issuer_of(unit: m.Commune, body: str) -> Issuer:
    return Issuer(body, issuers.format_of(body), getattr(unit, BODY_NAMES[body]) or unit.name)


def session_issuer(ds: m.DialogueSession, unit: m.Commune, fmt: str | None = None) -> Issuer:
    """The body that issues the session's documents and its format (the issuer table, domain.issuers): the party
    committee writes in the party format, HĐND and UBND in the state format; a joint session is issued by the
    body its plan names through the format set on it (or asked for)."""
    host = Host(ds.host)
    if host is not Host.JOINT:
        natural = issuers.format_of(host.value)
        if fmt is not None and fmt != natural:
            who = "Đảng ủy" if host is Host.PARTY else host.label
            wanted = "của Đảng" if fmt == PARTY else "hành chính"
            raise ValidationError({"format": f"Hội nghị do {who} chủ trì không dùng thể thức {wanted}; chỉ hội "
                                             "nghị liên tịch mới chọn được thể thức."})
    body, _fmt = followup.session_issuing_body(ds, fmt)
    return issuer_of(unit, body)


def _is_head_of(person: m.Official, body: str) -> bool:
    return bool({"dang_uy": person.is_party_head, "hdnd": person.is_council_head,
                 "ubnd": person.is_committee_head}[body])


def session_signer(session: Session, ds: m.DialogueSession, issuer: Issuer) -> tuple[m.Official | None, bool]:
    """Who signs the session's documents: the head of the issuing body — the chair when he heads it (or chairs
    for it, delegated), else a co-chair who heads it, else that body's head (a joint session chaired by the Bí
    thư but issued by UBND is signed by the Chủ tịch UBND)."""
    chair = ds.chair
    if chair is not None and (_is_head_of(chair, issuer.body) or chair.body == issuer.body):
        return chair, ds.chair_delegated
    for co_chair in ds.co_chairs:
        if _is_head_of(co_chair.official, issuer.body):
            return co_chair.official, co_chair.delegated
    head = catalog.heads(session, ds.session_date).get(issuer.body)
    return (head, False) if head is not None else (chair, ds.chair_delegated)


def signature_for(issuer: Issuer, person: m.Official | None, delegated: bool = False) -> dict:
    name = person.name if person else ""
    deputy = bool(person) and (delegated or not _is_head_of(person, issuer.body))
    sig = issuers.signature(issuer.body, name, deputy=deputy)
    return {"lines": sig.lines, "name": sig.name}


def common(unit: m.Commune, issuer: Issuer, *, number: int | None, symbol: str, issued: dt.date | None) -> dict:
    superior = unit.party_superior if issuer.fmt == PARTY else unit.state_superior
    body = issuers.BODIES[issuer.body]
    return {
        "superior": vi_upper(superior),
        "issuer": issuer.header_lines,
        "issuer_name": issuer.name,
        "issuer_body": issuer.body,
        "issuer_short": f"{body.running} {unit.kind}",
        "number_line": official.number_line(number, symbol, issuer.fmt),
        "place_date": official.place_date_line(unit.place_name or unit.name, issued),
        "date": dmy(issued),
        "place_kind": unit.kind,
        "place": f"{unit.kind} {unit.place_name}",
        "office": _office(unit, issuer.body),
        "commune": {"name": unit.name, "kind": unit.kind, "place": unit.place_name, "province": unit.province,
                    "committee": unit.committee, "council": unit.council, "party_committee": unit.party_committee,
                    "front": unit.front},
    }


def _keep(office_unit: str) -> str:
    return f"Lưu: VT, {office_unit or 'VP'}"


def _other_bodies(body: str, unit: m.Commune) -> list[str]:
    """The commune's other leading bodies (a copy goes to them, not to the issuer itself)."""
    names = {"dang_uy": f"Thường trực Đảng ủy {unit.kind}", "hdnd": f"Thường trực HĐND {unit.kind}",
             "ubnd": f"UBND {unit.kind}"}
    return [text for code, text in names.items() if code != body]


# -- citations ---------------------------------------------------------------------------------------------

@dataclass
class Citations:
    """Documents a document cites, from the register; what is missing becomes a warning and a dotted blank."""

    session: Session
    unit: m.Commune
    as_of: dt.date | None
    warnings: list[str] = field(default_factory=list)

    def of_session(self, kind: str, ds: m.DialogueSession, body: str, what: str) -> dict:
        fmt = issuers.format_of(body)
        symbol = official.symbol(kind, body, fmt, self.unit.office_unit)
        row = register.cited(self.session, kind, symbol, ds.id)
        who = issuer_of(self.unit, body).name
        if row is not None and (self.as_of is None or row.issued_date <= self.as_of):
            return {"issued": True, "reference": register.reference(row), "date": dmy(row.issued_date), "issuer": who}
        blank = official.reference(None, symbol)
        if row is None:
            why = "chưa có trong sổ văn bản đi"
        else:
            why = f"ban hành ngày {dmy(row.issued_date)}, sau ngày của văn bản này"
        self.warnings.append(f"{what} của {who} về hội nghị ngày {dmy(ds.session_date)} {why}: văn bản để trống số, "
                             f"ngày (“số {blank} ngày {DOTS}”) để ghi tay.")
        return {"issued": False, "reference": blank, "date": DOTS, "issuer": who}

    def conclusion_notice(self, ds: m.DialogueSession) -> dict | None:
        """The session's conclusion notice, once the session has one (else the session itself is cited)."""
        if ds.conclusion_notice_date is None or (self.as_of is not None and ds.conclusion_notice_date > self.as_of):
            return None
        body, _fmt = followup.session_issuing_body(ds)
        return self.of_session("conclusion", ds, body, "Thông báo kết luận")


# -- the session as documents show it ------------------------------------------------------------------------

def _titled(person: m.Official, unit: m.Commune) -> str:
    """The official's title as written after the name, with the commune when the title lacks it."""
    title = person.title.strip()
    kind = unit.kind
    if kind and not title.endswith(f" {kind}") and f" {kind} " not in f"{title} " and not title.endswith(
            unit.place_name):
        title = f"{title} {kind}"
    return title


def person_text(person: m.Official, unit: m.Commune, delegated: bool = False) -> str:
    return comrade(person.name, _titled(person, unit)) + (" (được ủy quyền)" if delegated else "")


def agency_person(agency: m.Agency) -> str:
    """"đồng chí Lương Thị Hằng, Trưởng phòng Kinh tế xã"; "lãnh đạo …" when the head is not recorded."""
    post = catalog.agency_head_post(agency)
    return comrade(agency.head_name, post) if agency.head_name else f"lãnh đạo {agency.name}"


def theme_of(ds: m.DialogueSession) -> str:
    """The theme of a thematic session: what follows "về"/"chuyên đề" in its title, else its title."""
    if ds.form != SessionForm.THEMATIC.value:
        return ""
    title = ds.title
    for marker in (" chuyên đề: ", " chuyên đề ", " về "):
        if marker in title:
            theme = title.split(marker, 1)[1]
            for tail in (f" năm {ds.session_date.year}",):
                theme = theme.split(tail)[0]
            return theme.strip(" ()“”\"")
    return ""


def session_view(session: Session, ds: m.DialogueSession, unit: m.Commune) -> dict:
    profile = domain_profile(ds.profile)
    chair = person_text(ds.chair, unit, ds.chair_delegated) if ds.chair else ""
    co_chairs = [person_text(c.official, unit, c.delegated) for c in ds.co_chairs]
    start = ds.planned_start
    points = [without_bridge_word(b.name) for b in ds.bridge_points]
    return {
        "id": ds.id,
        "title": ds.title,
        "title_lower": lower_first(ds.title),
        "host": Host(ds.host).label,
        "form": SessionForm(ds.form).label,
        "online": ds.form == SessionForm.ONLINE.value,
        "thematic": ds.form == SessionForm.THEMATIC.value,
        "theme": lower_first(theme_of(ds)),
        "regime": Regime(ds.regime).label,
        "date": dmy(ds.session_date),
        "date_words": official.date_words(ds.session_date),
        "when": when_text(start, ds.planned_end),
        "when_sentence": f"{when_text(start, ds.planned_end)}.",
        "place": ds.place,
        "bridge_points": points,
        "bridge_points_text": joined(points),
        "target_audience": ds.target_audience or f"Nhân dân trên địa bàn {unit.kind} {unit.place_name}",
        "audience_lower": _mid_sentence((ds.target_audience or f"Nhân dân trên địa bàn {unit.kind} "
                                                                 f"{unit.place_name}").rstrip(".")),
        "chair": upper_first(chair),
        "chair_mid": chair,
        "chair_name": ds.chair.name if ds.chair else "",
        "co_chairs": co_chairs,
        "co_chairs_text": joined(co_chairs),
        "co_chairs_head": upper_first(joined(co_chairs)),
        "participants": [p.agency.name if p.agency else p.name for p in ds.participants],
        "profile": profile.name,
    }


def _recipients(ds: m.DialogueSession, unit: m.Commune) -> list[str]:
    items = [r.text for r in ds.recipients] or sessions.default_recipients(ds.host, unit)
    return punctuated([*items, _keep(unit.office_unit)])


def registration_deadline(session: Session, ds: m.DialogueSession) -> dt.date:
    """Forms come back two working days before the session, so the office can sort them and tell the
    agencies what to prepare (the regulations leave the day to the plan)."""
    return load_calendar(session).subtract_working_days(ds.session_date, 2)


def _deadline_sentences(session: Session, ds: m.DialogueSession) -> dict:
    """The session's deadlines as the documents word them: the profile's count only where its text fixes one
    (domain.md §3), the date always; a date in a year whose days off are not announced yet says so."""
    view = sessions.deadlines(session, ds.id)
    profile = domain_profile(ds.profile)
    calendar = load_calendar(session)
    computed = view.computed

    def by(day: dt.date, *, anchor_pending: bool = False) -> str:
        notes = []
        if anchor_pending:
            notes.append("tính theo hạn thông báo kết luận")
        if calendar.is_provisional(day):
            notes.append("theo lịch nghỉ dự kiến")
        return f"chậm nhất ngày {dmy(day)}" + (f", {', '.join(notes)}" if notes else "")

    def phrase(rule, day: dt.date, *, before: bool = False, anchor_pending: bool = False) -> str:
        when = by(day, anchor_pending=anchor_pending)
        return f"{rule.describe(before=before)} ({when})" if rule.fixed_by_text else when

    answer = phrase(profile.answer, computed.answer_due, anchor_pending=computed.answer_provisional)
    if profile.complex_answer_days:
        complex_rule = profile.answer_rule(True)
        complex_when = by(computed.answer_due_complex, anchor_pending=computed.answer_provisional)
        answer += ("; vụ việc phức tạp " + (f"không quá {complex_rule.days:02d} {complex_rule.unit.label} "
                                            f"({complex_when})" if complex_rule.fixed_by_text else complex_when))
    return {
        "notice_latest": dmy(view.notice_latest),
        "notice_rule": profile.notice.describe(before=True) if profile.notice.fixed_by_text else "",
        "notice_sentence": phrase(profile.notice, view.notice_latest, before=True),
        "conclusion_due": dmy(view.conclusion_due),
        "conclusion_rule": profile.conclusion.describe() if profile.conclusion.fixed_by_text else "",
        "conclusion_sentence": phrase(profile.conclusion, view.conclusion_due),
        "answer_due": dmy(computed.answer_due),
        "answer_rule": profile.answer.describe() if profile.answer.fixed_by_text else "",
        "answer_sentence": answer,
        "after_steps": [f"{step.name} {by(day)}" for step, day in view.after_steps],
        "registration_deadline": dmy(registration_deadline(session, ds)),
        "profile": profile.name,
    }


# -- 1. the plan -------------------------------------------------------------------------------------------

def plan_context(session: Session, ds: m.DialogueSession, head: dict, cite: Citations) -> dict:
    unit = commune(session)
    view = session_view(session, ds, unit)
    previous = sessions.previous_session(session, ds.id)
    repeated = sessions.repeated_unresolved(session, ds.session_date)
    tasks = [{"assignee": t.assignee, "lines": lines(t.tasks)} for t in ds.tasks]
    return {
        "summary": ds.title,
        "legal_bases": _bases([b.text for b in ds.legal_bases]),
        "purpose": lines(ds.purpose),
        "requirements": lines(ds.requirements),
        "participants": punctuated(view["participants"] or ["Các cơ quan, đơn vị có liên quan"]),
        "content": lines(ds.content),
        "repeated": len(repeated),
        "previous": ({"date": dmy(previous.session_date),
                      "petitions": len(sessions.previous_session_petitions(session, ds.id))}
                     if previous is not None else None),
        "tasks": tasks,
        "directs_offices": head["issuer_body"] == "ubnd",
        "session": view,
        "deadlines": _deadline_sentences(session, ds),
        "recipients": _recipients(ds, unit),
    }


def _office(unit: m.Commune, body: str) -> str:
    """The issuer's own office in running text."""
    if body == "dang_uy":
        return f"Văn phòng Đảng ủy {unit.kind}"
    return f"Văn phòng HĐND và UBND {unit.kind}"


def _bases(bases: list[str]) -> list[str]:
    """"Căn cứ …;" each, the last ending "." (NĐ 30)."""
    texts = [b if b.lower().startswith(("căn cứ", "thực hiện")) else f"Căn cứ {b}" for b in bases]
    return punctuated(texts)


# -- 2. public notice ----------------------------------------------------------------------------------------

def notice_context(session: Session, ds: m.DialogueSession, head: dict, cite: Citations) -> dict:
    unit = commune(session)
    view = session_view(session, ds, unit)
    return {
        "summary": f"Về việc tổ chức {view['title_lower']}",
        "plan": cite.of_session("plan", ds, head["issuer_body"], "Kế hoạch tổ chức hội nghị"),
        "content": lines(ds.content),
        "session": view,
        "deadlines": _deadline_sentences(session, ds),
        "recipients": punctuated([*_other_bodies(head["issuer_body"], unit), f"Ủy ban MTTQ Việt Nam {unit.kind}",
                                  "Đài truyền thanh", "Trưởng các thôn, tổ dân phố", "Niêm yết tại trụ sở",
                                  _keep(unit.office_unit)]),
    }


# -- 3. invitation, 4. registration form -------------------------------------------------------------------

def invitees(ds: m.DialogueSession) -> list[str]:
    """Who is invited: an agency's head by name and title when recorded, else the agency or the category."""
    result = []
    for p in ds.participants:
        if p.agency is not None:
            result.append(upper_first(agency_person(p.agency)) if p.agency.head_name else p.agency.name)
        else:
            result.append(p.name)
    return result


def invitation_copies(names: list[str], per_invitee: bool) -> list[dict]:
    """One letter with the list of invitees, or one letter each (a layout of the export, not of the record)."""
    return [{"invitees": [name]} for name in names] if per_invitee else [{"invitees": punctuated(names)}]


def invitation_context(session: Session, ds: m.DialogueSession, head: dict, cite: Citations) -> dict:
    unit = commune(session)
    view = session_view(session, ds, unit)
    return {
        "summary": f"Dự {view['title_lower']}",
        "invitees": invitees(ds),
        "session": view,
        "deadlines": _deadline_sentences(session, ds),
        "recipients": punctuated(["Như thành phần mời", _keep(unit.office_unit)]),
    }


def registration_form_context(session: Session, ds: m.DialogueSession, head: dict, cite: Citations | None = None) -> dict:
    unit = commune(session)
    view = session_view(session, ds, unit)
    fields = [f.name for f in session.scalars(select(m.Field).where(m.Field.active.is_(True))
                                              .order_by(m.Field.position, m.Field.id))]
    half = (len(fields) + 1) // 2
    left, right = fields[:half], fields[half:]
    rows = [{"left": left[i], "right": right[i] if i < len(right) else ""} for i in range(half)]
    return {
        "summary": f"Tại {view['title_lower']}",
        "field_rows": rows,
        "speaks_for": [s.label for s in SpeaksFor],
        "return_deadline": dmy(registration_deadline(session, ds)),
        "form_place_date": f"{unit.place_name}, ngày …… tháng …… năm {ds.session_date.year}",
        "session": view,
    }


# -- 5. minutes ---------------------------------------------------------------------------------------------

def responder(session: Session, answer: m.OpinionAnswer, ds: m.DialogueSession, unit: m.Commune) -> str:
    """Who answered, named with the title once: an official, an agency's head, the chair, or the name typed."""
    if answer.official_id:
        person = session.get(m.Official, answer.official_id)
        if person is not None:
            return upper_first(person_text(person, unit))
    if answer.agency_id:
        agency = session.get(m.Agency, answer.agency_id)
        if agency is not None:
            return upper_first(agency_person(agency))
    if answer.responder_kind == ResponderKind.CHAIR.value and ds.chair is not None and not answer.responder_name:
        return upper_first(person_text(ds.chair, unit))
    if answer.responder_kind == ResponderKind.CHAIR.value and ds.chair is not None and \
            answer.responder_name.startswith(f"Đồng chí {ds.chair.name},"):
        return upper_first(person_text(ds.chair, unit))
    return answer.responder_name or ResponderKind(answer.responder_kind).label


def delegates(session: Session, ds: m.DialogueSession, unit: m.Commune, opinions: list[m.Opinion]) -> list[str]:
    """The delegates by name and title: officials who took part (the heads of a joint session's bodies, those
    who answered), then the heads of the invited agencies and of the agencies that answered. The invitation's
    categories ("Trưởng các thôn") are not delegates: their number is in the attendance."""
    chairs = {ds.chair_id, *(c.official_id for c in ds.co_chairs)}
    people: list[str] = []
    seen: set = set()
    # a person is named once, whether found as an official or as the head of an agency (the Chủ tịch Ủy ban
    # MTTQ is both)
    seen_names = {fold(p.name) for p in [ds.chair, *(c.official for c in ds.co_chairs)] if p is not None}

    def add(key, text: str, name: str = "") -> None:
        if key in seen or not text or (name and fold(name) in seen_names):
            return
        seen.add(key)
        if name:
            seen_names.add(fold(name))
        people.append(upper_first(text))

    if ds.host == Host.JOINT.value:
        for body, head in catalog.heads(session, ds.session_date).items():
            if head is not None and head.id not in chairs and body in ds.joint_bodies.split(","):
                add(("official", head.id), person_text(head, unit), head.name)
    answers = [a for op in opinions for a in op.answers]
    for answer in answers:
        if answer.official_id and answer.official_id not in chairs:
            person = session.get(m.Official, answer.official_id)
            if person is not None:
                add(("official", person.id), person_text(person, unit), person.name)
    agencies = [p.agency for p in ds.participants if p.agency is not None]
    agencies += [session.get(m.Agency, a.agency_id) for a in answers if a.agency_id]
    for agency in agencies:
        if agency is not None and agency.kind != "cap_tren":
            add(("agency", agency.id), agency_person(agency), agency.head_name)
    for answer in answers:
        if not answer.official_id and not answer.agency_id and answer.responder_kind != ResponderKind.CHAIR.value \
                and answer.responder_name:
            add(("name", answer.responder_name), answer.responder_name)
    return punctuated(people) if people else []


def minutes_context(session: Session, ds: m.DialogueSession, head: dict, cite: Citations) -> dict:
    unit = commune(session)
    view = session_view(session, ds, unit)
    start = ds.actual_start or ds.planned_start
    opinions = minutes.opinions(session, ds.id)
    notes = {step: [] for step in AgendaStep}
    for log in ds.agenda_log:
        notes[AgendaStep(log.step)] += lines(log.note)
    spoken = []
    by_agency: dict[str, list[int]] = {}
    for number, op in enumerate(opinions, 1):
        place = op.hamlet.name if op.hamlet else op.address
        answers = []
        for a in op.answers:
            if not a.content:
                continue
            who = responder(session, a, ds, unit)
            answers.append({"who": who, "text": a.content})
            if a.agency_id or a.official_id or (a.responder_kind != ResponderKind.CHAIR.value and a.responder_name):
                by_agency.setdefault(who, []).append(number)
        gender = op.registration.gender if op.registration else None
        spoken.append({
            "number": number,
            "speaker": honorific(op.speaker_name, gender),
            "place": place or "",
            "lines": lines(op.content) or ["(không ghi nội dung)"],
            "answers": answers,
            "outcome": Outcome(op.outcome).label if op.outcome else "",
        })
    end = ds.actual_end
    secretary = ds.secretary.name if ds.secretary else ds.secretary_name
    secretary_text = person_text(ds.secretary, unit) if ds.secretary else (
        comrade(ds.secretary_name, "") if ds.secretary_name else "")
    return {
        "summary": view["title"],
        "start_time": clock_text(start),
        "start_day": weekday_date(start.date()),
        "end_time": clock_text(end) if end else "",
        "end_day": dmy(end) if end else "",
        "ends_same_day": bool(end and end.date() == start.date()),
        "delegates": delegates(session, ds, unit, opinions),
        "citizens": ds.citizens_attending if ds.citizens_attending is not None else DOTS,
        "delegates_count": ds.delegates_attending if ds.delegates_attending is not None else DOTS,
        "secretary_text": upper_first(secretary_text),
        "secretary_mid": secretary_text,
        "steps": {"a": notes[AgendaStep.OPENING], "b": notes[AgendaStep.HEAD_INFORMS],
                  "c": notes[AgendaStep.CITIZENS_SPEAK], "d": notes[AgendaStep.AGENCIES_ANSWER],
                  "dd": notes[AgendaStep.CONCLUSION]},
        "opinions": spoken,
        "answerers": [{"who": who, "numbers": ", ".join(str(n) for n in numbers)} for who, numbers in by_agency.items()],
        "conclusion": lines(ds.general_conclusion) or [wording.DOTS],
        "secretary_name": secretary,
        "chair_name": view["chair_name"],
        "session": view,
        "recipients": punctuated([*_other_bodies(head["issuer_body"], unit), f"Ủy ban MTTQ Việt Nam {unit.kind}",
                                  _keep(unit.office_unit)]),
    }


# -- 6. conclusion notice ------------------------------------------------------------------------------------

def _petitions(session: Session, ds: m.DialogueSession) -> list[m.Petition]:
    return list(session.scalars(select(m.Petition).where(m.Petition.session_id == ds.id)
                                .order_by(m.Petition.id)))


def _citizen(p: m.Petition) -> str:
    place = p.hamlet.name if p.hamlet else p.address
    return f"{p.citizen_name} ({place})" if place else p.citizen_name


def _decided_at_meeting(p: m.Petition) -> bool:
    return p.status in (PetitionStatus.ANSWERED_AT_MEETING.value, PetitionStatus.NOT_COMPETENT.value) and \
        p.resolved_date == p.session.session_date


def _proposed_upward(p: m.Petition) -> bool:
    return p.opinion is not None and p.opinion.outcome == Outcome.UPWARD.value


def conclusion_context(session: Session, ds: m.DialogueSession, head: dict, cite: Citations) -> dict:
    """The chair's conclusions as they were notified on the notice's date: each petition's deadline is the one
    in force that day (an extension granted later is not in this notice)."""
    unit = commune(session)
    view = session_view(session, ds, unit)
    petitions = _petitions(session, ds)
    day = cite.as_of or dt.date.today()
    rows = []
    answered = 0
    for number, p in enumerate(petitions, 1):
        # the table's narrow column takes the agency's short name ("Phòng Kinh tế")
        agency = (p.lead_agency.short_name or p.lead_agency.name) if p.lead_agency else ""
        if _decided_at_meeting(p):
            answered += p.status == PetitionStatus.ANSWERED_AT_MEETING.value
            agency, due = agency or "Đã trả lời tại hội nghị", "—"
        elif _proposed_upward(p):
            agency, due = f"Đề nghị {p.transferred_to or (p.lead_agency.name if p.lead_agency else 'cấp trên')}", "—"
        else:
            due = dmy(followup.due_as_of(p, day)) or "—"
        rows.append({"number": number, "citizen": _citizen(p), "content": p.content,
                     "conclusion": p.conclusion or "", "agency": agency, "due": due})
    start = ds.actual_start or ds.planned_start
    agencies = list(dict.fromkeys(p.lead_agency.name for p in petitions
                                  if p.lead_agency and p.lead_agency.kind != "cap_tren"))
    opinions = minutes.opinions(session, ds.id)
    return {
        "summary": f"Kết luận của người chủ trì tại {view['title_lower']}",
        "held_on": dmy(start),
        "attendance": joined([f"{ds.citizens_attending} công dân" if ds.citizens_attending is not None else "",
                              f"{ds.delegates_attending} đại biểu" if ds.delegates_attending is not None else ""]),
        "counts": {"opinions": len(opinions), "petitions": len(petitions), "answered": answered},
        "conclusion": lines(ds.general_conclusion) or [wording.DOTS],
        "rows": rows,
        "directs_offices": head["issuer_body"] == "ubnd",
        "session": view,
        "deadlines": _deadline_sentences(session, ds),
        "recipients": punctuated([*agencies, f"Ủy ban MTTQ Việt Nam {unit.kind}",
                                  *_other_bodies(head["issuer_body"], unit), "Trưởng các thôn, tổ dân phố",
                                  _keep(unit.office_unit)]),
    }


# -- 7.–9. letters -------------------------------------------------------------------------------------------

def _citizen_view(session: Session, p: m.Petition, unit: m.Commune) -> dict:
    reg = p.opinion.registration if p.opinion and p.opinion.registration else (
        session.get(m.Registration, p.registration_id) if p.registration_id else None)
    gender = reg.gender if reg else None
    title = honorific(p.citizen_name, gender)
    place = p.hamlet.name if p.hamlet else p.address
    where = f"{place}, {unit.kind} {unit.place_name}" if place else f"{unit.kind} {unit.place_name}"
    return {"title": title, "title_mid": title if gender else lower_first(title), "name": p.citizen_name,
            "gender_known": gender is not None, "address": where}


def _petition_view(p: m.Petition) -> dict:
    return {"id": p.id, "citizen": p.citizen_name, "address": p.hamlet.name if p.hamlet else p.address,
            "field": p.field.name if p.field else "", "content": p.content.rstrip(". "),
            "conclusion": p.conclusion, "resolution": p.resolution, "status": PetitionStatus(p.status).label,
            "agency": p.lead_agency.name if p.lead_agency else ""}


def _letter_recipients(session: Session, p: m.Petition, head: dict, unit: m.Commune, signer_name: str) -> list[str]:
    """Như trên; the chair of the session when he does not sign it (để b/c); the agency; Lưu."""
    ds = p.session
    items = ["Như trên"]
    if ds.chair is not None and ds.chair.name != signer_name:
        items.append(f"{upper_first(comrade(ds.chair.name, _titled(ds.chair, unit)))}, chủ trì hội nghị (để b/c)")
    if p.lead_agency is not None and p.lead_agency.kind != "cap_tren":
        items.append(p.lead_agency.name)
    return punctuated([*items, _keep(unit.office_unit)])


def reply_context(session: Session, p: m.Petition, head: dict, cite: Citations) -> dict:
    unit = commune(session)
    ds = p.session
    citizen = _citizen_view(session, p, unit)
    return {
        "subject": "V/v trả lời kiến nghị của công dân",
        "addressees": [f"{citizen['title']} ({citizen['address']})."],
        "citizen": citizen,
        "petition": _petition_view(p),
        "answer": lines(p.resolution),
        "notice": cite.conclusion_notice(ds),
        "session": session_view(session, ds, unit),
        "recipients": _letter_recipients(session, p, head, unit, head["signature"]["name"]),
    }


def extension_context(session: Session, p: m.Petition, head: dict, cite: Citations) -> dict:
    unit = commune(session)
    ds = p.session
    last = p.extensions[-1]
    citizen = _citizen_view(session, p, unit)
    return {
        "subject": "V/v thông báo gia hạn thời gian giải quyết kiến nghị",
        "addressees": [f"{citizen['title']} ({citizen['address']})."],
        "citizen": citizen,
        "petition": _petition_view(p),
        "extension": {"previous_due": dmy(last.previous_due), "new_due": dmy(last.new_due),
                      "reason": lower_first(last.reason.strip().rstrip(".")),
                      "agency": p.lead_agency.name if p.lead_agency else ""},
        "notice": cite.conclusion_notice(ds),
        "session": session_view(session, ds, unit),
        "recipients": _letter_recipients(session, p, head, unit, head["signature"]["name"]),
    }


def upward_petitions(session: Session, ds: m.DialogueSession, as_of: dt.date | None = None,
                     entry: m.IssuedDocument | None = None) -> list[m.Petition]:
    """Petitions of the session beyond the commune's competence, as of ``as_of``: those the proposal ``entry``
    carried, transferred by then, or that the meeting decided to propose and are still open."""
    result = []
    for p in _petitions(session, ds):
        if entry is not None and p.transfer_document_id == entry.id:
            result.append(p)
            continue
        transferred = p.status == PetitionStatus.TRANSFERRED.value and (
            as_of is None or p.resolved_date is None or p.resolved_date <= as_of)
        if transferred and (entry is None or p.transfer_document_id in (None, entry.id)):
            result.append(p)
        elif _proposed_upward(p) and (p.status in followup.OPEN_STATUSES or (
                as_of is not None and p.status == PetitionStatus.TRANSFERRED.value and p.resolved_date
                and p.resolved_date > as_of)):
            result.append(p)
    return result


def _superior_bodies(p: m.Petition, unit: m.Commune) -> str:
    if p.transferred_to:
        return p.transferred_to
    if p.lead_agency is not None and p.lead_agency.kind == "cap_tren":
        return p.lead_agency.name
    return "Ủy ban nhân dân tỉnh"


def upward_context(session: Session, ds: m.DialogueSession, head: dict, cite: Citations,
                   entry: m.IssuedDocument | None = None) -> dict:
    """Addressed to the bodies that must act on its items (each transferred petition's)."""
    unit = commune(session)
    view = session_view(session, ds, unit)
    petitions = upward_petitions(session, ds, cite.as_of, entry)
    items, bodies = [], []
    for p in petitions:
        place = p.hamlet.name if p.hamlet else p.address
        citizen = _citizen_view(session, p, unit)
        body = _superior_bodies(p, unit)
        bodies.append(body)
        items.append({"citizen": citizen["title"], "place": place or "",
                      "field": lower_first(p.field.name) if p.field else "", "content": p.content.rstrip(". "),
                      "conclusion": p.conclusion.rstrip(". "), "body": body})
    bodies = list(dict.fromkeys(bodies))
    return {
        "subject": "V/v đề nghị xem xét, giải quyết kiến nghị của công dân",
        "addressees": punctuated(bodies) if len(bodies) > 1 else [(bodies or ["Ủy ban nhân dân tỉnh"])[0] + "."],
        "bodies_text": joined(bodies),
        "items": items,
        "notice": cite.conclusion_notice(ds),
        "session": view,
        "recipients": punctuated(["Như trên", *_other_bodies(head["issuer_body"], unit), _keep(unit.office_unit)]),
    }


# -- 10. yearly report ---------------------------------------------------------------------------------------

def report_texts(session: Session, year: int) -> dict[str, list[str]]:
    """The clerk's assessment and directions as paragraphs; dotted lines to fill in Word when empty."""
    saved = report_texts_service.load(session, year)
    return {key: lines(text) or [wording.DOTS, wording.DOTS] for key, text in saved.items()}


def _pct(part: int, whole: int) -> str:
    return f"{part / whole * 100:.1f}%".replace(".", ",") if whole else "0%"


def _day_of(session: Session, session_id: int) -> dt.date:
    return get(session, m.DialogueSession, session_id).session_date


def annual_report_context(session: Session, year: int, issuer: Issuer, head: dict,
                          stats: statistics.Statistics) -> dict:
    unit = commune(session)
    total = stats.total
    forms = [f"{total.by_form.get(f.value, 0)} cuộc {f.label.lower()}" for f in SessionForm
             if total.by_form.get(f.value, 0)]
    hosts = [f"{Host(h).label}: {fig.sessions_held} cuộc" for h, fig in stats.by_host.items() if fig.sessions_held]
    session_rows = []
    held = [s for s in sessions.list_sessions(session, year)
            if s.id in stats.by_session and SessionStatus(s.status).held]
    for number, ds in enumerate(held, 1):
        fig = stats.by_session[ds.id]
        chair = ds.chair.name if ds.chair else ""
        session_rows.append({"number": number, "date": dmy(ds.session_date),
                             "chair": f"{chair} ({Host(ds.host).label})" if chair else Host(ds.host).label,
                             "form": f"{SessionForm(ds.form).label}, {Regime(ds.regime).label.lower()}",
                             "citizens": ds.citizens_attending if ds.citizens_attending is not None else "",
                             "opinions": fig.opinions, "petitions": fig.petitions})
    compliance = []
    for c in stats.compliance:
        who = f"{c.post_label} {c.official_name}".strip() if c.who != "chinh_quyen" else c.post_label
        line = (f"- {who}: phải tổ chức ít nhất {c.required:02d} cuộc, đã tổ chức {c.held} cuộc được tính"
                + (f", {c.upcoming} cuộc đã có kế hoạch" if c.upcoming else "") + f" — {c.state_label.lower()}")
        if c.not_counted:
            line += "; không tính: " + "; ".join(
                f"cuộc ngày {dmy(_day_of(session, sid))} ({why})" for sid, why in c.not_counted)
        compliance.append(line + ".")
    field_rows = []
    for number, name in enumerate([n for n in stats.fields if sum(total.by_field_status.get(n, {}).values())], 1):
        cell = total.by_field_status[name]
        field_rows.append({
            "number": number, "field": name, "total": sum(cell.values()),
            "answered": cell[PetitionStatus.ANSWERED_AT_MEETING.value],
            "resolved": cell[PetitionStatus.RESOLVED.value],
            "open": cell[PetitionStatus.NEW.value] + cell[PetitionStatus.IN_PROGRESS.value],
            "other": cell[PetitionStatus.TRANSFERRED.value] + cell[PetitionStatus.NOT_COMPETENT.value],
        })
    if field_rows:
        field_rows.append({"number": "", "field": "Tổng cộng", "total": total.petitions,
                           "answered": total.answered_at_meeting, "resolved": total.resolved,
                           "open": total.in_progress, "other": total.transferred + total.not_competent})
    texts = report_texts(session, year)
    annex_rows = []
    today = stats.today
    labels = {status.value: status.label for status in PetitionStatus}
    # plain rows from the one list behind the figures (a large year's annex has thousands of them)
    for number, row in enumerate(statistics.matter_rows(session, stats), 1):
        status = labels[row.status]
        if row.overdue or row.on_time is False:
            status += " (quá hạn)"
        elif row.result_unanswered:
            status += " (đã có kết quả, chưa trả lời công dân)"
        place = row.hamlet or row.address
        annex_rows.append(Item({"number": number, "date": dmy(row.session_date),
                                "citizen": f"{row.citizen} ({place})" if place else row.citizen,
                                "field": row.field, "content": row.content, "agency": row.agency,
                                "due": dmy(row.due), "status": status, "resolved": dmy(row.closed_date)}))
    addressees, copies = report_addressees(unit, issuer.body)
    avg = total.avg_days_to_resolve
    return {
        "summary": f"Kết quả tiếp xúc, đối thoại trực tiếp với Nhân dân năm {year}",
        "addressees": punctuated(addressees) if len(addressees) > 1 else [addressees[0] + "."],
        "profile_name": stats.profile_name,
        "hosts_text": "; ".join(hosts),
        "forms_text": ", ".join(forms),
        "session_rows": session_rows,
        "compliance": compliance,
        "pct": {"answered": _pct(total.answered_at_meeting, total.petitions),
                "resolved": _pct(total.resolved, total.petitions),
                "closed": _pct(total.resolved + total.answered_at_meeting, total.petitions)},
        "avg_days": str(avg).replace(".", ",") if avg is not None else "",
        "field_rows": field_rows,
        "strengths": texts["strengths"], "weaknesses": texts["weaknesses"], "causes": texts["causes"],
        "directions": texts["directions"],
        "annex_rows": annex_rows,
        "year": year,
        "as_of": dmy(today),
        "figures": {key: value for key, _label, value in total.items()},
        "recipients": punctuated(["Như trên", *copies, _keep(unit.office_unit)]),
    }


def _is_party_body(name: str) -> bool:
    lower = name.lower()
    return "ủy" in lower and "ủy ban" not in lower  # "Tỉnh ủy", "Ban … Tỉnh ủy"; not "Ủy ban nhân dân"


def report_addressees(unit: m.Commune, body: str) -> tuple[list[str], list[str]]:
    """Whom a body's yearly report goes to (001 Điều 9.3c, 13.3c): the same-level party committee and the direct
    superior — the party's for the Bí thư, the state's for HĐND and UBND — and, for information, Ủy ban MTTQ
    and the socio-political organisations of the commune. Superior bodies come from the commune's settings."""
    place = f"{unit.kind} {unit.place_name}"
    superiors = list(unit.superior_recipients or [])
    party = [r for r in superiors if _is_party_body(r)]
    state = [r for r in superiors if not _is_party_body(r)]
    if body == "dang_uy":
        addressees = [f"Ban Chấp hành Đảng bộ {place}", *(party or ["Ban Thường vụ Tỉnh ủy"])]
        copies = [f"Thường trực HĐND, UBND {unit.kind}"]
    else:
        default = "Thường trực Hội đồng nhân dân tỉnh" if body == "hdnd" else "Ủy ban nhân dân tỉnh"
        addressees = [f"Ban Thường vụ Đảng ủy {place}", *(state or [default])]
        copies = [f"Thường trực HĐND {unit.kind}" if body == "ubnd" else f"UBND {unit.kind}"]
    copies.insert(0, f"Ủy ban MTTQ Việt Nam và các tổ chức chính trị - xã hội {unit.kind} (để theo dõi, giám sát)")
    return addressees, copies
