"""Importing speaker registrations from Excel: tolerant headers, every bad row reported with its Excel row
number, all rows or none, and a Vietnamese message naming the file for every kind of bad file."""

from __future__ import annotations

import datetime as dt
import zipfile

import openpyxl
import pytest
from sqlalchemy import func, select

from desk_app.documents import registration_import as ri
from desk_app.domain.errors import DocumentError, ValidationError
from desk_app.services import registrations
from desk_app.store import models as m

TITLE = [["ỦY BAN MẶT TRẬN TỔ QUỐC VIỆT NAM XÃ TÂN ĐOÀN"], ["DANH SÁCH CÔNG DÂN ĐĂNG KÝ PHÁT BIỂU"],
         ["(Kèm theo Kế hoạch tiếp xúc, đối thoại năm 2026)"], []]
HEADER = ["Họ và tên", "Năm sinh", "Địa chỉ/Thôn", "Điện thoại", "Lĩnh vực", "Nội dung"]


def write_sheet(path, rows, sheets=None):
    """Write ``rows`` (lists of cell values) to ``path``; text beginning with "=" stays text."""
    wb = openpyxl.Workbook()
    ws = wb.active
    for row in rows:
        ws.append(row)
    for line in ws.iter_rows():
        for cell in line:
            if isinstance(cell.value, str) and cell.value.startswith("="):
                cell.data_type = "s"
    for title, extra in (sheets or {}).items():
        other = wb.create_sheet(title)
        for row in extra:
            other.append(row)
    wb.save(path)
    return path


def count(db_session, session_id=None):
    query = select(func.count(m.Registration.id))
    if session_id is not None:
        query = query.where(m.Registration.session_id == session_id)
    return db_session.scalar(query)


@pytest.fixture
def planned(make_session):
    return make_session(stage="plan_issued")


# -- good sheets ---------------------------------------------------------------------------------------

def test_good_sheet_with_title_block_and_odd_headers_imports_every_row(session, planned, commune, tmp_path):
    header = ["STT", "HO VA TEN", "nam   sinh", "Địa chỉ (thôn)", "SĐT", "LINH VUC", "Nội dung phát biểu",
              "Giới tính", "Số CCCD/CMND", "Hình thức/Kênh"]
    rows = [*TITLE, header,
            [1, "nguyễn văn an", 1975, "ban lai", 912345678, "dat dai",
             "Đề nghị cấp giấy chứng nhận\nquyền sử dụng đất", "Nam", 1085012345, "MTTQ tổng hợp"],
            [2, "Lò Thị Hoa", 1980.0, "THÔN NÀ PÀN", "0987 654 321", "Giao thông, hạ tầng", "Đường xuống cấp",
             "nữ", None, None],
            [],
            [3],  # a template row with only its number: not a registration
            [4, "Hoàng Văn Ba", "1962", "Khu tái định cư số 5", "+84 369 123 456", None, "Hỏi về trợ cấp"],
            [5, "Triệu Văn Bốn", dt.datetime(1990, 5, 1), None, 2053812345, "giao thong - ha tang", None]]
    path = write_sheet(tmp_path / "dang_ky.xlsx", rows)

    read = ri.read_registrations(session, path)
    assert [r.row for r in read] == [6, 7, 10, 11]

    assert ri.import_registrations(session, planned.id, path) == 4
    an, hoa, ba, bon = registrations.queue(session, planned.id)
    lai, na_pan = commune.hamlets[0], commune.hamlets[1]
    assert (an.citizen_name, an.birth_year, an.hamlet_id, an.address) == ("Nguyễn Văn An", 1975, lai.id, "")
    assert an.phone == "0912345678"
    assert an.cccd == "001085012345"
    assert an.field_id == commune.fields["Đất đai"].id
    assert an.content == "Đề nghị cấp giấy chứng nhận\nquyền sử dụng đất"
    assert an.gender == "nam"
    assert an.channel == "mttq_tong_hop"
    assert (hoa.birth_year, hoa.hamlet_id, hoa.phone, hoa.gender) == (1980, na_pan.id, "0987654321", "nu")
    assert hoa.field_id == commune.fields["Giao thông, hạ tầng"].id
    assert hoa.channel == "phieu_dang_ky"
    assert (ba.birth_year, ba.hamlet_id, ba.address, ba.phone) == (1962, None, "Khu tái định cư số 5",
                                                                   "0369123456")
    assert ba.field_id is None
    assert (bon.birth_year, bon.phone) == (1990, "02053812345")
    assert bon.field_id == commune.fields["Giao thông, hạ tầng"].id
    assert [r.queue_order for r in (an, hoa, ba, bon)] == [1, 2, 3, 4]


