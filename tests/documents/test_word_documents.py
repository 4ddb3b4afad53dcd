"""Every Word document of the cycle, in the state and the party format, read back and checked."""

from __future__ import annotations

import datetime as dt
import shutil
import subprocess
from pathlib import Path

import pytest
from docx import Document
from sqlalchemy import func, select

from desk_app.documents import templates
from desk_app.documents.builder import FORMATS, KINDS, build_all
from desk_app.documents.export import ExportRequest, export_document
from desk_app.domain.errors import MissingDataError, ValidationError
from desk_app.services import register, statistics
from desk_app.services.demo import DemoOptions, generate
from desk_app.store import models as m
from desk_app.store.database import open_database
from tests.documents import docx_checks as check

TODAY = dt.date(2026, 11, 21)
DOC_TYPES = {"plan": "KẾ HOẠCH", "notice": "THÔNG BÁO", "invitation": "GIẤY MỜI", "minutes": "BIÊN BẢN",
             "conclusion": "THÔNG BÁO", "annual-report": "BÁO CÁO",
             "registration-form": "PHIẾU ĐĂNG KÝ NỘI DUNG PHÁT BIỂU"}
LETTERS = ("reply", "extension", "upward-proposal")


@pytest.fixture(scope="module")
def demo_db(tmp_path_factory):
    folder = tmp_path_factory.mktemp("docs")
    database = open_database(str(folder / "demo.sqlite3"))
    with database.session() as session:
        generate(session, DemoOptions(year=2026))
    yield database
    database.dispose()


def _subjects(database) -> dict:
    """A state-format (UBND) and a party-format (Đảng ủy) session of the demo, with petitions to write about.

    A letter to the citizen is issued by the body whose agency resolves the petition (documents.md §7): the
    party-format letters are about a petition of a Đảng ủy session that no UBND office resolves."""
    from desk_app.services import followup
    from desk_app.services.common import load_calendar

    with database.session() as s:
        calendar = load_calendar(s)
        out = {}
        for host, fmt in (("ubnd", "state"), ("dang_uy", "party")):
            ds = s.scalar(select(m.DialogueSession).where(m.DialogueSession.host == host,
                                                          m.DialogueSession.actual_end.is_not(None)))
            hosts = ("dang_uy",) if fmt == "party" else ("ubnd", "hdnd")
            in_format = select(m.Petition).join(m.DialogueSession).where(m.DialogueSession.host.in_(hosts))
            if fmt == "party":  # (the module calls this more than once: the second call finds the first's work)
                front = s.scalar(select(m.Agency).where(m.Agency.kind == "mttq_doan_the").limit(1))
                by_front = in_format.where(m.Petition.lead_agency_id == front.id)
                resolved = s.scalar(by_front.where(m.Petition.status == "da_giai_quyet").limit(1))
                if resolved is None:
                    resolved = s.scalar(in_format.where(m.Petition.status.in_(followup.OPEN_STATUSES)).limit(1))
                    followup.assign(s, resolved.id, front.id)
                    followup.resolve(s, resolved.id, "Đã phối hợp giải quyết xong.", TODAY, reply_date=TODAY)
                extended = s.scalar(by_front.where(m.Petition.status.in_(followup.OPEN_STATUSES)).limit(1))
                if extended is None:
                    extended = s.scalar(in_format.where(m.Petition.status.in_(followup.OPEN_STATUSES)).limit(1))
                    followup.assign(s, extended.id, front.id)
            else:
                resolved = s.scalar(select(m.Petition).where(m.Petition.session_id == ds.id,
                                                             m.Petition.status == "da_giai_quyet").limit(1))
                extended = s.scalar(in_format.join(m.PetitionExtension).where(m.PetitionExtension.valid.is_(True))
                                    .limit(1)) or s.scalar(in_format.where(m.Petition.status.in_(followup.OPEN_STATUSES))
                                                           .limit(1))
            if not any(e.valid for e in extended.extensions):  # give it more time, as the office would
                followup.extend(s, extended.id, calendar.next_working_day(extended.due_date + dt.timedelta(days=30)),
                                "Cần xác minh thêm hồ sơ đất đai tại thực địa",
                                citizen_notified_date=min(TODAY, extended.due_date))
            # a letter to the citizen is signed by the head of the body that answers it (the issuer table)
            from desk_app.services import catalog

            answering = catalog.heads(s, extended.session.session_date)[followup.answering_body(extended)[0]]
            replying = catalog.heads(s, resolved.session.session_date)[followup.answering_body(resolved)[0]]
            out[fmt] = {"session": ds.id, "reply": resolved.id, "extension": extended.id,
                        "chair": ds.chair.name, "extension_chair": answering.name, "reply_signer": replying.name}
        return out


