"""Consolidation of commune summaries (documents.md §6): totals, every bad input skipped with its reason,
folders, nothing usable, and the outputs opening in LibreOffice."""

from __future__ import annotations

import datetime as dt
import os
import re
import shutil
import subprocess
import zipfile
from pathlib import Path
from xml.sax.saxutils import escape

import openpyxl
import pytest

from desk_app.documents import consolidate as c
from desk_app.documents import summary
from desk_app.domain.errors import DocumentError
from desk_app.services import catalog, statistics
from tests.documents.test_summary import CCCD, PHONE, TRICKY, YEAR, build_year, sheet_rows

COMMUNES = (("Xã Tân Đoàn", "06283"), ("Xã Hồng Phong", "06284"), ("Xã Bình Gia", ""))


def clone_summary(source: Path, target: Path, **meta) -> Path:
    """A copy of a summary with some "_meta" values changed (commune_code, commune_name, period_start…):
    a light way to make many communes' files (it patches the hidden sheet's XML, nothing else)."""
    with zipfile.ZipFile(source) as src, zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            data = src.read(info.filename)
            if info.filename == "xl/worksheets/sheet5.xml":  # "_meta", the fifth sheet
                text = data.decode()
                for key, value in meta.items():
                    cell = re.compile(rf'(<c r="A(\d+)" t="inlineStr"><is><t>{key}</t></is></c>)'
                                      rf'<c r="B\2"[^>]*>.*?</c>')
                    text, found = cell.subn(lambda hit: hit.group(1) + f'<c r="B{hit.group(2)}" t="inlineStr">'
                                            f'<is><t>{escape(str(value))}</t></is></c>', text)
                    assert found == 1, key
                data = text.encode()
            dst.writestr(info, data)
    return target


@pytest.fixture
def inputs(tmp_path, session, commune, make_session, today):
    """Three communes' 2026 summaries in a folder (the third without a code), each with different data,
    and the statistics each was written from."""
    folder = tmp_path / "xa"
    folder.mkdir()
    build_year(session, commune, make_session)
    paths, stats = [], []
    for index, (name, code) in enumerate(COMMUNES):
        if index:  # more data for the next commune
            make_session("ended", host="hdnd", start=dt.datetime(2026, 9, 15 + index, 8), petitions=index + 1)
        catalog.save_commune(session, catalog.CommuneInput(name=name, code=code, province="Tỉnh Lạng Sơn"))
        paths.append(summary.write_summary(session, YEAR, folder / f"{index + 1}.xlsx", today=today))
        stats.append(statistics.compute(session, YEAR, today))
    return paths, stats


def figures(path: Path) -> dict:
    rows = sheet_rows(openpyxl.load_workbook(path, read_only=True)[summary.SUMMARY_SHEET])
    return {r[0]: r[2] for r in rows if r and r[0] in c._FIGURE_KEYS}


def consolidated_rows(path: Path):
    """(header, commune rows, total row) of the consolidated "Tổng hợp"."""
    rows = sheet_rows(openpyxl.load_workbook(path)[summary.SUMMARY_SHEET])
    start = next(i for i, r in enumerate(rows) if r[0] == "STT")
    return rows[start], rows[start + 1:-1], rows[-1]


