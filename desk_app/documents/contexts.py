"""What goes into each document: every date, count, name and deadline from the services.

Each ``*_context`` function returns the template variables (documented in
``resources/templates/README.md``) and raises :class:`MissingDataError` listing what the record lacks.
Text the clerk wrote with several lines becomes several paragraphs (lists of strings).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session, selectinload

from desk_app.documents import wording
from desk_app.domain import official
from desk_app.domain.errors import ValidationError
from desk_app.domain.official import PARTY, STATE
from desk_app.domain.states import (AgendaStep, Host, Outcome, PetitionStatus, Regime, ResponderKind,
                                    SessionForm, SessionStatus, SpeaksFor)
from desk_app.domain.text import vi_upper
from desk_app.store import models as m
from desk_app.services import catalog, followup, minutes, sessions, statistics
from desk_app.services import report_texts as report_texts_service
from desk_app.services.common import commune, domain_profile, get, load_calendar

BODY_NAMES = {"dang_uy": "party_committee", "hdnd": "council", "ubnd": "committee"}


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


def punctuated(items: list[str], last: str = ".") -> list[str]:
    """"- a;" … "- z." : every item ends with ";" and the last with ``last``."""
    cleaned = [item.strip().rstrip(";.,") for item in items if item and item.strip()]
    return [item + (";" if i < len(cleaned) - 1 else last) for i, item in enumerate(cleaned)]


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
    return f"{clock_text(start)[:1].upper()}{clock_text(start)[1:]}, {weekday_date(start.date())}"


def title_of(person_name: str, gender: str | None = None) -> str:
    if gender == "nam":
        return f"Ông {person_name}"
    if gender == "nu":
        return f"Bà {person_name}"
    return f"Ông (Bà) {person_name}"


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


def session_issuer(ds: m.DialogueSession, unit: m.Commune, fmt: str | None = None) -> Issuer:
    """The body that issues the session's documents and its format: the party committee writes in the party
    format, HĐND and UBND in the state format; a joint session uses the format set on it (or asked for),
    which also decides whether the party committee or the People's Committee issues."""
    host = Host(ds.host)
    if host is Host.JOINT:
        fmt = fmt or ds.document_format or STATE
        bodies = sessions.session_bodies(ds)
        if fmt == PARTY and "dang_uy" in bodies:
            body = "dang_uy"
        else:
            fmt = STATE
            body = "ubnd" if "ubnd" in bodies else "hdnd"
    else:
        body = host.value
        natural = PARTY if body == "dang_uy" else STATE
        if fmt is not None and fmt != natural:
            who = "Đảng ủy" if body == "dang_uy" else Host(body).label
            wanted = "của Đảng" if fmt == PARTY else "hành chính"
            raise ValidationError({"format": f"Hội nghị do {who} chủ trì không dùng thể thức {wanted}; chỉ hội "
                                             "nghị liên tịch mới chọn được thể thức."})
        fmt = natural
    return Issuer(body, fmt, getattr(unit, BODY_NAMES[body]) or unit.name)


def _is_head_of(person: m.Official, body: str) -> bool:
    return bool({"dang_uy": person.is_party_head, "hdnd": person.is_council_head,
                 "ubnd": person.is_committee_head}[body])


def session_signer(session: Session, ds: m.DialogueSession, issuer: Issuer) -> tuple[m.Official | None, bool]:
    """Who signs the session's documents: the chair when they belong to the issuing body, else a co-chair
    who heads it, else that body's head (a joint session chaired by the Bí thư but issued by the UBND is
    signed by the Chủ tịch UBND)."""
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
    sig = official.signature(issuer.body, issuer.fmt, name, deputy=deputy)
    return {"lines": sig.lines, "name": sig.name}


def common(unit: m.Commune, issuer: Issuer, *, number: int | None, symbol: str, issued: dt.date | None) -> dict:
    superior = unit.party_superior if issuer.fmt == PARTY else unit.state_superior
    return {
        "superior": vi_upper(superior),
        "issuer": issuer.header_lines,
        "issuer_name": issuer.name,
        "number_line": official.number_line(number, symbol, issuer.fmt),
        "place_date": official.place_date_line(unit.place_name or unit.name, issued),
        "commune": {"name": unit.name, "kind": unit.kind, "place": unit.place_name, "province": unit.province,
                    "committee": unit.committee, "council": unit.council, "party_committee": unit.party_committee,
                    "front": unit.front},
    }


