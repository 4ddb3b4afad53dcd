"""Input rules with Vietnamese messages a clerk can act on.

Each ``check_*`` function takes an already cleaned value (see :func:`desk_app.domain.text.clean_text`)
and returns ``None`` when fine or a Vietnamese message naming the field when not. Except for
:func:`check_required`, they accept an empty value (optional fields): combine with ``check_required``
for mandatory ones. :class:`Checker` collects the problems of a whole form and raises them together.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from typing import Any

from desk_app.domain.errors import ValidationError
from desk_app.domain.text import clean_text, fold

__all__ = [
    "MAX_NAME",
    "MAX_SHORT",
    "MAX_TEXT",
    "MAX_ADDRESS",
    "MIN_BIRTH_YEAR",
    "MIN_YEAR",
    "MAX_YEAR",
    "check_required",
    "check_length",
    "check_cccd",
    "check_phone",
    "normalize_phone",
    "check_birth_year",
    "check_year",
    "check_date_order",
    "parse_date",
    "parse_day",
    "check_day",
    "check_search",
    "MAX_SEARCH",
    "parse_time",
    "parse_document_number",
    "format_date",
    "format_time",
    "Checker",
]

MAX_NAME = 100  # a person's full name
MAX_SHORT = 255  # titles, subjects, short one-line fields
MAX_TEXT = 20000  # contents, conclusions
MAX_ADDRESS = 255
MIN_BIRTH_YEAR = 1900
MIN_YEAR = 2000  # years of plans, reports
MAX_YEAR = 2100
MAX_SEARCH = 200  # characters of a search text (names and a few words of content)

_PROVINCE_CODE_MIN = 1  # CCCD: the first 3 digits are the province of birth registration, 001..096
_PROVINCE_CODE_MAX = 96


def _is_empty(value: Any) -> bool:
    if value is None:
        return True
    if isinstance(value, str):
        return value.strip() == ""
    if isinstance(value, (list, tuple, set, frozenset, dict)):
        return len(value) == 0
    return False


def _num(n: int) -> str:
    """Vietnamese thousands separator: 20000 -> "20.000"."""
    return f"{n:,}".replace(",", ".")


def _mid(label: str) -> str:
    """``label`` as it reads inside a sentence: "Ngày bắt đầu" -> "ngày bắt đầu", "CCCD" unchanged."""
    if len(label) >= 2 and label[0].isupper() and label[1].islower():
        return label[0].lower() + label[1:]
    return label


def check_required(value: Any, label: str) -> str | None:
    """Problem if ``value`` is None, blank text or an empty collection."""
    if _is_empty(value):
        return f"{label} không được để trống."
    return None


def check_length(value: str | None, label: str, max_len: int, min_len: int = 0) -> str | None:
    """Problem if the text is longer than ``max_len`` or (when not empty) shorter than ``min_len``.

    Counts characters of the NFC form. Never truncates: the person decides what to cut.
    """
    if value is None or value == "":
        return None
    n = len(unicodedata.normalize("NFC", str(value)))
    if n > max_len:
        return f"{label} quá dài ({_num(n)} ký tự, tối đa {_num(max_len)})."
    if n < min_len:
        return f"{label} quá ngắn ({_num(n)} ký tự, tối thiểu {_num(min_len)})."
    return None


_ASCII_DIGITS = re.compile(r"[0-9]+")


def check_cccd(value: str | None, label: str = "Số CCCD") -> str | None:
    """Problem with a citizen identity card number (CCCD), empty allowed.

    Exactly 12 digits once spaces are removed; the first 3 digits are a province code 001..096.
    """
    if _is_empty(value):
        return None
    digits = re.sub(r"\s+", "", str(value))
    if not _ASCII_DIGITS.fullmatch(digits):
        return f"{label} chỉ được gồm chữ số (không có chữ cái hay ký hiệu)."
    if len(digits) != 12:
        return f"{label} phải gồm đúng 12 chữ số (đang có {len(digits)} chữ số)."
    province = int(digits[:3])
    if not _PROVINCE_CODE_MIN <= province <= _PROVINCE_CODE_MAX:
        return (
            f"{label} không hợp lệ: 3 chữ số đầu ({digits[:3]}) phải là mã tỉnh, thành phố "
            f"từ 001 đến 096."
        )
    return None


_PHONE_SEPARATORS = re.compile(r"[\s.\-()]+")
_MOBILE = re.compile(r"0[35789][0-9]{8}")
_LANDLINE = re.compile(r"02[0-9]{9}")


def _phone_digits(value: str) -> str | None:
    """Digits of a phone number with the country code turned into "0"; None if other characters."""
    text = _PHONE_SEPARATORS.sub("", clean_text(value))
    if text.startswith("+84"):
        text = text[3:]
    elif text.startswith("0084"):
        text = text[4:]
    elif text.startswith("84") and len(text) >= 11:
        text = text[2:]
    else:
        return text if _ASCII_DIGITS.fullmatch(text) else None
    if not _ASCII_DIGITS.fullmatch(text):
        return None
    return text if text.startswith("0") else "0" + text


def check_phone(value: str | None, label: str = "Số điện thoại") -> str | None:
    """Problem with a Vietnamese phone number, empty allowed.

    Spaces, dots, hyphens and parentheses are ignored; "+84", "0084" or "84" stand for the leading 0.
    Valid: mobile, 10 digits starting 03/05/07/08/09; landline, 11 digits starting 02.
    """
    if _is_empty(value):
        return None
    digits = _phone_digits(str(value))
    if digits is None:
        return f"{label} chỉ được gồm chữ số (có thể có dấu cách, dấu chấm, gạch nối, +84)."
    if _MOBILE.fullmatch(digits) or _LANDLINE.fullmatch(digits):
        return None
    return (
        f"{label} không hợp lệ ({len(digits)} chữ số): số di động gồm 10 chữ số bắt đầu bằng "
        f"03, 05, 07, 08 hoặc 09; số cố định gồm 11 chữ số bắt đầu bằng 02."
    )


def normalize_phone(value: str | None) -> str:
    """Return a valid phone number as digits only ("+84 912.345.678" -> "0912345678").

    An invalid or empty value is returned cleaned (``clean_text``) but otherwise unchanged; never raises.
    """
    text = clean_text(value)
    if not text or check_phone(text) is not None:
        return text
    digits = _phone_digits(text)
    return digits if digits is not None else text


def _as_year(value: Any) -> int | None:
    """An int from an int or a text of digits; None if it is neither."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, float):  # a number cell of a spreadsheet: 1975.0
        return int(value) if value.is_integer() else None
    text = clean_text(str(value))
    if re.fullmatch(r"[0-9]{1,6}", text):
        return int(text)
    return None


