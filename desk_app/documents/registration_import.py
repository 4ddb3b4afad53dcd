"""Import of speaker registrations (đăng ký phát biểu) from an Excel sheet (cli.md, quality.md §3).

The sheet is whatever the commune or the Front committee typed: a title block, then a header row naming
the columns in any spelling ("HO VA TEN", "Họ tên người đăng ký", "SĐT", "Địa chỉ (thôn)"…), then one
row per citizen. Every row is checked with the service's own rules and every problem is reported with
its Excel row number; one bad row and nothing is imported.

Hostile files are stopped before memory grows (peak under 300 MB whatever the file): the zip's declared
sizes are checked first, then the shared strings and the sheets are streamed once through a plain XML
parser that counts the strings and measures every cell and stops at the first limit crossed; only a file
within the limits is handed to openpyxl.
"""

from __future__ import annotations

import datetime as dt
import itertools
import math
import re
import warnings
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from desk_app.domain.errors import DeskAppError, DocumentError, ValidationError
from desk_app.domain.states import Channel
from desk_app.domain.text import clean_text, fold
from desk_app.domain.validation import check_phone, format_date, format_time, parse_date
from desk_app.services import catalog, registrations
from desk_app.services.registrations import RegistrationInput
from desk_app.store import models as m
from desk_app.store.database import os_reason

__all__ = ["HEADER_SCAN_ROWS", "MAX_DATA_ROWS", "MAX_FILE_BYTES", "ImportedRow", "import_registrations",
           "read_registrations"]

MAX_DATA_ROWS = 5000  # far more than any meeting; beyond it the file is surely the wrong one
MAX_FILE_BYTES = 20 * 1024 * 1024
MAX_UNPACKED_BYTES = 200 * 1024 * 1024  # a small .xlsx that unpacks to gigabytes is a zip bomb
MAX_SHEET_XML_BYTES = 32 * 1024 * 1024  # the sheets and shared strings openpyxl parses (5,000 rows: a few MB)
MAX_SHARED_STRINGS = 200_000  # 5,000 rows of 12 columns and room to spare
MAX_CELL_CHARS = 32_767  # what Excel itself holds in one cell
_SCAN_CHUNK = 64 * 1024
HEADER_SCAN_ROWS = 15

_OLE_MAGIC = b"\xd0\xcf\x11\xe0"  # Compound File: .xls, or an .xlsx encrypted with a password
_ZIP_MAGIC = b"PK"

# (key, label shown to the clerk, header spellings after _header_key). A header matches an alias when
# equal to it or starting with it followed by more words ("ho ten nguoi dang ky"); the longest alias wins
# ("kien nghi toi" is the addressee, not the content "kien nghi").
_COLUMNS: tuple[tuple[str, str, tuple[str, ...]], ...] = (
    ("citizen_name", "Họ và tên", ("ho va ten", "ho ten", "ten nguoi dang ky", "ten cong dan",
                                   "nguoi dang ky")),
    ("birth_year", "Năm sinh", ("nam sinh", "sinh nam", "ngay sinh", "ngay thang nam sinh")),
    ("address", "Địa chỉ/Thôn", ("dia chi", "thon", "to dan pho", "xom", "ap", "khu pho", "noi o",
                                 "noi cu tru")),
    ("phone", "Điện thoại", ("dien thoai", "so dien thoai", "sdt", "so dt", "dt", "di dong", "so di dong")),
    ("field", "Lĩnh vực", ("linh vuc",)),
    ("content", "Nội dung", ("noi dung", "y kien", "kien nghi", "tom tat noi dung")),
    ("gender", "Giới tính", ("gioi tinh", "gioi")),
    ("cccd", "CCCD", ("cccd", "so cccd", "can cuoc", "can cuoc cong dan", "so can cuoc", "cmnd", "so cmnd",
                      "so dinh danh")),
    ("speaks_for", "Đại diện cho", ("dai dien", "dai dien cho")),
    ("speaks_for_count", "Số hộ", ("so ho", "so ho dai dien", "so thanh vien", "so nguoi dai dien")),
    ("addressed_to", "Gửi tới", ("gui toi", "gui den", "kien nghi toi", "kien nghi den", "co quan tra loi",
                                 "de nghi tra loi", "co quan giai quyet")),
    ("channel", "Hình thức/Kênh", ("hinh thuc", "kenh", "hinh thuc dang ky", "kenh dang ky", "nguon")),
)
_LABELS = {key: label for key, label, _ in _COLUMNS}
_EXPECTED = ("Họ và tên (bắt buộc), Năm sinh, Địa chỉ/Thôn, Điện thoại, Lĩnh vực, Nội dung; có thể thêm "
             "Giới tính, CCCD, Đại diện cho, Gửi tới, Hình thức/Kênh")