def _keep(office_unit: str) -> str:
    return f"Lưu: VT, {office_unit or 'VP'}"


# -- the session as documents show it ------------------------------------------------------------------------

def _chair_title(person: m.Official, unit: m.Commune) -> str:
    title = person.title
    kind = unit.kind
    if kind and f" {kind}" not in title and not title.endswith(unit.place_name):
        title = f"{title} {kind} {unit.place_name}".strip()
    return title


def session_view(session: Session, ds: m.DialogueSession, unit: m.Commune) -> dict:
    profile = domain_profile(ds.profile)
    chair = ds.chair
    chair_text = f"Đồng chí {chair.name}, {_chair_title(chair, unit)}" if chair else ""
    if chair and ds.chair_delegated:
        chair_text += " (được ủy quyền)"
    co_chairs = [f"Đồng chí {c.official.name}, {_chair_title(c.official, unit)}" + (" (được ủy quyền)" if c.delegated else "")
                 for c in ds.co_chairs]
    start = ds.planned_start
    participants = [p.agency.name if p.agency else p.name for p in ds.participants]
    return {
        "id": ds.id,
        "title": ds.title,
        "title_lower": lower_first(ds.title),
        "host": Host(ds.host).label,
        "form": SessionForm(ds.form).label,
        "regime": Regime(ds.regime).label,
        "date": dmy(ds.session_date),
        "date_words": official.date_words(ds.session_date),
        "when": when_text(start, ds.planned_end),
        "when_sentence": f"{when_text(start, ds.planned_end)}.",
        "place": ds.place,
        "bridge_points": [f"{b.name}" + (f" ({b.address})" if b.address else "") for b in ds.bridge_points],
        "target_audience": ds.target_audience or f"Nhân dân trên địa bàn {unit.kind} {unit.place_name}.",
        "chair": chair_text,
        "chair_name": chair.name if chair else "",
        "co_chairs": co_chairs,
        "participants": participants,
        "profile": profile.name,
    }


def _recipients(ds: m.DialogueSession, unit: m.Commune) -> list[str]:
    items = [r.text for r in ds.recipients] or sessions.default_recipients(ds.host, unit)
    return punctuated([*items, _keep(unit.office_unit)])


def _chair_lines(view: dict) -> list[str]:
    result = [f"{view['chair']} chủ trì hội nghị."]
    if view["co_chairs"]:
        result.append("Đồng chủ trì: " + "; ".join(view["co_chairs"]) + ".")
    return result


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

