"""Consolidation of many commune summaries at the superior level (documents.md §6, "Tổng hợp nhiều xã").

Each input is checked and every problem file is reported with a Vietnamese reason while the others go
on: not an .xlsx / damaged, not a summary of this program (no "_meta", or another kind), another format
version, another period, the same commune twice (same code; by name and province when a file has no
code), an unreadable file. One workbook is written atomically (write-only): "Tổng hợp" a row per commune
and a total row, "Theo lĩnh vực" the field × status totals, "Kiến nghị" every petition with the commune
first, and a hidden "_meta" (kind ``consolidation``).

Figures are matched by the stable keys the summary stores in its hidden column A of "Tổng hợp" (see
:mod:`desk_app.documents.summary`), never by label text; statuses of "Theo lĩnh vực" by the codes of
its hidden first row. Counts are summed; the average working days to resolve is weighted by the number
resolved in each commune.

Speed (every commune of the country, 3,321 files): inputs are read with openpyxl ``read_only=True``,
each workbook closed at once; from ``PARALLEL_FROM`` inputs on, by a pool of processes ("spawn": safe
beside Qt's threads, and the only way on Windows — a frozen build must call
``multiprocessing.freeze_support()`` first), while this process checks periods and duplicates in input
order and streams the petitions out through :class:`desk_app.documents.xlsx.FastRows`, since openpyxl's
per-cell writer alone would take longer than reading every input.
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

import desk_app
from desk_app.documents import xlsx
from desk_app.documents import summary as s
from desk_app.documents.files import atomic_output
from desk_app.documents.xlsx_read import read_sheets
from desk_app.domain.errors import DocumentError, ValidationError
from desk_app.domain.text import fold
from desk_app.domain.validation import check_year
from desk_app.services.catalog import HEAD_POSTS
from desk_app.services.statistics import Figures, HeadCompliance, Period
from desk_app.store.database import os_reason

KIND = "consolidation"
PARALLEL_FROM = 64  # below this, starting worker processes costs more than it saves
_OLE_MAGIC = b"\xd0\xcf\x11\xe0"  # .xls and password-protected .xlsx are OLE compound files
_AVERAGE_KEY, _WEIGHT_KEY = "avg_days_to_resolve", "resolved"
FIGURES = [(key, label) for key, label, _value in Figures().items()]
_FIGURE_KEYS = frozenset(key for key, _label in FIGURES)
_REASON_DAMAGED = "không phải tệp Excel (.xlsx) hoặc tệp đã bị hỏng"
_SHEETS = (s.META_SHEET, s.SUMMARY_SHEET, s.FIELDS_SHEET, s.PETITIONS_SHEET)
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
    compliance: dict = field(default_factory=dict)  # post → (required, held, upcoming)
    fields: list = field(default_factory=list)
    field_table: dict = field(default_factory=dict)  # field → {status code: count}
    petitions: list = field(default_factory=list)


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

    ``year`` requires every input to cover that calendar year (else the first usable input's period
    rules; a year outside 2000–2100 raises :class:`ValidationError`). ``progress(done, total)`` is called
    after each input; ``cancelled()`` is asked between inputs and stops without writing anything. ``workers`` forces the number of reading processes (1: none).
    Raises :class:`NothingToConsolidate` (a :class:`DocumentError`) when no input was usable.
    """
    problem = check_year(year, "Năm tổng hợp")
    if problem:
        raise ValidationError({"year": problem})
    target = Path(target)
    paths = expand_inputs(inputs, exclude=target)
    if not paths:
        raise DocumentError("Không có tệp .xlsx nào để tổng hợp trong những gì đã chọn.")
    period = Period.year(year) if year is not None else None
    results: list[InputResult] = []
    reads = _read_all(paths, workers)
    with atomic_output(target) as temp, contextlib.closing(reads), contextlib.closing(_Output()) as out:
        seen = _Seen()
        for done, (path, read) in enumerate(zip(paths, reads), 1):
            if cancelled and cancelled():
                raise DocumentError("Đã hủy tổng hợp; chưa ghi tệp nào.")
            reason = read.reason or _period_problem(read.meta, period, year) or seen.duplicate(read.meta)
            results.append(InputResult(path, not reason, reason))
            if not reason:
                if period is None:
                    period = _period_of(read.meta)
                seen.add(read.meta, path)
                out.add(read)
            if progress:
                progress(done, len(paths))
        result = ConsolidationResult(target, results)
        if not result.used:
            raise NothingToConsolidate(_nothing_message(result), ConsolidationResult(None, results))
        out.save(temp, period, len(paths))
    return result