@pytest.mark.parametrize("header", [
    ["HỌ VÀ TÊN (*)", "NĂM SINH", "THÔN/TỔ DÂN PHỐ", "SỐ ĐIỆN THOẠI", "LĨNH VỰC", "NỘI DUNG"],
    ["  họ  tên ", "Năm sinh", "Thôn, tổ dân phố", "Số ĐT", "Lĩnh vực kiến nghị", "Nội dung kiến nghị"],
    ["Họ tên người đăng ký", "Ngày sinh", "Địa chỉ", "ĐT", "Linh vuc", "Ý kiến, kiến nghị"],
    ["Ho va ten", "Nam sinh", "Dia chi (thon)", "Dien thoai", "Linh vuc", "Noi dung"],
])
def test_header_spellings(session, planned, commune, tmp_path, header):
    path = write_sheet(tmp_path / "ds.xlsx", [header, ["Lý Văn Sáu", 1970, "Pò Mạ", "0912345678", "Môi trường",
                                                        "Khói bụi từ lò gạch"]])
    assert ri.import_registrations(session, planned.id, path) == 1
    (reg,) = registrations.queue(session, planned.id)
    assert (reg.citizen_name, reg.birth_year, reg.hamlet_id, reg.phone) == (
        "Lý Văn Sáu", 1970, commune.hamlets[2].id, "0912345678")
    assert reg.field_id == commune.fields["Môi trường"].id
    assert reg.content == "Khói bụi từ lò gạch"


def test_optional_columns(session, planned, commune, tmp_path):
    header = ["Họ và tên", "Giới tính", "CCCD", "Đại diện cho", "Số hộ", "Kiến nghị tới", "Hình thức"]
    rows = [header, ["Hà Văn Bảy", "Nam", "001085012345", "Nhóm hộ", 12, "Phòng Kinh tế", "Phiếu đăng ký"],
            ["Hà Thị Tám", "Nữ", None, "Hộ gia đình", None, "Sở Xây dựng", "Mặt trận tổng hợp"]]
    path = write_sheet(tmp_path / "ds.xlsx", rows)
    assert ri.import_registrations(session, planned.id, path) == 2
    bay, tam = registrations.queue(session, planned.id)
    assert (bay.gender, bay.cccd, bay.speaks_for, bay.speaks_for_count) == ("nam", "001085012345", "nhom_ho", 12)
    assert (bay.addressed_to, bay.addressed_agency_id) == ("Phòng Kinh tế", commune.economy.id)
    assert bay.channel == "phieu_dang_ky"
    assert (tam.speaks_for, tam.addressed_to, tam.addressed_agency_id) == ("ho_gia_dinh", "Sở Xây dựng", None)
    assert tam.channel == "mttq_tong_hop"


def test_formula_like_text_is_imported_as_plain_text(session, planned, tmp_path):
    path = write_sheet(tmp_path / "ds.xlsx", [HEADER, ["Lê Văn Chín", None, None, None, None, "=1+1"],
                                              ["Lê Văn Mười", None, None, None, None, "=HYPERLINK(\"x\")"]])
    assert ri.import_registrations(session, planned.id, path) == 2
    assert [r.content for r in registrations.queue(session, planned.id)] == ["=1+1", "=HYPERLINK(\"x\")"]


def test_data_sheet_after_an_instructions_sheet(session, planned, tmp_path):
    path = write_sheet(tmp_path / "ds.xlsx", [["Hướng dẫn: điền danh sách ở trang sau."]],
                       sheets={"Danh sách": [*TITLE, HEADER, ["Nông Văn Một", 1960]]})
    assert ri.import_registrations(session, planned.id, path) == 1


# -- bad rows ------------------------------------------------------------------------------------------

