"""Regulation profiles: the four built-in ones (read-only) and custom copies the commune edits."""

from __future__ import annotations

import dataclasses

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from desk_app.domain.errors import ValidationError
from desk_app.domain.profiles import Profile, validate_profile
from desk_app.domain.text import clean_text, fold
from desk_app.store import models as m
from desk_app.services.common import domain_profile, get
from desk_app.services.followup import recompute_due_dates


def list_profiles(session: Session) -> list[m.Profile]:
    """Built-in first, then custom ones by name."""
    return list(session.scalars(select(m.Profile).order_by(m.Profile.built_in.desc(), m.Profile.name)))


def by_code(session: Session, code: str) -> m.Profile:
    row = session.scalar(select(m.Profile).where(m.Profile.code == code))
    if row is None:
        raise ValidationError({"profile": f"Không có bộ quy định mã “{code}”."})
    return row


def copy_profile(session: Session, source_id: int, name: str) -> m.Profile:
    """A custom, editable copy of any profile (built-in ones cannot be edited themselves)."""
    source = get(session, m.Profile, source_id)
    name = clean_text(name)
    if not name:
        raise ValidationError({"name": "Tên bộ quy định không được để trống."})
    if session.scalar(select(func.count(m.Profile.id)).where(m.Profile.name == name)):
        raise ValidationError({"name": f"Đã có bộ quy định tên “{name}”."})
    base = "tuy-chinh-" + "-".join(fold(name).split())[:20]
    code, number = base, 1
    while session.scalar(select(m.Profile.id).where(m.Profile.code == code)):
        number += 1
        code = f"{base}-{number}"
    profile = domain_profile(source).copy_as(code, name)
    row = m.Profile(code=code, name=name, built_in=False, data=profile.to_dict())
    session.add(row)
    session.flush()
    return row


def update_profile(session: Session, profile_id: int, profile: Profile) -> m.Profile:
    """Save an edited custom profile; built-in profiles are refused."""
    row = get(session, m.Profile, profile_id)
    if row.built_in:
        raise ValidationError({"profile": f"“{row.name}” là bộ quy định có sẵn, không sửa được; hãy tạo bản sao "
                                          "rồi sửa bản sao."})
    profile = dataclasses.replace(profile, code=row.code, built_in=False, name=clean_text(profile.name))
    validate_profile(profile)
    row.name, row.data = profile.name, profile.to_dict()
    session.flush()
    recompute_due_dates(session, list(session.scalars(select(m.DialogueSession.id)
                                                      .where(m.DialogueSession.profile_id == row.id))))
    return row


def delete_profile(session: Session, profile_id: int) -> None:
    row = get(session, m.Profile, profile_id)
    if row.built_in:
        raise ValidationError({"profile": "Không xóa được bộ quy định có sẵn."})
    used = session.scalar(select(func.count(m.DialogueSession.id)).where(m.DialogueSession.profile_id == row.id))
    used += session.scalar(select(func.count(m.Commune.id)).where(m.Commune.profile_id == row.id))
    if used:
        raise ValidationError({"profile": f"Bộ quy định “{row.name}” đang được dùng, không xóa được."})
    session.delete(row)
    session.flush()