def plan_context(session: Session, ds: m.DialogueSession, head: dict) -> dict:
    unit = commune(session)
    view = session_view(session, ds, unit)
    deadlines = _deadline_sentences(session, ds)
    issuer_name = head["issuer_name"]
    bases = [b.text for b in ds.legal_bases]
    previous = sessions.previous_session(session, ds.id)
    repeated = sessions.repeated_unresolved(session, ds.session_date)
    preparation = [
        "Chuẩn bị cơ sở vật chất và các điều kiện cần thiết; xây dựng chương trình hội nghị.",
        "Rà soát, thống kê, tổng hợp, phân loại nội dung, mức độ cấp thiết của các vấn đề Nhân dân kiến nghị, "
        "phản ánh, nhất là các kiến nghị đã nêu nhiều lần nhưng chưa được giải quyết"
        + (f" (hiện có {len(repeated)} kiến nghị)" if repeated else "")
        + "; chuyển các cơ quan, đơn vị liên quan chuẩn bị nội dung trả lời.",
    ]
    if previous is not None:
        pending = sessions.previous_session_petitions(session, ds.id)
        preparation.append(
            f"Báo cáo kết quả giải quyết {len(pending)} kiến nghị của hội nghị ngày {dmy(previous.session_date)}.")
    preparation += [
        f"Thông báo công khai kế hoạch trên hệ thống truyền thanh, niêm yết tại trụ sở và gửi giấy mời kèm phiếu "
        f"đăng ký nội dung phát biểu {deadlines['notice_sentence']}.",
        f"Công dân gửi phiếu đăng ký nội dung phát biểu về Văn phòng hoặc qua Trưởng thôn, tổ dân phố trước ngày "
        f"{deadlines['registration_deadline']}.",
    ]
    after = [
        *[f"{step}." for step in deadlines["after_steps"]],
        f"Người chủ trì thông báo ý kiến kết luận bằng văn bản đến các cơ quan, đơn vị {deadlines['conclusion_sentence']}"
        "; chỉ đạo phân công các cơ quan, đơn vị giải quyết.",
        f"Các cơ quan, đơn vị được giao xem xét, giải quyết và trả lời bằng văn bản cho công dân "
        f"{deadlines['answer_sentence']}; trường hợp cần thêm thời gian phải thông báo bằng văn bản cho công dân "
        f"về thời hạn trả lời mới.",
        "Những nội dung vượt quá thẩm quyền, tham mưu văn bản đề nghị cấp trên xem xét, giải quyết.",
        "Văn phòng theo dõi, đôn đốc việc giải quyết; công khai kết quả tại trụ sở, trên hệ thống truyền thanh và "
        "gửi Trưởng các thôn, tổ dân phố.",
    ]
    place_words = {"unit_kind": unit.kind, "committee_short": f"{'HĐND - UBND'} {unit.kind}",
                   "issuer_name_plain": issuer_name}
    tasks = [{"assignee": t.assignee, "lines": lines(t.tasks)} for t in ds.tasks]
    if not tasks:
        tasks = [{"assignee": a.format(**place_words), "lines": [b.format(**place_words)]}
                 for a, b in wording.DEFAULT_TASKS]
    return {
        "summary": ds.title,
        "legal_bases": _bases(bases),
        "intro": f"{issuer_name} xây dựng Kế hoạch tổ chức {view['title_lower']} như sau:",
        "purpose": lines(ds.purpose) or list(wording.PURPOSE),
        "requirements": lines(ds.requirements) or list(wording.REQUIREMENTS),
        "chair_lines": _chair_lines(view),
        "participants": punctuated(view["participants"] or ["Các cơ quan, đơn vị có liên quan"]),
        "content": lines(ds.content) or list(wording.CONTENT),
        "preparation": preparation,
        "agenda": list(wording.AGENDA),
        "after_session": after,
        "tasks": tasks,
        "closing": f"Trên đây là Kế hoạch tổ chức {view['title_lower']}; đề nghị các cơ quan, đơn vị, cá nhân "
                   "liên quan triển khai thực hiện./.",
        "session": view,
        "deadlines": deadlines,
        "recipients": _recipients(ds, unit),
    }


def _bases(bases: list[str]) -> list[str]:
    """"Căn cứ …;" each, the last ending "." (NĐ 30)."""
    texts = [b if b.lower().startswith(("căn cứ", "thực hiện")) else f"Căn cứ {b}" for b in bases]
    return punctuated(texts)


# -- 2. public notice ----------------------------------------------------------------------------------------

def notice_context(session: Session, ds: m.DialogueSession, head: dict) -> dict:
    unit = commune(session)
    view = session_view(session, ds, unit)
    deadlines = _deadline_sentences(session, ds)
    plan = session.scalar(select(m.IssuedDocument).where(m.IssuedDocument.session_id == ds.id,
                                                          m.IssuedDocument.kind == "plan")
                          .order_by(m.IssuedDocument.id.desc()).limit(1))
    basis = ""
    if plan is not None and plan.number:
        basis = (f"Thực hiện Kế hoạch số {plan.number:02d}/{plan.symbol} ngày {dmy(plan.issued_date)} của "
                 f"{head['issuer_name']}, ")
    elif ds.plan_issued_date:
        basis = f"Thực hiện Kế hoạch ngày {dmy(ds.plan_issued_date)} của {head['issuer_name']}, "
    intro = (f"{basis}{head['issuer_name']} thông báo tổ chức {view['title_lower']} như sau:")
    intro = intro[:1].upper() + intro[1:]
    return {
        "summary": f"Về việc tổ chức {view['title_lower']}",
        "intro": intro,
        "chair_lines": _chair_lines(view),
        "content": lines(ds.content) or list(wording.CONTENT),
        "attendance": f"Mời {lower_first(view['target_audience'].rstrip('.'))} quan tâm đến dự; các cơ quan, đơn vị "
                      "được mời theo giấy mời.",
        "registration_lines": [
            "Công dân có ý kiến, kiến nghị ghi vào phiếu đăng ký nội dung phát biểu (nhận tại Văn phòng hoặc "
            "Trưởng thôn, tổ dân phố) và gửi về Văn phòng hoặc Trưởng thôn, tổ dân phố trước ngày "
            f"{deadlines['registration_deadline']}.",
            "Công dân chưa đăng ký trước vẫn được đăng ký phát biểu tại hội nghị theo sự điều hành của người chủ trì.",
        ],
        "closing": "Đề nghị Trưởng các thôn, tổ dân phố, Đài truyền thanh thông báo rộng rãi để Nhân dân biết, "
                   "tham dự./.",
        "session": view,
        "deadlines": deadlines,
        "recipients": punctuated(["Thường trực Đảng ủy", "Thường trực HĐND", "Ủy ban MTTQ Việt Nam "
                                  f"{unit.kind}", "Đài truyền thanh", "Trưởng các thôn, tổ dân phố",
                                  "Niêm yết tại trụ sở", _keep(unit.office_unit)]),
    }


