"""Consolidation of many commune summaries at the superior level (documents.md §6, "Tổng hợp nhiều xã").

Each input is checked and every problem file is reported with a Vietnamese reason while the others go
on: not an .xlsx / damaged, not a summary of this program (no "_meta", or another kind), another format
version, another period, an unreadable file — and a summary whose sheets do not agree with each other
(domain.md §7): every total is the sum of its parts, the petition sheet has exactly the counted petitions
with their statuses, the field table is complete with its total row, every figure is a number (not text,
not a formula without a stored value). Such a file is "bỏ qua" with the sheet and the cell named.

Inputs of several periods without a chosen year are refused as a whole (exit 1, asking for ``--year``).
The same commune twice (same code; by name and province when a file has no code): the newer export wins
(the time it was written, in "_meta"), the other's line says which file was kept. The result never depends
on the order of the inputs: communes are written in the order of province, name and code.

One workbook is written atomically (write-only): "Tổng hợp" a row per commune and a total row, "Theo lĩnh
vực" the field × status totals, "Kiến nghị" every petition with the commune first, and a hidden "_meta"
(kind ``consolidation``).

Figures are matched by the stable keys the summary stores in its hidden column A of "Tổng hợp" (see
:mod:`desk_app.documents.summary`), never by label text; statuses of "Theo lĩnh vực" by the codes of
its hidden first row. Counts are summed; the average working days to answer is weighted by the number
answered in each commune.

Speed (every commune of the country, 3,321 files): each input's "_meta" is read first (small: it decides
the order and the duplicates), then the whole file by the quick reader of :mod:`xlsx_read`; from
``PARALLEL_FROM`` inputs on, by a pool of processes ("spawn": safe beside Qt's threads, and the only way on
Windows — a frozen build must call ``multiprocessing.freeze_support()`` first), while this process streams
the petitions out through :class:`desk_app.documents.xlsx.FastRows`, since openpyxl's per-cell writer alone
would take longer than reading every input.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import multiprocessing
import os
import zipfile
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterable, Iterator

from openpyxl import Workbook, load_workbook
from openpyxl.utils import get_column_letter

import desk_app
from desk_app.documents import xlsx
from desk_app.documents import summary as s
from desk_app.documents.files import atomic_output
from desk_app.documents.xlsx_read import read_sheets
from desk_app.domain.errors import DocumentError, ValidationError
from desk_app.domain.text import fold
from desk_app.domain.validation import check_year
from desk_app.domain.profiles import OBLIGATION_WHO
from desk_app.domain.states import Host, PetitionStatus
from desk_app.services.statistics import COMPLIANCE_LABELS, Figures, Period
from desk_app.store.database import os_reason

KIND = "consolidation"
PARALLEL_FROM = 64  # below this, starting worker processes costs more than it saves
_OLE_MAGIC = b"\xd0\xcf\x11\xe0"  # .xls and password-protected .xlsx are OLE compound files
_AVERAGE_KEY, _WEIGHT_KEY = "avg_days_to_resolve", "resolved"
FIGURES = [(key, label) for key, label, _value in Figures().items()]
_FIGURE_KEYS = frozenset(key for key, _label in FIGURES)
_REASON_DAMAGED = "không phải tệp Excel (.xlsx) hoặc tệp đã bị hỏng"
_SHEETS = (s.META_SHEET, s.SUMMARY_SHEET, s.FIELDS_SHEET, s.PETITIONS_SHEET, s.SESSIONS_SHEET)
_LABELS = {key: label for key, label in FIGURES}
_HOSTS = [h.value for h in Host]  # columns D… of "Tổng hợp", one per host
_STATUS_LABELS = {st.label: st.value for st in PetitionStatus}
_REASON_FOREIGN = "không phải bảng tổng hợp xuất từ chương trình này (không có trang “_meta”)"


@dataclass(frozen=True)
class InputResult:
    path: Path
    ok: bool
    reason: str = ""  # Vietnamese, empty when used


@dataclass
class ConsolidationResult:
    target: Path | None
    inputs: list[InputResult]

    @property
    def used(self) -> int:
        return sum(1 for item in self.inputs if item.ok)

    @property
    def skipped(self) -> list[InputResult]:
        return [item for item in self.inputs if not item.ok]


class NothingToConsolidate(DocumentError):
    """No input was usable; ``result`` still lists every input with its reason."""

    def __init__(self, message: str, result: ConsolidationResult):
        super().__init__(message)
        self.result = result


@dataclass
class _Summary:
    """What one input holds (plain values: it crosses process boundaries)."""

    reason: str = ""
    meta: dict = field(default_factory=dict)
    figures: dict = field(default_factory=dict)
    compliance: dict = field(default_factory=dict)  # who → (required, held, upcoming)
    fields: list = field(default_factory=list)
    field_table: dict = field(default_factory=dict)  # field → {status code: count}
    petitions: list = field(default_factory=list)


class MixedPeriods(DocumentError):
    """Inputs of several periods and no year chosen: nothing is written."""


def expand_inputs(inputs: Iterable[Path | str], exclude: Path | None = None) -> list[Path]:
    """Files as given, folders as their *.xlsx files (sorted); Excel's "~$" lock files and ``exclude``
    (the output, when it is written into the input folder) are left out."""
    paths: list[Path] = []
    skip = exclude.resolve() if exclude else None
    for item in inputs:
        path = Path(item)
        if not path.is_dir():
            paths.append(path)
            continue
        try:
            found = sorted(p for p in path.iterdir() if p.suffix.lower() == ".xlsx" and p.is_file()
                           and not p.name.startswith("~$"))
        except OSError as exc:
            raise DocumentError(f"Không đọc được thư mục {path}: {os_reason(exc)}.") from exc
        paths += [p for p in found if p.resolve() != skip]
    return paths


def consolidate(inputs: list[Path | str], target, *, year: int | None = None,
                progress: Callable[[int, int], None] | None = None, cancelled: Callable[[], bool] | None = None,
                workers: int | None = None) -> ConsolidationResult:
    """Merge the commune summaries ``inputs`` (files or folders) into ``target``.

    ``year`` requires every input to cover that calendar year; without it every usable input must cover the
    same period, else :class:`MixedPeriods` asks for a year (a year outside 2000–2100 raises
    :class:`ValidationError`). ``progress(done, total)`` is called after each input; ``cancelled()`` is asked
    between inputs and stops without writing anything. ``workers`` forces the number of reading processes
    (1: none). Raises :class:`NothingToConsolidate` (a :class:`DocumentError`) when no input was usable.
    """
    problem = check_year(year, "Năm tổng hợp")
    if problem:
        raise ValidationError({"year": problem})
    target = Path(target)
    paths = expand_inputs(inputs, exclude=target)
    if not paths:
        raise DocumentError("Không có tệp .xlsx nào để tổng hợp trong những gì đã chọn.")
    reasons: dict[int, str] = {}
    heads = list(_map(read_head, paths, workers))
    for index, head in enumerate(heads):
        if head.reason:
            reasons[index] = head.reason
    period = _choose_period(paths, heads, reasons, year)
    # communes in a fixed order, the newest export of each first: the inputs' order never matters
    keys = _commune_keys(heads)
    candidates = sorted((i for i in range(len(paths)) if i not in reasons), key=lambda i: (paths[i].name, str(paths[i])))
    candidates.sort(key=lambda i: _generated(heads[i].meta), reverse=True)
    candidates.sort(key=lambda i: keys[i])
    done = len(reasons)
    if progress and done:
        progress(done, len(paths))
    used_by: dict[tuple, int] = {}
    reads = _map(read_summary, [paths[i] for i in candidates], workers)
    with atomic_output(target) as temp, contextlib.closing(reads), contextlib.closing(_Output()) as out:
        for index, read in zip(candidates, reads):
            if cancelled and cancelled():
                raise DocumentError("Đã hủy tổng hợp; chưa ghi tệp nào.")
            key = keys[index]
            if read.reason:
                reasons[index] = read.reason
            elif key in used_by:
                reasons[index] = _duplicate_reason(heads[index].meta, paths[used_by[key]], heads[used_by[key]].meta)
            else:
                used_by[key] = index
                out.add(read)
            done += 1
            if progress:
                progress(done, len(paths))
        results = [InputResult(path, i not in reasons, reasons.get(i, "")) for i, path in enumerate(paths)]
        result = ConsolidationResult(target, results)
        if not result.used:
            raise NothingToConsolidate(_nothing_message(result), ConsolidationResult(None, results))
        out.save(temp, period, len(paths))
    return result


def _choose_period(paths: list[Path], heads: list[_Summary], reasons: dict[int, str], year: int | None) -> Period | None:
    if year is not None:
        period = Period.year(year)
        for index, head in enumerate(heads):
            own = _period_of(head.meta) if index not in reasons else None
            if own is not None and own != period:
                reasons[index] = f"số liệu {own.label.lower()}, không phải năm {year} đã chọn"
        return period
    periods: dict[Period, int] = {}
    for index, head in enumerate(heads):
        if index not in reasons:
            own = _period_of(head.meta)
            periods[own] = periods.get(own, 0) + 1
    if len(periods) > 1:
        listed = "; ".join(f"{p.label.lower()}: {n} tệp" for p, n in sorted(periods.items(), key=lambda i: i[0].start))
        raise MixedPeriods(f"Các bảng tổng hợp thuộc nhiều kỳ báo cáo khác nhau ({listed}). Hãy chọn năm cần tổng "
                           "hợp (--year NĂM); tệp của năm khác sẽ được nêu là bỏ qua.")
    return next(iter(periods), None)


def _commune_keys(heads: list[_Summary]) -> list[tuple]:
    """Files of one commune share a key: its code, or — for a file without a code — the code of a coded file
    with the same name and province, else its name and province."""
    def place(meta: dict) -> tuple[str, str]:
        return fold(meta.get("province")), fold(meta.get("commune_name"))

    coded = {place(h.meta): str(h.meta.get("commune_code")).strip() for h in heads
             if h.meta and str(h.meta.get("commune_code") or "").strip()}
    keys = []
    for head in heads:
        where = place(head.meta) if head.meta else ("", "")
        code = str(head.meta.get("commune_code") or "").strip() if head.meta else ""
        keys.append((*where, code or coded.get(where, "")))
    return keys


def _generated(meta: dict) -> str:
    return str(meta.get("generated_at") or "")


def _duplicate_reason(meta: dict, kept: Path, kept_meta: dict) -> str:
    code = str(meta.get("commune_code") or "").strip()
    label = f"{meta.get('commune_name') or code}{f' (mã {code})' if code else ''}"
    mine, theirs = _generated(meta), _generated(kept_meta)
    if theirs > mine:
        why = f"tệp {kept.name} lập lúc {theirs} mới hơn tệp này (lập lúc {mine or 'không rõ'})"
    else:
        why = f"tệp {kept.name} cùng lúc lập ({theirs or 'không rõ'})"
    return f"{label} đã có trong tệp {kept.name}: dùng {why}"


# -- reading -------------------------------------------------------------------------------------------

def _map(function, paths: list[Path], workers: int | None) -> Iterator[_Summary]:
    names = [str(p) for p in paths]
    if workers is None:
        workers = min(os.cpu_count() or 1, 4) if len(paths) >= PARALLEL_FROM else 1
    if workers <= 1:
        yield from map(function, names)
        return
    pool = ProcessPoolExecutor(max_workers=workers, mp_context=multiprocessing.get_context("spawn"))
    try:
        yield from pool.map(function, names, chunksize=8)
    finally:
        # Cancelled or failed: drop the queued inputs instead of reading them for nothing.
        pool.shutdown(wait=True, cancel_futures=True)


def _open(path: str, names) -> tuple[list[str], Callable] | str:
    """The sheet names and a row reader of the sheets ``names``, or the reason the file cannot be read."""
    try:
        with open(path, "rb") as handle:
            head = handle.read(4)
    except OSError as exc:
        return f"không đọc được tệp: {os_reason(exc)}"
    if head == _OLE_MAGIC:
        return "tệp có đặt mật khẩu hoặc là tệp Excel cũ (.xls); hãy lưu lại thành .xlsx không đặt mật khẩu"
    if not zipfile.is_zipfile(path):
        return _REASON_DAMAGED
    try:  # the quick reader first (a third of openpyxl's time); anything unusual: openpyxl decides
        sheetnames, sheets = read_sheets(path, names)
        return sheetnames, lambda name, skip=0: iter(sheets[name][skip:])
    except Exception:  # noqa: BLE001
        pass
    try:
        wb = load_workbook(path, read_only=True, data_only=True, keep_links=False)
    except Exception:  # noqa: BLE001 — whatever openpyxl trips on, the file is not a usable workbook
        return _REASON_DAMAGED
    try:
        rows = {name: list(_rows(wb[name])) for name in names if name in wb.sheetnames}
        return list(wb.sheetnames), lambda name, skip=0: iter(rows[name][skip:])
    except Exception:  # noqa: BLE001 — a damaged part inside the zip (bad XML, missing member)
        return _REASON_DAMAGED
    finally:
        wb.close()


def read_head(path: str) -> _Summary:
    """An input's "_meta" and the checks that need nothing else (format, kind, version, period, commune)."""
    opened = _open(path, (s.META_SHEET,))
    if isinstance(opened, str):
        return _Summary(reason=opened)
    sheetnames, rows = opened
    return _check_meta(sheetnames, rows)