_NOT_WORD = re.compile(r"[^0-9a-z]+")


@dataclass
class ImportedRow:
    """One data row of the sheet: its Excel row number and what it asks to register."""

    row: int
    data: RegistrationInput


def read_registrations(session: Session, path: str | Path) -> list[ImportedRow]:
    """Every data row of the sheet, checked; DocumentError for a bad file, ValidationError (all rows'
    problems, "Dòng N: …" with Excel row numbers) for bad rows."""
    path = Path(path)
    _check_file(path)
    records = _read_records(path)
    return _to_inputs(session, path, records)


def import_registrations(session: Session, session_id: int, path: str | Path) -> int:
    """Add every row of the sheet to the session's queue, or none; returns the number added."""
    # An empty batch runs the service's own check of the session (closed, cancelled, missing) first,
    # so the clerk is not asked to fix a sheet that could never be imported.
    registrations.add_many(session, session_id, [])
    rows = read_registrations(session, path)
    try:
        created = registrations.add_many(session, session_id, [r.data for r in rows])
    except ValidationError as exc:
        raise _excel_row_numbers(exc, rows, path) from exc
    return len(created)


# -- the file --------------------------------------------------------------------------------------

def _check_file(path: Path) -> None:
    """Refuse what openpyxl cannot or should not read, each with its own message."""
    name = f"Tệp “{path}”"
    if not path.exists():
        raise DocumentError(f"Không tìm thấy tệp “{path}”.")
    if path.is_dir():
        raise DocumentError(f"“{path}” là một thư mục, không phải tệp Excel.")
    try:
        size = path.stat().st_size
        with open(path, "rb") as handle:
            head = handle.read(8)
    except OSError as exc:
        raise DocumentError(f"Không đọc được tệp “{path}”: {os_reason(exc)}.") from exc
    suffix = path.suffix.lower()
    save_as = "hãy mở bằng Excel, chọn Lưu thành “Sổ làm việc Excel (*.xlsx)” rồi nhập lại"
    if size == 0:
        raise DocumentError(f"{name} rỗng (0 byte), không có dữ liệu.")
    if size > MAX_FILE_BYTES:
        raise DocumentError(f"{name} quá lớn ({_megabytes(size)}); chỉ nhập được tệp tối đa "
                            f"{_megabytes(MAX_FILE_BYTES)}.")
    if suffix == ".xls":
        raise DocumentError(f"{name} là tệp Excel 97-2003 (.xls), chương trình chỉ đọc được tệp .xlsx; "
                            f"{save_as}.")
    if suffix == ".csv":
        raise DocumentError(f"{name} là tệp CSV, không phải tệp Excel .xlsx; {save_as}.")
    if suffix not in (".xlsx", ".xlsm"):
        ending = f"đuôi tệp “{path.suffix}”" if path.suffix else "tên tệp không có đuôi .xlsx"
        raise DocumentError(f"{name} không phải tệp Excel .xlsx ({ending}); {save_as}.")
    if head.startswith(_OLE_MAGIC):
        if _is_encrypted(path):
            raise DocumentError(f"{name} được đặt mật khẩu nên không đọc được; hãy mở bằng Excel, gỡ mật "
                                "khẩu (Tệp > Thông tin > Bảo vệ sổ làm việc) rồi lưu lại và nhập lại.")
        raise DocumentError(f"{name} thực chất là tệp Excel 97-2003 (.xls) hoặc tệp được đặt mật khẩu, "
                            f"không phải .xlsx; {save_as}.")
    if not head.startswith(_ZIP_MAGIC):
        if _looks_like_text(path):
            raise DocumentError(f"{name} là tệp văn bản (có thể là tệp CSV được đổi đuôi thành .xlsx), "
                                f"không phải sổ làm việc Excel; {save_as}.")
        raise DocumentError(f"{name} không phải tệp Excel .xlsx hợp lệ (nội dung sai định dạng hoặc đã hỏng).")
    try:
        with zipfile.ZipFile(path) as archive:
            entries = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError) as exc:
        raise DocumentError(f"{name} bị hỏng (không giải nén được); hãy mở lại bằng Excel và lưu lại.") from exc
    names = {e.filename.lower() for e in entries}
    if not any(n.startswith("xl/") and n.endswith("workbook.xml") for n in names):
        if "word/document.xml" in names:
            kind = "một tài liệu Word"
        elif any(n.startswith("ppt/") for n in names):
            kind = "một bản trình chiếu PowerPoint"
        else:
            kind = "một tệp nén (zip)"
        raise DocumentError(f"{name} là {kind}, không phải sổ làm việc Excel.")
    unpacked = sum(e.file_size for e in entries)
    if unpacked > MAX_UNPACKED_BYTES:
        raise DocumentError(f"{name} quá lớn khi giải nén ({_megabytes(unpacked)}); chỉ nhập được tệp có "
                            f"dung lượng giải nén tối đa {_megabytes(MAX_UNPACKED_BYTES)}.")
    parts = [e for e in entries if _is_sheet_part(e.filename)]
    sheet_bytes = sum(e.file_size for e in parts)
    if sheet_bytes > MAX_SHEET_XML_BYTES:
        raise DocumentError(f"{name} quá lớn khi giải nén: phần bảng tính {_megabytes(sheet_bytes)}, tối đa "
                            f"{_megabytes(MAX_SHEET_XML_BYTES)} (một danh sách đăng ký chỉ vài MB); có thể tệp bị "
                            "hỏng hoặc không phải danh sách đăng ký.")
    _scan_parts(path, parts, name)


