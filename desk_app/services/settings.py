"""Program settings kept in the database (shared by every clerk of the office): font size, speaking time …"""

from __future__ import annotations

from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from desk_app.domain.errors import ValidationError
from desk_app.store import models as m

FONT_SIZE = "ui.font_size"  # points of the window's text
SPEAKING_SECONDS = "ui.speaking_seconds"  # default length of a speech in the live minutes
DEFAULTS: dict[str, Any] = {FONT_SIZE: 11, SPEAKING_SECONDS: 300}
# 14 points is the largest text with which every page still fits a 1366×768 screen at 125 % scaling (checked
# on screenshots); a larger size kept by an older version is read as 14
LIMITS = {FONT_SIZE: (9, 14, "Cỡ chữ phải từ 9 đến 14."),
          SPEAKING_SECONDS: (30, 1800, "Thời gian phát biểu phải từ 30 giây đến 30 phút.")}


def get(session: Session, key: str, default: Any = None) -> Any:
    row = session.scalar(select(m.Setting).where(m.Setting.key == key))
    if row is None:
        return DEFAULTS.get(key, default) if default is None else default
    if key == FONT_SIZE and isinstance(row.value, int):
        low, high, _message = LIMITS[key]
        return min(max(row.value, low), high)
    return row.value


def put(session: Session, key: str, value: Any) -> None:
    if key in LIMITS:
        low, high, message = LIMITS[key]
        if not isinstance(value, int) or isinstance(value, bool) or not low <= value <= high:
            raise ValidationError({key: message})
    row = session.scalar(select(m.Setting).where(m.Setting.key == key))
    if row is None:
        session.add(m.Setting(key=key, value=value))
    else:
        row.value = value
    session.flush()