def read_summary(path: str) -> _Summary:
    """Read and check one input on its own (format, kind, version, consistency of its sheets); never raises
    for a bad file."""
    opened = _open(path, _SHEETS)
    if isinstance(opened, str):
        return _Summary(reason=opened)
    sheetnames, rows = opened
    try:
        return _read_workbook(sheetnames, rows)
    except Exception:  # noqa: BLE001 — a sheet of an unexpected shape
        return _Summary(reason=_REASON_DAMAGED)


def _rows(ws, skip: int = 0) -> Iterator[tuple]:
    ws.reset_dimensions()  # write-only files have no stored size: read every row as it is
    for index, row in enumerate(ws.iter_rows(values_only=True)):
        if index >= skip:
            yield row


def _check_meta(sheetnames: list[str], rows) -> _Summary:
    if s.META_SHEET not in sheetnames:
        return _Summary(reason=_REASON_FOREIGN)
    meta = {row[0]: row[1] if len(row) > 1 else None for row in rows(s.META_SHEET) if row and row[0]}
    if meta.get("kind") == KIND:
        return _Summary(reason="là bảng tổng hợp nhiều xã, không phải bảng tổng hợp của một xã")
    if meta.get("kind") != s.KIND:
        return _Summary(reason="không phải bảng tổng hợp của một xã xuất từ chương trình này")
    if str(meta.get("format_version")) != str(s.FORMAT_VERSION):
        return _Summary(reason=f"bảng tổng hợp theo định dạng phiên bản {meta.get('format_version')}, chương trình "
                               f"này đọc phiên bản {s.FORMAT_VERSION} (hãy xuất lại bảng tổng hợp bằng phiên bản mới)")
    if _period_of(meta) is None:
        return _Summary(reason="trang “_meta” không ghi rõ kỳ báo cáo")
    if not (meta.get("commune_name") or meta.get("commune_code")):
        return _Summary(reason="không ghi tên và mã đơn vị")
    return _Summary(meta=meta)