def _is_sheet_part(filename: str) -> bool:
    lower = filename.lower()
    return lower.endswith(".xml") and (lower.startswith("xl/worksheets/") or lower == "xl/sharedstrings.xml")


class _TooMuch(Exception):
    def __init__(self, message: str):
        self.message = message


def _scan_parts(path: Path, parts: list[zipfile.ZipInfo], name: str) -> None:
    """Stream the sheets and the shared strings once (64 KB at a time, nothing kept): stop at more shared
    strings than any registration list has, or a cell longer than Excel allows, before openpyxl loads them.
    The real unpacked size is counted too (a zip may declare less than it holds)."""
    from xml.parsers import expat

    limit = f"{MAX_CELL_CHARS:,}".replace(",", ".")
    many = f"{MAX_SHARED_STRINGS:,}".replace(",", ".")
    try:
        with zipfile.ZipFile(path) as archive:
            total = 0
            for info in parts:
                strings = 0
                text_length = [0]
                in_text = [False]

                def start(tag, _attributes):
                    nonlocal strings
                    local = tag.rsplit("}", 1)[-1]
                    if local == "si":
                        strings += 1
                        if strings > MAX_SHARED_STRINGS:
                            raise _TooMuch(f"{name} có quá nhiều ô chữ (hơn {many} chuỗi): một danh sách đăng ký "
                                           "phát biểu không lớn như vậy; có thể tệp bị hỏng hoặc không phải danh "
                                           "sách đăng ký.")
                    if local in ("t", "v", "f"):
                        in_text[0], text_length[0] = True, 0

                def end(tag):
                    if tag.rsplit("}", 1)[-1] in ("t", "v", "f"):
                        in_text[0] = False

                def characters(data):
                    if in_text[0]:
                        text_length[0] += len(data)
                        if text_length[0] > MAX_CELL_CHARS:
                            raise _TooMuch(f"{name} có ô dài hơn {limit} ký tự (giới hạn của Excel cho một ô); "
                                           "tệp bị hỏng hoặc không do Excel tạo ra.")

                parser = expat.ParserCreate(namespace_separator="}")
                parser.StartElementHandler, parser.EndElementHandler = start, end
                parser.CharacterDataHandler = characters
                with archive.open(info) as stream:
                    while chunk := stream.read(_SCAN_CHUNK):
                        total += len(chunk)
                        if total > MAX_SHEET_XML_BYTES:
                            raise _TooMuch(f"{name} quá lớn khi giải nén (hơn {_megabytes(MAX_SHEET_XML_BYTES)} "
                                           "phần bảng tính); có thể tệp bị hỏng hoặc không phải danh sách đăng ký.")
                        parser.Parse(chunk, False)
                    parser.Parse(b"", True)
    except _TooMuch as exc:
        raise DocumentError(exc.message) from None
    except (zipfile.BadZipFile, OSError, ValueError, EOFError, expat.ExpatError) as exc:
        raise DocumentError(f"{name} bị hỏng hoặc không đúng định dạng Excel nên không đọc được; hãy mở bằng Excel "
                            "và lưu lại.") from exc


