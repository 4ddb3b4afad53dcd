"""Input rules and their Vietnamese messages."""

from __future__ import annotations

import datetime as dt
import unicodedata

import pytest

from desk_app.domain.errors import ValidationError
from desk_app.domain.validation import (
    MAX_ADDRESS,
    MAX_NAME,
    MAX_SHORT,
    MAX_TEXT,
    Checker,
    check_birth_year,
    check_cccd,
    check_date_order,
    check_length,
    check_phone,
    check_required,
    check_year,
    format_date,
    format_time,
    normalize_phone,
    parse_date,
    parse_time,
)


def test_constants():
    assert (MAX_NAME, MAX_SHORT, MAX_TEXT, MAX_ADDRESS) == (100, 255, 20000, 255)


# --- required / length -------------------------------------------------------------------------


class TestRequired:
    @pytest.mark.parametrize("value", [None, "", "   ", "\t", [], {}])
    def test_empty(self, value):
        assert check_required(value, "Họ và tên") == "Họ và tên không được để trống."

    @pytest.mark.parametrize("value", ["A", " x ", 0, 2026, dt.date(2026, 1, 1), ["a"]])
    def test_present(self, value):
        assert check_required(value, "Họ và tên") is None


class TestLength:
    def test_within(self):
        assert check_length("a" * 100, "Họ và tên", MAX_NAME) is None
        assert check_length("", "Họ và tên", MAX_NAME, min_len=2) is None  # empty: see check_required
        assert check_length(None, "Họ và tên", MAX_NAME) is None

    def test_too_long_message(self):
        msg = check_length("a" * 101, "Họ và tên", MAX_NAME)
        assert msg == "Họ và tên quá dài (101 ký tự, tối đa 100)."

    def test_thousands_separator(self):
        msg = check_length("x" * 20001, "Nội dung", MAX_TEXT)
        assert msg == "Nội dung quá dài (20.001 ký tự, tối đa 20.000)."

    def test_too_short(self):
        assert check_length("A", "Họ và tên", MAX_NAME, min_len=2) == (
            "Họ và tên quá ngắn (1 ký tự, tối thiểu 2)."
        )

    def test_counts_composed_characters(self):
        name = "Nguyễn" * 16 + "Đức"  # 99 characters composed, more decomposed
        decomposed = unicodedata.normalize("NFD", name)
        assert len(decomposed) > 100
        assert check_length(decomposed, "Họ và tên", MAX_NAME) is None

    def test_never_truncates(self):
        value = "b" * 300
        check_length(value, "Tiêu đề", MAX_SHORT)
        assert value == "b" * 300


# --- CCCD --------------------------------------------------------------------------------------


class TestCccd:
    @pytest.mark.parametrize(
        "value", ["001099012345", "096203004567", "038 085 001 234", "  079190000001 ", "", None]
    )
    def test_valid(self, value):
        assert check_cccd(value) is None

    def test_eleven_digits(self):
        assert check_cccd("00109901234") == "Số CCCD phải gồm đúng 12 chữ số (đang có 11 chữ số)."

    def test_thirteen_digits(self):
        assert check_cccd("0010990123456") == "Số CCCD phải gồm đúng 12 chữ số (đang có 13 chữ số)."

    @pytest.mark.parametrize(
        "value", ["00109901234A", "CCCD001099012", "001-099-012-345", "００１０９９０１２３４５"]
    )
    def test_not_only_digits(self, value):
        msg = check_cccd(value)
        assert msg is not None and msg.startswith("Số CCCD chỉ được gồm chữ số")

    @pytest.mark.parametrize("value", ["000099012345", "097099012345", "999099012345"])
    def test_bad_province_code(self, value):
        msg = check_cccd(value)
        assert msg is not None
        assert "mã tỉnh" in msg and value[:3] in msg

    def test_custom_label(self):
        assert check_cccd("123", "Số định danh").startswith("Số định danh phải gồm đúng 12 chữ số")


# --- phone -------------------------------------------------------------------------------------


