"""The wording lives in the templates (documents.md §7): a clerk who changes a fixed sentence of a copied template
in Word sees the change in the next export — for every kind of document, in both formats."""

from __future__ import annotations

import pytest
from docx import Document
from sqlalchemy import select

from desk_app.documents import templates
from desk_app.documents.export import ExportRequest, export_document
from desk_app.documents.kinds import KINDS
from desk_app.services.demo import DemoOptions, generate
from desk_app.store import models as m
from desk_app.store.database import open_database
from tests.documents import docx_checks as check

# kind → (a fixed phrase of its template, the clerk's new wording)
EDITS = {
    "plan": ("xây dựng Kế hoạch tổ chức", "ban hành Kế hoạch tổ chức"),
    "notice": ("Công dân chưa đăng ký trước vẫn được", "Người dân chưa đăng ký trước vẫn được"),
    "invitation": ("trân trọng kính mời:", "trân trọng kính mời đến dự:"),
    "registration-form": ("Nội dung đăng ký phát biểu (ý kiến, kiến nghị):", "Nội dung muốn phát biểu (ý kiến, kiến nghị):"),
    "minutes": ("Biên bản đã được đọc lại và thông qua", "Biên bản đã được thư ký đọc lại và thông qua"),
    "conclusion": ("Trường hợp cần thêm thời gian, cơ quan, đơn vị", "Trường hợp cần kéo dài thời gian, cơ quan, đơn vị"),
    "reply": ("trả lời như sau:", "trả lời cụ thể như sau:"),
    "extension": ("Kết quả giải quyết sẽ được trả lời bằng văn bản.", "Kết quả giải quyết sẽ được thông báo bằng văn bản."),
    "upward-proposal": ("xem xét, giải quyết và có văn bản trả lời", "xem xét, giải quyết và sớm có văn bản trả lời"),
    "annual-report": ("Tỷ lệ kiến nghị đã được trả lời, giải quyết:", "Tỷ lệ ý kiến, kiến nghị đã được trả lời, giải quyết:"),
}


@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    database = open_database(str(tmp_path_factory.mktemp("wording") / "demo.sqlite3"))
    with database.session() as s:
        generate(s, DemoOptions(year=2026))
    yield database
    database.dispose()


@pytest.fixture
def user_templates(tmp_path, monkeypatch):
    folder = tmp_path / "user-templates"
    monkeypatch.setattr(templates, "user_templates_dir", lambda: folder)
    return folder


def _party_letter(s, kind: str) -> m.Petition:
    """A petition the Đảng ủy answers (its office resolves it), with a reply or an extension, made through the
    services as the office would."""
    import datetime as dt

    from desk_app.services import followup
    from desk_app.services.common import load_calendar

    office = s.scalar(select(m.Agency).where(m.Agency.kind == "co_quan_dang"))
    petitions = s.scalars(select(m.Petition).join(m.DialogueSession).where(m.DialogueSession.host == "dang_uy")
                          .order_by(m.Petition.id))
    for p in petitions:
        if followup.answering_body(p)[0] == "dang_uy" and (
                p.reply_document is not None if kind == "reply" else bool(p.extensions)):
            return p
    p = next(p for p in s.scalars(select(m.Petition).join(m.DialogueSession).where(
        m.DialogueSession.host == "dang_uy", m.Petition.status.in_(followup.OPEN_STATUSES)).order_by(m.Petition.id))
        if not p.extensions)
    followup.assign(s, p.id, office.id)
    calendar = load_calendar(s)
    if kind == "reply":
        day = calendar.previous_working_day(dt.date(2026, 11, 21))
        followup.resolve(s, p.id, "Văn phòng Đảng ủy đã phối hợp chi bộ kiểm tra, báo cáo Thường trực Đảng ủy.", day,
                         reply_date=day)
    else:
        told = min(p.due_date, calendar.previous_working_day(dt.date(2026, 11, 21)))
        followup.extend(s, p.id, calendar.add_working_days(max(p.due_date, told), 10),
                        "Cần làm việc với chi bộ và đảng viên liên quan.", citizen_notified_date=told,
                        late_as_history=True)
    return p


def _request(s, kind: str, fmt: str, target) -> ExportRequest:
    host = "dang_uy" if fmt == "party" else "ubnd"
    ds = s.scalar(select(m.DialogueSession).where(m.DialogueSession.host == host).order_by(m.DialogueSession.id))
    if kind in ("reply", "extension"):
        if fmt == "party":
            return ExportRequest(kind, target, petition_id=_party_letter(s, kind).id)
        from desk_app.services import followup

        petitions = s.scalars(select(m.Petition).order_by(m.Petition.id))
        wanted = next(p for p in petitions if followup.answering_body(p)[1] == fmt and (
            p.reply_document is not None if kind == "reply" else bool(p.extensions)))
        return ExportRequest(kind, target, petition_id=wanted.id)
    if kind == "annual-report":
        return ExportRequest(kind, target, year=2026, body=host, charts=False)
    return ExportRequest(kind, target, session_id=ds.id)


@pytest.mark.parametrize("fmt", ["state", "party"])
@pytest.mark.parametrize("kind", KINDS)
def test_a_clerks_edit_of_a_fixed_sentence_appears_in_the_next_export(demo, tmp_path, user_templates, kind, fmt):
    old, new = EDITS[kind]
    path = templates.copy_to_user(kind, fmt)
    document = Document(str(path))
    edited = 0
    for paragraph in check.all_paragraphs(document):
        for run in paragraph.runs:
            if old in run.text:
                run.text = run.text.replace(old, new)
                edited += 1
    assert edited, f"“{old}” is not a sentence of the {kind} template"
    document.save(str(path))
    with demo.session() as s:
        result = export_document(s, _request(s, kind, fmt, tmp_path / "out.docx"))
    assert result.template == path and not [w for w in result.warnings if "Mẫu văn bản" in w]
    text = check.document_text(Document(str(tmp_path / "out.docx")))
    assert new in text and old not in text
