"""The Excel summary a commune sends upward (documents.md §5), written with openpyxl in write-only mode.

Every figure comes from :func:`desk_app.services.statistics.compute`, the function the dashboard and
the report use, so the three always agree. CCCD and phone numbers are never written.

What consolidation (``consolidate.py``) reads back, the contract of ``FORMAT_VERSION``:
- "_meta" (hidden): key / value rows, ``META_KEYS``; ``kind`` is ``commune-summary``;
- "Tổng hợp": column A (hidden, "Mã") holds the stable key of each figure row (``Figures.items()``),
  whose all-hosts value is in column C; a head's compliance row has the key ``compliance_<post>`` and
  its required / held / planned counts in columns D, E, F. Rows are matched by key, never by label;
- "Theo lĩnh vực": row 1 (hidden) holds the status code of each column, row 2 the labels a person
  reads; then one row per field;
- "Kiến nghị": one row per petition, the columns of ``PETITION_HEADERS`` in that order.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Callable

from openpyxl import Workbook
from sqlalchemy import select
from sqlalchemy.orm import Session

import desk_app
from desk_app.documents import xlsx
from desk_app.documents.files import atomic_output
from desk_app.domain import clock
from desk_app.domain.errors import MissingDataError
from desk_app.domain.states import Host, PetitionStatus, Regime, SessionForm, SessionStatus
from desk_app.services.common import commune
from desk_app.services.statistics import Period, Statistics, compute, matter_rows, session_day
from desk_app.store import models as m

Progress = Callable[[int, int], None]

# 2: "on time" follows the written answer to the citizen, opinions answered at the meeting count as petitions,
# the yearly obligations replace the heads' minimum (domain.md §7). Version 1 files mean something else.
FORMAT_VERSION = 2
KIND = "commune-summary"
SUMMARY_SHEET = "Tổng hợp"
SESSIONS_SHEET = "Cuộc đối thoại"
PETITIONS_SHEET = "Kiến nghị"
FIELDS_SHEET = "Theo lĩnh vực"
META_SHEET = "_meta"
SHEETS = (SUMMARY_SHEET, SESSIONS_SHEET, PETITIONS_SHEET, FIELDS_SHEET, META_SHEET)
META_KEYS = ("format_version", "kind", "commune_name", "commune_code", "province", "period_start",
             "period_end", "period_label", "as_of", "app_version", "generated_at")

TOTAL_LABEL = "Tổng cộng"
FIELD_LABEL = "Lĩnh vực"
FIGURE_VALUE_COLUMN = 3  # column C of "Tổng hợp": the all-hosts value
COMPLIANCE_PREFIX = "compliance_"
SESSION_HEADERS = (
    "Ngày", "Cơ quan chủ trì", "Người chủ trì", "Hình thức", "Chế độ", "Trạng thái", "Địa điểm",
    "Số công dân dự", "Số đại biểu dự", "Số đăng ký phát biểu", "Số ý kiến phát biểu", "Số kiến nghị",
    "Trả lời tại hội nghị", "Đã giải quyết", "Đang giải quyết", "Quá hạn", "Đã chuyển cấp trên")
SESSION_WIDTHS = (13, 14, 24, 12, 11, 20, 28, 11, 11, 12, 11, 11, 12, 11, 12, 10, 12)
PETITION_HEADERS = (
    "Ngày đối thoại", "Người kiến nghị", "Thôn, tổ dân phố", "Lĩnh vực", "Nội dung kiến nghị", "Kết luận",
    "Cơ quan chủ trì giải quyết", "Hạn giải quyết", "Trạng thái", "Ngày trả lời, giải quyết", "Đúng hạn", "Quá hạn",
    "Số lần nêu")
PETITION_WIDTHS = (13, 24, 18, 20, 60, 50, 28, 13, 20, 13, 9, 9, 9)
STATUS_LABELS = {s.value: s.label for s in PetitionStatus}
_BATCH = 2_000


def write_summary(session: Session, period: Period, target, *, today: dt.date | None = None,
                  progress: Progress | None = None) -> Path:
    """Write the Excel summary of ``period`` to ``target`` (atomically) and return its path."""
    unit = commune(session)
    if unit is None:  # the superior level could not tell whose figures these are
        raise MissingDataError("bảng tổng hợp Excel", ["thông tin đơn vị (tên xã, tỉnh) — nhập trong phần Thiết lập"])
    today = today or clock.today()
    stats = compute(session, period, today)
    generated_at = dt.datetime.now().replace(microsecond=0)
    meta = {
        "format_version": FORMAT_VERSION, "kind": KIND,
        "commune_name": unit.name, "commune_code": unit.code, "province": unit.province,
        "period_start": period.start.isoformat(), "period_end": period.end.isoformat(),
        "period_label": period.label, "as_of": today.isoformat(),
        "app_version": desk_app.__version__, "generated_at": generated_at.isoformat(sep=" "),
    }
    with atomic_output(target) as temp:
        wb = Workbook(write_only=True)
        try:
            _summary_sheet(wb.create_sheet(SUMMARY_SHEET), stats, meta, generated_at, today)
            _sessions_sheet(wb.create_sheet(SESSIONS_SHEET), session, stats)
            _petitions_sheet(wb.create_sheet(PETITIONS_SHEET), session, stats, today, progress)
            _fields_sheet(wb.create_sheet(FIELDS_SHEET), stats)
            write_meta(wb.create_sheet(META_SHEET), meta)
            wb.save(temp)
        except BaseException:
            xlsx.discard(wb)
            raise
    return Path(target)


def write_meta(ws, meta: dict) -> None:
    ws.sheet_state = "hidden"
    cells = xlsx.Cells(ws)
    xlsx.setup(ws, [18, 40])
    for key, value in meta.items():
        ws.append([key, cells.value(value)])


def title_block(ws, cells: xlsx.Cells, title: str, lines: list[tuple[str, object]], column: int = 1) -> None:
    """The title and "label: value" lines above a table, starting at ``column`` (1-based)."""
    pad = [None] * (column - 1)
    ws.append(pad + [cells.title(title)])
    for label, value in lines:
        ws.append(pad + [cells.bold(label), cells.value(value)])
    ws.append([])


def _summary_sheet(ws, stats: Statistics, meta: dict, generated_at: dt.datetime, today: dt.date) -> None:
    cells = xlsx.Cells(ws)
    hosts = list(Host)
    lines = [("Đơn vị:", meta["commune_name"]), ("Mã đơn vị hành chính:", meta["commune_code"]),
             ("Tỉnh, thành phố:", meta["province"]), ("Kỳ báo cáo:", stats.period.label),
             ("Số liệu tính đến ngày:", today), ("Lập lúc:", generated_at)]
    header_row = len(lines) + 3  # title, lines, one empty row
    xlsx.setup(ws, [6, 46, 24, 12, 12, 12, 16], freeze=f"C{header_row + 1}", hidden=(1,))
    title_block(ws, cells, "TỔNG HỢP KẾT QUẢ TIẾP XÚC, ĐỐI THOẠI TRỰC TIẾP VỚI NHÂN DÂN", lines, column=2)
    ws.append(cells.header(["Mã", "Chỉ tiêu", "Tổng số"] + [h.label for h in hosts]))
    per_host = [{key: value for key, _label, value in stats.by_host[h.value].items()} for h in hosts]
    for key, label, value in stats.total.items():
        ws.append([key, cells.text(label), cells.value(value)] + [cells.value(f[key]) for f in per_host])
    ws.append([])
    ws.append(cells.header(["Mã", "Người đứng đầu", "Họ và tên", "Số cuộc tối thiểu", "Đã tổ chức",
                            "Đã có kế hoạch", "Kết quả"]))
    for head in stats.compliance:
        ws.append([COMPLIANCE_PREFIX + head.post, cells.text(head.post_label), cells.text(head.official_name),
                   head.required, head.held, head.upcoming, cells.text(head.state_label)])


def _sessions_sheet(ws, session: Session, stats: Statistics) -> None:
    cells = xlsx.Cells(ws)
    xlsx.setup(ws, list(SESSION_WIDTHS), freeze="B2", print_titles="1:1")
    ws.append(cells.header(SESSION_HEADERS))
    totals = [0] * 10
    ids = list(stats.by_session)
    day = session_day()
    rows = session.execute(
        select(m.DialogueSession.id, day, m.DialogueSession.host, m.Official.name, m.DialogueSession.form,
               m.DialogueSession.regime, m.DialogueSession.status, m.DialogueSession.place)
        .outerjoin(m.Official, m.DialogueSession.chair_id == m.Official.id)
        .where(m.DialogueSession.id.in_(ids)).order_by(day, m.DialogueSession.id)) if ids else []
    for sid, when, host, chair, form, regime, status, place in rows:
        f = stats.by_session[sid]
        counts = [f.citizens_attending, f.delegates_attending, f.registrations, f.opinions, f.petitions,
                  f.answered_at_meeting, f.resolved, f.in_progress, f.open_overdue, f.transferred]
        totals = [a + b for a, b in zip(totals, counts)]
        ws.append([cells.date(when.date()), Host(host).label, cells.text(chair), SessionForm(form).label,
                   Regime(regime).label, SessionStatus(status).label, cells.text(place)] + counts)
    ws.append([cells.bold(TOTAL_LABEL)] + [None] * 6 + [cells.bold(n) for n in totals])


def _petitions_sheet(ws, session: Session, stats: Statistics, today: dt.date, progress: Progress | None) -> None:
    cells = xlsx.Cells(ws)
    xlsx.setup(ws, list(PETITION_WIDTHS), freeze="C2", print_titles="1:1")
    ws.append(cells.header(PETITION_HEADERS))
    total = stats.total.petitions
    if progress:
        progress(0, total)
    text, date, done = cells.text, cells.date, 0
    for row in matter_rows(session, stats, _BATCH):
        ws.append([date(row.session_date), text(row.citizen), text(row.hamlet), text(row.field), text(row.content),
                   text(row.conclusion), text(row.agency), date(row.due), STATUS_LABELS[row.status],
                   date(row.closed_date), None if row.on_time is None else ("Có" if row.on_time else "Không"),
                   "Có" if row.overdue else None, row.times_raised])
        done += 1
        if progress and done % _BATCH == 0:
            progress(done, total)
    if progress:
        progress(done, max(total, done))


def field_table_rows(fields: list[str], table: dict[str, dict[str, int]]) -> list[list]:
    """[field, count per status…, row total] for each field, then the total row (plain values)."""
    statuses = [s.value for s in PetitionStatus]
    rows = []
    for name in fields + [f for f in table if f not in fields]:
        counts = [table.get(name, {}).get(code, 0) for code in statuses]
        rows.append([name] + counts + [sum(counts)])
    totals = [sum(row[i] for row in rows) for i in range(1, len(statuses) + 2)]
    return rows + [[TOTAL_LABEL] + totals]


def write_field_table(ws, fields: list[str], table: dict[str, dict[str, int]]) -> None:
    """The field × status sheet (shared with consolidation): hidden code row, header, rows, total row."""
    cells = xlsx.Cells(ws)
    statuses = list(PetitionStatus)
    xlsx.setup(ws, [34] + [14] * (len(statuses) + 1), freeze="B3", print_titles="2:2")
    ws.row_dimensions[1].hidden = True
    ws.append(["field"] + [s.value for s in statuses] + ["total"])
    ws.append(cells.header([FIELD_LABEL] + [s.label for s in statuses] + ["Tổng số"]))
    rows = field_table_rows(fields, table)
    for row in rows[:-1]:
        ws.append([cells.text(row[0])] + row[1:])
    ws.append([cells.bold(value) for value in rows[-1]])


def _fields_sheet(ws, stats: Statistics) -> None:
    write_field_table(ws, stats.fields, stats.total.by_field_status)
