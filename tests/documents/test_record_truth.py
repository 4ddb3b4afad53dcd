"""Every document tells the truth of the record on its date (documents.md §7).

Every document of every kind, host and format is exported from the demo year and from a year built through the
services with the unusual cases (tests/documents/record_year.py), read back and checked against the record: its
number is the register's, every cited document exists with that number and date, names, counts, dates and
deadlines are the record's as of the document's date, no placeholder or doubled word, the issuer and signer follow
the table. Exporting twice gives the same text; a document issued before an extension keeps the old deadline.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from pathlib import Path

import pytest
from sqlalchemy import select

from desk_app.documents.export import ExportRequest, export_document
from desk_app.documents.kinds import SESSION_KINDS
from desk_app.domain.errors import MissingDataError
from desk_app.services import followup, minutes
from desk_app.services.common import load_calendar
from desk_app.services.demo import DemoOptions, generate
from desk_app.store import models as m
from desk_app.store.database import open_database
from tests.documents import record_checks as rc
from tests.documents import record_year

TODAY = dt.date(2026, 11, 21)


@dataclass
class Exported:
    kind: str
    path: Path
    warnings: list[str]
    session_id: int | None = None
    petition_id: int | None = None
    fmt: str | None = None
    body: str | None = None  # the yearly report's reporting body


def _entry(s, item: Exported) -> m.IssuedDocument | None:
    query = select(m.IssuedDocument).where(m.IssuedDocument.kind == item.kind)
    if item.petition_id is not None:
        query = query.where(m.IssuedDocument.petition_id == item.petition_id)
    elif item.session_id is not None:
        query = query.where(m.IssuedDocument.session_id == item.session_id, m.IssuedDocument.petition_id.is_(None))
    else:
        query = query.where(m.IssuedDocument.session_id.is_(None), m.IssuedDocument.petition_id.is_(None))
    rows = list(s.scalars(query.order_by(m.IssuedDocument.id)))
    if item.kind == "extension" and item.petition_id is not None:
        letter = s.get(m.Petition, item.petition_id).extensions[-1].letter_document
        return letter
    if item.kind == "reply" and item.petition_id is not None:
        return s.get(m.Petition, item.petition_id).reply_document
    body = item.body or (rc.session_issuer(s.get(m.DialogueSession, item.session_id), item.fmt)
                         if item.session_id else None)
    if body is not None:  # the entry of this issuer (a joint session may be exported by two bodies)
        short = {"dang_uy": "ĐU", "hdnd": "HĐND", "ubnd": "UBND"}[body]
        rows = [r for r in rows if short in r.symbol.replace("-", "/").split("/")]
    return rows[-1] if rows else None


def export_all(s, folder: Path, *, both_formats_for_joint: bool, charts: bool = False) -> list[Exported]:
    """Every document the record allows, in the order a văn thư issues them."""
    done: list[Exported] = []
    held_sessions = list(s.scalars(select(m.DialogueSession).order_by(m.DialogueSession.planned_start)))
    for ds in held_sessions:
        fmts = [None]
        if ds.host == "lien_tich" and both_formats_for_joint:
            fmts = [ds.document_format, "party" if ds.document_format == "state" else "state"]
        for fmt in fmts:
            for kind in SESSION_KINDS:
                target = folder / f"s{ds.id}-{kind}{'-' + fmt if fmt else ''}.docx"
                try:
                    result = export_document(s, ExportRequest(kind, target, session_id=ds.id, fmt=fmt), today=TODAY)
                except MissingDataError:
                    continue
                done.append(Exported(kind, target, result.warnings, session_id=ds.id, fmt=fmt))
    petitions = list(s.scalars(select(m.Petition).order_by(m.Petition.id)))
    for p in petitions:
        if p.reply_document is not None:
            target = folder / f"p{p.id}-reply.docx"
            result = export_document(s, ExportRequest("reply", target, petition_id=p.id), today=TODAY)
            done.append(Exported("reply", target, result.warnings, petition_id=p.id))
        if p.extensions and p.extensions[-1].letter_document is not None:
            target = folder / f"p{p.id}-extension.docx"
            result = export_document(s, ExportRequest("extension", target, petition_id=p.id), today=TODAY)
            done.append(Exported("extension", target, result.warnings, petition_id=p.id))
    for body in ("dang_uy", "hdnd", "ubnd"):
        target = folder / f"report-{body}.docx"
        result = export_document(s, ExportRequest("annual-report", target, year=2026, body=body, charts=charts),
                                 today=TODAY)
        done.append(Exported("annual-report", target, result.warnings, body=body))
    return done


# -- what each kind must say -----------------------------------------------------------------------------------

def _gender(p: m.Petition) -> str | None:
    reg = p.opinion.registration if p.opinion is not None and p.opinion.registration is not None else None
    if reg is None and p.registration_id is not None:
        reg = p.registration if hasattr(p, "registration") else None
    return reg.gender if reg is not None else None


def _speaker_title(name: str, gender: str | None) -> str:
    return {"nam": f"Ông {name}", "nu": f"Bà {name}"}.get(gender, f"Công dân {name}")


def due_as_of(p: m.Petition, day: dt.date) -> dt.date | None:
    """The due date in force on ``day``: extensions told to the citizen later do not count yet."""
    told = [e for e in p.extensions if e.valid and e.citizen_notified_date and e.citizen_notified_date <= day]
    return told[-1].new_due if told else (p.due_override or p.computed_due_date)


def _no_deadline(p: m.Petition) -> bool:
    """Rows of a conclusion notice without a deadline: answered or decided at the meeting, proposed upward."""
    if p.status in ("da_tra_loi_tai_hoi_nghi", "khong_thuoc_tham_quyen") and p.resolved_date == p.session.session_date:
        return True
    return p.opinion is not None and p.opinion.outcome == "de_nghi_cap_tren"


def _answerer(s, answer: m.OpinionAnswer) -> str:
    if answer.official_id:
        return s.get(m.Official, answer.official_id).name
    if answer.agency_id:
        agency = s.get(m.Agency, answer.agency_id)
        return agency.head_name or agency.name
    if answer.responder_kind == "chu_tri":
        return s.get(m.Opinion, answer.opinion_id) and s.scalar(
            select(m.DialogueSession).join(m.Opinion, m.Opinion.session_id == m.DialogueSession.id)
            .where(m.Opinion.id == answer.opinion_id)).chair.name
    return answer.responder_name.split(",")[0].replace("Ông ", "").replace("Bà ", "")


def check_minutes(s, ds: m.DialogueSession, doc: rc.ReadBack) -> list[str]:
    problems = []
    text = doc.text
    opinions = minutes.opinions(s, ds.id)
    for number, op in enumerate(opinions, 1):
        gender = op.registration.gender if op.registration else None
        speaker = f"{number}. {_speaker_title(op.speaker_name, gender)}"
        if not any(line.startswith(speaker) for line in doc.lines):
            problems.append(f"{doc.path.name}: opinion {number} of {op.speaker_name} not written as “{speaker} …”")
        place = op.hamlet.name if op.hamlet else ""
        if place and not any(line.startswith(speaker) and place in line for line in doc.lines):
            problems.append(f"{doc.path.name}: the address of {op.speaker_name} ({place}) is missing")
        for answer in op.answers:
            who = _answerer(s, answer)
            if who not in text:
                problems.append(f"{doc.path.name}: the answer by {who} to opinion {number} is not named")
    for participant in ds.participants:
        if participant.agency is not None and participant.agency.head_name and participant.agency.head_name not in text:
            problems.append(f"{doc.path.name}: the delegate {participant.agency.head_name} "
                            f"({participant.agency.name}) is not named")
        if participant.agency is None and participant.name in text:
            problems.append(f"{doc.path.name}: the invitation's category “{participant.name}” stands for delegates")
    start = next((i for i, line in enumerate(doc.lines) if line.startswith("2. Đại biểu")), None)
    delegates = []
    for line in doc.lines[start + 1:] if start is not None else []:
        if not line.startswith("- "):
            break
        delegates.append(line)
    named = [line.split(",")[0] for line in delegates]
    if len(named) != len(set(named)):  # a person is a delegate once (an official may also head an agency)
        problems.append(f"{doc.path.name}: a delegate is named twice: {sorted(n for n in named if named.count(n) > 1)}")
    for step in ("a)", "b)", "c)", "d)", "đ)"):
        if not any(line.startswith(step) for line in doc.lines):
            problems.append(f"{doc.path.name}: agenda step {step} missing")
    for line in doc.lines:
        if re.fullmatch(r"Lúc \d+ giờ \d+( phút)?\.", line):
            problems.append(f"{doc.path.name}: an agenda step says only “{line}”")
    found = re.search(r"(\d+) ý kiến", doc.body)
    if found is None or int(found.group(1)) != len(opinions):
        problems.append(f"{doc.path.name}: the count of opinions is not {len(opinions)}: {found and found.group(0)}")
    return problems


def check_conclusion(s, ds: m.DialogueSession, doc: rc.ReadBack) -> list[str]:
    problems = []
    opinions = minutes.opinions(s, ds.id)
    speakers = {op.speaker_name for op in opinions}
    petitions = list(s.scalars(select(m.Petition).where(m.Petition.session_id == ds.id).order_by(m.Petition.id)))
    table = next((t for t in doc.tables if t and t[0][:2] == ["STT", "Người kiến nghị (địa chỉ)"]), None)
    rows = table[1:] if table else []
    if len(rows) != len(petitions):
        problems.append(f"{doc.path.name}: {len(rows)} rows for {len(petitions)} petitions")
    for row, p in zip(rows, petitions):
        citizen = row[1].split(" (")[0]
        if citizen != p.citizen_name:
            problems.append(f"{doc.path.name}: row {row[0]} is {citizen}, the record {p.citizen_name}")
        if citizen not in speakers:
            problems.append(f"{doc.path.name}: {citizen} is not in the minutes")
        expected = "—" if _no_deadline(p) else f"{due_as_of(p, doc.date):%d/%m/%Y}"
        if row[-1] != expected:
            problems.append(f"{doc.path.name}: {p.citizen_name}'s deadline {row[-1]}, on {doc.date} it was {expected}")
    found = re.search(r"(\d+) ý kiến", doc.body)
    if found is None or int(found.group(1)) != len(opinions):
        problems.append(f"{doc.path.name}: the count of opinions is not {len(opinions)}")
    found = re.search(r"(\d+) kiến nghị", doc.body)
    if found is None or int(found.group(1)) != len(petitions):
        problems.append(f"{doc.path.name}: the count of petitions is not {len(petitions)}")
    if ds.chair is not None and ds.chair.name not in doc.body:
        problems.append(f"{doc.path.name}: does not say whose conclusions they are ({ds.chair.name})")
    return problems


def check_letter(s, p: m.Petition, kind: str, doc: rc.ReadBack) -> list[str]:
    problems = []
    addressee = next((line for line in doc.lines if line.startswith("Kính gửi:")), "")
    wanted = _speaker_title(p.citizen_name, _gender(p))
    if wanted not in addressee:
        problems.append(f"{doc.path.name}: addressed {addressee!r}, expected {wanted!r}")
    letter = p.reply_document if kind == "reply" else p.extensions[-1].letter_document
    if doc.date != letter.issued_date:
        problems.append(f"{doc.path.name}: dated {doc.date}, the register {letter.issued_date}")
    for line in doc.body.splitlines():
        if line.startswith(("Giao ", "Đề nghị UBND")):
            problems.append(f"{doc.path.name}: an internal order in a letter to the citizen: {line[:100]}")
    if kind == "extension":
        extension = p.extensions[-1]
        for day in (extension.previous_due, extension.new_due):
            if day is not None and f"{day:%d/%m/%Y}" not in doc.text:
                problems.append(f"{doc.path.name}: the due date {day:%d/%m/%Y} is missing")
    return problems


def check_upward(s, ds: m.DialogueSession, doc: rc.ReadBack) -> list[str]:
    problems = []
    request = next((line for line in doc.lines if "kính đề nghị" in line), "")
    bodies = list(dict.fromkeys(p.transferred_to for p in s.scalars(
        select(m.Petition).where(m.Petition.session_id == ds.id, m.Petition.status == "da_chuyen_cap_tren")
        .order_by(m.Petition.id)) if p.transferred_to))
    for body in bodies:
        if body not in doc.text:
            problems.append(f"{doc.path.name}: not addressed to {body}, who must act on it")
    if len(bodies) > 1 and f"{', '.join(bodies[:-1])} và {bodies[-1]}" not in request:
        problems.append(f"{doc.path.name}: the bodies are not listed “A, B và C”: {request[:200]}")
    return problems


def verify(s, items: list[Exported]) -> list[str]:
    problems: list[str] = []
    calendar = load_calendar(s)
    names = tuple(n for n in s.scalars(select(m.Official.name))) + tuple(
        n for n in s.scalars(select(m.Petition.citizen_name))) + tuple(n for n in s.scalars(select(m.Opinion.speaker_name)))
    agencies = list(s.scalars(select(m.Agency)))
    for item in items:
        doc = rc.read(item.path)
        problems += rc.check_language(doc, names)
        for agency in agencies:
            if agency.head_title and f"{agency.head_title} {agency.name}" in doc.text:
                problems.append(f"{doc.path.name}: title written twice: {agency.head_title} {agency.name}")
        row = _entry(s, item)
        problems += rc.check_number(s, doc, item.kind, row)
        ds = s.get(m.DialogueSession, item.session_id) if item.session_id else None
        p = s.get(m.Petition, item.petition_id) if item.petition_id else None
        if p is not None:
            ds = p.session
        related = {ds.id} if ds is not None else set()
        problems += rc.check_citations(s, doc, item.warnings, related if ds is not None else
                                       set(s.scalars(select(m.DialogueSession.id))))
        if item.kind in ("reply", "extension"):
            body = rc.letter_issuer(p)
        elif item.kind == "annual-report":
            body = item.body
        else:
            body = rc.session_issuer(ds, item.fmt)
        problems += rc.check_signer(s, doc, item.kind, body, ds)
        problems += rc.check_who_directs(doc, body)
        if doc.date is not None and not calendar.is_working_day(doc.date):
            problems.append(f"{doc.path.name}: dated on a day off ({doc.date:%d/%m/%Y})")
        if item.kind == "minutes":
            problems += check_minutes(s, ds, doc)
        elif item.kind == "conclusion":
            problems += check_conclusion(s, ds, doc)
        elif item.kind in ("reply", "extension"):
            problems += check_letter(s, p, item.kind, doc)
        elif item.kind == "upward-proposal":
            problems += check_upward(s, ds, doc)
    return problems


def _report(problems: list[str]) -> str:
    return f"{len(problems)} problems:\n" + "\n".join(problems[:80])


# -- the demo year ---------------------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def demo_year(tmp_path_factory):
    folder = tmp_path_factory.mktemp("truth")
    database = open_database(str(folder / "demo.sqlite3"))
    with database.session() as s:
        generate(s, DemoOptions(year=2026))
    with database.session() as s:
        items = export_all(s, folder, both_formats_for_joint=True)
    yield database, items, folder
    database.dispose()


def test_every_demo_document_tells_the_truth_of_the_record(demo_year):
    database, items, _folder = demo_year
    kinds = {item.kind for item in items}
    assert kinds >= {"plan", "notice", "invitation", "registration-form", "minutes", "conclusion", "reply",
                     "extension", "upward-proposal", "annual-report"}, kinds
    with database.session() as s:
        problems = verify(s, items)
    assert not problems, _report(problems)


def test_exporting_twice_gives_the_same_text(demo_year, tmp_path):
    database, items, _folder = demo_year
    with database.session() as s:
        for item in items:
            again = tmp_path / item.path.name
            export_document(s, ExportRequest(item.kind, again, session_id=item.session_id,
                                             petition_id=item.petition_id, year=2026, fmt=item.fmt,
                                             body=item.body, charts=False), today=TODAY + dt.timedelta(days=9))
            assert rc.read(again).lines == rc.read(item.path).lines, item.path.name


def test_the_demo_register_holds_every_issued_document_on_working_days(demo_year):
    database, _items, _folder = demo_year
    with database.session() as s:
        calendar = load_calendar(s)
        rows = list(s.scalars(select(m.IssuedDocument)))
        numbers = [(r.symbol, r.year, r.number) for r in rows if r.number is not None]
        assert len(numbers) == len(set(numbers)), "a number given twice"
        assert all(calendar.is_working_day(r.issued_date) for r in rows), \
            [(r.kind, r.issued_date) for r in rows if not calendar.is_working_day(r.issued_date)]
        for ds in s.scalars(select(m.DialogueSession)):
            if ds.actual_start is not None:
                assert calendar.is_working_day(ds.session_date), (ds.id, ds.session_date)
            kinds = {r.kind for r in rows if r.session_id == ds.id}
            if ds.plan_issued_date:
                assert "plan" in kinds, ds.id
            if ds.conclusion_notice_date:
                assert {"minutes", "conclusion"} <= kinds, (ds.id, kinds)
        for p in s.scalars(select(m.Petition).where(m.Petition.status == "da_chuyen_cap_tren")):
            assert p.transfer_document is not None, p.id


# -- the unusual year, built through the services --------------------------------------------------------------

def test_every_document_of_an_unusual_year_tells_the_truth(db, tmp_path):
    with db.session() as s:
        year = record_year.build(s)
    with db.session() as s:
        items = export_all(s, tmp_path, both_formats_for_joint=False)
        kinds = {(item.kind, rc.session_issuer(s.get(m.DialogueSession, item.session_id)))
                 for item in items if item.session_id}
        for body in ("dang_uy", "hdnd", "ubnd"):
            assert ("conclusion", body) in kinds and ("plan", body) in kinds, (body, kinds)
        problems = verify(s, items)
        assert not problems, _report(problems)
        # a reply of a UBND office's matter raised at an HĐND session is UBND's; a party office's matter at a
        # joint session issued by the Đảng ủy is the Đảng ủy's
        letters = {rc.letter_issuer(s.get(m.Petition, i.petition_id)) for i in items if i.kind == "reply"}
        assert letters >= {"ubnd", "dang_uy"}
        del year


def test_a_document_issued_before_an_extension_keeps_the_old_deadline(db, tmp_path):
    with db.session() as s:
        year = record_year.build(s)
        ds = year.sessions["thematic"]
        target = tmp_path / "tb.docx"
        export_document(s, ExportRequest("conclusion", target, session_id=ds.id), today=TODAY)
        before = rc.read(target)
        petition = s.scalar(select(m.Petition).where(m.Petition.session_id == ds.id,
                                                     m.Petition.status.in_(followup.OPEN_STATUSES)))
        if petition is None:  # every petition answered: reopen one to extend it
            petition = s.scalar(select(m.Petition).where(m.Petition.session_id == ds.id,
                                                         m.Petition.status == "da_giai_quyet"))
            followup.reopen(s, petition.id, "Công dân chưa đồng ý với kết quả")
        old_due = petition.due_date
        calendar = load_calendar(s)
        followup.extend(s, petition.id, calendar.add_working_days(old_due, 10), "Cần thêm thời gian khảo sát",
                        citizen_notified_date=min(old_due, TODAY))
        again = tmp_path / "tb-again.docx"
        result = export_document(s, ExportRequest("conclusion", again, session_id=ds.id), today=TODAY)
        assert rc.read(again).lines == before.lines
        assert f"{old_due:%d/%m/%Y}" in before.text and f"{petition.due_date:%d/%m/%Y}" not in before.text
        del result


def test_a_changed_record_gives_a_new_version_only_when_asked(db, tmp_path):
    with db.session() as s:
        year = record_year.build(s)
        ds = year.sessions["online"]
        first = export_document(s, ExportRequest("conclusion", tmp_path / "a.docx", session_id=ds.id), today=TODAY)
        petition = s.scalar(select(m.Petition).where(m.Petition.session_id == ds.id).order_by(m.Petition.id))
        followup.set_conclusion(s, petition.id, "Đề nghị UBND xã chỉ đạo Phòng Văn hóa - Xã hội sửa chữa ngay "
                                                "phòng học trước năm học mới.", petition.lead_agency_id)
        again = export_document(s, ExportRequest("conclusion", tmp_path / "b.docx", session_id=ds.id), today=TODAY)
        assert rc.read(tmp_path / "b.docx").lines == rc.read(tmp_path / "a.docx").lines
        assert (again.number, again.issued_date) == (first.number, first.issued_date)
        assert any("bản mới" in w for w in again.warnings), again.warnings
        new = export_document(s, ExportRequest("conclusion", tmp_path / "c.docx", session_id=ds.id, new_version=True),
                              today=TODAY)
        assert new.number != first.number and "sửa chữa ngay phòng học" in rc.read(tmp_path / "c.docx").text
        rows = list(s.scalars(select(m.IssuedDocument).where(m.IssuedDocument.session_id == ds.id,
                                                             m.IssuedDocument.kind == "conclusion")))
        assert len(rows) == 2 and "thay" in rows[-1].note, [r.note for r in rows]


def test_a_missing_cited_document_is_named_and_left_blank(db, tmp_path):
    """A notice whose plan is not in the register: the export says which one is missing, leaves "số …/KH-UBND
    ngày …" and goes on; it never prints the number of another document."""
    with db.session() as s:
        year = record_year.build(s)
        ds = year.sessions["thematic"]
        result = export_document(s, ExportRequest("notice", tmp_path / "tb.docx", session_id=ds.id), today=TODAY)
        text = rc.read(tmp_path / "tb.docx").text
        assert any("KH-UBND" in w and "Kế hoạch" in w for w in result.warnings), result.warnings
        assert re.search(r"Kế hoạch số …+/KH-UBND ngày …+", text), text[:600]
        export_document(s, ExportRequest("plan", tmp_path / "kh.docx", session_id=ds.id), today=TODAY)
        again = export_document(s, ExportRequest("notice", tmp_path / "tb2.docx", session_id=ds.id,
                                                 new_version=True), today=TODAY)
        plan = s.scalar(select(m.IssuedDocument).where(m.IssuedDocument.session_id == ds.id,
                                                       m.IssuedDocument.kind == "plan"))
        assert not again.warnings
        assert f"Kế hoạch số {plan.number:02d}/KH-UBND ngày {plan.issued_date:%d/%m/%Y}" in rc.read(tmp_path / "tb2.docx").text
