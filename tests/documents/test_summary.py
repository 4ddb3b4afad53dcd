"""The Excel summary sent upward (documents.md §5), read back with openpyxl."""

from __future__ import annotations

import datetime as dt
import zipfile

import openpyxl
import pytest
from sqlalchemy import select

import desk_app
from desk_app.documents import summary
from desk_app.domain.errors import DocumentError
from desk_app.services import followup, minutes, registrations, sessions, statistics
from desk_app.store import models as m

CCCD = "001203004567"
PHONE = "0912345678"
TRICKY = ("=1+1", "@SUM(A1)", "+84 là mã nước", "-abc", "#N/A")
YEAR = statistics.Period.year(2026)


def build_year(session, commune, make_session):
    """2026: a UBND session in March (resolved on time, resolved late, one open and overdue) and a
    Đảng ủy session in June whose texts look like formulas and whose speakers gave a CCCD and a phone;
    a cancelled one; and a 2025 session that must not be counted."""
    march = make_session("concluded", host="ubnd", start=dt.datetime(2026, 3, 10, 8), petitions=3,
                         notice_date=dt.date(2026, 3, 13))
    on_time, late, _open = session.scalars(select(m.Petition).where(m.Petition.session_id == march.id)
                                           .order_by(m.Petition.id)).all()
    followup.resolve(session, on_time.id, "Đã giải quyết xong.", dt.date(2026, 4, 10), reply_date=dt.date(2026, 4, 10))
    followup.resolve(session, late.id, "Đã giải quyết.", dt.date(2026, 4, 20), reply_date=dt.date(2026, 4, 20))

    june = make_session("in_progress", host="dang_uy", start=dt.datetime(2026, 6, 10, 8))
    speaker = registrations.add_registration(session, june.id, registrations.RegistrationInput(
        citizen_name="Hà Văn Tư", cccd=CCCD, phone=PHONE, content="Hỏi về chính sách hỗ trợ",
        hamlet_id=commune.hamlets[0].id, channel="tai_hoi_nghi"))
    for reg in session.scalars(select(m.Registration)):
        reg.cccd, reg.phone = CCCD, PHONE  # every speaker gave both: none may leave the commune
    followup.create_petition(session, june.id, followup.PetitionInput(
        citizen_name=TRICKY[0], content=TRICKY[1], conclusion=TRICKY[2], registration_id=speaker.id,
        field_id=commune.fields["Đất đai"].id, hamlet_id=commune.hamlets[1].id, lead_agency_id=commune.economy.id))
    followup.create_petition(session, june.id, followup.PetitionInput(
        citizen_name=TRICKY[4], content=TRICKY[3], status="da_tra_loi_tai_hoi_nghi"))
    minutes.end_meeting(session, june.id, dt.datetime(2026, 6, 10, 11), citizens_attending=80,
                        delegates_attending=15, general_conclusion="Kết luận chung.")
    cancelled = make_session("plan_issued", host="hdnd", start=dt.datetime(2026, 5, 5, 8))
    sessions.cancel(session, cancelled.id, "Hoãn")
    make_session("ended", host="ubnd", start=dt.datetime(2025, 6, 10, 8), petitions=4)
    session.flush()


@pytest.fixture
def year(session, commune, make_session):
    build_year(session, commune, make_session)


@pytest.fixture
def written(tmp_path, session, year, today):
    return summary.write_summary(session, YEAR, tmp_path / "tong-hop.xlsx", today=today)


def sheet_rows(ws):
    return [list(row) for row in ws.iter_rows(values_only=True)]


def all_cells(wb):
    for ws in wb.worksheets:
        for row in ws.iter_rows():
            yield from row


def figure_rows(ws) -> dict[str, list]:
    """Rows of "Tổng hợp" by the stable key in hidden column A."""
    return {row[0]: row for row in sheet_rows(ws) if isinstance(row[0], str) and row[0] != "Mã"}


def test_sheets_meta_and_layout(written, commune):
    wb = openpyxl.load_workbook(written)
    assert wb.sheetnames == ["Tổng hợp", "Cuộc đối thoại", "Kiến nghị", "Theo lĩnh vực", "_meta"]
    assert [ws.sheet_state for ws in wb.worksheets] == ["visible"] * 4 + ["hidden"]
    meta = dict(sheet_rows(wb["_meta"]))
    assert meta["kind"] == "commune-summary" and meta["format_version"] == summary.FORMAT_VERSION
    assert (meta["commune_name"], meta["province"]) == ("Xã Tân Đoàn", "Tỉnh Lạng Sơn")
    assert "commune_code" in meta
    assert (meta["period_start"], meta["period_end"]) == ("2026-01-01", "2026-12-31")
    assert meta["app_version"] == desk_app.__version__
    assert dt.datetime.fromisoformat(meta["generated_at"])

    top = wb["Tổng hợp"]
    assert top.column_dimensions["A"].hidden  # the stable keys
    assert top["B2"].value == "Đơn vị:" and top["C2"].value == "Xã Tân Đoàn"
    assert top["C5"].value == "Năm 2026"
    header = next(r for r in top.iter_rows(min_col=2, max_col=2) if r[0].value == "Chỉ tiêu")[0].row
    assert top.freeze_panes == f"C{header + 1}"
    for ws, header_row, freeze in ((top, header, None), (wb["Cuộc đối thoại"], 1, "B2"),
                                   (wb["Kiến nghị"], 1, "C2"), (wb["Theo lĩnh vực"], 2, "B3")):
        if freeze:
            assert ws.freeze_panes == freeze, ws.title
        labels = [c for c in ws[header_row] if c.value is not None]
        assert labels and all(c.font.b for c in labels), ws.title
        assert ws.column_dimensions["B"].width > 8, ws.title
    assert wb["Kiến nghị"].column_dimensions["E"].width == 60
    assert wb["Theo lĩnh vực"].row_dimensions[1].hidden  # the status codes