@pytest.fixture(scope="module")
def exported(demo_db, tmp_path_factory):
    """Every kind in both formats, exported once for the module."""
    folder = tmp_path_factory.mktemp("out")
    subjects = _subjects(demo_db)
    files = {}
    with demo_db.session() as s:
        for fmt, subject in subjects.items():
            for kind in KINDS:
                target = folder / f"{kind}.{fmt}.docx"
                request = ExportRequest(kind, target, session_id=subject["session"], year=2026,
                                        petition_id=subject.get(kind) if kind in ("reply", "extension") else None,
                                        fmt=fmt if kind == "annual-report" else None)
                result = export_document(s, request, today=TODAY)
                assert result.fmt == fmt and not result.warnings
                files[(kind, fmt)] = (target, result)
    return files, subjects


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("kind", KINDS)
def test_official_format(exported, kind, fmt):
    files, subjects = exported
    path, result = files[(kind, fmt)]
    document = Document(str(path))
    check.check_page(document, fmt)
    check.check_schema_order(document)
    check.check_fonts(document)
    check.check_page_numbers(document, fmt)
    form = kind == "registration-form"
    found = check.check_header(document, fmt, numbered=not form, dated=not form)
    if not form:
        expected = f"Số: {result.number:02d}/{result.symbol}" if fmt == "state" else f"Số {result.number:02d}-{result.symbol}"
        assert found["number"] == expected
    if kind in DOC_TYPES:
        check.check_title(document, fmt, DOC_TYPES[kind])
    if kind in LETTERS:
        assert found["subject"].startswith("V/v ")
        assert any(p.text.startswith("Kính gửi:") for p in check.all_paragraphs(document))
    if not form:
        check.check_body(document, fmt)
    if kind == "minutes":
        text = check.document_text(document)
        assert "THƯ KÝ" in text and "CHỦ TỌA" in text
        assert "Hội nghị kết thúc vào hồi" in text and "Biên bản đã được đọc lại và thông qua" in text
        signatures = next(t for t in document.tables if "THƯ KÝ" in t.rows[0].cells[0].text)
        assert "CHỦ TỌA" in signatures.rows[0].cells[1].text
        assert subjects[fmt]["chair"] in signatures.rows[0].cells[1].text
    elif not form:
        chair = None if kind == "annual-report" else subjects[fmt][
            {"extension": "extension_chair", "reply": "reply_signer"}.get(kind, "chair")]
        authority = None if kind == "extension" else {"state": "TM. ỦY BAN NHÂN DÂN", "party": "T/M ĐẢNG ỦY"}[fmt]
        title = {"state": "CHỦ TỊCH", "party": "BÍ THƯ"}[fmt]
        table = check.signature_table(document)
        name = chair or [p.text for p in table.rows[0].cells[1].paragraphs if p.text.strip()][-1]
        check.check_signature(document, fmt, authority=authority, title=title, name=name)
    if kind == "conclusion":
        check.check_repeating_header_rows(document, ["STT", "Người kiến nghị (địa chỉ)"])
    if kind == "annual-report":
        check.check_repeating_header_rows(document, ["STT", "Ngày hội nghị"])
        annex = document.sections[-1]
        assert annex.page_width > annex.page_height, "the annex table is on landscape pages"