# -- reading -------------------------------------------------------------------------------------------

def _read_all(paths: list[Path], workers: int | None) -> Iterator[_Summary]:
    names = [str(p) for p in paths]
    if workers is None:
        workers = min(os.cpu_count() or 1, 4) if len(paths) >= PARALLEL_FROM else 1
    if workers <= 1:
        yield from map(read_summary, names)
        return
    pool = ProcessPoolExecutor(max_workers=workers, mp_context=multiprocessing.get_context("spawn"))
    try:
        yield from pool.map(read_summary, names, chunksize=8)
    finally:
        # Cancelled or failed: drop the queued inputs instead of reading them for nothing.
        pool.shutdown(wait=True, cancel_futures=True)


def read_summary(path: str) -> _Summary:
    """Read and check one input on its own (format, kind, version); never raises for a bad file."""
    try:
        with open(path, "rb") as handle:
            head = handle.read(4)
    except OSError as exc:
        return _Summary(reason=f"không đọc được tệp: {os_reason(exc)}")
    if head == _OLE_MAGIC:
        return _Summary(reason="tệp có đặt mật khẩu hoặc là tệp Excel cũ (.xls); hãy lưu lại thành .xlsx "
                               "không đặt mật khẩu")
    if not zipfile.is_zipfile(path):
        return _Summary(reason=_REASON_DAMAGED)
    try:  # the quick reader first (a third of openpyxl's time); anything unusual: openpyxl decides
        names, sheets = read_sheets(path, _SHEETS)
        return _read_workbook(names, lambda name, skip=0: iter(sheets[name][skip:]))
    except Exception:  # noqa: BLE001
        pass
    try:
        wb = load_workbook(path, read_only=True, data_only=True, keep_links=False)
    except Exception:  # noqa: BLE001 — whatever openpyxl trips on, the file is not a usable workbook
        return _Summary(reason=_REASON_DAMAGED)
    try:
        return _read_workbook(wb.sheetnames, lambda name, skip=0: _rows(wb[name], skip))
    except Exception:  # noqa: BLE001 — a damaged part inside the zip (bad XML, missing member)
        return _Summary(reason=_REASON_DAMAGED)
    finally:
        wb.close()


def _rows(ws, skip: int = 0) -> Iterator[tuple]:
    ws.reset_dimensions()  # write-only files have no stored size: read every row as it is
    for index, row in enumerate(ws.iter_rows(values_only=True)):
        if index >= skip:
            yield row


def _read_workbook(sheetnames: list[str], rows) -> _Summary:
    """One summary from its sheets: ``rows(name, skip=0)`` gives a sheet's rows as openpyxl's tuples."""
    if s.META_SHEET not in sheetnames:
        return _Summary(reason=_REASON_FOREIGN)
    meta = {row[0]: row[1] if len(row) > 1 else None for row in rows(s.META_SHEET) if row and row[0]}
    if meta.get("kind") == KIND:
        return _Summary(reason="là bảng tổng hợp nhiều xã, không phải bảng tổng hợp của một xã")
    if meta.get("kind") != s.KIND:
        return _Summary(reason="không phải bảng tổng hợp của một xã xuất từ chương trình này")
    if str(meta.get("format_version")) != str(s.FORMAT_VERSION):
        return _Summary(reason=f"bảng tổng hợp theo định dạng phiên bản {meta.get('format_version')}, "
                               f"chương trình này đọc phiên bản {s.FORMAT_VERSION}")
    missing = [name for name in (s.SUMMARY_SHEET, s.PETITIONS_SHEET, s.FIELDS_SHEET) if name not in sheetnames]
    if missing:
        return _Summary(reason="thiếu trang " + ", ".join(f"“{name}”" for name in missing))
    if _period_of(meta) is None:
        return _Summary(reason="trang “_meta” không ghi rõ kỳ báo cáo")
    if not (meta.get("commune_name") or meta.get("commune_code")):
        return _Summary(reason="không ghi tên và mã đơn vị")
    read = _Summary(meta=meta)
    for row in rows(s.SUMMARY_SHEET):
        key = row[0] if row else None
        if key in _FIGURE_KEYS:
            read.figures[key] = _number(row[s.FIGURE_VALUE_COLUMN - 1] if len(row) >= s.FIGURE_VALUE_COLUMN else None)
        elif isinstance(key, str) and key.startswith(s.COMPLIANCE_PREFIX):
            counts = tuple(_number(v) or 0 for v in (list(row[3:6]) + [0, 0, 0])[:3])
            read.compliance[key[len(s.COMPLIANCE_PREFIX):]] = counts
    field_rows = list(rows(s.FIELDS_SHEET))
    codes = field_rows[0][1:] if field_rows else ()
    for row in field_rows[2:-1]:  # after the code and header rows; the last is the total row
        if row and row[0]:
            name = str(row[0])
            read.fields.append(name)
            read.field_table[name] = {code: _number(v) or 0 for code, v in zip(codes, row[1:]) if code}
    width = len(s.PETITION_HEADERS)
    for row in rows(s.PETITIONS_SHEET, skip=1):
        if any(v is not None for v in row):
            read.petitions.append((tuple(row) + (None,) * width)[:width])
    return read