# -- 3. invitation, 4. registration form -------------------------------------------------------------------

def invitation_context(session: Session, ds: m.DialogueSession, head: dict, *, per_invitee: bool) -> dict:
    unit = commune(session)
    view = session_view(session, ds, unit)
    invitees = view["participants"]
    if per_invitee:
        copies = [{"invitees": [name]} for name in invitees]
    else:
        copies = [{"invitees": punctuated(invitees)}]
    deadlines = _deadline_sentences(session, ds)
    return {
        "summary": f"Dự {view['title_lower']}",
        "copies": copies,
        "event": view["title"],
        "chair_text": view["chair"] + (("; đồng chủ trì: " + "; ".join(view["co_chairs"])) if view["co_chairs"] else ""),
        "notes": [f"Đề nghị các cơ quan, đơn vị chuẩn bị nội dung trả lời các ý kiến, kiến nghị thuộc lĩnh vực phụ "
                  f"trách; phiếu đăng ký nội dung phát biểu gửi kèm, nhận lại trước ngày "
                  f"{deadlines['registration_deadline']}."],
        "closing": "Rất mong các đồng chí và Nhân dân đến dự đúng thời gian, địa điểm./.",
        "session": view,
        "recipients": punctuated(["Như thành phần mời", _keep(unit.office_unit)]),
    }


def registration_form_context(session: Session, ds: m.DialogueSession, head: dict) -> dict:
    unit = commune(session)
    view = session_view(session, ds, unit)
    fields = [f.name for f in session.scalars(select(m.Field).where(m.Field.active.is_(True))
                                              .order_by(m.Field.position, m.Field.id))]
    half = (len(fields) + 1) // 2
    left, right = fields[:half], fields[half:]
    rows = [{"left": left[i], "right": right[i] if i < len(right) else ""} for i in range(half)]
    deadline = dmy(registration_deadline(session, ds))
    return {
        "summary": f"Tại {view['title_lower']} ({view['when']}, tại {view['place']})",
        "field_rows": rows,
        "speaks_for": [s.label for s in SpeaksFor],
        "return_note": f"Phiếu đăng ký gửi về Văn phòng {head['issuer_name']} hoặc Trưởng thôn, tổ dân phố trước "
                       f"ngày {deadline}. Công dân được đăng ký thêm tại hội nghị.",
        "return_deadline": deadline,
        "form_place_date": f"{unit.place_name}, ngày …… tháng …… năm {ds.session_date.year}",
        "session": view,
    }


# -- 5. minutes ---------------------------------------------------------------------------------------------

def _responder(answer: m.OpinionAnswer, session: Session) -> str:
    if answer.responder_name:
        return answer.responder_name
    if answer.official_id:
        person = session.get(m.Official, answer.official_id)
        if person:
            return f"Đồng chí {person.name}, {person.title}"
    if answer.agency_id:
        agency = session.get(m.Agency, answer.agency_id)
        if agency:
            return catalog.agency_head_post(agency)
    return ResponderKind(answer.responder_kind).label


