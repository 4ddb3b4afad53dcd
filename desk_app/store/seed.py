"""Rows every database has: the built-in profiles (kept equal to the code), the default fields, and the
database's own identity (a UUID made at its first open, which a meeting package names as its origin)."""

from __future__ import annotations

import uuid

from sqlalchemy import select

from desk_app.domain.profiles import BUILTIN_PROFILES
from desk_app.store.models import Field, Profile, Setting

IDENTITY_SETTING = "database.identity"

DEFAULT_FIELDS = (
    "Đất đai", "Môi trường", "Giao thông, hạ tầng", "Thủy lợi", "Điện, nước sinh hoạt", "An ninh, trật tự",
    "Chính sách, an sinh xã hội", "Y tế", "Giáo dục", "Văn hóa, xã hội", "Nông nghiệp", "Cải cách hành chính",
    "Cán bộ, đảng viên", "Khác",
)


def identity(session) -> str | None:
    """This database's identity (copies of the file — backups — share it; a package has its own)."""
    return session.scalar(select(Setting.value).where(Setting.key == IDENTITY_SETTING))


def ensure_builtin_rows(database) -> None:
    database.run(_ensure)  # again if another program opening the same new server database raced it


def _ensure(session) -> None:
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
    if identity(session) is None:
        session.add(Setting(key=IDENTITY_SETTING, value=str(uuid.uuid4())))