def _read_workbook(sheetnames: list[str], rows) -> _Summary:
    """One summary from its sheets: ``rows(name, skip=0)`` gives a sheet's rows as openpyxl's tuples."""
    read = _check_meta(sheetnames, rows)
    if read.reason:
        return read
    missing = [name for name in (s.SUMMARY_SHEET, s.PETITIONS_SHEET, s.FIELDS_SHEET, s.SESSIONS_SHEET)
               if name not in sheetnames]
    if missing:
        return _Summary(reason="thiếu trang " + ", ".join(f"“{name}”" for name in missing))
    problem = (_read_figures(read, list(rows(s.SUMMARY_SHEET))) or _read_fields(read, list(rows(s.FIELDS_SHEET)))
               or _read_petitions(read, rows(s.PETITIONS_SHEET)) or _check_sessions(read, list(rows(s.SESSIONS_SHEET))))
    return _Summary(reason=problem) if problem else read


def _cell(sheet: str, row: int, column: int) -> str:
    return f"trang “{sheet}”, ô {get_column_letter(column)}{row}"


def _is_number(value) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool)


def _read_figures(read: _Summary, sheet_rows: list) -> str:
    """"Tổng hợp": every figure present and a number, per-host columns adding up to the total column, and the
    totals equal to the sums of their parts."""
    sheet = s.SUMMARY_SHEET
    per_host: dict[str, list] = {}
    where: dict[str, int] = {}
    for number, row in enumerate(sheet_rows, 1):
        key = row[0] if row else None
        if key in _FIGURE_KEYS:
            values = (list(row) + [None] * (s.FIGURE_VALUE_COLUMN + len(_HOSTS)))[s.FIGURE_VALUE_COLUMN - 1:
                                                                                s.FIGURE_VALUE_COLUMN + len(_HOSTS)]
            for offset, value in enumerate(values):
                if not _is_number(value) and not (key == _AVERAGE_KEY and value is None):
                    what = "để trống" if value is None else f"là chữ hoặc công thức không có giá trị (“{value}”)"
                    return (f"{_cell(sheet, number, s.FIGURE_VALUE_COLUMN + offset)} (“{_LABELS[key]}”) {what}, "
                            "không phải một số")
            read.figures[key], per_host[key], where[key] = values[0], values[1:], number
        elif isinstance(key, str) and key.startswith(s.COMPLIANCE_PREFIX):
            counts = (list(row[3:6]) + [None, None, None])[:3]
            if not all(_is_number(v) for v in counts):
                return f"{_cell(sheet, number, 4)}: số cuộc của nghĩa vụ tổ chức đối thoại không phải là số"
            read.compliance[key[len(s.COMPLIANCE_PREFIX):]] = tuple(counts)
    absent = [label for key, label in FIGURES if key not in read.figures]
    if absent:
        return f"trang “{sheet}” thiếu dòng " + ", ".join(f"“{label}”" for label in absent[:3])
    f = read.figures
    for key, hosts in per_host.items():
        if key != _AVERAGE_KEY and sum(hosts) != f[key]:
            return (f"{_cell(sheet, where[key], s.FIGURE_VALUE_COLUMN)} (“{_LABELS[key]}”) là {f[key]} nhưng các cột "
                    f"theo cơ quan chủ trì cộng lại {sum(hosts)}")
    parts = (("sessions_total", ("sessions_held", "sessions_upcoming", "sessions_cancelled")),
             ("sessions_held", ("periodic", "ad_hoc")),
             ("sessions_held", tuple(k for k in f if k.startswith("form_"))),
             ("petitions", ("answered_at_meeting", "resolved", "in_progress", "transferred", "not_competent")),
             ("resolved", ("resolved_on_time", "resolved_late")),
             ("in_progress", ("open_not_due", "open_overdue")))
    for whole, pieces in parts:
        if f[whole] != sum(f[p] for p in pieces):
            return (f"{_cell(sheet, where[whole], s.FIGURE_VALUE_COLUMN)} (“{_LABELS[whole]}”) là {f[whole]} nhưng "
                    + " + ".join(f"“{_LABELS[p]}”" for p in pieces) + f" = {sum(f[p] for p in pieces)}")
    if f["result_unanswered"] > f["in_progress"]:
        return (f"{_cell(sheet, where['result_unanswered'], s.FIGURE_VALUE_COLUMN)}: “{_LABELS['result_unanswered']}”"
                f" lớn hơn số đang giải quyết")
    return ""