def _number(value):
    return value if isinstance(value, (int, float)) and not isinstance(value, bool) else None


def _period_of(meta: dict) -> Period | None:
    try:
        start = dt.date.fromisoformat(str(meta.get("period_start")))
        end = dt.date.fromisoformat(str(meta.get("period_end")))
    except ValueError:
        return None
    return Period(start, end) if start <= end else None


def _period_problem(meta: dict, period: Period | None, year: int | None) -> str:
    if period is None:
        return ""
    own = _period_of(meta)
    if own == period:
        return ""
    if year is not None:
        return f"số liệu {own.label.lower()}, không phải năm {year} đã chọn"
    return f"số liệu {own.label.lower()}, khác kỳ {period.label.lower()} của các tệp trước"


class _Seen:
    """The communes already included: by code, and by name + province (for files without a code)."""

    def __init__(self):
        self.by_code: dict[str, Path] = {}
        self.by_name: dict[tuple[str, str], list[tuple[str, Path]]] = {}

    @staticmethod
    def _keys(meta: dict) -> tuple[str, tuple[str, str]]:
        return str(meta.get("commune_code") or "").strip(), (fold(meta.get("commune_name")), fold(meta.get("province")))

    def duplicate(self, meta: dict) -> str:
        if not meta:
            return ""
        code, name = self._keys(meta)
        earlier = self.by_code.get(code) if code else None
        if earlier is None:
            earlier = next((p for other, p in self.by_name.get(name, ()) if not code or not other), None)
        if earlier is None:
            return ""
        label = meta.get("commune_name") or code
        return f"{label}{f' (mã {code})' if code else ''} đã có trong tệp {earlier.name}"

    def add(self, meta: dict, path: Path) -> None:
        code, name = self._keys(meta)
        if code:
            self.by_code[code] = path
        self.by_name.setdefault(name, []).append((code, path))


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
        lines = [("Kỳ báo cáo:", period.label), ("Số đơn vị:", len(self.communes)), ("Lập lúc:", generated_at)]
        header_row = len(lines) + 3
        xlsx.setup(ws, [6, 26, 10, 20] + [12] * (len(FIGURES) + len(HEAD_POSTS)), freeze=f"C{header_row + 1}",
                   print_titles=f"{header_row}:{header_row}")
        s.title_block(ws, cells, "TỔNG HỢP KẾT QUẢ TIẾP XÚC, ĐỐI THOẠI TRỰC TIẾP VỚI NHÂN DÂN CỦA CÁC XÃ", lines)
        ws.append(cells.header(["STT", "Đơn vị", "Mã ĐVHC", "Tỉnh, thành phố"] + [label for _k, label in FIGURES]
                               + [label for _post, _flag, label in HEAD_POSTS]))
        totals = dict.fromkeys(_FIGURE_KEYS, 0)
        weighted = 0.0
        met = [0] * len(HEAD_POSTS)
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
            for index, (post, _flag, label) in enumerate(HEAD_POSTS):
                if post not in read.compliance:
                    row.append(None)
                    continue
                head = HeadCompliance(post, label, "", *read.compliance[post])
                met[index] += head.state == "met"
                row.append(head.state_label)
            ws.append(row)
        resolved = totals[_WEIGHT_KEY]
        totals[_AVERAGE_KEY] = round(weighted / resolved, 1) if resolved else None
        ws.append([None, cells.bold(s.TOTAL_LABEL), None, None]
                  + [cells.decimal(totals[key], bold=True) if key == _AVERAGE_KEY else cells.bold(totals[key])
                     for key, _label in FIGURES]
                  + [cells.bold(f"{n}/{len(self.communes)} đạt") for n in met])