def test_dates_are_real_dates_and_numbers_are_numbers(written):
    wb = openpyxl.load_workbook(written)
    petitions = wb["Kiến nghị"]
    assert [c.value for c in petitions[1]][:4] == ["Ngày đối thoại", "Người kiến nghị", "Thôn, tổ dân phố",
                                                  "Lĩnh vực"]
    first = petitions[2]
    for cell in (first[0], first[7]):  # session date, due date
        assert isinstance(cell.value, dt.datetime) and cell.is_date
        assert cell.number_format == "dd/mm/yyyy"
    assert first[0].value == dt.datetime(2026, 3, 10)
    assert first[12].data_type == "n" and first[12].value == 1  # times raised
    sessions = wb["Cuộc đối thoại"]
    assert sessions["A2"].number_format == "dd/mm/yyyy" and sessions["A2"].value == dt.datetime(2026, 3, 10)
    assert all(isinstance(c.value, int) for c in sessions[2][7:])
    generated = wb["Tổng hợp"]["C7"]
    assert isinstance(generated.value, dt.datetime) and generated.number_format == "dd/mm/yyyy hh:mm"
    assert wb["Tổng hợp"]["C6"].value == dt.datetime(2026, 11, 21)


def test_figures_are_those_of_compute(written, session, today):
    stats = statistics.compute(session, YEAR, today)
    rows = figure_rows(openpyxl.load_workbook(written)["Tổng hợp"])
    hosts = ["dang_uy", "hdnd", "ubnd", "lien_tich"]
    per_host = [{k: v for k, _label, v in stats.by_host[h].items()} for h in hosts]
    for key, label, value in stats.total.items():
        assert rows[key][1:3] == [label, value], key
        assert rows[key][3:7] == [figures[key] for figures in per_host], key
    assert rows["petitions"][2] == 5 and rows["resolved_late"][2] == 1 and rows["open_overdue"][2] == 2
    for head in stats.compliance:
        row = rows[f"compliance_{head.post}"]
        assert row[1:7] == [head.post_label, head.official_name, head.required, head.held, head.upcoming,
                            head.state_label]


def test_session_and_field_totals_are_the_sum_of_their_rows(written, session, today):
    stats = statistics.compute(session, YEAR, today)
    wb = openpyxl.load_workbook(written)
    rows = sheet_rows(wb["Cuộc đối thoại"])[1:]
    body, total = rows[:-1], rows[-1]
    assert len(body) == 3 and total[0] == "Tổng cộng"
    assert [r[5] for r in body] == ["Đã thông báo kết luận", "Hủy", "Đã kết thúc"]
    assert body[0][1:5] == ["UBND", "Nguyễn Văn Đức", "Trực tiếp", "Định kỳ"]
    for column in range(7, 17):
        assert total[column] == sum(r[column] for r in body)
    assert total[7:12] == [stats.total.citizens_attending, stats.total.delegates_attending,
                           stats.total.registrations, stats.total.opinions, stats.total.petitions]

    table = sheet_rows(wb["Theo lĩnh vực"])
    codes, header, body, total = table[0], table[1], table[2:-1], table[-1]
    assert codes[1:-1] == [s.value for s in summary.PetitionStatus]
    assert header[1] == "Mới" and header[-1] == "Tổng số"
    assert [r[0] for r in body][:len(stats.fields)] == stats.fields
    assert all(r[-1] == sum(r[1:-1]) for r in body)
    assert total[0] == "Tổng cộng"
    assert total[1:] == [sum(r[i] for r in body) for i in range(1, len(header))]
    assert total[-1] == stats.total.petitions
    land = next(r for r in body if r[0] == "Đất đai")
    assert land[1:-1] == [stats.total.by_field_status["Đất đai"][s.value] for s in summary.PetitionStatus]


