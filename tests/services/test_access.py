"""The optional password: scrypt hash, change and removal, wrong attempts slowed down."""

from __future__ import annotations

import datetime as dt

import pytest

from desk_app.domain.errors import ValidationError
from desk_app.services import access, settings


def test_password_set_checked_changed_removed(session, commune):
    assert not access.is_set(session) and access.check_password(session, "")
    with pytest.raises(ValidationError, match="ít nhất 6 ký tự"):
        access.set_password(session, "12345")
    access.set_password(session, "Tân Đoàn 2026")
    stored = settings.get(session, access.KEY)
    assert "Tân Đoàn 2026" not in str(stored) and len(stored["hash"]) == 64  # only a salted scrypt hash
    assert access.check_password(session, "Tân Đoàn 2026")
    assert not access.check_password(session, "tan doan 2026")
    with pytest.raises(ValidationError, match="Mật khẩu hiện tại không đúng"):
        access.set_password(session, "mat-khau-moi", old="sai")
    access.set_password(session, "mat-khau-moi", old="Tân Đoàn 2026")
    assert access.check_password(session, "mat-khau-moi")
    with pytest.raises(ValidationError):
        access.remove_password(session, "sai")
    access.remove_password(session, "mat-khau-moi")
    assert not access.is_set(session)


def test_wrong_attempts_are_slowed_down(session, commune):
    access.set_password(session, "dung-roi-123")
    now = dt.datetime(2026, 11, 21, 8, 0)
    for _ in range(access.FREE_ATTEMPTS):
        assert not access.check_password(session, "sai", now)
    wait = access.wait_seconds(session, now)  # after 3 wrong attempts each next one waits
    assert wait > 0
    with pytest.raises(ValidationError, match="hãy chờ"):
        access.check_password(session, "dung-roi-123", now)  # even the right one waits
    later = now + dt.timedelta(seconds=wait + 1)
    assert access.check_password(session, "dung-roi-123", later)
    assert access.wait_seconds(session, later) == 0