def _read_fields(read: _Summary, sheet_rows: list) -> str:
    """"Theo lĩnh vực": codes, header, a row per field, the total row; each row's total is its sum, the total
    row the sum of the rows and equal to "Tổng hợp"."""
    sheet = s.FIELDS_SHEET
    if len(sheet_rows) < 3:
        return f"trang “{sheet}” không có dòng nào"
    codes = list(sheet_rows[0][1:])
    statuses = [st.value for st in PetitionStatus]
    if codes[:len(statuses)] != statuses:
        return f"trang “{sheet}”, dòng 1 (mã trạng thái) đã bị sửa"
    last = sheet_rows[-1]
    if not last or last[0] != s.TOTAL_LABEL:
        return f"trang “{sheet}” thiếu dòng “{s.TOTAL_LABEL}” ở cuối (có thể đã bị xóa)"
    sums = [0] * (len(statuses) + 1)
    for number, row in enumerate(sheet_rows[2:-1], 3):
        if not row or not row[0]:
            continue
        values = (list(row[1:]) + [None] * (len(statuses) + 1))[:len(statuses) + 1]
        for offset, value in enumerate(values):
            if not _is_number(value):
                return f"{_cell(sheet, number, offset + 2)} không phải là số"
        if sum(values[:-1]) != values[-1]:
            return f"{_cell(sheet, number, len(statuses) + 2)}: tổng của lĩnh vực “{row[0]}” khác tổng các cột"
        name = str(row[0])
        read.fields.append(name)
        read.field_table[name] = dict(zip(statuses, values[:-1]))
        sums = [a + b for a, b in zip(sums, values)]
    totals = (list(last[1:]) + [None] * (len(statuses) + 1))[:len(statuses) + 1]
    for offset, (total, expected) in enumerate(zip(totals, sums)):
        if total != expected:
            return (f"{_cell(sheet, len(sheet_rows), offset + 2)} (dòng “{s.TOTAL_LABEL}”) là {total} nhưng các lĩnh "
                    f"vực cộng lại {expected} (thiếu hoặc sửa dòng lĩnh vực)")
    f = read.figures
    by_status = {PetitionStatus.ANSWERED_AT_MEETING.value: f["answered_at_meeting"],
                 PetitionStatus.RESOLVED.value: f["resolved"], PetitionStatus.TRANSFERRED.value: f["transferred"],
                 PetitionStatus.NOT_COMPETENT.value: f["not_competent"]}
    table = dict(zip(statuses, totals))
    if table[PetitionStatus.NEW.value] + table[PetitionStatus.IN_PROGRESS.value] != f["in_progress"] or any(
            table[code] != count for code, count in by_status.items()) or totals[-1] != f["petitions"]:
        return (f"trang “{sheet}”, dòng “{s.TOTAL_LABEL}” không khớp số liệu trang “{s.SUMMARY_SHEET}” "
                f"({totals[-1]} kiến nghị so với {f['petitions']})")
    return ""