def test_totals_are_the_sum_of_the_inputs(tmp_path, inputs):
    paths, stats = inputs
    out = tmp_path / "tong-hop-tinh.xlsx"
    result = c.consolidate(paths, out)
    assert result.used == 3 and not result.skipped and result.target == out
    wb = openpyxl.load_workbook(out)
    assert wb.sheetnames == ["Tổng hợp", "Theo lĩnh vực", "Kiến nghị", "_meta"]
    assert wb["_meta"].sheet_state == "hidden"
    meta = dict(sheet_rows(wb["_meta"]))
    assert (meta["kind"], meta["communes"], meta["period_start"]) == ("consolidation", 3, "2026-01-01")

    header, communes, total = consolidated_rows(out)
    # communes in the order of province, name and code, whatever the order of the inputs
    order = sorted(range(3), key=lambda i: COMMUNES[i][0].replace("Đ", "D"))
    assert [r[1:3] for r in communes] == [[COMMUNES[i][0], COMMUNES[i][1] or None] for i in order]
    assert total[1] == "Tổng cộng"
    inputs_figures = [figures(paths[i]) for i in order]
    for column, (key, label) in enumerate(c.FIGURES, 4):
        assert header[column] == label
        assert [r[column] for r in communes] == [f[key] for f in inputs_figures], key
        if key == "avg_days_to_resolve":
            continue  # weighted, not summed: see test_average_days_is_weighted_by_the_resolved
        assert total[column] == sum(f[key] for f in inputs_figures), key
    petitions = dict(zip(header, total))["Tổng số ý kiến, kiến nghị"]
    assert petitions == sum(s.total.petitions for s in stats)
    tan_doan = next(r for r in communes if r[1] == "Xã Tân Đoàn")
    # luat-2025 has two obligations; the columns follow the fixed order of OBLIGATION_WHO
    states = {h.who: h.state_label for h in stats[0].compliance}
    assert tan_doan[-2:] == [states["dang_uy"], states["chinh_quyen"]]

    table = sheet_rows(wb["Theo lĩnh vực"])
    body, table_total = table[2:-1], table[-1]
    assert table_total[-1] == petitions
    land = next(r for r in body if r[0] == "Đất đai")
    assert land[1:-1] == [sum(s.total.by_field_status["Đất đai"][st.value] for s in stats)
                          for st in summary.PetitionStatus]

    rows = sheet_rows(wb["Kiến nghị"])
    assert rows[0][0] == "Đơn vị" and len(rows) - 1 == petitions
    assert [r[0] for r in rows[1:]].count("Xã Hồng Phong") == stats[1].total.petitions
    first = wb["Kiến nghị"]["B2"]
    assert isinstance(first.value, dt.datetime) and first.number_format == "dd/mm/yyyy"
    assert wb["Kiến nghị"].freeze_panes == "C2" and wb["Kiến nghị"]["A1"].font.b


def test_average_days_is_weighted_by_the_resolved(tmp_path, inputs):
    paths, _stats = inputs
    out = tmp_path / "out.xlsx"
    c.consolidate(paths, out)
    header, _communes, total = consolidated_rows(out)
    column = header.index("Số ngày làm việc bình quân đến khi trả lời")
    inputs_figures = [figures(p) for p in paths]
    resolved = sum(f["resolved"] for f in inputs_figures)
    expected = sum((f["avg_days_to_resolve"] or 0) * f["resolved"] for f in inputs_figures) / resolved
    assert total[column] == round(expected, 1)


def test_formula_like_text_stays_text_and_no_personal_data(tmp_path, inputs):
    out = tmp_path / "out.xlsx"
    c.consolidate(inputs[0], out)
    wb = openpyxl.load_workbook(out)
    found = [cell for row in wb["Kiến nghị"].iter_rows() for cell in row if cell.value in TRICKY]
    assert {cell.value for cell in found} == set(TRICKY)
    assert all(cell.data_type == "s" and cell.quotePrefix for cell in found)
    with zipfile.ZipFile(out) as archive:
        for name in archive.namelist():
            data = archive.read(name)
            assert b"<f>" not in data and b"<f " not in data, name
            assert CCCD.encode() not in data and PHONE[1:].encode() not in data, name


def test_every_bad_input_is_skipped_with_its_reason(tmp_path, inputs, session, today):
    paths, _stats = inputs
    bad = tmp_path / "bad"
    bad.mkdir()
    (bad / "hong.xlsx").write_bytes(b"khong phai tep excel")
    (bad / "cut.xlsx").write_bytes(paths[0].read_bytes()[:3000])
    (bad / "pass.xlsx").write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600)
    foreign = openpyxl.Workbook()
    foreign.active.append(["Họ và tên", "Nội dung"])
    foreign.save(bad / "khac.xlsx")
    shutil.copy(paths[0], bad / "trung-ma.xlsx")
    clone_summary(paths[0], bad / "trung-ten.xlsx", commune_code="")  # Tân Đoàn again, without its code
    shutil.copy(paths[2], bad / "trung-ten-2.xlsx")  # Bình Gia (no code) again
    clone_summary(paths[0], bad / "nam-khac.xlsx", commune_code="09999", period_start="2025-01-01",
                  period_end="2025-12-31")
    clone_summary(paths[0], bad / "phien-ban.xlsx", commune_code="09998", format_version="99")
    summary.write_summary(session, statistics.Period.year(2026), tmp_path / "mot.xlsx", today=today)
    first = tmp_path / "tong-hop-1.xlsx"
    c.consolidate(paths[:1], first)
    missing = bad / "khong-co.xlsx"
    out = tmp_path / "out.xlsx"

    result = c.consolidate(paths + [bad, first, missing], out, year=2026)
    reasons = {item.path.name: item.reason for item in result.inputs}
    assert result.used == 3 and result.inputs[:3] == [c.InputResult(p, True, "") for p in paths]
    assert reasons["hong.xlsx"] == reasons["cut.xlsx"] == "không phải tệp Excel (.xlsx) hoặc tệp đã bị hỏng"
    assert "mật khẩu" in reasons["pass.xlsx"]
    assert reasons["khac.xlsx"] == "không phải bảng tổng hợp xuất từ chương trình này (không có trang “_meta”)"
    # copies written at the same moment: the file whose name comes first is kept, and the line says so
    assert reasons["trung-ma.xlsx"] == ("Xã Tân Đoàn (mã 06283) đã có trong tệp 1.xlsx: dùng tệp 1.xlsx cùng lúc "
                                        f"lập ({c._generated(c.read_head(str(paths[0])).meta)})")
    assert reasons["trung-ten.xlsx"].startswith("Xã Tân Đoàn đã có trong tệp 1.xlsx")
    assert reasons["trung-ten-2.xlsx"].startswith("Xã Bình Gia đã có trong tệp 3.xlsx")
    assert reasons["nam-khac.xlsx"] == "số liệu năm 2025, không phải năm 2026 đã chọn"
    assert reasons["phien-ban.xlsx"] == ("bảng tổng hợp theo định dạng phiên bản 99, chương trình này đọc "
                                         "phiên bản 2 (hãy xuất lại bảng tổng hợp bằng phiên bản mới)")
    assert reasons["tong-hop-1.xlsx"] == "là bảng tổng hợp nhiều xã, không phải bảng tổng hợp của một xã"
    assert reasons["khong-co.xlsx"] == "không đọc được tệp: không tồn tại"
    assert len(result.skipped) == 11
    _header, communes, _total = consolidated_rows(out)
    assert len(communes) == 3


