"""The follow-up page's detail pane: one petition (:class:`~desk_app.services.followup.PetitionDetail`) as
HTML — what it asks, who handles it, its deadline, extensions and the full history of its statuses."""

from __future__ import annotations

import html

from desk_app.domain.deadlines import DueState
from desk_app.domain.validation import format_date
from desk_app.gui import palette
from desk_app.services import followup
from desk_app.services.followup import PetitionDetail

DUE_SOURCES = {followup.DUE_OVERRIDDEN: "đã điều chỉnh", followup.DUE_EXTENDED: "đã gia hạn"}


def _text(value) -> str:
    return html.escape(str(value or ""))


def _lines(value: str) -> str:
    return "<br>".join(_text(line) for line in (value or "").splitlines())


def _marked(text: str, colour: str, *, bold: bool = True) -> str:
    return f'<span style="color:{colour}{"; font-weight:bold" if bold else ""}">{text}</span>'


def _due(d: PetitionDetail) -> str:
    due = f"{format_date(d.due)} ({DUE_SOURCES.get(d.due_source, f'theo {_text(d.profile_name)}')})"
    if d.due_in_unannounced_year:
        due += " – dự kiến: lịch nghỉ năm này chưa được công bố"
    if d.due_provisional:
        due += " – tạm tính, chưa có thông báo kết luận"
    if d.due_source == followup.DUE_OVERRIDDEN:
        due += f"<br>Lý do điều chỉnh: {_text(d.due_override_reason)}"
    if d.due_state in (DueState.OVERDUE, DueState.DUE_SOON):
        colour = palette.ERROR if d.due_state is DueState.OVERDUE else palette.WARNING
        due = _marked(f"{due} – {d.due_state.label}", colour)
    return due


def petition_html(d: PetitionDetail) -> str:
    rows: list[tuple[str, str]] = [
        ("Người kiến nghị", _text(d.citizen)),
        ("Địa chỉ", _text(d.address)),
        ("Lĩnh vực", _text(d.field)),
        ("Hội nghị", f"{_text(d.session_title)} ({format_date(d.session_date)})"),
        ("Nội dung", _lines(d.content)),
        ("Ý kiến kết luận", _lines(d.conclusion)),
        ("Cơ quan chủ trì", _text(d.lead_agency or "Chưa giao")),
        ("Cơ quan phối hợp", _text("; ".join(d.coordinators)) or "Không có"),
    ]
    if d.complex_case:
        rows.append(("Vụ việc phức tạp", "Có"))
    if d.due is not None:
        rows.append(("Hạn giải quyết", _due(d)))
    if d.times_raised > 1:
        earlier = [f"số {e.id} ({format_date(e.session_date)}, {_text(e.status)})" for e in d.earlier]
        rows.append(("Số lần nêu", f"{d.times_raised} lần" + (f" – trước đó: {'; '.join(earlier)}" if earlier else "")))
    if d.resolution:
        rows.append(("Kết quả giải quyết", _lines(d.resolution)))
    if d.resolved_date:
        rows.append(("Ngày có kết quả", format_date(d.resolved_date)))
    if d.result_unanswered:
        rows.append(("Trả lời công dân", _marked("Đã có kết quả, chưa trả lời công dân bằng văn bản", palette.WARNING)))
    if d.reply_date:
        rows.append(("Văn bản trả lời", _text(" ".join(x for x in (
            f"số {d.reply_reference}" if d.reply_reference else "", f"ngày {format_date(d.reply_date)}") if x))))
    if d.informed_date:
        rows.append(("Công dân nhận trả lời", format_date(d.informed_date)))
    if d.on_time is not None:
        rows.append(("Kết quả", "Trả lời đúng hạn" if d.on_time else _marked("Trả lời quá hạn", palette.ERROR)))
    if d.transferred_to:
        document = f" (văn bản số {_text(d.transfer_reference)})" if d.transfer_reference else ""
        rows.append(("Đã chuyển đến", _text(d.transferred_to) + document))

    parts = [f"<h3>Kiến nghị số {d.id} – {_text(d.status)}</h3>", '<table cellspacing="0" cellpadding="3">']
    parts += [f'<tr><td valign="top"><b>{label}:</b></td><td valign="top">{value}</td></tr>' for label, value in rows]
    parts.append("</table>")
    if d.extensions:
        parts.append("<h4>Gia hạn</h4>")
        parts.append('<table border="1" cellspacing="0" cellpadding="3" width="100%"><tr><th>Hạn cũ</th>'
                     "<th>Hạn mới</th><th>Lý do</th><th>Báo công dân</th><th>Số văn bản</th><th>Hiệu lực</th></tr>")
        for x in d.extensions:
            validity = "Có" if x.valid else _marked("Không (thông báo sau thời hạn)", palette.ERROR, bold=False)
            parts.append(f"<tr><td>{format_date(x.previous_due)}</td><td>{format_date(x.new_due)}</td>"
                         f"<td>{_lines(x.reason)}</td><td>{format_date(x.notified)}</td>"
                         f"<td>{_text(x.letter)}</td><td>{validity}</td></tr>")
        parts.append("</table>")
    parts.append("<h4>Lịch sử xử lý</h4>")
    parts.append('<table border="1" cellspacing="0" cellpadding="3" width="100%"><tr><th>Thời điểm</th>'
                 "<th>Trạng thái</th><th>Người thực hiện</th><th>Ghi chú</th></tr>")
    for event in d.events:
        parts.append(f"<tr><td>{event.at:%d/%m/%Y %H:%M}</td><td>{_text(event.moved)}</td>"
                     f"<td>{_text(event.by)}</td><td>{_lines(event.note)}</td></tr>")
    parts.append("</table>")
    return "".join(parts)