def test_place_and_date_padding():
    from desk_app.domain.official import number_line, place_date_line

    assert place_date_line("Tân Đoàn", dt.date(2026, 2, 5)) == "Tân Đoàn, ngày 05 tháng 02 năm 2026"
    assert place_date_line("Tam Đường", dt.date(2019, 6, 24)) == "Tam Đường, ngày 24 tháng 6 năm 2019"
    assert place_date_line("Tân Đoàn", dt.date(2026, 1, 5)) == "Tân Đoàn, ngày 05 tháng 01 năm 2026"
    assert place_date_line("Tân Đoàn", dt.date(2026, 12, 1)) == "Tân Đoàn, ngày 01 tháng 12 năm 2026"
    assert number_line(5, "KH-UBND", "state") == "Số: 05/KH-UBND"
    assert number_line(14, "KH/ĐU", "party") == "Số 14-KH/ĐU"
    assert number_line(570, "KH-UBND", "state") == "Số: 570/KH-UBND"


def test_invitation_carries_the_registration_form(exported):
    files, _ = exported
    text = check.document_text(Document(str(files[("invitation", "state")][0])))
    assert "trân trọng kính mời" in text
    for label in ("Tới dự:", "Chủ trì:", "Thời gian:", "Địa điểm:"):
        assert label in text
    assert "PHIẾU ĐĂNG KÝ NỘI DUNG PHÁT BIỂU" in text and "Họ và tên:" in text and "☐ Đất đai" in text


def test_per_invitee_invitations(demo_db, tmp_path):
    subjects = _subjects(demo_db)
    with demo_db.session() as s:
        participants = len(s.get(m.DialogueSession, subjects["state"]["session"]).participants)
        export_document(s, ExportRequest("invitation", tmp_path / "gm.docx", session_id=subjects["state"]["session"],
                                         per_invitee=True, with_form=False), today=TODAY)
    document = Document(str(tmp_path / "gm.docx"))
    titles = [p for p in document.paragraphs if p.text == "GIẤY MỜI"]
    assert len(titles) == participants > 1


def test_annual_report_figures_come_from_statistics(demo_db, exported):
    files, _ = exported
    with demo_db.session() as s:  # the state-format report is the UBND's: its own and its joint sessions
        stats = statistics.compute(s, statistics.Period.year(2026), TODAY, body="ubnd")
    text = check.document_text(Document(str(files[("annual-report", "state")][0])))
    total = stats.total
    assert f"Tổng số ý kiến, kiến nghị của Nhân dân: {total.petitions} kiến nghị" in text
    assert f"Đã trả lời, giải thích rõ tại hội nghị: {total.answered_at_meeting} kiến nghị" in text
    assert (f"Đã giải quyết, trả lời bằng văn bản: {total.resolved} kiến nghị" in text
            and f"trong đó đúng hạn {total.resolved_on_time}, quá hạn {total.resolved_late}" in text)
    assert f"Đang giải quyết: {total.in_progress} kiến nghị (trong hạn {total.open_not_due}, quá hạn {total.open_overdue})" in text
    assert f"Đã đề nghị cấp trên giải quyết: {total.transferred} kiến nghị; không thuộc thẩm quyền: {total.not_competent}" in text
    assert f"đã tổ chức {total.sessions_held} cuộc" in text
    document = Document(str(files[("annual-report", "state")][0]))
    field_table = next(t for t in document.tables if t.rows[0].cells[1].text == "Lĩnh vực")
    body = [row for row in field_table.rows[1:] if row.cells[1].text != "Tổng cộng"]
    totals = {row.cells[1].text: int(row.cells[2].text) for row in body}
    assert totals == {name: sum(cell.values()) for name, cell in total.by_field_status.items() if sum(cell.values())}
    assert sum(totals.values()) == total.petitions
    annex = next(t for t in document.tables if t.rows[0].cells[1].text == "Ngày hội nghị")
    assert len(annex.rows) - 1 == total.petitions
    assert len(document.inline_shapes) == 2, "two charts: petitions by field and outcomes"