def minutes_context(session: Session, ds: m.DialogueSession, head: dict) -> dict:
    unit = commune(session)
    view = session_view(session, ds, unit)
    start = ds.actual_start or ds.planned_start
    opinions = minutes.opinions(session, ds.id)
    logs = {log.step: log for log in ds.agenda_log}
    steps = []
    for i, step in enumerate(AgendaStep):
        log = logs.get(step.value)
        step_lines = lines(log.note) if log else []
        if log is not None and not step_lines:
            step_lines = [f"Lúc {log.reached_at:%H} giờ {log.reached_at:%M}."]
        entry = {"title": f"{i + 1}. {step.label[3:]}", "lines": step_lines, "opinions": []}
        if step is AgendaStep.CITIZENS_SPEAK:
            if not opinions:
                entry["lines"] = entry["lines"] or ["Không có ý kiến phát biểu."]
            for number, op in enumerate(opinions, 1):
                hamlet = op.hamlet.name if op.hamlet else op.address
                answers = [{"who": f"{_responder(a, session)}: ", "text": a.content} for a in op.answers if a.content]
                entry["opinions"].append({
                    "number": number,
                    "speaker": title_of(op.speaker_name, op.registration.gender if op.registration else None),
                    "speaker_tail": f" ({hamlet}):" if hamlet else ":",
                    "lines": lines(op.content) or ["(không ghi nội dung)"],
                    "answers": answers,
                    "outcome": Outcome(op.outcome).label if op.outcome else "",
                })
        steps.append(entry)
    end = ds.actual_end
    ending = (f"Hội nghị kết thúc vào hồi {end:%H} giờ {end:%M} phút ngày {dmy(end)}." if end
              else "Hội nghị kết thúc vào hồi …… giờ …… phút cùng ngày.")
    citizens = ds.citizens_attending
    delegates = ds.delegates_attending
    attendance = (f"Số công dân tham dự: {citizens if citizens is not None else '……'} người; số đại biểu tham dự: "
                  f"{delegates if delegates is not None else '……'} người.")
    secretary = ds.secretary.name if ds.secretary else ds.secretary_name
    secretary_title = f", {ds.secretary.title}" if ds.secretary else ""
    return {
        "summary": view["title"],
        "opening": f"Vào hồi {start:%H} giờ {start:%M} phút, {weekday_date(start.date())}, tại {ds.place}, "
                   f"{head['issuer_name']} tổ chức {view['title_lower']}.",
        "chair_lines": ["- Chủ trì: " + view["chair"] + "."]
        + ([f"- Đồng chủ trì: {'; '.join(view['co_chairs'])}."] if view["co_chairs"] else []),
        "participants": punctuated(view["participants"] or ["Đại diện các cơ quan, đơn vị có liên quan"]),
        "attendance": attendance,
        "secretary_text": f"{secretary}{secretary_title}",
        "steps": steps,
        "conclusion": lines(ds.general_conclusion) or [wording.DOTS],
        "ending": ending,
        "secretary_name": secretary,
        "chair_name": view["chair_name"],
        "session": view,
        "recipients": punctuated(["Thường trực Đảng ủy", "Thường trực HĐND", f"Ủy ban MTTQ Việt Nam {unit.kind}",
                                  _keep(unit.office_unit)]),
    }


# -- 6. conclusion notice ------------------------------------------------------------------------------------

def _petitions(session: Session, ds: m.DialogueSession) -> list[m.Petition]:
    return list(session.scalars(select(m.Petition).where(m.Petition.session_id == ds.id)
                                .order_by(m.Petition.id)))


def _citizen(p: m.Petition) -> str:
    place = p.hamlet.name if p.hamlet else p.address
    return f"{p.citizen_name} ({place})" if place else p.citizen_name