class TestPhone:
    @pytest.mark.parametrize(
        "value, normal",
        [
            ("0912345678", "0912345678"),
            ("0912 345 678", "0912345678"),
            ("0912.345.678", "0912345678"),
            ("0912-345-678", "0912345678"),
            ("+84912345678", "0912345678"),
            ("+84 912 345 678", "0912345678"),
            ("84912345678", "0912345678"),
            ("0084 912 345 678", "0912345678"),
            ("+84 (0) 912 345 678", "0912345678"),
            ("0321234567", "0321234567"),
            ("0561234567", "0561234567"),
            ("0771234567", "0771234567"),
            ("0861234567", "0861234567"),
            ("024 3825 1234", "02438251234"),  # landline, Hà Nội
            ("(0236) 382 1234", "02363821234"),
            ("+84 24 3825 1234", "02438251234"),
        ],
    )
    def test_valid(self, value, normal):
        assert check_phone(value) is None
        assert normalize_phone(value) == normal

    def test_empty_is_fine(self):
        assert check_phone("") is None
        assert check_phone(None) is None
        assert normalize_phone(None) == ""

    @pytest.mark.parametrize(
        "value",
        [
            "091234567",  # too short
            "09123456789",  # mobile with 11 digits
            "0112345678",  # 01x no longer exists
            "0612345678",  # no 06 mobiles
            "0243825123",  # landline with 10 digits
            "024382512345",  # landline with 12 digits
            "912345678",  # leading 0 missing
            "123",
        ],
    )
    def test_invalid_numbers(self, value):
        msg = check_phone(value)
        assert msg is not None and msg.startswith("Số điện thoại không hợp lệ")
        assert normalize_phone(value) == value

    @pytest.mark.parametrize("value", ["09123abc78", "0912/345/678", "+84-91234567x", "++84912345678"])
    def test_invalid_characters(self, value):
        msg = check_phone(value)
        assert msg is not None and msg.startswith("Số điện thoại chỉ được gồm chữ số")

    def test_message_explains_rule(self):
        msg = check_phone("091234567")
        assert "10 chữ số" in msg and "11 chữ số" in msg and "02" in msg

    def test_normalize_invalid_returns_cleaned_input(self):
        assert normalize_phone("  abc\u00a0 12 ") == "abc 12"


# --- years -------------------------------------------------------------------------------------


class TestYears:
    @pytest.mark.parametrize("value", [1900, 1975, "1975", " 2000 ", 2026, None, ""])
    def test_birth_year_valid(self, value):
        assert check_birth_year(value, 2026) is None

    @pytest.mark.parametrize("value", [1899, 2027, "1800", "0", 3000])
    def test_birth_year_out_of_range(self, value):
        msg = check_birth_year(value, 2026)
        assert msg is not None and msg.startswith("Năm sinh phải từ 1900 đến 2026")

    @pytest.mark.parametrize("value", ["197x", "năm 1975", "1975.5", "-1975", True, 1975.5])
    def test_birth_year_not_a_number(self, value):
        assert check_birth_year(value, 2026) == "Năm sinh phải là một số năm gồm 4 chữ số (ví dụ: 1975)."

    def test_birth_year_defaults_to_this_year(self):
        this_year = dt.date.today().year
        assert check_birth_year(this_year) is None
        assert check_birth_year(this_year + 1) is not None

    @pytest.mark.parametrize("value", [2000, 2026, "2100", None, ""])
    def test_year_valid(self, value):
        assert check_year(value, "Năm kế hoạch") is None

    @pytest.mark.parametrize("value", [1999, 2101, "20266"])
    def test_year_out_of_range(self, value):
        msg = check_year(value, "Năm kế hoạch")
        assert msg is not None and msg.startswith("Năm kế hoạch phải từ 2000 đến 2100")

    def test_year_not_a_number(self):
        assert check_year("hai nghìn", "Năm kế hoạch").startswith("Năm kế hoạch phải là một số năm")


# --- dates -------------------------------------------------------------------------------------