def check_birth_year(
    value: int | str | None, today_year: int | None = None, label: str = "Năm sinh"
) -> str | None:
    """Problem with a year of birth, empty allowed: a whole number from 1900 to ``today_year``.

    ``today_year`` defaults to the current year.
    """
    if _is_empty(value):
        return None
    if today_year is None:
        today_year = dt.date.today().year
    year = _as_year(value)
    if year is None:
        return f"{label} phải là một số năm gồm 4 chữ số (ví dụ: 1975)."
    if not MIN_BIRTH_YEAR <= year <= today_year:
        return f"{label} phải từ {MIN_BIRTH_YEAR} đến {today_year} (đã nhập {year})."
    return None


def check_year(value: int | str | None, label: str) -> str | None:
    """Problem with a calendar year of a plan or report, empty allowed: 2000..2100."""
    if _is_empty(value):
        return None
    year = _as_year(value)
    if year is None:
        return f"{label} phải là một số năm gồm 4 chữ số (ví dụ: 2026)."
    if not MIN_YEAR <= year <= MAX_YEAR:
        return f"{label} phải từ {MIN_YEAR} đến {MAX_YEAR} (đã nhập {year})."
    return None


def _comparable(a: dt.date, b: dt.date) -> tuple[dt.date, dt.date]:
    """Make a date and a datetime (or naive and aware datetimes) comparable."""
    a_is_dt, b_is_dt = isinstance(a, dt.datetime), isinstance(b, dt.datetime)
    if a_is_dt != b_is_dt:
        return (a.date() if a_is_dt else a, b.date() if b_is_dt else b)  # type: ignore[union-attr]
    if a_is_dt and b_is_dt and (a.tzinfo is None) != (b.tzinfo is None):  # type: ignore[union-attr]
        return (a.replace(tzinfo=None), b.replace(tzinfo=None))  # type: ignore[call-arg]
    return a, b


def check_date_order(
    start: dt.date | None, end: dt.date | None, label_start: str, label_end: str
) -> str | None:
    """Problem if ``end`` is before ``start`` (same day/instant is fine); either None is skipped.

    A date compared with a datetime compares the calendar day only.
    """
    if start is None or end is None:
        return None
    a, b = _comparable(start, end)
    if b < a:
        return (
            f"{label_end} ({_fmt_any(end)}) không được trước {_mid(label_start)} "
            f"({_fmt_any(start)})."
        )
    return None


def _fmt_any(value: dt.date) -> str:
    if isinstance(value, dt.datetime):
        return f"{format_time(value)} {format_date(value)}"
    return format_date(value)


# --- dates and times ---------------------------------------------------------------------------