def test_bad_rows_are_all_reported_with_excel_row_numbers_and_nothing_is_imported(session, make_session,
                                                                                   tmp_path):
    ds = make_session(stage="invited")  # already holds 2 registrations
    before = count(session)
    rows = [*TITLE, HEADER,                                       # header on row 5
            ["Người Tốt", 1970, "Bản Lải", "0912345678", "Đất đai", "Nội dung"],           # row 6
            ["Người Sai Số", 1970, None, "12345", "Đất đai", "Nội dung"],                  # row 7
            [],                                                                            # row 8
            ["Người Sai Lĩnh Vực", 1850, None, None, "Thuế", "Nội dung"],                  # row 9
            ["Người Tốt Nữa"]]                                                             # row 10
    path = write_sheet(tmp_path / "loi.xlsx", rows)
    with pytest.raises(ValidationError) as info:
        ri.import_registrations(session, ds.id, path)
    errors = info.value.errors
    assert set(errors) == {"row7", "row9"}
    assert errors["row7"].startswith("Dòng 7: ") and "Số điện thoại" in errors["row7"]
    assert errors["row9"].startswith("Dòng 9: ")
    assert "Năm sinh" in errors["row9"] and "“Thuế”" in errors["row9"]
    assert "Đất đai" in errors["row9"] and "Giao thông, hạ tầng" in errors["row9"]  # the list of fields
    message = info.value.message
    assert "loi.xlsx" in message and "Dòng 7" in message and "Dòng 9" in message
    assert "chưa nhập dòng nào" in message
    assert count(session) == before
    assert count(session, ds.id) == 2


def test_missing_name_is_reported(session, planned, tmp_path):
    path = write_sheet(tmp_path / "ds.xlsx", [HEADER, [None, 1970, "Bản Lải"]])
    with pytest.raises(ValidationError) as info:
        ri.import_registrations(session, planned.id, path)
    assert info.value.errors == {"row2": "Dòng 2: Họ và tên không được để trống."}
    assert count(session) == 0


def test_service_row_positions_are_mapped_back_to_excel_rows(session, planned, tmp_path, monkeypatch):
    """Should add_many refuse a row after the import's own check, the clerk still gets the Excel row."""
    path = write_sheet(tmp_path / "ds.xlsx", [*TITLE, HEADER, ["Người Một"], [], ["Người Hai"]])
    real = registrations.add_many

    def refuse_second(db_session, session_id, rows):
        if rows:
            raise ValidationError({"row2": "Dòng 2: Họ và tên không hợp lệ."})
        return real(db_session, session_id, rows)

    monkeypatch.setattr(registrations, "add_many", refuse_second)
    with pytest.raises(ValidationError) as info:
        ri.import_registrations(session, planned.id, path)
    assert info.value.errors == {"row8": "Dòng 8: Họ và tên không hợp lệ."}


def test_closed_session_refuses_the_import(session, make_session, tmp_path):
    ds = make_session(stage="ended")
    path = write_sheet(tmp_path / "ds.xlsx", [HEADER, ["Người Một"]])
    with pytest.raises(ValidationError) as info:
        ri.import_registrations(session, ds.id, path)
    assert "không nhận thêm đăng ký" in info.value.message
    assert "Đã kết thúc" in info.value.message
    assert count(session, ds.id) == 2


# -- bad files -----------------------------------------------------------------------------------------

OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 504


def _missing(tmp_path):
    return tmp_path / "khong_co.xlsx"


def _old_xls(tmp_path):
    path = tmp_path / "cu.xls"
    path.write_bytes(OLE + b"Workbook".ljust(64, b"\x00"))
    return path


def _xls_renamed(tmp_path):
    path = tmp_path / "doi_ten.xlsx"
    path.write_bytes(OLE + "Workbook".encode("utf-16-le").ljust(64, b"\x00"))
    return path


def _password(tmp_path):
    path = tmp_path / "mat_khau.xlsx"
    path.write_bytes(OLE + "EncryptionInfo".encode("utf-16-le").ljust(64, b"\x00")
                     + "EncryptedPackage".encode("utf-16-le"))
    return path


def _csv_renamed(tmp_path):
    path = tmp_path / "csv_doi_ten.xlsx"
    path.write_text("Họ và tên,Năm sinh\nNguyễn Văn An,1975\n", encoding="utf-8")
    return path


def _csv(tmp_path):
    path = tmp_path / "danh_sach.csv"
    path.write_text("Họ và tên,Năm sinh\nNguyễn Văn An,1975\n", encoding="utf-8")
    return path


def _garbage(tmp_path):
    path = tmp_path / "rac.xlsx"
    path.write_bytes(bytes(range(256)) * 8)
    return path


def _empty_file(tmp_path):
    path = tmp_path / "rong.xlsx"
    path.write_bytes(b"")
    return path


def _plain_zip(tmp_path):
    path = tmp_path / "nen.xlsx"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("ghi_chu.txt", "không phải Excel")
    return path


def _word(tmp_path):
    path = tmp_path / "van_ban.xlsx"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", "<document/>")
    return path


