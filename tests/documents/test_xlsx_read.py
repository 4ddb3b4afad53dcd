"""The quick sheet reader (documents/xlsx_read.py) gives exactly openpyxl's read-only values, on the
program's own summaries, on a summary saved again by LibreOffice (shared strings, other styles) and on a
workbook with every kind of cell; consolidation reads the same figures either way."""

from __future__ import annotations

import datetime as dt
import os
import shutil
import subprocess

import openpyxl
import pytest
from openpyxl.cell.rich_text import CellRichText, TextBlock
from openpyxl.cell.text import InlineFont
from openpyxl.utils.datetime import CALENDAR_MAC_1904

from desk_app.documents import consolidate as c
from desk_app.documents import xlsx_read
from tests.documents.test_consolidate import inputs  # noqa: F401 — the fixture: three communes' summaries


def _openpyxl_rows(path) -> tuple[list[str], dict[str, list[tuple]]]:
    wb = openpyxl.load_workbook(path, read_only=True, data_only=True, keep_links=False)
    try:
        rows = {}
        for ws in wb.worksheets:
            ws.reset_dimensions()
            rows[ws.title] = list(ws.iter_rows(values_only=True))
        return wb.sheetnames, rows
    finally:
        wb.close()


def _same(path) -> None:
    names, expected = _openpyxl_rows(path)
    got_names, got = xlsx_read.read_sheets(path, names)
    assert got_names == names
    for name in names:
        assert got[name] == expected[name], name


def test_the_programs_own_summaries(inputs):  # noqa: F811
    paths, _stats = inputs
    for path in paths:
        _same(path)


def test_every_kind_of_cell(tmp_path):
    wb = openpyxl.Workbook()  # the ordinary writer: shared strings, styles of its own
    ws = wb.active
    ws.title = "Kiểm tra"
    ws.append(["chữ", 1, 2.5, -3, 1e-7, True, False, None, "=không phải công thức"])
    ws.append([dt.date(2026, 11, 21), dt.datetime(2026, 11, 21, 8, 30), dt.time(7, 15), dt.timedelta(hours=30)])
    ws["A4"] = "sau một dòng trống"
    ws["F4"] = "cách ô"
    ws["A5"] = CellRichText(["đậm ", TextBlock(InlineFont(b=True), "một phần"), " thôi"])
    ws["B5"] = "  khoảng trắng  "
    ws["C5"] = "x005F_ và _x000D_"
    ws["A7"] = 42
    other = wb.create_sheet("Trống")
    other.sheet_state = "hidden"
    path = tmp_path / "moi-kieu.xlsx"
    wb.save(path)
    _same(path)

    wb.epoch = CALENDAR_MAC_1904  # a workbook counting dates from 1904 (old Mac Excel)
    path1904 = tmp_path / "1904.xlsx"
    wb.save(path1904)
    _same(path1904)


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice (soffice) không có trên máy này")
def test_a_summary_saved_again_by_libreoffice(tmp_path, inputs):  # noqa: F811
    paths, _stats = inputs
    out = tmp_path / "lo"
    command = ["soffice", f"-env:UserInstallation=file://{tmp_path / 'lo-profile'}", "--headless",
               "--convert-to", "xlsx:Calc MS Excel 2007 XML", "--outdir", str(out), str(paths[0])]
    done = subprocess.run(command, capture_output=True, text=True, timeout=240,
                          env={**os.environ, "HOME": str(tmp_path)})
    assert done.returncode == 0, done.stderr
    resaved = out / paths[0].name
    _same(resaved)
    assert not c.read_summary(str(resaved)).reason  # still a usable summary


def test_consolidation_is_the_same_with_openpyxl_alone(tmp_path, inputs, monkeypatch):  # noqa: F811
    paths, _stats = inputs
    quick = [c.read_summary(str(p)) for p in paths]

    def unsupported(*_args):
        raise xlsx_read.Unsupported("test")

    monkeypatch.setattr(c, "read_sheets", unsupported)
    slow = [c.read_summary(str(p)) for p in paths]
    assert [vars(q) for q in quick] == [vars(s) for s in slow]
    assert all(not q.reason and q.petitions for q in quick)


def test_a_damaged_part_falls_back_to_openpyxl_and_is_reported(tmp_path, inputs):  # noqa: F811
    import zipfile

    paths, _stats = inputs
    broken = tmp_path / "hong.xlsx"
    with zipfile.ZipFile(paths[0]) as src, zipfile.ZipFile(broken, "w") as dst:
        for info in src.infolist():
            data = src.read(info.filename)
            dst.writestr(info, b"<worksheet" if info.filename == "xl/worksheets/sheet3.xml" else data)
    with pytest.raises(Exception):
        xlsx_read.read_sheets(broken, ["Kiến nghị"])
    assert c.read_summary(str(broken)).reason == c._REASON_DAMAGED