_ISO_DATE = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})")
_DMY_DATE = re.compile(r"(\d{1,2})\s*([/.\-])\s*(\d{1,2})\s*\2\s*(\d{4})")


def parse_date(text: str | dt.date | None, *, field: str = "") -> dt.date:
    """Return the date in ``text``: "2026-03-05", "05/03/2026", "5/3/2026", "05-03-2026", "05.03.2026".

    Day first (Vietnamese usage). A ``date`` is returned as is (a ``datetime`` as its date). Anything
    else, a non-existent day such as 31/02/2026 included, raises ``ValidationError`` (under ``field``).
    """
    if isinstance(text, dt.datetime):
        return text.date()
    if isinstance(text, dt.date):
        return text
    cleaned = clean_text(text)
    if not cleaned:
        raise ValidationError({field: "Chưa nhập ngày (dùng dạng dd/mm/yyyy)."})
    day = month = year = None
    if m := _ISO_DATE.fullmatch(cleaned):
        year, month, day = int(m[1]), int(m[2]), int(m[3])
    elif m := _DMY_DATE.fullmatch(cleaned):
        day, month, year = int(m[1]), int(m[3]), int(m[4])
    if year is not None:
        try:
            return dt.date(year, month, day)  # type: ignore[arg-type]
        except ValueError:
            pass
    raise ValidationError({field: f"Ngày không hợp lệ: '{cleaned}' (dùng dạng dd/mm/yyyy)."})


def check_day(day: dt.date, label: str = "Ngày") -> str | None:
    """Problem with a day the program works with (a meeting, a deadline, a calendar day, a document's date):
    the same years as everywhere else, 2000..2100."""
    if not MIN_YEAR <= day.year <= MAX_YEAR:
        shown = f"{day.day:02d}/{day.month:02d}/{day.year:04d}"
        return (f"{label} {shown} nằm ngoài khoảng thời gian chương trình làm việc (các năm từ {MIN_YEAR} đến "
                f"{MAX_YEAR}).")
    return None


def parse_day(text: str | dt.date | None, *, field: str = "", label: str = "Ngày") -> dt.date:
    """:func:`parse_date`, then :func:`check_day`: a command-line date argument."""
    day = parse_date(text, field=field)
    problem = check_day(day, label)
    if problem:
        raise ValidationError({field: problem})
    return day


def check_search(text: str | None, field: str = "search") -> None:
    """A search text longer than any name or phrase looked for is refused (not a 1 GB query)."""
    length = len(text or "")
    if length > MAX_SEARCH:
        raise ValidationError({field: f"Nội dung tìm kiếm dài {length:,} ký tự; chỉ tìm được tối đa {MAX_SEARCH} "
                                      "ký tự (tên người hoặc vài từ của nội dung).".replace(",", ".")})


# Matched against the folded text ("14 Giờ 30 phút" -> "14 gio 30 phut").
_TIME_COLON = re.compile(r"(\d{1,2})\s*:\s*(\d{2})(?:\s*:\s*(\d{2}))?")
_TIME_WORDS = re.compile(r"(\d{1,2})\s*(?:h|g|gio)\s*(?:(\d{1,2})\s*(?:phut|p|')?)?")


def parse_time(text: str | dt.time | None, *, field: str = "") -> dt.time:
    """Return the time in ``text``: "08:30", "8:30", "8h30", "8h", "8g30", "14 giờ 30", "14 giờ 30 phút".

    A ``time`` is returned as is. Anything else (or 24:00, 8:60) raises ``ValidationError``.
    """
    if isinstance(text, dt.time):
        return text
    cleaned = clean_text(text)
    if not cleaned:
        raise ValidationError({field: "Chưa nhập giờ (dùng dạng hh:mm, ví dụ 08:30)."})
    folded = fold(cleaned)
    hour = minute = None
    second = 0
    if m := _TIME_COLON.fullmatch(folded):
        hour, minute = int(m[1]), int(m[2])
        second = int(m[3]) if m[3] else 0
    elif m := _TIME_WORDS.fullmatch(folded):
        hour, minute = int(m[1]), int(m[2]) if m[2] else 0
    if hour is not None:
        try:
            return dt.time(hour, minute, second)  # type: ignore[arg-type]
        except ValueError:
            pass
    raise ValidationError({field: f"Giờ không hợp lệ: '{cleaned}' (dùng dạng hh:mm, ví dụ 08:30)."})