def _is_encrypted(path: Path) -> bool:
    """An encrypted .xlsx is a Compound File holding the streams EncryptionInfo and EncryptedPackage."""
    try:
        data = path.read_bytes()
    except OSError:
        return False
    return "EncryptionInfo".encode("utf-16-le") in data or "EncryptedPackage".encode("utf-16-le") in data


def _looks_like_text(path: Path) -> bool:
    """A CSV or text file rather than random bytes: a UTF-16 byte order mark (Excel's "Unicode text"), or no
    control bytes but tabs and line breaks."""
    with open(path, "rb") as handle:
        chunk = handle.read(4096)
    return chunk.startswith((b"\xff\xfe", b"\xfe\xff")) or not any(b < 9 or 13 < b < 32 for b in chunk)


def _megabytes(size: int) -> str:
    """Rounded up, so a file just over the limit does not read as equal to it: "20,1 MB"."""
    tenths = math.ceil(size * 10 / (1024 * 1024))
    return f"{tenths // 10},{tenths % 10} MB".replace(",0 MB", " MB")


# -- the sheet --------------------------------------------------------------------------------------

@dataclass
class _Record:
    row: int
    values: dict[str, Any]


def _read_records(path: Path) -> list[_Record]:
    import openpyxl

    name = f"Tệp “{path}”"
    broken = f"{name} bị hỏng hoặc không đúng định dạng Excel nên không đọc được; hãy mở bằng Excel và lưu lại."
    # openpyxl warns on stderr about styles and extensions it ignores; the clerk cannot act on those.
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        try:
            workbook = openpyxl.load_workbook(path, read_only=True, data_only=True)
        except Exception as exc:  # openpyxl raises KeyError, ValueError, XML errors… for a damaged file
            raise DocumentError(broken) from exc
        try:
            return _records_of(workbook, name)
        except DeskAppError:
            raise
        except Exception as exc:  # cells are parsed lazily, so damage may only show up here
            raise DocumentError(broken) from exc
        finally:
            workbook.close()