def conclusion_context(session: Session, ds: m.DialogueSession, head: dict) -> dict:
    unit = commune(session)
    view = session_view(session, ds, unit)
    petitions = _petitions(session, ds)
    rows = []
    for number, p in enumerate(petitions, 1):
        due = dmy(p.due_date) if p.status in followup.OPEN_STATUSES or p.status == PetitionStatus.RESOLVED.value else ""
        agency = p.lead_agency.name if p.lead_agency else ""
        if p.status == PetitionStatus.ANSWERED_AT_MEETING.value:
            agency, due = agency or "Đã trả lời tại hội nghị", due or "—"
        elif p.status == PetitionStatus.TRANSFERRED.value:
            agency = agency or f"Đề nghị {p.transferred_to or 'cấp trên'}"
        rows.append({"number": number, "citizen": _citizen(p), "content": p.content,
                     "conclusion": p.conclusion or p.resolution or "", "agency": agency, "due": due or "—"})
    start = ds.actual_start or ds.planned_start
    deadlines = _deadline_sentences(session, ds)
    attendance = []
    if ds.citizens_attending is not None:
        attendance.append(f"{ds.citizens_attending} công dân")
    if ds.delegates_attending is not None:
        attendance.append(f"{ds.delegates_attending} đại biểu")
    intro = [f"Ngày {dmy(start)}, tại {ds.place}, {view['chair']} đã chủ trì {view['title_lower']}"
             + (f", với sự tham dự của {' và '.join(attendance)}" if attendance else "") + ".",
             f"Tại hội nghị có {len(minutes.opinions(session, ds.id))} ý kiến phát biểu với {len(petitions)} kiến "
             f"nghị. Sau khi nghe ý kiến của Nhân dân và báo cáo, giải trình của các cơ quan, đơn vị, người chủ trì "
             f"kết luận như sau:"]
    agencies = list(dict.fromkeys(p.lead_agency.name for p in petitions if p.lead_agency))
    recipients = punctuated([*agencies, f"Ủy ban MTTQ Việt Nam {unit.kind}", "Thường trực Đảng ủy", "Thường trực HĐND",
                             "Trưởng các thôn, tổ dân phố", _keep(unit.office_unit)])
    return {
        "summary": f"Kết luận của người chủ trì tại {view['title_lower']}",
        "intro": intro,
        "conclusion": lines(ds.general_conclusion) or [wording.DOTS],
        "rows": rows,
        "implementation": [
            f"Các cơ quan, đơn vị được giao chủ trì giải quyết xem xét, giải quyết và trả lời bằng văn bản cho công "
            f"dân {deadlines['answer_sentence']}, đồng thời báo cáo kết quả về {head['issuer_name']} (qua Văn phòng).",
            "Trường hợp cần thêm thời gian, cơ quan, đơn vị phải thông báo bằng văn bản cho công dân về lý do và thời "
            "hạn trả lời mới.",
            "Văn phòng theo dõi, đôn đốc, tổng hợp kết quả giải quyết, báo cáo người chủ trì.",
        ],
        "closing": f"{head['issuer_name']} thông báo để các cơ quan, đơn vị và Nhân dân biết, thực hiện./.",
        "session": view,
        "deadlines": deadlines,
        "recipients": recipients,
    }


# -- 7.–9. letters -------------------------------------------------------------------------------------------

def _citizen_gender(p: m.Petition) -> str | None:
    reg = p.opinion.registration if p.opinion and p.opinion.registration else None
    return reg.gender if reg else None


def _letter_opening(p: m.Petition, unit: m.Commune, view: dict) -> tuple[str, str, str]:
    """Who the letter is to ("Ông Nguyễn Văn A"), the Kính gửi line, and the petition as it was raised."""
    who = title_of(p.citizen_name, _citizen_gender(p))
    place = p.hamlet.name if p.hamlet else p.address
    where = f"{place}, {unit.kind} {unit.place_name}" if place else f"{unit.kind} {unit.place_name}"
    raised = (f"Tại {view['title_lower']} tổ chức ngày {dmy(p.session.session_date)}, {who} có kiến nghị: "
              f"“{p.content.rstrip('.')}”.")
    return who, f"{who} ({where}).", raised


def reply_context(session: Session, p: m.Petition, head: dict) -> dict:
    unit = commune(session)
    ds = p.session
    view = session_view(session, ds, unit)
    who, addressee, raised = _letter_opening(p, unit, view)
    answer = lines(p.resolution) or lines(p.conclusion)
    body = [raised,
            f"Về nội dung này, {head['issuer_name']} trả lời như sau:", *answer,
            f"{head['issuer_name']} trả lời để {who} được biết./."]
    lead = [p.lead_agency.name] if p.lead_agency else []
    return {
        "subject": "V/v trả lời kiến nghị của công dân",
        "addressees": [addressee],
        "lines": body,
        "petition": _petition_view(p),
        "session": view,
        "recipients": punctuated(["Như trên", "Người chủ trì hội nghị (để b/c)", *lead,
                                  _keep(unit.office_unit)]),
    }


def _petition_view(p: m.Petition) -> dict:
    return {"id": p.id, "citizen": p.citizen_name, "address": p.hamlet.name if p.hamlet else p.address,
            "field": p.field.name if p.field else "", "content": p.content, "conclusion": p.conclusion,
            "resolution": p.resolution, "due": dmy(p.due_date), "status": PetitionStatus(p.status).label,
            "agency": p.lead_agency.name if p.lead_agency else ""}