class TestDateOrder:
    def test_ok(self):
        start = dt.date(2026, 3, 5)
        assert check_date_order(start, start, "Ngày bắt đầu", "Ngày kết thúc") is None
        assert check_date_order(start, dt.date(2026, 3, 6), "Ngày bắt đầu", "Ngày kết thúc") is None

    def test_none_skipped(self):
        assert check_date_order(None, dt.date(2026, 1, 1), "Ngày bắt đầu", "Ngày kết thúc") is None
        assert check_date_order(dt.date(2026, 1, 1), None, "Ngày bắt đầu", "Ngày kết thúc") is None

    def test_end_before_start(self):
        msg = check_date_order(dt.date(2026, 3, 5), dt.date(2026, 3, 4), "Ngày bắt đầu", "Ngày kết thúc")
        assert msg == "Ngày kết thúc (04/03/2026) không được trước ngày bắt đầu (05/03/2026)."

    def test_datetimes(self):
        a = dt.datetime(2026, 3, 5, 14, 0)
        b = dt.datetime(2026, 3, 5, 8, 30)
        msg = check_date_order(a, b, "Giờ bắt đầu", "Giờ kết thúc")
        assert msg == "Giờ kết thúc (08:30 05/03/2026) không được trước giờ bắt đầu (14:00 05/03/2026)."
        assert check_date_order(b, a, "Giờ bắt đầu", "Giờ kết thúc") is None

    def test_date_with_datetime_compares_days(self):
        assert check_date_order(dt.date(2026, 3, 5), dt.datetime(2026, 3, 5, 0, 0), "A", "B") is None
        assert check_date_order(dt.datetime(2026, 3, 5, 9), dt.date(2026, 3, 4), "A", "B") is not None


class TestParseDate:
    @pytest.mark.parametrize(
        "text",
        [
            "2026-03-05",
            "05/03/2026",
            "5/3/2026",
            "05-03-2026",
            "05.03.2026",
            " 05 / 03 / 2026 ",
            "2026-3-5",
        ],
    )
    def test_good(self, text):
        assert parse_date(text) == dt.date(2026, 3, 5)

    def test_day_first(self):
        assert parse_date("01/12/2026") == dt.date(2026, 12, 1)

    def test_leap_day(self):
        assert parse_date("29/02/2028") == dt.date(2028, 2, 29)

    def test_date_objects_pass_through(self):
        assert parse_date(dt.date(2026, 3, 5)) == dt.date(2026, 3, 5)
        assert parse_date(dt.datetime(2026, 3, 5, 8, 30)) == dt.date(2026, 3, 5)

    @pytest.mark.parametrize(
        "text",
        [
            "31/02/2026",
            "29/02/2026",
            "32/01/2026",
            "05/13/2026",
            "00/01/2026",
            "05/03/26",
            "2026/03/05",
            "05/03-2026",
            "5 tháng 3 năm 2026",
            "hôm nay",
            "2026-02-30",
            "05032026",
        ],
    )
    def test_bad(self, text):
        with pytest.raises(ValidationError) as info:
            parse_date(text)
        assert info.value.message == f"Ngày không hợp lệ: '{text}' (dùng dạng dd/mm/yyyy)."

    def test_bad_field_name(self):
        with pytest.raises(ValidationError) as info:
            parse_date("31/02/2026", field="start_date")
        assert set(info.value.errors) == {"start_date"}

    @pytest.mark.parametrize("text", ["", "   ", None])
    def test_empty(self, text):
        with pytest.raises(ValidationError) as info:
            parse_date(text)
        assert "dd/mm/yyyy" in info.value.message

    def test_round_trip(self):
        d = dt.date(2026, 3, 5)
        assert format_date(d) == "05/03/2026"
        assert parse_date(format_date(d)) == d
        assert format_date(None) == ""


class TestParseTime:
    @pytest.mark.parametrize(
        "text, expected",
        [
            ("08:30", dt.time(8, 30)),
            ("8:30", dt.time(8, 30)),
            ("8h30", dt.time(8, 30)),
            ("8H30", dt.time(8, 30)),
            ("8 h 30", dt.time(8, 30)),
            ("8h", dt.time(8, 0)),
            ("8g30", dt.time(8, 30)),
            ("14 giờ 30", dt.time(14, 30)),
            ("14 giờ 30 phút", dt.time(14, 30)),
            ("14 giờ", dt.time(14, 0)),
            ("14h05'", dt.time(14, 5)),
            ("0:00", dt.time(0, 0)),
            ("23:59", dt.time(23, 59)),
            ("07:15:30", dt.time(7, 15, 30)),
        ],
    )
    def test_good(self, text, expected):
        assert parse_time(text) == expected

    @pytest.mark.parametrize("text", ["24:00", "8:60", "8:5", "830", "8.30", "sáng", "8h30 sáng", "25h"])
    def test_bad(self, text):
        with pytest.raises(ValidationError) as info:
            parse_time(text)
        assert info.value.message.startswith(f"Giờ không hợp lệ: '{text}'")

    def test_time_passes_through(self):
        assert parse_time(dt.time(9, 0)) == dt.time(9, 0)

    def test_format(self):
        assert format_time(dt.time(8, 30)) == "08:30"
        assert format_time(dt.datetime(2026, 3, 5, 14, 5)) == "14:05"
        assert format_time(None) == ""