def test_report_texts_written_by_the_clerk(demo_db, tmp_path):
    from desk_app.services.report_texts import save as save_report_texts

    with demo_db.session() as s:
        save_report_texts(s, 2026, {"strengths": "Tổ chức đủ số cuộc theo quy định.\nNhân dân tham gia đông.",
                                    "directions": "Tiếp tục đôn đốc giải quyết kiến nghị quá hạn."})
        export_document(s, ExportRequest("annual-report", tmp_path / "bc.docx", year=2026, charts=False), today=TODAY)
        save_report_texts(s, 2026, {})
    text = check.document_text(Document(str(tmp_path / "bc.docx")))
    assert "Nhân dân tham gia đông." in text and "Tiếp tục đôn đốc giải quyết kiến nghị quá hạn." in text


# -- register -------------------------------------------------------------------------------------------

def test_register_numbers(demo_db, tmp_path):
    subjects = _subjects(demo_db)
    sid = subjects["state"]["session"]
    with demo_db.session() as s:
        first = export_document(s, ExportRequest("plan", tmp_path / "a.docx", session_id=sid), today=TODAY)
        again = export_document(s, ExportRequest("plan", tmp_path / "b.docx", session_id=sid), today=TODAY)
        assert again.number == first.number, "re-exporting keeps the number"
        with pytest.raises(ValidationError, match="ban hành bản mới"):  # an issued plan keeps its number
            export_document(s, ExportRequest("plan", tmp_path / "c.docx", session_id=sid, number=45), today=TODAY)
        own = export_document(s, ExportRequest("plan", tmp_path / "c.docx", session_id=sid, number=45,
                                               new_version=True), today=TODAY)
        assert own.number == 45
        assert "Số: 45/KH-UBND" in check.document_text(Document(str(tmp_path / "c.docx")))
        row = register.previous(s, register.Entry("plan", "KH-UBND", own.issued_date.year, sid))
        assert (row.number, row.signer, row.file_path) == (45, subjects["state"]["chair"], str(tmp_path / "c.docx"))
        other = s.scalar(select(m.DialogueSession.id).where(m.DialogueSession.host == "ubnd",
                                                             m.DialogueSession.id != sid))
        if other is not None:
            with pytest.raises(ValidationError, match="đã cấp cho văn bản khác"):
                export_document(s, ExportRequest("plan", tmp_path / "d.docx", session_id=other, number=45,
                                                 issued_date=own.issued_date), today=TODAY)
            assert not (tmp_path / "d.docx").exists()
        assert register.next_number(s, "KH-UBND", own.issued_date.year) == 46


def test_missing_data_lists_what_is_missing(session, commune, make_session, tmp_path):
    ds = make_session(stage="draft")
    ds.chair, ds.place = None, ""
    session.flush()
    with pytest.raises(MissingDataError) as info:
        export_document(session, ExportRequest("plan", tmp_path / "kh.docx", session_id=ds.id))
    assert {"người chủ trì hội nghị", "địa điểm tổ chức hội nghị"} <= set(info.value.missing)
    assert "- người chủ trì hội nghị" in info.value.message.splitlines()
    with pytest.raises(MissingDataError) as info:
        export_document(session, ExportRequest("minutes", tmp_path / "bb.docx", session_id=ds.id))
    assert any("chưa diễn ra" in item for item in info.value.missing)
    assert not list(tmp_path.glob("*.docx"))
    assert session.scalar(select(func.count()).select_from(m.IssuedDocument)) == 0


def test_format_follows_the_host(demo_db, tmp_path):
    subjects = _subjects(demo_db)
    with demo_db.session() as s:
        with pytest.raises(ValidationError, match="liên tịch"):
            export_document(s, ExportRequest("plan", tmp_path / "x.docx", session_id=subjects["state"]["session"],
                                             fmt="party"))


def test_failed_export_keeps_the_good_file(demo_db, tmp_path, monkeypatch):
    subjects = _subjects(demo_db)
    target = tmp_path / "kh.docx"
    target.write_bytes(b"good file")
    from desk_app.documents import export as export_module

    def broken_save(self, path):
        Path(path).write_bytes(b"half")
        raise OSError(28, "No space left on device")

    monkeypatch.setattr("docx.document.Document.save", broken_save)
    with demo_db.session() as s:
        with pytest.raises(Exception) as info:
            export_document(s, ExportRequest("plan", target, session_id=subjects["state"]["session"]))
        assert "ổ đĩa đã đầy" in str(info.value)
    assert target.read_bytes() == b"good file"
    assert [p.name for p in tmp_path.iterdir()] == ["kh.docx"]
    del export_module