def _read_petitions(read: _Summary, sheet_rows) -> str:
    """"Kiến nghị": one row per counted petition, statuses as "Tổng hợp" counts them."""
    sheet = s.PETITIONS_SHEET
    width = len(s.PETITION_HEADERS)
    status_column = s.PETITION_HEADERS.index("Trạng thái")
    counts: dict[str, int] = {}
    for number, row in enumerate(sheet_rows, 1):
        if number == 1 or not any(v is not None for v in row):
            continue
        row = (tuple(row) + (None,) * width)[:width]
        code = _STATUS_LABELS.get(row[status_column])
        if code is None:
            return f"{_cell(sheet, number, status_column + 1)}: trạng thái “{row[status_column]}” không có trong chương trình"
        counts[code] = counts.get(code, 0) + 1
        read.petitions.append(row)
    f = read.figures
    if len(read.petitions) != f["petitions"]:
        return (f"trang “{sheet}” có {len(read.petitions)} kiến nghị nhưng trang “{s.SUMMARY_SHEET}” ghi "
                f"{f['petitions']} (thiếu, thừa dòng hoặc số tổng đã bị sửa)")
    expected = {PetitionStatus.ANSWERED_AT_MEETING.value: f["answered_at_meeting"],
                PetitionStatus.RESOLVED.value: f["resolved"], PetitionStatus.TRANSFERRED.value: f["transferred"],
                PetitionStatus.NOT_COMPETENT.value: f["not_competent"]}
    for code, count in expected.items():
        if counts.get(code, 0) != count:
            return (f"trang “{sheet}” có {counts.get(code, 0)} kiến nghị “{PetitionStatus(code).label}” nhưng trang "
                    f"“{s.SUMMARY_SHEET}” ghi {count}")
    return ""


