"""The rows and columns of the sessions page's tables: the year's sessions (the day each was held, the plan's
beside it when they differ), the previous session's petitions and the repeated unresolved ones."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from PySide6.QtCore import Qt

from desk_app.domain.states import Host, PetitionStatus, SessionStatus
from desk_app.gui.common import Column


@dataclass(frozen=True)
class SessionRow:
    id: int
    start: dt.datetime
    year: int
    host: str
    status: str
    title: str
    planned: dt.datetime | None = None  # the plan's day when the meeting was held on another

    @property
    def when(self) -> str:
        held = f"{self.start:%d/%m/%Y %H:%M}"
        return f"Họp {held} (kế hoạch: {self.planned:%d/%m/%Y %H:%M})" if self.planned else held

    @property
    def host_label(self) -> str:
        return Host(self.host).label

    @property
    def status_label(self) -> str:
        return SessionStatus(self.status).label


@dataclass(frozen=True)
class PetitionRow:
    id: int
    citizen: str
    content: str
    field: str
    status: str
    due: dt.date | None
    times_raised: int
    session_date: dt.date

    @classmethod
    def of(cls, p) -> PetitionRow:  # a petition of the follow-up service
        return cls(p.id, p.citizen_name, p.content, p.field.name if p.field else "",
                   PetitionStatus(p.status).label, p.due_date, p.times_raised, p.session.session_date)


def _short(text: str, size: int = 120) -> str:
    text = " ".join(text.split())
    return text if len(text) <= size else text[: size - 1] + "…"


def other_day(ds) -> dt.datetime | None:
    """The plan's moment of a meeting held on another day than planned (shown beside the day it was held)."""
    held = ds.actual_start
    return ds.planned_start if held is not None and held.date() != ds.planned_start.date() else None


SESSION_COLUMNS = (
    Column("Ngày tổ chức", lambda r: r.start.date(), tooltip=lambda r: r.when),
    Column("Chủ trì", lambda r: r.host_label),
    Column("Trạng thái", lambda r: r.status_label),
    Column("Tên hội nghị", lambda r: r.title),
)
PREVIOUS_COLUMNS = (
    Column("Người kiến nghị", lambda r: r.citizen),
    Column("Nội dung", lambda r: _short(r.content), tooltip=lambda r: r.content),
    Column("Lĩnh vực", lambda r: r.field),
    Column("Trạng thái", lambda r: r.status),
    Column("Hạn trả lời", lambda r: r.due),
)
REPEATED_COLUMNS = (
    Column("Số lần nêu", lambda r: r.times_raised, align=Qt.AlignCenter),
    Column("Người kiến nghị", lambda r: r.citizen),
    Column("Nội dung", lambda r: _short(r.content), tooltip=lambda r: r.content),
    Column("Kỳ đối thoại", lambda r: r.session_date),
    Column("Trạng thái", lambda r: r.status),
    Column("Hạn trả lời", lambda r: r.due),
)