def test_year_selects_the_period(tmp_path, inputs):
    paths, _stats = inputs
    other = clone_summary(paths[0], tmp_path / "2025.xlsx", commune_code="09999", period_start="2025-01-01",
                          period_end="2025-12-31")
    result = c.consolidate([paths[0], other], tmp_path / "out.xlsx", year=2025)
    assert [item.ok for item in result.inputs] == [False, True]
    assert result.inputs[0].reason == "số liệu năm 2026, không phải năm 2025 đã chọn"
    meta = dict(sheet_rows(openpyxl.load_workbook(tmp_path / "out.xlsx")["_meta"]))
    assert meta["period_label"] == "Năm 2025"


def test_folder_input_and_output_inside_it(inputs, tmp_path):
    paths, _stats = inputs
    folder = paths[0].parent
    (folder / "ghi-chu.txt").write_text("không phải bảng tính")
    (folder / "~$1.xlsx").write_bytes(b"lock")  # Excel's lock file of an open workbook
    out = folder / "tong-hop.xlsx"
    first = c.consolidate([folder], out)
    again = c.consolidate([folder], out)  # the earlier output in the folder is not an input
    assert [item.path for item in first.inputs] == [item.path for item in again.inputs] == paths
    assert again.used == 3


def test_nothing_usable_raises_and_writes_nothing(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.xlsx").write_bytes(b"rac")
    out_dir = tmp_path / "out"
    out_dir.mkdir()
    with pytest.raises(DocumentError) as error:
        c.consolidate([folder], out_dir / "out.xlsx")
    assert isinstance(error.value, c.NothingToConsolidate)
    assert error.value.message.startswith("Không có tệp nào dùng được để tổng hợp:\n- a.xlsx: không phải tệp Excel")
    assert [(i.path.name, i.ok) for i in error.value.result.inputs] == [("a.xlsx", False)]
    assert not list(out_dir.iterdir())
    with pytest.raises(DocumentError, match="Không có tệp .xlsx nào"):
        c.consolidate([out_dir], out_dir / "out.xlsx")


def test_cancel_writes_nothing_and_progress_counts_inputs(tmp_path, inputs):
    paths, _stats = inputs
    out_dir = tmp_path / "out"
    out_dir.mkdir()
    calls = []
    with pytest.raises(DocumentError, match="Đã hủy"):
        c.consolidate(paths, out_dir / "out.xlsx", progress=lambda d, t: calls.append((d, t)),
                      cancelled=lambda: len(calls) >= 2)
    assert calls == [(1, 3), (2, 3)] and not list(out_dir.iterdir())


def test_worker_processes_give_the_same_workbook(tmp_path, inputs):
    paths, _stats = inputs
    alone, pooled = tmp_path / "alone.xlsx", tmp_path / "pooled.xlsx"
    c.consolidate(paths + [tmp_path / "khong-co.xlsx"], alone, workers=1)
    result = c.consolidate(paths + [tmp_path / "khong-co.xlsx"], pooled, workers=2)
    assert [i.ok for i in result.inputs] == [True, True, True, False]
    for name in ("Theo lĩnh vực", "Kiến nghị"):
        assert sheet_rows(openpyxl.load_workbook(alone)[name]) == sheet_rows(openpyxl.load_workbook(pooled)[name])
    assert consolidated_rows(alone)[1:] == consolidated_rows(pooled)[1:]


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice (soffice) không có trên máy này")
def test_summary_and_consolidation_open_in_libreoffice(tmp_path, inputs):
    paths, _stats = inputs
    out = tmp_path / "tong-hop-tinh.xlsx"
    c.consolidate(paths, out)
    pdf = tmp_path / "pdf"
    command = ["soffice", f"-env:UserInstallation=file://{tmp_path / 'lo-profile'}", "--headless",
               "--convert-to", "pdf", "--outdir", str(pdf), str(paths[0]), str(out)]
    done = subprocess.run(command, capture_output=True, text=True, timeout=240,
                          env={**os.environ, "HOME": str(tmp_path)})
    assert done.returncode == 0, done.stderr
    for name in (paths[0].stem, out.stem):
        produced = pdf / f"{name}.pdf"
        assert produced.exists() and produced.read_bytes().startswith(b"%PDF"), name


def test_a_year_out_of_range_is_refused(tmp_path):
    from desk_app.domain.errors import ValidationError

    with pytest.raises(ValidationError, match="từ 2000 đến 2100"):
        c.consolidate([tmp_path], tmp_path / "out.xlsx", year=1999)


def test_fast_rows_write_the_same_cells_as_openpyxl(tmp_path):
    from openpyxl import Workbook

    from desk_app.documents import xlsx

    values = ("=1+1", "a & <b> \x02", " lề ", dt.datetime(2026, 3, 10), dt.datetime(2026, 3, 10, 8, 30), 3, 21.8,
              None, "", True)
    wb = Workbook(write_only=True)
    ws = wb.create_sheet("x")
    cells = xlsx.Cells(ws)
    ws.append(cells.header(["Tiêu đề"]))
    rows = xlsx.FastRows(cells, next_row=2, columns=len(values))
    rows.append(values)
    rows.append(("-abc",))
    wb.save(tmp_path / "x.xlsx")
    xlsx.splice_rows(tmp_path / "x.xlsx", ws, rows)
    rows.close()
    sheet = openpyxl.load_workbook(tmp_path / "x.xlsx")["x"]
    first, second = list(sheet.iter_rows(min_row=2))
    assert [c.value for c in first] == ["=1+1", "a & <b> ", " lề ", dt.datetime(2026, 3, 10),
                                        dt.datetime(2026, 3, 10, 8, 30), 3, 21.8, None, None, "Có"]
    assert first[0].data_type == "s" and first[0].quotePrefix and not first[1].quotePrefix
    assert [c.number_format for c in first[3:5]] == ["dd/mm/yyyy", "dd/mm/yyyy hh:mm"]
    assert second[0].value == "-abc" and second[0].data_type == "s" and second[0].quotePrefix
    assert sheet["A1"].font.b
    assert [p.name for p in tmp_path.iterdir()] == ["x.xlsx"]


# -- every input is checked against itself (domain.md §7), the order of the inputs never matters -----------------

SHEET_FILES = {summary.SUMMARY_SHEET: "sheet1", summary.SESSIONS_SHEET: "sheet2", summary.PETITIONS_SHEET: "sheet3",
               summary.FIELDS_SHEET: "sheet4", summary.META_SHEET: "sheet5"}


def edit_sheet(source: Path, target: Path, sheet: str, edit) -> Path:
    """A copy of a workbook whose sheet XML went through ``edit(text) -> text`` (a clerk's hand edit in Excel)."""
    member = f"xl/worksheets/{SHEET_FILES[sheet]}.xml"
    with zipfile.ZipFile(source) as src, zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            data = src.read(info.filename)
            if info.filename == member:
                changed = edit(data.decode())
                assert changed != data.decode(), "the edit found nothing to change"
                data = changed.encode()
            dst.writestr(info, data)
    return target


def set_cell(ref: str, cell_xml: str):
    return lambda text: re.sub(rf'<c r="{ref}"[^>]*?(/>|>.*?</c>)', cell_xml, text, count=1)


def figure_row(path: Path, key: str) -> int:
    ws = openpyxl.load_workbook(path, read_only=True)[summary.SUMMARY_SHEET]
    return next(number for number, row in enumerate(ws.iter_rows(values_only=True), 1) if row and row[0] == key)


def test_a_hand_edited_total_is_skipped_with_its_cell(tmp_path, inputs):
    paths, stats = inputs
    row = figure_row(paths[0], "petitions")
    edited = edit_sheet(paths[0], tmp_path / "sua-tay.xlsx", summary.SUMMARY_SHEET,
                        set_cell(f"C{row}", f'<c r="C{row}"><v>{stats[0].total.petitions * 10}</v></c>'))
    result = c.consolidate([edited, paths[1]], tmp_path / "out.xlsx")
    assert [i.ok for i in result.inputs] == [False, True]
    reason = result.inputs[0].reason
    assert f"trang “Tổng hợp”, ô C{row}" in reason and "Tổng số ý kiến, kiến nghị" in reason


@pytest.mark.parametrize("cell, expected", [
    ('<c r="C{row}" t="inlineStr"><is><t>60</t></is></c>', "là chữ hoặc công thức không có giá trị (“60”)"),
    ('<c r="C{row}"><f>SUM(D{row}:G{row})</f></c>', "để trống"),  # a formula without its stored value
])
def test_a_number_typed_as_text_or_a_formula_without_a_value_is_skipped(tmp_path, inputs, cell, expected):
    paths, _stats = inputs
    row = figure_row(paths[0], "petitions")
    edited = edit_sheet(paths[0], tmp_path / "sua.xlsx", summary.SUMMARY_SHEET, set_cell(f"C{row}", cell.format(row=row)))
    result = c.consolidate([edited, paths[1]], tmp_path / "out.xlsx")
    assert not result.inputs[0].ok
    assert f"ô C{row}" in result.inputs[0].reason and expected in result.inputs[0].reason


def test_a_deleted_total_row_of_the_field_table_is_skipped(tmp_path, inputs):
    paths, _stats = inputs
    def drop_last_row(text):
        last = text.rindex("<row ")
        return text[:last] + text[text.index("</row>", last) + len("</row>"):]

    edited = edit_sheet(paths[0], tmp_path / "xoa.xlsx", summary.FIELDS_SHEET, drop_last_row)
    result = c.consolidate([edited, paths[1]], tmp_path / "out.xlsx")
    assert not result.inputs[0].ok and "“Theo lĩnh vực”" in result.inputs[0].reason


def test_a_deleted_petition_row_is_skipped(tmp_path, inputs):
    paths, _stats = inputs
    edited = edit_sheet(paths[0], tmp_path / "xoa-kn.xlsx", summary.PETITIONS_SHEET,
                        lambda text: re.sub(r'<row r="2"[^>]*>.*?</row>', "", text, count=1, flags=re.S))
    result = c.consolidate([edited, paths[1]], tmp_path / "out.xlsx")
    assert not result.inputs[0].ok and "trang “Kiến nghị” có" in result.inputs[0].reason


def test_inputs_of_several_years_need_a_year(tmp_path, inputs):
    paths, _stats = inputs
    older = clone_summary(paths[0], tmp_path / "2025.xlsx", commune_code="09999", period_start="2025-01-01",
                          period_end="2025-12-31")
    out_dir = tmp_path / "out"
    out_dir.mkdir()
    with pytest.raises(c.MixedPeriods) as error:
        c.consolidate([older, *paths], out_dir / "out.xlsx")
    assert "--year" in error.value.message and "năm 2025: 1 tệp" in error.value.message
    assert not list(out_dir.iterdir())


def test_the_newer_export_of_a_commune_wins_in_any_order(tmp_path, inputs):
    paths, _stats = inputs
    newer = clone_summary(paths[0], tmp_path / "moi.xlsx", generated_at="2026-12-31 09:00:00")
    for order in ([paths[0], newer], [newer, paths[0]]):
        result = c.consolidate(order, tmp_path / "out.xlsx")
        reasons = {i.path.name: (i.ok, i.reason) for i in result.inputs}
        assert reasons["moi.xlsx"] == (True, "")
        ok, reason = reasons["1.xlsx"]
        assert not ok and "tệp moi.xlsx lập lúc 2026-12-31 09:00:00 mới hơn" in reason


def test_the_result_never_depends_on_the_order_of_the_inputs(tmp_path, inputs):
    paths, _stats = inputs
    forward, backward = tmp_path / "a.xlsx", tmp_path / "b.xlsx"
    c.consolidate(paths, forward)
    c.consolidate(list(reversed(paths)), backward)
    for name in ("Theo lĩnh vực", "Kiến nghị"):
        assert sheet_rows(openpyxl.load_workbook(forward)[name]) == sheet_rows(openpyxl.load_workbook(backward)[name])
    assert consolidated_rows(forward)[1:] == consolidated_rows(backward)[1:]