def parse_document_number(text: str | None, *, field: str = "number") -> int | None:
    """The register number a clerk typed: "15", or "15/UBND-VP" / "15-CV/ĐU" as the office writes it (the
    symbol is the register's, not the clerk's); empty → None (the next number of the register)."""
    cleaned = clean_text(text or "")
    if not cleaned:
        return None
    match = re.match(r"^(\d{1,5})(?:\s*[/-].*)?$", cleaned)
    if not match or int(match.group(1)) == 0:
        raise ValidationError({field: f"Số văn bản “{cleaned}” không hợp lệ: nhập số theo sổ văn bản đi, ví dụ 15 "
                                      "(ký hiệu do chương trình ghi)."})
    return int(match.group(1))


def format_date(d: dt.date | None) -> str:
    """Return the date as dd/mm/yyyy ("05/03/2026"); None -> ""."""
    if d is None:
        return ""
    return f"{d.day:02d}/{d.month:02d}/{d.year:04d}"


def format_time(t: dt.time | dt.datetime | None) -> str:
    """Return the time as hh:mm ("08:30"); None -> ""."""
    if t is None:
        return ""
    return f"{t.hour:02d}:{t.minute:02d}"


# --- collecting problems -----------------------------------------------------------------------


class Checker:
    """Collects the problems of a form, then raises them all at once.

    Example::

        c = Checker()
        c.require("full_name", name, "Họ và tên")
        c.add("cccd", check_cccd(cccd))
        c.raise_if_any()  # ValidationError({"full_name": "...", "cccd": "..."})

    Only the first problem of each field is kept (an empty field is not also "too short"). Every
    method returns True when the value passed. Field "" is for problems not tied to one field.
    """

    def __init__(self) -> None:
        self._errors: dict[str, str] = {}

    def add(self, field: str, message: str | None) -> bool:
        """Record ``message`` for ``field`` unless it is None/empty; True when there was no problem."""
        if not message:
            return True
        self._errors.setdefault(field, message)
        return False

    def require(self, field: str, value: Any, label: str) -> bool:
        return self.add(field, check_required(value, label))

    def length(self, field: str, value: str | None, label: str, max_len: int, min_len: int = 0) -> bool:
        return self.add(field, check_length(value, label, max_len, min_len))

    def cccd(self, field: str, value: str | None, label: str = "Số CCCD") -> bool:
        return self.add(field, check_cccd(value, label))

    def phone(self, field: str, value: str | None, label: str = "Số điện thoại") -> bool:
        return self.add(field, check_phone(value, label))

    def birth_year(
        self, field: str, value: int | str | None, today_year: int | None = None, label: str = "Năm sinh"
    ) -> bool:
        return self.add(field, check_birth_year(value, today_year, label))

    def year(self, field: str, value: int | str | None, label: str) -> bool:
        return self.add(field, check_year(value, label))

    def date_order(
        self, field: str, start: dt.date | None, end: dt.date | None, label_start: str, label_end: str
    ) -> bool:
        return self.add(field, check_date_order(start, end, label_start, label_end))

    def date(
        self, field: str, text: str | dt.date | None, label: str, *, required: bool = False
    ) -> dt.date | None:
        """Parse a date, recording a problem (named with ``label``) instead of raising.

        Returns None when empty or bad.
        """
        if _is_empty(text):
            if required:
                self.add(field, check_required(text, label))
            return None
        try:
            return parse_date(text)  # type: ignore[arg-type]
        except ValidationError:
            shown = clean_text(str(text))
            self.add(field, f"{label} không hợp lệ: '{shown}' (dùng dạng dd/mm/yyyy).")
            return None

    def time(
        self, field: str, text: str | dt.time | None, label: str, *, required: bool = False
    ) -> dt.time | None:
        """Parse a time, recording a problem (named with ``label``) instead of raising.

        Returns None when empty or bad.
        """
        if _is_empty(text):
            if required:
                self.add(field, check_required(text, label))
            return None
        try:
            return parse_time(text)  # type: ignore[arg-type]
        except ValidationError:
            shown = clean_text(str(text))
            self.add(field, f"{label} không hợp lệ: '{shown}' (dùng dạng hh:mm, ví dụ 08:30).")
            return None

    def merge(self, error: ValidationError, field: str | None = None) -> None:
        """Take the problems of a caught ``ValidationError`` (all under ``field`` if given)."""
        for key, message in error.errors.items():
            self.add(field if field is not None else key, message)

    @property
    def errors(self) -> dict[str, str]:
        """A copy of the problems so far, field -> message."""
        return dict(self._errors)

    def __bool__(self) -> bool:
        return bool(self._errors)

    def __len__(self) -> int:
        return len(self._errors)

    def __contains__(self, field: object) -> bool:
        return field in self._errors

    def raise_if_any(self) -> None:
        """Raise ``ValidationError`` carrying every problem recorded, if there is any."""
        if self._errors:
            raise ValidationError(dict(self._errors))