# -- templates --------------------------------------------------------------------------------------------

def test_shipped_templates_are_up_to_date(tmp_path):
    """The files in resources/templates are what the builder writes (regenerate after changing it)."""
    build_all(tmp_path)
    for kind in KINDS:
        for fmt in FORMATS:
            shipped = Document(str(templates.builtin_path(kind, fmt)))
            fresh = Document(str(tmp_path / f"{kind}.{fmt}.docx"))
            assert shipped.element.body.xml == fresh.element.body.xml, f"{kind}.{fmt}: run the builder"


@pytest.fixture
def user_templates(tmp_path, monkeypatch):
    folder = tmp_path / "user-templates"
    monkeypatch.setattr(templates, "user_templates_dir", lambda: folder)
    return folder


def _edit_user_copy(kind: str, fmt: str, old: str, new: str) -> Path:
    path = templates.copy_to_user(kind, fmt)
    document = Document(str(path))
    for paragraph in check.all_paragraphs(document):
        for run in paragraph.runs:
            if old in run.text:
                run.text = run.text.replace(old, new)
    document.save(str(path))
    return path


def test_user_template_is_used(demo_db, tmp_path, user_templates):
    sid = _subjects(demo_db)["state"]["session"]
    _edit_user_copy("notice", "state", "Đăng ký phát biểu", "Cách đăng ký phát biểu")
    with demo_db.session() as s:
        result = export_document(s, ExportRequest("notice", tmp_path / "tb.docx", session_id=sid))
    assert result.template == templates.user_path("notice", "state")
    assert not [w for w in result.warnings if "Mẫu văn bản" in w]
    assert "6. Cách đăng ký phát biểu" in check.document_text(Document(str(tmp_path / "tb.docx")))
    aside = templates.restore_original("notice", "state")
    assert aside.is_file() and not templates.user_path("notice", "state").exists()
    with demo_db.session() as s:
        result = export_document(s, ExportRequest("notice", tmp_path / "tb2.docx", session_id=sid))
    assert result.template == templates.builtin_path("notice", "state")


@pytest.mark.parametrize("breakage, problem", [
    ("jinja", "thẻ “{{ issuer_name | }}” trong đoạn văn “{{ issuer_name | }} xây dựng Kế hoạch tổ chức"),
    ("variable", "biến không xác định “so_van_ban_sai” trong thẻ “{{ so_van_ban_sai }}” ở đoạn văn "
                 "“{{ so_van_ban_sai }} xây dựng Kế hoạch"),
    ("unclosed", "thẻ “{%p for basis in legal_bases %}” trong đoạn văn “{%p for basis in legal_bases %}” chưa có "
                 "thẻ đóng"),
    ("not-docx", "không phải văn bản Word"),
])
def test_broken_user_template_falls_back(demo_db, tmp_path, user_templates, breakage, problem):
    """A broken copy is explained in Vietnamese, in Word's terms — the text around the problem as Word shows it,
    never Jinja's English or a line of XML — and the original is used."""
    sid = _subjects(demo_db)["state"]["session"]
    if breakage == "jinja":
        path = _edit_user_copy("plan", "state", "{{ issuer_name }} xây dựng", "{{ issuer_name | }} xây dựng")
    elif breakage == "variable":
        path = _edit_user_copy("plan", "state", "{{ issuer_name }} xây dựng", "{{ so_van_ban_sai }} xây dựng")
    elif breakage == "unclosed":
        path = templates.copy_to_user("plan", "state")
        document = Document(str(path))
        closing = next(p for p in document.paragraphs if p.text == "{%p endfor %}")
        closing._p.getparent().remove(closing._p)  # the clerk deleted the loop's end
        document.save(str(path))
    else:
        path = templates.copy_to_user("plan", "state")
        path.write_text("đây không phải tệp Word", encoding="utf-8")
    with demo_db.session() as s:
        result = export_document(s, ExportRequest("plan", tmp_path / "kh.docx", session_id=sid))
    assert result.template == templates.builtin_path("plan", "state")
    assert len(result.warnings) == 1
    warning = result.warnings[0]
    assert str(path) in warning and problem in warning, warning
    assert "Đã dùng mẫu gốc" in warning
    for english in ("expected", "Expected", "token", "undefined", "line", "dòng", "template"):
        assert english not in warning.replace(str(path), ""), warning
    assert "I. MỤC ĐÍCH, YÊU CẦU" in check.document_text(Document(str(tmp_path / "kh.docx")))