def _broken_zip(tmp_path):
    path = tmp_path / "hong.xlsx"
    good = write_sheet(tmp_path / "tot.xlsx", [HEADER, ["Người Một"]]).read_bytes()
    path.write_bytes(good[: len(good) // 2])
    return path


def _broken_workbook(tmp_path):
    path = tmp_path / "hong_xml.xlsx"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types")
        archive.writestr("xl/workbook.xml", "<<<không phải XML")
    return path


def _huge(tmp_path):
    path = tmp_path / "qua_lon.xlsx"
    with open(path, "wb") as handle:
        handle.truncate(ri.MAX_FILE_BYTES + 1)  # sparse: nothing is written
    return path


def _empty_sheet(tmp_path):
    return write_sheet(tmp_path / "trang_trong.xlsx", [])


def _no_header(tmp_path):
    return write_sheet(tmp_path / "khong_tieu_de.xlsx", [*TITLE, ["Nguyễn Văn An", 1975, "Bản Lải"]])


def _header_too_far_down(tmp_path):
    return write_sheet(tmp_path / "tieu_de_qua_xa.xlsx", [[]] * (ri.HEADER_SCAN_ROWS + 5) + [HEADER, ["Người Một"]])


def _utf16_text_renamed(tmp_path):
    path = tmp_path / "unicode_text.xlsx"
    path.write_bytes("Họ và tên\tNăm sinh\nNguyễn Văn An\t1975\n".encode("utf-16"))
    return path


def _no_name_column(tmp_path):
    return write_sheet(tmp_path / "thieu_ten.xlsx", [*TITLE, ["STT", "Năm sinh", "Thôn", "Nội dung"],
                                                     [1, 1975, "Bản Lải", "Đường"]])


def _duplicate_columns(tmp_path):
    return write_sheet(tmp_path / "trung_cot.xlsx", [["Họ và tên", "Điện thoại", "Số điện thoại"],
                                                     ["Nguyễn Văn An", "0912345678", "0987654321"]])


def _header_only(tmp_path):
    return write_sheet(tmp_path / "chi_tieu_de.xlsx", [*TITLE, HEADER])


def _too_many_rows(tmp_path):
    path = tmp_path / "qua_nhieu.xlsx"
    wb = openpyxl.Workbook(write_only=True)
    ws = wb.create_sheet()
    ws.append(HEADER)
    for i in range(ri.MAX_DATA_ROWS + 1):
        ws.append([f"Người {i}"])
    wb.save(path)
    return path


@pytest.mark.parametrize("make, words", [
    (_missing, "Không tìm thấy tệp"),
    (_old_xls, "Excel 97-2003 (.xls)"),
    (_xls_renamed, "Excel 97-2003 (.xls)"),
    (_password, "đặt mật khẩu"),
    (_csv_renamed, "CSV"),
    (_csv, "CSV"),
    (_garbage, "không phải tệp Excel .xlsx hợp lệ"),
    (_empty_file, "rỗng"),
    (_plain_zip, "tệp nén (zip), không phải sổ làm việc Excel"),
    (_word, "tài liệu Word"),
    (_broken_zip, "bị hỏng"),
    (_broken_workbook, "bị hỏng"),
    (_huge, "quá lớn"),
    (_empty_sheet, "trang tính trống"),
    (_no_header, "không tìm thấy dòng tiêu đề"),
    (_header_too_far_down, "không tìm thấy dòng tiêu đề"),
    (_utf16_text_renamed, "tệp văn bản"),
    (_no_name_column, "không có cột “Họ và tên”"),
    (_duplicate_columns, "cột trùng nhau"),
    (_header_only, "không có dòng dữ liệu"),
    (_too_many_rows, "tối đa 5.000 dòng"),
])
def test_bad_file_gets_a_message_naming_it_and_imports_nothing(session, planned, tmp_path, make, words):
    path = make(tmp_path)
    with pytest.raises(DocumentError) as info:
        ri.import_registrations(session, planned.id, path)
    message = info.value.message
    assert path.name in message
    assert words in message
    assert count(session) == 0


def test_no_header_message_lists_the_expected_columns(session, tmp_path):
    with pytest.raises(DocumentError) as info:
        ri.read_registrations(session, _no_header(tmp_path))
    for label in ("Họ và tên", "Năm sinh", "Địa chỉ/Thôn", "Điện thoại", "Lĩnh vực", "Nội dung"):
        assert label in info.value.message


def test_duplicate_column_message_names_the_columns(session, tmp_path):
    with pytest.raises(DocumentError) as info:
        ri.read_registrations(session, _duplicate_columns(tmp_path))
    assert "“Điện thoại” (các cột B, C)" in info.value.message