def test_petition_rows(written):
    rows = sheet_rows(openpyxl.load_workbook(written)["Kiến nghị"])[1:]
    assert len(rows) == 5
    by_status = {}
    for row in rows:
        by_status.setdefault(row[8], []).append(row)
    resolved = sorted(r[10] for r in by_status["Đã giải quyết"])
    assert resolved == ["Có", "Không"]
    assert [r[11] for r in by_status["Mới"]] == ["Có", "Có"]  # both open ones are past their due date
    assert all(r[10] is None for r in rows if r[8] != "Đã giải quyết")
    tricky = next(r for r in rows if r[1] == "=1+1")
    assert tricky[3:7] == ["Đất đai", "@SUM(A1)", "+84 là mã nước", "Phòng Kinh tế"]
    assert tricky[2] and isinstance(tricky[7], dt.datetime) and tricky[12] == 1


def test_formula_like_text_is_stored_as_text(written):
    wb = openpyxl.load_workbook(written)
    found = {c.value: c for c in all_cells(wb) if c.value in TRICKY}
    assert set(found) == set(TRICKY)
    for value, cell in found.items():
        assert cell.data_type == "s", value
        assert cell.quotePrefix, value
    with zipfile.ZipFile(written) as archive:
        for name in archive.namelist():
            assert b"<f>" not in archive.read(name) and b"<f " not in archive.read(name), name


def test_no_cccd_or_phone_anywhere(written):
    wb = openpyxl.load_workbook(written)
    texts = [str(c.value) for c in all_cells(wb) if c.value is not None]
    assert not [t for t in texts if CCCD in t or PHONE in t or "912345678" in t]
    with zipfile.ZipFile(written) as archive:
        for name in archive.namelist():
            data = archive.read(name)
            assert CCCD.encode() not in data and b"912345678" not in data, name


def test_progress_is_reported(tmp_path, session, year, today):
    calls = []
    summary.write_summary(session, YEAR, tmp_path / "p.xlsx", today=today, progress=lambda d, t: calls.append((d, t)))
    assert calls[0] == (0, 5) and calls[-1] == (5, 5)


def test_empty_period(tmp_path, session, commune, today):
    path = summary.write_summary(session, statistics.Period.year(2030), tmp_path / "empty.xlsx", today=today)
    wb = openpyxl.load_workbook(path)
    assert sheet_rows(wb["Kiến nghị"]) == [list(summary.PETITION_HEADERS)]
    assert sheet_rows(wb["Cuộc đối thoại"])[1][0] == "Tổng cộng"
    assert figure_rows(wb["Tổng hợp"])["sessions_total"][2] == 0


def test_failed_write_leaves_the_old_file_and_no_partial_one(tmp_path, session, year, today, monkeypatch):
    folder = tmp_path / "out"
    folder.mkdir()
    target = folder / "tong-hop.xlsx"
    summary.write_summary(session, YEAR, target, today=today)
    good = target.read_bytes()

    def broken(*_args):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(summary, "_fields_sheet", broken)  # fails after the petitions were streamed
    with pytest.raises(DocumentError) as error:
        summary.write_summary(session, YEAR, target, today=today)
    assert "ổ đĩa đã đầy" in error.value.message
    assert target.read_bytes() == good
    with pytest.raises(DocumentError):
        summary.write_summary(session, YEAR, folder / "new.xlsx", today=today)
    assert [p.name for p in folder.iterdir()] == ["tong-hop.xlsx"]


def test_needs_the_commune(tmp_path, session):
    from desk_app.domain.errors import MissingDataError

    with pytest.raises(MissingDataError, match="thông tin đơn vị"):
        summary.write_summary(session, YEAR, tmp_path / "x.xlsx")
    assert not (tmp_path / "x.xlsx").exists()


def test_cells_keep_text_as_text_and_the_file_valid(tmp_path):
    """What the database could still hold (old data, imports) never breaks the file."""
    from openpyxl import Workbook

    from desk_app.documents import xlsx

    wb = Workbook(write_only=True)
    ws = wb.create_sheet("x")
    cells = xlsx.Cells(ws)
    ws.append([cells.text("a\x01b\x1fc"), cells.text("x" * 40_000), cells.bold("=SUM(A1:A2)"),
               cells.header(["+tiêu đề"])[0], cells.value(dt.datetime(2026, 3, 10, 8, 30)), cells.value(True)])
    wb.save(tmp_path / "x.xlsx")
    row = next(openpyxl.load_workbook(tmp_path / "x.xlsx")["x"].iter_rows())
    assert row[0].value == "abc"
    assert len(row[1].value) == xlsx.MAX_CELL_TEXT and row[1].value.endswith("…")
    assert [(c.value, c.data_type) for c in row[2:4]] == [("=SUM(A1:A2)", "s"), ("+tiêu đề", "s")]
    assert row[2].font.b and row[3].font.b
    assert row[4].value == dt.datetime(2026, 3, 10, 8, 30) and row[4].number_format == "dd/mm/yyyy hh:mm"
    assert row[5].value == "Có"