def test_template_variables_are_documented():
    readme = (templates.BUILTIN_DIR / "README.md").read_text(encoding="utf-8")
    for name in ("number_line", "place_date", "issuer", "signature.lines", "recipients", "legal_bases",
                 "annex_rows", "rows", "copies", "registration_form", "addressees", "subject"):
        assert f"`{name}`" in readme


# -- seed 002: the Tam Đường plan ------------------------------------------------------------------------

SEED_TASKS = [
    ("Thủ trưởng các cơ quan, đơn vị", "Cử lãnh đạo tham gia tiếp xúc, đối thoại khi được yêu cầu."),
    ("Đề nghị Ủy ban Mặt trận Tổ quốc Việt Nam xã và các tổ chức chính trị - xã hội",
     "Nắm bắt tâm tư nguyện vọng của đoàn viên, hội viên."),
    ("Văn phòng HĐND - UBND xã", "Phối hợp tổng hợp, tham mưu chuẩn bị nội dung, cơ sở vật chất."),
    ("Thanh tra", "Rà soát các vụ việc cần thiết phải tổ chức đối thoại."),
    ("Đài Truyền thanh", "Thông tin tuyên truyền, thông báo nội dung kế hoạch để nhân dân được biết."),
    ("Công an xã", "Bố trí lực lượng bảo đảm an ninh trật tự."),
    ("Trưởng các thôn", "Chủ động nắm tình hình, phối hợp thực hiện kế hoạch."),
]