def extension_context(session: Session, p: m.Petition, head: dict) -> dict:
    unit = commune(session)
    ds = p.session
    view = session_view(session, ds, unit)
    last = p.extensions[-1]
    who, addressee, raised = _letter_opening(p, unit, view)
    previous = f" (thời hạn trước đây: ngày {dmy(last.previous_due)})" if last.previous_due else ""
    body = [raised,
            f"Kiến nghị đã được giao {p.lead_agency.name if p.lead_agency else 'cơ quan chuyên môn'} xem xét, giải quyết"
            f"{previous}. Tuy nhiên, {lower_first(last.reason.rstrip('.'))}, nên cần thêm thời gian để xem xét, giải "
            "quyết.",
            f"{head['issuer_name']} thông báo để {who} được biết: thời hạn trả lời kiến nghị được gia hạn đến ngày "
            f"{dmy(last.new_due)}. Kết quả giải quyết sẽ được trả lời bằng văn bản.",
            f"Rất mong {who} thông cảm./."]
    lead = [p.lead_agency.name] if p.lead_agency else []
    return {
        "subject": "V/v thông báo gia hạn thời gian giải quyết kiến nghị",
        "addressees": [addressee],
        "lines": body,
        "new_due": dmy(last.new_due),
        "reason": last.reason,
        "petition": _petition_view(p),
        "session": view,
        "recipients": punctuated(["Như trên", *lead, _keep(unit.office_unit)]),
    }


def upward_petitions(session: Session, ds: m.DialogueSession) -> list[m.Petition]:
    """Petitions of the session beyond the commune's competence: transferred, or the meeting decided to
    propose them to the superior level."""
    result = []
    for p in _petitions(session, ds):
        proposed = p.opinion is not None and p.opinion.outcome == Outcome.UPWARD.value
        if p.status == PetitionStatus.TRANSFERRED.value or (proposed and p.status in followup.OPEN_STATUSES):
            result.append(p)
    return result


