"""What the live-minutes page lists, filled from :class:`desk_app.services.minutes.MeetingState`: the agenda
steps with their times, the speaking queue (numbered as everywhere: ``registrations.speaking_numbers``), the
opinions recorded, the keys of the shortcut bar for the meeting's stage, and what the page says when no one
is speaking."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QListWidget, QListWidgetItem

from desk_app.domain.states import AgendaStep, RegistrationState, SessionStatus
from desk_app.domain.validation import format_date, format_time
from desk_app.gui import palette
from desk_app.services.minutes import MeetingState

_GREY = QColor(palette.MUTED)
QUEUE_TAB, OPINIONS_TAB, PROGRAM_TAB = range(3)  # the tabs beside the speaker

# (keys, what) of the bar at the bottom, by what can be done: short, so the bar keeps to two lines at the
# largest font size on a 1366-pixel screen at 125 %
KEYS_LIVE = (("F2", "Mời"), ("F5", "Giờ"), ("F6", "Trả lời"), ("F7", "Kết quả"), ("F8", "Kiến nghị"),
             ("F9", "Kết luận"), ("Alt+1…5", "Bước"), ("Ctrl+N", "Thêm"), ("Ctrl+T", "Sửa giờ"),
             ("Ctrl+E", "Kết thúc"), ("F11", "Hội trường"))
KEYS_STARTABLE = (("Ctrl+B", "Bắt đầu hội nghị"), ("F9", "Kết luận chung"), ("F11", "Màn hình hội trường"))
KEYS_REOPENABLE = (("Ctrl+B", "Mở lại biên bản để sửa"), ("F9", "Xem kết luận chung"))
KEYS_READ_ONLY = (("F9", "Xem kết luận chung"),)


def shortcut_keys(state: MeetingState | None) -> tuple[tuple[str, str], ...]:
    if state is None:
        return KEYS_READ_ONLY
    if state.live:
        return KEYS_LIVE
    if state.startable:
        return KEYS_STARTABLE
    return KEYS_REOPENABLE if state.reopenable else KEYS_READ_ONLY


def idle_text(state: MeetingState, waiting: bool) -> str:
    """What the speaker area says while no opinion is shown, by the meeting's stage (never ambiguous)."""
    status = SessionStatus(state.status)
    if state.live:
        return ("Bấm F2 để mời người tiếp theo trong hàng chờ." if waiting else
                "Hàng chờ đã hết; thêm người phát biểu bằng Ctrl+N.")
    if state.startable:
        return "Bấm Ctrl+B để bắt đầu hội nghị (hoặc ghi biên bản của hội nghị đã họp)."
    if status is SessionStatus.ENDED:
        return ("Hội nghị đã kết thúc: biên bản chỉ để xem. Cần sửa thì bấm Ctrl+B để mở lại biên bản "
                "(trước khi ban hành thông báo kết luận).")
    if status in (SessionStatus.CONCLUDED, SessionStatus.COMPLETED):
        return "Đã ban hành thông báo kết luận: biên bản chỉ để xem, không sửa được nữa."
    if status is SessionStatus.CANCELLED:
        return "Cuộc đối thoại đã hủy: không có biên bản."
    return "Kế hoạch chưa ban hành: ban hành kế hoạch ở trang “Cuộc đối thoại” rồi mới bắt đầu hội nghị."


def status_text(state: MeetingState) -> tuple[str, str]:
    """The stage, short (the day it was held when it is not the plan's), and the whole story for the tooltip."""
    text = tip = SessionStatus(state.status).label
    if state.actual_start is not None and state.planned_start is not None and \
            state.actual_start.date() != state.planned_start.date():
        text += f" (họp {state.actual_start:%d/%m})"
        tip += f": họp ngày {format_date(state.actual_start.date())}, kế hoạch dự kiến ngày " \
               f"{format_date(state.planned_start.date())}"
    return text, tip


def fill_agenda(lst: QListWidget, state: MeetingState | None) -> None:
    if lst.count() == 0:
        for step in AgendaStep:
            item = QListWidgetItem(step.label)
            item.setData(Qt.UserRole, step.value)
            lst.addItem(item)
    for row in range(lst.count()):
        item = lst.item(row)
        step = AgendaStep(item.data(Qt.UserRole))
        times = state.agenda.get(step.value, []) if state is not None else []
        shown = ", ".join(format_time(t) for t in times)
        item.setText(f"{step.label}\n    {'Lúc ' + shown if times else 'Chưa đến bước này'}  (Alt+{row + 1})")
        item.setForeground(Qt.black if times else _GREY)


def fill_queue(lst: QListWidget, state: MeetingState) -> int:
    """The queue, the chosen (or first waiting) citizen selected; returns how many are waiting."""
    selected = lst.currentItem().data(Qt.UserRole) if lst.currentItem() else None
    lst.clear()
    for entry in state.queue:
        state_label = RegistrationState(entry.state).label
        mark = " · ưu tiên" if entry.priority else ""
        detail = " · ".join(b for b in (entry.place, entry.field) if b)
        item = QListWidgetItem(f"{entry.order}. {entry.name}{mark}\n    {detail or state_label}"
                               + (f" · {state_label}" if entry.state != RegistrationState.WAITING.value else ""))
        item.setData(Qt.UserRole, entry.id)
        item.setToolTip(entry.content)
        if entry.state == RegistrationState.ABSENT.value:
            item.setForeground(_GREY)
        lst.addItem(item)
    waiting = [e.id for e in state.queue if e.state == RegistrationState.WAITING.value]
    target = selected if selected in waiting else (waiting[0] if waiting else None)
    for row in range(lst.count()):
        if lst.item(row).data(Qt.UserRole) == target:
            lst.setCurrentRow(row)
    if not state.queue:
        item = QListWidgetItem("Hàng chờ trống. Thêm người phát biểu bằng Ctrl+N.")
        item.setFlags(Qt.NoItemFlags)
        lst.addItem(item)
    return len(waiting)


def fill_opinions(lst: QListWidget, state: MeetingState, current: int | None) -> None:
    lst.clear()
    for opinion in state.opinions:
        item = QListWidgetItem(opinion.line())
        item.setData(Qt.UserRole, opinion.id)
        lst.addItem(item)
        if opinion.id == current:
            lst.setCurrentItem(item)