def test_tam_duong_plan_has_the_sections_of_the_real_one(db, tmp_path):
    from desk_app.services import catalog, profiles, sessions

    with db.session() as s:
        profile = profiles.by_code(s, "tam-duong-570")
        catalog.save_commune(s, catalog.CommuneInput(name="Xã Tam Đường", province="Lai Châu",
                                                     profile_id=profile.id))
        chair = catalog.save_official(s, catalog.OfficialInput(name="Tù Hữu Hà", title="Chủ tịch UBND xã",
                                                               body="ubnd", is_committee_head=True))
        ds = sessions.plan_session(s, sessions.SessionInput(
            title="Tiếp xúc, đối thoại trực tiếp của Chủ tịch Ủy ban nhân dân xã với Nhân dân trên địa bàn xã Tam Đường",
            host="ubnd", planned_start=dt.datetime(2019, 7, 15, 8, 0), chair_id=chair.id,
            place="Hội trường UBND xã Tam Đường",
            legal_bases=["Thực hiện Quy chế số 06-QC/TU ngày 04/4/2019 của Tỉnh ủy Lai Châu về tiếp xúc, đối thoại "
                         "trực tiếp giữa người đứng đầu cấp ủy, chính quyền các cấp với Nhân dân trên địa bàn tỉnh",
                         "Kế hoạch số 1017/KH-UBND ngày 11/6/2019 của UBND tỉnh Lai Châu"],
            participants=[(None, "Mặt trận Tổ quốc Việt Nam xã"), (None, "Các tổ chức chính trị - xã hội"),
                          (None, "Các cơ quan, đơn vị có liên quan"), (None, "Các tổ chức, công dân có kiến nghị")],
            tasks=[(None, a, t) for a, t in SEED_TASKS],
            recipients=["TT Đảng ủy", "TT HĐND xã", "Đ/c: Chủ tịch, Phó Chủ tịch UBND xã",
                        "Các cơ quan, ban, ngành, đoàn thể xã", "Các thôn"]))
        result = export_document(s, ExportRequest("plan", tmp_path / "570.docx", session_id=ds.id, number=570,
                                                  issued_date=dt.date(2019, 6, 24), charts=False))
    assert result.number == 570
    document = Document(str(tmp_path / "570.docx"))
    found = check.check_header(document, "state")
    assert found["number"] == "Số: 570/KH-UBND"
    assert found["date"] == "Tam Đường, ngày 24 tháng 6 năm 2019"
    assert found["issuer"] == "ỦY BAN NHÂN DÂN\nXÃ TAM ĐƯỜNG"
    check.check_title(document, "state", "KẾ HOẠCH")
    paragraphs = [p.text for p in document.paragraphs]
    sections = ["I. MỤC ĐÍCH, YÊU CẦU", "1. Mục đích", "2. Yêu cầu", "II. NỘI DUNG",
                "3. Hình thức, chế độ, thời gian, địa điểm", "4. Trình tự tiếp xúc, đối thoại",
                "4.1. Công tác chuẩn bị", "4.2. Chương trình hội nghị", "4.3. Sau hội nghị", "III. TỔ CHỨC THỰC HIỆN"]
    positions = [paragraphs.index(title) for title in sections]
    assert positions == sorted(positions), "the sections come in the order of the real plan"
    for title in sections:
        paragraph = document.paragraphs[paragraphs.index(title)]
        assert all(r.bold for r in check.text_runs(paragraph))
    tasks = [f"{i}. {assignee}" for i, (assignee, _t) in enumerate(SEED_TASKS, 1)]
    assert [p for p in paragraphs if p in tasks] == tasks
    text = "\n".join(paragraphs)
    assert paragraphs[paragraphs.index("I. MỤC ĐÍCH, YÊU CẦU") - 1].startswith("Ủy ban nhân dân xã Tam Đường xây dựng")
    bases = [p for p in document.paragraphs if p.text.startswith(("Thực hiện ", "Căn cứ "))
             and not p.text.startswith("Căn cứ nội dung Kế hoạch")]
    assert len(bases) == 2 and bases[0].text.endswith(";") and bases[1].text.endswith(".")
    assert all(r.italic for p in bases for r in check.text_runs(p))
    # the profile's deadlines, as days and as dates
    assert "ít nhất 07 ngày làm việc trước ngày tổ chức hội nghị (chậm nhất ngày 04/07/2019)" in text
    assert "chậm nhất 05 ngày làm việc kể từ ngày tổ chức hội nghị (chậm nhất ngày 22/07/2019)" in text
    assert "chậm nhất 15 ngày làm việc kể từ ngày tổ chức hội nghị (chậm nhất ngày 05/08/2019)" in text
    assert "vụ việc phức tạp không quá 30 ngày làm việc" in text
    check.check_signature(document, "state", authority="TM. ỦY BAN NHÂN DÂN", title="CHỦ TỊCH", name="Tù Hữu Hà")
    recipients = [p.text for p in check.signature_table(document).rows[0].cells[0].paragraphs if p.text.startswith("- ")]
    assert recipients[0] == "- TT Đảng ủy;" and recipients[-1] == "- Lưu: VT, VP."


# -- LibreOffice: every document opens and converts --------------------------------------------------------

@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice is not installed")
def test_every_document_converts_to_pdf(exported, tmp_path):
    files, _ = exported
    paths = [str(path) for path, _result in files.values()]
    outdir = tmp_path / "pdf"
    completed = subprocess.run(["soffice", f"-env:UserInstallation=file://{tmp_path}/lo", "--headless",
                                "--convert-to", "pdf", "--outdir", str(outdir), *paths],
                               capture_output=True, text=True, timeout=600)
    assert completed.returncode == 0, completed.stderr
    for path in paths:
        pdf = outdir / (Path(path).stem + ".pdf")
        assert pdf.is_file() and pdf.stat().st_size > 5000, path


