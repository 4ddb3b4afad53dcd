"""Reading the audit log (who changed what and when) for the window's viewer."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from desk_app.services.common import like_pattern
from desk_app.store import models as m

ACTIONS = {"insert": "Thêm", "update": "Sửa", "delete": "Xóa"}
TABLES = {
    "commune": "Đơn vị", "official": "Cán bộ", "agency": "Cơ quan, đơn vị", "hamlet": "Thôn, tổ dân phố",
    "field": "Lĩnh vực", "profile": "Bộ quy định", "dialogue_session": "Cuộc đối thoại",
    "session_co_chair": "Đồng chủ trì", "session_participant": "Thành phần mời", "session_task": "Nhiệm vụ",
    "session_legal_basis": "Căn cứ", "session_recipient": "Nơi nhận", "bridge_point": "Điểm cầu",
    "agenda_step_log": "Bước chương trình", "registration": "Đăng ký phát biểu", "opinion": "Ý kiến",
    "opinion_answer": "Trả lời", "petition": "Kiến nghị", "petition_coordinator": "Cơ quan phối hợp",
    "petition_extension": "Gia hạn", "petition_status_change": "Lịch sử kiến nghị",
    "deadline_override": "Điều chỉnh thời hạn", "issued_document": "Văn bản đi", "calendar_override": "Lịch nghỉ",
    "setting": "Cài đặt",
}
# What a clerk reads instead of the column names (the log stores the names, the viewer shows these).
COLUMN_LABELS = {
    "name": "tên", "title": "tên", "citizen_name": "người kiến nghị", "speaker_name": "người phát biểu",
    "content": "nội dung", "conclusion": "ý kiến kết luận", "resolution": "kết quả giải quyết",
    "status": "trạng thái", "state": "trạng thái", "due_date": "hạn giải quyết", "due_override": "hạn điều chỉnh",
    "computed_due_date": "hạn theo quy định", "resolved_date": "ngày giải quyết", "reply_number": "số văn bản trả lời",
    "reply_date": "ngày trả lời", "lead_agency_id": "cơ quan chủ trì", "field_id": "lĩnh vực", "hamlet_id": "thôn",
    "address": "địa chỉ", "session_id": "cuộc đối thoại", "petition_id": "kiến nghị", "place": "địa điểm",
    "planned_start": "thời gian dự kiến", "actual_start": "bắt đầu", "actual_end": "kết thúc",
    "chair_id": "người chủ trì", "host": "cơ quan chủ trì", "general_conclusion": "kết luận chung",
    "citizens_attending": "số công dân dự", "delegates_attending": "số đại biểu dự", "kind": "loại",
    "number": "số", "symbol": "ký hiệu", "year": "năm", "issued_date": "ngày ban hành", "signer": "người ký",
    "file_path": "tệp", "note": "ghi chú", "reason": "lý do", "new_due": "hạn mới", "day": "ngày",
    "key": "mục", "value": "giá trị", "phone": "điện thoại", "cccd": "CCCD", "birth_year": "năm sinh",
    "queue_order": "thứ tự", "refusal_code": "lý do từ chối", "outcome": "kết quả", "times_raised": "số lần nêu",
    "head_name": "người đứng đầu", "position": "vị trí", "active": "đang dùng",
}
# the settings' keys as a clerk names them (a draft's or a year's key by its prefix)
SETTING_LABELS = {"ui.font_size": "cỡ chữ", "ui.speaking_seconds": "thời gian phát biểu mặc định (giây)",
                  "access.password": "mật khẩu", "access.failures": "số lần nhập sai mật khẩu"}
SETTING_PREFIXES = {"draft.": "bản nháp đang nhập", "annual_report.": "nội dung báo cáo năm"}
COLUMN_LABELS["data"] = "nội dung"
HIDDEN_COLUMNS = {"id", "updated_at", "updated_by", "version", "created_at", "citizen_fold", "content_fold", "name_fold",
                  "title_fold", "speaker_fold"}


@dataclass(frozen=True)
class Entry:
    at: dt.datetime
    user: str
    action: str
    table: str
    row_id: int | None
    summary: str


def setting_label(key) -> str:
    if not isinstance(key, str):
        return _short(key)
    if key in SETTING_LABELS:
        return SETTING_LABELS[key]
    for prefix, label in SETTING_PREFIXES.items():
        if key.startswith(prefix):
            return f"{label} ({key[len(prefix):].split('.')[0]})" if prefix == "annual_report." else label
    return key


def _summary(changes: dict, action: str, table: str = "") -> str:
    parts = []
    for key, value in (changes or {}).items():
        if key in HIDDEN_COLUMNS or key.startswith("access."):
            continue
        label = COLUMN_LABELS.get(key, key.replace("_", " "))
        if table == "setting" and key == "key":
            parts.append(f"{label}: {_each(value, setting_label)}")
        elif action == "update" and isinstance(value, list) and len(value) == 2:
            if isinstance(value[0], dict) or isinstance(value[1], dict):
                parts.append(f"{label}: {_dict_change(value[0], value[1])}")
            else:
                parts.append(f"{label}: {_short(value[0])} → {_short(value[1])}")
        else:
            parts.append(f"{label}: {_short(value)}")
    return "; ".join(parts)


def _each(value, fn) -> str:
    if isinstance(value, list) and len(value) == 2:
        return f"{fn(value[0])} → {fn(value[1])}"
    return fn(value)


def _dict_change(before, after) -> str:
    """A structured value (a profile's rules, a draft) is summed up, never printed as code."""
    before, after = before if isinstance(before, dict) else {}, after if isinstance(after, dict) else {}
    changed = sum(1 for k in set(before) | set(after) if before.get(k) != after.get(k))
    return f"đổi {changed} mục" if changed else "không đổi"


def _redacted(value):
    """A password's salt and hash never reach the screen, even from the log."""
    if isinstance(value, dict):
        if "hash" in value or "salt" in value:
            return "(mật khẩu)"
        return {k: _redacted(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_redacted(v) for v in value]
    return value


_ISO = re.compile(r"^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::\d{2}(?:\.\d+)?)?(?:[+-]\d{2}:?\d{2}|Z)?)?$")


def _short(value) -> str:
    """A value as the clerk reads it: dates dd/mm/yyyy (HH:MM), yes/no, a structured value summed up."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "có" if value else "không"
    if isinstance(value, dt.datetime):
        return f"{value:%d/%m/%Y %H:%M}"
    if isinstance(value, dt.date):
        return f"{value:%d/%m/%Y}"
    if isinstance(value, dict):
        return f"{len(value)} mục"
    if isinstance(value, list):
        return ", ".join(_short(v) for v in value)[:60]
    text = str(value)
    iso = _ISO.match(text)
    if iso:
        year, month, day, hour, minute = iso.groups()
        return f"{day}/{month}/{year}" + (f" {hour}:{minute}" if hour else "")
    return text if len(text) <= 60 else text[:57] + "…"


def entries(session: Session, *, search: str = "", limit: int = 500) -> list[Entry]:
    """The newest entries first; ``search`` matches the user or the table (as a person would type it)."""
    query = select(m.AuditLog).order_by(m.AuditLog.id.desc()).limit(limit)
    if search.strip():
        pattern = like_pattern(search.strip())
        tables = [code for code, label in TABLES.items() if search.strip().lower() in label.lower()]
        query = query.where(or_(m.AuditLog.user_name.ilike(pattern), m.AuditLog.table_name.in_(tables)))
    result = []
    for row in session.scalars(query):
        changes = _redacted(row.changes)
        result.append(Entry(row.at, row.user_name, ACTIONS.get(row.action, row.action),
                            TABLES.get(row.table_name, row.table_name), row.row_id,
                            _summary(changes, row.action, row.table_name)))
    return result