def _records_of(workbook, name: str) -> list[_Record]:
    """The data rows of the first sheet (the active one first) that has a header row with a name column."""
    sheets = list(workbook.worksheets)
    if workbook.active in sheets:
        sheets.remove(workbook.active)
        sheets.insert(0, workbook.active)
    problem: _HeaderProblem | None = None  # the most telling one over all sheets
    for sheet in sheets:
        sheet.reset_dimensions()  # trust the cells, not the size the writer declared
        rows = enumerate(sheet.iter_rows(values_only=True), 1)
        top = list(itertools.islice(rows, HEADER_SCAN_ROWS))
        if not any(_filled(values) for _, values in top) and not any(_filled(values) for _, values in rows):
            continue  # an empty sheet (data further down only is "no header row")
        found = _find_header(top)
        if isinstance(found, _HeaderProblem):
            if problem is None or found.rank > problem.rank:
                problem = found
            continue
        header_row, columns = found
        _check_duplicates(columns, header_row, name)
        return _data_rows(itertools.chain(top, rows), header_row, columns, name)
    if problem is None:
        raise DocumentError(f"{name} không có dữ liệu (trang tính trống).")
    raise DocumentError(f"{name}: {problem.message}")


@dataclass
class _HeaderProblem:
    rank: int  # 2: a header row without "Họ và tên" says more than 1: no header row at all
    message: str


def _find_header(top: list[tuple[int, tuple]]) -> tuple[int, dict[str, list[int]]] | _HeaderProblem:
    """The header row: among the rows naming the "Họ và tên" column, the one naming most columns (in a
    two-row header the lower row is the detailed one)."""
    best: tuple[int, dict[str, list[int]]] | None = None
    nameless: tuple[int, dict[str, list[int]]] | None = None
    for number, values in top:
        columns = _match_columns(values)
        if "citizen_name" in columns:
            if best is None or len(columns) > len(best[1]):
                best = (number, columns)
        elif len(columns) >= 2 and (nameless is None or len(columns) > len(nameless[1])):
            nameless = (number, columns)
    if best is not None:
        return best
    if nameless is not None:
        number, columns = nameless
        seen = ", ".join(_LABELS[key] for key in _LABELS if key in columns)
        return _HeaderProblem(2, f"dòng tiêu đề (dòng {number}) không có cột “Họ và tên” (bắt buộc); các cột "
                                 f"nhận ra được: {seen}. Hãy thêm cột “Họ và tên”.")
    return _HeaderProblem(1, f"không tìm thấy dòng tiêu đề trong {HEADER_SCAN_ROWS} dòng đầu. Dòng tiêu đề "
                             f"cần ghi tên các cột: {_EXPECTED}.")


def _match_columns(values: tuple) -> dict[str, list[int]]:
    """Column key → indexes (0-based) of the header cells naming it."""
    columns: dict[str, list[int]] = {}
    for index, value in enumerate(values):
        key = _column_of(_header_key(value))
        if key:
            columns.setdefault(key, []).append(index)
    return columns


def _header_key(value: Any) -> str:
    """ "Địa chỉ (Thôn)" → "dia chi thon", "HỌ  VÀ TÊN (*)" → "ho va ten"."""
    return _NOT_WORD.sub(" ", fold(_text(value))).strip()


def _column_of(header: str) -> str | None:
    best, length = None, 0
    for key, _label, aliases in _COLUMNS:
        for alias in aliases:
            if (header == alias or header.startswith(alias + " ")) and len(alias) > length:
                best, length = key, len(alias)
    return best


def _check_duplicates(columns: dict[str, list[int]], header_row: int, name: str) -> None:
    from openpyxl.utils import get_column_letter

    repeated = [f"“{_LABELS[key]}” (các cột {', '.join(get_column_letter(i + 1) for i in indexes)})"
                for key, indexes in columns.items() if len(indexes) > 1]
    if repeated:
        raise DocumentError(f"{name}: dòng tiêu đề (dòng {header_row}) có cột trùng nhau: {'; '.join(repeated)}. "
                            "Mỗi cột chỉ được có một lần; hãy xóa hoặc đổi tên cột thừa.")