def test_joint_session_signed_by_the_head_of_the_issuing_body(session, commune, make_session, tmp_path):
    """A joint session chaired by the Bí thư: in the state format the UBND issues and its Chủ tịch signs;
    in the party format the Đảng ủy issues and the Bí thư signs."""
    ds = make_session(stage="invited", host="lien_tich")
    assert ds.chair.id == commune.party.id
    for fmt, authority, title, signer in (("state", "TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH", commune.committee.name),
                                          ("party", "T/M ĐẢNG ỦY", "BÍ THƯ", commune.party.name)):
        target = tmp_path / f"kh-{fmt}.docx"
        result = export_document(session, ExportRequest("plan", target, session_id=ds.id, fmt=fmt), today=TODAY)
        assert result.symbol == {"state": "KH-UBND", "party": "KH/ĐU"}[fmt]
        document = Document(str(target))
        check.check_header(document, fmt)
        check.check_signature(document, fmt, authority=authority, title=title, name=signer)


def test_no_cccd_or_phone_leaves_the_commune_in_the_report(demo_db, exported):
    files, _ = exported
    with demo_db.session() as s:
        numbers = {n for n in s.scalars(select(m.Registration.cccd)) if n} | {
            n for n in s.scalars(select(m.Registration.phone)) if n}
    assert numbers, "the demo has CCCD and phone numbers to leak"
    for fmt in FORMATS:
        text = check.document_text(Document(str(files[("annual-report", fmt)][0])))
        assert not [n for n in numbers if n in text]


@pytest.mark.parametrize("code, counted, absent", [
    ("gia-lai-553", [], ["05 ngày làm việc", "10 ngày làm việc", "20 ngày làm việc"]),  # 000 fixes no count
    ("hcm-935", ["ít nhất 05 ngày làm việc trước ngày tổ chức hội nghị",
                 "chậm nhất 20 ngày làm việc kể từ ngày thông báo kết luận"], []),
    ("tam-duong-570", ["Người chủ trì đánh giá, rút kinh nghiệm nội bộ chậm nhất ngày"], []),
])
def test_the_plan_prints_only_the_counts_its_profile_text_fixes(session, commune, make_session, tmp_path, code,
                                                                 counted, absent):
    from desk_app.services import profiles

    ds = make_session("plan_issued", profile_id=profiles.by_code(session, code).id)
    target = tmp_path / "ke-hoach.docx"
    export_document(session, ExportRequest("plan", target, session_id=ds.id), today=TODAY)
    text = check.document_text(Document(str(target)))
    assert "chậm nhất ngày" in text
    for phrase in counted:
        assert phrase in text, phrase
    for phrase in absent:
        assert phrase not in text, phrase
    assert "((" not in text and "))" not in text  # no nested brackets


def test_a_delegate_who_is_both_an_official_and_an_agency_head_is_named_once(session, commune, make_session,
                                                                               tmp_path):
    from desk_app.documents import contexts
    from desk_app.services import catalog, minutes

    front_chair = catalog.save_official(session, catalog.OfficialInput(
        name="Lương Tiến Khang", title="Chủ tịch Ủy ban MTTQ Việt Nam xã", body="mttq"))
    front = catalog.save_agency(session, catalog.AgencyInput(
        name="Ủy ban Mặt trận Tổ quốc Việt Nam xã", kind="mttq_doan_the", head_name="Lương Tiến Khang",
        head_title="Chủ tịch Ủy ban MTTQ Việt Nam xã"))
    ds = make_session("in_progress", participants=[(front.id, "")])
    opinion = minutes.record_opinion(session, ds.id, minutes.OpinionInput(
        speaker_name="Lò Văn Sáu", content="Hỏi về quỹ vì người nghèo", started_at=dt.datetime(2026, 6, 10, 8, 30)))
    minutes.add_answer(session, opinion.id, "Quỹ được công khai tại nhà văn hóa thôn.",
                       responder_kind="co_quan", official_id=front_chair.id)
    named = contexts.delegates(session, ds, commune.unit, minutes.opinions(session, ds.id))
    assert sum("Lương Tiến Khang" in line for line in named) == 1