def _check_sessions(read: _Summary, sheet_rows: list) -> str:
    """"Cuộc đối thoại": one row per session and the total row; the total row is the sum of the sessions."""
    sheet = s.SESSIONS_SHEET
    body = [row for row in sheet_rows[1:] if row and any(v is not None for v in row)]
    if not body or body[-1][0] != s.TOTAL_LABEL:
        return f"trang “{sheet}” thiếu dòng “{s.TOTAL_LABEL}” ở cuối"
    first = s.SESSION_HEADERS.index("Số công dân dự")
    sums = [0] * (len(s.SESSION_HEADERS) - first)
    for row in body[:-1]:
        values = (list(row) + [None] * len(s.SESSION_HEADERS))[first:len(s.SESSION_HEADERS)]
        sums = [a + (v if _is_number(v) else 0) for a, v in zip(sums, values)]
    total = (list(body[-1]) + [None] * len(s.SESSION_HEADERS))[first:len(s.SESSION_HEADERS)]
    if len(body) - 1 != read.figures["sessions_total"]:
        return (f"trang “{sheet}” có {len(body) - 1} cuộc nhưng trang “{s.SUMMARY_SHEET}” ghi "
                f"{read.figures['sessions_total']}")
    for offset, (given, expected) in enumerate(zip(total, sums)):
        if given != expected:
            return (f"{_cell(sheet, len(body) + 1, first + offset + 1)} (dòng “{s.TOTAL_LABEL}”) là {given} nhưng các "
                    f"cuộc cộng lại {expected}")
    if total[s.SESSION_HEADERS.index("Số kiến nghị") - first] != read.figures["petitions"]:
        return f"trang “{sheet}”: tổng số kiến nghị khác trang “{s.SUMMARY_SHEET}”"
    return ""