def _data_rows(rows: Iterator[tuple[int, tuple]], header_row: int, columns: dict[str, list[int]],
               name: str) -> list[_Record]:
    where = {key: indexes[0] for key, indexes in columns.items()}
    records: list[_Record] = []
    for number, values in rows:
        if number <= header_row:
            continue
        picked = {key: values[i] if i < len(values) else None for key, i in where.items()}
        # Only the recognised columns count: a template row with just its STT filled in is empty.
        if not _filled(tuple(picked.values())):
            continue
        if len(records) == MAX_DATA_ROWS:
            limit = f"{MAX_DATA_ROWS:,}".replace(",", ".")
            raise DocumentError(f"{name} có hơn {limit} dòng dữ liệu; mỗi lần chỉ nhập được tối đa {limit} dòng, "
                                "hãy chia thành nhiều tệp.")
        records.append(_Record(number, picked))
    if not records:
        raise DocumentError(f"{name}: không có dòng dữ liệu nào dưới dòng tiêu đề (dòng {header_row}).")
    return records


def _filled(values: tuple) -> bool:
    return any(v is not None and _text(v) != "" for v in values)


# -- cells → registrations ------------------------------------------------------------------------------

def _to_inputs(session: Session, path: Path, records: list[_Record]) -> list[ImportedRow]:
    lookup = _Catalogue(session)
    rows: list[ImportedRow] = []
    problems: dict[str, str] = {}
    for record in records:
        data, local = _input_of(record.values, lookup)
        try:
            registrations.validate(session, data)
        except ValidationError as exc:
            local = [*exc.errors.values(), *local]
        if local:
            problems[f"row{record.row}"] = f"Dòng {record.row}: " + "; ".join(p.rstrip(".") for p in local) + "."
        rows.append(ImportedRow(record.row, data))
    if problems:
        raise _row_error(problems, path)
    return rows


def _row_error(problems: dict[str, str], path: Path) -> ValidationError:
    header = (f"Tệp “{path}” có {len(problems)} dòng không hợp lệ, chưa nhập dòng nào. "
              "Hãy sửa các dòng sau rồi nhập lại:")
    return ValidationError(problems, "\n".join([header, *problems.values()]))


def _excel_row_numbers(exc: ValidationError, rows: list[ImportedRow], path: Path) -> ValidationError:
    """add_many numbers rows by list position ("Dòng 3"); say the Excel row instead."""
    if not any(re.fullmatch(r"row\d+", key) for key in exc.errors):
        return exc
    problems = {}
    for key, message in exc.errors.items():
        found = re.fullmatch(r"row(\d+)", key)
        if found and 1 <= int(found[1]) <= len(rows):
            excel = rows[int(found[1]) - 1].row
            problems[f"row{excel}"] = re.sub(r"^Dòng \d+", f"Dòng {excel}", message)
        else:
            problems[key] = message
    return _row_error(problems, path)


class _Catalogue:
    """Hamlet, field and agency look-ups by name, each name asked once per import."""

    def __init__(self, session: Session):
        self.session = session
        self.cache: dict[tuple, Any] = {}
        self._fields: list[m.Field] | None = None

    def find(self, model, text: str):
        key = (model, text)
        if key not in self.cache:
            self.cache[key] = catalog.find_by_name(self.session, model, text)
        return self.cache[key]

    def field(self, text: str) -> m.Field | None:
        row = self.find(m.Field, text)
        if row is None:  # "Giao thông - hạ tầng" for "Giao thông, hạ tầng"
            wanted = _header_key(text)
            row = next((f for f in self.fields() if _header_key(f.name) == wanted), None)
        return row

    def fields(self) -> list[m.Field]:
        if self._fields is None:
            self._fields = list(self.session.scalars(select(m.Field).order_by(m.Field.position, m.Field.id)))
        return self._fields

    def field_names(self) -> str:
        return ", ".join(f"“{f.name}”" for f in self.fields() if f.active)  # names hold commas