# --- Checker -----------------------------------------------------------------------------------


class TestChecker:
    def test_collects_all_problems(self):
        c = Checker()
        assert not c
        assert c.require("full_name", "  ", "Họ và tên") is False
        assert c.cccd("cccd", "12345") is False
        assert c.phone("phone", "+84 912 345 678") is True
        c.birth_year("birth_year", "1850", 2026)
        c.length("address", "x" * 300, "Địa chỉ", MAX_ADDRESS)
        assert c
        assert len(c) == 4
        assert "cccd" in c and "phone" not in c
        with pytest.raises(ValidationError) as info:
            c.raise_if_any()
        errors = info.value.errors
        assert errors == {
            "full_name": "Họ và tên không được để trống.",
            "cccd": "Số CCCD phải gồm đúng 12 chữ số (đang có 5 chữ số).",
            "birth_year": "Năm sinh phải từ 1900 đến 2026 (đã nhập 1850).",
            "address": "Địa chỉ quá dài (300 ký tự, tối đa 255).",
        }
        assert all(m in info.value.message for m in errors.values())

    def test_no_problem_does_not_raise(self):
        c = Checker()
        c.add("x", None)
        c.require("name", "Lê Văn Tám", "Họ và tên")
        c.year("year", 2026, "Năm")
        assert not c
        assert c.errors == {}
        c.raise_if_any()

    def test_first_problem_per_field_kept(self):
        c = Checker()
        c.require("name", "", "Họ và tên")
        c.length("name", "", "Họ và tên", MAX_NAME, min_len=2)
        c.add("name", "Lỗi khác.")
        assert c.errors == {"name": "Họ và tên không được để trống."}

    def test_dates_times_and_order(self):
        c = Checker()
        start = c.date("start", "05/03/2026", "Ngày bắt đầu")
        end = c.date("end", "04/03/2026", "Ngày kết thúc")
        bad = c.date("due", "31/02/2026", "Hạn trả lời")
        missing = c.date("held_on", "", "Ngày tổ chức", required=True)
        optional = c.date("extra", None, "Ngày khác")
        at = c.time("at", "8h30", "Giờ bắt đầu")
        bad_time = c.time("until", "25:00", "Giờ kết thúc")
        c.date_order("end", start, end, "Ngày bắt đầu", "Ngày kết thúc")
        assert start == dt.date(2026, 3, 5) and end == dt.date(2026, 3, 4)
        assert bad is None and missing is None and optional is None and bad_time is None
        assert at == dt.time(8, 30)
        assert c.errors == {
            "due": "Hạn trả lời không hợp lệ: '31/02/2026' (dùng dạng dd/mm/yyyy).",
            "held_on": "Ngày tổ chức không được để trống.",
            "until": "Giờ kết thúc không hợp lệ: '25:00' (dùng dạng hh:mm, ví dụ 08:30).",
            "end": "Ngày kết thúc (04/03/2026) không được trước ngày bắt đầu (05/03/2026).",
        }

    def test_merge_validation_error(self):
        c = Checker()
        try:
            parse_date("hôm qua", field="held_on")
        except ValidationError as exc:
            c.merge(exc)
        try:
            parse_time("sáng")
        except ValidationError as exc:
            c.merge(exc, field="at")
        assert set(c.errors) == {"held_on", "at"}

    def test_errors_is_a_copy(self):
        c = Checker()
        c.add("a", "Lỗi.")
        c.errors["b"] = "x"
        assert c.errors == {"a": "Lỗi."}


def test_birth_year_from_a_spreadsheet_number_cell():
    # Excel stores 1975 as the float 1975.0; a whole number is a year, a fraction is not.
    assert check_birth_year(1975.0) is None
    assert check_birth_year(1975.5) is not None