def upward_context(session: Session, ds: m.DialogueSession, head: dict) -> dict:
    unit = commune(session)
    view = session_view(session, ds, unit)
    petitions = upward_petitions(session, ds)
    superiors = list(unit.superior_recipients) or ["Ủy ban nhân dân tỉnh"]
    items = []
    for p in petitions:
        place = p.hamlet.name if p.hamlet else p.address
        who = title_of(p.citizen_name, _citizen_gender(p)) + (f" ({place})" if place else "")
        item_lines = [f"Nội dung: {p.content}"]
        if p.conclusion:
            item_lines.append(f"Ý kiến của người chủ trì: {p.conclusion}")
        if p.transferred_to:
            item_lines.append(f"Đề nghị: {p.transferred_to} xem xét, giải quyết.")
        items.append({"title": f"Kiến nghị của {who}" + (f" — lĩnh vực {p.field.name.lower()}" if p.field else ""),
                      "lines": item_lines})
    addressees = punctuated(superiors) if len(superiors) > 1 else [superiors[0] + "."]
    return {
        "subject": "V/v đề nghị xem xét, giải quyết kiến nghị của công dân",
        "addressees": addressees,
        "intro": [f"Ngày {dmy(ds.session_date)}, {head['issuer_name']} tổ chức {view['title_lower']}. Tại hội nghị, "
                  f"công dân có {len(items)} kiến nghị vượt quá thẩm quyền giải quyết của cấp {unit.kind}.",
                  f"{head['issuer_name']} kính đề nghị {' và '.join(superiors)} quan tâm, xem xét, giải quyết các "
                  "nội dung sau:"],
        "items": items,
        "closing": [f"{head['issuer_name']} kính đề nghị các cơ quan quan tâm, xem xét, giải quyết và trả lời để "
                    f"{head['issuer_name']} thông tin đến công dân./."],
        "session": view,
        "recipients": punctuated(["Như trên", "Thường trực Đảng ủy", "Thường trực HĐND", _keep(unit.office_unit)]),
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
    form_text = ", ".join(f"{total.by_form.get(f.value, 0)} cuộc {f.label.lower()}" for f in SessionForm
                          if total.by_form.get(f.value, 0))
    host_text = "; ".join(f"{Host(h).label}: {fig.sessions_held} cuộc" for h, fig in stats.by_host.items()
                          if fig.sessions_held)
    organisation = [
        f"Trong năm {year}, đã xây dựng kế hoạch {total.sessions_total} cuộc tiếp xúc, đối thoại trực tiếp với "
        f"Nhân dân; đã tổ chức {total.sessions_held} cuộc" + (f" ({host_text})" if host_text else "")
        + (f", {total.sessions_cancelled} cuộc hủy" if total.sessions_cancelled else "")
        + (f", {total.sessions_upcoming} cuộc chưa tổ chức" if total.sessions_upcoming else "") + ".",
        f"Chế độ: {total.periodic} cuộc định kỳ, {total.ad_hoc} cuộc đột xuất"
        + (f". Hình thức: {form_text}" if form_text else "") + ".",
        f"Có {total.citizens_attending} lượt công dân và {total.delegates_attending} lượt đại biểu tham dự; "
        f"{total.registrations} lượt đăng ký phát biểu ({total.walk_ins} đăng ký tại hội nghị, {total.refused} "
        f"trường hợp từ chối đối thoại theo quy định); {total.opinions} ý kiến phát biểu.",
    ]
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
    compliance = [f"Việc thực hiện nghĩa vụ tổ chức tiếp xúc, đối thoại hằng năm ({stats.profile_name}):"]
    for c in stats.compliance:
        who = f"{c.post_label} {c.official_name}".strip() if c.who != "chinh_quyen" else c.post_label
        line = (f"- {who}: phải tổ chức ít nhất {c.required:02d} cuộc, đã tổ chức {c.held} cuộc được tính"
                + (f", {c.upcoming} cuộc đã có kế hoạch" if c.upcoming else "") + f" — {c.state_label.lower()}")
        if c.not_counted:
            line += "; không tính: " + "; ".join(
                f"cuộc ngày {dmy(_day_of(session, sid))} ({why})" for sid, why in c.not_counted)
        compliance.append(line + ".")
    closed = total.resolved + total.answered_at_meeting
    results = [
        f"Tổng số ý kiến, kiến nghị của Nhân dân: {total.petitions} kiến nghị. Trong đó:",
        f"- Đã trả lời, giải thích rõ tại hội nghị: {total.answered_at_meeting} kiến nghị "
        f"({_pct(total.answered_at_meeting, total.petitions)}).",
        f"- Đã giải quyết, trả lời bằng văn bản: {total.resolved} kiến nghị ({_pct(total.resolved, total.petitions)}), "
        f"trong đó đúng hạn {total.resolved_on_time}, quá hạn {total.resolved_late}"
        + (f"; thời gian giải quyết bình quân {str(total.avg_days_to_resolve).replace('.', ',')} ngày làm việc"
           if total.avg_days_to_resolve is not None else "") + ".",
        f"- Đang giải quyết: {total.in_progress} kiến nghị (trong hạn {total.open_not_due}, quá hạn "
        f"{total.open_overdue}).",
        f"- Đã đề nghị cấp trên giải quyết: {total.transferred} kiến nghị; không thuộc thẩm quyền: "
        f"{total.not_competent} kiến nghị.",
        f"- Kiến nghị đã nêu từ lần thứ hai trở lên: {total.raised_more_than_once} kiến nghị.",
        f"Tỷ lệ kiến nghị đã được trả lời, giải quyết: {_pct(closed, total.petitions)}.",
        "Kết quả theo lĩnh vực:",
    ]
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
    else:
        results[-1] = "Trong kỳ báo cáo chưa có kiến nghị."
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
    return {
        "summary": f"Kết quả tiếp xúc, đối thoại trực tiếp với Nhân dân năm {year}",
        "addressees": punctuated(addressees) if len(addressees) > 1 else [addressees[0] + "."],
        "intro": [f"Thực hiện quy định về tiếp xúc, đối thoại trực tiếp giữa người đứng đầu cấp ủy, chính quyền với "
                  f"Nhân dân ({stats.profile_name}), {head['issuer_name']} báo cáo kết quả năm {year} như sau:"],
        "organisation": organisation,
        "session_rows": session_rows,
        "compliance": compliance,
        "results": results,
        "field_rows": field_rows,
        "strengths": texts["strengths"], "weaknesses": texts["weaknesses"], "causes": texts["causes"],
        "directions": texts["directions"],
        "closing": f"Trên đây là báo cáo kết quả tiếp xúc, đối thoại trực tiếp với Nhân dân năm {year} của "
                   f"{head['issuer_name']}./.",
        "annex_title": f"DANH SÁCH KIẾN NGHỊ CỦA NHÂN DÂN NĂM {year}",
        "annex_subtitle": f"(Kèm theo Báo cáo của {head['issuer_name']}; số liệu tính đến ngày {dmy(today)})",
        "annex_rows": annex_rows,
        "year": year,
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