def _input_of(values: dict[str, Any], lookup: _Catalogue) -> tuple[RegistrationInput, list[str]]:
    """The registration a row asks for, and the problems the service's validation cannot see."""
    problems: list[str] = []
    data = RegistrationInput(citizen_name=_text(values.get("citizen_name")),
                             content=_text(values.get("content"), multiline=True),
                             birth_year=_birth_year(values.get("birth_year")),
                             cccd=_cccd(values.get("cccd")),
                             phone=_phone(values.get("phone")))
    place = _text(values.get("address"))
    hamlet = lookup.find(m.Hamlet, place) if place else None
    if hamlet is not None:
        data.hamlet_id = hamlet.id
    else:
        data.address = place
    field_text = _text(values.get("field"))
    if field_text:
        field = lookup.field(field_text)
        if field is None:
            problems.append(f"Lĩnh vực “{field_text}” không có trong danh mục; chọn một trong: "
                            f"{lookup.field_names()}")
        else:
            data.field_id = field.id
    addressee = _text(values.get("addressed_to"))
    data.addressed_to = addressee
    if addressee and (agency := lookup.find(m.Agency, addressee)) is not None:
        data.addressed_agency_id = agency.id
    data.gender = _gender(values.get("gender"))
    speaks_for = _text(values.get("speaks_for"))
    if speaks_for:
        data.speaks_for = speaks_for
    count = values.get("speaks_for_count")
    if _text(count):
        number = _whole_number(count)
        if number is None:
            problems.append("Số hộ/thành viên đại diện phải là số nguyên dương")
        data.speaks_for_count = number
    data.channel = _channel(values.get("channel"))
    return data, problems


def _text(value: Any, *, multiline: bool = False) -> str:
    """A cell as the clerk sees it: 1975.0 → "1975", a date → "05/03/2026"; formulas are never evaluated
    (a text "=1+1" stays text)."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    elif isinstance(value, dt.datetime):
        value = format_date(value) if value.time() == dt.time() else f"{format_time(value)} {format_date(value)}"
    elif isinstance(value, dt.date):
        value = format_date(value)
    elif isinstance(value, dt.time):
        value = format_time(value)
    return clean_text(str(value), multiline=multiline)


def _is_number(value: Any) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool)


def _whole_number(value: Any) -> int | None:
    if _is_number(value) and float(value).is_integer():
        return int(value)
    text = _text(value)
    return int(text) if text.isdigit() and text.isascii() else None


def _birth_year(value: Any) -> int | str | None:
    if value is None:
        return None
    if isinstance(value, (dt.date, dt.datetime)):
        return value.year
    number = _whole_number(value) if _is_number(value) else None
    if number is not None:
        return number
    text = _text(value)
    if re.fullmatch(r"\d{1,2}\s*[/.\-]\s*\d{1,2}\s*[/.\-]\s*\d{4}", text):  # a date of birth typed as text
        try:
            return parse_date(text).year
        except ValidationError:
            pass
    return text or None


def _phone(value: Any) -> str:
    """A number cell has lost the leading 0 (912345678): put it back when that makes a valid number."""
    text = _text(value)
    if _is_number(value) and text.isdigit() and check_phone(text) and not check_phone("0" + text):
        return "0" + text
    return text


def _cccd(value: Any) -> str:
    """A CCCD starts with 0 (province code 001–096), so a number cell has lost one or two zeros."""
    text = _text(value)
    if _is_number(value) and text.isdigit() and len(text) in (10, 11):
        return text.zfill(12)
    return text


def _gender(value: Any) -> str | None:
    text = fold(_text(value))
    if not text:
        return None
    if text in ("nam", "m", "male"):
        return "nam"
    if text in ("nu", "f", "female"):
        return "nu"
    return _text(value)  # the service reports "Giới tính phải là nam hoặc nữ."


def _channel(value: Any) -> str:
    """Phiếu đăng ký unless the sheet says the Front committee collected it (MTTQ tổng hợp)."""
    text = _text(value)
    folded = fold(text)
    if not folded:
        return Channel.FORM.value
    if "mttq" in folded or "mat tran" in folded:
        return Channel.FRONT.value
    if "phieu" in folded:
        return Channel.FORM.value
    return text  # a label the service knows, or its message listing the choices
