"""The clerk's own text of the yearly report: III. Đánh giá (ưu điểm, hạn chế, nguyên nhân) and
IV. Phương hướng, kiến nghị — kept per year in the settings, so a report exported again keeps them."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from desk_app.domain.text import clean_text
from desk_app.domain.validation import MAX_TEXT, Checker
from desk_app.store import models as m

KEYS = ("strengths", "weaknesses", "causes", "directions")
LABELS = {"strengths": "Ưu điểm", "weaknesses": "Hạn chế", "causes": "Nguyên nhân",
          "directions": "Phương hướng, kiến nghị"}


def _key(year: int) -> str:
    return f"annual_report.{year}"


def load(session: Session, year: int) -> dict[str, str]:
    row = session.scalar(select(m.Setting).where(m.Setting.key == _key(year)))
    saved = row.value if row is not None and isinstance(row.value, dict) else {}
    return {key: str(saved.get(key) or "") for key in KEYS}


def save(session: Session, year: int, texts: dict[str, str]) -> dict[str, str]:
    values = {key: clean_text(texts.get(key, ""), multiline=True) for key in KEYS}
    checker = Checker()
    for key, value in values.items():
        checker.length(key, value, LABELS[key], MAX_TEXT)
    checker.raise_if_any()
    row = session.scalar(select(m.Setting).where(m.Setting.key == _key(year)))
    if row is None:
        session.add(m.Setting(key=_key(year), value=values))
    else:
        row.value = values
    session.flush()
    return values
