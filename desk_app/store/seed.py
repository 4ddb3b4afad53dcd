"""Rows every database has: the built-in profiles (kept equal to the code) and the default fields."""

from __future__ import annotations

from sqlalchemy import select

from desk_app.domain.profiles import BUILTIN_PROFILES
from desk_app.store.models import Field, Profile

DEFAULT_FIELDS = (
    "Đất đai", "Môi trường", "Giao thông, hạ tầng", "Thủy lợi", "Điện, nước sinh hoạt", "An ninh, trật tự",
    "Chính sách, an sinh xã hội", "Y tế", "Giáo dục", "Văn hóa, xã hội", "Nông nghiệp", "Cải cách hành chính",
    "Cán bộ, đảng viên", "Khác",
)


def ensure_builtin_rows(database) -> None:
    with database.session() as session:
        existing = {p.code: p for p in session.scalars(select(Profile))}
        for profile in BUILTIN_PROFILES:
            data = profile.to_dict()
            row = existing.get(profile.code)
            if row is None:
                session.add(Profile(code=profile.code, name=profile.name, built_in=True, data=data))
            elif row.data != data or row.name != profile.name or not row.built_in:
                row.name, row.data, row.built_in = profile.name, data, True
        if session.scalar(select(Field.id).limit(1)) is None:
            session.add_all(Field(name=name, position=i) for i, name in enumerate(DEFAULT_FIELDS, 1))