def _period_of(meta: dict) -> Period | None:
    try:
        start = dt.date.fromisoformat(str(meta.get("period_start")))
        end = dt.date.fromisoformat(str(meta.get("period_end")))
    except ValueError:
        return None
    return Period(start, end) if start <= end else None


def _nothing_message(result: ConsolidationResult, shown: int = 20) -> str:
    lines = [f"- {item.path.name}: {item.reason}" for item in result.inputs[:shown]]
    if len(result.inputs) > shown:
        lines.append(f"- … và {len(result.inputs) - shown} tệp khác")
    return "Không có tệp nào dùng được để tổng hợp:\n" + "\n".join(lines)


# -- writing -------------------------------------------------------------------------------------------

class _Output:
    """The consolidated workbook: petitions stream out as inputs arrive; the small sheets are written
    at the end (each write-only sheet streams on its own, so the sheet order stays as created)."""

    def __init__(self):
        self.wb = Workbook(write_only=True)
        self.summary = self.wb.create_sheet(s.SUMMARY_SHEET)
        self.fields_ws = self.wb.create_sheet(s.FIELDS_SHEET)
        self.petitions = self.wb.create_sheet(s.PETITIONS_SHEET)
        self.meta = self.wb.create_sheet(s.META_SHEET)
        cells = xlsx.Cells(self.petitions)
        xlsx.setup(self.petitions, [26] + list(s.PETITION_WIDTHS), freeze="C2", print_titles="1:1")
        self.petitions.append(cells.header(["Đơn vị"] + list(s.PETITION_HEADERS)))
        # Every petition of the country: openpyxl's per-cell writer would take most of the time.
        self.rows = xlsx.FastRows(cells, next_row=2, columns=len(s.PETITION_HEADERS) + 1)
        self.saved = False
        self.communes: list[_Summary] = []
        self.fields: dict[str, None] = {}  # ordered set: the first commune's catalogue order first
        self.field_table: dict[str, dict[str, int]] = {}

    def add(self, read: _Summary) -> None:
        name = read.meta.get("commune_name") or ""
        for row in read.petitions:
            self.rows.append((name,) + row)
        read.petitions = []  # the rows are written: keep only the figures
        for field_name in read.fields:
            self.fields.setdefault(field_name)
            total = self.field_table.setdefault(field_name, {})
            for code, count in read.field_table[field_name].items():
                total[code] = total.get(code, 0) + count
        self.communes.append(read)

    def close(self) -> None:
        self.rows.close()
        if not self.saved:
            xlsx.discard(self.wb)

    def save(self, temp: Path, period: Period, inputs: int) -> None:
        generated_at = dt.datetime.now().replace(microsecond=0)
        self._summary_sheet(period, generated_at)
        s.write_field_table(self.fields_ws, list(self.fields), self.field_table)
        s.write_meta(self.meta, {
            "format_version": s.FORMAT_VERSION, "kind": KIND, "period_start": period.start.isoformat(),
            "period_end": period.end.isoformat(), "period_label": period.label, "communes": len(self.communes),
            "inputs": inputs, "app_version": desk_app.__version__, "generated_at": generated_at.isoformat(sep=" ")})
        self.wb.save(temp)
        self.saved = True
        xlsx.splice_rows(temp, self.petitions, self.rows)

    def _summary_sheet(self, period: Period, generated_at: dt.datetime) -> None:
        ws, cells = self.summary, xlsx.Cells(self.summary)
        # one column per yearly obligation any commune's profile has, in a fixed order
        obligations = [who for who in OBLIGATION_WHO if any(who in read.compliance for read in self.communes)]
        lines = [("Kỳ báo cáo:", period.label), ("Số đơn vị:", len(self.communes)), ("Lập lúc:", generated_at)]
        header_row = len(lines) + 3
        xlsx.setup(ws, [6, 26, 10, 20] + [12] * (len(FIGURES) + len(obligations)), freeze=f"C{header_row + 1}",
                   print_titles=f"{header_row}:{header_row}")
        s.title_block(ws, cells, "TỔNG HỢP KẾT QUẢ TIẾP XÚC, ĐỐI THOẠI TRỰC TIẾP VỚI NHÂN DÂN CỦA CÁC XÃ", lines)
        ws.append(cells.header(["STT", "Đơn vị", "Mã ĐVHC", "Tỉnh, thành phố"] + [label for _k, label in FIGURES]
                               + [OBLIGATION_WHO[who] for who in obligations]))
        totals = dict.fromkeys(_FIGURE_KEYS, 0)
        weighted = 0.0
        met = [0] * len(obligations)
        having = [0] * len(obligations)
        for number, read in enumerate(self.communes, 1):
            meta, figures = read.meta, read.figures
            row = [number, cells.text(meta.get("commune_name") or ""), cells.text(str(meta.get("commune_code") or "")),
                   cells.text(meta.get("province") or "")]
            for key, _label in FIGURES:
                figure = figures.get(key)
                row.append(cells.value(figure))
                if key != _AVERAGE_KEY:
                    totals[key] += figure or 0
            weighted += (figures.get(_AVERAGE_KEY) or 0) * (figures.get(_WEIGHT_KEY) or 0)
            for index, who in enumerate(obligations):
                if who not in read.compliance:
                    row.append(None)
                    continue
                required, held, upcoming = read.compliance[who]
                state = "met" if held >= required else "planned" if held + upcoming >= required else "not_yet"
                met[index] += state == "met"
                having[index] += 1
                row.append(COMPLIANCE_LABELS[state])
            ws.append(row)
        resolved = totals[_WEIGHT_KEY]
        totals[_AVERAGE_KEY] = round(weighted / resolved, 1) if resolved else None
        ws.append([None, cells.bold(s.TOTAL_LABEL), None, None]
                  + [cells.decimal(totals[key], bold=True) if key == _AVERAGE_KEY else cells.bold(totals[key])
                     for key, _label in FIGURES]
                  + [cells.bold(f"{n}/{total} đạt") for n, total in zip(met, having)])
